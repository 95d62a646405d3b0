// Costs against budget (issue 21): cost lines per client, and the team's totals for a period.
import type { CostComponent, CostKind, Route } from '../domain/index.js';
import { type Db, prepared } from './connection.js';

export interface CostLine {
  id: number;
  component: CostComponent;
  kind: CostKind;
  amountCents: number;
  bookedOn: string;
  route: Route | null;
  providerId: number | null;
  providerName: string | null;
  description: string;
  reason: string | null;
  overBudgetReason: string | null;
  createdByName: string | null;
  /** Withdrawn (a mistake): shown, never counted. */
  cancelledAt: string | null;
  cancelReason: string | null;
}

export type CostLineInput = Pick<CostLine, 'component' | 'kind' | 'amountCents' | 'bookedOn' | 'route' | 'providerId' | 'description' | 'reason' | 'overBudgetReason'>;

const SELECT = `SELECT l.id, l.component, l.kind, l.amount_cents AS amountCents, l.booked_on AS bookedOn, l.route,
  l.provider_id AS providerId, p.name AS providerName, l.description, l.reason, l.over_budget_reason AS overBudgetReason,
  u.display_name AS createdByName, l.cancelled_at AS cancelledAt, l.cancel_reason AS cancelReason
  FROM cost_lines l LEFT JOIN providers p ON p.id = l.provider_id LEFT JOIN users u ON u.id = l.created_by`;

export function listCostLines(db: Db, clientId: number): CostLine[] {
  return prepared(db, `${SELECT} WHERE l.client_id = ? ORDER BY l.booked_on DESC, l.id DESC`).all(clientId) as CostLine[];
}

export function insertCostLine(db: Db, clientId: number, l: CostLineInput, userId: number, nowIso: string): number {
  const r = prepared(
    db,
    `INSERT INTO cost_lines (client_id, component, kind, amount_cents, booked_on, route, provider_id, description, reason,
       over_budget_reason, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(clientId, l.component, l.kind, l.amountCents, l.bookedOn, l.route, l.providerId, l.description, l.reason, l.overBudgetReason, userId, nowIso);
  return Number(r.lastInsertRowid);
}

/** Withdraws a line of the client that still counts; false when there is none (already withdrawn, or not this client's). */
export function cancelCostLine(db: Db, clientId: number, lineId: number, reason: string, userId: number, nowIso: string): boolean {
  return (
    prepared(db, 'UPDATE cost_lines SET cancelled_at = ?, cancelled_by = ?, cancel_reason = ? WHERE id = ? AND client_id = ? AND cancelled_at IS NULL').run(
      nowIso,
      userId,
      reason,
      lineId,
      clientId,
    ).changes === 1
  );
}

export interface TeamCostLine {
  clientId: number;
  clientName: string;
  component: CostComponent;
  kind: CostKind;
  amountCents: number;
  route: Route | null;
  providerName: string | null;
}

/** The cost lines of a team's clients booked in a period (both days included). */
export function teamCostLines(db: Db, teamId: number, from: string, to: string): TeamCostLine[] {
  return prepared(
    db,
    `SELECT l.client_id AS clientId, c.first_name || ' ' || c.last_name AS clientName, l.component, l.kind,
       l.amount_cents AS amountCents, l.route, p.name AS providerName
     FROM cost_lines l JOIN clients c ON c.id = l.client_id LEFT JOIN providers p ON p.id = l.provider_id
     WHERE c.team_id = ? AND l.booked_on BETWEEN ? AND ? AND l.cancelled_at IS NULL ORDER BY l.id`,
  ).all(teamId, from, to) as TeamCostLine[];
}
