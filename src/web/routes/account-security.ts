import express, { type Request, type Response, Router } from 'express';
import { passkeyRegistrationOptions, registerPasskey, removePasskey } from '../../app/passkeys.js';
import { relyingPartyOf } from '../relying-party.js';
import { z } from 'zod';
import { confirmTotpEnrolment, loadSecondFactorPage, renewRecoveryCodes, startTotpEnrolment } from '../../app/second-factor.js';
import { endMyOtherSessions, endMySession, loadMySessions } from '../../app/sessions.js';
import type { SignInDeps } from '../../app/sign-in-context.js';
import { actorOf } from '../actor.js';
import { parseInput, requiredText } from '../validation.js';

const confirmSchema = z.object({
  code: z.preprocess(
    (v) => (typeof v === 'string' ? v.replace(/\s+/g, '') : ''),
    z.string().min(1, 'Vul de code uit de app in').regex(/^\d{6}$/, 'De code bestaat uit zes cijfers'),
  ),
});
const handleSchema = z.object({ handle: requiredText('de sessie', 100) });

/** The user's own sign-in security: second factor (authenticator app, recovery codes) and "Mijn sessies". */
export function accountSecurityRouter(deps: SignInDeps, options: { publicUrl?: string } = {}): Router {
  const router = Router();

  async function secondFactorPage(req: Request, res: Response, status = 200, errors: Record<string, string> = {}) {
    const actor = actorOf(req, deps);
    const page = loadSecondFactorPage(deps, actor);
    let enrolment = null;
    if (!page.totpEnrolledAt) {
      enrolment = await startTotpEnrolment(actor, req.session.pendingTotpSecret);
      req.session.pendingTotpSecret = enrolment.secret;
    }
    res.status(status).render('account/second-factor', {
      title: 'Tweede factor',
      ...page,
      enrolment,
      mustEnrol: page.required && !req.user!.hasSecondFactor && req.session.authMethod !== 'oidc',
      passkeysEnabled: true,
      errors,
      values: {},
    });
  }

  router.get('/account/tweede-factor', (req, res) => secondFactorPage(req, res));

  router.post('/account/tweede-factor/app', async (req, res) => {
    const actor = actorOf(req, deps);
    const result = confirmTotpEnrolment(deps, actor, req.sessionID, req.session.pendingTotpSecret, parseInput(confirmSchema, req.body));
    if (!result.ok) {
      await secondFactorPage(req, res, 400, result.refusal.kind === 'invalid' ? result.refusal.errors : { _form: result.refusal.message });
      return;
    }
    req.session.pendingTotpSecret = undefined;
    res.render('account/recovery-codes', { title: 'Uw herstelcodes', codes: result.value.recoveryCodes, first: true });
  });

  router.post('/account/tweede-factor/herstelcodes', (req, res) => {
    const result = renewRecoveryCodes(deps, actorOf(req, deps));
    if (!result.ok) {
      req.session.flash = { kind: 'warning', message: 'Stel eerst een authenticator-app in.' };
      res.redirect(303, '/account/tweede-factor');
      return;
    }
    res.render('account/recovery-codes', { title: 'Uw herstelcodes', codes: result.value.recoveryCodes, first: false });
  });

  // Passkeys (public/js/passkeys.js): JSON in and out, CSRF token in a header.
  const json = express.json({ limit: '64kb' });

  router.post('/account/passkeys/opties', json, async (req, res) => {
    const opts = await passkeyRegistrationOptions(deps, actorOf(req, deps), relyingPartyOf(req, options.publicUrl));
    req.session.webauthnChallenge = opts.challenge;
    res.json(opts);
  });

  router.post('/account/passkeys', json, async (req, res) => {
    const challenge = req.session.webauthnChallenge;
    req.session.webauthnChallenge = undefined;
    const result = await registerPasskey(
      deps,
      actorOf(req, deps),
      relyingPartyOf(req, options.publicUrl),
      req.sessionID,
      challenge,
      req.body?.response,
      req.body?.name,
    );
    if (!result.ok) {
      res.status(400).json({ message: result.refusal.message });
      return;
    }
    req.session.flash = { kind: 'ok', message: 'Uw passkey is toegevoegd. Uw sessies op andere apparaten zijn beëindigd.' };
    res.json({ redirect: '/account/tweede-factor' });
  });

  router.post('/account/passkeys/:id/verwijderen', (req, res) => {
    const result = removePasskey(deps, actorOf(req, deps), req.params.id);
    req.session.flash = result.ok ? { kind: 'ok', message: 'De passkey is verwijderd.' } : { kind: 'warning', message: result.refusal.message };
    res.redirect(303, '/account/tweede-factor');
  });

  router.get('/account/sessies', (req, res) => {
    res.render('account/sessions', { title: 'Mijn sessies', ...loadMySessions(deps, actorOf(req, deps), req.sessionID) });
  });

  router.post('/account/sessies/beeindigen', (req, res) => {
    const parsed = parseInput(handleSchema, req.body);
    const result = endMySession(deps, actorOf(req, deps), req.sessionID, parsed.ok ? parsed.data.handle : null);
    req.session.flash = result.ok
      ? { kind: 'ok', message: 'De sessie is beëindigd.' }
      : { kind: 'warning', message: result.refusal.kind === 'invalid' ? 'Kies een sessie.' : result.refusal.message };
    res.redirect(303, '/account/sessies');
  });

  router.post('/account/sessies/andere-beeindigen', (req, res) => {
    const result = endMyOtherSessions(deps, actorOf(req, deps), req.sessionID);
    const n = result.ok ? result.value : 0;
    req.session.flash = { kind: 'ok', message: n === 1 ? '1 andere sessie is beëindigd.' : `${n} andere sessies zijn beëindigd.` };
    res.redirect(303, '/account/sessies');
  });

  return router;
}
