// The municipality's targets (versioned, effective-dated) and the figures measured against them. Every figure is
// a count on client_status, with the caseload signals' own predicates where a signal exists (SIGNAL_SQL).
import { type Route, type TargetKey, type TargetSet, type TargetVersion, targetSetSchema, targetsInForce } from '../domain/index.js';
import { SIGNAL_SQL } from './caseload.js';
import { type Db, prepared } from './connection.js';

export interface StoredTargetVersion extends TargetVersion {
  note: string | null;
  createdByName: string | null;
  createdAt: string;
}

interface Row {
  id: number;
  effective_from: string;
  targets: string;
  note: string | null;
  created_by_name: string | null;
  created_at: string;
}

function toVersion(r: Row): StoredTargetVersion {
  const parsed = targetSetSchema.safeParse(JSON.parse(r.targets));
  if (!parsed.success) throw new Error(`target version ${r.id} in the database is invalid`);
  return { id: r.id, effectiveFrom: r.effective_from, targets: parsed.data, note: r.note, createdByName: r.created_by_name, createdAt: r.created_at };
}

/** All versions, oldest effective date first. */
export function listTargetVersions(db: Db): StoredTargetVersion[] {
  const rows = prepared(
    db,
    `SELECT t.id, t.effective_from, t.targets, t.note, u.display_name AS created_by_name, t.created_at
     FROM target_versions t LEFT JOIN users u ON u.id = t.created_by ORDER BY t.effective_from`,
  ).all() as Row[];
  return rows.map(toVersion);
}

export function targetVersionOn(db: Db, effectiveFrom: string): { id: number } | undefined {
  return prepared(db, 'SELECT id FROM target_versions WHERE effective_from = ?').get(effectiveFrom) as { id: number } | undefined;
}

export function insertTargetVersion(db: Db, v: { effectiveFrom: string; targets: TargetSet; note: string | null; createdBy: number; now: string }): number {
  const r = prepared(db, 'INSERT INTO target_versions (effective_from, targets, note, created_by, created_at) VALUES (?, ?, ?, ?, ?)').run(
    v.effectiveFrom,
    JSON.stringify(v.targets),
    v.note,
    v.createdBy,
    v.now,
  );
  return Number(r.lastInsertRowid);
}

/** The targets in force on `date` (the defaults before the first version). */
export function targetsOn(db: Db, date: string): TargetSet {
  return targetsInForce(listTargetVersions(db), date);
}

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
 * - ON_TRACK: only for a period that ends today: running trajectories with a PIP; part: not AT_RISK (the signal).
 * - PLACEMENT: clients whose moment `placementMonths` after the PIP fell in the period; part: a participation
 *   place (or paid work placement) activated by then.
 * - PLICHT_MET: clients whose termijn ended in the period; part: eindgesprek held, or closed as completed, by then.
 * With a route: only the clients on that route (client_status.route).
 */
export function targetCounts(db: Db, teamId: number, from: string, to: string, today: string, t: TargetSet, route: Route | null = null): TargetCount[] {
  const all = targetCountsPerRoute(db, teamId, from, to, today, t);
  return route === null ? all.all : (all.byRoute.get(route) ?? emptyTargetCounts());
}

/** The counts of a group without clients. */
export function emptyTargetCounts(): TargetCount[] {
  return countsOf(undefined, null);
}

type CountRow = Record<string, number | null>;

function countsOf(row: CountRow | undefined, track: { total: number; part: number } | null): TargetCount[] {
  const n = (k: string) => row?.[k] ?? 0;
  return [
    { key: 'INTAKE_STARTED', part: n('intakePart'), total: n('intakeTotal') },
    { key: 'PIP_ON_TIME', part: n('pipPart'), total: n('pipTotal') },
    { key: 'ON_TRACK', part: track?.part ?? 0, total: track?.total ?? 0 },
    { key: 'PLACEMENT', part: n('placementPart'), total: n('placementTotal') },
    { key: 'PLICHT_MET', part: n('plichtPart'), total: n('plichtTotal') },
  ];
}

const COUNT_KEYS = ['intakeTotal', 'intakePart', 'pipTotal', 'pipPart', 'placementTotal', 'placementPart', 'plichtTotal', 'plichtPart'];

/**
 * `targetCounts` for the whole team and for each route, from one read of the team's status rows (grouped by
 * route; the team's figure is the sum of the groups). The date arithmetic per row runs only for the rows
 * whose dates can fall in the period (CASE guards), so a team's history costs one pass of cheap comparisons.
 */
export function targetCountsPerRoute(
  db: Db,
  teamId: number,
  from: string,
  to: string,
  today: string,
  t: TargetSet,
): { all: TargetCount[]; byRoute: Map<Route, TargetCount[]> } {
  const until = to < today ? to : today;
  const p = { teamId, from, to: until, intakeDays: t.intakeWeeks * 7, months: t.placementMonths, today };
  // A PIP set before date(@from, -(months + 1) months) or after @to cannot reach the period `months` later (the
  // extra month covers SQLite's normalisation of month ends).
  const rows = prepared(
    db,
    `SELECT s.route AS route,
       SUM(CASE WHEN s.linked_on BETWEEN @from AND @to THEN (date(s.linked_on, '+' || @intakeDays || ' days') <= @today
           OR s.intake_started_on <= date(s.linked_on, '+' || @intakeDays || ' days')) END) AS intakeTotal,
       SUM(CASE WHEN s.linked_on BETWEEN @from AND @to THEN s.intake_started_on <= date(s.linked_on, '+' || @intakeDays || ' days') END) AS intakePart,
       SUM(s.pip_due_on BETWEEN @from AND @to AND (s.pip_due_on < @today OR s.pip_set_on IS NOT NULL)) AS pipTotal,
       SUM(s.pip_due_on BETWEEN @from AND @to AND s.pip_set_on <= s.pip_due_on) AS pipPart,
       SUM(CASE WHEN s.pip_set_on BETWEEN date(@from, '-' || (@months + 1) || ' months') AND @to
           THEN date(s.pip_set_on, '+' || @months || ' months') BETWEEN @from AND @to END) AS placementTotal,
       SUM(CASE WHEN s.pip_set_on BETWEEN date(@from, '-' || (@months + 1) || ' months') AND @to
           THEN date(s.pip_set_on, '+' || @months || ' months') BETWEEN @from AND @to
             AND s.first_placement_on <= date(s.pip_set_on, '+' || @months || ' months') END) AS placementPart,
       SUM(s.termijn_end BETWEEN @from AND @to) AS plichtTotal,
       SUM(CASE WHEN s.termijn_end BETWEEN @from AND @to THEN (s.first_end_on <= s.termijn_end
           OR (s.closed_on <= s.termijn_end AND (SELECT c.closure_reason FROM clients c WHERE c.id = s.client_id) = 'COMPLETED')) END) AS plichtPart
     FROM client_status s
     WHERE s.team_id = @teamId
     GROUP BY s.route`,
  ).all(p) as (CountRow & { route: Route | null })[];
  // A snapshot: the AT_RISK signal's own predicate on today's status, only for a period that ends today.
  const tracks =
    to >= today
      ? (prepared(
          db,
          `SELECT s.route AS route, COUNT(*) AS total, COALESCE(SUM(NOT ${SIGNAL_SQL.AT_RISK}), 0) AS part
           FROM client_status s WHERE s.team_id = @teamId AND s.closed_on IS NULL AND s.pip_set_on IS NOT NULL
           GROUP BY s.route`,
        ).all({ teamId }) as { route: Route | null; total: number; part: number }[])
      : null;
  const sum: CountRow = {};
  for (const k of COUNT_KEYS) sum[k] = rows.reduce((a, r) => a + (r[k] ?? 0), 0);
  const trackSum = tracks && { total: tracks.reduce((a, r) => a + r.total, 0), part: tracks.reduce((a, r) => a + r.part, 0) };
  const byRoute = new Map<Route, TargetCount[]>();
  for (const r of rows) {
    if (r.route === null) continue;
    const tr = tracks ? (tracks.find((x) => x.route === r.route) ?? { total: 0, part: 0 }) : null;
    byRoute.set(r.route, countsOf(r, tr));
  }
  return { all: countsOf(sum, trackSum), byRoute };
}
