import type { EligibilityResult, Route, RuleSet } from '../domain/index.js';
import type { Db } from './connection.js';
import { loadEligibility } from './progress.js';

export type Eligibility = 'ja' | 'nee' | 'nvt';

export interface ImpactRow {
  clientId: number;
  clientNumber: string;
  name: string;
  route: Route | null;
  preEnd: { before: Eligibility; after: Eligibility };
  end: { before: Eligibility; after: Eligibility };
}

export interface RuleImpact {
  /** Current (not closed) clients compared. */
  clientCount: number;
  /** Clients whose pre-end or end eligibility differs between the two rule sets. */
  changed: ImpactRow[];
}

const flag = (r: EligibilityResult | null): Eligibility => (r === null ? 'nvt' : r.eligible ? 'ja' : 'nee');

/**
 * For every current client: are they eligible for the pre-end and end conversation today under the rules
 * in force, and would they be under `next`? Returns the clients for whom either answer changes.
 */
export function computeRuleImpact(db: Db, today: string, current: RuleSet, next: RuleSet): RuleImpact {
  const clients = db
    .prepare(
      `SELECT id, client_number AS clientNumber, first_name || ' ' || last_name AS name FROM clients
       WHERE closed_on IS NULL ORDER BY last_name, first_name, id`,
    )
    .all() as { id: number; clientNumber: string; name: string }[];
  const changed: ImpactRow[] = [];
  for (const c of clients) {
    const before = loadEligibility(db, c.id, today, current);
    const after = loadEligibility(db, c.id, today, next);
    const row: ImpactRow = {
      clientId: c.id,
      clientNumber: c.clientNumber,
      name: c.name,
      route: after.route ?? before.route,
      preEnd: { before: flag(before.preEnd), after: flag(after.preEnd) },
      end: { before: flag(before.end), after: flag(after.end) },
    };
    if (row.preEnd.before !== row.preEnd.after || row.end.before !== row.end.after) changed.push(row);
  }
  return { clientCount: clients.length, changed };
}
