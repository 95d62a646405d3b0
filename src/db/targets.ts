// The municipality's targets (versioned, effective-dated) and the figures measured against them. Every figure is
// a count on client_status, with the caseload signals' own predicates where a signal exists (SIGNAL_SQL).
import { formatISO, parseISO, subWeeks } from 'date-fns';
import { atRiskOn, type OnTrackFacts, type Route, type TargetKey, type TargetSet } from '../domain/index.js';
import { SIGNAL_SQL } from './caseload.js';
import { type Db, prepared } from './connection.js';
import { rulesInForce } from './rules.js';

export {
  insertTargetVersion,
  listTargetVersions,
  type StoredTargetVersion,
  targetVersionOn,
  targetsOn,
} from './target-versions.js';

/**
 * `placementMonths` after the PIP as date-fns `addMonths` counts (and the termijn): SQLite's '+N months' runs over
 * into the next month from a day the target month lacks (31 December + 6 months is 1 July there), so the result
 * is capped at the last day of the target month (30 June).
 */
const PLACEMENT_DUE = `MIN(date(s.pip_set_on, '+' || @months || ' months'), date(s.pip_set_on, 'start of month', '+' || (@months + 1) || ' months', '-1 day'))`;

export interface TargetCount {
  key: TargetKey;
  part: number;
  total: number;
}

/**
 * The counts behind each target for a team over a period [from, to], as far as known on `today`:
 * - INTAKE_STARTED: clients registered in the period whose window of `intakeWeeks` has passed by today (or whose
 *   intake started); part: intake started within the window.
 * - PIP_ON_TIME: clients whose PIP deadline (client_status.pip_due_on, the one the PIP_LATE signal reads) fell
 *   in the period and has passed; part: PIP set on or before it (the opposite of PIP_LATE at that date).
 * - ON_TRACK: for a period up to today: running trajectories with a PIP; part: not AT_RISK (the signal). For a
 *   period that ended: the trajectories running on its last day and the forecast as of that day
 *   (`onTrackFactsAsOf`: the hours registered up to then; see there what it leaves out).
 * - PLACEMENT: clients whose moment `placementMonths` after the PIP fell in the period; part: a participation
 *   place (or paid work placement) activated by then.
 * - PLICHT_MET: clients whose termijn ended in the period; part: eindgesprek held, or closed as completed, by then.
 * With a route: only the clients on that route (client_status.route).
 */
export function targetCounts(db: Db, teamId: number, from: string, to: string, today: string, t: TargetSet, route: Route | null = null): TargetCount[] {
  const until = to < today ? to : today;
  const p = { teamId, from, to: until, intakeDays: t.intakeWeeks * 7, months: t.placementMonths, today, route };
  const row = prepared(
    db,
    `SELECT
       SUM(s.linked_on BETWEEN @from AND @to AND (date(s.linked_on, '+' || @intakeDays || ' days') <= @today
           OR s.intake_started_on <= date(s.linked_on, '+' || @intakeDays || ' days'))) AS intakeTotal,
       SUM(s.linked_on BETWEEN @from AND @to AND s.intake_started_on <= date(s.linked_on, '+' || @intakeDays || ' days')) AS intakePart,
       SUM(s.pip_due_on BETWEEN @from AND @to AND (s.pip_due_on < @today OR s.pip_set_on IS NOT NULL)) AS pipTotal,
       SUM(s.pip_due_on BETWEEN @from AND @to AND s.pip_set_on <= s.pip_due_on) AS pipPart,
       SUM(${PLACEMENT_DUE} BETWEEN @from AND @to) AS placementTotal,
       SUM(${PLACEMENT_DUE} BETWEEN @from AND @to AND s.first_placement_on <= ${PLACEMENT_DUE}) AS placementPart,
       SUM(s.termijn_end BETWEEN @from AND @to) AS plichtTotal,
       SUM(s.termijn_end BETWEEN @from AND @to AND (s.first_end_on <= s.termijn_end
           OR (c.closure_reason = 'COMPLETED' AND s.closed_on <= s.termijn_end))) AS plichtPart
     FROM client_status s JOIN clients c ON c.id = s.client_id
     WHERE s.team_id = @teamId AND (@route IS NULL OR s.route = @route)`,
  ).get(p) as Record<string, number | null>;
  const n = (k: string) => row[k] ?? 0;
  const counts: TargetCount[] = [
    { key: 'INTAKE_STARTED', part: n('intakePart'), total: n('intakeTotal') },
    { key: 'PIP_ON_TIME', part: n('pipPart'), total: n('pipTotal') },
  ];
  if (to >= today) {
    // A snapshot: the AT_RISK signal's own predicate on today's status.
    const track = prepared(
      db,
      `SELECT COUNT(*) AS total, COALESCE(SUM(NOT ${SIGNAL_SQL.AT_RISK}), 0) AS part
       FROM client_status s WHERE s.team_id = @teamId AND s.closed_on IS NULL AND s.pip_set_on IS NOT NULL
         AND (@route IS NULL OR s.route = @route)`,
    ).get({ teamId, route }) as { total: number; part: number };
    counts.push({ key: 'ON_TRACK', part: track.part, total: track.total });
  } else {
    // A period that ended: the forecast as of its last day, from the hours registered up to then.
    const windowWeeks = rulesInForce(db, to).general.forecastWindowWeeks;
    const windowStart = formatISO(subWeeks(parseISO(to), windowWeeks), { representation: 'date' });
    const running = onTrackFactsAsOf(db, teamId, to, windowStart, route);
    counts.push({ key: 'ON_TRACK', part: running.filter((f) => !atRiskOn(to, windowWeeks, f)).length, total: running.length });
  }
  counts.push({ key: 'PLACEMENT', part: n('placementPart'), total: n('placementTotal') });
  counts.push({ key: 'PLICHT_MET', part: n('plichtPart'), total: n('plichtTotal') });
  return counts;
}

/**
 * The trajectories of a team running on a past date `asOf` (PIP set on or before it, not closed by then), with
 * the hours attended up to that date and in the forecast window (windowStart, asOf]: what the forecast of that
 * date needs. Hours are the registered hour entries as known now (entries removed since are left out). Language:
 * LANGUAGE; participation: PARTICIPATION, MAP and PAID_WORK (hours counted by a decision, such as instruments or
 * guidance conversations, are not in it). The norms and the end of the termijn are the client's current ones.
 */
export function onTrackFactsAsOf(db: Db, teamId: number, asOf: string, windowStart: string, route: Route | null = null): OnTrackFacts[] {
  return prepared(
    db,
    `SELECT s.termijn_end AS termijnEnd, s.language_norm AS languageNorm, s.participation_norm AS participationNorm,
       COALESCE(SUM(CASE WHEN h.kind = 'LANGUAGE' THEN h.hours END), 0) AS language,
       COALESCE(SUM(CASE WHEN h.kind = 'LANGUAGE' AND h.period_end > @windowStart THEN h.hours END), 0) AS languageInWindow,
       COALESCE(SUM(CASE WHEN h.kind IN ('PARTICIPATION', 'MAP', 'PAID_WORK') THEN h.hours END), 0) AS participation,
       COALESCE(SUM(CASE WHEN h.kind IN ('PARTICIPATION', 'MAP', 'PAID_WORK') AND h.period_end > @windowStart THEN h.hours END), 0)
         AS participationInWindow
     FROM client_status s
       LEFT JOIN hour_entries h ON h.client_id = s.client_id AND h.period_end <= @asOf AND h.deleted_at IS NULL
     WHERE s.team_id = @teamId AND s.pip_set_on <= @asOf AND (s.closed_on IS NULL OR s.closed_on > @asOf)
       AND (@route IS NULL OR s.route = @route)
     GROUP BY s.client_id`,
  ).all({ teamId, asOf, windowStart, route }) as OnTrackFacts[];
}
