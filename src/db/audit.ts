import type { ProcessingActivity } from '../domain/processing-activities.js';
import { type Db, prepared, preparedRows } from './connection.js';

export interface AuditEntry {
  traceId: string;
  action: string;
  activity: ProcessingActivity;
  startedAt: string;
  endedAt: string;
  outcome: 'ok' | 'error';
  userId: number | null;
  username: string | null;
  clientId: number | null;
  details?: string | null;
}

/** Appends one row to the audit log. There is deliberately no update or delete function. */
export function appendAudit(db: Db, e: AuditEntry): void {
  const known = actionsMemo.get(db);
  if (known && !known.set.has(e.action)) actionsMemo.delete(db);
  prepared(
    db,
    `INSERT INTO audit_log (trace_id, action, activity, started_at, ended_at, outcome, user_id, username, client_id, details)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    e.traceId,
    e.action,
    e.activity,
    e.startedAt,
    e.endedAt,
    e.outcome,
    e.userId,
    e.username,
    e.clientId,
    e.details ?? null,
  );
}

export interface AuditRow extends AuditEntry {
  id: number;
}

export interface AuditFilter {
  userId?: number;
  clientId?: number;
  action?: string;
  from?: string; // ISO date, inclusive
  to?: string; // ISO date, inclusive
  limit?: number;
  offset?: number;
}

function whereOf(f: AuditFilter): { sql: string; params: (string | number)[] } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (f.userId !== undefined) {
    where.push('user_id = ?');
    params.push(f.userId);
  }
  if (f.clientId !== undefined) {
    where.push('client_id = ?');
    params.push(f.clientId);
  }
  if (f.action) {
    where.push('action = ?');
    params.push(f.action);
  }
  if (f.from) {
    where.push('started_at >= ?');
    params.push(f.from);
  }
  if (f.to) {
    where.push('started_at < ?');
    params.push(`${f.to}T99`);
  }
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

/**
 * Newest first. The page's ids are chosen from the filter's index alone (every index holds the id), in that
 * index's own order, and only those rows are read. A filter on an action, or on a period alone, reads an index
 * ordered by time (audit_action, audit_user_action, audit_started), so newest means latest start, then highest
 * id; otherwise (a user, a client, nothing) an index ordered by id. Sorting whole rows read for every match cost
 * 5.1 ms for a user and an action over a month (3,700 rows) at bench scale 1; now 0.5 ms.
 */
/** What the audit viewer shows of a row. */
export type AuditListRow = Pick<AuditRow, 'traceId' | 'action' | 'activity' | 'startedAt' | 'outcome' | 'username' | 'clientId' | 'details'>;

export function queryAudit(db: Db, f: AuditFilter): AuditListRow[] {
  const { sql, params } = whereOf(f);
  const byTime = Boolean(f.action) || (Boolean(f.from || f.to) && f.userId === undefined && f.clientId === undefined);
  const order = byTime ? 'started_at DESC, id DESC' : 'id DESC';
  return preparedRows<AuditListRow>(
    db,
    `SELECT trace_id AS traceId, action, activity, started_at AS startedAt, outcome, username, client_id AS clientId, details
     FROM audit_log WHERE id IN (SELECT id FROM audit_log ${sql} ORDER BY ${order} LIMIT ? OFFSET ?)
     ORDER BY ${order}`,
  ).all(...params, f.limit ?? 100, f.offset ?? 0);
}

/**
 * How many rows match a filter (limit and offset ignored), for paging, counting at most `cap` + 1 rows: the log
 * is the largest table and grows with every page view, so a count of all of it would make the viewer slower
 * every day. A result above `cap` means "more than cap".
 */
export function countAudit(db: Db, f: AuditFilter, cap = Number.MAX_SAFE_INTEGER): number {
  const { sql, params } = whereOf(f);
  return prepared(db, `SELECT COUNT(*) FROM (SELECT 1 FROM audit_log ${sql} LIMIT ?)`)
    .pluck()
    .get(...params, Math.min(cap, Number.MAX_SAFE_INTEGER - 1) + 1) as number;
}

interface ActionsMemo {
  /** PRAGMA data_version when read: it changes when another connection (process) commits. */
  dataVersion: number;
  actions: readonly string[];
  set: ReadonlySet<string>;
}
const actionsMemo = new WeakMap<Db, ActionsMemo>();

/**
 * The distinct actions in the log, for the filter's choice list, in order: one seek in the index audit_action
 * per action (a loose index scan), so the cost is the number of actions, not the size of the log. The list is
 * kept until it may have changed: this connection appends an action it does not have or purges rows
 * (forgetAuditActions), or another connection commits (data_version). Sixty seeks were a twentieth of the
 * viewer's time.
 */
export function listAuditActions(db: Db): readonly string[] {
  const dataVersion = prepared(db, 'PRAGMA data_version').pluck().get() as number;
  const known = actionsMemo.get(db);
  if (known && known.dataVersion === dataVersion) return known.actions;
  const actions = prepared(
    db,
    `WITH RECURSIVE a(action) AS (
       SELECT MIN(action) FROM audit_log
       UNION ALL
       SELECT (SELECT MIN(l.action) FROM audit_log l WHERE l.action > a.action) FROM a WHERE a.action IS NOT NULL
     )
     SELECT action FROM a WHERE action IS NOT NULL`,
  )
    .pluck()
    .all() as string[];
  actionsMemo.set(db, { dataVersion, actions, set: new Set(actions) });
  return actions;
}

/** After rows of the log were deleted (retention): the next listAuditActions reads the actions again. */
export function forgetAuditActions(db: Db): void {
  actionsMemo.delete(db);
}

/** How many audit rows each processing activity has (for the register of processing, issue 20). */
export function auditActivityCounts(db: Db): { activity: string; rows: number; last: string | null }[] {
  return db
    .prepare('SELECT activity, COUNT(*) AS rows, MAX(started_at) AS last FROM audit_log GROUP BY activity ORDER BY activity')
    .all() as { activity: string; rows: number; last: string | null }[];
}
