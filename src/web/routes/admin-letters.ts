import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { loadLetterTemplatePage, loadLetterTemplatesPage, saveLetterTemplate, type TemplateForm } from '../../app/letter-templates.js';
import type { FieldErrors } from '../../app/result.js';
import { actorOf } from '../actor.js';
import { requireRole } from '../middleware/auth.js';
import { showRefusal } from '../refusals.js';
import type { Services } from '../services.js';
import { optionalText, parseInput } from '../validation.js';

// The fields of a template are checked by the use case (each kind has its own); here only their shape.
const templateSchema: z.ZodType<TemplateForm> = z.object({
  fields: z.preprocess((v) => (v && typeof v === 'object' ? v : {}), z.record(z.string(), z.preprocess((x) => (typeof x === 'string' ? x : ''), z.string()))),
  note: optionalText('de toelichting', 500),
  basedOn: z.coerce.number().int().min(0),
});

/** Functioneel beheer: the letter texts (sender, beschikking, invitations, afsprakenplan), versioned. */
export function adminLettersRouter(services: Services): Router {
  const router = Router();
  router.use(requireRole('admin'));

  function renderForm(req: Request, res: Response, status = 200, extra: { errors?: FieldErrors; values?: Record<string, unknown> } = {}) {
    const page = loadLetterTemplatePage(services, actorOf(req, services), req.params.kind);
    res.status(status).render('admin/letter-template', {
      title: `Brieftekst: ${page.spec.title}`,
      ...page,
      values: { fields: page.inForce.fields, basedOn: page.inForce.versionNo, note: '' },
      ...extra,
    });
  }

  router.get('/', (req, res) => {
    const page = loadLetterTemplatesPage(services, actorOf(req, services));
    res.render('admin/letter-templates', { title: 'Brieven', ...page });
  });

  router.get('/:kind', (req, res) => renderForm(req, res));

  router.post('/:kind', (req, res) => {
    const result = saveLetterTemplate(services, actorOf(req, services), req.params.kind, parseInput(templateSchema, req.body));
    if (!result.ok) {
      showRefusal(result.refusal, {
        form: (status, errors) =>
          renderForm(req, res, status, {
            errors,
            values: status === 409 ? { ...req.body, basedOn: undefined } : req.body,
          }),
        closed: () => undefined,
      });
      return;
    }
    req.session.flash = { kind: 'ok', message: `Opgeslagen als versie ${result.value.versionNo}: ${result.value.title}.` };
    res.redirect(303, `/admin/letters/${req.params.kind}`);
  });

  return router;
}
