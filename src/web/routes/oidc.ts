import { Router } from 'express';
import { auditSignedIn, safeReturnTo } from '../../app/auth.js';
import { finishOidcLogin, type OidcClient } from '../../app/oidc.js';
import type { SignInDeps } from '../../app/sign-in-context.js';
import { startSession, visitorOf } from '../visitor.js';

/** Single sign-on: `/login/oidc` sends the browser to the IdP, which sends it back to `/login/oidc/callback`. */
export function oidcRouter(deps: SignInDeps, oidc: OidcClient): Router {
  const router = Router();

  router.get('/login/oidc', async (req, res) => {
    let started;
    try {
      started = await oidc.start();
    } catch (err) {
      console.error(`[${req.traceId}] OIDC discovery failed:`, (err as Error).message);
      res.status(503).render('auth/oidc-refused', {
        title: 'Inloggen niet gelukt',
        message: `De inlogdienst van ${oidc.label} is nu niet bereikbaar. Probeer het later opnieuw, of log in met uw Koers-wachtwoord als u dat heeft.`,
      });
      return;
    }
    const { url, pending } = started;
    req.session.oidc = { ...pending, returnTo: safeReturnTo(req.session.returnTo) };
    req.session.save(() => res.redirect(303, url));
  });

  router.get('/login/oidc/callback', async (req, res) => {
    const pending = req.session.oidc;
    // One attempt per request: the checks are gone from the session whatever the outcome.
    req.session.oidc = undefined;
    const query = req.originalUrl.slice(req.path.length);
    const visitor = visitorOf(req);
    const result = await finishOidcLogin(deps, visitor, oidc, query, pending);
    if (!result.ok) {
      const status = result.refusal.kind === 'no-access' ? 403 : 400;
      res.status(status).render('auth/oidc-refused', {
        title: result.refusal.kind === 'no-access' ? 'Nog geen toegang' : 'Inloggen niet gelukt',
        message: result.refusal.message,
        oidcLabel: oidc.label,
      });
      return;
    }
    const { user, idToken } = result.value;
    await startSession(req, user, { authMethod: 'oidc', nowIso: deps.clock.now().toISOString(), idToken });
    req.user = user;
    auditSignedIn(deps, visitor, user, `via ${oidc.label} (OpenID Connect)`);
    res.redirect(303, pending?.returnTo ?? '/');
  });

  return router;
}
