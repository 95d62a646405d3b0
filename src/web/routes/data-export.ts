import { Router } from 'express';
import { exportClientData } from '../../app/data-export.js';
import { actorOf } from '../actor.js';
import type { Services } from '../services.js';

/**
 * Download of everything Koers holds about a client, for an access request (inzageverzoek, AVG art. 15) or a
 * transfer: JSON, readable by people and programs.
 */
export function dataExportRouter(services: Services): Router {
  const router = Router();

  router.get('/clients/:id/data-export.json', (req, res) => {
    const { clientNumber, document } = exportClientData(services, actorOf(req, services), req.params.id);
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="koers-gegevens-${clientNumber.replace(/[^A-Za-z0-9-]/g, '')}.json"`);
    res.setHeader('Cache-Control', 'no-store');
    res.send(JSON.stringify(document, null, 2));
  });

  return router;
}
