import { type NextFunction, type Request, type Response, Router } from 'express';
import multer from 'multer';
import { type ImportPreview, loadHourImportPage, previewHourImport, runHourImport, TEMPLATE_CSV } from '../../app/hour-import.js';
import { actorOf } from '../actor.js';
import type { Services } from '../services.js';
import { requireRole } from '../middleware/auth.js';
import { csrfProtection } from '../middleware/csrf.js';

export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 10 } });

/** A provider's hour report (CSV) for the clients of the consulent's team: preview, then import all or nothing. */
export function hourImportRouter(services: Services): Router {
  const router = Router();
  const consulent = requireRole('consulent');

  function renderStart(req: Request, res: Response, status = 200, uploadError: string | null = null) {
    const page = loadHourImportPage(services, actorOf(req, services));
    res.status(status).render('hours/import', {
      title: 'Uren importeren',
      ...page,
      errors: uploadError ? { file: uploadError } : {},
      uploadError,
    });
  }

  router.get('/hours/import', consulent, (req, res) => {
    renderStart(req, res);
  });

  router.get('/hours/import/template.csv', consulent, (_req, res) => {
    res.type('text/csv; charset=utf-8');
    res.attachment('urenrapport-voorbeeld.csv');
    res.send(TEMPLATE_CSV);
  });

  // multer first (multipart body), then the CSRF check on the parsed _csrf field.
  function receiveFile(req: Request, res: Response, next: NextFunction) {
    upload.single('file')(req, res, (err: unknown) => {
      if (err instanceof multer.MulterError) {
        const message =
          err.code === 'LIMIT_FILE_SIZE'
            ? 'Het bestand is groter dan 2 MB. Splits het rapport in kleinere bestanden.'
            : 'Het bestand kon niet worden ontvangen. Kies één CSV-bestand.';
        csrfProtection(req, res, (csrfErr?: unknown) => {
          if (csrfErr) next(csrfErr);
          else renderStart(req, res, 400, message);
        });
        return;
      }
      if (err) {
        next(err);
        return;
      }
      csrfProtection(req, res, next);
    });
  }

  function renderPreview(res: Response, preview: ImportPreview) {
    res.status(preview.check.problems.length ? 400 : 200).render('hours/import-preview', {
      title: 'Uren importeren: controle',
      ...preview,
    });
  }

  router.post('/hours/import', consulent, receiveFile, (req, res) => {
    const file = req.file ? { name: req.file.originalname, bytes: req.file.buffer } : null;
    const result = previewHourImport(services, actorOf(req, services), file);
    if (!result.ok) {
      renderStart(req, res, 400, result.refusal.errors.file);
      return;
    }
    renderPreview(res, result.value);
  });

  router.post('/hours/import/:draftId/confirm', consulent, (req, res) => {
    const result = runHourImport(services, actorOf(req, services), req.params.draftId);
    if (!result.ok) {
      if (result.refusal.kind === 'conflict') {
        res.status(409).render('errors/error', { title: 'Al geïmporteerd', message: result.refusal.message });
      } else {
        renderPreview(res, result.refusal.preview);
      }
      return;
    }
    req.session.flash = { kind: 'ok', message: result.value.message };
    res.redirect(303, '/hours/import');
  });

  return router;
}
