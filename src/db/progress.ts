// TEMPORARY STUB on branch admin until src/db/progress.ts lands on main (replaced by the merge).
import type { EligibilityResult, Route, RuleSet } from '../domain/index.js';
import type { Db } from './connection.js';

export function loadEligibility(
  _db: Db,
  _clientId: number,
  _today: string,
  _rules?: RuleSet,
): { route: Route | null; preEnd: EligibilityResult | null; end: EligibilityResult | null } {
  return { route: null, preEnd: null, end: null };
}
