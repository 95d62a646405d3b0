import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import {
  type CancelCostForm,
  cancelCost,
  COST_COMPONENTS,
  COST_KINDS,
  type CostForm,
  loadCancelCostPage,
  loadCostsPage,
  loadTeamCostsPage,
  recordCost,
} from '../../app/costs.js';
import type { FieldErrors } from '../../app/result.js';
import { actorOf } from '../actor.js';
import { requiredEuros } from '../forms/money.js';
import { requireRole } from '../middleware/auth.js';
import { renderClosedDossier, showRefusal } from '../refusals.js';
import type { Services } from '../services.js';
import { choice, optionalDate, optionalNumber, optionalText, parseInput, requiredDate, requiredText } from '../validation.js';

const costSchema: z.ZodType<CostForm> = z.object({
  component: choice('waarvoor de kosten zijn', COST_COMPONENTS),
  kind: choice('of het een verplichting of werkelijke kosten zijn', COST_KINDS),
  amountCents: requiredEuros('het bedrag'),
  bookedOn: requiredDate('de datum'),
  providerId: optionalNumber('de aanbieder', { integer: true, min: 1 }),
  description: requiredText('een omschrijving', 300),
  reason: optionalText('de reden', 1000),
  overBudgetReason: optionalText('de reden om boven het budget te gaan', 1000),
});

const cancelSchema: z.ZodType<CancelCostForm> = z.object({ reason: requiredText('de reden van het intrekken', 1000) });

const periodSchema = z.object({ from: optionalDate('de begindatum'), to: optionalDate('de einddatum') });

/** Costs against budget of a client, and the team's costs for the team lead. */
export function costsRouter(services: Services): Router {
  const router = Router();
  const staff = requireRole('consulent', 'teamleider');

  const renderPage = (req: Request, res: Response, o: { status?: number; errors?: FieldErrors; values?: Record<string, unknown> } = {}) => {
    const page = loadCostsPage(services, actorOf(req, services), req.params.id);
    res.status(o.status ?? 200).render('costs/index', {
      title: `Kosten – ${page.header.name}`,
      breadcrumbs: [{ href: '/clients', label: 'Cliënten' }, { href: `/clients/${page.client.id}`, label: page.header.name }, { label: 'Kosten' }],
      ...page,
      errors: o.errors ?? {},
      values: o.values ?? { bookedOn: page.today },
    });
  };

  router.get('/clients/:id/costs', staff, (req, res) => renderPage(req, res));

  router.post('/clients/:id/costs', staff, (req, res) => {
    const result = recordCost(services, actorOf(req, services), req.params.id, parseInput(costSchema, req.body));
    if (!result.ok) {
      showRefusal(result.refusal, {
        form: (status, errors) => renderPage(req, res, { status, errors, values: req.body }),
        closed: (message) => renderClosedDossier(res, String(req.params.id), message),
      });
      return;
    }
    req.session.flash = { kind: 'ok', message: `Opgeslagen: ${result.value.summary}.${result.value.warning ? ` ${result.value.warning}` : ''}` };
    res.redirect(303, `/clients/${req.params.id}/costs`);
  });

  const renderCancel = (req: Request, res: Response, o: { status?: number; errors?: FieldErrors; values?: Record<string, unknown> } = {}) => {
    const page = loadCancelCostPage(services, actorOf(req, services), req.params.id, req.params.lineId);
    res.status(o.status ?? 200).render('costs/cancel', {
      title: `Kostenregel intrekken – ${page.header.name}`,
      breadcrumbs: [
        { href: '/clients', label: 'Cliënten' },
        { href: `/clients/${page.client.id}`, label: page.header.name },
        { href: `/clients/${page.client.id}/costs`, label: 'Kosten' },
        { label: 'Intrekken' },
      ],
      ...page,
      errors: o.errors ?? {},
      values: o.values ?? {},
    });
  };

  router.get('/clients/:id/costs/:lineId/cancel', staff, (req, res) => renderCancel(req, res));

  router.post('/clients/:id/costs/:lineId/cancel', staff, (req, res) => {
    const result = cancelCost(services, actorOf(req, services), req.params.id, req.params.lineId, parseInput(cancelSchema, req.body));
    if (!result.ok) {
      showRefusal(result.refusal, {
        form: (status, errors) => renderCancel(req, res, { status, errors, values: req.body }),
        closed: (message) => renderClosedDossier(res, String(req.params.id), message),
      });
      return;
    }
    req.session.flash = { kind: 'ok', message: `Ingetrokken: ${result.value.summary}. Telt niet meer mee voor het budget.` };
    res.redirect(303, `/clients/${req.params.id}/costs`);
  });

  router.get('/team/costs', requireRole('teamleider'), (req, res) => {
    const raw = { from: req.query.from ?? '', to: req.query.to ?? '' };
    const page = loadTeamCostsPage(services, actorOf(req, services), parseInput(periodSchema, raw));
    res.status(page.period ? 200 : 400).render('team/costs', {
      title: 'Kosten van het team',
      breadcrumbs: [{ href: '/', label: 'Team' }, { label: 'Kosten' }],
      ...page,
      values: page.period ?? raw,
    });
  });

  return router;
}
