import Database from 'better-sqlite3';

export type Db = Database.Database;

/** Opens a SQLite database with the pragmas Koers relies on. Use ':memory:' in tests. */
export function openDatabase(path: string): Db {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  // Deleted content is overwritten with zeros, not left in free pages (retention, issue 20).
  db.pragma('secure_delete = ON');
  return db;
}

/** Runs fn in one transaction: everything or nothing. */
export function inTransaction<T>(db: Db, fn: () => T): T {
  return db.transaction(fn)();
}

const statementCache = new WeakMap<Db, Map<string, Database.Statement>>();

/** A prepared statement, cached per database; for queries that run in hot loops. */
export function prepared(db: Db, sql: string): Database.Statement {
  let cache = statementCache.get(db);
  if (!cache) {
    cache = new Map();
    statementCache.set(db, cache);
  }
  let stmt = cache.get(sql);
  if (!stmt) {
    stmt = db.prepare(sql);
    cache.set(sql, stmt);
  }
  return stmt;
}

/**
 * Lets SQLite gather table statistics where they are missing or stale, so the planner picks good indexes,
 * and keeps only the per-index row estimates (sqlite_stat1). The histograms in sqlite_stat4 (better-sqlite3
 * is built with STAT4) make SQLite recompile every statement that compares an indexed column with a bound
 * parameter each time it runs, because the plan might depend on the value: with them the bench spent 10% of
 * a dossier page's CPU time re-preparing statements it had cached. Our queries do not need them (rare
 * values have partial indexes), so they are cleared and the planner reloads the statistics.
 */
export function optimizeStatistics(db: Db): void {
  db.pragma('optimize=0x10002');
  const hasStat4 = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'sqlite_stat4'").get();
  if (hasStat4) {
    db.exec('DELETE FROM sqlite_stat4');
    db.exec('ANALYZE sqlite_schema');
  }
}
