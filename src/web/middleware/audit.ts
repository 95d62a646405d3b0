import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { appendAudit } from '../../db/audit.js';
import type { Db } from '../../db/connection.js';
import type { Clock } from '../../lib/clock.js';

/** Gives each request a trace id and `req.audit(...)`, which appends a row to the audit log. */
export function auditContext(db: Db, clock: Clock) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    req.traceId = randomUUID();
    req.startedAt = clock.now();
    req.audit = (action, activity, options = {}) => {
      appendAudit(db, {
        traceId: req.traceId,
        action,
        activity,
        startedAt: req.startedAt.toISOString(),
        endedAt: clock.now().toISOString(),
        outcome: options.outcome ?? 'ok',
        userId: req.user?.id ?? null,
        username: req.user?.username ?? null,
        clientId: options.clientId ?? null,
        details: options.details ?? null,
      });
    };
    next();
  };
}
