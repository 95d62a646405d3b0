import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { type BarrierForm, loadBarriersPage, recordBarriers } from '../../app/barriers.js';
import type { FieldErrors } from '../../app/result.js';
import { actorOf } from '../actor.js';
import { barrierChoiceOf, barrierShape } from '../forms/barrier-choice.js';
import { requireRole } from '../middleware/auth.js';
import { renderClosedProgress, showRefusal } from '../refusals.js';
import type { Services } from '../services.js';
import { optionalText, parseInput, requiredDate } from '../validation.js';

const barrierSchema: z.ZodType<BarrierForm> = z
  .object({ statusOn: requiredDate('de datum'), note: optionalText('de toelichting', 1000), ...barrierShape })
  .transform((v) => ({ statusOn: v.statusOn, note: v.note, statuses: barrierChoiceOf(v) }));

/** The barriers register of a client: where each kind stands, its history, and recording changes. */
export function barriersRouter(services: Services): Router {
  const router = Router();
  const staff = requireRole('consulent', 'teamleider');

  const renderPage = (req: Request, res: Response, o: { status?: number; errors?: FieldErrors; values?: Record<string, unknown> } = {}) => {
    const page = loadBarriersPage(services, actorOf(req, services), req.params.id);
    res.status(o.status ?? 200).render('barriers/index', {
      title: `Belemmeringen – ${page.header.name}`,
      breadcrumbs: [{ href: '/clients', label: 'Cliënten' }, { href: `/clients/${page.client.id}`, label: page.header.name }, { label: 'Belemmeringen' }],
      ...page,
      errors: o.errors ?? {},
      values: o.values ?? page.initialValues,
    });
  };

  router.get('/clients/:id/barriers', staff, (req, res) => renderPage(req, res));

  router.post('/clients/:id/barriers', staff, (req, res) => {
    const result = recordBarriers(services, actorOf(req, services), req.params.id, parseInput(barrierSchema, req.body));
    if (!result.ok) {
      showRefusal(result.refusal, {
        form: (status, errors) => renderPage(req, res, { status, errors, values: req.body }),
        closed: (message) => renderClosedProgress(req, res, services, message),
      });
      return;
    }
    req.session.flash = { kind: 'ok', message: `De belemmeringen zijn bijgewerkt (${result.value.changed} gewijzigd).` };
    res.redirect(303, `/clients/${req.params.id}/barriers`);
  });

  return router;
}
