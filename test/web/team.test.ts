import { describe, expect, it } from 'vitest';
import { refreshClientStatus } from '../../src/db/client-status.js';
import { buildTestApp, type TestContext, withCharacters } from '../helpers/app.js';
import {
  addConversation,
  chooseRoute,
  completeIntake,
  insertClient,
  setPip,
  status,
  zRouteClient,
} from '../helpers/fixtures.js';

function named(ctx: TestContext, teamId: number, consulentId: number, lastName: string): number {
  const id = zRouteClient(ctx.db, teamId, consulentId);
  ctx.db.prepare('UPDATE clients SET last_name = ? WHERE id = ?').run(lastName, id);
  return id;
}

describe('per-consulent view', () => {
  it('shows caseload size against the team norm, signal counts and the clients', async () => {
    const ctx = await buildTestApp();
    named(ctx, ctx.teamA, ctx.users.consulent2, 'Vanconsulent2');
    named(ctx, ctx.teamA, ctx.users.consulent, 'Vanconsulent1');
    const { agent } = await ctx.login('teamleider');
    const res = await agent.get(`/team/consulenten/${ctx.users.consulent2}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Caseload van Test consulent2');
    expect(res.text).toContain('<strong>1 / 80</strong> open cliënten');
    expect(res.text).toContain('Nog ruimte voor 79 cliënten.');
    expect(res.text).toContain('Vanconsulent2');
    expect(res.text).not.toContain('Vanconsulent1');
    expect(res.text).toContain(`href="/caseload/export.csv?consulent=${ctx.users.consulent2}"`);
  });

  it('uses the rule set norm when the team has none', async () => {
    const ctx = await buildTestApp();
    ctx.db.prepare('UPDATE teams SET caseload_norm = NULL WHERE id = ?').run(ctx.teamA);
    const { agent } = await ctx.login('teamleider');
    const res = await agent.get(`/team/consulenten/${ctx.users.consulent}`);
    expect(res.text).toContain('<strong>0 / 80</strong>');
  });

  it('another team\'s consulent is a 404; a consulent gets 403', async () => {
    const ctx = await buildTestApp();
    const { agent } = await ctx.login('teamleider');
    expect((await agent.get(`/team/consulenten/${ctx.users.otherConsulent}`)).status).toBe(404);
    expect((await agent.get(`/team/consulenten/${ctx.users.teamleider}`)).status).toBe(404);
    expect((await agent.get('/team/consulenten/abc')).status).toBe(404);
    const c = await ctx.login('consulent');
    expect((await c.agent.get(`/team/consulenten/${ctx.users.consulent}`)).status).toBe(403);
  });
});

describe('reassigning clients', () => {
  it('moves several clients in one go, with a timeline event, status refresh and audit row per client', async () => {
    const ctx = await buildTestApp();
    const a = named(ctx, ctx.teamA, ctx.users.consulent, 'Eerste');
    const b = named(ctx, ctx.teamA, ctx.users.consulent, 'Tweede');
    const c = named(ctx, ctx.teamA, ctx.users.consulent, 'Blijft');
    const { agent, csrf } = await ctx.login('teamleider');
    const page = await agent.get('/caseload');
    expect(page.text).toContain(`name="clientIds" value="${a}"`);
    const res = await agent
      .post('/team/reassign')
      .type('form')
      .send({ _csrf: csrf, clientIds: [a, b], toConsulentId: ctx.users.consulent2, reason: 'Zwangerschapsverlof', back: '/caseload?route=Z' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/caseload?route=Z');
    for (const id of [a, b]) {
      expect(ctx.db.prepare('SELECT consulent_id FROM clients WHERE id = ?').pluck().get(id)).toBe(ctx.users.consulent2);
      expect(status(ctx.db, id).consulent_id).toBe(ctx.users.consulent2);
      expect(ctx.db.prepare("SELECT summary FROM client_events WHERE client_id = ? AND kind = 'REASSIGNED'").pluck().get(id)).toBe(
        'Overgedragen van Test consulent aan Test consulent2: Zwangerschapsverlof',
      );
      expect(
        ctx.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'client-overgedragen' AND client_id = ?").pluck().get(id),
      ).toBe(1);
    }
    expect(status(ctx.db, c).consulent_id).toBe(ctx.users.consulent);
    const after = await agent.get('/caseload?route=Z');
    expect(after.text).toContain('2 cliënten zijn overgedragen aan Test consulent2.');
  });

  it('requires a reason and clients, keeping what was typed and ticked', async () => {
    const ctx = await buildTestApp();
    const a = named(ctx, ctx.teamA, ctx.users.consulent, 'Eerste');
    const { agent, csrf } = await ctx.login('teamleider');
    const res = await agent
      .post('/team/reassign')
      .type('form')
      .send({ _csrf: csrf, clientIds: [a], toConsulentId: ctx.users.consulent2, reason: ' ', back: '/caseload' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Vul de reden van de overdracht in');
    expect(res.text).toContain(`value="${a}" id="kies-${a}" checked`);
    expect(res.text).toMatch(new RegExp(`<option value="${ctx.users.consulent2}" selected>`));
    const none = await agent
      .post('/team/reassign')
      .type('form')
      .send({ _csrf: csrf, toConsulentId: ctx.users.consulent2, reason: 'Verlof', back: `/team/consulenten/${ctx.users.consulent}` });
    expect(none.status).toBe(400);
    expect(none.text).toContain('Kies een of meer cliënten');
    expect(none.text).toContain('Caseload van Test consulent');
    expect(ctx.db.prepare('SELECT consulent_id FROM clients WHERE id = ?').pluck().get(a)).toBe(ctx.users.consulent);
  });

  it('refuses another team\'s client id and a consulent of another team; nothing changes', async () => {
    const ctx = await buildTestApp();
    const a = named(ctx, ctx.teamA, ctx.users.consulent, 'Eerste');
    const foreign = named(ctx, ctx.teamB, ctx.users.otherConsulent, 'Vreemd');
    const { agent, csrf } = await ctx.login('teamleider');
    const res = await agent
      .post('/team/reassign')
      .type('form')
      .send({ _csrf: csrf, clientIds: [a, foreign], toConsulentId: ctx.users.consulent2, reason: 'Verlof' });
    expect(res.status).toBe(403);
    expect(res.text).not.toContain('Vreemd');
    expect(ctx.db.prepare('SELECT consulent_id FROM clients WHERE id = ?').pluck().get(a)).toBe(ctx.users.consulent);
    expect(ctx.db.prepare('SELECT consulent_id FROM clients WHERE id = ?').pluck().get(foreign)).toBe(ctx.users.otherConsulent);
    expect(ctx.db.prepare("SELECT COUNT(*) FROM client_events WHERE kind = 'REASSIGNED'").pluck().get()).toBe(0);
    const toOther = await agent
      .post('/team/reassign')
      .type('form')
      .send({ _csrf: csrf, clientIds: [a], toConsulentId: ctx.users.otherConsulent, reason: 'Verlof' });
    expect(toOther.status).toBe(400);
    expect(toOther.text).toContain('Kies de consulent die de cliënten overneemt');
    expect(ctx.db.prepare('SELECT consulent_id FROM clients WHERE id = ?').pluck().get(a)).toBe(ctx.users.consulent);
  });

  it('is for teamleiders only', async () => {
    const ctx = await buildTestApp();
    const a = named(ctx, ctx.teamA, ctx.users.consulent, 'Eerste');
    const { agent, csrf } = await ctx.login('consulent');
    const res = await agent
      .post('/team/reassign')
      .type('form')
      .send({ _csrf: csrf, clientIds: [a], toConsulentId: ctx.users.consulent2, reason: 'Verlof' });
    expect(res.status).toBe(403);
    expect(ctx.db.prepare('SELECT consulent_id FROM clients WHERE id = ?').pluck().get(a)).toBe(ctx.users.consulent);
  });
});

describe('key figures', () => {
  it('computes the figures for a small known data set', async () => {
    const ctx = await buildTestApp();
    const u = ctx.users.consulent;
    const mk = (linkedOn: string, intakeOn: string | null, pipOn: string | null, route: 'Z' | 'B1' = 'Z') => {
      const id = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: u, linkedOn, doelgroep: 'ASIELSTATUSHOUDER' });
      if (intakeOn) completeIntake(ctx.db, id, intakeOn, intakeOn);
      if (pipOn) {
        chooseRoute(ctx.db, id, route, u, pipOn);
        setPip(ctx.db, id, u, pipOn);
      }
      refreshClientStatus(ctx.db, id, '2026-11-24');
      return id;
    };
    // Linked in 2026: 4 clients, 3 with intake started.
    mk('2026-01-05', '2026-01-12', '2026-03-09'); // 8 weeks to PIP
    mk('2026-02-02', '2026-02-09', '2026-05-04', 'B1'); // 12 weeks
    const c = mk('2026-03-02', '2026-03-09', '2026-05-04'); // 8 weeks
    mk('2026-04-01', null, null);
    mk('2025-06-01', '2025-06-10', '2025-08-04'); // outside the period for intake and PIP
    addConversation(ctx.db, c, 'VOORTGANG', '2026-08-04', u);
    addConversation(ctx.db, c, 'PRE_EIND', '2026-09-01', u);
    addConversation(ctx.db, c, 'VOORTGANG', '2025-12-01', u); // before the period
    const otherTeam = insertClient(ctx.db, { teamId: ctx.teamB, consulentId: ctx.users.otherConsulent, linkedOn: '2026-03-01' });
    refreshClientStatus(ctx.db, otherTeam, '2026-11-24');
    const { agent } = await ctx.login('teamleider');
    const res = await agent.get('/team/figures?from=2026-01-01&to=2026-06-30');
    expect(res.status).toBe(200);
    const text = withCharacters(res.text).replace(/\s+/g, ' ').replace(/> </g, '><');
    expect(text).toContain('Nieuwe cliënten met gestarte intake</th><td class="koers-num">75%</td><td>3 van 4 cliënten');
    expect(text).toContain('Mediaan weken van start intake tot PIP</th><td class="koers-num">8</td><td>Over 3 PIP’s');
    expect(text).toMatch(/B1-route<\/th><td class="koers-num">1<\/td><td class="koers-num">33%/);
    expect(text).toMatch(/Z-route<\/th><td class="koers-num">2<\/td><td class="koers-num">67%/);
    expect(text).toMatch(/Voortgangsgesprekken gehouden<\/th><td class="koers-num">0</);
    expect(text).toMatch(/Pre-eindgesprekken gehouden<\/th><td class="koers-num">0</);
    // Due: days of the period inside the termijn (181 + 114 + 58 + 58) / (3 months × 30.4375 days) = 4.5 → 5
    const due = /Voortgangsgesprekken verwacht<\/th><td class="koers-num">(\d+)</.exec(text)?.[1];
    expect(due).toBe('5');
    const later = (await agent.get('/team/figures?from=2026-07-01&to=2026-12-31')).text.replace(/\s+/g, ' ').replace(/> </g, '><');
    expect(later).toMatch(/Voortgangsgesprekken gehouden<\/th><td class="koers-num">1</);
    expect(later).toMatch(/Pre-eindgesprekken gehouden<\/th><td class="koers-num">1</);
    expect(later).toContain('Loopt</th><td class="koers-num">4</td>');
  });

  it('rejects a bad period with a Dutch message and keeps the input', async () => {
    const ctx = await buildTestApp();
    const { agent } = await ctx.login('teamleider');
    const bad = await agent.get('/team/figures?from=31-02-2026&to=2026-01-01');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('De begindatum is geen geldige datum');
    expect(bad.text).toContain('value="31-02-2026"');
    const reversed = await agent.get('/team/figures?from=2026-06-01&to=2026-01-01');
    expect(reversed.status).toBe(400);
    expect(reversed.text).toContain('De einddatum moet op of na de begindatum liggen');
    const dflt = await agent.get('/team/figures');
    expect(dflt.text).toContain('Periode 1 januari 2026 tot en met 24 november 2026');
  });
});
