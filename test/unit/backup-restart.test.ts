import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupDatabase } from '../../src/db/backup.js';
import { openDatabase } from '../../src/db/connection.js';
import { migrate } from '../../src/db/migrate.js';
import { createTeam } from '../../src/db/teams.js';

describe('backup and restart', () => {
  it('makes a consistent copy of a live database that is being written to', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'koers-backup-'));
    const db = openDatabase(join(dir, 'live.db'));
    migrate(db);
    const insert = db.prepare('INSERT INTO teams (name, created_at) VALUES (?, ?)');
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(`Team ${i}`, '2026-01-01');
    })();
    const backup = backupDatabase(db, join(dir, 'copy.db'));
    // Writes continue while the backup runs.
    for (let i = 2000; i < 2100; i++) insert.run(`Team ${i}`, '2026-01-01');
    await backup;
    const copy = openDatabase(join(dir, 'copy.db'));
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    const n = copy.prepare('SELECT COUNT(*) FROM teams').pluck().get() as number;
    expect(n).toBeGreaterThanOrEqual(2000);
    expect(copy.prepare('SELECT COUNT(*) FROM schema_migrations').pluck().get()).toBeGreaterThan(0);
    copy.close();
    db.close();
  });

  it('keeps committed data when the process stops and the database is opened again', () => {
    const dir = mkdtempSync(join(tmpdir(), 'koers-restart-'));
    const path = join(dir, 'k.db');
    const first = openDatabase(path);
    migrate(first);
    createTeam(first, 'Blijft bestaan', '2026-01-01');
    // No close(): simulate a crash; WAL keeps committed transactions.
    const second = openDatabase(path);
    expect(migrate(second).applied).toEqual([]);
    expect(second.prepare('SELECT name FROM teams').pluck().all()).toEqual(['Blijft bestaan']);
    second.close();
    first.close();
  });

  it('rolls back a transaction that fails half-way: no half-written record', () => {
    const db = openDatabase(':memory:');
    migrate(db);
    const action = db.transaction(() => {
      createTeam(db, 'Half', '2026-01-01');
      throw new Error('crash mid-request');
    });
    expect(() => action()).toThrow('crash mid-request');
    expect(db.prepare('SELECT COUNT(*) FROM teams').pluck().get()).toBe(0);
  });
});
