import Database from 'better-sqlite3';

export type Db = Database.Database;

/** Opens a SQLite database with the pragmas Koers relies on. Use ':memory:' in tests. */
export function openDatabase(path: string): Db {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
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
