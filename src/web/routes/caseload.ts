import { addDays, formatISO, parseISO } from 'date-fns';
import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { countPendingApprovals } from '../../db/approvals.js';
import {
  type CaseloadFilter,
  type CaseloadRow,
  type CaseloadScope,
  type Signal,
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
} from '../../db/caseload.js';
import { deleteSavedFilter, listSavedFilters, saveFilter } from '../../db/saved-filters.js';
import { findTeam } from '../../db/teams.js';
import { listConsulentenOfTeam, type User } from '../../db/users.js';
import { PHASE_LABELS, ROUTE_LABELS, STEP_LABELS } from '../../domain/index.js';
import { todayOf } from '../../lib/clock.js';
import type { Services } from '../services.js';
import { forbidden } from '../http-errors.js';
import { requireRole } from '../middleware/auth.js';
import { type FieldErrors, idParam, parseInput, requiredText } from '../validation.js';
import { formatDateShort, formatHours } from '../view-helpers.js';

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);

const FIELD_SCHEMAS = {
  consulent: idParam,
  route: z.enum(ROUTES as [string, ...string[]]),
  phase: z.enum(PHASES as [string, ...string[]]),
  signal: z.enum(SIGNALS),
  q: z.string().trim().max(100),
  closed: z.literal('1'),
  sort: z.enum(SORTS),
  dir: z.enum(['asc', 'desc']),
  page: z.coerce.number().int().min(1).max(1_000_000),
} as const;

const FIELD_NAMES: Record<keyof typeof FIELD_SCHEMAS, string> = {
  consulent: 'consulent',
  route: 'route',
  phase: 'fase',
  signal: 'signaal',
  q: 'zoeken',
  closed: 'afgesloten tonen',
  sort: 'sorteren',
  dir: 'volgorde',
  page: 'pagina',
};

export interface ParsedQuery {
  filter: CaseloadFilter;
  page: number;
  notices: string[];
}

/**
 * Reads the list's query parameters one by one. A value that does not fit is left out with a Dutch notice,
 * so a hand-edited or outdated link still shows the list.
 */
export function parseCaseloadQuery(query: Record<string, unknown>, consulentIds: number[] | null): ParsedQuery {
  const filter: CaseloadFilter = { ...DEFAULT_FILTER };
  let page = 1;
  const notices: string[] = [];
  for (const key of Object.keys(FIELD_SCHEMAS) as (keyof typeof FIELD_SCHEMAS)[]) {
    const raw = first(query[key]);
    if (raw === undefined || raw === '') continue;
    const parsed = FIELD_SCHEMAS[key].safeParse(raw);
    if (!parsed.success) {
      notices.push(`De waarde voor ${FIELD_NAMES[key]} is niet geldig en is genegeerd.`);
      continue;
    }
    const v = parsed.data;
    switch (key) {
      case 'consulent':
        if (consulentIds === null) break; // a consulent only sees their own caseload
        if (!consulentIds.includes(v as number)) {
          notices.push('De gekozen consulent hoort niet bij uw team en is genegeerd.');
          break;
        }
        filter.consulentId = v as number;
        break;
      case 'route':
        filter.route = v as CaseloadFilter['route'];
        break;
      case 'phase':
        filter.phase = v as CaseloadFilter['phase'];
        break;
      case 'signal':
        filter.signal = v as CaseloadFilter['signal'];
        break;
      case 'q':
        filter.q = (v as string) || null;
        break;
      case 'closed':
        filter.showClosed = true;
        break;
      case 'sort':
        filter.sort = v as CaseloadFilter['sort'];
        break;
      case 'dir':
        filter.dir = v as CaseloadFilter['dir'];
        break;
      case 'page':
        page = v as number;
        break;
    }
  }
  return { filter, page, notices };
}

/** The query string for a filter (defaults left out), with overrides; page 1 is left out. */
export function filterQuery(f: CaseloadFilter, overrides: Partial<CaseloadFilter> & { page?: number } = {}): string {
  const g = { ...f, ...overrides };
  const p = new URLSearchParams();
  if (g.consulentId !== null) p.set('consulent', String(g.consulentId));
  if (g.route) p.set('route', g.route);
  if (g.phase) p.set('phase', g.phase);
  if (g.signal) p.set('signal', g.signal);
  if (g.q) p.set('q', g.q);
  if (g.showClosed) p.set('closed', '1');
  if (g.sort !== DEFAULT_FILTER.sort) p.set('sort', g.sort);
  if (g.dir !== DEFAULT_FILTER.dir) p.set('dir', g.dir);
  if (overrides.page && overrides.page > 1) p.set('page', String(overrides.page));
  return p.toString();
}

/** The scope of the signed-in user: a consulent sees their own caseload, a teamleider the team's. */
export function scopeOf(user: User): CaseloadScope {
  if ((user.role !== 'consulent' && user.role !== 'teamleider') || user.teamId === null) throw forbidden();
  return user.role === 'consulent' ? { teamId: user.teamId, consulentId: user.id } : { teamId: user.teamId };
}

export interface ListOptions {
  view: string;
  title: string;
  basePath: string;
  scope: CaseloadScope;
  /** Query parameters to read (the request's, or the page a failed form came from). */
  query: Record<string, unknown>;
  status?: number;
  extra?: Record<string, unknown>;
}

/** Renders a caseload list page: counts, filters, one page of rows, saved filters, reassignment. */
export function renderCaseloadList(req: Request, res: Response, services: Services, o: ListOptions): void {
  const { db } = services;
  const user = req.user!;
  const today = todayOf(services.clock);
  const sp = signalParams(db, today);
  const isTeamleider = user.role === 'teamleider';
  const consulenten = isTeamleider ? listConsulentenOfTeam(db, o.scope.teamId) : [];
  const lockedConsulent = o.scope.consulentId !== undefined && o.scope.consulentId !== null;
  const { filter, page, notices } = parseCaseloadQuery(
    o.query,
    isTeamleider && !lockedConsulent ? consulenten.map((c) => c.id) : null,
  );
  const { counts, list } = caseloadView(db, o.scope, filter, sp, page, PAGE_SIZE);
  const perConsulent = isTeamleider && !lockedConsulent ? consulentCounts(db, o.scope.teamId, sp) : null;
  req.audit('caseload-bekeken', 'caseload', { details: `${o.basePath}?${filterQuery(filter, { page: list.page })}` });
  res.status(o.status ?? 200).render(o.view, {
    title: o.title,
    cl: {
      basePath: o.basePath,
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
      qs: (overrides: Partial<CaseloadFilter> & { page?: number } = {}) => {
        const s = filterQuery(filter, overrides);
        return s ? `${o.basePath}?${s}` : o.basePath;
      },
      currentQuery: filterQuery(filter),
      exportUrl: (() => {
        const s = filterQuery(filter, lockedConsulent && isTeamleider ? { consulentId: o.scope.consulentId ?? null } : {});
        return s ? `/caseload/export.csv?${s}` : '/caseload/export.csv';
      })(),
      norm: findTeam(db, o.scope.teamId)?.caseloadNorm ?? sp.caseloadNorm,
      backUrl: (() => {
        const s = filterQuery(filter, { page: list.page });
        return s ? `${o.basePath}?${s}` : o.basePath;
      })(),
      labels: { SIGNAL_LABELS, SIGNAL_TONE, PHASE_LABELS, ROUTE_LABELS, SORT_LABELS, SIGNALS, PHASES, ROUTES, SORTS },
      pendingApprovals: isTeamleider ? countPendingApprovals(db, o.scope.teamId) : 0,
    },
    ...o.extra,
  });
}

// ---- CSV ----------------------------------------------------------------

const CSV_HEADERS = [
  'Cliëntnummer',
  'Achternaam',
  'Voornaam',
  'Consulent',
  'Route',
  'Fase',
  'Taaluren',
  'Norm taaluren',
  'Participatie-uren',
  'Norm participatie-uren',
  'Einde termijn',
  'Laatste voortgangsgesprek',
  'Volgend voortgangsgesprek',
  'Afgesloten op',
  'Signalen',
];

const NEEDS_QUOTES = /[";\r\n]/;
/** Spreadsheets read a CSV with this mark as UTF-8. */
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** One CSV cell: safe against formula injection in spreadsheets, quoted when needed. */
export function csvCell(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (s === '') return s;
  const first = s.charCodeAt(0);
  // = + - @ tab CR: a spreadsheet would read the cell as a formula.
  if (first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13) s = `'${s}`;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const csvHoursMemo = new Map<number, string>();

/** Hours without thousands separators ("1234,5"): a spreadsheet reads them as numbers. */
function csvHours(n: number | null): string {
  if (n === null) return '';
  let s = csvHoursMemo.get(n);
  if (s === undefined) {
    s = formatHours(n).replace(/\./g, '');
    // 0 and -0 share a key, but formatHours writes them differently.
    if (n !== 0) {
      if (csvHoursMemo.size >= 5000) csvHoursMemo.clear();
      csvHoursMemo.set(n, s);
    }
  }
  return s;
}

function csvDate(d: string | null): string {
  return d ? formatDateShort(d) : '';
}

/** The signal cell per list of signals (the lists are shared per combination, see caseload.ts). */
const csvSignalCells = new WeakMap<readonly Signal[], string>();

function csvSignals(signals: readonly Signal[]): string {
  let cell = csvSignalCells.get(signals);
  if (cell === undefined) {
    cell = csvCell(signals.map((s) => SIGNAL_LABELS[s]).join(', '));
    csvSignalCells.set(signals, cell);
  }
  return cell;
}

/** One line of the export, every cell through csvCell (no array per line: thousands of rows). */
function csvLine(r: CaseloadRow): string {
  return (
    `${csvCell(r.clientNumber)};${csvCell(r.lastName)};${csvCell(r.firstName)};${csvCell(r.consulentName)};` +
    `${csvCell(r.route ? ROUTE_LABELS[r.route] : '')};${csvCell(PHASE_LABELS[r.phase] ?? r.phase)};` +
    `${csvCell(csvHours(r.languageHours))};${csvCell(csvHours(r.languageNorm))};` +
    `${csvCell(csvHours(r.participationTotal))};${csvCell(csvHours(r.participationNorm))};` +
    `${csvCell(csvDate(r.termijnEnd))};${csvCell(csvDate(r.lastConversationOn))};` +
    `${csvCell(csvDate(r.nextConversationDue))};${csvCell(csvDate(r.closedOn))};${csvSignals(r.signals)}`
  );
}

// ---- router ---------------------------------------------------------------

const saveFilterSchema = z.object({
  name: requiredText('een naam voor het filter', 80),
  query: z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string().max(1000)),
});

export function caseloadRouter(services: Services): Router {
  const router = Router();
  const { db, clock } = services;
  const caseloadRoles = requireRole('consulent', 'teamleider');

  /** The consulent's open enforcement steps, each marked overdue, due within a week, or later. */
  const agendaOf = (teamId: number, consulentId: number) => {
    const today = todayOf(clock);
    const weekAhead = formatISO(addDays(parseISO(today), 7), { representation: 'date' });
    return enforcementAgenda(db, teamId, consulentId).map((item) => ({
      ...item,
      urgency: item.dueOn < today ? 'overdue' : item.dueOn <= weekAhead ? 'soon' : 'later',
    }));
  };

  // The start page of consulent and teamleider (the admin's start page is in home.ts).
  router.get('/', caseloadRoles, (req, res) => {
    const user = req.user!;
    const scope = scopeOf(user);
    renderCaseloadList(req, res, services, {
      view: `home/${user.role}`,
      title: user.role === 'consulent' ? 'Mijn werkvoorraad' : 'Werkvoorraad van het team',
      basePath: '/',
      scope,
      query: req.query as Record<string, unknown>,
      extra: user.role === 'consulent' ? { enforcementAgenda: agendaOf(scope.teamId, user.id), STEP_LABELS } : {},
    });
  });

  router.get('/caseload', caseloadRoles, (req, res) => {
    const user = req.user!;
    renderCaseloadList(req, res, services, {
      view: 'caseload/index',
      title: user.role === 'consulent' ? 'Mijn cliënten' : 'Cliënten van het team',
      basePath: '/caseload',
      scope: scopeOf(user),
      query: req.query as Record<string, unknown>,
    });
  });

  router.get('/caseload/export.csv', caseloadRoles, (req, res) => {
    const user = req.user!;
    const scope = scopeOf(user);
    const consulenten = user.role === 'teamleider' ? listConsulentenOfTeam(db, scope.teamId).map((c) => c.id) : null;
    const { filter } = parseCaseloadQuery(req.query as Record<string, unknown>, consulenten);
    const today = todayOf(clock);
    const sp = signalParams(db, today);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="werkvoorraad-${today}.csv"`);
    res.setHeader('Cache-Control', 'no-store');
    // The byte order mark as bytes: in the first chunk it would make that whole string two bytes a character.
    res.write(UTF8_BOM);
    let chunk = `${CSV_HEADERS.map(csvCell).join(';')}\r\n`;
    let count = 0;
    for (const row of iterateCaseload(db, scope, filter, sp)) {
      chunk += `${csvLine(row)}\r\n`;
      count += 1;
      if (chunk.length > 64_000) {
        res.write(chunk);
        chunk = '';
      }
    }
    req.audit('caseload-geexporteerd', 'caseload', { details: `${count} cliënten; filter: ${filterQuery(filter) || 'geen'}` });
    res.end(chunk);
  });

  router.post('/caseload/filters', caseloadRoles, (req, res) => {
    const user = req.user!;
    const parsed = parseInput(saveFilterSchema, req.body);
    if (!parsed.ok) {
      const query = Object.fromEntries(new URLSearchParams(typeof req.body?.query === 'string' ? req.body.query : ''));
      renderCaseloadList(req, res, services, {
        view: 'caseload/index',
        title: user.role === 'consulent' ? 'Mijn cliënten' : 'Cliënten van het team',
        basePath: '/caseload',
        scope: scopeOf(user),
        query,
        status: 400,
        extra: { errors: parsed.errors as FieldErrors, values: { name: req.body?.name ?? '' } },
      });
      return;
    }
    // Keep only what the list understands, validated, so a saved link always works.
    const consulenten = user.role === 'teamleider' && user.teamId ? listConsulentenOfTeam(db, user.teamId).map((c) => c.id) : null;
    const { filter } = parseCaseloadQuery(Object.fromEntries(new URLSearchParams(parsed.data.query)), consulenten);
    saveFilter(db, user.id, parsed.data.name, filterQuery(filter), clock.now().toISOString());
    req.session.flash = { kind: 'ok', message: `Filter "${parsed.data.name}" is bewaard.` };
    const qs = filterQuery(filter);
    res.redirect(303, qs ? `/caseload?${qs}` : '/caseload');
  });

  router.post('/caseload/filters/:id/delete', caseloadRoles, (req, res) => {
    const id = idParam.safeParse(req.params.id);
    const deleted = id.success && deleteSavedFilter(db, req.user!.id, id.data);
    req.session.flash = deleted
      ? { kind: 'ok', message: 'Het bewaarde filter is verwijderd.' }
      : { kind: 'warning', message: 'Dit bewaarde filter bestaat niet (meer).' };
    res.redirect(303, '/caseload');
  });

  return router;
}
