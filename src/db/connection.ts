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

/** A cached statement whose rows come back as plain objects of one shape (see `preparedRows`). */
export interface RowsStatement<T> {
  all(...params: unknown[]): T[];
  get(...params: unknown[]): T | undefined;
}

const rowsCache = new WeakMap<Db, Map<string, RowsStatement<unknown>>>();

/**
 * As `prepared(db, sql).all()/.get()`, with the same objects (a column name twice: the last one wins, as
 * better-sqlite3 does), built faster: the rows are read as arrays and turned into objects by a function
 * compiled for the statement's columns, so every row is one object literal of one shape. better-sqlite3 adds
 * the columns to each row object one by one, which was half the time of reading 50 rows of 11 columns (bench,
 * the audit viewer). For the lists of a page; a query's columns are fixed by its SQL.
 */
export function preparedRows<T>(db: Db, sql: string): RowsStatement<T> {
  let cache = rowsCache.get(db);
  if (!cache) rowsCache.set(db, (cache = new Map()));
  let rows = cache.get(sql);
  if (!rows) {
    const raw = db.prepare(sql).raw(true);
    const columns = raw.columns().map((c, i) => `${JSON.stringify(c.name)}: r[${i}]`);
    const toObject = new Function('r', `return { ${columns.join(', ')} };`) as (r: unknown[]) => unknown;
    rows = {
      all: (...params) => (raw.all(...params) as unknown[][]).map(toObject),
      get: (...params) => {
        const r = raw.get(...params) as unknown[] | undefined;
        return r === undefined ? undefined : toObject(r);
      },
    };
    cache.set(sql, rows);
  }
  return rows as RowsStatement<T>;
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
