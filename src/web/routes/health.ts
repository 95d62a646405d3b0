import { Router } from 'express';
import type { Db } from '../../db/connection.js';

export function healthRouter(db: Db): Router {
  const router = Router();
  const probe = db.prepare('SELECT 1');
  router.get('/healthz', (_req, res) => {
    try {
      probe.get();
      res.json({ status: 'ok' });
    } catch {
      res.status(503).json({ status: 'error', reason: 'database' });
    }
  });
  return router;
}
