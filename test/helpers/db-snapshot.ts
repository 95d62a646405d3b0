import type { Db } from '../../src/db/connection.js';

// Tables that change on every request (log-in, session, audit) and say nothing about a dossier.
const VOLATILE = new Set(['audit_log', 'sessions', 'login_attempts']);

/**
 * The full content of every table except the volatile ones, as one string per table. Compare a snapshot
 * before and after a refused request to prove that nothing was written, edited or deleted.
 */
export function snapshotDb(db: Db): Record<string, string> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  const out: Record<string, string> = {};
  for (const t of tables) {
    if (VOLATILE.has(t)) continue;
    out[t] = JSON.stringify(db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all());
  }
  return out;
}

/** Row counts of the given tables. */
export function countRows(db: Db, tables: string[]): Record<string, number> {
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT COUNT(*) FROM "${t}"`).pluck().get() as number]));
}
