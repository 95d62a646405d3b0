import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import {
  loadReferralsPage,
  REFERRAL_COMPONENTS,
  type ReferralComponent,
  type ReferralForm,
  referClient,
  withdrawClientReferral,
  type WithdrawReferralForm,
} from '../../app/referrals.js';
import type { FieldErrors } from '../../app/result.js';
import { actorOf } from '../actor.js';
import { requireRole } from '../middleware/auth.js';
import { renderClosedProgress, showRefusal } from '../refusals.js';
import type { Services } from '../services.js';
import { choice, optionalNumber, optionalText, parseInput, requiredDate, requiredNumber } from '../validation.js';

const referralSchema: z.ZodType<ReferralForm> = z
  .object({
    providerId: requiredNumber('de aanbieder', { integer: true, min: 1 }),
    component: choice('het onderdeel', REFERRAL_COMPONENTS as unknown as readonly [ReferralComponent, ...ReferralComponent[]]),
    startOn: requiredDate('de startdatum'),
    endOn: requiredDate('de einddatum'),
    hoursPerWeek: optionalNumber('het aantal uren per week', { min: 0.5, max: 60 }),
    hoursTotal: optionalNumber('het totaal aantal uren', { min: 1, max: 5000 }),
    note: optionalText('de toelichting', 1000),
  })
  .superRefine((v, ctx) => {
    if (v.endOn < v.startOn) ctx.addIssue({ code: 'custom', path: ['endOn'], message: 'De einddatum mag niet voor de startdatum liggen' });
    if (v.hoursPerWeek === null && v.hoursTotal === null) {
      ctx.addIssue({ code: 'custom', path: ['hoursPerWeek'], message: 'Vul de geplande uren per week of het totaal aantal uren in' });
    }
  });

const withdrawSchema: z.ZodType<WithdrawReferralForm> = z.object({ version: requiredNumber('de versie', { integer: true, min: 1 }) });

/** The referrals of one client to providers (dossier tab "Verwijzingen"). */
export function referralsRouter(services: Services): Router {
  const router = Router();
  const staff = requireRole('consulent', 'teamleider');

  function renderPage(req: Request, res: Response, status = 200, extra: { errors?: FieldErrors; values?: unknown } = {}) {
    const page = loadReferralsPage(services, actorOf(req, services), req.params.id);
    res.status(status).render('referrals/index', {
      title: `Verwijzingen – ${page.client.firstName} ${page.client.lastName}`,
      ...page,
      values: { startOn: page.today },
      ...extra,
    });
  }

  router.get('/clients/:id/referrals', staff, (req, res) => renderPage(req, res));
  router.post('/clients/:id/referrals', staff, (req, res) => {
    const result = referClient(services, actorOf(req, services), req.params.id, parseInput(referralSchema, req.body));
    if (!result.ok) {
      showRefusal(result.refusal, {
        form: (status, errors) => renderPage(req, res, status, { errors, values: req.body }),
        closed: (message) => renderClosedProgress(req, res, services, message),
      });
      return;
    }
    req.session.flash = { kind: 'ok', message: `Verwezen: ${result.value.summary}. De aanbieder ziet de verwijzing nu in Koers.` };
    res.redirect(303, `/clients/${req.params.id}/referrals`);
  });
  router.post('/clients/:id/referrals/:referralId/withdraw', staff, (req, res) => {
    const result = withdrawClientReferral(services, actorOf(req, services), req.params.id, req.params.referralId, parseInput(withdrawSchema, req.body));
    if (!result.ok) {
      showRefusal(result.refusal, {
        form: (status, errors) => renderPage(req, res, status, { errors }),
        closed: (message) => renderClosedProgress(req, res, services, message),
      });
      return;
    }
    req.session.flash = { kind: 'ok', message: `Verwijzing ingetrokken: ${result.value.summary}. De aanbieder ziet de cliënt niet meer.` };
    res.redirect(303, `/clients/${req.params.id}/referrals`);
  });
  return router;
}
