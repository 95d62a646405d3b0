import type { User } from '../db/users.js';
import type { ProcessingActivity } from '../domain/processing-activities.js';
import type { Clock } from '../lib/clock.js';
import { todayOf } from '../lib/clock.js';

export interface AuditOptions {
  clientId?: number | null;
  outcome?: 'ok' | 'error';
  details?: string;
}

/** Appends one audit log row (one per data subject) for the action under way. */
export type AuditSink = (action: string, activity: ProcessingActivity, options?: AuditOptions) => void;

/**
 * Who does a use case, and when: the signed-in user, the moment of the request (from the injected clock) and
 * where its audit rows go. The web layer builds one per request (`src/web/actor.ts`); tests build their own.
 */
export interface Actor {
  user: User;
  /** The business date, yyyy-MM-dd. */
  today: string;
  /** The moment of the request as an ISO timestamp (written as created_at/updated_at). */
  nowIso: string;
  audit: AuditSink;
}

export function actorAt(user: User, clock: Clock, audit: AuditSink): Actor {
  return { user, today: todayOf(clock), nowIso: clock.now().toISOString(), audit };
}
