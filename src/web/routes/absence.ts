import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { type ExcusedAbsenceForm, loadAbsencePage, recordExcusedAbsence } from '../../app/absence.js';
import type { FieldErrors } from '../../app/result.js';
import { EXCUSED_REASON_KINDS } from '../../domain/index.js';
import { actorOf } from '../actor.js';
import { whenValid } from '../forms/when-valid.js';
import { showRefusal } from '../refusals.js';
import type { Services } from '../services.js';
import { choice, optionalDate, optionalText, parseInput, requiredDate, requiredNumber } from '../validation.js';

const excusedSchema: z.ZodType<ExcusedAbsenceForm> = z
  .object({
    fromDate: requiredDate('de eerste dag'),
    toDate: optionalDate('de laatste dag'),
    hours: requiredNumber('het aantal uren', { min: 0.5, max: 500 }),
    reasonKind: choice('een reden', EXCUSED_REASON_KINDS),
    note: optionalText('de toelichting', 1000),
  })
  .superRefine((v, ctx) => {
    const to = v.toDate ?? v.fromDate;
    if (to < v.fromDate) ctx.addIssue({ code: 'custom', path: ['toDate'], message: 'De laatste dag mag niet voor de eerste dag liggen' });
    else if (to.slice(0, 7) !== v.fromDate.slice(0, 7)) {
      ctx.addIssue({
        code: 'custom',
        path: ['toDate'],
        message: 'De periode moet binnen één kalendermaand vallen. Voer voor elke maand een aparte regel in.',
      });
    }
    if (v.reasonKind === 'OVERIG' && !v.note) {
      ctx.addIssue({ code: 'custom', path: ['note'], message: 'Vul een toelichting in bij een andere reden' });
    }
  }, whenValid('fromDate', 'toDate', 'reasonKind', 'note'));

/** Absence per month (planned against attended hours) and excused absence: /clients/:id/absence. */
export function absenceRouter(services: Services): Router {
  const router = Router();

  /** The page; after a refused form (`extra` set) without a second view audit row, as before. */
  function render(req: Request, res: Response, status = 200, extra?: { errors: FieldErrors; values: unknown }) {
    const page = loadAbsencePage(services, actorOf(req, services), req.params.id, { audit: !extra });
    res.status(status).render('absence/show', {
      title: `Verzuim – ${page.client.firstName} ${page.client.lastName}`,
      ...page,
      errors: {},
      values: {},
      ...extra,
    });
  }

  router.get('/clients/:id/absence', (req, res) => render(req, res));

  router.post('/clients/:id/absence/excused', (req, res) => {
    const result = recordExcusedAbsence(services, actorOf(req, services), req.params.id, parseInput(excusedSchema, req.body));
    if (!result.ok) {
      showRefusal(result.refusal, {
        form: (status, errors) => render(req, res, status, { errors, values: req.body }),
        // A closed trajectory shows the form again with the message (the page itself says it is read-only).
        closed: (message) => render(req, res, 400, { errors: { _form: message }, values: req.body }),
      });
      return;
    }
    req.session.flash = { kind: 'ok', message: 'Het geoorloofd verzuim is vastgelegd. Het telt niet mee in het verzuimpercentage.' };
    res.redirect(303, `/clients/${req.params.id}/absence`);
  });

  return router;
}
