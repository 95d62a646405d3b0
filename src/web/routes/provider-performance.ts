import { Router } from 'express';
import { loadOwnPerformance, loadProviderPerformance } from '../../app/provider-performance.js';
import { actorOf } from '../actor.js';
import type { Services } from '../services.js';

/** Provider performance: the team lead's traffic lights per provider, and the provider's own figures. */
export function providerPerformanceRouter(services: Services): Router {
  const router = Router();
  router.get('/team/providers', (req, res) => {
    const page = loadProviderPerformance(services, actorOf(req, services));
    res.render('team/providers', { title: 'Aanbieders', ...page });
  });
  router.get('/portal/figures', (req, res) => {
    const page = loadOwnPerformance(services, actorOf(req, services));
    res.render('portal/figures', { title: `Cijfers – ${page.provider.name}`, ...page });
  });
  return router;
}
