// Costs against budget (issue 21): per client the commitments and actual costs per component against the budget
// of the learning route (rules: costs.budgetEurosByRoute), a warning from costs.warnPct and a required reason to go
// above 100%; for the team lead the costs per route, provider and component over a period and the spread per client.
import { cancelCostLine, type CostLine, insertCostLine, listCostLines as listAllCostLines, teamCostLines } from '../db/costs.js';
import { listProviders } from '../db/hours.js';
import { currentRoute } from '../db/progress.js';
import { rulesInForce } from '../db/rules.js';
import {
  BUDGET_BANDS,
  budgetBand,
  budgetPct,
  budgetState,
  budgetUsedCents,
  COST_COMPONENTS,
  COST_KINDS,
  type CostComponent,
  type CostKind,
  componentTotals,
  needsOverBudgetReason,
  ROUTE_LABELS,
  type Route,
  type RuleSet,
  spread,
} from '../domain/index.js';
import { formatDate } from '../lib/format.js';
import { loadClient } from './access.js';
import type { Actor } from './actor.js';
import { CLOSED_MESSAGE } from './client-page.js';
import type { Deps } from './deps.js';
import { loadDossierHeader } from './dossier-header.js';
import { changeDossier } from './dossier-write.js';
import { forbidden, notFound } from './errors.js';
import { type FieldErrors, invalid, ok, type Parsed, refuse, type Result, stale } from './result.js';
import { reportPeriod, startOfYear } from './report-period.js';

export { COST_COMPONENTS, COST_KINDS };
export type { CostComponent, CostKind };

export const COST_COMPONENT_LABELS: Record<CostComponent, string> = {
  TAALCURSUS: 'Taalcursus (ingekocht bij de aanbieder)',
  PARTICIPATIE: 'Participatieprogramma',
  MAP: 'MAP (werk en meedoen)',
  KINDEROPVANG: 'Kinderopvang',
  REISKOSTEN: 'Reiskosten',
  TOLK: 'Tolk',
  DOORBRAAKBUDGET: 'Doorbraakbudget',
};
export const COST_KIND_LABELS: Record<CostKind, string> = { VERPLICHTING: 'Verplichting (toegezegd)', KOSTEN: 'Werkelijke kosten (gefactureerd)' };

const euro = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });
/** € 1.234,56 */
export const formatEuro = (cents: number) => euro.format(cents / 100);

const lineSummary = (l: Pick<CostLine, 'kind' | 'component' | 'amountCents'>) =>
  `${COST_KIND_LABELS[l.kind].replace(/ \(.*\)$/, '')} ${COST_COMPONENT_LABELS[l.component].replace(/ \(.*\)$/, '').toLowerCase()}: ${formatEuro(l.amountCents)}`;

/** The lines that count: a withdrawn line is shown on the client's list but never counted. */
const listCostLines = (db: Deps['db'], clientId: number): CostLine[] => listAllCostLines(db, clientId).filter((l) => l.cancelledAt === null);

export interface CostForm {
  component: CostComponent;
  kind: CostKind;
  amountCents: number;
  bookedOn: string;
  providerId: number | null;
  description: string;
  reason: string | null;
  overBudgetReason: string | null;
}

const budgetCentsOf = (rules: RuleSet, route: Route | null) => (route ? rules.costs.budgetEurosByRoute[route] * 100 : null);

function budgetOf(deps: Deps, clientId: number, today: string, lines: CostLine[]) {
  const rules = rulesInForce(deps.db, today);
  const route = currentRoute(deps.db, clientId);
  const budgetCents = budgetCentsOf(rules, route);
  const usedCents = budgetUsedCents(lines);
  return {
    route,
    routeLabel: route ? ROUTE_LABELS[route] : null,
    budgetCents,
    usedCents,
    warnPct: rules.costs.warnPct,
    pct: budgetCents === null ? null : budgetPct(usedCents, budgetCents),
    state: budgetCents === null ? null : budgetState(usedCents, budgetCents, rules.costs.warnPct),
  };
}

/** The costs page: the budget, the totals per component, the lines and the form. */
export function loadCostsPage(deps: Deps, actor: Actor, clientId: unknown) {
  const ref = loadClient(deps, actor, clientId);
  const allLines = listAllCostLines(deps.db, ref.id);
  const lines = allLines.filter((l) => l.cancelledAt === null);
  const totals = componentTotals(lines);
  actor.audit('kosten-bekeken', 'voortgang', { clientId: ref.id });
  return {
    client: ref,
    header: loadDossierHeader(deps, ref.id),
    budget: budgetOf(deps, ref.id, actor.today, lines),
    components: COST_COMPONENTS.map((c) => ({ component: c, label: COST_COMPONENT_LABELS[c], ...totals[c] })).filter(
      (c) => c.committedCents > 0 || c.actualCents > 0,
    ),
    lines: allLines,
    componentOptions: COST_COMPONENTS.map((c) => ({ value: c, label: COST_COMPONENT_LABELS[c] })),
    kindOptions: COST_KINDS.map((k) => ({ value: k, label: COST_KIND_LABELS[k] })),
    providerOptions: listProviders(deps.db).map((p) => ({ value: p.id, label: p.name })),
    COST_COMPONENT_LABELS,
    COST_KIND_LABELS,
    formatEuro,
    today: actor.today,
  };
}

/**
 * Books a commitment or an actual cost. Doorbraakbudget needs a reason; a line that takes what counts above the
 * route's budget needs a reason to go over (exactly 100% needs none).
 */
export function recordCost(deps: Deps, actor: Actor, clientId: unknown, form: Parsed<CostForm>): Result<{ summary: string; warning: string | null }> {
  const ref = loadClient(deps, actor, clientId);
  if (ref.closedOn) return refuse({ kind: 'closed', message: CLOSED_MESSAGE });
  if (!form.ok) return invalid(form.errors);
  const f = form.data;
  const errors: FieldErrors = {};
  if (f.bookedOn > actor.today) errors.bookedOn = `De datum mag niet na vandaag (${formatDate(actor.today)}) liggen`;
  if (f.providerId !== null && !listProviders(deps.db, f.providerId).some((p) => p.id === f.providerId)) errors.providerId = 'Kies een aanbieder uit de lijst';
  if (f.component === 'DOORBRAAKBUDGET' && !f.reason) {
    errors.reason = 'Vul de reden in: waarvoor is het doorbraakbudget nodig? Dat is verplicht bij het doorbraakbudget';
  }
  const lines = listCostLines(deps.db, ref.id);
  const budget = budgetOf(deps, ref.id, actor.today, lines);
  const line = { component: f.component, kind: f.kind, amountCents: f.amountCents };
  const over = budget.budgetCents !== null && needsOverBudgetReason(lines, line, budget.budgetCents);
  if (over && !f.overBudgetReason) {
    const after = budgetUsedCents([...lines, line]);
    errors.overBudgetReason = `Met dit bedrag komt de cliënt op ${formatEuro(after)}: boven het budget van ${formatEuro(budget.budgetCents!)}. Vul de reden in om boven het budget te gaan`;
  }
  if (Object.keys(errors).length) return invalid(errors);
  const summary = lineSummary(f);
  changeDossier(deps, actor, ref.id, () => {
    const id = insertCostLine(
      deps.db,
      ref.id,
      { ...f, route: budget.route, reason: f.reason, overBudgetReason: over ? f.overBudgetReason : null },
      actor.user.id,
      actor.nowIso,
    );
    return {
      value: id,
      events: [{ kind: 'COSTS', summary: `Kosten vastgelegd: ${summary}${over ? `. Boven het budget, reden: ${f.overBudgetReason}` : ''}`, refTable: 'cost_lines', refId: id, occurredOn: f.bookedOn }],
    };
  });
  actor.audit('kosten-vastgelegd', 'voortgang', { clientId: ref.id });
  const after = budgetOf(deps, ref.id, actor.today, listCostLines(deps.db, ref.id));
  const warning =
    after.state === 'OVER'
      ? `Let op: de kosten zijn nu ${after.pct}% van het budget.`
      : after.state === 'WARN'
        ? `Let op: de kosten zijn nu ${after.pct}% van het budget (waarschuwing vanaf ${after.warnPct}%).`
        : null;
  return ok({ summary, warning });
}

export interface CancelCostForm {
  reason: string;
}

/** The page to withdraw one cost line: the line, and the reason field. */
export function loadCancelCostPage(deps: Deps, actor: Actor, clientId: unknown, lineId: unknown) {
  const ref = loadClient(deps, actor, clientId);
  const line = listAllCostLines(deps.db, ref.id).find((l) => String(l.id) === String(lineId));
  if (!line) throw notFound('Deze kostenregel bestaat niet.');
  actor.audit('kosten-bekeken', 'voortgang', { clientId: ref.id });
  return { client: ref, header: loadDossierHeader(deps, ref.id), today: actor.today, line, summary: lineSummary(line), COST_COMPONENT_LABELS, COST_KIND_LABELS, formatEuro };
}

/**
 * Withdraws a cost line booked by mistake, with a reason: it stays on the list, struck through, and no longer
 * counts against the budget or in the team's totals. A correction is a new line.
 */
export function cancelCost(deps: Deps, actor: Actor, clientId: unknown, lineId: unknown, form: Parsed<CancelCostForm>): Result<{ summary: string }> {
  const ref = loadClient(deps, actor, clientId);
  if (ref.closedOn) return refuse({ kind: 'closed', message: CLOSED_MESSAGE });
  const line = listAllCostLines(deps.db, ref.id).find((l) => String(l.id) === String(lineId));
  if (!line) throw notFound('Deze kostenregel bestaat niet.');
  if (line.cancelledAt !== null) return stale('Deze kostenregel is al ingetrokken; er is niets gewijzigd.');
  if (!form.ok) return invalid(form.errors);
  const summary = lineSummary(line);
  const done = changeDossier(deps, actor, ref.id, () =>
    cancelCostLine(deps.db, ref.id, line.id, form.data.reason, actor.user.id, actor.nowIso)
      ? { value: true, events: [{ kind: 'COSTS', summary: `Kostenregel ingetrokken: ${summary}. Reden: ${form.data.reason}`, refTable: 'cost_lines', refId: line.id }] }
      : null,
  );
  if (!done) return stale('Deze kostenregel is al ingetrokken; er is niets gewijzigd.');
  actor.audit('kosten-ingetrokken', 'voortgang', { clientId: ref.id });
  return ok({ summary });
}

interface SumRow {
  key: string;
  label: string;
  committedCents: number;
  actualCents: number;
}

function sumBy<T extends { kind: CostKind; amountCents: number }>(lines: T[], keyOf: (l: T) => string, labelOf: (key: string) => string): SumRow[] {
  const map = new Map<string, SumRow>();
  for (const l of lines) {
    const key = keyOf(l);
    const row = map.get(key) ?? { key, label: labelOf(key), committedCents: 0, actualCents: 0 };
    if (l.kind === 'VERPLICHTING') row.committedCents += l.amountCents;
    else row.actualCents += l.amountCents;
    map.set(key, row);
  }
  return [...map.values()];
}

/** The team's costs for a period: per route, per provider, per component, and the spread over the clients. */
export function loadTeamCostsPage(deps: Deps, actor: Actor, period: Parsed<{ from: string | null; to: string | null }>) {
  const { user } = actor;
  if (user.role !== 'teamleider' || user.teamId === null) throw forbidden();
  const today = actor.today;
  const { from, to, errors } = reportPeriod(period, startOfYear(today), today);
  const valid = Object.keys(errors).length === 0;
  actor.audit('teamkosten-bekeken', 'caseload', { details: valid ? `${from} t/m ${to}` : 'ongeldige periode' });
  if (!valid) return { errors, period: null, costs: null, formatEuro };
  const lines = teamCostLines(deps.db, user.teamId, from, to);
  const rules = rulesInForce(deps.db, to);
  const byRoute = sumBy(lines, (l) => l.route ?? '', (k) => (k ? ROUTE_LABELS[k as Route] : 'Nog geen route'));
  const byProvider = sumBy(lines, (l) => l.providerName ?? '', (k) => k || 'Geen aanbieder').sort((a, b) => a.label.localeCompare(b.label, 'nl'));
  const byComponent = COST_COMPONENTS.map((c) => sumBy(lines.filter((l) => l.component === c), () => c, () => COST_COMPONENT_LABELS[c])[0]).filter(
    (r): r is SumRow => r !== undefined,
  );
  const clients = new Map<number, { name: string; route: Route | null; lines: typeof lines }>();
  for (const l of lines) {
    const c = clients.get(l.clientId) ?? { name: l.clientName, route: l.route, lines: [] };
    c.lines.push(l);
    c.route = l.route ?? c.route;
    clients.set(l.clientId, c);
  }
  const perClient = [...clients.values()].map((c) => ({ usedCents: budgetUsedCents(c.lines), budgetCents: budgetCentsOf(rules, c.route) }));
  const bands = BUDGET_BANDS.map((b) => ({ label: b.label, count: 0 }));
  for (const c of perClient) if (c.budgetCents !== null) bands[budgetBand(c.usedCents, c.budgetCents)]!.count += 1;
  const total = (rows: SumRow[]) => rows.reduce((s, r) => ({ committedCents: s.committedCents + r.committedCents, actualCents: s.actualCents + r.actualCents }), { committedCents: 0, actualCents: 0 });
  return {
    errors,
    period: { from, to },
    costs: {
      byRoute,
      byProvider,
      byComponent,
      total: total(byComponent),
      spread: spread(perClient.map((c) => c.usedCents)),
      bands,
      withoutRoute: perClient.filter((c) => c.budgetCents === null).length,
    },
    formatEuro,
  };
}
