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
  }
}
