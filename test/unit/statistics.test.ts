import { describe, expect, it } from 'vitest';
import { openDatabase, optimizeStatistics } from '../../src/db/connection.js';

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
