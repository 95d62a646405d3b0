import type { ProcessingActivity } from '../domain/processing-activities.js';
import type { User } from '../db/users.js';

export interface AuditOptions {
  clientId?: number | null;
  outcome?: 'ok' | 'error';
  details?: string;
}

declare global {
  namespace Express {
    interface Request {
      traceId: string;
      startedAt: Date;
      user?: User;
      /** Appends one audit log row for this request (one per data subject). */
      audit(action: string, activity: ProcessingActivity, options?: AuditOptions): void;
    }
  }
}

declare module 'express-session' {
  interface SessionData {
    userId?: number;
    returnTo?: string;
    flash?: { kind: 'ok' | 'info' | 'warning'; message: string };
    /** How this session was signed in: a local password (with or without second factor), single sign-on, a passkey. */
    authMethod?: 'password' | 'oidc' | 'passkey';
    /** When the session was signed in (ISO) and from which browser, for "Mijn sessies". */
    since?: string;
    userAgent?: string;
    /** The ID token of a single sign-on session, sent back to the IdP at log-out (id_token_hint). */
    idToken?: string;
    /** The password was right; the second factor is still to come (no userId yet). */
    pendingLogin?: { userId: number; at: string; returnTo: string };
    /** The single sign-on request under way: checked at the callback. */
    oidc?: { state: string; nonce: string; codeVerifier: string; returnTo: string };
    /** An authenticator-app secret shown for enrolment, saved only once a code from it is confirmed. */
    pendingTotpSecret?: string;
    /** The WebAuthn challenge of a registration or authentication under way. */
    webauthnChallenge?: string;
  }
}
