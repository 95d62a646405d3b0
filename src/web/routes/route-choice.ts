import { addMonths, differenceInYears, format, parseISO } from 'date-fns';
import { type Response, Router } from 'express';
import { z } from 'zod';
import { findClientDetail } from '../../db/clients.js';
import { refreshClientStatus } from '../../db/client-status.js';
import { findIntake } from '../../db/intakes.js';
import { latestPipVersion } from '../../db/pips.js';
import { rulesInForce } from '../../db/rules.js';
import { addRouteDecision, listRouteDecisions, ROUTES, type RouteDecision } from '../../db/routes.js';
import { addClientEvent } from '../../db/timeline.js';
import { adviseRoute, ROUTE_LABELS, type Route } from '../../domain/index.js';
import { todayOf } from '../../lib/clock.js';
import type { Services } from '../services.js';
import { loadClientForRequest } from '../client-access.js';
import { requireRole } from '../middleware/auth.js';
import { choice, type FieldErrors, optionalText, parseInput, requiredDate, requiredText } from '../validation.js';
import { loadDossierHeader, refuseIfClosed } from './dossier-common.js';

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

const choiceSchema = (today: string) =>
  z.object({
    route: choice('een route', ['B1', 'ONDERWIJS', 'Z'] as const),
    decidedOn: requiredDate('de datum van de routekeuze').refine((d) => d <= today, {
      message: 'De datum van de routekeuze kan niet in de toekomst liggen',
    }),
    reason: optionalText('de reden', 2000),
    notB1Reason: optionalText('waarom niet de B1-route', 2000),
    notOnderwijsReason: optionalText('waarom niet de onderwijsroute', 2000),
    notZReason: optionalText('waarom niet de Z-route', 2000),
  });

const changeSchema = (today: string) =>
  z.object({
    route: choice('de nieuwe route', ['B1', 'ONDERWIJS', 'Z'] as const),
    decidedOn: requiredDate('de datum van het besluit').refine((d) => d <= today, {
      message: 'De datum van het besluit kan niet in de toekomst liggen',
    }),
    reason: requiredText('de reden voor de wijziging', 2000),
  });

const iso = (d: Date) => format(d, 'yyyy-MM-dd');
/** The route's name inside a sentence: 'de onderwijsroute', 'de B1-route'. */
const inSentence = (r: Route) => (r === 'ONDERWIJS' ? 'onderwijsroute' : ROUTE_LABELS[r]);

export function routeChoiceRouter(services: Services): Router {
  const router = Router();
  const { db, clock } = services;
  const staff = requireRole('consulent', 'teamleider');

  function context(clientId: number) {
    const today = todayOf(clock);
    const rules = rulesInForce(db, today);
    const client = findClientDetail(db, clientId)!;
    const intake = findIntake(db, clientId);
    const age = differenceInYears(parseISO(today), parseISO(client.birthDate));
    const advice =
      intake?.completedOn
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

  const render = (
    res: Response,
    clientId: number,
    o: { status?: number; form?: 'choice' | 'change'; values?: Record<string, unknown>; errors?: FieldErrors } = {},
  ) => {
    const c = context(clientId);
    const header = loadDossierHeader(db, clientId);
    res.status(o.status ?? 200).render('route/show', {
      title: `Route – ${header.name}`,
      breadcrumbs: [
        { href: '/clients', label: 'Cliënten' },
        { href: `/clients/${clientId}`, label: header.name },
        { label: 'Route' },
      ],
      header,
      clientId,
      ...c,
      pipNeedsRevision: Boolean(c.pip && c.current && c.pip.content.route && c.pip.content.route !== c.current.route),
      approvalRequired: c.rules.general.approvals.routeDeviation,
      changeAllowed: c.changeUntil !== null && c.today <= c.changeUntil,
      maxMonths: c.rules.general.routeChangeMaxMonths,
      form: o.form ?? null,
      values: o.values ?? { decidedOn: c.today },
      errors: o.errors ?? {},
      ROUTES,
      ROUTE_LABELS,
      ROUTE_DESCRIPTIONS,
      routeOptions: ROUTES.map((r) => ({ value: r, label: ROUTE_LABELS[r] })),
    });
  };

  router.get('/clients/:id/route', staff, (req, res) => {
    const ref = loadClientForRequest(req, services, req.params.id);
    req.audit('route-bekeken', 'intake', { clientId: ref.id });
    render(res, ref.id);
  });

  router.post('/clients/:id/route', staff, (req, res) => {
    const ref = loadClientForRequest(req, services, req.params.id);
    if (refuseIfClosed(res, ref)) return;
    const c = context(ref.id);
    const fail = (errors: FieldErrors) => {
      req.audit('route-bekeken', 'intake', { clientId: ref.id });
      render(res, ref.id, { status: 400, form: 'choice', values: req.body, errors });
    };
    if (!c.intake?.completedOn) return fail({ _form: 'Rond eerst de brede intake af. Het routeadvies hangt af van de intake.' });
    if (c.current) return fail({ _form: 'Er is al een route gekozen. Gebruik ‘Route wijzigen’ voor een nieuwe route.' });
    const parsed = parseInput(choiceSchema(c.today), req.body);
    if (!parsed.ok) return fail(parsed.errors);
    const d = parsed.data;
    const errors: FieldErrors = {};
    const advised = c.advice?.route ?? null;
    const deviates = advised !== null && d.route !== advised;
    if (deviates && !d.reason) {
      errors.reason = `U kiest een andere route dan het advies (${inSentence(advised)}). Schrijf op waarom.`;
    }
    for (const r of ROUTES) {
      if (r !== d.route && !d[NOT_FIELD[r]]) {
        errors[NOT_FIELD[r]] = `Schrijf op waarom de ${inSentence(r)} niet past`;
      }
    }
    if (Object.keys(errors).length) return fail(errors);
    const pending = deviates && c.rules.general.approvals.routeDeviation;
    const user = req.user!;
    const now = clock.now().toISOString();
    db.transaction(() => {
      const id = addRouteDecision(
        db,
        {
          clientId: ref.id,
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
          userId: user.id,
        },
        now,
      );
      addClientEvent(db, {
        clientId: ref.id,
        occurredOn: d.decidedOn,
        kind: 'ROUTE_CHOSEN',
        summary: `Route gekozen: ${ROUTE_LABELS[d.route]}${
          advised === null ? '' : deviates ? ` (wijkt af van het advies ${inSentence(advised)})` : ' (volgens het advies)'
        }${pending ? '; wacht op goedkeuring' : ''}`,
        refTable: 'route_decisions',
        refId: id,
        userId: user.id,
        createdAt: now,
      });
      refreshClientStatus(db, ref.id, c.today);
    })();
    req.audit('route-gekozen', 'intake', { clientId: ref.id });
    req.session.flash = {
      kind: 'ok',
      message: pending
        ? `De ${inSentence(d.route)} is vastgelegd en wacht op goedkeuring door de teamleider. U kunt het PIP al voorbereiden.`
        : `De ${inSentence(d.route)} is vastgelegd. Stel nu het PIP op.`,
    };
    res.redirect(303, `/clients/${ref.id}/pip`);
  });

  router.post('/clients/:id/route/change', staff, (req, res) => {
    const ref = loadClientForRequest(req, services, req.params.id);
    if (refuseIfClosed(res, ref)) return;
    const c = context(ref.id);
    const fail = (errors: FieldErrors) => {
      req.audit('route-bekeken', 'intake', { clientId: ref.id });
      render(res, ref.id, { status: 400, form: 'change', values: req.body, errors });
    };
    if (!c.current || !c.first || !c.changeUntil) return fail({ _form: 'Er is nog geen route gekozen. Kies eerst een route.' });
    const parsed = parseInput(changeSchema(c.today), req.body);
    if (!parsed.ok) return fail(parsed.errors);
    const d = parsed.data;
    if (d.route === c.current.route) {
      return fail({ route: `De cliënt volgt de ${inSentence(d.route)} al. Kies een andere route.` });
    }
    if (d.decidedOn < c.current.decidedOn) {
      return fail({ decidedOn: `De datum kan niet voor het vorige routebesluit liggen (${format(parseISO(c.current.decidedOn), 'dd-MM-yyyy')})` });
    }
    if (d.decidedOn > c.changeUntil) {
      return fail({
        _form: `De route kan niet meer worden gewijzigd: dat kan tot ${c.rules.general.routeChangeMaxMonths} maanden na de eerste routekeuze (${format(parseISO(c.first.decidedOn), 'dd-MM-yyyy')}), dus tot en met ${format(parseISO(c.changeUntil), 'dd-MM-yyyy')}.`,
      });
    }
    const user = req.user!;
    const now = clock.now().toISOString();
    const from = c.current.route;
    db.transaction(() => {
      const id = addRouteDecision(
        db,
        {
          clientId: ref.id,
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
          userId: user.id,
        },
        now,
      );
      addClientEvent(db, {
        clientId: ref.id,
        occurredOn: d.decidedOn,
        kind: 'ROUTE_CHANGED',
        summary: `Route gewijzigd van ${inSentence(from)} naar ${inSentence(d.route)}`,
        refTable: 'route_decisions',
        refId: id,
        userId: user.id,
        createdAt: now,
      });
      refreshClientStatus(db, ref.id, c.today);
    })();
    req.audit('route-gewijzigd', 'intake', { clientId: ref.id });
    req.session.flash = {
      kind: 'warning',
      message: c.pip
        ? `De route is gewijzigd naar de ${inSentence(d.route)}. Stel een nieuwe PIP-versie vast met reden ‘Andere route (schakelen)’.`
        : `De route is gewijzigd naar de ${inSentence(d.route)}.`,
    };
    res.redirect(303, c.pip ? `/clients/${ref.id}/pip/new` : `/clients/${ref.id}/route`);
  });

  return router;
}
