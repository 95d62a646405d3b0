// The barriers register (issue 21): status changes per client and kind, with their date.
import { BARRIER_KINDS, type BarrierKind, type BarrierStatus, type BarrierStatusEntry } from '../domain/index.js';
import { type Db, prepared } from './connection.js';

export interface BarrierHistoryRow extends BarrierStatusEntry {
  note: string | null;
  conversationId: number | null;
  createdByName: string | null;
}

/** Every status recorded for the client, newest first. */
export function listBarrierHistory(db: Db, clientId: number): BarrierHistoryRow[] {
  return prepared(
    db,
    `SELECT b.id, b.kind, b.status, b.status_on AS statusOn, b.note, b.conversation_id AS conversationId,
       u.display_name AS createdByName
     FROM client_barriers b LEFT JOIN users u ON u.id = b.created_by
     WHERE b.client_id = ? ORDER BY b.status_on DESC, b.id DESC`,
  ).all(clientId) as BarrierHistoryRow[];
}

export function addBarrierStatus(
  db: Db,
  b: { clientId: number; kind: BarrierKind; status: BarrierStatus; statusOn: string; note: string | null; conversationId: number | null; userId: number },
  nowIso: string,
): number {
  const r = prepared(
    db,
    `INSERT INTO client_barriers (client_id, kind, status, status_on, note, conversation_id, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(b.clientId, b.kind, b.status, b.statusOn, b.note, b.conversationId, b.userId, nowIso);
  return Number(r.lastInsertRowid);
}

/**
 * Per kind, how many of the team's open clients have that status today (the latest on or before `asOf`);
 * a client without any status for a kind counts as "niet ingevuld" (`notFilledIn`).
 */
export function teamBarrierCounts(
  db: Db,
  teamId: number,
  asOf: string,
): { kind: BarrierKind; present: number; resolved: number; none: number; notFilledIn: number }[] {
  const open = prepared(db, 'SELECT COUNT(*) FROM clients WHERE team_id = ? AND closed_on IS NULL').pluck().get(teamId) as number;
  const rows = prepared(
    db,
    `WITH latest AS (
       SELECT b.client_id, b.kind, b.status,
         ROW_NUMBER() OVER (PARTITION BY b.client_id, b.kind ORDER BY b.status_on DESC, b.id DESC) AS n
       FROM client_barriers b JOIN clients c ON c.id = b.client_id
       WHERE c.team_id = @teamId AND c.closed_on IS NULL AND b.status_on <= @asOf)
     SELECT kind,
       SUM(CASE WHEN status = 'PRESENT' THEN 1 ELSE 0 END) AS present,
       SUM(CASE WHEN status = 'RESOLVED' THEN 1 ELSE 0 END) AS resolved,
       SUM(CASE WHEN status = 'NONE' THEN 1 ELSE 0 END) AS none,
       COUNT(*) AS known
     FROM latest WHERE n = 1 GROUP BY kind`,
  ).all({ teamId, asOf }) as { kind: BarrierKind; present: number; resolved: number; none: number; known: number }[];
  return BARRIER_KINDS.map((kind) => {
    const r = rows.find((x) => x.kind === kind);
    return { kind, present: r?.present ?? 0, resolved: r?.resolved ?? 0, none: r?.none ?? 0, notFilledIn: open - (r?.known ?? 0) };
  });
}
