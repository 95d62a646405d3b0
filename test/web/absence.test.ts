import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { caseloadPage, clientSignals, DEFAULT_FILTER, signalParams } from '../../src/db/caseload.js';
import { refreshClientStatus } from '../../src/db/client-status.js';
import { buildTestApp, type TestContext } from '../helpers/app.js';
import { addHours, chooseRoute, completeIntake, insertClient, setPip, status } from '../helpers/fixtures.js';

function client(ctx: TestContext, route: 'B1' | 'Z' | 'ONDERWIJS', teamId = ctx.teamA, consulentId = ctx.users.consulent): number {
  const id = insertClient(ctx.db, { teamId, consulentId, firstName: 'Amira', lastName: `Verzuim${route}` });
  completeIntake(ctx.db, id);
  chooseRoute(ctx.db, id, route, consulentId);
  setPip(ctx.db, id, consulentId);
  return id;
}

/** One language hour entry in a month with planned and attended hours. */
function month(ctx: TestContext, clientId: number, ym: string, planned: number, attended: number): void {
  addHours(ctx.db, clientId, 'LANGUAGE', attended, ctx.users.consulent, `${ym}-28`, `${ym}-01`, planned);
}

/** The table row of a month, as text without tags. */
function row(html: string, label: string): string {
  const rows = html.split('<tr>').map((r) => r.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '));
  const found = rows.find((r) => r.includes(label));
  if (!found) throw new Error(`no row for ${label}`);
  return found;
}

describe('absence page /clients/:id/absence', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await buildTestApp();
  });

  it('shows planned, attended, excused and absence % per month with a text badge (B1: 30.0 no signal, 30.1 signal)', async () => {
    const id = client(ctx, 'B1');
    month(ctx, id, '2026-10', 100, 70); // 30.0%
    month(ctx, id, '2026-09', 1000, 699); // 30.1%
    const { agent } = await ctx.login('consulent');
    const res = await agent.get(`/clients/${id}/absence`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('meer dan 30%');
    expect(row(res.text, 'oktober 2026')).toMatch(/100 70 0 30% Binnen de grens/);
    expect(row(res.text, 'september 2026')).toMatch(/1\.000 699 0 30,1% Boven de grens/);
    expect(row(res.text, 'november 2026')).toContain('Geen geplande uren');
    expect(res.text).toContain('Handhavingstraject openen');
    const audit = ctx.db.prepare("SELECT activity FROM audit_log WHERE action = 'verzuim-bekeken' AND client_id = ?").pluck().all(id);
    expect(audit).toEqual(['handhaving']);
  });

  it('onderwijsroute: 20.0 no signal, 20.1 signal', async () => {
    const id = client(ctx, 'ONDERWIJS');
    month(ctx, id, '2026-10', 100, 80);
    month(ctx, id, '2026-09', 1000, 799);
    const { agent } = await ctx.login('consulent');
    const res = await agent.get(`/clients/${id}/absence`);
    expect(row(res.text, 'oktober 2026')).toContain('20% Binnen de grens');
    expect(row(res.text, 'september 2026')).toContain('20,1% Boven de grens');
  });

  it('only counts entries with planned hours, and attendance above plan does not offset absence', async () => {
    const id = client(ctx, 'Z');
    month(ctx, id, '2026-10', 50, 30); // 40% absent
    month(ctx, id, '2026-10', 50, 60); // 10 extra hours do not count
    addHours(ctx.db, id, 'LANGUAGE', 40, ctx.users.consulent, '2026-10-20', '2026-10-01', null); // no plan: ignored
    const { agent } = await ctx.login('consulent');
    const res = await agent.get(`/clients/${id}/absence`);
    expect(row(res.text, 'oktober 2026')).toContain('100 80 0 20% Binnen de grens');
  });

  it('records excused absence, which leaves the percentage below the threshold', async () => {
    const id = client(ctx, 'B1');
    month(ctx, id, '2026-10', 100, 65); // 35%
    const { agent, csrf } = await ctx.login('consulent');
    expect(row((await agent.get(`/clients/${id}/absence`)).text, 'oktober 2026')).toContain('35% Boven de grens');
    const post = await agent
      .post(`/clients/${id}/absence/excused`)
      .type('form')
      .send({ _csrf: csrf, fromDate: '2026-10-12', toDate: '2026-10-14', hours: '5', reasonKind: 'ZIEKTE', note: 'Griep, briefje van de huisarts' });
    expect(post.status).toBe(303);
    const res = await agent.get(`/clients/${id}/absence`);
    expect(row(res.text, 'oktober 2026')).toContain('100 65 5 30% Binnen de grens');
    expect(res.text).toContain('Griep, briefje van de huisarts');
    const event = ctx.db.prepare("SELECT summary FROM client_events WHERE client_id = ? AND kind = 'EXCUSED_ABSENCE'").pluck().get(id);
    expect(event).toBe('Verzuim: 5 uur geoorloofd afwezig (ziekte)');
    expect(ctx.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'geoorloofd-verzuim-vastgelegd' AND activity = 'handhaving' AND client_id = ?").pluck().get(id)).toBe(1);
    const twice = await agent
      .post(`/clients/${id}/absence/excused`)
      .type('form')
      .send({ _csrf: csrf, fromDate: '2026-10-12', toDate: '2026-10-14', hours: '5', reasonKind: 'ZIEKTE', note: 'Griep, briefje van de huisarts' });
    expect(twice.status).toBe(400);
    expect(twice.text).toContain('is al vastgelegd');
    expect(ctx.db.prepare('SELECT COUNT(*) FROM excused_absences WHERE client_id = ?').pluck().get(id)).toBe(1);
  });

  it('refuses invalid excused absence with Dutch messages and keeps the input', async () => {
    const id = client(ctx, 'B1');
    const { agent, csrf } = await ctx.login('consulent');
    const res = await agent
      .post(`/clients/${id}/absence/excused`)
      .type('form')
      .send({ _csrf: csrf, fromDate: '2026-10-30', toDate: '2026-11-02', hours: 'vijf', reasonKind: 'OVERIG', note: '' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Het aantal uren moet een getal zijn');
    expect(res.text).toContain('De periode moet binnen één kalendermaand vallen');
    expect(res.text).toContain('Vul een toelichting in bij een andere reden');
    expect(res.text).toContain('value="2026-10-30"');
    expect(res.text).toContain('value="vijf"');
    expect(ctx.db.prepare('SELECT COUNT(*) FROM excused_absences').pluck().get()).toBe(0);
  });

  it('a closed client: absence readable, no excused absence can be added', async () => {
    const id = client(ctx, 'B1');
    month(ctx, id, '2026-10', 100, 50);
    ctx.db.prepare("UPDATE clients SET closed_on = '2026-11-01' WHERE id = ?").run(id);
    const { agent, csrf } = await ctx.login('consulent');
    const page = await agent.get(`/clients/${id}/absence`);
    expect(row(page.text, 'oktober 2026')).toContain('50% Boven de grens');
    expect(page.text).toContain('U kunt het verzuim lezen, maar niets meer vastleggen');
    expect(page.text).not.toContain('Handhavingstraject openen');
    const post = await agent.post(`/clients/${id}/absence/excused`).type('form').send({ _csrf: csrf, fromDate: '2026-10-01', hours: '2', reasonKind: 'ZIEKTE' });
    expect(post.status).toBe(400);
    expect(ctx.db.prepare('SELECT COUNT(*) FROM excused_absences').pluck().get()).toBe(0);
  });

  it('access: other team 404 without data, admin 403, anonymous to log-in', async () => {
    const id = client(ctx, 'B1');
    month(ctx, id, '2026-10', 100, 50);
    const other = await ctx.login('otherConsulent');
    const res = await other.agent.get(`/clients/${id}/absence`);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('VerzuimB1');
    const post = await other.agent.post(`/clients/${id}/absence/excused`).type('form').send({ _csrf: other.csrf, fromDate: '2026-10-01', hours: '2', reasonKind: 'ZIEKTE' });
    expect(post.status).toBe(404);
    expect(ctx.db.prepare('SELECT COUNT(*) FROM excused_absences').pluck().get()).toBe(0);
    const admin = await ctx.login('admin');
    expect((await admin.agent.get(`/clients/${id}/absence`)).status).toBe(403);
    const anon = await request(ctx.app).get(`/clients/${id}/absence`);
    expect(anon.status).toBe(303);
    expect(anon.headers.location).toBe('/login');
    const teamleider = await ctx.login('teamleider');
    expect((await teamleider.agent.get(`/clients/${id}/absence`)).status).toBe(200);
  });

  it("the caseload's ABSENCE signal lists the team clients above their route's threshold", () => {
    const b = client(ctx, 'ONDERWIJS');
    month(ctx, b, '2026-11', 100, 75); // 25% > 20
    const c = client(ctx, 'B1');
    month(ctx, c, '2026-11', 100, 75); // 25% <= 30: no signal
    const other = client(ctx, 'B1', ctx.teamB, ctx.users.otherConsulent);
    month(ctx, other, '2026-11', 100, 10);
    for (const id of [b, c, other]) refreshClientStatus(ctx.db, id, '2026-11-24');
    const listed = (teamId: number) =>
      caseloadPage(ctx.db, { teamId }, { ...DEFAULT_FILTER, signal: 'ABSENCE' }, signalParams(ctx.db, '2026-11-24'), 1).rows.map((r) => r.id);
    expect(listed(ctx.teamA)).toEqual([b]);
    expect(listed(ctx.teamB)).toEqual([other]);
    expect(status(ctx.db, b)).toMatchObject({ absence_period: '2026-11', absence_pct: 25, enforcement_case_open: 0 });
    expect(clientSignals(ctx.db, b, '2026-11-24')).toContain('ABSENCE');
    expect(clientSignals(ctx.db, c, '2026-11-24')).not.toContain('ABSENCE');
  });
});
