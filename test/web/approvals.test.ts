import { describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../helpers/app.js';
import { addConversation, addDecision, chooseRoute, completeIntake, insertClient, zRouteClient } from '../helpers/fixtures.js';

function pendingSetup(ctx: TestContext) {
  const routeClient = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent, lastName: 'Routeklant' });
  completeIntake(ctx.db, routeClient);
  chooseRoute(ctx.db, routeClient, 'Z', ctx.users.consulent);
  const routeId = ctx.db.prepare('SELECT id FROM route_decisions WHERE client_id = ?').pluck().get(routeClient) as number;
  ctx.db
    .prepare("UPDATE route_decisions SET approval_status = 'PENDING', advised_route = 'B1', reason = 'Te veel stress' WHERE id = ?")
    .run(routeId);
  const z = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
  ctx.db.prepare("UPDATE clients SET last_name = 'Besluitklant' WHERE id = ?").run(z);
  const decisionId = addDecision(ctx.db, z, 'INSTRUMENT', ctx.users.consulent, { code: 'RTS', attendancePct: 60 });
  ctx.db.prepare("UPDATE decisions SET approval_status = 'PENDING' WHERE id = ?").run(decisionId);
  const conversationId = addConversation(ctx.db, z, 'EIND', '2026-11-20', ctx.users.consulent);
  ctx.db
    .prepare("UPDATE conversations SET approval_status = 'PENDING', override_reason = 'Voorwaarden bijna gehaald' WHERE id = ?")
    .run(conversationId);
  const other = zRouteClient(ctx.db, ctx.teamB, ctx.users.otherConsulent);
  ctx.db.prepare("UPDATE clients SET last_name = 'Anderteam' WHERE id = ?").run(other);
  const otherDecision = addDecision(ctx.db, other, 'AFSCHALEN', ctx.users.otherConsulent);
  ctx.db.prepare("UPDATE decisions SET approval_status = 'PENDING' WHERE id = ?").run(otherDecision);
  return { routeClient, routeId, z, decisionId, conversationId, otherDecision };
}

describe('approvals (four eyes)', () => {
  it('lists the team\'s pending items and shows the count first on the teamleider\'s start page', async () => {
    const ctx = await buildTestApp();
    pendingSetup(ctx);
    const { agent } = await ctx.login('teamleider');
    const home = await agent.get('/');
    expect(home.text).toContain('3 items wachten op uw goedkeuring.');
    expect(home.text.indexOf('op uw goedkeuring')).toBeLessThan(home.text.indexOf('Signalen'));
    const res = await agent.get('/team/approvals');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Routekeuze Z-route (advies was B1-route)');
    expect(res.text).toContain('Te veel stress');
    expect(res.text).toContain('Besluit: Instrument meetellen');
    expect(res.text).toContain('Eindgesprek');
    expect(res.text).toContain('Voorwaarden bijna gehaald');
    expect(res.text).not.toContain('Anderteam');
  });

  it('approves with an optional note: status, approver, timeline event, audit', async () => {
    const ctx = await buildTestApp();
    const s = pendingSetup(ctx);
    const { agent, csrf } = await ctx.login('teamleider');
    const res = await agent.post(`/team/approvals/decision/${s.decisionId}`).type('form').send({ _csrf: csrf, outcome: 'APPROVE', note: '' });
    expect(res.status).toBe(303);
    expect(ctx.db.prepare('SELECT approval_status, approved_by, approval_note FROM decisions WHERE id = ?').get(s.decisionId)).toEqual({
      approval_status: 'APPROVED',
      approved_by: ctx.users.teamleider,
      approval_note: null,
    });
    expect(ctx.db.prepare("SELECT summary FROM client_events WHERE client_id = ? AND kind = 'APPROVAL'").pluck().get(s.z)).toBe(
      'Besluit: Instrument meetellen goedgekeurd door Test teamleider',
    );
    expect(ctx.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'goedgekeurd' AND client_id = ?").pluck().get(s.z)).toBe(1);
    const list = await agent.get('/team/approvals');
    expect(list.text).toContain('Besluit: Instrument meetellen is goedgekeurd.');
    expect(list.text).not.toContain('<h2 id="item-decision');
  });

  it('rejecting needs a note; the note is kept on error and stored on success', async () => {
    const ctx = await buildTestApp();
    const s = pendingSetup(ctx);
    const { agent, csrf } = await ctx.login('teamleider');
    const bad = await agent.post(`/team/approvals/route/${s.routeId}`).type('form').send({ _csrf: csrf, outcome: 'REJECT', note: '  ' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Vul een toelichting in: waarom keurt u dit af?');
    expect(bad.text).toMatch(/value="REJECT" id="af-route-\d+" checked/);
    const none = await agent.post(`/team/approvals/route/${s.routeId}`).type('form').send({ _csrf: csrf });
    expect(none.status).toBe(400);
    expect(none.text).toContain('Kies goedkeuren of afkeuren');
    expect(ctx.db.prepare('SELECT approval_status FROM route_decisions WHERE id = ?').pluck().get(s.routeId)).toBe('PENDING');
    const ok = await agent
      .post(`/team/approvals/conversation/${s.conversationId}`)
      .type('form')
      .send({ _csrf: csrf, outcome: 'REJECT', note: 'Eerst de uren aanvullen' });
    expect(ok.status).toBe(303);
    expect(ctx.db.prepare('SELECT approval_status, approval_note FROM conversations WHERE id = ?').get(s.conversationId)).toEqual({
      approval_status: 'REJECTED',
      approval_note: 'Eerst de uren aanvullen',
    });
    expect(ctx.db.prepare("SELECT summary FROM client_events WHERE kind = 'APPROVAL'").pluck().get()).toBe(
      'Eindgesprek afgekeurd door Test teamleider: Eerst de uren aanvullen',
    );
  });

  it('another team\'s item, an unknown type or an item already decided is a 404 and changes nothing', async () => {
    const ctx = await buildTestApp();
    const s = pendingSetup(ctx);
    const { agent, csrf } = await ctx.login('teamleider');
    const foreign = await agent.post(`/team/approvals/decision/${s.otherDecision}`).type('form').send({ _csrf: csrf, outcome: 'APPROVE' });
    expect(foreign.status).toBe(404);
    expect(ctx.db.prepare('SELECT approval_status FROM decisions WHERE id = ?').pluck().get(s.otherDecision)).toBe('PENDING');
    expect((await agent.post('/team/approvals/bogus/1').type('form').send({ _csrf: csrf, outcome: 'APPROVE' })).status).toBe(404);
    await agent.post(`/team/approvals/decision/${s.decisionId}`).type('form').send({ _csrf: csrf, outcome: 'APPROVE' });
    const again = await agent.post(`/team/approvals/decision/${s.decisionId}`).type('form').send({ _csrf: csrf, outcome: 'REJECT', note: 'x' });
    expect(again.status).toBe(404);
    expect(ctx.db.prepare('SELECT approval_status FROM decisions WHERE id = ?').pluck().get(s.decisionId)).toBe('APPROVED');
  });

  it('consulenten and admins cannot approve', async () => {
    const ctx = await buildTestApp();
    const s = pendingSetup(ctx);
    for (const who of ['consulent', 'admin']) {
      const { agent, csrf } = await ctx.login(who);
      expect((await agent.get('/team/approvals')).status).toBe(403);
      const res = await agent.post(`/team/approvals/decision/${s.decisionId}`).type('form').send({ _csrf: csrf, outcome: 'APPROVE' });
      expect(res.status).toBe(403);
    }
    expect(ctx.db.prepare('SELECT approval_status FROM decisions WHERE id = ?').pluck().get(s.decisionId)).toBe('PENDING');
  });
  it('approving an item of a closed trajectory is refused next to its form (409); nothing changes', async () => {
    const ctx = await buildTestApp();
    const s = pendingSetup(ctx);
    ctx.db.prepare("UPDATE clients SET closed_on = '2026-11-01', closure_reason = 'VERHUISD' WHERE id = ?").run(s.routeClient);
    const { agent, csrf } = await ctx.login('teamleider');
    const res = await agent.post(`/team/approvals/route/${s.routeId}`).type('form').send({ _csrf: csrf, outcome: 'APPROVE', note: '' });
    expect(res.status).toBe(409);
    expect(res.text).toContain('Het traject van deze cliënt is afgesloten: u kunt dit niet meer goedkeuren.');
    expect(res.text).toContain('id="veld-outcome"');
    expect(ctx.db.prepare('SELECT approval_status FROM route_decisions WHERE id = ?').pluck().get(s.routeId)).toBe('PENDING');
  });
});
