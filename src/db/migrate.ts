import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './connection.js';

export const MIGRATIONS_DIR = join(import.meta.dirname, '..', '..', 'migrations');

const MIGRATION_FILE = /^(\d{4})_[a-z0-9_]+\.sql$/;

export interface MigrationResult {
  applied: string[];
}

/**
 * Applies every numbered .sql file in dir that is not yet recorded in schema_migrations,
 * in order, each in its own transaction. Running it twice does nothing the second time.
 */
export function migrate(db: Db, dir: string = MIGRATIONS_DIR, now: () => Date = () => new Date()): MigrationResult {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const done = new Set(
    db
      .prepare('SELECT version FROM schema_migrations')
      .pluck()
      .all() as string[],
  );
  const files = readdirSync(dir)
    .filter((f) => MIGRATION_FILE.test(f))
    .sort();
  const applied: string[] = [];
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const file of files) {
    const version = file.slice(0, 4);
    if (done.has(version)) continue;
    const sql = readFileSync(join(dir, file), 'utf8');
    // A file that rebuilds a referenced table (SQLite's documented 12-step procedure) asks for foreign keys off
    // during its transaction; the references are checked before it commits.
    const fkOff = sql.startsWith('-- migrate: foreign_keys=off');
    if (fkOff) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(sql);
        if (fkOff && (db.pragma('foreign_key_check') as unknown[]).length) throw new Error(`${file}: foreign key check failed`);
        record.run(version, file, now().toISOString());
      })();
    } finally {
      if (fkOff) db.pragma('foreign_keys = ON');
    }
    applied.push(file);
  }
  return { applied };
}
