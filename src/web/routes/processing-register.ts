import { Router } from 'express';
import { exportProcessingRegister, loadProcessingRegisterPage } from '../../app/processing-register.js';
import { actorOf } from '../actor.js';
import { adminOnly } from '../admin-conflict.js';
import type { Services } from '../services.js';

/** Functioneel beheer: the register of processing activities (AVG art. 30), as a page and as CSV and JSON. */
export function processingRegisterRouter(services: Services): Router {
  const router = Router();
  router.use(adminOnly(services));

  router.get('/', (req, res) => {
    const page = loadProcessingRegisterPage(services, actorOf(req, services));
    res.render('admin/processing-register', {
      title: 'Verwerkingsregister',
      breadcrumbs: [{ href: '/', label: 'Beheer' }, { label: 'Verwerkingsregister' }],
      ...page,
    });
  });

  for (const format of ['csv', 'json'] as const) {
    router.get(`/export.${format}`, (req, res) => {
      const file = exportProcessingRegister(services, actorOf(req, services), format);
      res.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
      res.setHeader('Cache-Control', 'no-store');
      res.send(file.body);
    });
  }

  return router;
}
