// Four-eyes approvals: route decisions, decisions and conversations a consulent recorded that wait for the
// teamleider. Other features set approval_status = 'PENDING' when the rule set asks for approval.
import { ROUTE_LABELS, type Route } from '../domain/index.js';
import { refreshClientStatus } from './client-status.js';
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

export interface ApprovalDecision {
  type: ApprovalType;
  id: number;
  teamId: number;
  approve: boolean;
  note: string | null;
  userId: number;
  userName: string;
  today: string;
  nowIso: string;
}

/**
 * Approves or rejects one pending item of the team: sets the status, who and the note, appends a timeline
 * event and refreshes the client's status. Returns the client and label, or null when the item is not a
 * pending item of this team (nothing changes). Run inside the caller's transaction.
 */
export function decideApproval(db: Db, d: ApprovalDecision): { clientId: number; label: string } | null {
  const table = TABLE[d.type];
  const kindCol = d.type === 'route' ? 'route' : 'kind';
  const advisedCol = d.type === 'route' ? 'x.advised_route' : 'NULL';
  const item = db
    .prepare(
      `SELECT x.client_id AS clientId, x.${kindCol} AS kind, ${advisedCol} AS advised FROM ${table} x
       JOIN clients c ON c.id = x.client_id
       WHERE x.id = ? AND x.approval_status = 'PENDING' AND c.team_id = ?`,
    )
    .get(d.id, d.teamId) as { clientId: number; kind: string; advised: string | null } | undefined;
  if (!item) return null;
  const status = d.approve ? 'APPROVED' : 'REJECTED';
  db.prepare(`UPDATE ${table} SET approval_status = ?, approved_by = ?, approval_note = ? WHERE id = ?`).run(
    status,
    d.userId,
    d.note,
    d.id,
  );
  const label = labelOf({ type: d.type, kind: item.kind, advised: item.advised });
  const verb = d.approve ? 'goedgekeurd' : 'afgekeurd';
  db.prepare(
    `INSERT INTO client_events (client_id, occurred_on, kind, summary, ref_table, ref_id, user_id, created_at)
     VALUES (?, ?, 'APPROVAL', ?, ?, ?, ?, ?)`,
  ).run(
    item.clientId,
    d.today,
    `${label} ${verb} door ${d.userName}${d.note ? `: ${d.note}` : ''}`,
    table,
    d.id,
    d.userId,
    d.nowIso,
  );
  refreshClientStatus(db, item.clientId, d.today);
  return { clientId: item.clientId, label };
}
