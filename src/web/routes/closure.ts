import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import {
  CLOSURE_TYPES,
  type ClosureForm,
  closeClientTrajectory,
  closurePageModel,
  type ExtensionForm,
  extendClientTermijn,
  loadClosurePage,
  loadHandoverPage,
  ONTHEFFING_GROUNDS,
  reopenClientTrajectory,
} from '../../app/closure.js';
import type { FieldErrors, Refusal } from '../../app/result.js';
import type { ClosureType, OntheffingGround } from '../../db/closures.js';
import { actorOf } from '../actor.js';
import { notInFuture } from '../forms/past-dates.js';
import { showRefusal } from '../refusals.js';
import type { Services } from '../services.js';
import { choice, optionalChoice, optionalText, parseInput, requiredDate, requiredNumber, requiredText } from '../validation.js';

function closureSchema(today: string): z.ZodType<ClosureForm> {
  return z.object({
    type: choice('hoe het traject eindigt', CLOSURE_TYPES as unknown as readonly [ClosureType, ...ClosureType[]]),
    closedOn: requiredDate('de datum van afsluiten').superRefine(notInFuture(today, 'De datum van afsluiten')),
    reason: requiredText('de reden', 2000),
    overrideReason: optionalText('de reden om toch af te ronden', 2000),
    ontheffingGround: optionalChoice(
      'grond',
      ONTHEFFING_GROUNDS as unknown as readonly [OntheffingGround, ...OntheffingGround[]],
    ),
    newMunicipality: optionalText('de nieuwe gemeente', 200),
  });
}

function extensionSchema(today: string): z.ZodType<ExtensionForm> {
  return z.object({
    months: requiredNumber('het aantal maanden', { integer: true, min: 1, max: 24 }),
    extendedOn: requiredDate('de datum van het besluit').superRefine(notInFuture(today, 'De datum van het besluit')),
    extensionReason: requiredText('de reden', 2000),
  });
}

const reopenSchema = z.object({ reopenReason: requiredText('de reden om de afsluiting in te trekken', 2000) });

/** Closing a trajectory, withdrawing a closure, extending the termijn, and the handover summary. */
export function closureRouter(services: Services): Router {
  const router = Router();

  type Page = ReturnType<typeof closurePageModel>;
  function render(res: Response, page: Page, status = 200, extra: { errors?: FieldErrors; values?: unknown; form?: string } = {}) {
    res.status(status).render('closure/index', {
      title: `Afsluiten en termijn – ${page.client.firstName} ${page.client.lastName}`,
      ...page,
      form: extra.form ?? null,
      errors: extra.errors ?? {},
      values: extra.values ?? {},
    });
  }

  /** A refused form: the page again with the messages and what was typed; a closed dossier says so (409). */
  function refused(req: Request, res: Response, refusal: Refusal, form: string) {
    const again = (status: number, errors: FieldErrors) =>
      render(res, closurePageModel(services, actorOf(req, services), req.params.id), status, { errors, values: req.body, form });
    showRefusal(refusal, { form: again, closed: (message) => again(409, { _form: message }) });
  }

  router.get('/clients/:id/closure', (req, res) => {
    render(res, loadClosurePage(services, actorOf(req, services), req.params.id));
  });

  router.post('/clients/:id/closure', (req, res) => {
    const actor = actorOf(req, services);
    const result = closeClientTrajectory(services, actor, req.params.id, parseInput(closureSchema(actor.today), req.body));
    if (!result.ok) {
      refused(req, res, result.refusal, 'closure');
      return;
    }
    req.session.flash = { kind: 'ok', message: result.value.message };
    const closure = `/clients/${req.params.id}/closure`;
    res.redirect(303, result.value.type === 'VERHUIZING' ? `${closure}/handover` : closure);
  });

  router.post('/clients/:id/closure/extension', (req, res) => {
    const actor = actorOf(req, services);
    const result = extendClientTermijn(services, actor, req.params.id, parseInput(extensionSchema(actor.today), req.body));
    if (!result.ok) {
      refused(req, res, result.refusal, 'extension');
      return;
    }
    req.session.flash = { kind: 'ok', message: result.value.message };
    res.redirect(303, `/clients/${req.params.id}/closure#termijn`);
  });

  router.post('/clients/:id/closure/reopen', (req, res) => {
    const result = reopenClientTrajectory(services, actorOf(req, services), req.params.id, parseInput(reopenSchema, req.body));
    if (!result.ok) {
      refused(req, res, result.refusal, 'reopen');
      return;
    }
    req.session.flash = { kind: 'ok', message: 'De afsluiting is ingetrokken. Het dossier is weer open.' };
    res.redirect(303, `/clients/${req.params.id}/closure`);
  });

  router.get('/clients/:id/closure/handover', (req, res) => {
    const page = loadHandoverPage(services, actorOf(req, services), req.params.id);
    res.render('closure/handover', { title: `Overdrachtsoverzicht – ${page.client.firstName} ${page.client.lastName}`, ...page });
  });

  return router;
}
