// Key figures of a team for a period, for the teamleider. Counts in SQL; only the median is taken in JS.
import type { Doelgroep, Phase, Route } from '../domain/index.js';
import type { Db } from './connection.js';
import { rulesInForce } from './rules.js';

export interface TeamFigures {
  from: string;
  to: string;
  newClients: number;
  newWithIntake: number;
  pipCount: number;
  pipMedianWeeks: number | null;
  routes: { route: Route; count: number }[];
  phases: { phase: Phase; count: number }[];
  conversationsHeld: number;
  conversationsDue: number;
  preEndHeld: number;
  endHeld: number;
}

/** Average days in a month, to turn a conversation interval in months into days. */
const DAYS_PER_MONTH = 30.4375;

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? (v[mid] as number) : ((v[mid - 1] as number) + (v[mid] as number)) / 2;
}

export function teamFigures(db: Db, teamId: number, from: string, to: string): TeamFigures {
  const p = { teamId, from, to };
  const intake = db
    .prepare(
      `SELECT COUNT(*) AS total, COALESCE(SUM(CASE WHEN i.started_on <= @to THEN 1 ELSE 0 END), 0) AS started
       FROM clients c LEFT JOIN intakes i ON i.client_id = c.id
       WHERE c.team_id = @teamId AND c.linked_on BETWEEN @from AND @to`,
    )
    .get(p) as { total: number; started: number };

  const pipDays = db
    .prepare(
      `SELECT julianday(s.pip_set_on) - julianday(s.intake_started_on) FROM client_status s
       WHERE s.team_id = @teamId AND s.pip_set_on BETWEEN @from AND @to AND s.intake_started_on IS NOT NULL`,
    )
    .pluck()
    .all(p) as number[];
  const med = median(pipDays);

  const routes = db
    .prepare(
      `SELECT r.route, COUNT(*) AS count FROM route_decisions r JOIN clients c ON c.id = r.client_id
       WHERE c.team_id = @teamId AND r.kind = 'CHOICE' AND r.approval_status <> 'REJECTED'
         AND r.decided_on BETWEEN @from AND @to
       GROUP BY r.route ORDER BY r.route`,
    )
    .all(p) as { route: Route; count: number }[];

  const phases = db
    .prepare('SELECT phase, COUNT(*) AS count FROM client_status WHERE team_id = @teamId GROUP BY phase')
    .all(p) as { phase: Phase; count: number }[];

  const held = db
    .prepare(
      `SELECT
         COALESCE(SUM(CASE WHEN v.kind = 'VOORTGANG' THEN 1 ELSE 0 END), 0) AS progress,
         COALESCE(SUM(CASE WHEN v.kind = 'PRE_EIND' THEN 1 ELSE 0 END), 0) AS preEnd,
         COALESCE(SUM(CASE WHEN v.kind = 'EIND' THEN 1 ELSE 0 END), 0) AS end
       FROM conversations v JOIN clients c ON c.id = v.client_id
       WHERE c.team_id = @teamId AND v.held_on BETWEEN @from AND @to AND v.approval_status <> 'REJECTED'`,
    )
    .get(p) as { progress: number; preEnd: number; end: number };

  // Due (approximation): for every client, the days of the period that fall inside the running termijn
  // (from the PIP to the end of the termijn or the closure) divided by the interval for the doelgroep.
  const activeDays = db
    .prepare(
      `SELECT c.doelgroep,
         SUM(MAX(0, julianday(MIN(@to, COALESCE(s.closed_on, @to), COALESCE(s.termijn_end, @to)))
                    - julianday(MAX(@from, s.pip_set_on)) + 1)) AS days
       FROM client_status s JOIN clients c ON c.id = s.client_id
       WHERE s.team_id = @teamId AND s.pip_set_on IS NOT NULL AND s.pip_set_on <= @to
       GROUP BY c.doelgroep`,
    )
    .all(p) as { doelgroep: Doelgroep; days: number }[];
  const interval = rulesInForce(db, to).general.conversationIntervalMonths;
  const due = activeDays.reduce((sum, r) => sum + r.days / (interval[r.doelgroep] * DAYS_PER_MONTH), 0);

  return {
    from,
    to,
    newClients: intake.total,
    newWithIntake: intake.started,
    pipCount: pipDays.length,
    pipMedianWeeks: med === null ? null : Math.round((med / 7) * 10) / 10,
    routes,
    phases,
    conversationsHeld: held.progress,
    conversationsDue: Math.round(due),
    preEndHeld: held.preEnd,
    endHeld: held.end,
  };
}
