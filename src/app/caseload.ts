import { thisWeek } from './agenda.js';
import { addDays, formatISO, parseISO } from 'date-fns';
import { countPendingApprovals } from '../db/approvals.js';
import {
  type CaseloadFilter,
  type CaseloadScope,
  caseloadView,
  consulentCounts,
  DEFAULT_FILTER,
  enforcementAgenda,
  iterateCaseload,
  PAGE_SIZE,
  PHASES,
  ROUTES,
  SIGNAL_LABELS,
  SIGNAL_TONE,
  SIGNALS,
  SORT_LABELS,
  SORTS,
  signalParams,
} from '../db/caseload.js';
import { deleteSavedFilter, listSavedFilters, saveFilter } from '../db/saved-filters.js';
import { keptForTeam } from '../db/team-data-version.js';
import { findTeam } from '../db/teams.js';
import { listConsulentenOfTeam } from '../db/users.js';
import { PHASE_LABELS, ROUTE_LABELS, STEP_LABELS, TARGET_GROUP_LABELS, TARGET_GROUPS } from '../domain/index.js';
import { toId } from './access.js';
import type { Actor } from './actor.js';
import { CSV_HEADER_LINE, csvLine, UTF8_BOM } from './caseload-csv.js';
import { reportInboxOf } from './report-inbox.js';
import type { Deps } from './deps.js';
import { forbidden } from './errors.js';
import { type FieldErrors, invalid, ok, type Parsed, type Result } from './result.js';

// The option lists of the filters, for the web layer's query parsing.
export { type CaseloadFilter, type CaseloadScope, DEFAULT_FILTER, PHASES, ROUTES, SIGNALS, SORTS, TARGET_GROUPS };

/**
 * The list's query as the web layer read it: the filter, the page and a Dutch notice per value it left out.
 * The chosen consulent is not yet checked against the team; the use cases do that (`withTeamConsulent`).
 */
export interface CaseloadQuery {
  filter: CaseloadFilter;
  page: number;
  notices: string[];
}

/** The query string for a filter (defaults left out), with overrides; page 1 is left out. */
export function filterQuery(f: CaseloadFilter, overrides: Partial<CaseloadFilter> & { page?: number } = {}): string {
  const g = { ...f, ...overrides };
  const p = new URLSearchParams();
  if (g.consulentId !== null) p.set('consulent', String(g.consulentId));
  if (g.route) p.set('route', g.route);
  if (g.phase) p.set('phase', g.phase);
  if (g.signal) p.set('signal', g.signal);
  if (g.group) p.set('group', g.group);
  if (g.q) p.set('q', g.q);
  if (g.showClosed) p.set('closed', '1');
  if (g.sort !== DEFAULT_FILTER.sort) p.set('sort', g.sort);
  if (g.dir !== DEFAULT_FILTER.dir) p.set('dir', g.dir);
  if (overrides.page && overrides.page > 1) p.set('page', String(overrides.page));
  return p.toString();
}

/** Caseload lists are for consulenten and teamleiders. */
function requireCaseloadRole(actor: Actor): void {
  if (actor.user.role !== 'consulent' && actor.user.role !== 'teamleider') throw forbidden();
}

/** The scope of the actor: a consulent sees their own caseload, a teamleider the team's; anyone else nothing. */
export function caseloadScope(actor: Actor): CaseloadScope {
  const { user } = actor;
  requireCaseloadRole(actor);
  if (user.teamId === null) throw forbidden();
  return user.role === 'consulent' ? { teamId: user.teamId, consulentId: user.id } : { teamId: user.teamId };
}

/**
 * The query with its consulent checked: `consulentIds` are the consulenten the user may pick (a teamleider's
 * team), null when the list is one consulent's already (the choice is then ignored without a word). Another
 * team's consulent is left out with a notice, first as the consulent is the first parameter read.
 */
function withTeamConsulent(query: CaseloadQuery, consulentIds: number[] | null): CaseloadQuery {
  const chosen = query.filter.consulentId;
  if (chosen === null || (consulentIds !== null && consulentIds.includes(chosen))) return query;
  const filter = { ...query.filter, consulentId: null };
  if (consulentIds === null) return { ...query, filter };
  return { filter, page: query.page, notices: ['De gekozen consulent hoort niet bij uw team en is genegeerd.', ...query.notices] };
}

/** The consulenten a teamleider may pick in the filter; null for a consulent (their own list only). */
function pickableConsulenten(deps: Deps, actor: Actor): number[] | null {
  const { user } = actor;
  return user.role === 'teamleider' && user.teamId ? listConsulentenOfTeam(deps.db, user.teamId).map((c) => c.id) : null;
}

/**
 * A caseload list page in `scope` (the caller has checked that the actor may see it): counts per signal, the
 * filters, one page of rows, the user's saved filters and, for a teamleider, the reassignment form's consulenten
 * and the counts per consulent. `basePath` is the page's address (links and the audit row).
 */
export function caseloadListFor(deps: Deps, actor: Actor, scope: CaseloadScope, basePath: string, query: CaseloadQuery) {
  const { db } = deps;
  const { user } = actor;
  const sp = signalParams(db, actor.today);
  const isTeamleider = user.role === 'teamleider';
  const consulenten = isTeamleider ? listConsulentenOfTeam(db, scope.teamId) : [];
  const lockedConsulent = scope.consulentId !== undefined && scope.consulentId !== null;
  const { filter, page, notices } = withTeamConsulent(query, isTeamleider && !lockedConsulent ? consulenten.map((c) => c.id) : null);
  const { counts, list } = caseloadView(db, scope, filter, sp, page, PAGE_SIZE);
  const perConsulent = isTeamleider && !lockedConsulent ? consulentCounts(db, scope.teamId, sp) : null;
  actor.audit('caseload-bekeken', 'caseload', { details: `${basePath}?${filterQuery(filter, { page: list.page })}` });
  const href = (path: string, s: string) => (s ? `${path}?${s}` : path);
  return {
    basePath,
    filter,
    list,
    counts,
    perConsulent,
    consulenten,
    lockedConsulent,
    isTeamleider,
    notices,
    savedFilters: listSavedFilters(db, user.id),
    sp,
    qs: (overrides: Partial<CaseloadFilter> & { page?: number } = {}) => href(basePath, filterQuery(filter, overrides)),
    currentQuery: filterQuery(filter),
    exportUrl: href(
      '/caseload/export.csv',
      filterQuery(filter, lockedConsulent && isTeamleider ? { consulentId: scope.consulentId ?? null } : {}),
    ),
    norm: findTeam(db, scope.teamId)?.caseloadNorm ?? sp.caseloadNorm,
    backUrl: href(basePath, filterQuery(filter, { page: list.page })),
    labels: { SIGNAL_LABELS, SIGNAL_TONE, PHASE_LABELS, ROUTE_LABELS, SORT_LABELS, SIGNALS, PHASES, ROUTES, SORTS, TARGET_GROUPS, TARGET_GROUP_LABELS },
    pendingApprovals: isTeamleider ? countPendingApprovals(db, scope.teamId) : 0,
  };
}

export type CaseloadList = ReturnType<typeof caseloadListFor>;

/** The consulent's open enforcement steps, each marked overdue, due within a week, or later. */
function agendaOf(deps: Deps, actor: Actor, teamId: number) {
  const today = actor.today;
  const weekAhead = formatISO(addDays(parseISO(today), 7), { representation: 'date' });
  return enforcementAgenda(deps.db, teamId, actor.user.id).map((item) => ({
    ...item,
    urgency: item.dueOn < today ? 'overdue' : item.dueOn <= weekAhead ? 'soon' : 'later',
  }));
}

/** The start page of a consulent (own caseload and enforcement agenda) or teamleider (the team's caseload). */
export function loadStartPage(deps: Deps, actor: Actor, query: CaseloadQuery) {
  const scope = caseloadScope(actor);
  const agenda =
    actor.user.role === 'consulent' ? { enforcementAgenda: agendaOf(deps, actor, scope.teamId), STEP_LABELS, week: thisWeek(deps, actor) } : {};
  return { cl: caseloadListFor(deps, actor, scope, '/', query), ...agenda, reportInbox: reportInboxOf(deps, actor) };
}

/** The client list /caseload: the consulent's own clients, or the teamleider's team. */
export function loadCaseloadPage(deps: Deps, actor: Actor, query: CaseloadQuery): { cl: CaseloadList } {
  return { cl: caseloadListFor(deps, actor, caseloadScope(actor), '/caseload', query) };
}

/** A CSV export, ready to write: the access check and the filter are done when this is returned. */
export interface CaseloadExport {
  fileName: string;
  /**
   * Writes the file in chunks of about 64 KB (the byte order mark first, as bytes: in the first chunk it would
   * make that whole string two bytes a character), then the audit row with the number of clients.
   */
  writeTo(write: (chunk: string | Buffer) => void): void;
}

/**
 * The filtered caseload of the actor's scope as CSV, every row of the filter (not one page). The file is the same
 * for every download until the team's data changes, so it is kept as UTF-8 chunks against the team data version
 * (as the list it comes from); a name search is built afresh. Every download writes its own audit row.
 */
export function exportCaseload(deps: Deps, actor: Actor, query: CaseloadQuery): CaseloadExport {
  const { db } = deps;
  const scope = caseloadScope(actor);
  const { filter } = withTeamConsulent(query, pickableConsulenten(deps, actor));
  const sp = signalParams(db, actor.today);
  const build = () => {
    const chunks: Buffer[] = [];
    let chunk = CSV_HEADER_LINE;
    let count = 0;
    for (const row of iterateCaseload(db, scope, filter, sp)) {
      chunk += `${csvLine(row)}\r\n`;
      count += 1;
      if (chunk.length > 64_000) {
        chunks.push(Buffer.from(chunk));
        chunk = '';
      }
    }
    if (chunk) chunks.push(Buffer.from(chunk));
    return { chunks, count };
  };
  return {
    fileName: `werkvoorraad-${actor.today}.csv`,
    writeTo(write) {
      const file = filter.q ? build() : keptForTeam(db, scope.teamId, `caseload-csv\n${JSON.stringify([scope, filter, sp])}`, build);
      write(UTF8_BOM);
      for (const c of file.chunks) write(c);
      actor.audit('caseload-geexporteerd', 'caseload', { details: `${file.count} cliënten; filter: ${filterQuery(filter) || 'geen'}` });
    },
  };
}

/**
 * Saves the filter of a list under a name, for the user. Only what the list understands is kept (validated), so a
 * saved link always works. Returns the saved query string.
 */
export function saveCaseloadFilter(
  deps: Deps,
  actor: Actor,
  form: Parsed<{ name: string; query: CaseloadQuery }>,
): Result<{ query: string; message: string }, { kind: 'invalid'; errors: FieldErrors }> {
  requireCaseloadRole(actor);
  if (!form.ok) return invalid(form.errors);
  const { name, query } = form.data;
  const { filter } = withTeamConsulent(query, pickableConsulenten(deps, actor));
  const saved = filterQuery(filter);
  saveFilter(deps.db, actor.user.id, name, saved, actor.nowIso);
  return ok({ query: saved, message: `Filter "${name}" is bewaard.` });
}

/** Deletes one of the user's own saved filters; another user's or a removed one is "not there (any more)". */
export function deleteCaseloadFilter(deps: Deps, actor: Actor, filterId: unknown): { deleted: boolean; message: string } {
  requireCaseloadRole(actor);
  const id = toId(filterId);
  const deleted = id !== null && deleteSavedFilter(deps.db, actor.user.id, id);
  return deleted
    ? { deleted, message: 'Het bewaarde filter is verwijderd.' }
    : { deleted, message: 'Dit bewaarde filter bestaat niet (meer).' };
}
