// Four-eyes approvals: route decisions, decisions and conversations a consulent recorded that wait for the
// teamleider. Other features set approval_status = 'PENDING' when the rule set asks for approval.
import { ROUTE_LABELS, type Route } from '../domain/index.js';
import { type Db, prepared } from './connection.js';

export const APPROVAL_TYPES = ['route', 'decision', 'conversation'] as const;
export type ApprovalType = (typeof APPROVAL_TYPES)[number];

const TABLE: Record<ApprovalType, string> = {
  route: 'route_decisions',
  decision: 'decisions',
  conversation: 'conversations',
};

export const DECISION_KIND_LABELS: Record<string, string> = {
  INSTRUMENT: 'Instrument meetellen',
  GUIDANCE_HOURS: 'Uren voor begeleidingsgesprekken',
  SUBSTITUTION: 'Substitutie',
  MAP_EXEMPTION: 'Ontheffing MAP',
  KNM_COMPLETED: 'KNM afgerond',
  MAP_COMPLETED: 'MAP afgerond',
  PVT_COMPLETED: 'PVT afgerond',
  EDUCATION_COMPLETED: 'Onderwijs afgerond',
  AFSCHALEN: 'Afschalen',
  TERMIJN_EXTENSION: 'Verlenging van de termijn',
  CLOSURE: 'Afsluiting',
};

export const CONVERSATION_KIND_LABELS: Record<string, string> = {
  VOORTGANG: 'Voortgangsgesprek',
  PRE_EIND: 'Pre-eindgesprek',
  EIND: 'Eindgesprek',
};

export interface PendingApproval {
  type: ApprovalType;
  id: number;
  clientId: number;
  clientName: string;
  clientNumber: string;
  date: string;
  label: string;
  reason: string | null;
  byName: string;
}

interface RawPending {
  type: ApprovalType;
  id: number;
  clientId: number;
  firstName: string;
  lastName: string;
  clientNumber: string;
  date: string;
  kind: string;
  advised: string | null;
  reason: string | null;
  byName: string;
}

const PENDING_SQL = `
SELECT 'route' AS type, r.id, c.id AS clientId, c.first_name AS firstName, c.last_name AS lastName,
  c.client_number AS clientNumber, r.decided_on AS date, r.route AS kind, r.advised_route AS advised, r.reason,
  u.display_name AS byName
FROM route_decisions r JOIN clients c ON c.id = r.client_id JOIN users u ON u.id = r.decided_by
WHERE r.approval_status = 'PENDING' AND c.team_id = @teamId
UNION ALL
SELECT 'decision', d.id, c.id, c.first_name, c.last_name, c.client_number, d.decided_on, d.kind, NULL, d.reason,
  u.display_name
FROM decisions d JOIN clients c ON c.id = d.client_id JOIN users u ON u.id = d.decided_by
WHERE d.approval_status = 'PENDING' AND c.team_id = @teamId
UNION ALL
SELECT 'conversation', v.id, c.id, c.first_name, c.last_name, c.client_number, v.held_on, v.kind, NULL,
  v.override_reason, u.display_name
FROM conversations v JOIN clients c ON c.id = v.client_id JOIN users u ON u.id = v.created_by
WHERE v.approval_status = 'PENDING' AND c.team_id = @teamId`;

function labelOf(r: Pick<RawPending, 'type' | 'kind' | 'advised'>): string {
  if (r.type === 'route') {
    const chosen = ROUTE_LABELS[r.kind as Route] ?? r.kind;
    const advised = r.advised ? ROUTE_LABELS[r.advised as Route] : null;
    return advised && r.advised !== r.kind ? `Routekeuze ${chosen} (advies was ${advised})` : `Routekeuze ${chosen}`;
  }
  if (r.type === 'decision') return `Besluit: ${DECISION_KIND_LABELS[r.kind] ?? r.kind}`;
  return CONVERSATION_KIND_LABELS[r.kind] ?? r.kind;
}

/** Items of the team waiting for approval, oldest first. */
export function listPendingApprovals(db: Db, teamId: number): PendingApproval[] {
  const rows = prepared(db, `SELECT * FROM (${PENDING_SQL}) ORDER BY date, type, id`).all({ teamId }) as RawPending[];
  return rows.map((r) => ({
    type: r.type,
    id: r.id,
    clientId: r.clientId,
    clientName: `${r.firstName} ${r.lastName}`,
    clientNumber: r.clientNumber,
    date: r.date,
    label: labelOf(r),
    reason: r.reason,
    byName: r.byName,
  }));
}

export function countPendingApprovals(db: Db, teamId: number): number {
  return prepared(db, `SELECT COUNT(*) FROM (${PENDING_SQL})`).pluck().get({ teamId }) as number;
}

/** The table of each kind of item (the timeline refers to it). */
export const APPROVAL_TABLES: Readonly<Record<ApprovalType, string>> = TABLE;

/** A pending item of the team, with its client and label; undefined when it is not (or no longer) pending there. */
export function findPendingApproval(
  db: Db,
  type: ApprovalType,
  id: number,
  teamId: number,
): { clientId: number; label: string } | undefined {
  const kindCol = type === 'route' ? 'route' : 'kind';
  const advisedCol = type === 'route' ? 'x.advised_route' : 'NULL';
  const item = prepared(
    db,
    `SELECT x.client_id AS clientId, x.${kindCol} AS kind, ${advisedCol} AS advised FROM ${TABLE[type]} x
     JOIN clients c ON c.id = x.client_id
     WHERE x.id = ? AND x.approval_status = 'PENDING' AND c.team_id = ?`,
  ).get(id, teamId) as { clientId: number; kind: string; advised: string | null } | undefined;
  return item && { clientId: item.clientId, label: labelOf({ type, kind: item.kind, advised: item.advised }) };
}

/** Approves or rejects a pending item (who, and the note). False when it was no longer pending: nothing changed. */
export function setApprovalStatus(
  db: Db,
  d: { type: ApprovalType; id: number; approve: boolean; note: string | null; userId: number },
): boolean {
  const r = prepared(
    db,
    `UPDATE ${TABLE[d.type]} SET approval_status = ?, approved_by = ?, approval_note = ? WHERE id = ? AND approval_status = 'PENDING'`,
  ).run(d.approve ? 'APPROVED' : 'REJECTED', d.userId, d.note, d.id);
  return r.changes === 1;
}
