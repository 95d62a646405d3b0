// Caseload queries: one row per client from client_status joined with clients, filtered, counted and paged in
// SQL. Signals are plain predicates on client_status against today and the rules in force.
import { addMonths, formatISO, parseISO, subMonths, subWeeks } from 'date-fns';
import type { Phase, Route, StepKind } from '../domain/index.js';
import { type Db, prepared } from './connection.js';
import { refreshClientStatus, statusVersion } from './client-status.js';
import { EXAM_RESULT_SIGNAL_WEEKS, NO_EXAM_SIGNAL_MONTHS } from './language.js';
import { rulesInForce } from './rules.js';

export const SIGNALS = [
  'PIP_LATE',
  'CONVERSATION_OVERDUE',
  'ENFORCEMENT_OVERDUE',
  'AGREEMENTS_OVERDUE',
  'ABSENCE',
  'NO_HOURS',
  'AT_RISK',
  'EXTENSION',
  'TERMIJN_ENDING',
  'EXAM_NO_RESULT',
  'B1_NO_EXAM',
  'READY_PRE_END',
  'READY_END',
] as const;
export type Signal = (typeof SIGNALS)[number];

export const SIGNAL_LABELS: Record<Signal, string> = {
  PIP_LATE: 'PIP niet op tijd',
  CONVERSATION_OVERDUE: 'Voortgangsgesprek te laat',
  ENFORCEMENT_OVERDUE: 'Handhavingsstap te laat',
  AGREEMENTS_OVERDUE: 'Afspraken verlopen',
  ABSENCE: 'Verzuim boven de grens',
  NO_HOURS: 'Geen uren',
  AT_RISK: 'Haalt de norm mogelijk niet',
  EXTENSION: 'Verlenging overwegen',
  TERMIJN_ENDING: 'Termijn loopt af',
  EXAM_NO_RESULT: 'Examenuitslag ontbreekt',
  B1_NO_EXAM: 'Nog geen examen aangemeld',
  READY_PRE_END: 'Klaar voor pre-eindgesprek',
  READY_END: 'Klaar voor eindgesprek',
};

/** Signals that ask for action soon are shown as warnings; readiness signals as information. */
export const SIGNAL_TONE: Record<Signal, 'bad' | 'warn' | 'info'> = {
  PIP_LATE: 'bad',
  CONVERSATION_OVERDUE: 'bad',
  ENFORCEMENT_OVERDUE: 'bad',
  AGREEMENTS_OVERDUE: 'warn',
  ABSENCE: 'warn',
  NO_HOURS: 'warn',
  AT_RISK: 'warn',
  EXTENSION: 'warn',
  TERMIJN_ENDING: 'warn',
  EXAM_NO_RESULT: 'warn',
  B1_NO_EXAM: 'warn',
  READY_PRE_END: 'info',
  READY_END: 'info',
};

const OPEN = 's.closed_on IS NULL';

/**
 * Each signal as a SQL predicate on client_status `s`; parameters are the fields of `SignalParams`.
 * ABSENCE is left out while a handhavingstraject is open: the case's own steps are then the signal.
 */
export const SIGNAL_SQL: Record<Signal, string> = {
  PIP_LATE: `(${OPEN} AND s.pip_set_on IS NULL AND s.pip_due_on < @today)`,
  CONVERSATION_OVERDUE: `(${OPEN} AND s.next_conversation_due < @today)`,
  ENFORCEMENT_OVERDUE: `(${OPEN} AND s.enforcement_next_due < @today)`,
  AGREEMENTS_OVERDUE: `(${OPEN} AND s.open_agreement_due_min < @today)`,
  ABSENCE: `(${OPEN} AND s.absence_signal = 1 AND s.enforcement_case_open = 0)`,
  NO_HOURS: `(${OPEN} AND s.pip_set_on IS NOT NULL AND COALESCE(s.last_hours_on, s.pip_set_on) < @noHoursBefore)`,
  AT_RISK: `(${OPEN} AND s.at_risk = 1)`,
  EXTENSION: `(${OPEN} AND s.at_risk = 1 AND s.extended = 0 AND s.pip_set_on <= @extensionStartedBy)`,
  TERMIJN_ENDING: `(${OPEN} AND s.termijn_end <= @termijnBy)`,
  EXAM_NO_RESULT: `(${OPEN} AND s.exam_no_result_since <= @examResultBefore)`,
  B1_NO_EXAM: `(${OPEN} AND s.route = 'B1' AND s.exams_registered = 0 AND s.termijn_end <= @noExamBy)`,
  READY_PRE_END: `(${OPEN} AND s.route = 'Z' AND s.pre_end_eligible = 1 AND s.pre_end_held_on IS NULL)`,
  READY_END: `(${OPEN} AND s.end_eligible = 1 AND s.end_held_on IS NULL)`,
};

export const PHASES: readonly Phase[] = [
  'INTAKE',
  'ROUTE_CHOICE',
  'PIP',
  'IN_PROGRESS',
  'READY_FOR_PRE_END',
  'PRE_END_HELD',
  'READY_FOR_END',
  'CLOSED',
];
export const ROUTES: readonly Route[] = ['B1', 'ONDERWIJS', 'Z'];

export const SORTS = ['signals', 'name', 'termijn', 'conversation', 'phase'] as const;
export type Sort = (typeof SORTS)[number];
export const SORT_LABELS: Record<Sort, string> = {
  signals: 'Meeste signalen',
  name: 'Naam',
  termijn: 'Einde termijn',
  conversation: 'Volgend voortgangsgesprek',
  phase: 'Fase',
};

export interface CaseloadScope {
  teamId: number;
  /** Set for a consulent's own caseload (and the per-consulent view). */
  consulentId?: number | null;
}

export interface CaseloadFilter {
  consulentId: number | null;
  route: Route | null;
  phase: Phase | null;
  signal: Signal | null;
  q: string | null;
  showClosed: boolean;
  sort: Sort;
  dir: 'asc' | 'desc';
}

export const DEFAULT_FILTER: CaseloadFilter = {
  consulentId: null,
  route: null,
  phase: null,
  signal: null,
  q: null,
  showClosed: false,
  sort: 'signals',
  dir: 'asc',
};

export interface SignalParams {
  today: string;
  noHoursBefore: string;
  termijnBy: string;
  /** A PIP set on or before this date has run `extensionFromMonths` (2.5 years): time to consider verlenging. */
  extensionStartedBy: string;
  /** An exam on or before this date without a result is `EXAM_RESULT_SIGNAL_WEEKS` overdue. */
  examResultBefore: string;
  /** A B1-route termijn ending on or before this date without any exam registered is a signal. */
  noExamBy: string;
}

const iso = (d: Date) => formatISO(d, { representation: 'date' });

/** The dates the signals compare against, from today and the rules in force today. */
export function signalParams(
  db: Db,
  today: string,
): SignalParams & { noHoursWeeks: number; termijnMonths: number; caseloadNorm: number; extensionMonths: number } {
  const general = rulesInForce(db, today).general;
  const day = parseISO(today);
  return {
    today,
    noHoursBefore: iso(subWeeks(day, general.noHoursSignalWeeks)),
    termijnBy: iso(addMonths(day, general.termijnEndingSignalMonths)),
    extensionStartedBy: iso(subMonths(day, general.extensionFromMonths)),
    examResultBefore: iso(subWeeks(day, EXAM_RESULT_SIGNAL_WEEKS)),
    noExamBy: iso(addMonths(day, NO_EXAM_SIGNAL_MONTHS)),
    extensionMonths: general.extensionFromMonths,
    noHoursWeeks: general.noHoursSignalWeeks,
    termijnMonths: general.termijnEndingSignalMonths,
    caseloadNorm: general.caseloadNorm,
  };
}

/** Only the fields the signal predicates use (the SQL parameters must match the statement exactly). */
export function signalSqlParams(sp: SignalParams): SignalParams {
  return {
    today: sp.today,
    noHoursBefore: sp.noHoursBefore,
    termijnBy: sp.termijnBy,
    extensionStartedBy: sp.extensionStartedBy,
    examResultBefore: sp.examResultBefore,
    noExamBy: sp.noExamBy,
  };
}

const SIGNAL_COUNT_SQL = SIGNALS.map((s) => `(CASE WHEN ${SIGNAL_SQL[s]} THEN 1 ELSE 0 END)`).join(' + ');

const PHASE_ORDER = `CASE s.phase ${PHASES.map((p, i) => `WHEN '${p}' THEN ${i}`).join(' ')} END`;

type Params = Record<string, string | number>;

/** WHERE clause and parameters for a scope and a filter; `withSignal` false leaves out the signal filter. */
function whereOf(scope: CaseloadScope, f: CaseloadFilter, sp: SignalParams, withSignal = true) {
  const where = ['s.team_id = @teamId', 'c.team_id = @teamId'];
  const params: Params = { teamId: scope.teamId, ...signalSqlParams(sp) };
  const consulentId = scope.consulentId ?? f.consulentId;
  if (consulentId !== null && consulentId !== undefined) {
    where.push('s.consulent_id = @consulentId');
    params.consulentId = consulentId;
  }
  if (!f.showClosed) where.push('s.closed_on IS NULL');
  if (f.route) {
    where.push('s.route = @route');
    params.route = f.route;
  }
  if (f.phase) {
    where.push('s.phase = @phase');
    params.phase = f.phase;
  }
  if (f.q) {
    where.push(
      `(c.client_number LIKE @qPrefix ESCAPE '\\' OR (c.first_name || ' ' || c.last_name) LIKE @qAny ESCAPE '\\' OR c.last_name LIKE @qAny ESCAPE '\\')`,
    );
    const escaped = f.q.replace(/[\\%_]/g, (m) => `\\${m}`);
    params.qPrefix = `${escaped}%`;
    params.qAny = `%${escaped}%`;
  }
  if (withSignal && f.signal) where.push(SIGNAL_SQL[f.signal]);
  return { sql: where.join(' AND '), params };
}

/** ORDER BY for a filter; `signalCount` is the column or expression with the number of signals. */
function orderOf(f: CaseloadFilter, signalCount = 'signal_count'): string {
  const dir = f.dir === 'desc' ? 'DESC' : 'ASC';
  const nullsLast = (col: string) => `${col} IS NULL, ${col} ${dir}`;
  const byName = `c.last_name ${dir}, c.first_name ${dir}, c.id`;
  switch (f.sort) {
    case 'name':
      return byName;
    case 'termijn':
      return `${nullsLast('s.termijn_end')}, c.last_name, c.id`;
    case 'conversation':
      return `${nullsLast('s.next_conversation_due')}, c.last_name, c.id`;
    case 'phase':
      return `${PHASE_ORDER} ${dir}, c.last_name, c.id`;
    default:
      // Most signals first; "desc" reverses. Then the most urgent date.
      return `${signalCount} ${f.dir === 'desc' ? 'ASC' : 'DESC'}, s.next_conversation_due IS NULL, s.next_conversation_due, c.last_name, c.id`;
  }
}

export interface CaseloadRow {
  id: number;
  clientNumber: string;
  firstName: string;
  lastName: string;
  consulentId: number | null;
  consulentName: string | null;
  phase: Phase;
  route: Route | null;
  languageHours: number;
  languageNorm: number | null;
  participationTotal: number;
  participationNorm: number | null;
  termijnEnd: string | null;
  lastConversationOn: string | null;
  nextConversationDue: string | null;
  pipDueOn: string | null;
  closedOn: string | null;
  signals: Signal[];
}

const SELECT_ROWS = `SELECT c.id, c.client_number AS clientNumber, c.first_name AS firstName, c.last_name AS lastName,
  s.consulent_id AS consulentId, u.display_name AS consulentName, s.phase, s.route,
  s.language_hours AS languageHours, s.language_norm AS languageNorm,
  s.participation_total AS participationTotal, s.participation_norm AS participationNorm,
  s.termijn_end AS termijnEnd, s.last_conversation_on AS lastConversationOn,
  s.next_conversation_due AS nextConversationDue, s.pip_due_on AS pipDueOn, s.closed_on AS closedOn,
  ${SIGNALS.map((sig) => `(CASE WHEN ${SIGNAL_SQL[sig]} THEN 1 ELSE 0 END) AS sig_${sig}`).join(',\n  ')},
  (${SIGNAL_COUNT_SQL}) AS signal_count
FROM client_status s JOIN clients c ON c.id = s.client_id LEFT JOIN users u ON u.id = s.consulent_id`;

type RawRow = Omit<CaseloadRow, 'signals'> & Record<string, unknown>;

function toRow(r: RawRow): CaseloadRow {
  const signals = SIGNALS.filter((s) => r[`sig_${s}`] === 1);
  const row: Record<string, unknown> = { ...r, signals };
  for (const s of SIGNALS) delete row[`sig_${s}`];
  delete row.signal_count;
  return row as unknown as CaseloadRow;
}

export const PAGE_SIZE = 50;

export interface CaseloadPage {
  rows: CaseloadRow[];
  total: number;
  page: number;
  pages: number;
}

/**
 * The page's ids are chosen first on the sort keys alone (a small sort, even for a large team), then only
 * those rows get their columns and signals.
 */
function pageSql(where: string, f: CaseloadFilter): string {
  return `${SELECT_ROWS} WHERE s.client_id IN (
    SELECT s.client_id FROM client_status s JOIN clients c ON c.id = s.client_id WHERE ${where}
    ORDER BY ${orderOf(f, `(${SIGNAL_COUNT_SQL})`)} LIMIT @limit OFFSET @offset)
  ORDER BY ${orderOf(f)}`;
}

/** One page of the caseload, counted and paged in SQL. */
export function caseloadPage(
  db: Db,
  scope: CaseloadScope,
  f: CaseloadFilter,
  sp: SignalParams,
  page: number,
  pageSize = PAGE_SIZE,
  /** The number of rows in the filtered list when the caller knows it already (see `totalFromCounts`). */
  knownTotal?: number,
): CaseloadPage {
  const w = whereOf(scope, f, sp);
  const total =
    knownTotal ??
    (prepared(db, `SELECT COUNT(*) FROM client_status s JOIN clients c ON c.id = s.client_id WHERE ${w.sql}`)
      .pluck()
      .get(w.params) as number);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(Math.max(1, page), pages);
  const offset = (current - 1) * pageSize;
  let rows: RawRow[];
  if (f.q) {
    rows = prepared(db, pageSql(w.sql, f)).all({ ...w.params, limit: pageSize, offset }) as RawRow[];
  } else {
    // The order of the whole list is the same for every page until a status changes: kept like the counts.
    const idsSql = `SELECT s.client_id FROM client_status s JOIN clients c ON c.id = s.client_id WHERE ${w.sql}
      ORDER BY ${orderOf(f, `(${SIGNAL_COUNT_SQL})`)}`;
    const ids = cachedCounts(db, idsSql, w.params, () => prepared(db, idsSql).pluck().all(w.params) as number[]);
    rows = prepared(db, `${SELECT_ROWS} WHERE s.client_id IN (SELECT value FROM json_each(@ids)) ORDER BY ${orderOf(f)}`).all({
      ...w.params,
      ids: JSON.stringify(ids.slice(offset, offset + pageSize)),
    }) as RawRow[];
  }
  return { rows: rows.map(toRow), total, page: current, pages };
}

/** Every row of the filtered caseload, one at a time (for the CSV export). */
export function* iterateCaseload(
  db: Db,
  scope: CaseloadScope,
  f: CaseloadFilter,
  sp: SignalParams,
): Generator<CaseloadRow> {
  const w = whereOf(scope, f, sp);
  const stmt = prepared(db, `${SELECT_ROWS} WHERE ${w.sql} ORDER BY ${orderOf(f)}`);
  for (const r of stmt.iterate(w.params) as IterableIterator<RawRow>) yield toRow(r);
}

/** SQL for the plan check (EXPLAIN QUERY PLAN) in tests and benchmarks. */
export function caseloadSqlForPlan(scope: CaseloadScope, f: CaseloadFilter, sp: SignalParams) {
  const w = whereOf(scope, f, sp);
  return {
    count: `SELECT COUNT(*) FROM client_status s JOIN clients c ON c.id = s.client_id WHERE ${w.sql}`,
    page: pageSql(w.sql, f),
    params: { ...w.params, limit: 50, offset: 0 },
  };
}

export type SignalCounts = Record<Signal, number> & { total: number };

/**
 * Counts over a whole team are the same for every request until a client's status changes, so they are
 * kept for a few seconds, keyed by the SQL, its parameters (team, filters, today's signal dates) and the
 * status version. Not inside a transaction (its writes may still be rolled back). Callers must not change
 * the returned value.
 */
const COUNTS_TTL_MS = 5_000;
const COUNTS_CACHE_MAX = 500;
const countsCache = new WeakMap<Db, Map<string, { at: number; version: number; value: unknown }>>();

function cachedCounts<T>(db: Db, sql: string, params: Params, compute: () => T): T {
  if (db.inTransaction) return compute();
  let cache = countsCache.get(db);
  if (!cache) {
    cache = new Map();
    countsCache.set(db, cache);
  }
  const key = `${sql}\n${JSON.stringify(params)}`;
  const version = statusVersion(db);
  const now = performance.now();
  const hit = cache.get(key);
  if (hit && hit.version === version && now - hit.at < COUNTS_TTL_MS) return hit.value as T;
  const value = compute();
  if (cache.size >= COUNTS_CACHE_MAX) cache.clear();
  cache.set(key, { at: now, version, value });
  return value;
}

const SIGNAL_SUMS = SIGNALS.map((s) => `COALESCE(SUM(CASE WHEN ${SIGNAL_SQL[s]} THEN 1 ELSE 0 END), 0) AS ${s}`).join(', ');

/** Per signal, how many clients in the scope (with all filters except the signal itself). */
export function signalCounts(db: Db, scope: CaseloadScope, f: CaseloadFilter, sp: SignalParams): SignalCounts {
  const w = whereOf(scope, f, sp, false);
  const sql = `SELECT COUNT(*) AS total, ${SIGNAL_SUMS} FROM client_status s JOIN clients c ON c.id = s.client_id WHERE ${w.sql}`;
  const compute = () => prepared(db, sql).get(w.params) as SignalCounts;
  // A name search depends on the clients' names as well: not cached (and too many distinct keys).
  return f.q ? compute() : cachedCounts(db, sql, w.params, compute);
}

/** The number of rows in the filtered list, from the signal counts of the same filter (saves a count query). */
export function totalFromCounts(counts: SignalCounts, f: CaseloadFilter): number {
  return f.signal ? counts[f.signal] : counts.total;
}

export interface ConsulentCount {
  consulentId: number | null;
  name: string | null;
  clients: number;
  withSignal: number;
}

/**
 * Open clients and clients with at least one signal per consulent of the team (consulenten without clients
 * included). Ignores the list filters: this is the team's distribution of work.
 */
export function consulentCounts(db: Db, teamId: number, sp: SignalParams): ConsulentCount[] {
  const anySignal = SIGNALS.map((s) => SIGNAL_SQL[s]).join(' OR ');
  const sql = `SELECT s.consulent_id AS consulentId, COUNT(*) AS clients,
       COALESCE(SUM(CASE WHEN ${anySignal} THEN 1 ELSE 0 END), 0) AS withSignal
     FROM client_status s WHERE s.team_id = @teamId AND s.closed_on IS NULL GROUP BY s.consulent_id`;
  const params = { teamId, ...signalSqlParams(sp) };
  const rows = cachedCounts(
    db,
    sql,
    params,
    () => prepared(db, sql).all(params) as { consulentId: number | null; clients: number; withSignal: number }[],
  );
  const users = prepared(
    db,
    `SELECT id, display_name AS name FROM users WHERE team_id = ? AND role = 'consulent' AND active = 1
     ORDER BY display_name`,
  ).all(teamId) as { id: number; name: string }[];
  const byId = new Map(rows.map((r) => [r.consulentId, r]));
  const out: ConsulentCount[] = users.map((u) => ({
    consulentId: u.id,
    name: u.name,
    clients: byId.get(u.id)?.clients ?? 0,
    withSignal: byId.get(u.id)?.withSignal ?? 0,
  }));
  const known = new Set(users.map((u) => u.id));
  for (const r of rows) {
    if (r.consulentId !== null && known.has(r.consulentId)) continue;
    const name =
      r.consulentId === null
        ? null
        : ((prepared(db, 'SELECT display_name FROM users WHERE id = ?').pluck().get(r.consulentId) as string | undefined) ??
          null);
    out.push({ consulentId: r.consulentId, name, clients: r.clients, withSignal: r.withSignal });
  }
  return out;
}

export interface EnforcementAgendaItem {
  clientId: number;
  clientNumber: string;
  firstName: string;
  lastName: string;
  nextStep: StepKind;
  dueOn: string;
}

/**
 * The next step of every open handhavingstraject of a consulent's (open) clients, earliest due date first:
 * the consulent's to-do list for enforcement. Read from client_status, like the ENFORCEMENT_OVERDUE signal.
 */
export function enforcementAgenda(db: Db, teamId: number, consulentId: number): EnforcementAgendaItem[] {
  return prepared(
    db,
    `SELECT c.id AS clientId, c.client_number AS clientNumber, c.first_name AS firstName, c.last_name AS lastName,
       s.enforcement_next_step AS nextStep, s.enforcement_next_due AS dueOn
     FROM client_status s JOIN clients c ON c.id = s.client_id
     WHERE s.team_id = ? AND s.consulent_id = ? AND s.closed_on IS NULL AND s.enforcement_next_due IS NOT NULL
     ORDER BY s.enforcement_next_due, c.last_name, c.id`,
  ).all(teamId, consulentId) as EnforcementAgendaItem[];
}

/** Ids among `ids` that are clients of the team (for reassignment checks). */
export function clientsOfTeam(db: Db, teamId: number, ids: number[]): { id: number; consulentId: number | null }[] {
  if (ids.length === 0) return [];
  return db
    .prepare(
      `SELECT id, consulent_id AS consulentId FROM clients
       WHERE team_id = ? AND id IN (SELECT value FROM json_each(?))`,
    )
    .all(teamId, JSON.stringify(ids)) as { id: number; consulentId: number | null }[];
}

export interface Reassignment {
  clientIds: number[];
  toConsulentId: number;
  reason: string;
  userId: number;
  today: string;
  nowIso: string;
}

/**
 * Gives clients to another consulent: updates the client, appends a timeline event and refreshes the status.
 * The caller checks the team and runs this in the same transaction as its audit rows.
 */
export function reassignClients(db: Db, r: Reassignment): void {
  const nameOf = db.prepare('SELECT display_name FROM users WHERE id = ?').pluck();
  const toName = nameOf.get(r.toConsulentId) as string;
  const current = db.prepare('SELECT consulent_id FROM clients WHERE id = ?').pluck();
  const update = db.prepare(
    'UPDATE clients SET consulent_id = ?, updated_at = ?, version = version + 1 WHERE id = ?',
  );
  const event = db.prepare(
    `INSERT INTO client_events (client_id, occurred_on, kind, summary, ref_table, ref_id, user_id, created_at)
     VALUES (?, ?, 'REASSIGNED', ?, 'users', ?, ?, ?)`,
  );
  for (const id of r.clientIds) {
    const fromId = current.get(id) as number | null;
    const fromName = fromId === null ? 'geen consulent' : ((nameOf.get(fromId) as string | undefined) ?? 'onbekend');
    update.run(r.toConsulentId, r.nowIso, id);
    event.run(id, r.today, `Overgedragen van ${fromName} aan ${toName}: ${r.reason}`, r.toConsulentId, r.userId, r.nowIso);
    refreshClientStatus(db, id, r.today);
  }
}
