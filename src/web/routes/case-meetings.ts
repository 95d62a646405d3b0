import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { CASE_MEETING_AGREEMENT_ROWS, type CaseMeetingInput, loadCaseMeetingsPage, recordCaseMeeting } from '../../app/case-meetings.js';
import { actorOf } from '../actor.js';
import { parseAgreementRows } from '../forms/agreement-rows.js';
import { renderClosedProgress, showRefusal } from '../refusals.js';
import type { Services } from '../services.js';
import { checkbox, type FieldErrors, optionalNumber, optionalText, parseInput, requiredDate, requiredText } from '../validation.js';

const meetingSchema: z.ZodType<CaseMeetingInput> = z.object({
  heldOn: requiredDate('de datum van het overleg'),
  placementId: optionalNumber('de plaats', { integer: true, min: 1 }),
  withProvider: checkbox(),
  withJobCoach: checkbox(),
  withEmployer: checkbox(),
  otherParticipants: optionalText('de andere deelnemers', 500),
  notes: requiredText('de aantekeningen', 4000),
});

/** Casusoverleg: who took part, notes, and agreements that land in the client's agreements list. */
export function caseMeetingsRouter(services: Services): Router {
  const router = Router();

  function render(req: Request, res: Response, status = 200, extra: { errors?: FieldErrors; values?: unknown } = {}) {
    const page = loadCaseMeetingsPage(services, actorOf(req, services), req.params.id);
    res.status(status).render('case-meetings/index', {
      title: `Casusoverleg – ${page.client.firstName} ${page.client.lastName}`,
      ...page,
      values: { heldOn: page.today },
      ...extra,
    });
  }

  router.get('/clients/:id/case-meetings', (req, res) => render(req, res));

  router.post('/clients/:id/case-meetings', (req, res) => {
    const actor = actorOf(req, services);
    const form = parseInput(meetingSchema, req.body);
    const agreements = parseAgreementRows(req.body, CASE_MEETING_AGREEMENT_ROWS, form.ok ? form.data.heldOn : actor.today);
    const result = recordCaseMeeting(services, actor, req.params.id, agreements, form);
    if (!result.ok) {
      showRefusal(result.refusal, {
        form: (status, errors) => render(req, res, status, { errors, values: req.body }),
        closed: (message) => renderClosedProgress(req, res, services, message),
      });
      return;
    }
    req.session.flash = { kind: 'ok', message: result.value.message };
    res.redirect(303, `/clients/${req.params.id}/case-meetings`);
  });

  return router;
}
