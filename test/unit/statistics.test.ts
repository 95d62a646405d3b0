import { describe, expect, it } from 'vitest';
import { openDatabase, optimizeStatistics } from '../../src/db/connection.js';
import { migrate } from '../../src/db/migrate.js';
import { CLIENT_PLACEMENTS_SQL } from '../../src/db/placements.js';

describe('planner statistics', () => {
  it('keeps the row estimates (sqlite_stat1) and drops the histograms (sqlite_stat4) that force re-preparing', () => {
    const db = openDatabase(':memory:');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, team INTEGER NOT NULL, name TEXT NOT NULL); CREATE INDEX t_team ON t (team)');
    const insert = db.prepare('INSERT INTO t (team, name) VALUES (?, ?)');
    for (let i = 0; i < 2000; i++) insert.run(i % 20, `n${i}`);
    db.exec('ANALYZE');
    // better-sqlite3 is built with STAT4: ANALYZE writes histograms.
    expect(db.prepare('SELECT COUNT(*) FROM sqlite_stat4').pluck().get()).toBeGreaterThan(0);
    optimizeStatistics(db);
    expect(db.prepare('SELECT COUNT(*) FROM sqlite_stat4').pluck().get()).toBe(0);
    expect(db.prepare("SELECT stat FROM sqlite_stat1 WHERE idx = 't_team'").pluck().get()).toBe('2000 100');
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT name FROM t WHERE team = ?').all(3) as { detail: string }[];
    expect(plan.map((p) => p.detail).join()).toContain('USING INDEX t_team (team=?)');
  });

  it('does nothing harmful on a database without statistics', () => {
    const db = openDatabase(':memory:');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY)');
    expect(() => optimizeStatistics(db)).not.toThrow();
  });
});

describe('hours on a placement', () => {
  it('are summed from the placement index, not a scan of every hour entry, once the statistics say most hours have no placement', () => {
    const db = openDatabase(':memory:');
    migrate(db);
    db.exec(`INSERT INTO teams (id, name, created_at) VALUES (1, 'T', '2026-01-01');
      INSERT INTO users (id, username, display_name, role, team_id, password_hash, created_at, updated_at)
        VALUES (1, 'c', 'C', 'consulent', 1, 'x', '2026-01-01', '2026-01-01');
      INSERT INTO clients (id, client_number, first_name, last_name, birth_date, doelgroep, linked_on, team_id, consulent_id, created_at, updated_at)
        VALUES (1, 'K-1', 'A', 'B', '1990-01-01', 'ASIELSTATUSHOUDER', '2026-01-01', 1, 1, '2026-01-01', '2026-01-01');`);
    const hour = db.prepare(
      `INSERT INTO hour_entries (client_id, kind, period_start, period_end, hours, created_by, created_at, updated_at)
       VALUES (1, 'LANGUAGE', '2026-01-01', '2026-01-31', 1, 1, '2026-01-01', '2026-01-01')`,
    );
    for (let i = 0; i < 3000; i++) hour.run();
    db.exec('ANALYZE');
    optimizeStatistics(db);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${CLIENT_PLACEMENTS_SQL}`).all(1) as { detail: string }[]).map((p) => p.detail);
    expect(plan.join('\n')).toContain('USING COVERING INDEX hour_entries_on_placement (placement_id=?');
    expect(plan.some((d) => /^SCAN h\b/.test(d))).toBe(false);
  });
});
