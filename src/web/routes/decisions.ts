import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import {
  DECISION_KINDS,
  type DecisionForm,
  loadDecisionsPage,
  previewDecision,
  recordDecision,
  revokeDecision,
} from '../../app/decisions.js';
import type { FieldErrors, Refusal } from '../../app/result.js';
import { actorOf } from '../actor.js';
import { renderClosedProgress, showRefusal } from '../refusals.js';
import type { Services } from '../services.js';
import { choice, optionalDate, optionalNumber, optionalText, parseInput, requiredDate, requiredText } from '../validation.js';

const decisionSchema: z.ZodType<DecisionForm> = z.object({
  kind: choice('het soort besluit', DECISION_KINDS),
  decidedOn: requiredDate('de datum van het besluit'),
  reason: requiredText('de reden', 2000),
  instrumentCode: optionalText('het instrument', 40),
  attendancePct: optionalNumber('het aanwezigheidspercentage'),
  instrumentHours: optionalNumber('het aantal uren van het instrument'),
  substitutionHours: optionalNumber('het aantal substitutie-uren', { integer: true }),
  completedOn: optionalDate('de datum van afronding'),
});

const revokeSchema = z.object({ revokeReason: requiredText('de reden van intrekken', 1000) });

/** Decisions that change the count or the trajectory: preview of the effect, save, revoke with a reason. */
export function decisionsRouter(services: Services): Router {
  const router = Router();

  function render(req: Request, res: Response, status = 200, extra: Record<string, unknown> = {}) {
    const page = loadDecisionsPage(services, actorOf(req, services), req.params.id);
    res.status(status).render('decisions/index', {
      title: `Besluiten – ${page.client.firstName} ${page.client.lastName}`,
      ...page,
      values: { decidedOn: page.today },
      effect: null,
      revokeErrors: {},
      revokeFor: null,
      ...extra,
    });
  }

  router.get('/clients/:id/decisions', (req, res) => render(req, res));

  function refused(req: Request, res: Response, refusal: Refusal, extra: (errors: FieldErrors) => Record<string, unknown>) {
    showRefusal(refusal, {
      form: (status, errors) => render(req, res, status, { errors, ...extra(errors) }),
      closed: (message) => renderClosedProgress(req, res, services, message),
    });
  }

  router.post('/clients/:id/decisions', (req, res) => {
    const actor = actorOf(req, services);
    const form = parseInput(decisionSchema, req.body);
    if (req.body.action !== 'save') {
      const preview = previewDecision(services, actor, req.params.id, form);
      if (!preview.ok) refused(req, res, preview.refusal, () => ({ values: req.body }));
      else render(req, res, 200, { effect: preview.value.messages, values: req.body });
      return;
    }
    const result = recordDecision(services, actor, req.params.id, form);
    if (!result.ok) {
      refused(req, res, result.refusal, () => ({ values: req.body }));
      return;
    }
    req.session.flash = { kind: 'ok', message: `Besluit opgeslagen: ${result.value.summary}` };
    res.redirect(303, `/clients/${req.params.id}/decisions`);
  });

  router.post('/clients/:id/decisions/:decisionId/revoke', (req, res) => {
    const actor = actorOf(req, services);
    const result = revokeDecision(services, actor, req.params.id, req.params.decisionId, parseInput(revokeSchema, req.body));
    if (!result.ok) {
      refused(req, res, result.refusal, (errors) => ({ revokeErrors: errors, revokeFor: Number(req.params.decisionId) }));
      return;
    }
    req.session.flash = { kind: 'ok', message: `Besluit ingetrokken: ${result.value.label}.` };
    res.redirect(303, `/clients/${req.params.id}/decisions`);
  });

  return router;
}
