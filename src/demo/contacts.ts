import { format, subDays } from 'date-fns';
import { type Clock, todayOf } from '../lib/clock.js';
import { refreshClientStatus } from '../db/client-status.js';
import type { Db } from '../db/connection.js';
import { addContact, type ContactChannel, type ContactParticipant, contactSummary } from '../db/contacts.js';
import { addClientEvent } from '../db/timeline.js';

const iso = (d: Date) => format(d, 'yyyy-MM-dd');

/**
 * Demo clients left without recent contact, so the no-contact signal ("Geen contact") shows on the caseload:
 * Olena Kovalenko (only an address), Farid Ahmadi, Mohamed Osman and the enforcement and exam examples.
 */
const WITHOUT_CONTACT = new Set(['K-2024071', 'K-2024050', 'K-2024155', 'EX-001', 'EX-002', 'DEMO-HH-001']);

const REACHED: { channel: ContactChannel; participants: ContactParticipant[]; note: string }[] = [
  { channel: 'TELEFOON', participants: ['CLIENT'], note: 'Gebeld: lessen gaan goed, wil meer oefenen met spreken.' },
  { channel: 'KANTOOR', participants: ['CLIENT', 'TOLK'], note: 'Op kantoor met tolk: rooster en kinderopvang doorgenomen.' },
  { channel: 'BERICHTEN', participants: ['CLIENT'], note: 'WhatsApp: afspraak voor volgende week bevestigd.' },
  { channel: 'HUISBEZOEK', participants: ['CLIENT', 'MAATSCHAPPELIJK_BEGELEIDER'], note: 'Huisbezoek samen met de maatschappelijk begeleider.' },
  { channel: 'VIDEO', participants: ['CLIENT', 'JOBCOACH'], note: 'Videobellen met jobcoach: eerste weken op de werkplek besproken.' },
];

const ABOUT: { channel: ContactChannel; participants: ContactParticipant[]; note: string }[] = [
  { channel: 'TELEFOON', participants: ['AANBIEDER'], note: 'Taalschool gebeld over de aanwezigheid.' },
  { channel: 'EMAIL', participants: ['JOBCOACH', 'WERKGEVER'], note: 'Werkgever en jobcoach: uren op de werkplek afgestemd.' },
];

/** A contact log for the open demo clients (issue 21): reached contacts, contacts with partners and attempts. */
export function seedContactsDemo(db: Db, clock: Clock): number {
  const user = db.prepare("SELECT id FROM users WHERE username = 'consulent'").pluck().get() as number | undefined;
  if (!user) return 0;
  const now = clock.now();
  const nowIso = now.toISOString();
  const today = todayOf(clock);
  const clients = db
    .prepare('SELECT id, client_number AS number, consulent_id AS consulentId FROM clients WHERE closed_on IS NULL ORDER BY id')
    .all() as { id: number; number: string; consulentId: number | null }[];
  let count = 0;
  db.transaction(() => {
    clients.forEach((c, i) => {
      if (WITHOUT_CONTACT.has(c.number)) return;
      const by = c.consulentId ?? user;
      const add = (daysAgo: number, kind: (typeof REACHED)[number], reached: boolean) => {
        const on = iso(subDays(now, daysAgo));
        const id = addContact(db, { clientId: c.id, contactOn: on, channel: kind.channel, participants: kind.participants, reached, note: kind.note, userId: by }, nowIso);
        addClientEvent(db, {
          clientId: c.id,
          occurredOn: on,
          kind: 'CONTACT_ATTEMPT',
          summary: contactSummary(kind.channel, kind.participants, reached),
          refTable: 'contact_attempts',
          refId: id,
          userId: by,
        });
        count += 1;
      };
      const daysAgo = 2 + ((i * 5) % 24);
      if (i % 4 === 1) add(daysAgo + 2, { channel: 'TELEFOON', participants: ['CLIENT'], note: 'Geen gehoor, voicemail ingesproken.' }, false);
      add(daysAgo, REACHED[i % REACHED.length]!, true);
      if (i % 2 === 0) add(daysAgo + 6, ABOUT[(i / 2) % ABOUT.length]!, true);
      refreshClientStatus(db, c.id, today);
    });
  })();
  return count;
}
