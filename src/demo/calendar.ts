// Demo data for issue 24: appointments this week for the demo consulent (one with an interpreter still to book,
// one handhavingsgesprek whose registered letter went out late), a client with two no-shows in a row, a MAP
// registration, DUO ledger lines not yet passed on (one well past the signal), and a new inburgeringsplichtige
// reported by DUO. Overdue milestones come from the progress demo clients themselves (no PVT within a year).
import { addDays, format, subDays } from 'date-fns';
import { type Clock, todayOf } from '../lib/clock.js';
import { type AppointmentInput, insertAppointment, setAppointmentOutcome } from '../db/appointments.js';
import { refreshClientStatus } from '../db/client-status.js';
import type { Db } from '../db/connection.js';
import { insertDuoLine, insertDuoSignal } from '../db/duo.js';
import { insertMilestoneRecord } from '../db/milestones.js';

const iso = (d: Date) => format(d, 'yyyy-MM-dd');

export function seedCalendarDemo(db: Db, clock: Clock): number {
  const user = db.prepare("SELECT id, team_id AS teamId FROM users WHERE username = 'consulent'").get() as { id: number; teamId: number } | undefined;
  if (!user) return 0;
  if ((db.prepare('SELECT COUNT(*) FROM appointments').pluck().get() as number) > 0) return 0;
  const clients = db
    .prepare(
      `SELECT c.id, p.vastgesteld_on AS pipOn, r.route FROM clients c
       JOIN pip_versions p ON p.client_id = c.id AND p.version_no = 1
       JOIN route_decisions r ON r.client_id = c.id AND r.kind = 'CHOICE'
       WHERE c.consulent_id = ? AND c.closed_on IS NULL ORDER BY c.id LIMIT 6`,
    )
    .all(user.id) as { id: number; pipOn: string; route: string }[];
  if (clients.length < 4) return 0;
  const now = clock.now();
  const nowIso = now.toISOString();
  const today = todayOf(clock);
  const at = (days: number, time: string) => `${iso(addDays(now, days))}T${time}`;
  const base: AppointmentInput = {
    kind: 'VOORTGANG',
    startsAt: at(0, '10:00'),
    durationMinutes: 45,
    mode: 'OFFICE',
    place: 'Wijkkantoor Noord, spreekkamer 2',
    interpreterLanguage: null,
    interpreterBooked: false,
    others: null,
    invitationSentOn: iso(subDays(now, 10)),
    invitationMethod: 'POST',
  };
  const [a, b, c, d] = clients as [(typeof clients)[0], (typeof clients)[0], (typeof clients)[0], (typeof clients)[0]];
  db.transaction(() => {
    insertAppointment(db, a.id, user.id, base, user.id, nowIso);
    insertAppointment(db, b.id, user.id, { ...base, startsAt: at(0, '14:30'), mode: 'VIDEO', place: null, interpreterLanguage: 'Tigrinya' }, user.id, nowIso);
    insertAppointment(
      db,
      c.id,
      user.id,
      { ...base, kind: 'HANDHAVING', startsAt: at(1, '09:00'), invitationSentOn: iso(subDays(now, 3)), invitationMethod: 'REGISTERED_POST' },
      user.id,
      nowIso,
    );
    // Two no-shows in a row: a signal on the caseload.
    for (const days of [28, 14]) {
      const id = insertAppointment(db, d.id, user.id, { ...base, startsAt: at(-days, '11:00'), invitationSentOn: iso(subDays(now, days + 14)) }, user.id, nowIso);
      setAppointmentOutcome(db, d.id, id, 1, { status: 'NO_SHOW', cancelledBy: null, reason: null, on: iso(subDays(now, days)) }, nowIso);
    }
    insertMilestoneRecord(db, a.id, { code: 'MAP_REGISTERED', doneOn: iso(subDays(now, 60)), note: null }, user.id, nowIso);
    // DUO: what was decided but not passed on; the oldest well past the signal.
    for (const [i, cl] of clients.slice(0, 4).entries()) {
      const createdAt = subDays(now, [30, 16, 5, 1][i]!).toISOString();
      insertDuoLine(
        db,
        { clientId: cl.id, fact: 'PIP_SET', factOn: cl.pipOn, data: { versie: 1 }, summary: `PIP vastgesteld op ${cl.pipOn.split('-').reverse().join('-')} (versie 1)`, refTable: 'pip_versions', refId: 1 },
        user.id,
        createdAt,
      );
    }
    insertDuoSignal(
      db,
      { teamId: user.teamId, clientId: null, kind: 'NEW_INBURGERINGSPLICHTIGE', receivedOn: iso(subDays(now, 2)), bsn: '999990019', dutyStartOn: iso(subDays(now, 20)), note: null },
      user.id,
      nowIso,
    );
    for (const cl of clients) refreshClientStatus(db, cl.id, today);
  })();
  return clients.length;
}
