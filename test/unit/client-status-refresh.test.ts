import { describe, expect, it } from 'vitest';
import { refreshClientStatus, refreshStaleClientStatuses } from '../../src/db/client-status.js';
import { buildTestApp } from '../helpers/app.js';
import { completeIntake, insertClient } from '../helpers/fixtures.js';

describe('refreshing stale client statuses (start-up and hourly)', () => {
  it('recomputes only what was not computed today, in batches, yielding to the event loop in between', async () => {
    const { db, teamA, users } = await buildTestApp();
    const ids = Array.from({ length: 7 }, () => insertClient(db, { teamId: teamA, consulentId: users.consulent }));
    for (const id of ids.slice(0, 5)) refreshClientStatus(db, id, '2026-11-23');
    refreshClientStatus(db, ids[5]!, '2026-11-24');
    // Facts changed since yesterday's computation (without a refresh): the refresh picks them up.
    completeIntake(db, ids[0]!, '2026-11-01', '2026-11-10');
    const refreshing = refreshStaleClientStatuses(db, '2026-11-24', 2);
    let otherWorkRan = false;
    setImmediate(() => (otherWorkRan = true)); // e.g. a request arriving during the refresh
    const n = await refreshing;
    expect(n).toBe(6); // five of yesterday and one never computed
    const rows = db.prepare('SELECT client_id, computed_on, phase FROM client_status ORDER BY client_id').all() as {
      client_id: number;
      computed_on: string;
      phase: string;
    }[];
    expect(rows.map((r) => r.computed_on)).toEqual(Array(7).fill('2026-11-24'));
    expect(rows[0]!.phase).toBe('ROUTE_CHOICE');
    expect(otherWorkRan).toBe(true);
    expect(await refreshStaleClientStatuses(db, '2026-11-24', 2)).toBe(0);
  });
});
