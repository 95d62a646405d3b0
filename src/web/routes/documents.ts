import { type NextFunction, type Request, type Response, Router } from 'express';
import multer from 'multer';
import { z } from 'zod';
import {
  changeDocumentDetails,
  type DocumentDeps,
  type DocumentForm,
  documentValues,
  loadDocumentPage,
  loadDocumentsPage,
  openDocumentFile,
  removeDocumentWithReason,
  uploadDocument,
  uploadDocumentVersion,
  uploadLimit,
} from '../../app/documents.js';
import type { FieldErrors } from '../../app/result.js';
import { actorOf } from '../actor.js';
import { csrfProtection } from '../middleware/csrf.js';
import { renderClosedProgress, showRefusal } from '../refusals.js';
import type { Services } from '../services.js';
import { checkbox, optionalText, parseInput, requiredDate, requiredNumber, requiredText } from '../validation.js';

const documentSchema: z.ZodType<DocumentForm> = z.object({
  typeId: requiredNumber('het soort document', { integer: true, min: 1 }),
  documentDate: requiredDate('de datum van het document'),
  description: requiredText('de omschrijving', 300),
  link: optionalText('de koppeling', 50),
  sharedWithProvider: checkbox(),
});

const removeSchema = z.object({
  reason: requiredText('de reden van verwijderen', 500),
  version: z.coerce.number().int().positive(),
});

/** `filename` for every browser (ASCII) and `filename*` with the real name (RFC 6266 / 5987). */
function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * A client's documents: list, upload (checked by content), details, new version, remove with a reason, and the
 * file itself (never from a static path: every view and download goes through the access check and is audited).
 */
export function documentsRouter(services: Services, deps: DocumentDeps): Router {
  const router = Router();

  function renderList(req: Request, res: Response, status = 200, extra: { errors?: FieldErrors; values?: unknown } = {}) {
    const page = loadDocumentsPage(deps, actorOf(req, services), req.params.id);
    res.status(status).render('documents/index', {
      title: `Documenten – ${page.client.firstName} ${page.client.lastName}`,
      ...page,
      values: { documentDate: page.today },
      ...extra,
    });
  }

  type DocPage = ReturnType<typeof loadDocumentPage>;
  function renderDocument(req: Request, res: Response, status = 200, extra: (page: DocPage) => object = () => ({})) {
    const page = loadDocumentPage(deps, actorOf(req, services), req.params.id, req.params.docId);
    res.status(status).render('documents/show', {
      title: `Document – ${page.doc.description}`,
      ...page,
      values: documentValues(page.doc),
      versionErrors: {},
      removeErrors: {},
      removeValues: {},
      ...extra(page),
    });
  }

  /**
   * The multipart body (one file, with the limit set by the admin) and then the CSRF check on its `_csrf`
   * field. A file over the limit is not kept: the page is shown again with the message next to the field.
   */
  function receiveFile(onTooLarge: (req: Request, res: Response, message: string) => void) {
    return (req: Request, res: Response, next: NextFunction) => {
      const limit = uploadLimit(deps);
      const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: limit.bytes, files: 1, fields: 20, fieldSize: 10_000 } });
      upload.single('file')(req, res, (err: unknown) => {
        if (err instanceof multer.MulterError) {
          const message = err.code === 'LIMIT_FILE_SIZE' ? limit.message : 'Het bestand kon niet worden ontvangen. Kies één bestand.';
          csrfProtection(req, res, (csrfErr?: unknown) => {
            if (csrfErr) next(csrfErr);
            else onTooLarge(req, res, message);
          });
          return;
        }
        if (err) {
          next(err);
          return;
        }
        csrfProtection(req, res, next);
      });
    };
  }

  const fileOf = (req: Request) => (req.file ? { name: req.file.originalname, bytes: req.file.buffer } : null);
  const closed = (req: Request, res: Response) => (message: string) => renderClosedProgress(req, res, services, message);

  router.get('/clients/:id/documents', (req, res) => renderList(req, res));

  router.post(
    '/clients/:id/documents',
    receiveFile((req, res, message) => renderList(req, res, 400, { errors: { file: message }, values: req.body })),
    async (req, res) => {
      const result = await uploadDocument(deps, actorOf(req, services), req.params.id, parseInput(documentSchema, req.body), fileOf(req));
      if (!result.ok) {
        showRefusal(result.refusal, {
          form: (status, errors) => renderList(req, res, status, { errors, values: req.body }),
          closed: closed(req, res),
        });
        return;
      }
      req.session.flash = { kind: 'ok', message: `Opgeslagen: ${result.value.summary}.` };
      res.redirect(303, `/clients/${req.params.id}/documents/${result.value.id}`);
    },
  );

  router.get('/clients/:id/documents/:docId', (req, res) => renderDocument(req, res));

  router.post('/clients/:id/documents/:docId', (req, res) => {
    const result = changeDocumentDetails(deps, actorOf(req, services), req.params.id, req.params.docId, Number(req.body.version), parseInput(documentSchema, req.body));
    if (!result.ok) {
      showRefusal(result.refusal, {
        form: (status, errors) =>
          renderDocument(req, res, status, (page) => ({ errors, values: status === 409 ? { ...req.body, version: page.doc.version } : req.body })),
        closed: closed(req, res),
      });
      return;
    }
    req.session.flash = { kind: 'ok', message: `Gewijzigd: ${result.value.summary}.` };
    res.redirect(303, `/clients/${req.params.id}/documents/${req.params.docId}`);
  });

  router.post(
    '/clients/:id/documents/:docId/versions',
    receiveFile((req, res, message) => renderDocument(req, res, 400, () => ({ versionErrors: { file: message }, errors: { file: message } }))),
    async (req, res) => {
      const result = await uploadDocumentVersion(deps, actorOf(req, services), req.params.id, req.params.docId, Number(req.body.version), fileOf(req));
      if (!result.ok) {
        showRefusal(result.refusal, {
          form: (status, errors) => renderDocument(req, res, status, () => ({ versionErrors: errors, errors })),
          closed: closed(req, res),
        });
        return;
      }
      req.session.flash = { kind: 'ok', message: `Versie ${result.value.versionNo} opgeslagen: ${result.value.summary}.` };
      res.redirect(303, `/clients/${req.params.id}/documents/${req.params.docId}`);
    },
  );

  router.post('/clients/:id/documents/:docId/remove', (req, res) => {
    const result = removeDocumentWithReason(deps, actorOf(req, services), req.params.id, req.params.docId, parseInput(removeSchema, req.body));
    if (!result.ok) {
      showRefusal(result.refusal, {
        form: (status, errors) => renderDocument(req, res, status, () => ({ removeErrors: errors, errors, removeValues: req.body })),
        closed: closed(req, res),
      });
      return;
    }
    req.session.flash = { kind: 'ok', message: `Verwijderd: ${result.value.summary}. Het document blijft in de lijst als verwijderd.` };
    res.redirect(303, `/clients/${req.params.id}/documents`);
  });

  // The file: inline only for PDF and images (and only when not asked to download), never sniffed by the
  // browser, and under a policy that runs no script and loads nothing.
  function sendFile(req: Request, res: Response, versionNo: unknown) {
    const file = openDocumentFile(deps, actorOf(req, services), req.params.id, req.params.docId, versionNo, req.query.download !== undefined);
    res.setHeader('Content-Type', file.mimeType);
    res.setHeader('Content-Length', String(file.bytes.length));
    res.setHeader('Content-Disposition', contentDisposition(file.inline ? 'inline' : 'attachment', file.fileName));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox; frame-ancestors 'none'");
    res.setHeader('Cache-Control', 'no-store');
    res.end(file.bytes);
  }

  router.get('/clients/:id/documents/:docId/file', (req, res) => sendFile(req, res, null));
  router.get('/clients/:id/documents/:docId/versions/:versionNo/file', (req, res) => sendFile(req, res, req.params.versionNo));

  return router;
}
