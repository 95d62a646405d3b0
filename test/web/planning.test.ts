import ICAL from 'ical.js';
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { findAppointment, listAppointments } from '../../src/db/appointments.js';
import { buildTestApp, type TestContext } from '../helpers/app.js';
import { zRouteClient } from '../helpers/fixtures.js';

const planForm = (csrf: string, over: Record<string, string> = {}) => ({
  _csrf: csrf,
  kind: 'VOORTGANG',
  date: '26-11-2026',
  time: '10:00',
  durationMinutes: '60',
  mode: 'OFFICE',
  place: 'Spreekkamer 3',
  interpreterLanguage: 'Arabisch',
  interpreterBooked: 'on',
  others: '',
  invitationSentOn: '',
  invitationMethod: '',
  ...over,
});

describe('planning pages (HTTP)', () => {
  let ctx: TestContext;
  let clientId: number;
  beforeEach(async () => {
    ctx = await buildTestApp();
    clientId = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
  });

  it('plans a conversation, shows it on the start page this week, and held opens the conversation form prefilled', async () => {
    const { agent, csrf } = await ctx.login('consulent');
    const planning = await agent.get(`/clients/${clientId}/planning`);
    expect(planning.status).toBe(200);
    expect(planning.text).toContain('PVT afgerond');
    expect(planning.text).toContain('Te laat');
    const res = await agent.post(`/clients/${clientId}/appointments/new`).type('form').send(planForm(csrf));
    expect(res.status).toBe(303);
    const [a] = listAppointments(ctx.db, clientId);
    expect(res.headers.location).toBe(`/clients/${clientId}/appointments/${a!.id}`);
    expect((await agent.get('/')).text).toContain('Mijn gesprekken deze week');
    expect((await agent.get('/')).text).toContain(`/clients/${clientId}/appointments/${a!.id}`);
    ctx.clock.set('2026-11-26T12:00:00.000Z');
    const later = await ctx.login('consulent'); // the first session has expired two days on
    const held = await later.agent.post(`/clients/${clientId}/appointments/${a!.id}/outcome`).type('form').send({ _csrf: later.csrf, outcome: 'HELD', version: '1' });
    expect(held.status).toBe(303);
    expect(held.headers.location).toBe(`/clients/${clientId}/conversations/new?afspraak=${a!.id}`);
    const formPage = await later.agent.get(held.headers.location!);
    expect(formPage.status).toBe(200);
    expect(formPage.text).toContain('value="2026-11-26"');
    expect(formPage.text).toContain('value="Tolk Arabisch"');
  });

  it('bad input gets Dutch messages next to the fields and keeps what was typed', async () => {
    const { agent, csrf } = await ctx.login('consulent');
    const res = await agent.post(`/clients/${clientId}/appointments/new`).type('form').send(planForm(csrf, { time: '25:00', place: 'Kamer 12' }));
    expect(res.status).toBe(400);
    expect(res.text).toContain('De tijd is geen geldige tijd');
    expect(res.text).toContain('value="Kamer 12"');
  });

  it('a late invitation for a handhavingsgesprek warns and offers "Toch opslaan"', async () => {
    const { agent, csrf } = await ctx.login('consulent');
    const late = planForm(csrf, { kind: 'HANDHAVING', date: '2026-12-01', invitationSentOn: '2026-11-24', invitationMethod: 'REGISTERED_POST' });
    const res = await agent.post(`/clients/${clientId}/appointments/new`).type('form').send(late);
    expect(res.status).toBe(400);
    expect(res.text).toContain('7 dagen');
    expect(res.text).toContain('Toch opslaan');
    const again = await agent.post(`/clients/${clientId}/appointments/new`).type('form').send({ ...late, acceptLateInvitation: 'on' });
    expect(again.status).toBe(303);
    const page = await agent.get(again.headers.location!);
    expect(page.text).toContain('minimaal 14 dagen');
  });

  it('a stale edit is refused with 409 and keeps what was typed', async () => {
    const { agent, csrf } = await ctx.login('consulent');
    await agent.post(`/clients/${clientId}/appointments/new`).type('form').send(planForm(csrf));
    const [a] = listAppointments(ctx.db, clientId);
    const ok = await agent.post(`/clients/${clientId}/appointments/${a!.id}/edit`).type('form').send({ ...planForm(csrf, { time: '11:00' }), version: '1' });
    expect(ok.status).toBe(303);
    const stale = await agent.post(`/clients/${clientId}/appointments/${a!.id}/edit`).type('form').send({ ...planForm(csrf, { time: '12:00', place: 'Mijn typwerk' }), version: '1' });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('Iemand anders heeft deze afspraak intussen gewijzigd');
    expect(stale.text).toContain('value="Mijn typwerk"');
    expect(findAppointment(ctx.db, clientId, a!.id)!.startsAt).toBe('2026-11-26T11:00');
  });

  it('the .ics download and the invitation print view; another team gets 404', async () => {
    const { agent, csrf } = await ctx.login('consulent');
    await agent.post(`/clients/${clientId}/appointments/new`).type('form').send(planForm(csrf));
    const [a] = listAppointments(ctx.db, clientId);
    const ics = await agent.get(`/clients/${clientId}/appointments/${a!.id}/afspraak.ics`).buffer(true).parse((res, cb) => {
      let data = '';
      res.on('data', (c: Buffer) => (data += c.toString()));
      res.on('end', () => cb(null, data));
    });
    expect(ics.status).toBe(200);
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(new ICAL.Component(ICAL.parse(ics.body as string)).getAllSubcomponents('vevent')).toHaveLength(1);
    const letter = await agent.get(`/clients/${clientId}/appointments/${a!.id}/invitation`);
    expect(letter.status).toBe(200);
    expect(letter.text).toContain('Uitnodiging voor een voortgangsgesprek');
    const other = await ctx.login('otherConsulent');
    for (const p of ['', '/invitation', '/afspraak.ics']) {
      expect((await other.agent.get(`/clients/${clientId}/appointments/${a!.id}${p}`)).status).toBe(404);
    }
  });

  it('the feed URL works without a session for the right token only, and stops after a reset', async () => {
    const { agent, csrf } = await ctx.login('consulent');
    await agent.post(`/clients/${clientId}/appointments/new`).type('form').send(planForm(csrf));
    const made = await agent.post('/agenda/feed').type('form').send({ _csrf: csrf });
    expect(made.status).toBe(200);
    const url = /value="https?:\/\/[^/]+(\/agenda\/feed\/[A-Za-z0-9_-]+\.ics)"/.exec(made.text)![1]!;
    const feed = await request(ctx.app).get(url);
    expect(feed.status).toBe(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    expect(feed.text).toContain('Voortgangsgesprek T.C.');
    expect(feed.text).not.toContain('Testa');
    expect((await request(ctx.app).get('/agenda/feed/verkeerdetokenverkeerdetoken.ics')).status).toBe(404);
    await agent.post('/agenda/feed').type('form').send({ _csrf: csrf });
    expect((await request(ctx.app).get(url)).status).toBe(404);
    expect((await agent.get('/agenda')).text).toContain('Nieuwe link maken');
  });
});

describe('calendar rules in the admin editor', () => {
  it('an admin changes the PVT deadline from a date on; the milestone and its signal follow', async () => {
    const { DEFAULT_RULE_SET } = await import('../../src/domain/index.js');
    const { valuesFromRuleSet } = await import('../../src/web/forms/admin-rules-form.js');
    const { clientSignals } = await import('../../src/db/caseload.js');
    const { refreshClientStatus } = await import('../../src/db/client-status.js');
    const { milestonesOnTrack } = await import('../helpers/fixtures.js');
    const ctx = await buildTestApp();
    const clientId = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    milestonesOnTrack(ctx.db, clientId, ctx.users.consulent);
    ctx.db.prepare("DELETE FROM decisions WHERE client_id = ? AND kind = 'PVT_COMPLETED'").run(clientId);
    // PVT due 2026-03-03 + 12 months is overdue already; 24 months (due 2027-03-03) is not.
    refreshClientStatus(ctx.db, clientId, '2026-11-24');
    expect(clientSignals(ctx.db, clientId, '2026-11-24')).toContain('MILESTONE_OVERDUE');
    const { agent, csrf } = await ctx.login('admin');
    const page = await agent.get('/admin/rules/new');
    expect(page.text).toMatch(/name="calendar\.pvtMonths" type="text" value="12"/);
    const save = await agent
      .post('/admin/rules/new')
      .type('form')
      .send({ _csrf: csrf, ...valuesFromRuleSet(DEFAULT_RULE_SET), 'calendar.pvtMonths': '24', effectiveFrom: '2026-11-24', note: 'PVT later', action: 'save' });
    expect(save.status).toBe(303);
    expect(clientSignals(ctx.db, clientId, '2026-11-24')).not.toContain('MILESTONE_OVERDUE');
    const c = await ctx.login('consulent');
    const planning = await c.agent.get(`/clients/${clientId}/planning`);
    expect(planning.text).toContain('03-03-2027');
  });
});
