import type { Db } from './connection.js';

export const DECISION_KINDS = [
  'INSTRUMENT',
  'GUIDANCE_HOURS',
  'SUBSTITUTION',
  'MAP_EXEMPTION',
  'KNM_COMPLETED',
  'MAP_COMPLETED',
  'PVT_COMPLETED',
  'EDUCATION_COMPLETED',
] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export type ApprovalStatus = 'NOT_REQUIRED' | 'PENDING' | 'APPROVED' | 'REJECTED';

export interface Decision {
  id: number;
  clientId: number;
  kind: string;
  decidedOn: string;
  reason: string;
  data: Record<string, unknown>;
  revokedOn: string | null;
  revokedByName: string | null;
  revokeReason: string | null;
  approvalStatus: ApprovalStatus;
  decidedByName: string | null;
  createdAt: string;
}

interface Row extends Omit<Decision, 'data'> {
  data: string;
}

const SELECT = `SELECT d.id, d.client_id AS clientId, d.kind, d.decided_on AS decidedOn, d.reason, d.data,
  d.revoked_on AS revokedOn, r.display_name AS revokedByName, d.revoke_reason AS revokeReason,
  d.approval_status AS approvalStatus, u.display_name AS decidedByName, d.created_at AS createdAt
FROM decisions d
LEFT JOIN users u ON u.id = d.decided_by
LEFT JOIN users r ON r.id = d.revoked_by`;

function toDecision(r: Row): Decision {
  return { ...r, data: JSON.parse(r.data) as Record<string, unknown> };
}

/** All decisions of the kinds this page handles, newest first, revoked ones included (history). */
export function listDecisions(db: Db, clientId: number): Decision[] {
  const kinds = DECISION_KINDS.map(() => '?').join(', ');
  return (
    db
      .prepare(`${SELECT} WHERE d.client_id = ? AND d.kind IN (${kinds}) ORDER BY d.decided_on DESC, d.id DESC`)
      .all(clientId, ...DECISION_KINDS) as Row[]
  ).map(toDecision);
}

export function findDecision(db: Db, clientId: number, id: number): Decision | undefined {
  const row = db.prepare(`${SELECT} WHERE d.client_id = ? AND d.id = ?`).get(clientId, id) as Row | undefined;
  return row ? toDecision(row) : undefined;
}

/** Decisions of a kind that are in force or waiting for approval (not revoked, not rejected). */
export function activeDecisionsOfKind(db: Db, clientId: number, kind: DecisionKind): Decision[] {
  return (
    db
      .prepare(
        `${SELECT} WHERE d.client_id = ? AND d.kind = ? AND d.revoked_on IS NULL AND d.approval_status <> 'REJECTED'
         ORDER BY d.decided_on, d.id`,
      )
      .all(clientId, kind) as Row[]
  ).map(toDecision);
}

export function insertDecision(
  db: Db,
  d: {
    clientId: number;
    kind: DecisionKind;
    decidedOn: string;
    reason: string;
    data: Record<string, unknown>;
    approvalStatus: ApprovalStatus;
    decidedBy: number;
  },
  nowIso: string,
): number {
  const r = db
    .prepare(
      `INSERT INTO decisions (client_id, kind, decided_on, reason, data, approval_status, decided_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(d.clientId, d.kind, d.decidedOn, d.reason, JSON.stringify(d.data), d.approvalStatus, d.decidedBy, nowIso);
  return Number(r.lastInsertRowid);
}

/** Revokes a decision with a reason; the row stays (history). False when already revoked. */
export function revokeDecision(
  db: Db,
  clientId: number,
  id: number,
  reason: string,
  userId: number,
  today: string,
): boolean {
  const r = db
    .prepare(
      `UPDATE decisions SET revoked_on = ?, revoked_by = ?, revoke_reason = ?
       WHERE id = ? AND client_id = ? AND revoked_on IS NULL`,
    )
    .run(today, userId, reason, id, clientId);
  return r.changes === 1;
}
