// Decisions that use discretionary room (issue 22), per decider, for a team's clients over a period. Each kind is
// read from where the decision itself is stored; nothing is derived twice.
import { type Db, prepared } from './connection.js';

export const DISCRETION_KINDS = [
  'ROUTE_DEVIATION',
  'END_OVERRIDE',
  'INSTRUMENT_COUNTED',
  'ENFORCEMENT_SKIPPED',
  'FINE_DEVIATION',
  'EXTENSION',
  'ONTHEFFING',
] as const;
export type DiscretionKind = (typeof DISCRETION_KINDS)[number];

export interface DiscretionRow {
  kind: DiscretionKind;
  decidedOn: string;
  userId: number;
  reason: string | null;
}

const SQL = `
SELECT 'ROUTE_DEVIATION' AS kind, r.decided_on AS decidedOn, r.decided_by AS userId, r.reason
  FROM route_decisions r JOIN clients c ON c.id = r.client_id
  WHERE c.team_id = @teamId AND r.decided_on BETWEEN @from AND @to AND r.advised_route IS NOT NULL
    AND r.route <> r.advised_route AND r.approval_status <> 'REJECTED'
UNION ALL
SELECT 'END_OVERRIDE', v.held_on, v.created_by, v.override_reason
  FROM conversations v JOIN clients c ON c.id = v.client_id
  WHERE c.team_id = @teamId AND v.kind = 'EIND' AND v.override_reason IS NOT NULL AND v.held_on BETWEEN @from AND @to
    AND v.approval_status <> 'REJECTED'
UNION ALL
SELECT 'INSTRUMENT_COUNTED', d.decided_on, d.decided_by, d.reason
  FROM decisions d JOIN clients c ON c.id = d.client_id
  WHERE c.team_id = @teamId AND d.kind = 'INSTRUMENT' AND json_extract(d.data, '$.counted') = 1
    AND d.revoked_on IS NULL AND d.approval_status <> 'REJECTED' AND d.decided_on BETWEEN @from AND @to
UNION ALL
SELECT 'ENFORCEMENT_SKIPPED', e.step_date, e.created_by, e.skip_reason
  FROM enforcement_steps e JOIN clients c ON c.id = e.client_id
  WHERE c.team_id = @teamId AND e.skipped = 1 AND e.step_date BETWEEN @from AND @to
UNION ALL
SELECT 'FINE_DEVIATION', e.step_date, e.created_by, e.deviation_reason
  FROM enforcement_steps e JOIN clients c ON c.id = e.client_id
  WHERE c.team_id = @teamId AND e.decision_kind = 'BOETE' AND e.default_amount IS NOT NULL
    AND e.amount <> e.default_amount AND e.step_date BETWEEN @from AND @to
UNION ALL
SELECT 'EXTENSION', d.decided_on, d.decided_by, d.reason
  FROM decisions d JOIN clients c ON c.id = d.client_id
  WHERE c.team_id = @teamId AND d.kind = 'TERMIJN_EXTENSION' AND d.revoked_on IS NULL
    AND d.approval_status <> 'REJECTED' AND d.decided_on BETWEEN @from AND @to
UNION ALL
SELECT 'ONTHEFFING', d.decided_on, d.decided_by, d.reason
  FROM decisions d JOIN clients c ON c.id = d.client_id
  WHERE c.team_id = @teamId AND d.kind = 'CLOSURE' AND json_extract(d.data, '$.type') = 'ONTHEFFING'
    AND d.revoked_on IS NULL AND d.decided_on BETWEEN @from AND @to
ORDER BY decidedOn DESC`;

export function discretionRows(db: Db, teamId: number, from: string, to: string): DiscretionRow[] {
  return prepared(db, SQL).all({ teamId, from, to }) as DiscretionRow[];
}

/**
 * The caseload of each consulent of the team over a period: the clients assigned to them now whose trajectory
 * ran at some time in the period (registered by its end, not closed before its start).
 */
export function caseloadInPeriod(db: Db, teamId: number, from: string, to: string): Map<number, number> {
  const rows = prepared(
    db,
    `SELECT s.consulent_id AS id, COUNT(*) AS n FROM client_status s
     WHERE s.team_id = @teamId AND s.consulent_id IS NOT NULL AND s.linked_on <= @to AND (s.closed_on IS NULL OR s.closed_on >= @from)
     GROUP BY s.consulent_id`,
  ).all({ teamId, from, to }) as { id: number; n: number }[];
  return new Map(rows.map((r) => [r.id, r.n]));
}
