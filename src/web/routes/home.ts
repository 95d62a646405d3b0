import { Router } from 'express';

/**
 * The admin's start page. Consulenten and teamleiders start on their caseload, served by the caseload
 * router (src/web/routes/caseload.ts).
 */
export function homeRouter(): Router {
  const router = Router();
  router.get('/', (req, res, next) => {
    if (req.user?.role !== 'admin') {
      next();
      return;
    }
    res.render('home/admin', { title: 'Start' });
  });
  return router;
}
