import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { answerReferral, loadPortalHome, loadPortalReferral, type ReferralAnswerForm } from '../../app/referrals.js';
import type { FieldErrors } from '../../app/result.js';
import { actorOf } from '../actor.js';
import { showRefusal } from '../refusals.js';
import type { Services } from '../services.js';
import { optionalText, parseInput } from '../validation.js';

const answerSchema: z.ZodType<ReferralAnswerForm> = z
  .object({
    answer: z.enum(['CONFIRM', 'DECLINE'], 'Kies bevestigen of afwijzen'),
    reason: optionalText('de reden', 1000),
  })
  .transform((v, ctx) => {
    if (v.answer === 'CONFIRM') return { answer: 'CONFIRM' as const };
    if (!v.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Vul de reden van afwijzen in' });
      return z.NEVER;
    }
    return { answer: 'DECLINE' as const, reason: v.reason };
  });

/** The provider portal (role `aanbieder`): its referrals, the PIP extract, confirm or decline. */
export function portalRouter(services: Services): Router {
  const router = Router();

  router.get('/portal', (req, res) => {
    const page = loadPortalHome(services, actorOf(req, services));
    res.render('portal/index', { title: `Verwijzingen – ${page.provider.name}`, ...page });
  });

  function renderReferral(req: Request, res: Response, status = 200, extra: { errors?: FieldErrors; values?: unknown } = {}) {
    const page = loadPortalReferral(services, actorOf(req, services), req.params.id);
    res.status(status).render('portal/referral', { title: `Verwijzing – ${page.client.firstName} ${page.client.lastName}`, ...page, ...extra });
  }

  router.get('/portal/referrals/:id', (req, res) => renderReferral(req, res));
  router.post('/portal/referrals/:id/answer', (req, res) => {
    const version = Number(req.body.version);
    const result = answerReferral(services, actorOf(req, services), req.params.id, version, parseInput(answerSchema, req.body));
    if (!result.ok) {
      showRefusal(result.refusal, {
        form: (status, errors) => renderReferral(req, res, status, { errors, values: req.body }),
        closed: () => renderReferral(req, res, 409),
      });
      return;
    }
    req.session.flash = { kind: 'ok', message: result.value.message };
    res.redirect(303, '/portal');
  });
  return router;
}
