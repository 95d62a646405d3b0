import { describe, expect, it } from 'vitest';
import { refreshClientStatus } from '../../src/db/client-status.js';
import { buildTestApp } from '../helpers/app.js';
import { addConversation, addDecision, addHours, status, zRouteClient } from '../helpers/fixtures.js';

async function setup() {
  const ctx = await buildTestApp();
  const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
  const { agent, csrf } = await ctx.login('consulent');
  const domains = ctx.db.prepare('SELECT id FROM leefdomeinen ORDER BY sort_order').pluck().all() as number[];
  return { ctx, id, agent, csrf, domains };
}

describe('voortgangsgesprek', () => {
  it('prefills the scores from the intake and shows "vorige"', async () => {
    const { ctx, id, agent, domains } = await setup();
    const intakeId = ctx.db.prepare('SELECT id FROM intakes WHERE client_id = ?').pluck().get(id);
    ctx.db.prepare('INSERT INTO intake_scores (intake_id, leefdomein_id, score, note) VALUES (?, ?, 3, ?)').run(intakeId, domains[0], 'Schulden');
    const res = await agent.get(`/clients/${id}/conversations/new`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('(vorige: 3)');
    expect(res.text).toContain('Vooraf ingevuld met de scores van de brede intake');
    expect(res.text).toMatch(new RegExp(`name="score_${domains[0]}" value="3" checked`));
  });

  it('saves scores, content and agreements (empty rows ignored), shows the next due date', async () => {
    const { ctx, id, agent, csrf, domains } = await setup();
    const res = await agent
      .post(`/clients/${id}/conversations/new`)
      .type('form')
      .send({
        _csrf: csrf,
        heldOn: '2026-11-20',
        clientPresent: 'on',
        consulentPresent: 'on',
        coachName: 'Karin Coach',
        [`score_${domains[0]}`]: '4',
        [`note_${domains[0]}`]: 'Betaalt rekeningen zelf',
        goingWell: 'Gaat elke week naar het taalcafé',
        agreement_0_description: 'Aanmelden bij de vrijwilligerscentrale',
        agreement_0_owner: 'CLIENT',
        agreement_0_due: '2026-12-15',
        agreement_1_description: '',
      });
    expect(res.status).toBe(303);
    const cid = Number(String(res.headers.location).split('/').pop());
    expect(ctx.db.prepare('SELECT score FROM conversation_scores WHERE conversation_id = ?').pluck().all(cid)).toEqual([4]);
    expect(ctx.db.prepare('SELECT COUNT(*) FROM agreements WHERE conversation_id = ?').pluck().get(cid)).toBe(1);
    expect(status(ctx.db, id)).toMatchObject({ last_conversation_on: '2026-11-20', next_conversation_due: '2027-02-20' });
    const page = await agent.get(String(res.headers.location));
    expect(page.text).toContain('20 februari 2027');
    expect(page.text).toContain('Gaat elke week naar het taalcafé');
    expect(page.text).toContain('Participatiecoach: Karin Coach');
    const next = await agent.get(`/clients/${id}/conversations/new`);
    expect(next.text).toContain('(vorige: 4)');
    expect(next.text).toContain('Vooraf ingevuld met de scores van het gesprek van 20 november 2026');
  });

  it('refuses a partial agreement row and a bad score, keeping the input', async () => {
    const { id, agent, csrf, domains } = await setup();
    const res = await agent
      .post(`/clients/${id}/conversations/new`)
      .type('form')
      .send({
        _csrf: csrf,
        heldOn: '2026-11-20',
        [`score_${domains[1]}`]: '7',
        barriers: 'Kinderopvang',
        agreement_0_description: 'Iets afspreken',
      });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Afspraak 1: kies wie het doet');
    expect(res.text).toContain('Afspraak 1: vul de datum in');
    expect(res.text).toContain('kies een score van 1 tot en met 5');
    expect(res.text).toContain('Kinderopvang');
    expect(res.text).toContain('Iets afspreken');
  });

  it('lists and shows conversations; other team 404, admin 403', async () => {
    const { ctx, id, agent } = await setup();
    const cid = addConversation(ctx.db, id, 'VOORTGANG', '2026-10-01', ctx.users.consulent);
    const list = await agent.get(`/clients/${id}/conversations`);
    expect(list.text).toContain('1 oktober 2026');
    expect((await agent.get(`/clients/${id}/conversations/${cid}`)).status).toBe(200);
    const other = await ctx.login('otherConsulent');
    expect((await other.agent.get(`/clients/${id}/conversations/${cid}`)).status).toBe(404);
    expect((await other.agent.get(`/clients/${id}/conversations`)).status).toBe(404);
    const admin = await ctx.login('admin');
    expect((await admin.agent.get(`/clients/${id}/conversations`)).status).toBe(403);
  });
});

function meetPreEnd(ctx: Awaited<ReturnType<typeof setup>>['ctx'], id: number) {
  addHours(ctx.db, id, 'LANGUAGE', 400, ctx.users.consulent);
  addHours(ctx.db, id, 'PARTICIPATION', 300, ctx.users.consulent);
  addDecision(ctx.db, id, 'PVT_COMPLETED', ctx.users.consulent);
  refreshClientStatus(ctx.db, id, '2026-11-24');
}

const preEndForm = {
  heldOn: '2026-11-20',
  clientPresent: 'on',
  consulentPresent: 'on',
  coachName: 'Karin Coach',
  stillNeeded: 'Nog 400 uur taal en 500 uur participatie',
  plan_WERKERVARINGSPLEK: 'on',
  endInfoGiven: 'on',
  agreement_0_description: 'Werkervaringsplek zoeken in de zorg',
  agreement_0_owner: 'COACH',
  agreement_0_due: '2027-01-31',
  readBack: 'on',
  sharedWithCoach: 'on',
  debrief: 'Goed gesprek',
};

describe('pre-eindgesprek', () => {
  it('shows what is missing and refuses a POST when the conditions are not met (399 language hours)', async () => {
    const { ctx, id, agent, csrf } = await setup();
    addHours(ctx.db, id, 'LANGUAGE', 399, ctx.users.consulent);
    addHours(ctx.db, id, 'PARTICIPATION', 300, ctx.users.consulent);
    addDecision(ctx.db, id, 'PVT_COMPLETED', ctx.users.consulent);
    const page = await agent.get(`/clients/${id}/pre-end`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('voldoet nog niet aan de voorwaarden');
    expect(page.text).toContain('Nog 1 uur taalles nodig (399 van 400)');
    expect(page.text).not.toContain('Pre-eindgesprek opslaan');
    const res = await agent.post(`/clients/${id}/pre-end`).type('form').send({ _csrf: csrf, ...preEndForm });
    expect(res.status).toBe(409);
    expect(res.text).toContain('Nog 1 uur taalles nodig (399 van 400)');
    expect(ctx.db.prepare("SELECT COUNT(*) FROM conversations WHERE kind = 'PRE_EIND'").pluck().get()).toBe(0);
  });

  it('refuses without PVT, and for a client on another route', async () => {
    const { ctx, id, agent, csrf } = await setup();
    addHours(ctx.db, id, 'LANGUAGE', 600, ctx.users.consulent);
    addHours(ctx.db, id, 'PARTICIPATION', 300, ctx.users.consulent);
    const res = await agent.post(`/clients/${id}/pre-end`).type('form').send({ _csrf: csrf, ...preEndForm });
    expect(res.status).toBe(409);
    expect(res.text).toContain('PVT nog niet afgerond');
  });

  it('is allowed when met: saves PRE_EIND with linked agreements and a printable afsprakenplan', async () => {
    const { ctx, id, agent, csrf } = await setup();
    meetPreEnd(ctx, id);
    const page = await agent.get(`/clients/${id}/pre-end`);
    expect(page.text).toContain('De cliënt voldoet aan de voorwaarden voor het pre-eindgesprek');
    expect(page.text).toContain('vroeg: de leidraad noemt 400 tot 600 uur');
    const res = await agent.post(`/clients/${id}/pre-end`).type('form').send({ _csrf: csrf, ...preEndForm });
    expect(res.status).toBe(303);
    const cid = Number(String(res.headers.location).split('/').pop());
    const conv = ctx.db.prepare('SELECT kind, content FROM conversations WHERE id = ?').get(cid) as { kind: string; content: string };
    expect(conv.kind).toBe('PRE_EIND');
    expect(JSON.parse(conv.content)).toMatchObject({ futurePlan: ['WERKERVARINGSPLEK'], readBack: true, sharedWithCoach: true, endInfoGiven: true });
    expect(ctx.db.prepare('SELECT COUNT(*) FROM agreements WHERE conversation_id = ?').pluck().get(cid)).toBe(1);
    expect(status(ctx.db, id)).toMatchObject({ pre_end_held_on: '2026-11-20', phase: expect.any(String) });
    const plan = await agent.get(`/clients/${id}/conversations/${cid}/afsprakenplan`);
    expect(plan.status).toBe(200);
    expect(plan.text).toContain('Werkervaringsplek zoeken in de zorg');
    expect(plan.text).toContain('Participatiecoach');
    expect(plan.text).toContain('participatiecoach Karin Coach');
  });

  it('requires the coach and at least one agreement', async () => {
    const { ctx, id, agent, csrf } = await setup();
    meetPreEnd(ctx, id);
    const res = await agent
      .post(`/clients/${id}/pre-end`)
      .type('form')
      .send({ _csrf: csrf, ...preEndForm, coachName: '', agreement_0_description: '', agreement_0_owner: '', agreement_0_due: '' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Vul de naam van de participatiecoach in');
    expect(res.text).toContain('Leg minstens één afspraak vast in het afsprakenplan');
    expect(res.text).toContain('Nog 400 uur taal en 500 uur participatie');
  });
});

function meetEnd(ctx: Awaited<ReturnType<typeof setup>>['ctx'], id: number) {
  addHours(ctx.db, id, 'LANGUAGE', 800, ctx.users.consulent);
  addHours(ctx.db, id, 'PARTICIPATION', 760, ctx.users.consulent);
  addHours(ctx.db, id, 'MAP', 40, ctx.users.consulent);
  for (const k of ['KNM_COMPLETED', 'MAP_COMPLETED', 'PVT_COMPLETED']) addDecision(ctx.db, id, k, ctx.users.consulent);
}

const endForm = {
  heldOn: '2026-11-20',
  clientPresent: 'on',
  consulentPresent: 'on',
  portfolioLanguage: 'A2 lezen behaald',
  outcome: 'PLACE',
  outcomeDetail: 'Werkt 20 uur bij de supermarkt',
  naturalisationWish: 'JA',
  certificateOn: '2026-11-23',
};

describe('eindgesprek', () => {
  it('refuses with the reasons shown when the conditions are not met and no reason is given', async () => {
    const { ctx, id, agent, csrf } = await setup();
    addHours(ctx.db, id, 'LANGUAGE', 800, ctx.users.consulent);
    addHours(ctx.db, id, 'PARTICIPATION', 799, ctx.users.consulent);
    const page = await agent.get(`/clients/${id}/end`);
    expect(page.text).toContain('Nog 1 uur participatie nodig (799 van 800)');
    expect(page.text).toContain('KNM nog niet afgerond');
    const res = await agent.post(`/clients/${id}/end`).type('form').send({ _csrf: csrf, ...endForm });
    expect(res.status).toBe(409);
    expect(res.text).toContain('Nog 1 uur participatie nodig (799 van 800)');
    expect(res.text).toContain('Vul een reden in om toch af te sluiten');
    const client = ctx.db.prepare('SELECT closed_on FROM clients WHERE id = ?').get(id) as { closed_on: string | null };
    expect(client.closed_on).toBeNull();
  });

  it('closes the trajectory when met; new hours are then refused, pages stay readable', async () => {
    const { ctx, id, agent, csrf } = await setup();
    meetEnd(ctx, id);
    const res = await agent.post(`/clients/${id}/end`).type('form').send({ _csrf: csrf, ...endForm });
    expect(res.status).toBe(303);
    const client = ctx.db.prepare('SELECT closed_on, closure_reason FROM clients WHERE id = ?').get(id);
    expect(client).toEqual({ closed_on: '2026-11-23', closure_reason: 'EINDGESPREK' });
    expect(status(ctx.db, id)).toMatchObject({ closed_on: '2026-11-23', end_held_on: '2026-11-20', phase: 'CLOSED' });
    const ev = ctx.db.prepare("SELECT COUNT(*) FROM client_events WHERE client_id = ? AND kind = 'CLOSED'").pluck().get(id);
    expect(ev).toBe(1);
    const hours = await agent
      .post(`/clients/${id}/hours`)
      .type('form')
      .send({ _csrf: csrf, kind: 'LANGUAGE', periodStart: '2026-11-01', periodEnd: '2026-11-20', hours: '4' });
    expect(hours.status).toBe(409);
    expect(hours.text).toContain('is afgesloten op 23 november 2026');
    const conv = await agent.get(`/clients/${id}/conversations/new`);
    expect(conv.status).toBe(409);
    const dec = await agent.post(`/clients/${id}/decisions`).type('form').send({ _csrf: csrf, kind: 'GUIDANCE_HOURS', decidedOn: '2026-11-20', reason: 'x', action: 'save' });
    expect(dec.status).toBe(409);
    expect((await agent.get(`/clients/${id}/hours`)).status).toBe(200);
    const endPage = await agent.get(`/clients/${id}/end`);
    expect(endPage.text).toContain('Het traject is afgesloten op 23 november 2026');
  });

  it('closes with an override reason when not met, and stores it', async () => {
    const { ctx, id, agent, csrf } = await setup();
    addHours(ctx.db, id, 'LANGUAGE', 790, ctx.users.consulent);
    const res = await agent
      .post(`/clients/${id}/end`)
      .type('form')
      .send({ _csrf: csrf, ...endForm, overrideReason: 'Verhuist naar het buitenland; afgestemd met teamleider' });
    expect(res.status).toBe(303);
    const conv = ctx.db.prepare("SELECT override_reason, approval_status FROM conversations WHERE kind = 'EIND'").get();
    expect(conv).toEqual({ override_reason: 'Verhuist naar het buitenland; afgestemd met teamleider', approval_status: 'NOT_REQUIRED' });
    expect(status(ctx.db, id).closed_on).toBe('2026-11-23');
  });

  it('validates the outcome and the certificate date', async () => {
    const { ctx, id, agent, csrf } = await setup();
    meetEnd(ctx, id);
    const res = await agent
      .post(`/clients/${id}/end`)
      .type('form')
      .send({ _csrf: csrf, ...endForm, outcome: '', certificateOn: '2026-11-01' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Kies de uitkomst');
    const res2 = await agent.post(`/clients/${id}/end`).type('form').send({ _csrf: csrf, ...endForm, certificateOn: '2026-11-01' });
    expect(res2.status).toBe(400);
    expect(res2.text).toContain('mag niet voor de datum van het gesprek liggen');
    expect(res2.text).toContain('Werkt 20 uur bij de supermarkt');
  });
});
