import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import {
  addDocumentType,
  changeDocumentType,
  changeMaxDocumentSize,
  loadDocumentSettingsPage,
  loadDocumentTypePage,
  MAX_LIMIT_MB,
} from '../../app/document-types.js';
import type { FieldErrors } from '../../app/result.js';
import { actorOf } from '../actor.js';
import { requireRole } from '../middleware/auth.js';
import { showRefusal } from '../refusals.js';
import type { Services } from '../services.js';
import { checkbox, parseInput, requiredNumber, requiredText } from '../validation.js';

const typeSchema = z.object({
  name: requiredText('de naam', 100),
  sortOrder: requiredNumber('de volgorde', { integer: true, min: 0, max: 999 }),
});
const typeEditSchema = typeSchema.extend({ active: checkbox() });
const sizeSchema = z.object({ maxMb: requiredNumber('de maximale grootte', { integer: true, min: 1, max: MAX_LIMIT_MB }) });

/** Functioneel beheer: the list of document types and the maximum size of an uploaded file. */
export function adminDocumentsRouter(services: Services): Router {
  const router = Router();
  router.use(requireRole('admin'));

  function renderSettings(req: Request, res: Response, status = 200, extra: { errors?: FieldErrors; values?: unknown; sizeErrors?: FieldErrors; sizeValues?: unknown } = {}) {
    const page = loadDocumentSettingsPage(services, actorOf(req, services));
    res.status(status).render('admin/documents', {
      title: 'Documenten',
      ...page,
      values: { sortOrder: (page.types.at(-1)?.sortOrder ?? 0) + 10 },
      sizeValues: { maxMb: page.maxMb },
      sizeErrors: {},
      ...extra,
    });
  }

  function renderType(req: Request, res: Response, status = 200, extra: { errors?: FieldErrors; values?: unknown } = {}) {
    const page = loadDocumentTypePage(services, actorOf(req, services), req.params.typeId);
    res.status(status).render('admin/document-type', {
      title: `Soort document: ${page.type.name}`,
      ...page,
      values: { name: page.type.name, sortOrder: page.type.sortOrder, active: page.type.active ? 'on' : '', version: page.type.version },
      ...extra,
    });
  }

  const noClosed = () => undefined;

  router.get('/', (req, res) => renderSettings(req, res));

  router.post('/types', (req, res) => {
    const result = addDocumentType(services, actorOf(req, services), parseInput(typeSchema, req.body));
    if (!result.ok) {
      showRefusal(result.refusal, { form: (status, errors) => renderSettings(req, res, status, { errors, values: req.body }), closed: noClosed });
      return;
    }
    req.session.flash = { kind: 'ok', message: `Soort document toegevoegd: ${result.value.name}.` };
    res.redirect(303, '/admin/documents');
  });

  router.get('/types/:typeId', (req, res) => renderType(req, res));

  router.post('/types/:typeId', (req, res) => {
    const result = changeDocumentType(services, actorOf(req, services), req.params.typeId, Number(req.body.version), parseInput(typeEditSchema, req.body));
    if (!result.ok) {
      showRefusal(result.refusal, { form: (status, errors) => renderType(req, res, status, { errors, values: req.body }), closed: noClosed });
      return;
    }
    req.session.flash = { kind: 'ok', message: `Soort document opgeslagen: ${result.value.name}.` };
    res.redirect(303, '/admin/documents');
  });

  router.post('/max-size', (req, res) => {
    const result = changeMaxDocumentSize(services, actorOf(req, services), parseInput(sizeSchema, req.body));
    if (!result.ok) {
      showRefusal(result.refusal, {
        form: (status, errors) => renderSettings(req, res, status, { sizeErrors: errors, errors, sizeValues: req.body }),
        closed: noClosed,
      });
      return;
    }
    req.session.flash = { kind: 'ok', message: `De maximale grootte van een bestand is nu ${result.value.label}.` };
    res.redirect(303, '/admin/documents');
  });

  return router;
}
