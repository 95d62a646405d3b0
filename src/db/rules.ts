import { DEFAULT_RULE_SET, parseRuleSet, type RuleSet, type RuleSetVersion, ruleSetInForce } from '../domain/index.js';
import { type Db, prepared } from './connection.js';

/** The date the Wet inburgering 2021 took effect: the default rule set applies from then. */
export const DEFAULT_RULES_EFFECTIVE_FROM = '2022-01-01';

export interface StoredRuleSetVersion extends RuleSetVersion {
  note: string | null;
  createdBy: number | null;
  createdByName: string | null;
  createdAt: string;
}

interface Row {
  id: number;
  effective_from: string;
  rules: string;
  note: string | null;
  created_by: number | null;
  created_by_name: string | null;
  created_at: string;
}

function toVersion(row: Row): StoredRuleSetVersion {
  const parsed = parseRuleSet(JSON.parse(row.rules));
  if (!parsed.ok) throw new Error(`rule set version ${row.id} in the database is invalid`);
  return {
    id: row.id,
    effectiveFrom: row.effective_from,
    rules: parsed.value,
    note: row.note,
    createdBy: row.created_by,
    createdByName: row.created_by_name,
    createdAt: row.created_at,
  };
}

/** All versions, oldest effective date first. */
export function listRuleSetVersions(db: Db): StoredRuleSetVersion[] {
  const rows = db
    .prepare(
      `SELECT v.*, u.display_name AS created_by_name FROM rule_set_versions v
       LEFT JOIN users u ON u.id = v.created_by ORDER BY v.effective_from, v.id`,
    )
    .all() as Row[];
  return rows.map(toVersion);
}

let cache:
  | { db: Db; count: number; maxId: number; versions: StoredRuleSetVersion[]; byDate: Map<string, RuleSet> }
  | undefined;

/** The rule set in force on a date (yyyy-MM-dd). Versions, and the choice per date, are cached until one is added. */
export function rulesInForce(db: Db, date: string): RuleSet {
  const { count, maxId } = prepared(db, 'SELECT COUNT(*) AS count, COALESCE(MAX(id), 0) AS maxId FROM rule_set_versions').get() as {
    count: number;
    maxId: number;
  };
  if (!cache || cache.db !== db || cache.count !== count || cache.maxId !== maxId) {
    cache = { db, count, maxId, versions: listRuleSetVersions(db), byDate: new Map() };
  }
  let rules = cache.byDate.get(date);
  if (!rules) {
    // Validates the date and every version's date (throws on a bad one, which is then not kept).
    rules = ruleSetInForce(cache.versions, date)?.rules ?? DEFAULT_RULE_SET;
    if (cache.byDate.size >= 1000) cache.byDate.clear();
    cache.byDate.set(date, rules);
  }
  return rules;
}

export function addRuleSetVersion(
  db: Db,
  v: { effectiveFrom: string; rules: RuleSet; note: string | null; createdBy: number | null },
  nowIso: string,
): number {
  const parsed = parseRuleSet(v.rules);
  if (!parsed.ok) throw new Error('invalid rule set');
  const r = db
    .prepare('INSERT INTO rule_set_versions (effective_from, rules, note, created_by, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(v.effectiveFrom, JSON.stringify(parsed.value), v.note, v.createdBy, nowIso);
  return Number(r.lastInsertRowid);
}

/** Makes sure a fresh installation has the default rule set (production and demo alike). */
export function ensureDefaultRuleSet(db: Db, nowIso: string): void {
  const count = db.prepare('SELECT COUNT(*) FROM rule_set_versions').pluck().get() as number;
  if (count === 0) {
    addRuleSetVersion(
      db,
      {
        effectiveFrom: DEFAULT_RULES_EFFECTIVE_FROM,
        rules: DEFAULT_RULE_SET,
        note: 'Standaardregels (Leidraad Rotterdam, Wet inburgering 2021)',
        createdBy: null,
      },
      nowIso,
    );
  }
}
