import { type Db, prepared, preparedRows } from './connection.js';

/** One thing that happened in a dossier, shown in the timeline (newest first). */
export interface ClientEvent {
  id: number;
  clientId: number;
  occurredOn: string;
  kind: string;
  summary: string;
  refTable: string | null;
  refId: number | null;
  userId: number | null;
  userName: string | null;
  createdAt: string;
}

export interface NewClientEvent {
  clientId: number;
  /** The business date, yyyy-MM-dd. */
  occurredOn: string;
  /** e.g. CLIENT_REGISTERED, INTAKE_COMPLETED, ROUTE_CHOSEN, PIP_VERSION, HOURS, DECISION, CONVERSATION, AGREEMENT. */
  kind: string;
  /** Dutch, one line, shown in the timeline. */
  summary: string;
  refTable?: string | null;
  refId?: number | null;
  userId?: number | null;
  /** ISO timestamp of the write; defaults to noon (UTC) of occurredOn. */
  createdAt?: string;
}

/**
 * Appends one row to the dossier timeline. Call it in the same transaction as the change it describes.
 * The write's timestamp is `e.createdAt`, else `nowIso` (the same call shape as the helper in hours.ts).
 */
export function addClientEvent(db: Db, e: NewClientEvent, nowIso?: string): number {
  const r = prepared(
    db,
    `INSERT INTO client_events (client_id, occurred_on, kind, summary, ref_table, ref_id, user_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    e.clientId,
    e.occurredOn,
    e.kind,
    e.summary,
    e.refTable ?? null,
    e.refId ?? null,
    e.userId ?? null,
    e.createdAt ?? nowIso ?? `${e.occurredOn}T12:00:00.000Z`,
  );
  return Number(r.lastInsertRowid);
}

/** The timeline, newest first (business date, then order of writing). */
export function listClientEvents(db: Db, clientId: number, limit = 20, offset = 0): ClientEvent[] {
  return preparedRows<ClientEvent>(
    db,
    `SELECT e.id, e.client_id AS clientId, e.occurred_on AS occurredOn, e.kind, e.summary, e.ref_table AS refTable,
       e.ref_id AS refId, e.user_id AS userId, u.display_name AS userName, e.created_at AS createdAt
     FROM client_events e LEFT JOIN users u ON u.id = e.user_id
     WHERE e.client_id = ? ORDER BY e.occurred_on DESC, e.id DESC LIMIT ? OFFSET ?`,
  ).all(clientId, limit, offset);
}

export function countClientEvents(db: Db, clientId: number): number {
  return (prepared(db, 'SELECT COUNT(*) AS n FROM client_events WHERE client_id = ?').get(clientId) as { n: number }).n;
}
