import { Router } from 'express';
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
import type { ClosureType, OntheffingGround } from '../../db/closures.js';
import { actorOf } from '../actor.js';
import { dossierFormPage } from '../dossier-form-page.js';
import { notInFuture } from '../forms/past-dates.js';
import type { Services } from '../services.js';
import { choice, optionalChoice, optionalText, parseInput, requiredDate, requiredNumber, requiredText } from '../validation.js';

function closureSchema(today: string): z.ZodType<ClosureForm> {
  return z.object({
    type: choice('hoe het traject eindigt', CLOSURE_TYPES as unknown as readonly [ClosureType, ...ClosureType[]]),
    closedOn: requiredDate('de datum van afsluiten').superRefine(notInFuture(today, 'De datum van afsluiten')),
    reason: requiredText('de reden', 2000),
    overrideReason: optionalText('de reden om toch af te ronden', 2000),
    ontheffingGround: optionalChoice(
      'Kies een geldige grond',
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
  const page = dossierFormPage(
    services,
    'closure/index',
    (deps, actor, req) => closurePageModel(deps, actor, req.params.id),
    () => 'Afsluiten en termijn',
  );
  const closurePath = (id: string) => `/clients/${id}/closure`;

  router.get('/clients/:id/closure', (req, res) => {
    page.render(res, loadClosurePage(services, actorOf(req, services), req.params.id));
  });

  router.post('/clients/:id/closure', (req, res) => {
    const actor = actorOf(req, services);
    const result = closeClientTrajectory(services, actor, req.params.id, parseInput(closureSchema(actor.today), req.body));
    const handover = result.ok && result.value.type === 'VERHUIZING';
    page.finish(req, res, result, `${closurePath(req.params.id)}${handover ? '/handover' : ''}`, 'closure');
  });

  router.post('/clients/:id/closure/extension', (req, res) => {
    const actor = actorOf(req, services);
    const result = extendClientTermijn(services, actor, req.params.id, parseInput(extensionSchema(actor.today), req.body));
    page.finish(req, res, result, `${closurePath(req.params.id)}#termijn`, 'extension');
  });

  router.post('/clients/:id/closure/reopen', (req, res) => {
    const result = reopenClientTrajectory(services, actorOf(req, services), req.params.id, parseInput(reopenSchema, req.body));
    page.finish(req, res, result, closurePath(req.params.id), 'reopen');
  });

  router.get('/clients/:id/closure/handover', (req, res) => {
    const handover = loadHandoverPage(services, actorOf(req, services), req.params.id);
    res.render('closure/handover', { title: `Overdrachtsoverzicht – ${handover.client.firstName} ${handover.client.lastName}`, ...handover });
  });

  return router;
}
