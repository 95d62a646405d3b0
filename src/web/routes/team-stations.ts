import { Router } from 'express';
import { z } from 'zod';
import { loadDiscretionPage } from '../../app/discretion.js';
import { exportMonitorFigures, monitorCsv } from '../../app/monitor-export.js';
import { loadStationsPage } from '../../app/stations.js';
import { actorOf } from '../actor.js';
import { requireRole } from '../middleware/auth.js';
import type { Services } from '../services.js';
import { optionalDate, parseInput } from '../validation.js';

const periodSchema = z.object({ from: optionalDate('de begindatum'), to: optionalDate('de einddatum') });

/** The teamleider's lead times per station and the use of discretionary room (issue 22). */
export function teamStationsRouter(services: Services): Router {
  const router = Router();
  router.get('/team/stations', requireRole('teamleider'), (req, res) => {
    const raw = { from: req.query.from ?? '', to: req.query.to ?? '' };
    const page = loadStationsPage(services, actorOf(req, services), parseInput(periodSchema, raw));
    res.status(page.period ? 200 : 400).render('team/stations', {
      title: 'Doorlooptijden per station',
      breadcrumbs: [{ href: '/', label: 'Team' }, { href: '/team/figures', label: 'Kengetallen' }, { label: 'Doorlooptijden' }],
      ...page,
      values: page.period ?? raw,
    });
  });
  router.get('/team/discretion', requireRole('teamleider'), (req, res) => {
    const raw = { from: req.query.from ?? '', to: req.query.to ?? '' };
    const page = loadDiscretionPage(services, actorOf(req, services), parseInput(periodSchema, raw));
    res.status(page.period ? 200 : 400).render('team/discretion', {
      title: 'Beleidsruimte in het team',
      breadcrumbs: [{ href: '/', label: 'Team' }, { href: '/team/figures', label: 'Kengetallen' }, { label: 'Beleidsruimte' }],
      ...page,
      values: page.period ?? raw,
    });
  });

  // The figures for the municipality's monitor: aggregates with small cells suppressed, CSV or JSON.
  for (const format of ['csv', 'json'] as const) router.get(`/team/figures/export.${format}`, requireRole('teamleider'), (req, res) => {
    const raw = { from: req.query.from ?? '', to: req.query.to ?? '' };
    const result = exportMonitorFigures(services, actorOf(req, services), parseInput(periodSchema, raw));
    if (!result.ok) {
      res.status(400).type('text/plain').send(Object.values(result.errors).join('\n'));
      return;
    }
    const name = `kengetallen-${result.data.period.from}-${result.data.period.to}.${format}`;
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    res.setHeader('Cache-Control', 'no-store');
    if (format === 'json') res.type('application/json').send(JSON.stringify(result.data, null, 2));
    else res.type('text/csv; charset=utf-8').send(monitorCsv(result.data));
  });

  return router;
}
