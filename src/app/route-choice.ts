import { addMonths, differenceInYears, format, parseISO } from 'date-fns';
import { type ClientRef, findClientDetail } from '../db/clients.js';
import { findIntake } from '../db/intakes.js';
import { latestPipVersion } from '../db/pips.js';
import { rulesInForce } from '../db/rules.js';
import { addRouteDecision, listRouteDecisions, type NewRouteDecision, ROUTES, type RouteDecision } from '../db/routes.js';
import { adviseRoute, ROUTE_LABELS, type Route } from '../domain/index.js';
import { formatDateShort } from '../lib/format.js';
import { loadClient } from './access.js';
import type { Actor } from './actor.js';
import { CLOSED_MESSAGE } from './client-page.js';
import type { Deps } from './deps.js';
import { type DossierEvent, changeDossier } from './dossier-write.js';
import { loadDossierHeader } from './dossier-header.js';
import { type FieldErrors, invalid, ok, type Parsed, type Result } from './result.js';

/** The first route choice as the web layer parsed it. */
export interface RouteChoiceForm {
  route: Route;
  decidedOn: string;
  reason: string | null;
  notB1Reason: string | null;
  notOnderwijsReason: string | null;
  notZReason: string | null;
}

/** A later change of route as the web layer parsed it. */
export interface RouteChangeForm {
  route: Route;
  decidedOn: string;
  reason: string;
}

const ROUTE_DESCRIPTIONS: Record<Route, string> = {
  B1: 'Taal tot niveau B1 met examens bij DUO, plus KNM, MAP en PVT.',
  ONDERWIJS: 'Vooral voor jongeren: taal en vakken als voorbereiding op een opleiding in mbo, hbo of universiteit.',
  Z: 'Voor wie B1 niet haalbaar is: 800 uur taal (minstens A1) en 800 uur participatie, plus KNM, MAP en PVT. Geen examen.',
};

const NOT_FIELD: Record<Route, 'notB1Reason' | 'notOnderwijsReason' | 'notZReason'> = {
  B1: 'notB1Reason',
  ONDERWIJS: 'notOnderwijsReason',
  Z: 'notZReason',
};

const iso = (d: Date) => format(d, 'yyyy-MM-dd');
/** The route's name inside a sentence: 'de onderwijsroute', 'de B1-route'. */
const inSentence = (r: Route) => (r === 'ONDERWIJS' ? 'onderwijsroute' : ROUTE_LABELS[r]);

/** Where the client stands for the route decision: intake, advice, decisions so far, the change window, the PIP. */
function routeContext(deps: Deps, actor: Actor, clientId: number) {
  const { db } = deps;
  const today = actor.today;
  const rules = rulesInForce(db, today);
  const client = findClientDetail(db, clientId)!;
  const intake = findIntake(db, clientId);
  const age = differenceInYears(parseISO(today), parseISO(client.birthDate));
  const advice = intake?.completedOn
    ? adviseRoute(
        {
          leerbaarheidScore: intake.leerbaarheidScore,
          age,
          highestEducation: intake.highestEducation,
          wantsEducation: intake.wantsEducation,
        },
        rules.general.routeAdvice,
      )
    : null;
  const decisions = listRouteDecisions(db, clientId);
  const inForce = decisions.filter((d) => d.approvalStatus !== 'REJECTED');
  const current: RouteDecision | null = inForce.at(-1) ?? null;
  const first = inForce[0] ?? null;
  const changeUntil = first ? iso(addMonths(parseISO(first.decidedOn), rules.general.routeChangeMaxMonths)) : null;
  const pip = latestPipVersion(db, clientId);
  return { today, rules, client, intake, age, advice, decisions, current, first, changeUntil, pip };
}

/** The route page of a client: the advice with its reasons, the decisions so far and the choice/change forms. */
export function loadRoutePage(deps: Deps, actor: Actor, clientId: unknown) {
  const ref = loadClient(deps, actor, clientId);
  actor.audit('route-bekeken', 'intake', { clientId: ref.id });
  const c = routeContext(deps, actor, ref.id);
  const header = loadDossierHeader(deps, ref.id);
  return {
    breadcrumbs: [{ href: '/clients', label: 'Cliënten' }, { href: `/clients/${ref.id}`, label: header.name }, { label: 'Route' }],
    header,
    clientId: ref.id,
    ...c,
    pipNeedsRevision: Boolean(c.pip && c.current && c.pip.content.route && c.pip.content.route !== c.current.route),
    approvalRequired: c.rules.general.approvals.routeDeviation,
    changeAllowed: c.changeUntil !== null && c.today <= c.changeUntil,
    maxMonths: c.rules.general.routeChangeMaxMonths,
    ROUTES,
    ROUTE_LABELS,
    ROUTE_DESCRIPTIONS,
    routeOptions: ROUTES.map((r) => ({ value: r, label: ROUTE_LABELS[r] })),
  };
}

type DecisionFields = Omit<NewRouteDecision, 'clientId' | 'userId'>;

/** Records one route decision (first choice or change) with its timeline event, dated on the decision date. */
function saveRouteDecision(
  deps: Deps,
  actor: Actor,
  client: ClientRef,
  decision: DecisionFields,
  event: Pick<DossierEvent, 'kind' | 'summary'>,
): void {
  changeDossier(deps, actor, client.id, () => {
    const id = addRouteDecision(deps.db, { ...decision, clientId: client.id, userId: actor.user.id }, actor.nowIso);
    return {
      value: id,
      events: [{ ...event, occurredOn: decision.decidedOn, refTable: 'route_decisions', refId: id }],
    };
  });
}

const CLOSED = { ok: false as const, refusal: { kind: 'closed' as const, message: CLOSED_MESSAGE } };

/**
 * The first route choice. Needs a completed intake and no route yet; a choice that differs from the advice needs a
 * reason (and waits for the teamleider when the rule set asks for approval); why the other two routes do not fit is
 * always required.
 */
export function recordRouteChoice(
  deps: Deps,
  actor: Actor,
  clientId: unknown,
  form: Parsed<RouteChoiceForm>,
): Result<{ clientId: number; message: string }> {
  const client = loadClient(deps, actor, clientId);
  if (client.closedOn) return CLOSED;
  const c = routeContext(deps, actor, client.id);
  if (!c.intake?.completedOn) return invalid({ _form: 'Rond eerst de brede intake af. Het routeadvies hangt af van de intake.' });
  if (c.current) return invalid({ _form: 'Er is al een route gekozen. Gebruik ‘Route wijzigen’ voor een nieuwe route.' });
  if (!form.ok) return invalid(form.errors);
  const d = form.data;
  const errors: FieldErrors = {};
  const advised = c.advice?.route ?? null;
  const deviates = advised !== null && d.route !== advised;
  if (deviates && !d.reason) {
    errors.reason = `U kiest een andere route dan het advies (${inSentence(advised)}). Schrijf op waarom.`;
  }
  for (const r of ROUTES) {
    if (r !== d.route && !d[NOT_FIELD[r]]) errors[NOT_FIELD[r]] = `Schrijf op waarom de ${inSentence(r)} niet past`;
  }
  if (Object.keys(errors).length) return invalid(errors);
  const pending = deviates && c.rules.general.approvals.routeDeviation;
  const adviceNote = advised === null ? '' : deviates ? ` (wijkt af van het advies ${inSentence(advised)})` : ' (volgens het advies)';
  saveRouteDecision(
    deps,
    actor,
    client,
    {
      kind: 'CHOICE',
      decidedOn: d.decidedOn,
      route: d.route,
      advisedRoute: advised,
      adviceReasons: c.advice?.reasons ?? [],
      reason: d.reason,
      notB1Reason: d.route === 'B1' ? null : d.notB1Reason,
      notOnderwijsReason: d.route === 'ONDERWIJS' ? null : d.notOnderwijsReason,
      notZReason: d.route === 'Z' ? null : d.notZReason,
      approvalStatus: pending ? 'PENDING' : 'NOT_REQUIRED',
    },
    {
      kind: 'ROUTE_CHOSEN',
      summary: `Route gekozen: ${ROUTE_LABELS[d.route]}${adviceNote}${pending ? '; wacht op goedkeuring' : ''}`,
    },
  );
  actor.audit('route-gekozen', 'intake', { clientId: client.id });
  return ok({
    clientId: client.id,
    message: pending
      ? `De ${inSentence(d.route)} is vastgelegd en wacht op goedkeuring door de teamleider. U kunt het PIP al voorbereiden.`
      : `De ${inSentence(d.route)} is vastgelegd. Stel nu het PIP op.`,
  });
}

/**
 * A change of route, with a date and a reason, up to the rule set's number of months after the first route
 * decision. `pipToRevise` tells that a PIP exists, which now needs a new version.
 */
export function changeRoute(
  deps: Deps,
  actor: Actor,
  clientId: unknown,
  form: Parsed<RouteChangeForm>,
): Result<{ clientId: number; message: string; pipToRevise: boolean }> {
  const client = loadClient(deps, actor, clientId);
  if (client.closedOn) return CLOSED;
  const c = routeContext(deps, actor, client.id);
  if (!c.current || !c.first || !c.changeUntil) return invalid({ _form: 'Er is nog geen route gekozen. Kies eerst een route.' });
  if (!form.ok) return invalid(form.errors);
  const d = form.data;
  if (d.route === c.current.route) return invalid({ route: `De cliënt volgt de ${inSentence(d.route)} al. Kies een andere route.` });
  if (d.decidedOn < c.current.decidedOn) {
    return invalid({ decidedOn: `De datum kan niet voor het vorige routebesluit liggen (${formatDateShort(c.current.decidedOn)})` });
  }
  if (d.decidedOn > c.changeUntil) {
    return invalid({
      _form: `De route kan niet meer worden gewijzigd: dat kan tot ${c.rules.general.routeChangeMaxMonths} maanden na de eerste routekeuze (${formatDateShort(c.first.decidedOn)}), dus tot en met ${formatDateShort(c.changeUntil)}.`,
    });
  }
  const from = c.current.route;
  saveRouteDecision(
    deps,
    actor,
    client,
    {
      kind: 'CHANGE',
      decidedOn: d.decidedOn,
      route: d.route,
      advisedRoute: null,
      adviceReasons: [],
      reason: d.reason,
      notB1Reason: null,
      notOnderwijsReason: null,
      notZReason: null,
      approvalStatus: 'NOT_REQUIRED',
    },
    { kind: 'ROUTE_CHANGED', summary: `Route gewijzigd van ${inSentence(from)} naar ${inSentence(d.route)}` },
  );
  actor.audit('route-gewijzigd', 'intake', { clientId: client.id });
  const pipToRevise = Boolean(c.pip);
  return ok({
    clientId: client.id,
    pipToRevise,
    message: pipToRevise
      ? `De route is gewijzigd naar de ${inSentence(d.route)}. Stel een nieuwe PIP-versie vast met reden ‘Andere route (schakelen)’.`
      : `De route is gewijzigd naar de ${inSentence(d.route)}.`,
  });
}
