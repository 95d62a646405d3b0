import { type NextFunction, type Request, type Response, Router } from 'express';
import multer from 'multer';
import {
  checkImportRows,
  findDraft,
  IMPORT_COLUMNS,
  KIND_WORDS,
  parseHourCsv,
  runImport,
  saveDraft,
  sha256,
  TEMPLATE_CSV,
} from '../../db/hour-import.js';
import { listActivityKinds, listProviders } from '../../db/hours.js';
import { todayOf } from '../../lib/clock.js';
import type { Services } from '../services.js';
import { notFound } from '../http-errors.js';
import { requireRole } from '../middleware/auth.js';
import { csrfProtection } from '../middleware/csrf.js';
import { idParam } from '../validation.js';
import { HOUR_KIND_LABELS } from '../legacy-progress.js';

export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 10 } });

/** A provider's hour report (CSV) for the clients of the consulent's team: preview, then import all or nothing. */
export function hourImportRouter(services: Services): Router {
  const router = Router();
  const { db } = services;
  const consulent = requireRole('consulent');

  function renderStart(res: Response, status = 200, uploadError: string | null = null) {
    res.status(status).render('hours/import', {
      title: 'Uren importeren',
      columns: IMPORT_COLUMNS,
      kindWords: Object.keys(KIND_WORDS),
      activityKinds: listActivityKinds(db),
      providers: listProviders(db),
      errors: uploadError ? { file: uploadError } : {},
      uploadError,
    });
  }

  router.get('/hours/import', consulent, (_req, res) => {
    renderStart(res);
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
          else renderStart(res, 400, message);
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

  function renderPreview(req: Request, res: Response, draftId: number, fileName: string, rows: ReturnType<typeof parseHourCsv>['rows'], fileProblems: ReturnType<typeof parseHourCsv>['problems']) {
    const user = req.user!;
    const check = fileProblems.length
      ? { rows: 0, valid: [], problems: fileProblems, alreadyImported: 0, toImport: 0 }
      : checkImportRows(db, rows, user.teamId ?? -1, todayOf(services.clock));
    res.status(check.problems.length ? 400 : 200).render('hours/import-preview', {
      title: 'Uren importeren: controle',
      fileName,
      draftId,
      check,
      kindLabels: HOUR_KIND_LABELS,
    });
    for (const id of new Set(check.valid.map((v) => v.clientId))) {
      req.audit('uren-import-gecontroleerd', 'voortgang', { clientId: id });
    }
    return check;
  }

  router.post('/hours/import', consulent, receiveFile, (req, res) => {
    const file = req.file;
    if (!file || file.size === 0) {
      renderStart(res, 400, 'Kies een CSV-bestand met uren.');
      return;
    }
    const parsed = parseHourCsv(file.buffer);
    const fileName = file.originalname.slice(0, 200);
    const draftId = parsed.problems.length
      ? 0
      : saveDraft(db, req.user!.id, fileName, sha256(file.buffer), parsed.rows, services.clock.now().toISOString());
    renderPreview(req, res, draftId, fileName, parsed.rows, parsed.problems);
  });

  router.post('/hours/import/:draftId/confirm', consulent, (req, res) => {
    const id = idParam.safeParse(req.params.draftId);
    const user = req.user!;
    const draft = id.success ? findDraft(db, id.data, user.id) : undefined;
    if (!draft) throw notFound('Dit importbestand bestaat niet (meer). Upload het bestand opnieuw.');
    if (draft.importedAt) {
      res.status(409).render('errors/error', {
        title: 'Al geïmporteerd',
        message: 'Dit bestand is al geïmporteerd. Upload het opnieuw als u wilt controleren of er nieuwe regels in staan.',
      });
      return;
    }
    const today = todayOf(services.clock);
    const check = checkImportRows(db, draft.rows, user.teamId ?? -1, today); // re-validate: data may have changed
    if (check.problems.length) {
      renderPreview(req, res, draft.id, draft.fileName, draft.rows, []);
      return;
    }
    const result = runImport(db, draft, check, user.id, today, services.clock.now().toISOString());
    for (const clientId of result.clientIds) req.audit('uren-geimporteerd', 'voortgang', { clientId });
    req.session.flash = {
      kind: 'ok',
      message: `${result.imported} regel${result.imported === 1 ? '' : 's'} geïmporteerd voor ${result.clientIds.length} cliënt${result.clientIds.length === 1 ? '' : 'en'}.${check.alreadyImported ? ` ${check.alreadyImported} regel${check.alreadyImported === 1 ? ' was' : 's waren'} al eerder geïmporteerd en ${check.alreadyImported === 1 ? 'is' : 'zijn'} overgeslagen.` : ''}`,
    };
    res.redirect(303, '/hours/import');
  });

  return router;
}
