// Actors for use-case tests: a user of the test context, the context's clock, and audit rows written to its
// database (as a request would), so tests can assert on them.
import { randomUUID } from 'node:crypto';
import type { Actor, AuditSink } from '../../src/app/actor.js';
import { actorAt } from '../../src/app/actor.js';
import type { Deps } from '../../src/app/deps.js';
import { appendAudit } from '../../src/db/audit.js';
import { findUserById } from '../../src/db/users.js';

export function actorFor(deps: Deps, userId: number): Actor {
  const user = findUserById(deps.db, userId);
  if (!user) throw new Error(`no user ${userId}`);
  const traceId = randomUUID();
  const startedAt = deps.clock.now().toISOString();
  const audit: AuditSink = (action, activity, options = {}) =>
    appendAudit(deps.db, {
      traceId,
      action,
      activity,
      startedAt,
      endedAt: deps.clock.now().toISOString(),
      outcome: options.outcome ?? 'ok',
      userId: user.id,
      username: user.username,
      clientId: options.clientId ?? null,
      details: options.details ?? null,
    });
  return actorAt(user, deps.clock, audit);
}

/** The audit actions written for a client, oldest first. */
export function auditActions(deps: Deps, clientId: number): string[] {
  return deps.db.prepare('SELECT action FROM audit_log WHERE client_id = ? ORDER BY id').pluck().all(clientId) as string[];
}

/** Closes a client's trajectory directly (fixture): the dossier becomes read-only. */
export function closeClientDirectly(deps: Deps, clientId: number, closedOn = '2026-11-01'): void {
  deps.db.prepare(`UPDATE clients SET closed_on = ?, closure_reason = 'COMPLETED' WHERE id = ?`).run(closedOn, clientId);
}
