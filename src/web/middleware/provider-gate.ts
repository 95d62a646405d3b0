import type { NextFunction, Request, Response } from 'express';
import { forbidden } from '../../app/errors.js';

/** The only places a provider user (role `aanbieder`) may go behind the log-in wall: its portal and its account. */
const PROVIDER_PATHS = [/^\/portal(\/|$)/, /^\/account(\/|$)/, /^\/logout$/];

/**
 * Deny by default for provider users: every consulent, team and admin URL (also one no route serves) is refused
 * with a 403 before any router runs; their start page is the portal. Use cases check the role again.
 */
export function providerGate(req: Request, res: Response, next: NextFunction): void {
  if (req.user?.role !== 'aanbieder') {
    next();
    return;
  }
  if (req.path === '/' && req.method === 'GET') {
    res.redirect(303, '/portal');
    return;
  }
  if (PROVIDER_PATHS.some((p) => p.test(req.path))) next();
  else next(forbidden());
}
