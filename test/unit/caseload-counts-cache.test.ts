import { describe, expect, it } from 'vitest';
import { caseloadPage, consulentCounts, DEFAULT_FILTER, signalCounts, signalParams } from '../../src/db/caseload.js';
import { refreshClientStatus } from '../../src/db/client-status.js';
import { buildTestApp } from '../helpers/app.js';
import { insertClient } from '../helpers/fixtures.js';

const TODAY = '2026-11-24';

describe('team counts cache', () => {
  it('reuses the counts until a client status changes', async () => {
    const { db, teamA, users } = await buildTestApp();
    const sp = signalParams(db, TODAY);
    const scope = { teamId: teamA };
    refreshClientStatus(db, insertClient(db, { teamId: teamA, consulentId: users.consulent }), TODAY);
    const first = signalCounts(db, scope, DEFAULT_FILTER, sp);
    const perConsulent = consulentCounts(db, teamA, sp);
    expect(first.total).toBe(1);
    expect(signalCounts(db, scope, DEFAULT_FILTER, sp)).toBe(first); // the same object: from the cache
    refreshClientStatus(db, insertClient(db, { teamId: teamA, consulentId: users.consulent2 }), TODAY);
    expect(signalCounts(db, scope, DEFAULT_FILTER, sp).total).toBe(2);
    expect(perConsulent.find((c) => c.consulentId === users.consulent2)?.clients).toBe(0);
    expect(consulentCounts(db, teamA, sp).find((c) => c.consulentId === users.consulent2)?.clients).toBe(1);
  });

  it('pages through the kept order and sees a new client at once', async () => {
    const { db, teamA, users } = await buildTestApp();
    const sp = signalParams(db, TODAY);
    const scope = { teamId: teamA };
    const ids = ['A', 'B', 'C'].map((lastName) => {
      const id = insertClient(db, { teamId: teamA, consulentId: users.consulent, lastName });
      refreshClientStatus(db, id, TODAY);
      return id;
    });
    const byName = { ...DEFAULT_FILTER, sort: 'name' as const };
    expect(caseloadPage(db, scope, byName, sp, 1, 2).rows.map((r) => r.id)).toEqual(ids.slice(0, 2));
    expect(caseloadPage(db, scope, byName, sp, 2, 2).rows.map((r) => r.id)).toEqual(ids.slice(2));
    const first = insertClient(db, { teamId: teamA, consulentId: users.consulent, lastName: 'Aa' });
    refreshClientStatus(db, first, TODAY);
    expect(caseloadPage(db, scope, byName, sp, 1, 2).rows.map((r) => r.id)).toEqual([ids[0], first]);
    expect(caseloadPage(db, scope, { ...byName, dir: 'desc' }, sp, 1, 2).rows.map((r) => r.id)).toEqual([ids[2], ids[1]]);
  });

  it('does not keep counts read inside a transaction that is rolled back', async () => {
    const { db, teamA, users } = await buildTestApp();
    const sp = signalParams(db, TODAY);
    const scope = { teamId: teamA };
    expect(signalCounts(db, scope, DEFAULT_FILTER, sp).total).toBe(0);
    expect(() =>
      db.transaction(() => {
        refreshClientStatus(db, insertClient(db, { teamId: teamA, consulentId: users.consulent }), TODAY);
        expect(signalCounts(db, scope, DEFAULT_FILTER, sp).total).toBe(1);
        throw new Error('rollback');
      })(),
    ).toThrow('rollback');
    expect(signalCounts(db, scope, DEFAULT_FILTER, sp).total).toBe(0);
  });
});
