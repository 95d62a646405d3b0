import { Router } from 'express';
import { z } from 'zod';
import { loadStationsPage } from '../../app/stations.js';
import { actorOf } from '../actor.js';
import { requireRole } from '../middleware/auth.js';
import type { Services } from '../services.js';
import { optionalDate, parseInput } from '../validation.js';

const periodSchema = z.object({ from: optionalDate('de begindatum'), to: optionalDate('de einddatum') });

/** The teamleider's lead times per station (issue 22). */
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
  return router;
}
