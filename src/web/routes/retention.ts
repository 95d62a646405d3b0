import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import {
  type ApproveForm,
  approveRetentionBatch,
  type HoldForm,
  LEGAL_HOLD_KINDS,
  type LegalHoldKind,
  type LiftForm,
  liftHold,
  loadRetentionDossierPage,
  loadRetentionPage,
  placeLegalHold,
  proposeRetentionBatch,
  type RetentionDeps,
  retentionPageModel,
} from '../../app/retention.js';
import type { Refusal, Result } from '../../app/result.js';
import { actorOf } from '../actor.js';
import { dossierFormPage } from '../dossier-form-page.js';
import { showRefusal } from '../refusals.js';
import type { Services } from '../services.js';
import { choice, parseInput, requiredNumber, requiredText } from '../validation.js';

const approveSchema: z.ZodType<ApproveForm> = z.object({ version: requiredNumber('de versie van de lijst', { integer: true, min: 1 }) });
const holdSchema: z.ZodType<HoldForm> = z.object({
  kind: choice('de soort blokkade', LEGAL_HOLD_KINDS as unknown as readonly [LegalHoldKind, ...LegalHoldKind[]]),
  reason: requiredText('de reden', 2000),
});
const liftSchema: z.ZodType<LiftForm> = z.object({ liftReason: requiredText('de reden om de blokkade op te heffen', 2000) });

/** The batch of what is due (teamleider, admin) and a dossier's retention with its legal holds. */
export function retentionRouter(services: Services, deps: RetentionDeps): Router {
  const router = Router();

  const render = (req: Request, res: Response, status = 200, errors: Record<string, string> = {}) => {
    const page = loadRetentionPage(services, actorOf(req, services));
    res.status(status).render('retention/index', { title: 'Vernietigen volgens de bewaartermijnen', ...page, errors });
  };
  const finish = (req: Request, res: Response, result: Result<{ message: string }, Refusal>) => {
    if (!result.ok && result.refusal.kind === 'conflict') {
      render(req, res, 409, { _form: result.refusal.message });
      return;
    }
    if (!result.ok) {
      showRefusal(result.refusal, { form: (status, errors) => render(req, res, status, errors), closed: (m) => render(req, res, 409, { _form: m }) });
      return;
    }
    req.session.flash = { kind: 'ok', message: result.value.message };
    res.redirect(303, '/retention');
  };

  router.get('/retention', (req, res) => render(req, res));
  router.post('/retention/propose', (req, res) => finish(req, res, proposeRetentionBatch(services, actorOf(req, services))));
  router.post('/retention/:id/approve', (req, res) =>
    finish(req, res, approveRetentionBatch(deps, actorOf(req, services), req.params.id, parseInput(approveSchema, req.body))),
  );

  const page = dossierFormPage(services, 'retention/dossier', (d, actor, req) => retentionPageModel(d, actor, req.params.id), () => 'Bewaren en vernietigen');
  const path = (id: string) => `/clients/${id}/retention`;
  router.get('/clients/:id/retention', (req, res) => page.render(res, loadRetentionDossierPage(services, actorOf(req, services), req.params.id)));
  router.post('/clients/:id/retention/holds', (req, res) => {
    const result = placeLegalHold(services, actorOf(req, services), req.params.id, parseInput(holdSchema, req.body));
    page.finish(req, res, result, path(req.params.id), 'hold');
  });
  router.post('/clients/:id/retention/holds/:holdId/lift', (req, res) => {
    const result = liftHold(services, actorOf(req, services), req.params.id, req.params.holdId, parseInput(liftSchema, req.body));
    page.finish(req, res, result, path(req.params.id), `lift-${req.params.holdId}`);
  });
  return router;
}
