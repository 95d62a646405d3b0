// Discretion per consulent (normalised by caseload, small groups not compared) and the monitor export (no
// personal data, small cells suppressed), on a fixed data set with the clock injected (issue 22).
import { describe, expect, it } from 'vitest';
import { teamDiscretion } from '../../src/app/discretion.js';
import { buildMonitorExport, monitorCsv } from '../../src/app/monitor-export.js';
import { refreshClientStatus } from '../../src/db/client-status.js';
import { MIN_GROUP_SIZE, publishable } from '../../src/domain/index.js';
import { buildTestApp, type TestContext } from '../helpers/app.js';
import { addDecision, completeIntake, insertClient, setPip } from '../helpers/fixtures.js';

const TODAY = '2026-11-24';

function clientOf(ctx: TestContext, consulentId: number, linkedOn = '2026-01-10', bsn: string | null = null): number {
  const id = insertClient(ctx.db, { teamId: ctx.teamA, consulentId, linkedOn, firstName: 'Geheim', lastName: `Achternaam${consulentId}x${Math.random().toString(36).slice(2, 6)}`, bsn });
  refreshClientStatus(ctx.db, id, TODAY);
  return id;
}

function deviate(ctx: TestContext, clientId: number, userId: number, decidedOn: string, reason: string): void {
  ctx.db
    .prepare(
      `INSERT INTO route_decisions (client_id, kind, decided_on, route, advised_route, reason, decided_by, created_at)
       VALUES (?, 'CHOICE', ?, 'Z', 'B1', ?, ?, ?)`,
    )
    .run(clientId, decidedOn, reason, userId, TODAY);
}

describe('discretion made visible', () => {
  it('counts per consulent per 100 clients next to the team; a caseload below the minimum is not compared', async () => {
    const ctx = await buildTestApp();
    const { consulent, consulent2 } = ctx.users;
    const mine = Array.from({ length: 6 }, () => clientOf(ctx, consulent));
    const theirs = Array.from({ length: MIN_GROUP_SIZE - 1 }, () => clientOf(ctx, consulent2));
    deviate(ctx, mine[0]!, consulent, '2026-03-01', 'Cliënt wil direct aan het werk');
    deviate(ctx, mine[1]!, consulent, '2026-12-31', 'Na de periode');
    deviate(ctx, mine[2]!, consulent, '2026-01-01', 'Op de eerste dag');
    deviate(ctx, theirs[0]!, consulent2, '2026-05-01', 'Gezondheid');
    addDecision(ctx.db, mine[3]!, 'INSTRUMENT', consulent, { code: 'RTS', counted: true }, '2026-04-01');
    addDecision(ctx.db, mine[4]!, 'INSTRUMENT', consulent, { code: 'RTS', counted: false }, '2026-04-01');
    const d = teamDiscretion(ctx, ctx.teamA, '2026-01-01', TODAY);
    const me = d.people.find((p) => p.id === consulent);
    expect(me).toMatchObject({ caseload: 6, comparable: true });
    expect(me?.kinds.find((k) => k.kind === 'ROUTE_DEVIATION')).toEqual({ kind: 'ROUTE_DEVIATION', count: 2, per100: 33.3 });
    expect(me?.kinds.find((k) => k.kind === 'INSTRUMENT_COUNTED')).toEqual({ kind: 'INSTRUMENT_COUNTED', count: 1, per100: 16.7 });
    const other = d.people.find((p) => p.id === consulent2);
    expect(other).toMatchObject({ caseload: 4, comparable: false });
    expect(other?.kinds.every((k) => k.per100 === null && k.count === 0)).toBe(true);
    // The team's average counts everyone: 3 deviations over 10 clients.
    expect(d.teamCaseload).toBe(10);
    expect(d.team.find((k) => k.kind === 'ROUTE_DEVIATION')).toEqual({ kind: 'ROUTE_DEVIATION', count: 3, per100: 30 });
    expect(d.reasons.map((r) => r.reason)).toEqual(['Gezondheid', 'Testbesluit', 'Cliënt wil direct aan het werk', 'Op de eerste dag']);
    // With a fifth client the second consulent is compared.
    clientOf(ctx, consulent2);
    const after = teamDiscretion(ctx, ctx.teamA, '2026-01-01', TODAY).people.find((p) => p.id === consulent2);
    expect(after?.kinds.find((k) => k.kind === 'ROUTE_DEVIATION')).toEqual({ kind: 'ROUTE_DEVIATION', count: 1, per100: 20 });
  });
});

describe('monitor export', () => {
  it('has no name, BSN or client number, and suppresses counts of 1 to 4', async () => {
    const ctx = await buildTestApp();
    const { consulent } = ctx.users;
    const ids = Array.from({ length: 6 }, (_, i) => clientOf(ctx, consulent, '2026-01-10', `11122233${i}`.slice(0, 9)));
    for (const id of ids) completeIntake(ctx.db, id, '2026-01-20', '2026-02-10');
    setPip(ctx.db, ids[0]!, consulent, '2026-03-01');
    setPip(ctx.db, ids[1]!, consulent, '2026-03-02');
    for (const id of ids) refreshClientStatus(ctx.db, id, TODAY);
    const e = buildMonitorExport(ctx, ctx.teamA, '2026-01-01', TODAY, TODAY);
    const row = (code: string) => e.rows.find((r) => r.code === code);
    expect(row('2026-Q1_CLIENTS')).toMatchObject({ count: 6, value: 6 });
    expect(row('2026-Q1_INTAKE_STARTED')).toMatchObject({ count: 6 });
    expect(row('2026-Q1_PIP_SET')).toMatchObject({ count: null, value: null });
    expect(row('2026-Q1_MEDIAN_DAYS_TO_PIP')).toMatchObject({ value: null });
    expect(row('INTAKE_COMPLETED_MEDIAN')).toMatchObject({ count: 6, value: 21 });
    expect(row('PIP_SET_MEDIAN')).toMatchObject({ count: 0, value: null });
    // A share over 6 whose part is 2 is suppressed with its percentage.
    const intake = row('INTAKE_STARTED');
    expect(intake).toMatchObject({ count: 6, total: 6, value: 100 });
    for (const r of e.rows) {
      for (const n of [r.count, r.total]) if (n !== null) expect(n === 0 || n >= 5, `${r.code} ${n}`).toBe(true);
    }
    const json = JSON.stringify(e);
    const csv = monitorCsv(e);
    const people = ctx.db.prepare('SELECT client_number, first_name, last_name, bsn FROM clients').all() as Record<string, string | null>[];
    for (const p of people) {
      for (const v of Object.values(p)) {
        if (v) {
          expect(json).not.toContain(v);
          expect(csv).not.toContain(v);
        }
      }
    }
    expect(json).not.toContain('Test consulent');
    expect(csv.split('\r\n')[1]).toBe('onderdeel;code;omschrijving;aantal;totaal;waarde;eenheid;definitie');
  });

  it('publishable: 0 and 5 are shown, 1 and 4 are not', () => {
    expect([0, 1, 4, 5].map(publishable)).toEqual([0, null, null, 5]);
  });
});
