// A crash half-way through a user action leaves no half-written record: the write to the second table is
// made to fail with a temporary trigger, and the first table must have no new row either (one transaction
// per user action). The user sees a Dutch error page without internals.
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../helpers/app.js';
import { countRows, snapshotDb } from '../helpers/db-snapshot.js';
import { addAgreement, addHours, zRouteClient } from '../helpers/fixtures.js';

let ctx: TestContext;
const quiet = console.error;

function failOn(table: string, op: 'INSERT' | 'UPDATE' = 'INSERT') {
  ctx.db.exec("DROP TRIGGER IF EXISTS temp.koers_test_crash");
  ctx.db.exec(`CREATE TEMP TRIGGER koers_test_crash BEFORE ${op} ON main.${table} BEGIN SELECT RAISE(ABORT, 'test crash'); END`);
}

afterEach(() => {
  console.error = quiet;
  ctx.db.exec('DROP TRIGGER IF EXISTS temp.koers_test_crash');
});

async function crashes(path: string, body: Record<string, string>, failTable: string, op: 'INSERT' | 'UPDATE' = 'INSERT') {
  const { agent, csrf } = await ctx.login('consulent');
  failOn(failTable, op);
  console.error = () => undefined;
  const before = snapshotDb(ctx.db);
  const res = await agent.post(path).type('form').send({ _csrf: csrf, ...body });
  expect(res.status).toBe(500);
  expect(res.text).toContain('Er ging iets mis');
  expect(res.text).not.toMatch(/test crash|SqliteError|at .*\.(ts|js):\d+/);
  expect(snapshotDb(ctx.db)).toEqual(before);
  return res;
}

describe('reliability: no half-written records', () => {
  it('registering a client: clients row rolled back when the timeline write fails', async () => {
    ctx = await buildTestApp();
    const before = countRows(ctx.db, ['clients', 'client_events', 'client_status']);
    await crashes(
      '/clients/new',
      { firstName: 'Half', lastName: 'Geschreven', birthDate: '1990-01-01', clientNumber: 'H-1', doelgroep: 'ASIELSTATUSHOUDER', linkedOn: '2026-10-01' },
      'client_events',
    );
    expect(countRows(ctx.db, ['clients', 'client_events', 'client_status'])).toEqual(before);
    expect(ctx.db.prepare("SELECT COUNT(*) FROM clients WHERE last_name = 'Geschreven'").pluck().get()).toBe(0);
  });

  it('adding hours: hour_entries row rolled back when the timeline write fails', async () => {
    ctx = await buildTestApp();
    const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    await crashes(`/clients/${id}/hours`, { kind: 'LANGUAGE', periodStart: '2026-11-01', periodEnd: '2026-11-20', hours: '3' }, 'client_events');
    expect(countRows(ctx.db, ['hour_entries'])).toEqual({ hour_entries: 0 });
  });

  it('adding hours: also rolled back when the status refresh (third write) fails', async () => {
    ctx = await buildTestApp();
    const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    const events = countRows(ctx.db, ['client_events']);
    await crashes(`/clients/${id}/hours`, { kind: 'LANGUAGE', periodStart: '2026-11-01', periodEnd: '2026-11-20', hours: '3' }, 'client_status', 'UPDATE');
    expect(countRows(ctx.db, ['hour_entries', 'client_events'])).toEqual({ hour_entries: 0, ...events });
  });

  it('editing an hour entry: the change and its history are rolled back together', async () => {
    ctx = await buildTestApp();
    const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    const hourId = addHours(ctx.db, id, 'LANGUAGE', 4, ctx.users.consulent);
    await crashes(
      `/clients/${id}/hours/${hourId}/edit`,
      { kind: 'LANGUAGE', periodStart: '2026-10-01', periodEnd: '2026-10-31', hours: '8', version: '1' },
      'client_events',
    );
    expect(ctx.db.prepare('SELECT hours, version FROM hour_entries WHERE id = ?').get(hourId)).toEqual({ hours: 4, version: 1 });
  });

  it('adding an agreement and changing its status', async () => {
    ctx = await buildTestApp();
    const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    await crashes(`/clients/${id}/agreements`, { agreement_0_description: 'Pas halen', agreement_0_owner: 'CLIENT', agreement_0_due: '2026-12-20' }, 'client_events');
    expect(countRows(ctx.db, ['agreements'])).toEqual({ agreements: 0 });
    const agreementId = addAgreement(ctx.db, id, '2026-12-20', ctx.users.consulent);
    await crashes(`/clients/${id}/agreements/${agreementId}/status`, { status: 'GEREALISEERD', note: 'Klaar', version: '1' }, 'client_events');
    expect(ctx.db.prepare('SELECT status, version FROM agreements WHERE id = ?').get(agreementId)).toEqual({ status: 'OPEN', version: 1 });
    expect(countRows(ctx.db, ['agreement_status_history'])).toEqual({ agreement_status_history: 0 });
  });

  it('a voortgangsgesprek with agreements: conversation rolled back when the agreements write fails', async () => {
    ctx = await buildTestApp();
    const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    await crashes(
      `/clients/${id}/conversations/new`,
      { heldOn: '2026-11-20', clientPresent: 'on', goingWell: 'Goed', agreement_0_description: 'Pas halen', agreement_0_owner: 'CLIENT', agreement_0_due: '2026-12-20' },
      'agreements',
    );
    expect(countRows(ctx.db, ['conversations', 'conversation_scores'])).toEqual({ conversations: 0, conversation_scores: 0 });
  });

  it('after the failure is gone the same action works (the connection is not left in a transaction)', async () => {
    ctx = await buildTestApp();
    const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    await crashes(`/clients/${id}/hours`, { kind: 'LANGUAGE', periodStart: '2026-11-01', periodEnd: '2026-11-20', hours: '3' }, 'client_events');
    ctx.db.exec('DROP TRIGGER temp.koers_test_crash');
    expect(ctx.db.inTransaction).toBe(false);
    const { agent, csrf } = await ctx.login('consulent');
    const ok = await agent.post(`/clients/${id}/hours`).type('form').send({ _csrf: csrf, kind: 'LANGUAGE', periodStart: '2026-11-01', periodEnd: '2026-11-20', hours: '3' });
    expect(ok.status).toBe(303);
    expect(countRows(ctx.db, ['hour_entries'])).toEqual({ hour_entries: 1 });
  });
});
