import type { NextFunction, Request, Response } from 'express';
import type { Db } from '../../db/connection.js';
import { findUserById, type Role } from '../../db/users.js';
import { forbidden } from '../../app/errors.js';

/** Loads the signed-in user on every request; a deactivated user's session ends at once. */
export function loadUser(db: Db) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const id = req.session?.userId;
    if (id !== undefined) {
      const user = findUserById(db, id);
      if (user?.active) {
        req.user = user;
        res.locals.user = user;
      } else {
        req.session.userId = undefined;
      }
    }
    next();
  };
}

/** Sends anyone not signed in to the log-in page, remembering where they wanted to go. */
export function requireLogin(req: Request, res: Response, next: NextFunction): void {
  if (req.user) {
    next();
    return;
  }
  if (req.method === 'GET') req.session.returnTo = req.originalUrl;
  res.redirect(303, '/login');
}

/** A user who must change their password can do nothing else first. */
export function requirePasswordChanged(req: Request, res: Response, next: NextFunction): void {
  // Not after single sign-on: such a session does not rest on the Koers password.
  if (
    req.user?.mustChangePassword &&
    req.session.authMethod !== 'oidc' &&
    !req.path.startsWith('/account/password') &&
    req.path !== '/logout'
  ) {
    res.redirect(303, '/account/password');
    return;
  }
  next();
}

export function requireRole(...roles: Role[]) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (req.user && roles.includes(req.user.role)) next();
    else next(forbidden());
  };
}
