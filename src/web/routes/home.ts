import { Router } from 'express';

/** The start page after log-in, one per role. */
export function homeRouter(): Router {
  const router = Router();
  router.get('/', (req, res) => {
    const user = req.user!;
    res.render(`home/${user.role}`, { title: 'Start' });
  });
  return router;
}
