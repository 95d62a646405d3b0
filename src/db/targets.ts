// The municipality's targets (versioned, effective-dated) and the figures measured against them. Every figure is
// a count on client_status, with the caseload signals' own predicates where a signal exists (SIGNAL_SQL).
import { formatISO, parseISO, subWeeks } from 'date-fns';
import { countTargets, type HoursAsOf, type Route, type TargetCount, type TargetFacts, type TargetSet } from '../domain/index.js';
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

export type { TargetCount };

/**
 * Every client of a team with the facts behind the target figures, in one read of the team's status rows; the
 * figures are counted from it (`countTargets` in src/domain/targets.ts). `atRisk` is the AT_RISK signal's own
 * predicate (SIGNAL_SQL), so "on track" today is the caseload's signal.
 */
export function teamTargetFacts(db: Db, teamId: number): TargetFacts[] {
  return prepared(
    db,
    `SELECT s.client_id AS clientId, s.route, s.linked_on AS linkedOn, s.intake_started_on AS intakeStartedOn,
       s.pip_due_on AS pipDueOn, s.pip_set_on AS pipSetOn, s.first_placement_on AS firstPlacementOn,
       s.termijn_end AS termijnEnd, s.first_end_on AS firstEndOn, s.closed_on AS closedOn,
       c.closure_reason AS closureReason, s.language_norm AS languageNorm, s.participation_norm AS participationNorm,
       (${SIGNAL_SQL.AT_RISK}) AS atRisk
     FROM client_status s JOIN clients c ON c.id = s.client_id
     WHERE s.team_id = ?`,
  ).all(teamId) as TargetFacts[];
}

/**
 * Per client of a team with a PIP set by `asOf`: the hours attended up to `asOf` and in the forecast window
 * (windowStart, asOf], summed in SQL: for the forecast of a past date. The registered hour entries as known now
 * (entries removed since are left out). Language: LANGUAGE; participation: PARTICIPATION, MAP and PAID_WORK (hours
 * that count only by a decision, such as instruments or guidance conversations, are not in it). Read through the
 * covering index hour_entries_client_hours (migration 0191).
 */
export function teamHoursAsOf(db: Db, teamId: number, asOf: string, windowStart: string): Map<number, HoursAsOf> {
  const rows = prepared(
    db,
    `SELECT h.client_id,
       TOTAL(CASE WHEN h.kind = 'LANGUAGE' THEN h.hours END),
       TOTAL(CASE WHEN h.kind = 'LANGUAGE' AND h.period_end > @windowStart THEN h.hours END),
       TOTAL(CASE WHEN h.kind <> 'LANGUAGE' THEN h.hours END),
       TOTAL(CASE WHEN h.kind <> 'LANGUAGE' AND h.period_end > @windowStart THEN h.hours END)
     FROM client_status s JOIN hour_entries h ON h.client_id = s.client_id
     WHERE s.team_id = @teamId AND s.pip_set_on <= @asOf AND h.period_end <= @asOf AND h.deleted_at IS NULL
       AND h.kind IN ('LANGUAGE', 'PARTICIPATION', 'MAP', 'PAID_WORK')
     GROUP BY h.client_id`,
  )
    .raw(true)
    .all({ teamId, asOf, windowStart }) as [number, number, number, number, number][];
  const out = new Map<number, HoursAsOf>();
  for (const [id, language, languageInWindow, participation, participationInWindow] of rows) {
    out.set(id, { language, languageInWindow, participation, participationInWindow });
  }
  return out;
}

/** The hours of a past date's forecast (see `teamHoursAsOf`); none for a period up to today (the signal is used). */
export function hoursForPeriod(db: Db, teamId: number, to: string, today: string): Map<number, HoursAsOf> {
  if (to >= today) return new Map();
  const weeks = rulesInForce(db, to).general.forecastWindowWeeks;
  return teamHoursAsOf(db, teamId, to, formatISO(subWeeks(parseISO(to), weeks), { representation: 'date' }));
}

/** The counts behind each target for a team over [from, to] (see `countTargets`). */
export function targetCounts(db: Db, teamId: number, from: string, to: string, today: string, t: TargetSet, route: Route | null = null): TargetCount[] {
  const windowWeeks = rulesInForce(db, to < today ? to : today).general.forecastWindowWeeks;
  return countTargets(teamTargetFacts(db, teamId), hoursForPeriod(db, teamId, to, today), { from, to, today, targets: t, windowWeeks, route });
}
