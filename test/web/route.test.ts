import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { addRuleSetVersion } from '../../src/db/rules.js';
import { DEFAULT_RULE_SET } from '../../src/domain/index.js';
import { buildTestApp } from '../helpers/app.js';
import { chooseRoute, completeIntake, insertClient, setPip, status } from '../helpers/fixtures.js';

describe('route choice', async () => {
  const ctx = await buildTestApp();
  const { db, users, teamA } = ctx;

  /** A client whose completed intake has leerbaarheidstoets 20 (fixture): advice Z-route. */
  const intakeDone = (lastName = 'Routeklant') => {
    const id = insertClient(db, { teamId: teamA, consulentId: users.consulent, lastName });
    completeIntake(db, id, '2026-10-01', '2026-11-01');
    return id;
  };

  it('shows the advice with its reasons', async () => {
    const id = intakeDone();
    const res = await (await ctx.login('consulent')).agent.get(`/clients/${id}/route`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Advies: <strong>Z-route</strong>');
    expect(res.text).toContain('Leerbaarheidstoets 20 van 40: niet hoger dan 31, de Z-route past het best');
  });

  it('asks to finish the intake first', async () => {
    const id = insertClient(db, { teamId: teamA, consulentId: users.consulent });
    const { agent, csrf } = await ctx.login('consulent');
    expect((await agent.get(`/clients/${id}/route`)).text).toContain('rond eerst de <a');
    const res = await agent.post(`/clients/${id}/route`).type('form').send({ _csrf: csrf, route: 'Z', decidedOn: '2026-11-24' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Rond eerst de brede intake af');
  });

  it('requires why the two other routes were not chosen', async () => {
    const id = intakeDone();
    const { agent, csrf } = await ctx.login('consulent');
    const res = await agent
      .post(`/clients/${id}/route`)
      .type('form')
      .send({ _csrf: csrf, route: 'Z', decidedOn: '2026-11-24', notB1Reason: 'Score te laag' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Schrijf op waarom de onderwijsroute niet past');
    expect(res.text).not.toContain('Schrijf op waarom de B1-route niet past');
    expect(res.text).not.toContain('Schrijf op waarom de Z-route niet past');
    expect(res.text).toContain('Score te laag');
    expect(db.prepare('SELECT COUNT(*) FROM route_decisions WHERE client_id = ?').pluck().get(id)).toBe(0);
  });

  it('requires a reason when the choice differs from the advice', async () => {
    const id = intakeDone();
    const { agent, csrf } = await ctx.login('consulent');
    const body = { _csrf: csrf, route: 'B1', decidedOn: '2026-11-24', notOnderwijsReason: 'Geen opleidingswens', notZReason: 'Leert snel' };
    const res = await agent.post(`/clients/${id}/route`).type('form').send(body);
    expect(res.status).toBe(400);
    expect(res.text).toContain('U kiest een andere route dan het advies (Z-route). Schrijf op waarom.');
    expect(res.text).toMatch(/id="veld-reason-fout"/);
    const ok = await agent.post(`/clients/${id}/route`).type('form').send({ ...body, reason: 'Hoog opgeleid, toets slecht gemaakt door stress' });
    expect(ok.status).toBe(303);
    const d = db.prepare('SELECT * FROM route_decisions WHERE client_id = ?').get(id) as Record<string, unknown>;
    expect(d).toMatchObject({ kind: 'CHOICE', route: 'B1', advised_route: 'Z', approval_status: 'NOT_REQUIRED', not_b1_reason: null });
    expect(JSON.parse(String(d.advice_reasons))).toHaveLength(1);
    const s = status(db, id);
    expect(s.phase).toBe('PIP');
    expect(s.route).toBe('B1');
    const ev = db.prepare("SELECT summary FROM client_events WHERE client_id = ? AND kind = 'ROUTE_CHOSEN'").pluck().get(id);
    expect(ev).toBe('Route gekozen: B1-route (wijkt af van het advies Z-route)');
  });

  it('stores a deviating choice as pending when approval is required', async () => {
    const rules = structuredClone(DEFAULT_RULE_SET);
    rules.general.approvals.routeDeviation = true;
    const local = await buildTestApp();
    addRuleSetVersion(local.db, { effectiveFrom: '2026-01-01', rules, note: null, createdBy: null }, '2026-01-01T00:00:00Z');
    const id = insertClient(local.db, { teamId: local.teamA, consulentId: local.users.consulent });
    completeIntake(local.db, id, '2026-10-01', '2026-11-01');
    const { agent, csrf } = await local.login('consulent');
    const res = await agent.post(`/clients/${id}/route`).type('form').send({
      _csrf: csrf,
      route: 'ONDERWIJS',
      decidedOn: '2026-11-24',
      reason: 'Wil naar het mbo',
      notB1Reason: 'Opleiding past beter',
      notZReason: 'Kan meer',
    });
    expect(res.status).toBe(303);
    expect(local.db.prepare('SELECT approval_status FROM route_decisions WHERE client_id = ?').pluck().get(id)).toBe('PENDING');
    const page = await agent.get(`/clients/${id}/route`);
    expect(page.text).toContain('wacht op goedkeuring');
  });

  it('changes a route with a date and reason, within the allowed months, and prompts for a new PIP version', async () => {
    const id = insertClient(db, { teamId: teamA, consulentId: users.consulent });
    completeIntake(db, id);
    chooseRoute(db, id, 'B1', users.consulent, '2026-01-10');
    setPip(db, id, users.consulent, '2026-02-01');
    db.prepare(`UPDATE pip_versions SET content = '{"route":"B1"}' WHERE client_id = ?`).run(id);
    const { agent, csrf } = await ctx.login('consulent');
    const page = await agent.get(`/clients/${id}/route`);
    expect(page.text).toContain('Route wijzigen');
    expect(page.text).toContain('10 juli 2027');
    const noReason = await agent.post(`/clients/${id}/route/change`).type('form').send({ _csrf: csrf, route: 'Z', decidedOn: '2026-11-20' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('Vul de reden voor de wijziging in');
    const same = await agent.post(`/clients/${id}/route/change`).type('form').send({ _csrf: csrf, route: 'B1', decidedOn: '2026-11-20', reason: 'x' });
    expect(same.text).toContain('De cliënt volgt de B1-route al');
    const ok = await agent
      .post(`/clients/${id}/route/change`)
      .type('form')
      .send({ _csrf: csrf, route: 'Z', decidedOn: '2026-11-20', reason: 'B1 blijkt na 600 uur niet haalbaar' });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe(`/clients/${id}/pip/new`);
    expect(status(db, id).route).toBe('Z');
    const after = await agent.get(`/clients/${id}/route`);
    expect(after.text).toContain('Routewijziging: Z-route');
    expect(after.text).toContain('B1 blijkt na 600 uur niet haalbaar');
    expect(after.text).toContain('Stel een nieuwe PIP-versie vast');
  });

  it('refuses a route change more than the allowed months after the first route decision', async () => {
    const id = insertClient(db, { teamId: teamA, consulentId: users.consulent });
    completeIntake(db, id);
    chooseRoute(db, id, 'B1', users.consulent, '2025-01-10');
    const { agent, csrf } = await ctx.login('consulent');
    const page = await agent.get(`/clients/${id}/route`);
    expect(page.text).toContain('De route kan niet meer worden gewijzigd');
    const res = await agent
      .post(`/clients/${id}/route/change`)
      .type('form')
      .send({ _csrf: csrf, route: 'Z', decidedOn: '2026-11-20', reason: 'Te laat' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('tot en met 10-07-2026');
    expect(db.prepare('SELECT COUNT(*) FROM route_decisions WHERE client_id = ?').pluck().get(id)).toBe(1);
  });

  it('guards access and audits views', async () => {
    const id = intakeDone('Routegeheim');
    const other = await (await ctx.login('otherTeamleider')).agent.get(`/clients/${id}/route`);
    expect(other.status).toBe(404);
    expect(other.text).not.toContain('Routegeheim');
    expect((await (await ctx.login('admin')).agent.get(`/clients/${id}/route`)).status).toBe(403);
    expect((await request(ctx.app).get(`/clients/${id}/route`)).headers.location).toBe('/login');
    await (await ctx.login('teamleider')).agent.get(`/clients/${id}/route`);
    const rows = db.prepare("SELECT activity FROM audit_log WHERE client_id = ? AND action = 'route-bekeken'").pluck().all(id);
    expect(rows).toEqual(['intake']);
  });
});
