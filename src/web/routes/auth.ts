import express, { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import {
  auditSignedIn,
  changeOwnPassword,
  passwordLogin,
  pendingUser,
  safeReturnTo,
  secondFactorLogin,
  secondStepOptions,
} from '../../app/auth.js';
import { passkeyLogin, passkeyLoginOptions } from '../../app/passkeys.js';
import { relyingPartyOf } from '../relying-party.js';
import type { OidcClient } from '../../app/oidc.js';
import type { SignInDeps } from '../../app/sign-in-context.js';
import { actorOf } from '../actor.js';
import { requireLogin } from '../middleware/auth.js';
import { requireSecondFactorEnrolment } from '../middleware/second-factor.js';
import { parseInput, requiredText } from '../validation.js';
import { startPendingSession, startSession, visitorOf } from '../visitor.js';

const loginSchema = z.object({
  username: requiredText('uw gebruikersnaam', 100),
  password: requiredText('uw wachtwoord', 200),
});

const codeSchema = z.object({ code: requiredText('de code', 40) });

const passwordSchema = z
  .object({
    current: requiredText('uw huidige wachtwoord', 200),
    next: z
      .string()
      .min(12, 'Het nieuwe wachtwoord moet minstens 12 tekens lang zijn')
      .max(200, 'Het nieuwe wachtwoord mag maximaal 200 tekens zijn'),
    repeat: z.string(),
  })
  .refine((v) => v.next === v.repeat, { path: ['repeat'], message: 'De twee nieuwe wachtwoorden zijn niet gelijk' });

/** Log-in with a password (and a second factor where the user has one), log-out and the own password. */
export function authRouter(deps: SignInDeps, oidc?: OidcClient, publicUrl?: string): Router {
  const router = Router();
  const loginPage = (res: Response, status: number, values: Record<string, unknown>, errors: Record<string, string>) =>
    res.status(status).render('auth/login', { title: 'Inloggen', values, errors, oidcLabel: oidc?.label ?? null });

  router.get('/login', (req, res) => {
    if (req.user) {
      res.redirect(303, '/');
      return;
    }
    loginPage(res, 200, {}, {});
  });

  router.post('/login', async (req, res) => {
    const values = { username: typeof req.body?.username === 'string' ? req.body.username : '' };
    const visitor = visitorOf(req);
    const result = await passwordLogin(deps, visitor, parseInput(loginSchema, req.body));
    if (!result.ok) {
      const r = result.refusal;
      if (r.kind === 'invalid') loginPage(res, 400, values, r.errors);
      else if (r.kind === 'throttled') {
        res.set('Retry-After', String(r.wait));
        loginPage(res, 429, values, { _form: r.message });
      } else loginPage(res, r.kind === 'wrong' ? 401 : 403, values, { _form: r.message });
      return;
    }
    const returnTo = safeReturnTo(req.session.returnTo);
    const nowIso = deps.clock.now().toISOString();
    const { user } = result.value;
    if (result.value.kind === 'second-factor') {
      await startPendingSession(req, { userId: user.id, at: nowIso, returnTo });
      res.redirect(303, '/login/tweede-stap');
      return;
    }
    // A new session id at log-in prevents session fixation.
    await startSession(req, user, { authMethod: 'password', nowIso });
    req.user = user;
    auditSignedIn(deps, visitor, user, null);
    res.redirect(303, returnTo);
  });

  const secondStepPage = (req: Request, res: Response, status: number, errors: Record<string, string>) => {
    const user = pendingUser(deps, req.session.pendingLogin);
    res.status(status).render('auth/second-step', {
      title: 'Tweede stap van het inloggen',
      errors,
      values: {},
      ...(user ? secondStepOptions(deps, user) : { totp: true, passkeys: false }),
    });
  };

  router.get('/login/tweede-stap', (req, res) => {
    if (!pendingUser(deps, req.session.pendingLogin)) {
      res.redirect(303, '/login');
      return;
    }
    secondStepPage(req, res, 200, {});
  });

  // The second step with a passkey (public/js/passkeys.js): JSON in and out, CSRF token in a header.
  const json = express.json({ limit: '64kb' });

  router.post('/login/passkey/opties', json, async (req, res) => {
    const user = pendingUser(deps, req.session.pendingLogin);
    if (!user) {
      res.status(401).json({ message: 'Het inloggen duurde te lang. Log opnieuw in.', redirect: '/login' });
      return;
    }
    const options = await passkeyLoginOptions(deps, user, relyingPartyOf(req, publicUrl));
    req.session.webauthnChallenge = options.challenge;
    res.json(options);
  });

  router.post('/login/passkey', json, async (req, res) => {
    const pending = req.session.pendingLogin;
    const user = pendingUser(deps, pending);
    if (!user || !pending) {
      res.status(401).json({ message: 'Het inloggen duurde te lang. Log opnieuw in.', redirect: '/login' });
      return;
    }
    const challenge = req.session.webauthnChallenge;
    req.session.webauthnChallenge = undefined; // one attempt per challenge
    const visitor = visitorOf(req);
    const result = await passkeyLogin(deps, visitor, user, relyingPartyOf(req, publicUrl), challenge, req.body?.response);
    if (!result.ok) {
      if (result.refusal.kind === 'throttled') res.set('Retry-After', String(result.refusal.wait));
      res.status(result.refusal.kind === 'throttled' ? 429 : 401).json({ message: result.refusal.message });
      return;
    }
    await startSession(req, user, { authMethod: 'password', nowIso: deps.clock.now().toISOString() });
    req.user = user;
    auditSignedIn(deps, visitor, user, result.value.how);
    res.json({ redirect: safeReturnTo(pending.returnTo) });
  });

  router.post('/login/tweede-stap', async (req, res) => {
    const pending = req.session.pendingLogin;
    const user = pendingUser(deps, pending);
    if (!user || !pending) {
      req.session.pendingLogin = undefined;
      req.session.flash = { kind: 'warning', message: 'Het inloggen duurde te lang. Log opnieuw in.' };
      res.redirect(303, '/login');
      return;
    }
    const visitor = visitorOf(req);
    const result = await secondFactorLogin(deps, visitor, user, parseInput(codeSchema, req.body));
    if (!result.ok) {
      const r = result.refusal;
      if (r.kind === 'invalid') secondStepPage(req, res, 400, r.errors);
      else if (r.kind === 'throttled') {
        res.set('Retry-After', String(r.wait));
        secondStepPage(req, res, 429, { _form: r.message });
      } else secondStepPage(req, res, 401, { code: r.message });
      return;
    }
    await startSession(req, user, { authMethod: 'password', nowIso: deps.clock.now().toISOString() });
    req.user = user;
    auditSignedIn(deps, visitor, user, result.value.how);
    res.redirect(303, safeReturnTo(pending.returnTo));
  });

  router.post('/logout', async (req, res, next) => {
    if (req.user) req.audit('uitloggen', 'toegang');
    const viaIdp = req.session.authMethod === 'oidc' && oidc ? await oidc.endSessionUrl(req.session.idToken) : null;
    req.session.destroy((err) => {
      if (err) {
        next(err);
        return;
      }
      res.clearCookie('koers.sid');
      res.redirect(303, viaIdp ?? '/login');
    });
  });

  const signedIn = [requireLogin, requireSecondFactorEnrolment(deps)];

  router.get('/account/password', signedIn, (_req: Request, res: Response) => {
    res.render('auth/password', { title: 'Wachtwoord wijzigen', errors: {} });
  });

  router.post('/account/password', signedIn, async (req: Request, res: Response) => {
    const result = await changeOwnPassword(deps, actorOf(req, deps), visitorOf(req), req.sessionID, parseInput(passwordSchema, req.body));
    if (!result.ok) {
      const r = result.refusal;
      if (r.kind === 'throttled') res.set('Retry-After', String(r.wait));
      res.status(r.kind === 'throttled' ? 429 : 400).render('auth/password', {
        title: 'Wachtwoord wijzigen',
        errors: r.kind === 'throttled' ? { _form: r.message } : r.errors,
      });
      return;
    }
    req.session.flash = { kind: 'ok', message: 'Uw wachtwoord is gewijzigd.' };
    res.redirect(303, '/');
  });

  return router;
}
