import { Router } from 'express';
import { loadClientSummaryPage } from '../../app/client-summary.js';
import { actorOf } from '../actor.js';
import type { Services } from '../services.js';

/** A plain-Dutch, printable summary for the client: hours, what is done, next agreements and dates, what goes well. */
export function clientSummaryRouter(services: Services): Router {
  const router = Router();

  router.get('/clients/:id/summary', (req, res) => {
    const page = loadClientSummaryPage(services, actorOf(req, services), req.params.id);
    res.render('summary/index', { title: `Samenvatting voor ${page.client.firstName} ${page.client.lastName}`, ...page });
  });

  return router;
}
