import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { Role } from '../../db/users.js';
import { adminResetSecondFactor, loadPolicyPage, POLICY_ROLES, setPolicy } from '../../app/second-factor.js';
import { adminEndSessions, adminSetPasswordLogin } from '../../app/sessions.js';
import type { SignInDeps } from '../../app/sign-in-context.js';
import { conflict } from '../../app/errors.js';
import { actorOf } from '../actor.js';
import { requireRole } from '../middleware/auth.js';
import { parseInput } from '../validation.js';

const policySchema = z.object({
  required: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(POLICY_ROLES as unknown as [Role, ...Role[]], 'Kies alleen rollen uit de lijst')),
  ),
});
const switchSchema = z.object({ allowed: z.enum(['0', '1'], 'Kies aan of uit') });

/** The admin's side of sign-in: the per-role second-factor policy, and per user: password log-in, reset, sessions. */
export function adminSignInRouter(deps: SignInDeps): Router {
  const router = Router();
  router.use(requireRole('admin'));

  const policyPage = (req: Request, res: Response, status = 200, errors: Record<string, string> = {}) =>
    res.status(status).render('admin/second-factor-policy', {
      title: 'Tweede factor per rol',
      breadcrumbs: [{ href: '/admin/users', label: 'Gebruikers' }, { label: 'Tweede factor per rol' }],
      ...loadPolicyPage(deps, actorOf(req, deps)),
      errors,
    });

  router.get('/tweede-factor', (req, res) => policyPage(req, res));

  router.post('/tweede-factor', (req, res) => {
    const result = setPolicy(deps, actorOf(req, deps), parseInput(policySchema, req.body));
    if (!result.ok) {
      if (result.refusal.kind === 'invalid') policyPage(req, res, 400, result.refusal.errors);
      else throw conflict('message' in result.refusal ? result.refusal.message : '');
      return;
    }
    req.session.flash = { kind: 'ok', message: 'Het beleid voor de tweede factor is opgeslagen.' };
    res.redirect(303, '/admin/tweede-factor');
  });

  router.post('/users/:id/wachtwoord-inloggen', (req, res) => {
    const parsed = parseInput(switchSchema, req.body);
    if (!parsed.ok) throw conflict(parsed.errors.allowed ?? 'Kies aan of uit');
    const result = adminSetPasswordLogin(deps, actorOf(req, deps), req.params.id, parsed.data.allowed === '1');
    if (!result.ok) throw conflict('message' in result.refusal ? result.refusal.message : '');
    req.session.flash = {
      kind: 'ok',
      message:
        parsed.data.allowed === '1'
          ? `${result.value.displayName} kan weer met een wachtwoord inloggen.`
          : `${result.value.displayName} logt voortaan alleen in via de gemeente.`,
    };
    res.redirect(303, `/admin/users/${result.value.id}`);
  });

  router.post('/users/:id/tweede-factor-reset', (req, res) => {
    const result = adminResetSecondFactor(deps, actorOf(req, deps), req.params.id);
    if (!result.ok) throw conflict('message' in result.refusal ? result.refusal.message : '');
    req.session.flash = {
      kind: 'ok',
      message: `De tweede factor van ${result.value.displayName} is gereset en alle sessies zijn beëindigd. Bij het volgende inloggen stelt ${result.value.displayName} een nieuwe in.`,
    };
    res.redirect(303, result.value.id === req.user!.id ? '/login' : `/admin/users/${result.value.id}`);
  });

  router.post('/users/:id/sessies-beeindigen', (req, res) => {
    const result = adminEndSessions(deps, actorOf(req, deps), req.params.id);
    if (!result.ok) throw conflict('message' in result.refusal ? result.refusal.message : '');
    const { subject, ended } = result.value;
    req.session.flash = { kind: 'ok', message: `${ended === 1 ? '1 sessie' : `${ended} sessies`} van ${subject.displayName} beëindigd.` };
    res.redirect(303, `/admin/users/${subject.id}`);
  });

  return router;
}
