import { type NextFunction, type Request, type Response, Router } from 'express';
import multer from 'multer';
import { z } from 'zod';
import {
  acceptReport,
  type GridInput,
  loadReportGrid,
  loadReportReview,
  REPORT_COLUMNS,
  rejectReport,
  submitReportCsv,
  submitReportGrid,
  TEMPLATE_REPORT_CSV,
} from '../../app/provider-reports.js';
import type { FieldErrors } from '../../app/result.js';
import { actorOf } from '../actor.js';
import { csrfProtection } from '../middleware/csrf.js';
import { renderClosedProgress, showRefusal } from '../refusals.js';
import type { Services } from '../services.js';
import { parseInput, requiredText } from '../validation.js';

/** As the hour import: 2 MB. */
const MAX_REPORT_BYTES = 2 * 1024 * 1024;
const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_REPORT_BYTES, files: 1, fields: 10 } });
const rejectSchema = z.object({ reason: requiredText('de reden', 1000) });
const GRID_FIELDS = ['uren', 'gepland', 'activiteit', ...REPORT_COLUMNS] as const;

/** The grid's fields r<referral>_<column> as one row per referral. */
function gridInput(body: Record<string, unknown>): GridInput {
  const out: GridInput = {};
  for (const [k, v] of Object.entries(body)) {
    const m = /^r(\d{1,12})_([a-z_]+)$/.exec(k);
    if (!m || !(GRID_FIELDS as readonly string[]).includes(m[2]!) || typeof v !== 'string') continue;
    (out[m[1]!] ??= {})[m[2] as (typeof GRID_FIELDS)[number]] = v;
  }
  return out;
}

/** Providers' reports: the provider's grid and CSV upload (portal), the consulent's decision (/reports/:id). */
export function providerReportsRouter(services: Services): Router {
  const router = Router();

  function renderGrid(req: Request, res: Response, status = 200, extra: { errors?: FieldErrors; values?: unknown; problems?: unknown } = {}) {
    const period = (req.query.period ?? req.body?.period) as unknown;
    const page = loadReportGrid(services, actorOf(req, services), period);
    res.status(status).render('portal/reports', { title: `Rapportages – ${page.provider.name}`, problems: [], ...page, ...extra });
  }

  router.get('/portal/reports', (req, res) => renderGrid(req, res));
  router.get('/portal/reports/template.csv', (req, res) => {
    loadReportGrid(services, actorOf(req, services), null);
    res.type('text/csv; charset=utf-8');
    res.attachment('rapportage-voorbeeld.csv');
    res.send(TEMPLATE_REPORT_CSV);
  });
  router.post('/portal/reports', (req, res) => {
    const result = submitReportGrid(services, actorOf(req, services), req.body.period, gridInput(req.body));
    if (!result.ok) {
      showRefusal(result.refusal, {
        form: (status, errors) => renderGrid(req, res, status, { errors, values: req.body }),
        closed: () => renderGrid(req, res, 409),
      });
      return;
    }
    req.session.flash = { kind: 'ok', message: result.value.message };
    res.redirect(303, `/portal/reports?period=${encodeURIComponent(String(req.body.period))}`);
  });

  function receiveFile(req: Request, res: Response, next: NextFunction) {
    upload.single('file')(req, res, (err: unknown) => {
      if (err instanceof multer.MulterError) {
        csrfProtection(req, res, (csrfErr?: unknown) => {
          if (csrfErr) next(csrfErr);
          else renderGrid(req, res, 400, { errors: { file: 'Het bestand is groter dan 2 MB of kon niet worden ontvangen. Kies één CSV-bestand.' } });
        });
        return;
      }
      if (err) next(err);
      else csrfProtection(req, res, next);
    });
  }

  router.post('/portal/reports/upload', receiveFile, (req, res) => {
    const file = req.file ? { name: req.file.originalname, bytes: req.file.buffer } : null;
    const result = submitReportCsv(services, actorOf(req, services), file);
    if (!result.ok) {
      const r = result.refusal;
      renderGrid(req, res, 400, r.kind === 'invalid' ? { errors: r.errors } : { problems: r.problems, errors: { file: 'Het bestand heeft fouten; er is niets ingediend. Zie de lijst hieronder.' } });
      return;
    }
    req.session.flash = { kind: 'ok', message: result.value.message };
    res.redirect(303, '/portal/reports');
  });

  // ---- The consulent's decision
  function renderReview(req: Request, res: Response, status = 200, extra: { errors?: FieldErrors; values?: unknown } = {}) {
    const page = loadReportReview(services, actorOf(req, services), req.params.id);
    res.status(status).render('reports/show', { title: `Rapportage – ${page.client.firstName} ${page.client.lastName}`, ...page, ...extra });
  }
  router.get('/reports/:id', (req, res) => renderReview(req, res));
  router.post('/reports/:id/accept', (req, res) => {
    const result = acceptReport(services, actorOf(req, services), req.params.id, Number(req.body.version));
    if (!result.ok) {
      showRefusal(result.refusal, {
        form: (status, errors) => renderReview(req, res, status, { errors }),
        closed: (message) => renderClosedProgress(req, res, services, message),
      });
      return;
    }
    req.session.flash = { kind: 'ok', message: result.value.message };
    res.redirect(303, '/');
  });
  router.post('/reports/:id/reject', (req, res) => {
    const result = rejectReport(services, actorOf(req, services), req.params.id, Number(req.body.version), parseInput(rejectSchema, req.body));
    if (!result.ok) {
      showRefusal(result.refusal, {
        form: (status, errors) => renderReview(req, res, status, { errors, values: req.body }),
        closed: (message) => renderClosedProgress(req, res, services, message),
      });
      return;
    }
    req.session.flash = { kind: 'ok', message: result.value.message };
    res.redirect(303, '/');
  });
  return router;
}
