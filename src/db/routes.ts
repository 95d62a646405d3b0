import type { Route } from '../domain/index.js';
import { type Db, prepared, preparedRows } from './connection.js';

export const ROUTES: readonly Route[] = ['B1', 'ONDERWIJS', 'Z'];
export type ApprovalStatus = 'NOT_REQUIRED' | 'PENDING' | 'APPROVED' | 'REJECTED';

export interface RouteDecision {
  id: number;
  kind: 'CHOICE' | 'CHANGE';
  decidedOn: string;
  route: Route;
  advisedRoute: Route | null;
  adviceReasons: string[];
  reason: string | null;
  notB1Reason: string | null;
  notOnderwijsReason: string | null;
  notZReason: string | null;
  approvalStatus: ApprovalStatus;
  approvalNote: string | null;
  decidedByName: string | null;
  createdAt: string;
}

interface Row extends Omit<RouteDecision, 'adviceReasons'> {
  adviceReasons: string | null;
}

/** All route decisions of a client, oldest first. */
export function listRouteDecisions(db: Db, clientId: number): RouteDecision[] {
  const rows = preparedRows<Row>(
    db,
    `SELECT r.id, r.kind, r.decided_on AS decidedOn, r.route, r.advised_route AS advisedRoute,
       r.advice_reasons AS adviceReasons, r.reason, r.not_b1_reason AS notB1Reason,
       r.not_onderwijs_reason AS notOnderwijsReason, r.not_z_reason AS notZReason, r.approval_status AS approvalStatus,
       r.approval_note AS approvalNote, u.display_name AS decidedByName, r.created_at AS createdAt
     FROM route_decisions r LEFT JOIN users u ON u.id = r.decided_by
     WHERE r.client_id = ? ORDER BY r.decided_on, r.id`,
  ).all(clientId);
  return rows.map((r) => ({ ...r, adviceReasons: r.adviceReasons ? (JSON.parse(r.adviceReasons) as string[]) : [] }));
}

export interface NewRouteDecision {
  clientId: number;
  kind: 'CHOICE' | 'CHANGE';
  decidedOn: string;
  route: Route;
  advisedRoute: Route | null;
  adviceReasons: string[];
  reason: string | null;
  notB1Reason: string | null;
  notOnderwijsReason: string | null;
  notZReason: string | null;
  approvalStatus: ApprovalStatus;
  userId: number;
}

export function addRouteDecision(db: Db, d: NewRouteDecision, nowIso: string): number {
  const r = prepared(
    db,
    `INSERT INTO route_decisions (client_id, kind, decided_on, route, advised_route, advice_reasons, reason, not_b1_reason,
       not_onderwijs_reason, not_z_reason, approval_status, decided_by, created_at)
     VALUES (@clientId, @kind, @decidedOn, @route, @advisedRoute, @adviceReasons, @reason, @notB1Reason,
       @notOnderwijsReason, @notZReason, @approvalStatus, @userId, @now)`,
  ).run({ ...d, adviceReasons: JSON.stringify(d.adviceReasons), now: nowIso });
  return Number(r.lastInsertRowid);
}
