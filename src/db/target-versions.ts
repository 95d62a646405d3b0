// The municipality's targets with the waiting limits per step: versioned and effective-dated like the rule set.
// Apart from the figures (src/db/targets.ts) so that the status refresh (client-status.ts) can read the waiting
// limits without an import cycle through the caseload signals.
import { type TargetSet, type TargetVersion, targetSetSchema, targetsInForce } from '../domain/index.js';
import { type Db, prepared } from './connection.js';

export interface StoredTargetVersion extends TargetVersion {
  note: string | null;
  createdByName: string | null;
  createdAt: string;
}

interface Row {
  id: number;
  effective_from: string;
  targets: string;
  note: string | null;
  created_by_name: string | null;
  created_at: string;
}

function toVersion(r: Row): StoredTargetVersion {
  const parsed = targetSetSchema.safeParse(JSON.parse(r.targets));
  if (!parsed.success) throw new Error(`target version ${r.id} in the database is invalid`);
  return { id: r.id, effectiveFrom: r.effective_from, targets: parsed.data, note: r.note, createdByName: r.created_by_name, createdAt: r.created_at };
}

/** All versions, oldest effective date first. */
export function listTargetVersions(db: Db): StoredTargetVersion[] {
  const rows = prepared(
    db,
    `SELECT t.id, t.effective_from, t.targets, t.note, u.display_name AS created_by_name, t.created_at
     FROM target_versions t LEFT JOIN users u ON u.id = t.created_by ORDER BY t.effective_from`,
  ).all() as Row[];
  return rows.map(toVersion);
}

export function targetVersionOn(db: Db, effectiveFrom: string): { id: number } | undefined {
  return prepared(db, 'SELECT id FROM target_versions WHERE effective_from = ?').get(effectiveFrom) as { id: number } | undefined;
}

export function insertTargetVersion(db: Db, v: { effectiveFrom: string; targets: TargetSet; note: string | null; createdBy: number; now: string }): number {
  const r = prepared(db, 'INSERT INTO target_versions (effective_from, targets, note, created_by, created_at) VALUES (?, ?, ?, ?, ?)').run(
    v.effectiveFrom,
    JSON.stringify(v.targets),
    v.note,
    v.createdBy,
    v.now,
  );
  return Number(r.lastInsertRowid);
}

let cache: { db: Db; count: number; maxId: number; versions: StoredTargetVersion[] } | null = null;

/**
 * The targets in force on `date` (the defaults before the first version). The versions are read and parsed once
 * until one is added (as the rule set in force, src/db/rules.ts): the status refresh reads the waiting limits
 * for every client.
 */
export function targetsOn(db: Db, date: string): TargetSet {
  const { count, maxId } = prepared(db, 'SELECT COUNT(*) AS count, COALESCE(MAX(id), 0) AS maxId FROM target_versions').get() as {
    count: number;
    maxId: number;
  };
  if (!cache || cache.db !== db || cache.count !== count || cache.maxId !== maxId) cache = { db, count, maxId, versions: listTargetVersions(db) };
  return targetsInForce(cache.versions, date);
}

