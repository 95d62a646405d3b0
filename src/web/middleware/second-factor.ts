import type { NextFunction, Request, Response } from 'express';
import { mustEnrol } from '../../app/second-factor.js';
import type { SignInDeps } from '../../app/sign-in-context.js';

/** Where a user who must first set up a second factor may still go. */
const ENROLMENT_PATHS = ['/account/tweede-factor', '/account/passkeys', '/logout'];

/**
 * A user who signed in with a password while a second factor is required for them (their role, or production) and
 * who has none yet, can reach nothing but the enrolment pages and log-out.
 */
export function requireSecondFactorEnrolment(deps: Pick<SignInDeps, 'db' | 'production'>) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const user = req.user;
    // A password reset by the admin comes first (requirePasswordChanged); then the second factor.
    if (!user || user.mustChangePassword || ENROLMENT_PATHS.some((p) => req.path === p || req.path.startsWith(`${p}/`))) {
      next();
      return;
    }
    if (mustEnrol(deps, user, req.session.authMethod)) {
      if (req.method === 'GET') req.session.returnTo = req.originalUrl;
      res.redirect(303, '/account/tweede-factor');
      return;
    }
    next();
  };
}
