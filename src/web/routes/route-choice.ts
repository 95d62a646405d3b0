import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { toId } from '../../app/access.js';
import type { FieldErrors } from '../../app/result.js';
import {
  changeRoute,
  loadRoutePage,
  recordRouteChoice,
  type RouteChangeForm,
  type RouteChoiceForm,
} from '../../app/route-choice.js';
import { actorOf } from '../actor.js';
import { requireRole } from '../middleware/auth.js';
import { renderClosedDossier, showRefusal } from '../refusals.js';
import type { Services } from '../services.js';
import { choice, optionalText, parseInput, requiredDate, requiredText } from '../validation.js';

const choiceSchema = (today: string): z.ZodType<RouteChoiceForm> =>
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

const changeSchema = (today: string): z.ZodType<RouteChangeForm> =>
  z.object({
    route: choice('de nieuwe route', ['B1', 'ONDERWIJS', 'Z'] as const),
    decidedOn: requiredDate('de datum van het besluit').refine((d) => d <= today, {
      message: 'De datum van het besluit kan niet in de toekomst liggen',
    }),
    reason: requiredText('de reden voor de wijziging', 2000),
  });

/** The route decision of a client: advice, first choice (with four-eyes approval when it deviates), change. */
export function routeChoiceRouter(services: Services): Router {
  const router = Router();
  const staff = requireRole('consulent', 'teamleider');

  function render(
    req: Request,
    res: Response,
    o: { status?: number; form?: 'choice' | 'change'; values?: Record<string, unknown>; errors?: FieldErrors } = {},
  ) {
    const page = loadRoutePage(services, actorOf(req, services), req.params.id);
    res.status(o.status ?? 200).render('route/show', {
      title: `Route – ${page.header.name}`,
      ...page,
      form: o.form ?? null,
      values: o.values ?? { decidedOn: page.today },
      errors: o.errors ?? {},
    });
  }

  /** Shows a refused route form: the page again with the messages (400), or the closed dossier (409). */
  const refused = (req: Request, res: Response, form: 'choice' | 'change') => ({
    form: (status: number, errors: FieldErrors) => render(req, res, { status, form, values: req.body, errors }),
    closed: (message: string) => renderClosedDossier(res, toId(req.params.id) ?? String(req.params.id), message),
  });

  router.get('/clients/:id/route', staff, (req, res) => render(req, res));

  router.post('/clients/:id/route', staff, (req, res) => {
    const actor = actorOf(req, services);
    const result = recordRouteChoice(services, actor, req.params.id, parseInput(choiceSchema(actor.today), req.body));
    if (!result.ok) return showRefusal(result.refusal, refused(req, res, 'choice'));
    req.session.flash = { kind: 'ok', message: result.value.message };
    res.redirect(303, `/clients/${result.value.clientId}/pip`);
  });

  router.post('/clients/:id/route/change', staff, (req, res) => {
    const actor = actorOf(req, services);
    const result = changeRoute(services, actor, req.params.id, parseInput(changeSchema(actor.today), req.body));
    if (!result.ok) return showRefusal(result.refusal, refused(req, res, 'change'));
    const { clientId, message, pipToRevise } = result.value;
    req.session.flash = { kind: 'warning', message };
    res.redirect(303, pipToRevise ? `/clients/${clientId}/pip/new` : `/clients/${clientId}/route`);
  });

  return router;
}
