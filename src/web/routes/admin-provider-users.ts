import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { linkProviderAccount, loadProviderUsersPage, unlinkProviderAccount } from '../../app/admin-provider-users.js';
import type { FieldErrors } from '../../app/result.js';
import { actorOf } from '../actor.js';
import { adminOnly } from '../admin-conflict.js';
import type { Services } from '../services.js';
import { parseInput, requiredNumber } from '../validation.js';

const linkSchema = z.object({
  userId: requiredNumber('de gebruiker', { integer: true, min: 1 }),
  providerId: requiredNumber('de aanbieder', { integer: true, min: 1 }),
});

/** Beheer → Gebruikers van aanbieders: link provider users to a provider from the list. */
export function adminProviderUsersRouter(services: Services): Router {
  const router = Router();
  router.use(adminOnly(services));

  function render(req: Request, res: Response, status = 200, extra: { errors?: FieldErrors; values?: unknown } = {}) {
    const page = loadProviderUsersPage(services, actorOf(req, services));
    res.status(status).render('admin/provider-users', { title: 'Gebruikers van aanbieders', ...page, ...extra });
  }

  router.get('/', (req, res) => render(req, res));
  router.post('/', (req, res) => {
    const result = linkProviderAccount(services, actorOf(req, services), parseInput(linkSchema, req.body));
    if (!result.ok) {
      render(req, res, 400, { errors: result.refusal.kind === 'invalid' ? result.refusal.errors : {}, values: req.body });
      return;
    }
    req.session.flash = { kind: 'ok', message: result.value.message };
    res.redirect(303, '/admin/provider-users');
  });
  router.post('/:userId/unlink', (req, res) => {
    const result = unlinkProviderAccount(services, actorOf(req, services), req.params.userId);
    req.session.flash = { kind: 'ok', message: result.message };
    res.redirect(303, '/admin/provider-users');
  });
  return router;
}
