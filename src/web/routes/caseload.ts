import { Router } from 'express';
import { z } from 'zod';
import { deleteCaseloadFilter, exportCaseload, loadStartPage, saveCaseloadFilter } from '../../app/caseload.js';
import { actorOf } from '../actor.js';
import { renderCaseloadList } from '../caseload-list.js';
import { readCaseloadQuery, readCaseloadQueryString } from '../forms/caseload-query.js';
import { requireRole } from '../middleware/auth.js';
import type { Services } from '../services.js';
import { parseInput, requiredText } from '../validation.js';

const saveFilterSchema = z.object({
  name: requiredText('een naam voor het filter', 80),
  query: z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string().max(1000)).transform(readCaseloadQueryString),
});

/** The caseload of consulent and teamleider: start page, client list with filters, CSV export, saved filters. */
export function caseloadRouter(services: Services): Router {
  const router = Router();
  const caseloadRoles = requireRole('consulent', 'teamleider');

  // The start page of consulent and teamleider (the admin's start page is in home.ts).
  router.get('/', caseloadRoles, (req, res) => {
    const actor = actorOf(req, services);
    const page = loadStartPage(services, actor, readCaseloadQuery(req.query as Record<string, unknown>));
    res.render(`home/${actor.user.role}`, {
      title: actor.user.role === 'consulent' ? 'Mijn werkvoorraad' : 'Werkvoorraad van het team',
      ...page,
    });
  });

  router.get('/caseload', caseloadRoles, (req, res) => {
    renderCaseloadList(req, res, services, { query: req.query as Record<string, unknown> });
  });

  router.get('/caseload/export.csv', caseloadRoles, (req, res) => {
    const csv = exportCaseload(services, actorOf(req, services), readCaseloadQuery(req.query as Record<string, unknown>));
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${csv.fileName}"`);
    res.setHeader('Cache-Control', 'no-store');
    csv.writeTo((chunk) => res.write(chunk));
    res.end();
  });

  router.post('/caseload/filters', caseloadRoles, (req, res) => {
    const result = saveCaseloadFilter(services, actorOf(req, services), parseInput(saveFilterSchema, req.body));
    if (!result.ok) {
      // The list the form was on, with the message next to the name.
      renderCaseloadList(req, res, services, {
        query: Object.fromEntries(new URLSearchParams(typeof req.body?.query === 'string' ? req.body.query : '')),
        status: 400,
        extra: { errors: result.refusal.errors, values: { name: req.body?.name ?? '' } },
      });
      return;
    }
    req.session.flash = { kind: 'ok', message: result.value.message };
    res.redirect(303, result.value.query ? `/caseload?${result.value.query}` : '/caseload');
  });

  router.post('/caseload/filters/:id/delete', caseloadRoles, (req, res) => {
    const { deleted, message } = deleteCaseloadFilter(services, actorOf(req, services), req.params.id);
    req.session.flash = { kind: deleted ? 'ok' : 'warning', message };
    res.redirect(303, '/caseload');
  });

  return router;
}
