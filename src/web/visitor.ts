import type { Request } from 'express';
import type { Visitor } from '../app/sign-in-context.js';

/** The request as a visitor at the log-in door (address, browser, trace id) for the sign-in use cases. */
export function visitorOf(req: Request): Visitor {
  return {
    ip: req.ip ?? 'unknown',
    userAgent: String(req.headers['user-agent'] ?? '').slice(0, 300),
    traceId: req.traceId,
    startedAt: req.startedAt,
  };
}

/** Starts a fresh session (new id: no session fixation) for a signed-in user, keeping what the sessions page shows. */
export function startSession(
  req: Request,
  user: { id: number },
  how: { authMethod: 'password' | 'oidc' | 'passkey'; nowIso: string; idToken?: string },
): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.regenerate((err) => {
      if (err) {
        reject(err);
        return;
      }
      req.session.userId = user.id;
      req.session.authMethod = how.authMethod;
      req.session.since = how.nowIso;
      req.session.userAgent = String(req.headers['user-agent'] ?? '').slice(0, 300);
      if (how.idToken) req.session.idToken = how.idToken;
      req.session.save((saveErr) => (saveErr ? reject(saveErr) : resolve()));
    });
  });
}

/** A fresh session that holds only a log-in waiting for its second factor. */
export function startPendingSession(req: Request, pending: { userId: number; at: string; returnTo: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.regenerate((err) => {
      if (err) {
        reject(err);
        return;
      }
      req.session.pendingLogin = pending;
      req.session.save((saveErr) => (saveErr ? reject(saveErr) : resolve()));
    });
  });
}
