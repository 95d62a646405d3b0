// Caseload queries: one row per client from client_status joined with clients, filtered, counted and paged in
// SQL. Signals are plain predicates on client_status against today and the rules in force.
import { addMonths, formatISO, parseISO, subDays, subMonths, subWeeks } from 'date-fns';
import { jongereBornAfter, type Phase, type Route, type StepKind, type TargetGroup } from '../domain/index.js';
import { type Db, prepared } from './connection.js';
import { keptForTeam, teamDataVersion } from './team-data-version.js';
import { EXAM_RESULT_SIGNAL_WEEKS, NO_EXAM_SIGNAL_MONTHS } from './language.js';
import { rulesInForce } from './rules.js';
import { TARGET_GROUP_SQL } from './target-group.js';

export const SIGNALS = [
  'PIP_LATE',
  'CONVERSATION_OVERDUE',
  'NO_CONTACT',
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
  'MILESTONE_OVERDUE',
  'NO_SHOW',
  'DUO_PENDING',
  'WAITING',
  'DROPOUT_RISK',
  'PROVIDER_MILESTONE',
] as const;
export type Signal = (typeof SIGNALS)[number];

export const SIGNAL_LABELS: Record<Signal, string> = {
  PIP_LATE: 'PIP niet op tijd',
  CONVERSATION_OVERDUE: 'Voortgangsgesprek te laat',
  NO_CONTACT: 'Geen contact',
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
  MILESTONE_OVERDUE: 'Mijlpaal te laat',
  NO_SHOW: 'Niet verschenen op afspraken',
  DUO_PENDING: 'Nog niet doorgegeven aan DUO',
  WAITING: 'Wacht te lang op de volgende stap',
  DROPOUT_RISK: 'Dreigende uitval (aanbieder)',
  PROVIDER_MILESTONE: 'Niveau of onderdeel behaald (aanbieder)',
};

/** Signals that ask for action soon are shown as warnings; readiness signals as information. */
export const SIGNAL_TONE: Record<Signal, 'bad' | 'warn' | 'info'> = {
  PIP_LATE: 'bad',
  CONVERSATION_OVERDUE: 'bad',
  NO_CONTACT: 'bad',
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
  MILESTONE_OVERDUE: 'bad',
  NO_SHOW: 'warn',
  DUO_PENDING: 'warn',
  WAITING: 'warn',
  DROPOUT_RISK: 'bad',
  PROVIDER_MILESTONE: 'info',
};

const OPEN = 's.closed_on IS NULL';

/**
 * Each signal as a SQL predicate on client_status `s`; parameters are the fields of `SignalParams`.
 * ABSENCE is left out while a handhavingstraject is open: the case's own steps are then the signal.
 */
export const SIGNAL_SQL: Record<Signal, string> = {
  PIP_LATE: `(${OPEN} AND s.pip_set_on IS NULL AND s.pip_due_on < @today)`,
  CONVERSATION_OVERDUE: `(${OPEN} AND s.next_conversation_due < @today)`,
  NO_CONTACT: `(${OPEN} AND s.contact_due_on <= @today)`,
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
  MILESTONE_OVERDUE: `(${OPEN} AND s.milestone_due_min < @today)`,
  NO_SHOW: `(${OPEN} AND s.no_show_signal = 1)`,
  // Also after closure: the closure itself must still be passed on.
  DUO_PENDING: `(s.duo_pending_since <= @duoPendingBy)`,
  // Issue 22: waiting on a step of the stations longer than its limit (waiting_too_long_on, kept by the refresh
  // with the municipality's limit in force); the stations bar and the team's stations page read this predicate.
  WAITING: `(${OPEN} AND s.waiting_too_long_on <= @today)`,
  // From providers' reports (issue 17); unexcused absence reaches ABSENCE through the accepted report's hours.
  DROPOUT_RISK: `(${OPEN} AND s.dropout_risk_on IS NOT NULL)`,
  PROVIDER_MILESTONE: `(${OPEN} AND s.provider_milestone_until >= @today)`,
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
  /** Target group (issue 21): facts on the client row. */
  group: TargetGroup | null;
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
  group: null,
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
  /** A DUO ledger line from on or before this date not passed on is `calendar.duoSignalDays` old. */
  duoPendingBy: string;
}

const iso = (d: Date) => formatISO(d, { representation: 'date' });

/** The dates the signals compare against, from today and the rules in force today. */
export function signalParams(
  db: Db,
  today: string,
): SignalParams & { noHoursWeeks: number; termijnMonths: number; caseloadNorm: number; extensionMonths: number } {
  const rules = rulesInForce(db, today);
  const general = rules.general;
  const day = parseISO(today);
  return {
    today,
    noHoursBefore: iso(subWeeks(day, general.noHoursSignalWeeks)),
    termijnBy: iso(addMonths(day, general.termijnEndingSignalMonths)),
    extensionStartedBy: iso(subMonths(day, general.extensionFromMonths)),
    examResultBefore: iso(subWeeks(day, EXAM_RESULT_SIGNAL_WEEKS)),
    noExamBy: iso(addMonths(day, NO_EXAM_SIGNAL_MONTHS)),
    duoPendingBy: iso(subDays(day, rules.calendar.duoSignalDays)),
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
    duoPendingBy: sp.duoPendingBy,
  };
}

const SIGNAL_COUNT_SQL = SIGNALS.map((s) => `(CASE WHEN ${SIGNAL_SQL[s]} THEN 1 ELSE 0 END)`).join(' + ');

const PHASE_ORDER = `CASE s.phase ${PHASES.map((p, i) => `WHEN '${p}' THEN ${i}`).join(' ')} END`;

type Params = Record<string, string | number>;

/**
 * The name search: client number by prefix, name by substring ("first last" also covers the last name alone),
 * `%` `_` and backslash literal. The columns are all in the index clients_team_search (migration 0095), so a scan of the
 * team's clients does not read the client rows.
 */
function searchCondition(q: string): { sql: string; params: Params } {
  const escaped = q.replace(/[\\%_]/g, (m) => `\\${m}`);
  return {
    sql: `(c.client_number LIKE @qPrefix ESCAPE '\\' OR (c.first_name || ' ' || c.last_name) LIKE @qAny ESCAPE '\\')`,
    params: { qPrefix: `${escaped}%`, qAny: `%${escaped}%` },
  };
}

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
  if (f.group) {
    where.push(`(${TARGET_GROUP_SQL[f.group]})`);
    if (f.group === 'JONGERE') params.jongereBornAfter = jongereBornAfter(sp.today);
  }
  if (f.q) {
    const search = searchCondition(f.q);
    where.push(search.sql);
    Object.assign(params, search.params);
  }
  if (withSignal && f.signal) where.push(SIGNAL_SQL[f.signal]);
  return { sql: where.join(' AND '), params };
}

/** ORDER BY for a filter; `signalCount` is the column or expression with the number of signals. */
function orderOf(f: CaseloadFilter, signalCount: string): string {
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
  signals: readonly Signal[];
}

/** The signals of a client as one bit mask: bit i set when SIGNALS[i] applies (JavaScript bit operations: 31 at most). */
if (SIGNALS.length > 31) throw new Error('caseload: more than 31 signals do not fit in the signal mask');
const SIGNAL_MASK_SQL = SIGNALS.map((sig, i) => `(CASE WHEN ${SIGNAL_SQL[sig]} THEN ${1 << i} ELSE 0 END)`).join(' | ');

const signalLists = new Map<number, readonly Signal[]>();

/** The signals of a mask, as one shared frozen list per mask (a page or export makes no array per row). */
function signalsOf(mask: number): readonly Signal[] {
  let list = signalLists.get(mask);
  if (!list) {
    list = Object.freeze(SIGNALS.filter((_, i) => mask & (1 << i)));
    signalLists.set(mask, list);
  }
  return list;
}

/**
 * The caseload signals of one client, from the same predicates as the caseload pages (one source): what a
 * dossier page shows as "signal" is exactly what the caseload shows for that client. Empty for a client
 * without a status row.
 */
export function clientSignals(db: Db, clientId: number, today: string): readonly Signal[] {
  const mask = prepared(db, `SELECT ${SIGNAL_MASK_SQL} AS mask FROM client_status s WHERE s.client_id = @clientId`).get({
    ...signalSqlParams(signalParams(db, today)),
    clientId,
  }) as { mask: number } | undefined;
  return mask ? signalsOf(mask.mask) : [];
}

/** The columns of a caseload row (`s` client_status, `c` clients, `u` users), in the order `toRow` reads them. */
const ROW_COLUMNS = `c.id, c.client_number, c.first_name, c.last_name, s.consulent_id, u.display_name, s.phase, s.route,
  s.language_hours, s.language_norm, s.participation_total, s.participation_norm, s.termijn_end,
  s.last_conversation_on, s.next_conversation_due, s.pip_due_on, s.closed_on`;

/** The rows of a JSON array of client ids, with their position in it. */
const ROWS_BY_ID_SQL = `SELECT ${ROW_COLUMNS}, j.key
FROM json_each(?) j JOIN client_status s ON s.client_id = j.value JOIN clients c ON c.id = s.client_id
  LEFT JOIN users u ON u.id = s.consulent_id
ORDER BY j.key`;

type RawRow = [
  number, string, string, string, number | null, string | null, Phase, Route | null, number, number | null,
  number, number | null, string | null, string | null, string | null, string | null, string | null,
];

/** One object shape for every row (no spread or delete: those make slow dictionary-mode objects). */
function toRow(r: RawRow, mask: number): CaseloadRow {
  return {
    id: r[0],
    clientNumber: r[1],
    firstName: r[2],
    lastName: r[3],
    consulentId: r[4],
    consulentName: r[5],
    phase: r[6],
    route: r[7],
    languageHours: r[8],
    languageNorm: r[9],
    participationTotal: r[10],
    participationNorm: r[11],
    termijnEnd: r[12],
    lastConversationOn: r[13],
    nextConversationDue: r[14],
    pipDueOn: r[15],
    closedOn: r[16],
    signals: signalsOf(mask),
  };
}

/**
 * Rows read for caseload pages, kept per team data version: the same client with the same signals is the same
 * row object until the team's data changes, so a page (a name search too) reads only the rows it has not shown
 * before, and the view can keep each row's rendered HTML with the row object (views/caseload/_table.ejs). At
 * most KEPT_ROWS rows (about 4 KB each with their HTML), least recently used out first; rows of an older version
 * are never looked up again and age out.
 */
const KEPT_ROWS = 3000;
const keptRows = new WeakMap<Db, Map<string, CaseloadRow>>();

/** The rows of `ids` (a page of `teamId`), in that order, with the signals of `masks`. */
function rowsById(db: Db, teamId: number, ids: readonly number[], masks: readonly number[]): CaseloadRow[] {
  if (ids.length === 0) return [];
  // Inside a transaction rows may be uncommitted: read them, keep nothing (as keptForTeam).
  if (db.inTransaction) return readRows(db, ids, masks);
  let store = keptRows.get(db);
  if (!store) keptRows.set(db, (store = new Map()));
  // The version is read before the rows: a change committed in between makes the next view read again.
  const prefix = `${teamId}:${teamDataVersion(db, teamId)}:`;
  const out = new Array<CaseloadRow | undefined>(ids.length);
  const missing: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    const key = `${prefix}${ids[i]}:${masks[i]}`;
    const row = store.get(key);
    if (row) {
      store.delete(key);
      store.set(key, row);
      out[i] = row;
    } else missing.push(i);
  }
  if (missing.length > 0) {
    const kept = store;
    readRows(
      db,
      missing.map((i) => ids[i]!),
      missing.map((i) => masks[i]!),
      (row, at) => {
        const i = missing[at]!;
        out[i] = row;
        kept.set(`${prefix}${ids[i]}:${masks[i]}`, row);
        if (kept.size > KEPT_ROWS) kept.delete(kept.keys().next().value as string);
      },
    );
  }
  // A client gone since the list was read is left out.
  return out.filter((r): r is CaseloadRow => r !== undefined);
}

/** The rows of `ids` from the database, in that order; `each` hears every row with its position in `ids`. */
function readRows(
  db: Db,
  ids: readonly number[],
  masks: readonly number[],
  each?: (row: CaseloadRow, at: number) => void,
): CaseloadRow[] {
  const raw = prepared(db, ROWS_BY_ID_SQL).raw(true).all(JSON.stringify(ids)) as [...RawRow, number][];
  // The last column is the position in ids; a client gone since the list was read is left out.
  return raw.map((r) => {
    const row = toRow(r as unknown as RawRow, masks[r[17]]!);
    each?.(row, r[17]);
    return row;
  });
}

export const PAGE_SIZE = 50;

export interface CaseloadPage {
  rows: CaseloadRow[];
  total: number;
  page: number;
  pages: number;
}

/**
 * The filtered list (all filters except the signal) in its order: client ids, their signal masks and the
 * counts per signal. One query; for the whole team it is kept like the counts were (see `cachedCounts`);
 * a name search is read fresh each time.
 */
interface OrderedList {
  ids: number[];
  masks: number[];
  counts: SignalCounts;
}

/** FROM and WHERE of the filtered list (all filters except the signal). */
function listParts(scope: CaseloadScope, f: CaseloadFilter, sp: SignalParams) {
  const w = whereOf(scope, f, sp, false);
  // A name search over a whole team starts from the client index (the names are in it) and looks up the
  // status of the matches only; otherwise the planner chooses.
  const fromClients = f.q && (scope.consulentId ?? f.consulentId) == null;
  const from = fromClients
    ? 'clients c CROSS JOIN client_status s ON s.client_id = c.id'
    : 'client_status s JOIN clients c ON c.id = s.client_id';
  return { from, where: w.sql, params: w.params };
}

function orderedListSql(scope: CaseloadScope, f: CaseloadFilter, sp: SignalParams) {
  const { from, where, params } = listParts(scope, f, sp);
  return {
    sql: `SELECT s.client_id, ${SIGNAL_MASK_SQL} FROM ${from} WHERE ${where} ORDER BY ${orderOf(f, `(${SIGNAL_COUNT_SQL})`)}`,
    params,
  };
}

/** The list of (id, mask) pairs in order, with the counts per signal. */
function listOf(ids: number[], masks: number[]): OrderedList {
  const perSignal = new Array<number>(SIGNALS.length).fill(0);
  for (const mask of masks) if (mask !== 0) for (let b = 0; b < SIGNALS.length; b++) if (mask & (1 << b)) perSignal[b]!++;
  const counts = { total: ids.length } as SignalCounts;
  SIGNALS.forEach((sig, b) => {
    counts[sig] = perSignal[b]!;
  });
  return { ids, masks, counts };
}

/** The team's clients whose number starts with, or whose "first last" name contains, `q` (the search's match). */
function searchMatches(db: Db, teamId: number, q: string): Set<number> {
  const { ids, numbers, names } = teamSearchIndex(db, teamId);
  const needle = foldAscii(q);
  const out = new Set<number>();
  for (let i = 0; i < ids.length; i++) if (numbers[i]!.startsWith(needle) || names[i]!.includes(needle)) out.add(ids[i]!);
  return out;
}

/** ASCII letters to lower case, nothing else: the case folding of SQLite's LIKE (searchCondition). */
function foldAscii(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

/**
 * The team's client numbers and "first last" names, folded as LIKE folds them, kept per team data version: a
 * search matches them in memory as searchCondition's LIKE would (number by prefix, name by substring, every
 * character literal), instead of running LIKE over the team's index on every keystroke (0.6 ms at bench scale 1).
 */
function teamSearchIndex(db: Db, teamId: number): { ids: number[]; numbers: string[]; names: string[] } {
  return keptForTeam(db, teamId, 'caseload-search-index', () => {
    const rows = prepared(db, "SELECT c.id, c.client_number, c.first_name || ' ' || c.last_name FROM clients c WHERE c.team_id = ?")
      .raw(true)
      .all(teamId) as [number, string | null, string | null][];
    return {
      ids: rows.map((r) => r[0]),
      numbers: rows.map((r) => foldAscii(r[1] ?? '\u0000')),
      names: rows.map((r) => foldAscii(r[2] ?? '\u0000')),
    };
  });
}

function orderedList(db: Db, scope: CaseloadScope, f: CaseloadFilter, sp: SignalParams): OrderedList {
  if (f.q) {
    // A name search is the same list without the search, kept per team data version, narrowed to the clients
    // whose name or number matches (read from the team's client index): same order, counts of the matches.
    const all = orderedList(db, scope, { ...f, q: null }, sp);
    const matches = searchMatches(db, scope.teamId, f.q);
    const ids: number[] = [];
    const masks: number[] = [];
    for (let i = 0; i < all.ids.length; i++) {
      if (matches.has(all.ids[i]!)) {
        ids.push(all.ids[i]!);
        masks.push(all.masks[i]!);
      }
    }
    return listOf(ids, masks);
  }
  const { sql, params } = orderedListSql(scope, f, sp);
  return cachedCounts(db, scope.teamId, sql, params, () => {
    const raw = prepared(db, sql).raw(true).all(params) as [number, number][];
    return listOf(
      raw.map((r) => r[0]),
      raw.map((r) => r[1]),
    );
  });
}

/** The ids and masks of the list with the signal filter applied (same order). */
function withSignal(list: OrderedList, signal: Signal | null): { ids: number[]; masks: number[] } {
  if (!signal) return list;
  const bit = 1 << SIGNALS.indexOf(signal);
  const ids: number[] = [];
  const masks: number[] = [];
  for (let i = 0; i < list.ids.length; i++) {
    if (list.masks[i]! & bit) {
      ids.push(list.ids[i]!);
      masks.push(list.masks[i]!);
    }
  }
  return { ids, masks };
}

function pageOf(db: Db, teamId: number, list: OrderedList, f: CaseloadFilter, page: number, pageSize: number): CaseloadPage {
  const { ids, masks } = withSignal(list, f.signal);
  const total = ids.length;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(Math.max(1, page), pages);
  const offset = (current - 1) * pageSize;
  const rows = rowsById(db, teamId, ids.slice(offset, offset + pageSize), masks.slice(offset, offset + pageSize));
  return { rows, total, page: current, pages };
}

/** One page of the caseload. */
export function caseloadPage(
  db: Db,
  scope: CaseloadScope,
  f: CaseloadFilter,
  sp: SignalParams,
  page: number,
  pageSize = PAGE_SIZE,
): CaseloadPage {
  return pageOf(db, scope.teamId, orderedList(db, scope, f, sp), f, page, pageSize);
}

/** The counts per signal (all filters except the signal) and one page of the list, from one read of the list. */
export function caseloadView(
  db: Db,
  scope: CaseloadScope,
  f: CaseloadFilter,
  sp: SignalParams,
  page: number,
  pageSize = PAGE_SIZE,
): { counts: SignalCounts; list: CaseloadPage } {
  const view = () => {
    const list = orderedList(db, scope, f, sp);
    return { counts: list.counts, list: pageOf(db, scope.teamId, list, f, page, pageSize) };
  };
  // The page's rows are kept with the list (a name search is read fresh, as its list is).
  if (f.q) return view();
  return keptForTeam(db, scope.teamId, `caseload-view\n${JSON.stringify([scope, f, signalSqlParams(sp), page, pageSize])}`, view);
}

/**
 * Every row of the filtered caseload in list order (for the CSV export): the rows in one scan of the same
 * filter, without sorting or signal columns, put in the order of the list.
 */
export function* iterateCaseload(
  db: Db,
  scope: CaseloadScope,
  f: CaseloadFilter,
  sp: SignalParams,
): Generator<CaseloadRow> {
  const { ids, masks } = withSignal(orderedList(db, scope, f, sp), f.signal);
  if (ids.length === 0) return;
  const position = new Map<number, number>();
  for (let i = 0; i < ids.length; i++) position.set(ids[i]!, i);
  const { from, where, params } = listParts(scope, f, sp);
  const raw = prepared(db, `SELECT ${ROW_COLUMNS} FROM ${from} LEFT JOIN users u ON u.id = s.consulent_id WHERE ${where}`)
    .raw(true)
    .all(params) as RawRow[];
  const ordered = new Array<RawRow | undefined>(ids.length);
  for (const r of raw) {
    const at = position.get(r[0]);
    if (at !== undefined) ordered[at] = r;
  }
  for (let i = 0; i < ordered.length; i++) {
    const r = ordered[i];
    if (r) yield toRow(r, masks[i]!);
  }
}

/** SQL for the plan check (EXPLAIN QUERY PLAN) in tests and benchmarks: the list query and the rows query. */
export function caseloadSqlForPlan(scope: CaseloadScope, f: CaseloadFilter, sp: SignalParams) {
  const list = orderedListSql(scope, f, sp);
  return { list: list.sql, params: list.params, rows: ROWS_BY_ID_SQL };
}

export type SignalCounts = Record<Signal, number> & { total: number };

/**
 * Lists and counts over a whole team are the same for every request until the team's data changes (the team data
 * version, migration 0200), so they are kept against it, keyed by the SQL and its parameters (team, filters,
 * today's signal dates). Callers must not change the returned value.
 */
function cachedCounts<T>(db: Db, teamId: number, sql: string, params: Params, compute: () => T): T {
  return keptForTeam(db, teamId, `${sql}\n${JSON.stringify(params)}`, compute);
}

/** Per signal, how many clients in the scope (with all filters except the signal itself). */
export function signalCounts(db: Db, scope: CaseloadScope, f: CaseloadFilter, sp: SignalParams): SignalCounts {
  return orderedList(db, scope, f, sp).counts;
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
    teamId,
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

/** The consulent a client is with now (null: none). */
export function consulentOfClient(db: Db, clientId: number): number | null {
  return (prepared(db, 'SELECT consulent_id FROM clients WHERE id = ?').pluck().get(clientId) as number | null | undefined) ?? null;
}

/**
 * Gives a client to another consulent. Only the client row: the caller (the reassignment use case) records the
 * timeline event and refreshes the status in the same transaction.
 */
export function setClientConsulent(db: Db, clientId: number, consulentId: number, nowIso: string): void {
  prepared(db, 'UPDATE clients SET consulent_id = ?, updated_at = ?, version = version + 1 WHERE id = ?').run(consulentId, nowIso, clientId);
}
