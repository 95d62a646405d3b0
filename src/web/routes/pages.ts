import { Router } from 'express';

/** Public pages that need no log-in. */
export function publicPagesRouter(): Router {
  const router = Router();
  router.get('/accessibility', (_req, res) => {
    res.render('pages/toegankelijkheid', { title: 'Toegankelijkheidsverklaring' });
  });
  return router;
}
