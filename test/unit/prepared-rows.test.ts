// preparedRows (src/db/connection.ts) reads rows as arrays and builds the objects itself: the objects must be
// exactly what better-sqlite3 gives for the same statement.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { preparedRows } from '../../src/db/connection.js';

describe('preparedRows', () => {
  it('gives the objects better-sqlite3 gives: names, aliases, nulls, a name twice, get of nothing', () => {
    const db = new Database(':memory:');
    db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, n REAL);
             CREATE TABLE u (id INTEGER PRIMARY KEY, t_id INTEGER, name TEXT);
             INSERT INTO t VALUES (1, 'een', 1.5), (2, NULL, NULL), (3, 'dr"ie''', 3);
             INSERT INTO u VALUES (10, 1, 'u-een'), (11, 3, NULL);`);
    const sql = `SELECT t.id, t.name, t.n AS "aantal uren", u.name, u.id AS "constructor" FROM t LEFT JOIN u ON u.t_id = t.id
                 WHERE t.id >= ? ORDER BY t.id`;
    const expected = db.prepare(sql).all(1);
    expect(preparedRows(db, sql).all(1)).toEqual(expected);
    expect(Object.keys(preparedRows<Record<string, unknown>>(db, sql).all(1)[0]!)).toEqual(Object.keys(expected[0] as object));
    expect(preparedRows(db, sql).get(3)).toEqual(db.prepare(sql).get(3));
    expect(preparedRows(db, sql).get(4)).toBeUndefined();
    expect(preparedRows(db, sql).all(4)).toEqual([]);
  });
});
