// Demo data for retention (issue 20): a dossier closed long ago that is due for deletion, and one on a legal hold
// (beroep). The daily job's list is made, so the approval page shows it.
import { format, parseISO, subMonths, subYears } from 'date-fns';
import { runRetentionJob } from '../app/retention.js';
import { refreshClientStatus } from '../db/client-status.js';
import type { Db } from '../db/connection.js';
import { insertLegalHold } from '../db/retention.js';
import { type Clock, todayOf } from '../lib/clock.js';

const iso = (d: Date) => format(d, 'yyyy-MM-dd');

export function seedRetentionDemo(db: Db, clock: Clock): void {
  const today = todayOf(clock);
  const t = parseISO(today);
  const now = clock.now().toISOString();
  const user = db.prepare("SELECT id, team_id FROM users WHERE username = 'consulent'").get() as { id: number; team_id: number } | undefined;
  if (!user) return;
  const people = [
    { number: 'RT-001', first: 'Karim', last: 'Benali', closedOn: iso(subMonths(subYears(t, 5), 2)), type: 'COMPLETED', reason: 'Eindgesprek gehouden, certificaat uitgereikt' },
    { number: 'RT-002', first: 'Nadia', last: 'Rahimi', closedOn: iso(subMonths(subYears(t, 5), 4)), type: 'TERMIJN_ENDED', reason: 'Termijn verstreken; boete opgelegd' },
  ];
  db.transaction(() => {
    for (const p of people) {
      const linked = iso(subYears(parseISO(p.closedOn), 3));
      const id = Number(
        db
          .prepare(
            `INSERT INTO clients (client_number, first_name, last_name, birth_date, bsn, doelgroep, linked_on, phone, team_id, consulent_id,
               closed_on, closure_reason, created_at, updated_at)
             VALUES (?, ?, ?, '1987-04-02', NULL, 'ASIELSTATUSHOUDER', ?, '06-11112222', ?, ?, ?, ?, ?, ?)`,
          )
          .run(p.number, p.first, p.last, linked, user.team_id, user.id, p.closedOn, p.type, now, now).lastInsertRowid,
      );
      db.prepare(`INSERT INTO decisions (client_id, kind, decided_on, reason, data, decided_by, created_at) VALUES (?, 'CLOSURE', ?, ?, ?, ?, ?)`).run(
        id,
        p.closedOn,
        p.reason,
        JSON.stringify({ type: p.type }),
        user.id,
        now,
      );
      db.prepare(
        `INSERT INTO contact_attempts (client_id, attempted_on, channel, reached, note, created_by, created_at) VALUES (?, ?, 'TELEFOON', 1, ?, ?, ?)`,
      ).run(id, linked, `Eerste kennismaking met ${p.first}; afspraak voor de intake gemaakt`, user.id, now);
      db.prepare(`INSERT INTO client_events (client_id, occurred_on, kind, summary, user_id, created_at) VALUES (?, ?, 'CLOSURE', ?, ?, ?)`).run(
        id,
        p.closedOn,
        `Traject afgesloten. Reden: ${p.reason}.`,
        user.id,
        now,
      );
      refreshClientStatus(db, id, today);
      if (p.number === 'RT-002') {
        insertLegalHold(db, { clientId: id, kind: 'BEROEP', reason: 'Beroep bij de rechtbank tegen de boete (zaak ROT 21/0417)', placedOn: iso(subMonths(t, 2)), userId: user.id, now });
      }
    }
  })();
  runRetentionJob({ db, clock }, 'dagelijkse taak');
}
