import { type Db, prepared } from './connection.js';

export const AGREEMENT_OWNERS = ['CLIENT', 'CONSULENT', 'COACH', 'PROVIDER'] as const;
export type AgreementOwner = (typeof AGREEMENT_OWNERS)[number];
export const AGREEMENT_STATUSES = ['OPEN', 'GEREALISEERD', 'LOOPT_ACHTER', 'HERZIEN'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

export interface AgreementInput {
  description: string;
  owner: AgreementOwner;
  dueOn: string;
}

export interface Agreement extends AgreementInput {
  id: number;
  clientId: number;
  conversationId: number | null;
  conversationKind: string | null;
  conversationHeldOn: string | null;
  status: AgreementStatus;
  version: number;
  createdByName: string | null;
  createdAt: string;
  updatedAt: string;
}

const SELECT = `SELECT a.id, a.client_id AS clientId, a.conversation_id AS conversationId, c.kind AS conversationKind,
  c.held_on AS conversationHeldOn, a.description, a.owner, a.due_on AS dueOn, a.status, a.version,
  u.display_name AS createdByName, a.created_at AS createdAt, a.updated_at AS updatedAt
FROM agreements a
LEFT JOIN conversations c ON c.id = a.conversation_id
LEFT JOIN users u ON u.id = a.created_by`;

/** Open ones first (earliest due first), then the rest. */
export function listAgreements(db: Db, clientId: number): Agreement[] {
  return prepared(
    db,
    `${SELECT} WHERE a.client_id = ?
     ORDER BY CASE WHEN a.status IN ('OPEN', 'LOOPT_ACHTER') THEN 0 ELSE 1 END, a.due_on, a.id`,
  ).all(clientId) as Agreement[];
}

export function listAgreementsOfConversation(db: Db, conversationId: number): Agreement[] {
  return prepared(db, `${SELECT} WHERE a.conversation_id = ? ORDER BY a.id`).all(conversationId) as Agreement[];
}

export function findAgreement(db: Db, clientId: number, id: number): Agreement | undefined {
  return db.prepare(`${SELECT} WHERE a.client_id = ? AND a.id = ?`).get(clientId, id) as Agreement | undefined;
}

export function insertAgreement(
  db: Db,
  clientId: number,
  conversationId: number | null,
  a: AgreementInput,
  userId: number,
  nowIso: string,
): number {
  const r = db
    .prepare(
      `INSERT INTO agreements (client_id, conversation_id, description, owner, due_on, status, created_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'OPEN', ?, ?, ?)`,
    )
    .run(clientId, conversationId, a.description, a.owner, a.dueOn, userId, nowIso, nowIso);
  const id = Number(r.lastInsertRowid);
  db.prepare(
    `INSERT INTO agreement_status_history (agreement_id, status, note, changed_by, changed_at) VALUES (?, 'OPEN', ?, ?, ?)`,
  ).run(id, 'Afspraak gemaakt', userId, nowIso);
  return id;
}

/** Changes the status if nobody changed the agreement since `version`; false when stale. */
export function changeAgreementStatus(
  db: Db,
  clientId: number,
  id: number,
  version: number,
  status: AgreementStatus,
  note: string | null,
  userId: number,
  nowIso: string,
): boolean {
  const r = db
    .prepare(
      `UPDATE agreements SET status = ?, version = version + 1, updated_at = ? WHERE id = ? AND client_id = ? AND version = ?`,
    )
    .run(status, nowIso, id, clientId, version);
  if (r.changes !== 1) return false;
  db.prepare(
    `INSERT INTO agreement_status_history (agreement_id, status, note, changed_by, changed_at) VALUES (?, ?, ?, ?, ?)`,
  ).run(id, status, note, userId, nowIso);
  return true;
}

export interface AgreementHistoryRow {
  agreementId: number;
  status: AgreementStatus;
  note: string | null;
  changedByName: string | null;
  changedAt: string;
}

/** Status history of all of a client's agreements, grouped by the caller. */
export function agreementHistory(db: Db, clientId: number): AgreementHistoryRow[] {
  return db
    .prepare(
      `SELECT h.agreement_id AS agreementId, h.status, h.note, u.display_name AS changedByName, h.changed_at AS changedAt
       FROM agreement_status_history h JOIN agreements a ON a.id = h.agreement_id
       LEFT JOIN users u ON u.id = h.changed_by
       WHERE a.client_id = ? ORDER BY h.id`,
    )
    .all(clientId) as AgreementHistoryRow[];
}
