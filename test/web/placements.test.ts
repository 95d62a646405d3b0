import { describe, expect, it } from 'vitest';
import { aftercareOverdueForTeam } from '../../src/db/placements.js';
import { loadEligibility } from '../../src/db/progress.js';
import { buildTestApp, type TestContext, withCharacters } from '../helpers/app.js';
import { addDecision, zRouteClient } from '../helpers/fixtures.js';

const NOW = '2026-01-01T00:00:00.000Z';

function insertPlacement(
  ctx: TestContext,
  clientId: number,
  p: { kind: string; organisation?: string; startOn: string; status?: string; plannedEndOn?: string | null },
): number {
  const r = ctx.db
    .prepare(
      `INSERT INTO placements (client_id, kind, organisation, start_on, planned_end_on, hours_per_week, language_support,
         status, activated_on, created_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 24, 'GEEN', ?, ?, ?, ?, ?)`,
    )
    .run(
      clientId,
      p.kind,
      p.organisation ?? 'Bakkerij Van Dam',
      p.startOn,
      p.plannedEndOn ?? null,
      p.status ?? 'ACTIEF',
      p.status === 'IN_VOORBEREIDING' ? null : p.startOn,
      ctx.users.consulent,
      NOW,
      NOW,
    );
  return Number(r.lastInsertRowid);
}

function confirmAll(): Record<string, string> {
  const body: Record<string, string> = {};
  for (const item of ['HOUSING', 'INCOME', 'CHILDCARE', 'HEALTH', 'COMMUNICATION']) body[`ready_${item}`] = 'ja';
  return body;
}

const validPlacement = {
  kind: 'BETAALD_WERK',
  organisation: 'Bakkerij Van Dam',
  contactPerson: 'Mevrouw Smit',
  jobCoach: 'Peter de Wit',
  startOn: '2026-11-01',
  plannedEndOn: '2027-05-01',
  hoursPerWeek: '24',
  languageSupport: 'VAKTAAL',
};

async function setup() {
  const ctx = await buildTestApp();
  const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
  const { agent, csrf } = await ctx.login('consulent');
  return { ctx, id, agent, csrf };
}

describe('placements: lifecycle and validation', () => {
  it('adds, refuses end before start and hours per week outside 0,5..40, keeping the input', async () => {
    const { ctx, id, agent, csrf } = await setup();
    const bad = await agent
      .post(`/clients/${id}/placements`)
      .type('form')
      .send({ _csrf: csrf, ...validPlacement, plannedEndOn: '2026-10-01' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('De einddatum mag niet voor de startdatum liggen');
    expect(bad.text).toContain('value="Bakkerij Van Dam"');
    const tooMany = await agent
      .post(`/clients/${id}/placements`)
      .type('form')
      .send({ _csrf: csrf, ...validPlacement, hoursPerWeek: '41' });
    expect(tooMany.status).toBe(400);
    expect(tooMany.text).toContain('Het aantal uren per week mag niet groter zijn dan 40');
    const tooFew = await agent
      .post(`/clients/${id}/placements`)
      .type('form')
      .send({ _csrf: csrf, ...validPlacement, hoursPerWeek: '0,4' });
    expect(tooFew.status).toBe(400);
    expect(tooFew.text).toContain('Het aantal uren per week mag niet kleiner zijn dan 0.5');
    const ok = await agent.post(`/clients/${id}/placements`).type('form').send({ _csrf: csrf, ...validPlacement, hoursPerWeek: '0,5' });
    expect(ok.status).toBe(303);
    const row = ctx.db.prepare('SELECT * FROM placements WHERE client_id = ?').get(id) as Record<string, unknown>;
    expect(row).toMatchObject({ status: 'IN_VOORBEREIDING', hours_per_week: 0.5, kind: 'BETAALD_WERK' });
    const events = ctx.db.prepare(`SELECT summary FROM client_events WHERE client_id = ? AND kind = 'PLACEMENT'`).pluck().all(id);
    expect(events).toEqual(['Plaats toegevoegd: betaald werk bij Bakkerij Van Dam (in voorbereiding)']);
    const page = await agent.get(`/clients/${id}/placements`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Betaald werk bij Bakkerij Van Dam');
    expect(page.text).toContain('In voorbereiding');
    expect(page.text).toContain(`href="/clients/${id}/placements" aria-current="page">Participatie</a>`);
  });

  it('edits with an optimistic version and ends with a required reason', async () => {
    const { ctx, id, agent, csrf } = await setup();
    const pid = insertPlacement(ctx, id, { kind: 'STAGE', startOn: '2026-10-01' });
    const edit = await agent
      .post(`/clients/${id}/placements/${pid}/edit`)
      .type('form')
      .send({ _csrf: csrf, ...validPlacement, kind: 'STAGE', organisation: 'Zorgcentrum De Linde', version: '1' });
    expect(edit.status).toBe(303);
    const stale = await agent
      .post(`/clients/${id}/placements/${pid}/edit`)
      .type('form')
      .send({ _csrf: csrf, ...validPlacement, kind: 'STAGE', organisation: 'Iets anders', version: '1' });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('Iemand anders heeft deze plaats intussen gewijzigd');
    expect(stale.text).toContain('Zorgcentrum De Linde');
    const noReason = await agent
      .post(`/clients/${id}/placements/${pid}/end`)
      .type('form')
      .send({ _csrf: csrf, endedOn: '2026-11-20', endReason: '', version: '2' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('Vul de reden van beëindigen in');
    const beforeStart = await agent
      .post(`/clients/${id}/placements/${pid}/end`)
      .type('form')
      .send({ _csrf: csrf, endedOn: '2026-09-20', endReason: 'Klaar', version: '2' });
    expect(beforeStart.status).toBe(400);
    expect(beforeStart.text).toContain('De einddatum mag niet voor de startdatum liggen');
    const end = await agent
      .post(`/clients/${id}/placements/${pid}/end`)
      .type('form')
      .send({ _csrf: csrf, endedOn: '2026-11-20', endReason: 'Stage afgerond', version: '2' });
    expect(end.status).toBe(303);
    const row = ctx.db.prepare('SELECT status, ended_on, end_reason FROM placements WHERE id = ?').get(pid);
    expect(row).toEqual({ status: 'BEEINDIGD', ended_on: '2026-11-20', end_reason: 'Stage afgerond' });
    const page = await agent.get(`/clients/${id}/placements`);
    expect(page.text).toContain('Stage afgerond');
    expect(page.text).toContain('Beëindigd');
  });

  it('refuses activation until the basis is in order, unless a reason is given; paid work gets after-care dates', async () => {
    const { ctx, id, agent, csrf } = await setup();
    const pid = insertPlacement(ctx, id, { kind: 'BETAALD_WERK', startOn: '2026-11-02', status: 'IN_VOORBEREIDING' });
    const refused = await agent.post(`/clients/${id}/placements/${pid}/activate`).type('form').send({ _csrf: csrf, version: '1' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('De basis is nog niet op orde');
    expect(ctx.db.prepare('SELECT status FROM placements WHERE id = ?').pluck().get(pid)).toBe('IN_VOORBEREIDING');

    const partial = await agent
      .post(`/clients/${id}/placements/readiness`)
      .type('form')
      .send({ _csrf: csrf, ...confirmAll(), ready_CHILDCARE: '', note_HEALTH: 'Rugklachten, werk is zittend' });
    expect(partial.status).toBe(400);
    expect(partial.text).toContain('Kinderopvang is geregeld (of niet nodig): kies ja of nee');
    expect(partial.text).toContain('Rugklachten, werk is zittend');
    const saved = await agent
      .post(`/clients/${id}/placements/readiness`)
      .type('form')
      .send({ _csrf: csrf, ...confirmAll(), ready_CHILDCARE: 'nee', note_CHILDCARE: 'Wachtlijst kinderopvang' });
    expect(saved.status).toBe(303);
    expect((await agent.post(`/clients/${id}/placements/${pid}/activate`).type('form').send({ _csrf: csrf, version: '1' })).status).toBe(400);

    const withReason = await agent
      .post(`/clients/${id}/placements/${pid}/activate`)
      .type('form')
      .send({ _csrf: csrf, version: '1', [`activationReason-${pid}`]: 'Oma past op tot de opvang start' });
    expect(withReason.status).toBe(303);
    const row = ctx.db.prepare('SELECT status, activation_reason FROM placements WHERE id = ?').get(pid);
    expect(row).toEqual({ status: 'ACTIEF', activation_reason: 'Oma past op tot de opvang start' });
    const dates = ctx.db.prepare('SELECT due_on FROM placement_checkins WHERE placement_id = ? ORDER BY due_on').pluck().all(pid);
    expect(dates).toEqual(['2026-12-02', '2027-02-02', '2027-05-02']);
  });

  it('activates without a reason once every point is confirmed', async () => {
    const { ctx, id, agent, csrf } = await setup();
    const pid = insertPlacement(ctx, id, { kind: 'VRIJWILLIGERSWERK', startOn: '2026-11-02', status: 'IN_VOORBEREIDING' });
    await agent.post(`/clients/${id}/placements/readiness`).type('form').send({ _csrf: csrf, ...confirmAll() });
    const ok = await agent.post(`/clients/${id}/placements/${pid}/activate`).type('form').send({ _csrf: csrf, version: '1' });
    expect(ok.status).toBe(303);
    expect(ctx.db.prepare('SELECT status, activation_reason FROM placements WHERE id = ?').get(pid)).toEqual({
      status: 'ACTIEF',
      activation_reason: null,
    });
    expect(ctx.db.prepare('SELECT COUNT(*) FROM placement_checkins WHERE placement_id = ?').pluck().get(pid)).toBe(0);
  });

  it('refuses changes on a closed dossier', async () => {
    const { ctx, id, agent, csrf } = await setup();
    ctx.db.prepare(`UPDATE clients SET closed_on = '2026-11-01' WHERE id = ?`).run(id);
    const res = await agent.post(`/clients/${id}/placements`).type('form').send({ _csrf: csrf, ...validPlacement });
    expect(res.status).toBe(409);
    expect(ctx.db.prepare('SELECT COUNT(*) FROM placements').pluck().get()).toBe(0);
  });
});

describe('placements: hours', () => {
  it('counts hours at a paid placement as paid work and at a volunteer placement as participation', async () => {
    const { ctx, id, agent, csrf } = await setup();
    const paid = insertPlacement(ctx, id, { kind: 'BETAALD_WERK_LKS', startOn: '2026-09-01', organisation: 'Groenbedrijf' });
    const vol = insertPlacement(ctx, id, { kind: 'VRIJWILLIGERSWERK', startOn: '2026-09-01', organisation: 'Buurthuis' });
    const form = await agent.get(`/clients/${id}/hours`);
    expect(form.text).toContain('Betaald werk met loonkostensubsidie bij Groenbedrijf');
    const post = (placementId: number, hours: string) =>
      agent.post(`/clients/${id}/hours`).type('form').send({
        _csrf: csrf,
        placementId: String(placementId),
        kind: 'LANGUAGE', // ignored: the placement decides
        periodStart: '2026-10-01',
        periodEnd: '2026-10-31',
        hours,
      });
    expect((await post(paid, '80')).status).toBe(303);
    expect((await post(vol, '30,5')).status).toBe(303);
    const totals = loadEligibility(ctx.db, id, '2026-11-24').progress.totals.attended;
    expect(totals.PAID_WORK).toBe(80);
    expect(totals.PARTICIPATION).toBe(30.5);
    expect(totals.LANGUAGE).toBe(0);
    const page = await agent.get(`/clients/${id}/placements`);
    expect(page.text).toContain('80 uur, telt als betaald werk');
    expect(page.text).toContain('30,5 uur, telt als participatie');
  });

  it('refuses switching a placement with hours between paid and unpaid kinds', async () => {
    const { ctx, id, agent, csrf } = await setup();
    const pid = insertPlacement(ctx, id, { kind: 'STAGE', startOn: '2026-09-01' });
    await agent.post(`/clients/${id}/hours`).type('form').send({
      _csrf: csrf,
      placementId: String(pid),
      periodStart: '2026-10-01',
      periodEnd: '2026-10-31',
      hours: '40',
    });
    const res = await agent
      .post(`/clients/${id}/placements/${pid}/edit`)
      .type('form')
      .send({ _csrf: csrf, ...validPlacement, kind: 'BETAALD_WERK', version: '1' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Op deze plek zijn al uren geregistreerd die tellen als participatie');
    const ok = await agent
      .post(`/clients/${id}/placements/${pid}/edit`)
      .type('form')
      .send({ _csrf: csrf, ...validPlacement, kind: 'WERKERVARINGSPLEK', version: '1' });
    expect(ok.status).toBe(303);
    expect(loadEligibility(ctx.db, id, '2026-11-24').progress.totals.attended.PARTICIPATION).toBe(40);
  });

  it("refuses another client's placement on the hour form", async () => {
    const { ctx, id, agent, csrf } = await setup();
    const other = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    const foreign = insertPlacement(ctx, other, { kind: 'BETAALD_WERK', startOn: '2026-09-01' });
    const res = await agent.post(`/clients/${id}/hours`).type('form').send({
      _csrf: csrf,
      placementId: String(foreign),
      kind: 'PAID_WORK',
      periodStart: '2026-10-01',
      periodEnd: '2026-10-31',
      hours: '10',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Kies een plaats uit de lijst');
  });
});

describe('placements: substitution suggestion', () => {
  const TEXT = 'Overweeg vervanging van taaluren door betaald werk (leidraad)';

  it('appears exactly 8 weeks after the start of an active paid placement, not a day earlier', async () => {
    const { ctx, id } = await setup();
    insertPlacement(ctx, id, { kind: 'BETAALD_WERK', startOn: '2026-10-01' });
    ctx.clock.set('2026-11-25T09:00:00.000Z'); // 55 days after the start
    const before = await (await ctx.login('consulent')).agent.get(`/clients/${id}/placements`);
    expect(before.status).toBe(200);
    expect(before.text).not.toContain(TEXT);
    ctx.clock.set('2026-11-26T09:00:00.000Z'); // 56 days = 8 weeks
    const res = await (await ctx.login('consulent')).agent.get(`/clients/${id}/placements`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(TEXT);
    expect(withCharacters(res.text)).toContain('taalnorm 800 → 600, participatienorm 800 → 1.000, waarvan minstens 200 uur betaald werk');
    expect(res.text).toContain(`href="/clients/${id}/decisions"`);
  });

  it('is not shown for unpaid placements, once a substitution decision exists, or outside the Z-route', async () => {
    const { ctx, id, agent } = await setup();
    insertPlacement(ctx, id, { kind: 'WERKERVARINGSPLEK', startOn: '2026-06-01' });
    expect((await agent.get(`/clients/${id}/placements`)).text).not.toContain(TEXT);
    insertPlacement(ctx, id, { kind: 'BETAALD_WERK', startOn: '2026-06-01' });
    expect((await agent.get(`/clients/${id}/placements`)).text).toContain(TEXT);
    addDecision(ctx.db, id, 'SUBSTITUTION', ctx.users.consulent, { hours: 200 });
    expect((await agent.get(`/clients/${id}/placements`)).text).not.toContain(TEXT);
  });
});

describe('placements: after-care', () => {
  it('signals an overdue check-in from the day after its date, on the page and for the team', async () => {
    const first = await setup();
    const { ctx, id } = first;
    const pid = insertPlacement(ctx, id, { kind: 'BETAALD_WERK', startOn: '2026-11-02', status: 'IN_VOORBEREIDING' });
    await first.agent.post(`/clients/${id}/placements/readiness`).type('form').send({ _csrf: first.csrf, ...confirmAll() });
    await first.agent.post(`/clients/${id}/placements/${pid}/activate`).type('form').send({ _csrf: first.csrf, version: '1' });
    ctx.clock.set('2026-12-02T09:00:00.000Z'); // the date of the first check-in: not yet overdue
    const onTime = await (await ctx.login('consulent')).agent.get(`/clients/${id}/placements`);
    expect(onTime.status).toBe(200);
    expect(onTime.text).not.toContain('Nazorg te laat');
    expect(aftercareOverdueForTeam(ctx.db, ctx.teamA, '2026-12-02')).toEqual([]);
    ctx.clock.set('2026-12-03T09:00:00.000Z');
    const { agent, csrf } = await ctx.login('consulent');
    const late = await agent.get(`/clients/${id}/placements`);
    expect(late.text).toContain('Nazorg te laat');
    const overdue = aftercareOverdueForTeam(ctx.db, ctx.teamA, '2026-12-03');
    expect(overdue).toHaveLength(1);
    expect(overdue[0]).toMatchObject({ clientId: id, placementId: pid, dueOn: '2026-12-02' });
    expect(aftercareOverdueForTeam(ctx.db, ctx.teamB, '2026-12-03')).toEqual([]);

    const cid = overdue[0]!.checkinId;
    const noNote = await agent
      .post(`/clients/${id}/placements/checkins/${cid}`)
      .type('form')
      .send({ _csrf: csrf, version: '1', [`dueOn-${cid}`]: '2026-12-02', done: 'ja', [`note-${cid}`]: '' });
    expect(noNote.status).toBe(400);
    expect(noNote.text).toContain('Vul in wat er uit het nazorgmoment kwam');
    const done = await agent
      .post(`/clients/${id}/placements/checkins/${cid}`)
      .type('form')
      .send({ _csrf: csrf, version: '1', [`dueOn-${cid}`]: '2026-12-02', done: 'ja', [`note-${cid}`]: 'Gaat goed, werkgever tevreden' });
    expect(done.status).toBe(303);
    expect(aftercareOverdueForTeam(ctx.db, ctx.teamA, '2026-12-03')).toEqual([]);
    const page = await agent.get(`/clients/${id}/placements`);
    expect(page.text).not.toContain('Nazorg te laat');
    expect(page.text).toContain('Gaat goed, werkgever tevreden');
  });
});

describe('placements: access', () => {
  it('hides another team’s client (404), refuses admins (403) and redirects anonymous users', async () => {
    const { ctx, id } = await setup();
    insertPlacement(ctx, id, { kind: 'BETAALD_WERK', startOn: '2026-10-01', organisation: 'Geheime Werkgever BV' });
    const other = await ctx.login('otherConsulent');
    const res = await other.agent.get(`/clients/${id}/placements`);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('Geheime Werkgever BV');
    const post = await other.agent.post(`/clients/${id}/placements`).type('form').send({ _csrf: other.csrf, ...validPlacement });
    expect(post.status).toBe(404);
    const admin = await ctx.login('admin');
    expect((await admin.agent.get(`/clients/${id}/placements`)).status).toBe(403);
    const { default: request } = await import('supertest');
    const anon = await request(ctx.app).get(`/clients/${id}/placements`);
    expect(anon.status).toBe(303);
    expect(anon.headers.location).toBe('/login');
  });

  it('team overview: teamleider sees own team only; consulent and admin get 403', async () => {
    const { ctx, id } = await setup();
    insertPlacement(ctx, id, { kind: 'BETAALD_WERK', startOn: '2026-10-01', organisation: 'Bakkerij Van Dam' });
    insertPlacement(ctx, id, { kind: 'STAGE', startOn: '2026-10-01', organisation: 'Bakkerij Van Dam', plannedEndOn: '2026-12-15' });
    insertPlacement(ctx, id, { kind: 'STAGE', startOn: '2026-10-01', organisation: 'Later BV', plannedEndOn: '2026-12-23' });
    const otherClient = zRouteClient(ctx.db, ctx.teamB, ctx.users.otherConsulent);
    insertPlacement(ctx, otherClient, { kind: 'BETAALD_WERK', startOn: '2026-10-01', organisation: 'Ander Team BV' });
    const lead = await ctx.login('teamleider');
    const res = await lead.agent.get('/team/placements');
    expect(res.status).toBe(200);
    expect(res.text).toContain('3 actieve plaatsen');
    expect(res.text).toContain('Bakkerij Van Dam');
    expect(res.text).not.toContain('Ander Team BV');
    // ending within 4 weeks (24 nov + 28 days = 22 dec): the stage ending 15 dec, not the one ending 23 dec
    const ending = res.text.split('Plaatsen die binnen 4 weken aflopen')[1]!.split('<h2')[0]!;
    expect(ending).toContain('15 december 2026');
    expect(ending).not.toContain('Later BV');
    const consulent = await ctx.login('consulent');
    expect((await consulent.agent.get('/team/placements')).status).toBe(403);
    const admin = await ctx.login('admin');
    expect((await admin.agent.get('/team/placements')).status).toBe(403);
  });
});
