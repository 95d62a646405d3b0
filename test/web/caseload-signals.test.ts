import { describe, expect, it } from 'vitest';
import { refreshClientStatus } from '../../src/db/client-status.js';
import { buildTestApp, type TestContext } from '../helpers/app.js';
import {
  addAgreement,
  addConversation,
  addDecision,
  addHours,
  chooseRoute,
  completeIntake,
  insertClient,
  milestonesOnTrack,
  setPip,
  status,
  zRouteClient,
} from '../helpers/fixtures.js';

const TODAY = '2026-11-24';

/** The signal badges shown in the caseload row of a client, as text. */
async function signalsOf(ctx: TestContext, clientId: number, who = 'consulent'): Promise<string> {
  const { agent } = await ctx.login(who);
  const res = await agent.get('/caseload');
  expect(res.status).toBe(200);
  const row = new RegExp(`<tr[^>]*>(?:(?!</tr>).)*href="/clients/${clientId}"(?:(?!</tr>).)*</tr>`, 's').exec(res.text);
  expect(row, `row of client ${clientId}`).not.toBeNull();
  return [...row![0].matchAll(/class="koers-badge[^"]*">([^<]+)</g)].map((m) => m[1]).join(' | ');
}

/** A Z-route client with hours up to date and a recent conversation: no signals at all. */
function quietClient(ctx: TestContext, today = TODAY): number {
  const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent, today);
  addHours(ctx.db, id, 'LANGUAGE', 300, ctx.users.consulent, '2026-11-20', '2026-09-01');
  addHours(ctx.db, id, 'PARTICIPATION', 300, ctx.users.consulent, '2026-11-20', '2026-09-01');
  addConversation(ctx.db, id, 'VOORTGANG', '2026-11-01', ctx.users.consulent);
  milestonesOnTrack(ctx.db, id, ctx.users.consulent);
  refreshClientStatus(ctx.db, id, today);
  return id;
}

describe('caseload signals, at the boundary with the clock moved', () => {
  it('a client with nothing due shows no signal', async () => {
    const ctx = await buildTestApp();
    const id = quietClient(ctx);
    expect(await signalsOf(ctx, id)).toBe('');
  });

  it('voortgangsgesprek overdue: due today → no signal; one day later → signal', async () => {
    const ctx = await buildTestApp();
    const id = quietClient(ctx);
    addConversation(ctx.db, id, 'VOORTGANG', '2026-08-24', ctx.users.consulent);
    ctx.db.prepare("DELETE FROM conversations WHERE client_id = ? AND held_on = '2026-11-01'").run(id);
    refreshClientStatus(ctx.db, id, TODAY);
    expect(status(ctx.db, id).next_conversation_due).toBe(TODAY);
    expect(await signalsOf(ctx, id)).not.toContain('Voortgangsgesprek te laat');
    ctx.clock.advanceDays(1);
    expect(await signalsOf(ctx, id)).toContain('Voortgangsgesprek te laat');
  });

  it('agreements overdue: due today → no signal; one day later → signal', async () => {
    const ctx = await buildTestApp();
    const id = quietClient(ctx);
    addAgreement(ctx.db, id, TODAY, ctx.users.consulent);
    addAgreement(ctx.db, id, '2026-10-01', ctx.users.consulent, 'GEREALISEERD');
    refreshClientStatus(ctx.db, id, TODAY);
    expect(await signalsOf(ctx, id)).not.toContain('Afspraken verlopen');
    ctx.clock.advanceDays(1);
    expect(await signalsOf(ctx, id)).toContain('Afspraken verlopen');
  });

  it('no hours for 8 weeks: last hours exactly 8 weeks ago → no signal; a day later → signal', async () => {
    const ctx = await buildTestApp();
    const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    addConversation(ctx.db, id, 'VOORTGANG', '2026-11-01', ctx.users.consulent);
    addHours(ctx.db, id, 'LANGUAGE', 700, ctx.users.consulent, '2026-09-29', '2025-04-01');
    addHours(ctx.db, id, 'PARTICIPATION', 700, ctx.users.consulent, '2026-09-29', '2025-04-01');
    refreshClientStatus(ctx.db, id, TODAY);
    expect(await signalsOf(ctx, id)).not.toContain('Geen uren');
    ctx.clock.advanceDays(1);
    expect(await signalsOf(ctx, id)).toContain('Geen uren');
  });

  it('no hours at all counts from the PIP date', async () => {
    const ctx = await buildTestApp();
    const id = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent });
    completeIntake(ctx.db, id, '2026-08-01', '2026-08-10');
    chooseRoute(ctx.db, id, 'Z', ctx.users.consulent, '2026-08-15');
    setPip(ctx.db, id, ctx.users.consulent, '2026-09-29');
    refreshClientStatus(ctx.db, id, TODAY);
    expect(await signalsOf(ctx, id)).not.toContain('Geen uren');
    ctx.clock.advanceDays(1);
    expect(await signalsOf(ctx, id)).toContain('Geen uren');
  });

  it('at risk when the pace misses the termijn', async () => {
    const ctx = await buildTestApp();
    const id = quietClient(ctx);
    expect(await signalsOf(ctx, id)).not.toContain('Haalt de norm mogelijk niet');
    const slow = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    addHours(ctx.db, slow, 'LANGUAGE', 12, ctx.users.consulent, '2026-10-31');
    addHours(ctx.db, slow, 'PARTICIPATION', 600, ctx.users.consulent, '2026-11-20');
    refreshClientStatus(ctx.db, slow, TODAY);
    expect(status(ctx.db, slow).at_risk).toBe(1);
    expect(await signalsOf(ctx, slow)).toContain('Haalt de norm mogelijk niet');
  });

  it('termijn ends within 6 months: one day before → no signal; on the day → signal', async () => {
    const ctx = await buildTestApp({ now: '2026-11-23T09:00:00.000Z' });
    const id = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent });
    completeIntake(ctx.db, id, '2024-03-01', '2024-03-20');
    chooseRoute(ctx.db, id, 'Z', ctx.users.consulent, '2024-04-01');
    setPip(ctx.db, id, ctx.users.consulent, '2024-05-24');
    refreshClientStatus(ctx.db, id, '2026-11-23');
    expect(status(ctx.db, id).termijn_end).toBe('2027-05-24');
    expect(await signalsOf(ctx, id)).not.toContain('Termijn loopt af');
    ctx.clock.advanceDays(1);
    expect(await signalsOf(ctx, id)).toContain('Termijn loopt af');
  });

  it('PIP not set in time: due today → no signal; a day later → signal; not once the PIP is set', async () => {
    const ctx = await buildTestApp();
    const id = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent, linkedOn: '2026-09-01' });
    completeIntake(ctx.db, id, '2026-09-15', null);
    refreshClientStatus(ctx.db, id, TODAY);
    expect(status(ctx.db, id).pip_due_on).toBe(TODAY);
    expect(await signalsOf(ctx, id)).not.toContain('PIP niet op tijd');
    ctx.clock.advanceDays(1);
    expect(await signalsOf(ctx, id)).toContain('PIP niet op tijd');
    ctx.db.prepare("UPDATE intakes SET completed_on = '2026-10-01' WHERE client_id = ?").run(id);
    chooseRoute(ctx.db, id, 'Z', ctx.users.consulent, '2026-10-02');
    setPip(ctx.db, id, ctx.users.consulent, '2026-11-25');
    refreshClientStatus(ctx.db, id, '2026-11-25');
    expect(await signalsOf(ctx, id)).not.toContain('PIP niet op tijd');
  });

  it('ready for pre-eindgesprek (Z-route) until it is held', async () => {
    const ctx = await buildTestApp();
    const id = quietClient(ctx);
    addHours(ctx.db, id, 'LANGUAGE', 100, ctx.users.consulent, '2026-11-20', '2026-11-01');
    addDecision(ctx.db, id, 'PVT_COMPLETED', ctx.users.consulent);
    refreshClientStatus(ctx.db, id, TODAY);
    expect(status(ctx.db, id).pre_end_eligible).toBe(1);
    expect(await signalsOf(ctx, id)).toContain('Klaar voor pre-eindgesprek');
    addConversation(ctx.db, id, 'PRE_EIND', '2026-11-22', ctx.users.consulent);
    refreshClientStatus(ctx.db, id, TODAY);
    expect(await signalsOf(ctx, id)).not.toContain('Klaar voor pre-eindgesprek');
  });

  it('ready for eindgesprek until it is held', async () => {
    const ctx = await buildTestApp();
    const id = quietClient(ctx);
    addHours(ctx.db, id, 'LANGUAGE', 500, ctx.users.consulent, '2026-11-20', '2026-06-01');
    addHours(ctx.db, id, 'PARTICIPATION', 500, ctx.users.consulent, '2026-11-20', '2026-06-01');
    for (const kind of ['PVT_COMPLETED', 'KNM_COMPLETED', 'MAP_COMPLETED']) addDecision(ctx.db, id, kind, ctx.users.consulent);
    addConversation(ctx.db, id, 'PRE_EIND', '2026-11-02', ctx.users.consulent);
    refreshClientStatus(ctx.db, id, TODAY);
    expect(status(ctx.db, id).end_eligible).toBe(1);
    expect(await signalsOf(ctx, id)).toContain('Klaar voor eindgesprek');
    addConversation(ctx.db, id, 'EIND', '2026-11-23', ctx.users.consulent);
    refreshClientStatus(ctx.db, id, TODAY);
    expect(await signalsOf(ctx, id)).not.toContain('Klaar voor eindgesprek');
  });
});
