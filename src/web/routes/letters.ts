import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { DocumentDeps } from '../../app/documents.js';
import { type LetterForm, loadLetterFormPage, loadLettersPage, makeLetter } from '../../app/letters.js';
import type { FieldErrors } from '../../app/result.js';
import { actorOf } from '../actor.js';
import { renderClosedProgress, showRefusal } from '../refusals.js';
import type { Services } from '../services.js';
import { checkbox, optionalDate, optionalNumber, optionalText, parseInput, requiredDate } from '../validation.js';

const letterSchema: z.ZodType<LetterForm> = z.object({
  letterDate: requiredDate('de datum van de brief'),
  pipVersionNo: optionalNumber('de versie van het PIP', { integer: true, min: 1 }),
  meetingDate: optionalDate('de datum van het gesprek'),
  meetingTime: optionalText('de tijd', 5).refine((v) => v === null || /^([01]?\d|2[0-3])[:.][0-5]\d$/.test(v), {
    message: 'Vul de tijd in als uu:mm, bijvoorbeeld 09:30',
  }).transform((v) => (v === null ? null : v.replace('.', ':').padStart(5, '0'))),
  place: optionalText('de plaats', 300),
  interpreter: checkbox(),
  interpreterLanguage: optionalText('de taal van de tolk', 100),
  bring: optionalText('wat de cliënt meeneemt', 1000),
  conversationId: optionalNumber('het pre-eindgesprek', { integer: true, min: 1 }),
  appointmentId: optionalNumber('de afspraak', { integer: true, min: 1 }),
});

/** Letters of a client made from the admin's templates: the list, the form per letter, and making the PDF. */
export function lettersRouter(services: Services, deps: DocumentDeps): Router {
  const router = Router();

  function renderForm(req: Request, res: Response, status = 200, extra: { errors?: FieldErrors; values?: unknown } = {}) {
    // From an appointment: `?appointment=` on the link of the appointment page, `appointmentId` when re-rendering a post.
    const appointmentId = req.method === 'POST' ? (req.body as Record<string, unknown> | undefined)?.appointmentId : req.query.appointment;
    const page = loadLetterFormPage(deps, actorOf(req, services), req.params.id, req.params.kind, appointmentId);
    res.status(status).render('letters/form', {
      title: `${page.spec.title} – ${page.client.firstName} ${page.client.lastName}`,
      ...page,
      values: page.initialValues,
      ...extra,
    });
  }

  router.get('/clients/:id/letters', (req, res) => {
    const page = loadLettersPage(deps, actorOf(req, services), req.params.id);
    res.render('letters/index', { title: `Brieven – ${page.client.firstName} ${page.client.lastName}`, ...page });
  });

  router.get('/clients/:id/letters/:kind', (req, res) => renderForm(req, res));

  router.post('/clients/:id/letters/:kind', async (req, res) => {
    const result = await makeLetter(deps, actorOf(req, services), req.params.id, req.params.kind, parseInput(letterSchema, req.body));
    if (!result.ok) {
      showRefusal(result.refusal, {
        form: (status, errors) => renderForm(req, res, status, { errors, values: req.body }),
        closed: (message) => renderClosedProgress(req, res, services, message),
      });
      return;
    }
    const { appointmentId, description, documentId } = result.value;
    if (appointmentId !== null) {
      req.session.flash = { kind: 'ok', message: `Brief gemaakt en bewaard bij de documenten: ${description}. Leg hieronder vast wanneer en hoe u hem verstuurt.` };
      res.redirect(303, `/clients/${req.params.id}/appointments/${appointmentId}`);
      return;
    }
    req.session.flash = { kind: 'ok', message: `Brief gemaakt en bewaard bij de documenten: ${description}.` };
    res.redirect(303, `/clients/${req.params.id}/documents/${documentId}`);
  });

  return router;
}
