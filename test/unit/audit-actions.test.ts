import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type AuditEntry, appendAudit, listAuditActions } from '../../src/db/audit.js';
import { type Db, inTransaction, openDatabase } from '../../src/db/connection.js';
import { migrate } from '../../src/db/migrate.js';
import { PURGERS } from '../../src/db/retention.js';

const entry = (action: string, startedAt = '2026-10-05T10:00:00.000Z'): AuditEntry => ({
  traceId: `t-${action}`,
  action,
  activity: 'voortgang',
  startedAt,
  endedAt: startedAt,
  outcome: 'ok',
  userId: null,
  username: null,
  clientId: null,
});

// The audit viewer's list of actions is kept between requests; it must still be the actions in the log.
describe('listAuditActions', () => {
  const open: Db[] = [];
  let dir: string | undefined;
  afterEach(() => {
    for (const db of open.splice(0)) db.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  const distinct = (db: Db) => db.prepare('SELECT DISTINCT action FROM audit_log ORDER BY action').pluck().all();

  it('lists an action appended through this connection after the list was read', () => {
    const db = openDatabase(':memory:');
    open.push(db);
    migrate(db);
    appendAudit(db, entry('b-bekeken'));
    expect(listAuditActions(db)).toEqual(['b-bekeken']);
    appendAudit(db, entry('b-bekeken'));
    appendAudit(db, entry('a-gewijzigd'));
    expect(listAuditActions(db)).toEqual(['a-gewijzigd', 'b-bekeken']);
    expect(listAuditActions(db)).toEqual(distinct(db));
  });

  it('drops an action whose rows the retention purge removed', () => {
    const db = openDatabase(':memory:');
    open.push(db);
    migrate(db);
    appendAudit(db, entry('oud', '2010-01-01T10:00:00.000Z'));
    appendAudit(db, entry('nieuw', '2026-10-05T10:00:00.000Z'));
    expect(listAuditActions(db)).toEqual(['nieuw', 'oud']);
    expect(inTransaction(db, () => PURGERS.AUDIT_LOG!.purge(db, '2015-01-01'))).toBe(1);
    expect(listAuditActions(db)).toEqual(['nieuw']);
  });

  it('lists an action another process wrote to the same database file', () => {
    dir = mkdtempSync(join(tmpdir(), 'koers-audit-'));
    const file = join(dir, 'k.db');
    const server = openDatabase(file);
    open.push(server);
    migrate(server);
    appendAudit(server, entry('bekeken'));
    expect(listAuditActions(server)).toEqual(['bekeken']);
    const job = openDatabase(file);
    open.push(job);
    appendAudit(job, entry('bewaartermijn-verwerkt'));
    expect(listAuditActions(server)).toEqual(['bekeken', 'bewaartermijn-verwerkt']);
  });
});
