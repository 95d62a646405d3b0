import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { MIGRATIONS_DIR, migrate } from '../../src/db/migrate.js';

function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'koers-mig-'));
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
  return dir;
}

describe('migration runner', () => {
  it('applies every migration of the project to a fresh database, in order', () => {
    const db = openDatabase(':memory:');
    const { applied } = migrate(db);
    expect(applied.length).toBeGreaterThanOrEqual(3);
    expect(applied).toEqual([...applied].sort());
    const recorded = db.prepare('SELECT name FROM schema_migrations ORDER BY version').pluck().all();
    expect(recorded).toEqual(applied);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('does nothing when run a second time', () => {
    const db = openDatabase(':memory:');
    migrate(db);
    expect(migrate(db).applied).toEqual([]);
    expect(migrate(db, MIGRATIONS_DIR).applied).toEqual([]);
  });

  it('applies only new files and ignores files that are not numbered migrations', () => {
    const dir = tempDir({ '0001_a.sql': 'CREATE TABLE a (x);', 'README.md': 'not sql', 'notes.sql': 'garbage' });
    const db = openDatabase(':memory:');
    expect(migrate(db, dir).applied).toEqual(['0001_a.sql']);
    writeFileSync(join(dir, '0002_b.sql'), 'CREATE TABLE b (y);');
    expect(migrate(db, dir).applied).toEqual(['0002_b.sql']);
  });

  it('rolls a failing migration back completely and records nothing for it', () => {
    const dir = tempDir({
      '0001_ok.sql': 'CREATE TABLE ok (x);',
      '0002_bad.sql': 'CREATE TABLE half (y); INSERT INTO half VALUES (1); INSERT INTO missing_table VALUES (1);',
    });
    const db = openDatabase(':memory:');
    expect(() => migrate(db, dir)).toThrow(/missing_table/);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toContain('ok');
    expect(tables).not.toContain('half');
    expect(db.prepare('SELECT version FROM schema_migrations').pluck().all()).toEqual(['0001']);
  });

  it('uses WAL mode on a file database', () => {
    const dir = mkdtempSync(join(tmpdir(), 'koers-wal-'));
    const db = openDatabase(join(dir, 'k.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });
});
