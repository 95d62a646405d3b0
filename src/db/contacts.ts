// The contact log (issue 21): every contact with or about a client. The table is still called
// contact_attempts (migration 0140 rebuilt it; timeline events and the data export refer to it).
import { type Db, prepared } from './connection.js';

export const CONTACT_CHANNELS = ['KANTOOR', 'HUISBEZOEK', 'TELEFOON', 'VIDEO', 'EMAIL', 'BERICHTEN', 'BRIEF', 'VIA_PARTNER', 'VIA_NETWERK'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
export const CONTACT_CHANNEL_LABELS: Record<ContactChannel, string> = {
  KANTOOR: 'Gesprek op kantoor',
  HUISBEZOEK: 'Huisbezoek',
  TELEFOON: 'Telefoon',
  VIDEO: 'Videobellen',
  EMAIL: 'E-mail',
  BERICHTEN: 'WhatsApp, sms of ander bericht',
  BRIEF: 'Brief',
  VIA_PARTNER: 'Via een partner (aanbieder, jobcoach, werkgever)',
  VIA_NETWERK: 'Via netwerk (familie, buren, maatje)',
};

export const CONTACT_PARTICIPANTS = ['CLIENT', 'AANBIEDER', 'JOBCOACH', 'WERKGEVER', 'MAATSCHAPPELIJK_BEGELEIDER', 'TOLK'] as const;
export type ContactParticipant = (typeof CONTACT_PARTICIPANTS)[number];
export const CONTACT_PARTICIPANT_LABELS: Record<ContactParticipant, string> = {
  CLIENT: 'Cliënt',
  AANBIEDER: 'Aanbieder (taalschool, participatie)',
  JOBCOACH: 'Jobcoach',
  WERKGEVER: 'Werkgever',
  MAATSCHAPPELIJK_BEGELEIDER: 'Maatschappelijk begeleider',
  TOLK: 'Tolk',
};

/** "cliënt, jobcoach en tolk" */
export function participantsText(participants: readonly ContactParticipant[]): string {
  const names = participants.map((p) => (p === 'CLIENT' ? 'cliënt' : CONTACT_PARTICIPANT_LABELS[p].replace(/ \(.*\)$/, '').toLowerCase()));
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} en ${names.at(-1)}` : (names[0] ?? '');
}

/** The timeline line of a contact: as the contact attempts read before, with the others who took part. */
export function contactSummary(channel: ContactChannel, participants: readonly ContactParticipant[], reached: boolean): string {
  const onlyClient = participants.length === 1 && participants[0] === 'CLIENT';
  const withWhom = onlyClient ? '' : ` (met ${participantsText(participants)})`;
  return `Contactpoging via ${CONTACT_CHANNEL_LABELS[channel].toLowerCase()}${withWhom}: ${reached ? 'bereikt' : 'niet bereikt'}`;
}

export interface ContactEntry {
  id: number;
  contactOn: string;
  channel: ContactChannel;
  participants: ContactParticipant[];
  withClient: boolean;
  reached: boolean;
  note: string | null;
  createdByName: string | null;
}

export interface ContactInput {
  clientId: number;
  contactOn: string;
  channel: ContactChannel;
  participants: readonly ContactParticipant[];
  reached: boolean;
  note: string | null;
  userId: number;
}

type Row = Omit<ContactEntry, 'participants' | 'withClient' | 'reached'> & { participants: string; withClient: number; reached: number };

const toEntry = (r: Row): ContactEntry => ({
  ...r,
  participants: r.participants.split(',') as ContactParticipant[],
  withClient: r.withClient === 1,
  reached: r.reached === 1,
});

/** The client's contact log, newest first; `limit` for a short list. */
export function listContacts(db: Db, clientId: number, limit = 10_000): ContactEntry[] {
  const rows = prepared(
    db,
    `SELECT a.id, a.attempted_on AS contactOn, a.channel, a.participants, a.with_client AS withClient, a.reached, a.note,
       u.display_name AS createdByName
     FROM contact_attempts a LEFT JOIN users u ON u.id = a.created_by
     WHERE a.client_id = ? ORDER BY a.attempted_on DESC, a.id DESC LIMIT ?`,
  ).all(clientId, limit) as Row[];
  return rows.map(toEntry);
}

export function countContacts(db: Db, clientId: number): number {
  return prepared(db, 'SELECT COUNT(*) FROM contact_attempts WHERE client_id = ?').pluck().get(clientId) as number;
}

/** Adds one contact; participants in the order of CONTACT_PARTICIPANTS, each once. */
export function addContact(db: Db, c: ContactInput, nowIso: string): number {
  const participants = CONTACT_PARTICIPANTS.filter((p) => c.participants.includes(p));
  const r = prepared(
    db,
    `INSERT INTO contact_attempts (client_id, attempted_on, channel, participants, with_client, reached, note, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(c.clientId, c.contactOn, c.channel, participants.join(','), participants.includes('CLIENT') ? 1 : 0, c.reached ? 1 : 0, c.note, c.userId, nowIso);
  return Number(r.lastInsertRowid);
}

/** The no-contact signal's facts as kept in client_status (null without a status row). */
export function contactSignalFacts(db: Db, clientId: number): { lastClientContactOn: string | null; contactDueOn: string | null } | null {
  return (
    (prepared(db, 'SELECT last_client_contact_on AS lastClientContactOn, contact_due_on AS contactDueOn FROM client_status WHERE client_id = ?').get(
      clientId,
    ) as { lastClientContactOn: string | null; contactDueOn: string | null } | undefined) ?? null
  );
}
