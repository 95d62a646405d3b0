import { format, subDays } from 'date-fns';
import type { Clock } from '../lib/clock.js';
import type { Db } from '../db/connection.js';
import { addNoteOpening, addRestrictedNote } from '../db/restricted-notes.js';

const iso = (d: Date) => format(d, 'yyyy-MM-dd');

/**
 * Restricted notes (issue 20) on Amina Yusuf (D-1001), a client of Sanne de Vries (`consulent`): a medical note
 * and a Meldcode note. Mila Visser (`consulent3`, same team) opened the medical one with a reason last week, so
 * the teamleider's list and the dossier show an opening; the Meldcode note is still closed to her.
 */
export function seedRestrictedNotesDemo(db: Db, clock: Clock): number {
  const client = db.prepare("SELECT id, consulent_id AS consulentId FROM clients WHERE client_number = 'D-1001'").get() as
    | { id: number; consulentId: number | null }
    | undefined;
  const colleague = db.prepare("SELECT id FROM users WHERE username = 'consulent3'").pluck().get() as number | undefined;
  if (!client?.consulentId || !colleague) return 0;
  const now = clock.now();
  const nowIso = now.toISOString();
  db.transaction(() => {
    const medical = addRestrictedNote(
      db,
      {
        clientId: client.id,
        kind: 'MEDISCH',
        notedOn: iso(subDays(now, 40)),
        body: 'Cliënt vertelt over slaapproblemen en herbelevingen sinds de vlucht. Huisarts verwijst naar GGZ; lessen in de ochtend zijn zwaar. Afgesproken: middaglessen vragen bij de taalschool.',
        userId: client.consulentId!,
      },
      nowIso,
    );
    addRestrictedNote(
      db,
      {
        clientId: client.id,
        kind: 'MELDCODE',
        notedOn: iso(subDays(now, 12)),
        body: 'Signaal volgens de Meldcode: partner bepaalt of cliënt naar les mag. Stap 2 (collegiale consultatie) gedaan met de aandachtsfunctionaris; Veilig Thuis geraadpleegd. Volgende gesprek zonder partner.',
        userId: client.consulentId!,
      },
      nowIso,
    );
    addNoteOpening(
      db,
      { noteId: medical, clientId: client.id, userId: colleague, reason: 'Ik vervang Sanne tijdens haar verlof en plan het voortgangsgesprek.', openedOn: iso(subDays(now, 6)) },
      subDays(now, 6).toISOString(),
    );
  })();
  return 2;
}
