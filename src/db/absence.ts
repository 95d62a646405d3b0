import {
  absenceByPeriod,
  CURRENT_ABSENCE_MONTHS,
  currentAbsence,
  type GeneralRules,
  type ExcusedReasonKind,
  lastMonths,
  type PeriodAbsence,
  type PeriodHours,
  type Route,
} from '../domain/index.js';
import { type Db, prepared } from './connection.js';
import { currentRoute } from './progress.js';
import { rulesInForce } from './rules.js';

/** Months shown on the absence page. */
export const ABSENCE_MONTHS = 6;

// Attendance counts only hour entries that carry planned hours; paid work has no attendance duty. Hours
// attended beyond the plan do not make up for absence in the same period (MIN per entry). An entry
// belongs to the month of its period_end, as the rest of Koers counts hours.
const PLANNED_SQL = `
SELECT client_id AS clientId, substr(period_end, 1, 7) AS period,
  SUM(planned_hours) AS planned, SUM(MIN(hours, planned_hours)) AS attended
FROM hour_entries
WHERE deleted_at IS NULL AND planned_hours IS NOT NULL AND kind <> 'PAID_WORK'
  AND period_end >= ? AND period_end <= ? AND client_id IN (SELECT value FROM json_each(?))
GROUP BY client_id, substr(period_end, 1, 7)`;

const EXCUSED_SQL = `
SELECT client_id AS clientId, substr(from_date, 1, 7) AS period, SUM(hours) AS excused
FROM excused_absences
WHERE from_date >= ? AND from_date <= ? AND client_id IN (SELECT value FROM json_each(?))
GROUP BY client_id, substr(from_date, 1, 7)`;

function periodHours(db: Db, clientIds: number[], months: string[]): Map<number, PeriodHours[]> {
  const from = `${months[0]}-01`;
  const to = `${months[months.length - 1]}-31`;
  const ids = JSON.stringify(clientIds);
  const byClient = new Map<number, Map<string, PeriodHours>>();
  const get = (clientId: number, period: string) => {
    let m = byClient.get(clientId);
    if (!m) {
      m = new Map();
      byClient.set(clientId, m);
    }
    let p = m.get(period);
    if (!p) {
      p = { period, planned: 0, attended: 0, excused: 0 };
      m.set(period, p);
    }
    return p;
  };
  for (const r of prepared(db, PLANNED_SQL).all(from, to, ids) as { clientId: number; period: string; planned: number; attended: number }[]) {
    const p = get(r.clientId, r.period);
    p.planned = r.planned;
    p.attended = r.attended;
  }
  for (const r of prepared(db, EXCUSED_SQL).all(from, to, ids) as { clientId: number; period: string; excused: number }[]) {
    get(r.clientId, r.period).excused = r.excused;
  }
  return new Map([...byClient].map(([id, m]) => [id, [...m.values()]]));
}

export interface ClientAbsence {
  route: Route | null;
  threshold: number | null;
  periods: PeriodAbsence[]; // oldest month first
  signalling: PeriodAbsence[];
}

/** The absence per calendar month over the last six months (the current month included). */
export function clientAbsence(db: Db, clientId: number, today: string): ClientAbsence {
  const months = lastMonths(today, ABSENCE_MONTHS);
  const route = currentRoute(db, clientId);
  const general = rulesInForce(db, today).general;
  const periods = absenceByPeriod(months, periodHours(db, [clientId], months).get(clientId) ?? [], route, general);
  return {
    route,
    threshold: route ? general.absenceThresholdPct[route] : null,
    periods,
    signalling: periods.filter((p) => p.signal),
  };
}

/**
 * The client's current absence for the caseload signal (see `currentAbsence` in the domain): the latest of
 * this month and the last with planned hours, or null. `route` is the client's current route.
 */
export function currentClientAbsence(
  db: Db,
  clientId: number,
  route: Route | null,
  general: Pick<GeneralRules, 'absenceThresholdPct'>,
  today: string,
): PeriodAbsence | null {
  if (route === null) return null;
  const months = lastMonths(today, CURRENT_ABSENCE_MONTHS);
  return currentAbsence(absenceByPeriod(months, periodHours(db, [clientId], months).get(clientId) ?? [], route, general));
}

export interface ExcusedAbsence {
  id: number;
  fromDate: string;
  toDate: string;
  hours: number;
  reasonKind: ExcusedReasonKind;
  note: string | null;
  createdByName: string;
  createdAt: string;
}

export function listExcusedAbsences(db: Db, clientId: number): ExcusedAbsence[] {
  return db
    .prepare(
      `SELECT e.id, e.from_date AS fromDate, e.to_date AS toDate, e.hours, e.reason_kind AS reasonKind, e.note,
         u.display_name AS createdByName, e.created_at AS createdAt
       FROM excused_absences e JOIN users u ON u.id = e.created_by
       WHERE e.client_id = ? ORDER BY e.from_date DESC, e.id DESC`,
    )
    .all(clientId) as ExcusedAbsence[];
}

export interface NewExcusedAbsence {
  clientId: number;
  fromDate: string;
  toDate: string;
  hours: number;
  reasonKind: ExcusedReasonKind;
  note: string | null;
}

/** True when exactly this excused absence (same days, hours and reason) is already recorded: a double submit. */
export function excusedAbsenceExists(db: Db, e: NewExcusedAbsence): boolean {
  return (
    db
      .prepare(
        `SELECT COUNT(*) FROM excused_absences
         WHERE client_id = ? AND from_date = ? AND to_date = ? AND hours = ? AND reason_kind = ?`,
      )
      .pluck()
      .get(e.clientId, e.fromDate, e.toDate, e.hours, e.reasonKind) as number
  ) > 0;
}

/** Inserts an excused absence; the caller writes its timeline event in the same transaction. */
export function insertExcusedAbsence(db: Db, e: NewExcusedAbsence, userId: number, nowIso: string): number {
  const r = db
    .prepare(
      `INSERT INTO excused_absences (client_id, from_date, to_date, hours, reason_kind, note, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(e.clientId, e.fromDate, e.toDate, e.hours, e.reasonKind, e.note, userId, nowIso);
  return Number(r.lastInsertRowid);
}
