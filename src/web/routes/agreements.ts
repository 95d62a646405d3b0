import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import {
  AGREEMENT_STATUSES,
  addAgreement,
  type AgreementStatusForm,
  loadAgreementsPage,
  setAgreementStatus,
} from '../../app/agreements.js';
import { actorOf } from '../actor.js';
import { parseOneAgreement } from '../forms/agreement-rows.js';
import { renderClosedProgress, showRefusal } from '../refusals.js';
import type { Services } from '../services.js';
import { choice, type FieldErrors, optionalText, parseInput } from '../validation.js';

const statusSchema: z.ZodType<AgreementStatusForm> = z.object({
  status: choice('de nieuwe status', AGREEMENT_STATUSES),
  note: optionalText('de toelichting', 1000),
  version: z.coerce.number({ error: 'Versie ontbreekt' }).int().positive(),
});

/** Agreements (afspraken): list with overdue ones marked, add, status changes with a note and history. */
export function agreementsRouter(services: Services): Router {
  const router = Router();

  type Extra = { errors?: FieldErrors; values?: unknown; statusErrors?: FieldErrors; statusFor?: number; statusValues?: unknown };
  function render(req: Request, res: Response, status = 200, extra: Extra = {}) {
    const page = loadAgreementsPage(services, actorOf(req, services), req.params.id);
    res.status(status).render('agreements/index', {
      title: `Afspraken – ${page.client.firstName} ${page.client.lastName}`,
      ...page,
      ...extra,
    });
  }

  router.get('/clients/:id/agreements', (req, res) => render(req, res));

  router.post('/clients/:id/agreements', (req, res) => {
    const actor = actorOf(req, services);
    const result = addAgreement(services, actor, req.params.id, parseOneAgreement(req.body, actor.today));
    if (!result.ok) {
      showRefusal(result.refusal, {
        form: (status, errors) => render(req, res, status, { errors, values: req.body }),
        closed: (message) => renderClosedProgress(req, res, services, message),
      });
      return;
    }
    req.session.flash = { kind: 'ok', message: result.value.message };
    res.redirect(303, `/clients/${req.params.id}/agreements`);
  });

  router.post('/clients/:id/agreements/:agreementId/status', (req, res) => {
    const form = parseInput(statusSchema, req.body);
    const result = setAgreementStatus(services, actorOf(req, services), req.params.id, req.params.agreementId, form);
    if (!result.ok) {
      showRefusal(result.refusal, {
        // Re-open the status form of this agreement with what the user chose and typed; its hidden version is
        // the stored one, so after a stale save a second save is deliberate.
        form: (status, errors) =>
          render(req, res, status, { errors, statusErrors: errors, statusFor: Number(req.params.agreementId), statusValues: req.body }),
        closed: (message) => renderClosedProgress(req, res, services, message),
      });
      return;
    }
    req.session.flash = { kind: 'ok', message: result.value.message };
    res.redirect(303, `/clients/${req.params.id}/agreements`);
  });

  return router;
}
