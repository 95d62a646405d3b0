// startCheckpointer (src/db/checkpointer.ts): the server's connection does not checkpoint in its own commits,
// a worker thread copies the log back into the database file, and stopping hands checkpoints back.
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCheckpointer } from '../../src/db/checkpointer.js';
import { type Db, openDatabase } from '../../src/db/connection.js';

let db: Db | undefined;
afterEach(() => db?.close());

/** A file database with 1,500 rows of 4 KB written after `setup`: more than the 1,000 log pages after which SQLite checkpoints itself. */
function writeRows(setup: (d: Db) => void): { d: Db; file: string } {
  const file = join(mkdtempSync(join(tmpdir(), 'koers-ckpt-')), 'test.db');
  const d = openDatabase(file);
  d.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  setup(d);
  const insert = d.prepare('INSERT INTO t (v) VALUES (?)');
  for (let i = 0; i < 1500; i++) insert.run('x'.repeat(4000));
  return { d, file };
}

describe('the checkpointer', () => {
  it('copies the log into the file on its own thread; the connection checkpoints nothing itself', async () => {
    // Without a checkpoint the rows stay in the log and the database file stays small.
    const without = writeRows((d) => d.pragma('wal_autocheckpoint = 0'));
    expect(statSync(without.file).size).toBeLessThan(100_000);
    without.d.close();

    let cp: ReturnType<typeof startCheckpointer> | undefined;
    const run = writeRows((d) => {
      cp = startCheckpointer(d, 20);
    });
    db = run.d;
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const deadline = Date.now() + 5000;
    while (statSync(run.file).size < 1500 * 4000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(statSync(run.file).size).toBeGreaterThan(1500 * 4000);
    await cp!.stop();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(db.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(1500);
  });
});
