import { appendAudit } from '../db/audit.js';
import type { SqliteSessionStore } from '../db/session-store.js';
import type { User } from '../db/users.js';
import type { AuditOptions } from './actor.js';
import type { Deps } from './deps.js';

/**
 * Someone at the log-in door: not (yet) a signed-in user, so not an Actor. Their attempts are audited with the
 * user they turn out to be (or none), under the request's trace id.
 */
export interface Visitor {
  ip: string;
  userAgent: string;
  traceId: string;
  startedAt: Date;
}

/** Limits failed attempts per account and address (the web layer's LoginThrottle fits this shape). */
export interface AttemptLimiter {
  retryAfter(username: string, ip: string): Promise<number>;
  recordFailure(username: string, ip: string): Promise<void>;
  recordSuccess(username: string, ip: string): Promise<void>;
}

/** What the sign-in use cases need besides the database and clock. */
export interface SignInDeps extends Deps {
  limiter: AttemptLimiter;
  sessionStore: SqliteSessionStore;
  /** NODE_ENV=production: a second factor is required for every local account. */
  production: boolean;
}

/** One audit row (activity `toegang`) of a visitor's attempt, naming the user when known. */
export function auditVisitor(
  deps: Deps,
  visitor: Visitor,
  user: Pick<User, 'id' | 'username'> | null,
  action: string,
  options: AuditOptions = {},
): void {
  appendAudit(deps.db, {
    traceId: visitor.traceId,
    action,
    activity: 'toegang',
    startedAt: visitor.startedAt.toISOString(),
    endedAt: deps.clock.now().toISOString(),
    outcome: options.outcome ?? 'ok',
    userId: user?.id ?? null,
    username: user?.username ?? null,
    clientId: null,
    details: options.details ?? null,
  });
}

export function minutes(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / 60));
}

export const throttledMessage = (wait: number) =>
  `Te veel mislukte pogingen. Probeer het over ${minutes(wait)} minuten opnieuw, of vraag functioneel beheer om hulp.`;
