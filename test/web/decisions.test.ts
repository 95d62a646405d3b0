import { describe, expect, it } from 'vitest';
import { addRuleSetVersion } from '../../src/db/rules.js';
import { DEFAULT_RULE_SET } from '../../src/domain/index.js';
import { buildTestApp, withCharacters } from '../helpers/app.js';
import { addDecision, addHours, chooseRoute, completeIntake, insertClient, status, zRouteClient } from '../helpers/fixtures.js';

async function setup() {
  const ctx = await buildTestApp();
  const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
  const { agent, csrf } = await ctx.login('consulent');
  return { ctx, id, agent, csrf };
}

const base = { decidedOn: '2026-11-20', reason: 'Maximale inspanning, afgestemd met de coach' };

describe('decisions', () => {
  it('previews an instrument (RTS 75% = 120) without saving, then saves and lists the effect', async () => {
    const { ctx, id, agent, csrf } = await setup();
    addHours(ctx.db, id, 'PARTICIPATION', 200, ctx.users.consulent);
    const form = { _csrf: csrf, ...base, kind: 'INSTRUMENT', instrumentCode: 'RTS', attendancePct: '75' };
    const preview = await agent.post(`/clients/${id}/decisions`).type('form').send({ ...form, action: 'preview' });
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('Telt mee als participatie: 120 uur (75% van 160)');
    expect(withCharacters(preview.text)).toContain('Participatie-uren: 200 → 320.');
    expect(ctx.db.prepare('SELECT COUNT(*) FROM decisions').pluck().get()).toBe(0);
    const save = await agent.post(`/clients/${id}/decisions`).type('form').send({ ...form, action: 'save' });
    expect(save.status).toBe(303);
    expect(status(ctx.db, id).participation_total).toBe(320);
    const page = await agent.get(`/clients/${id}/decisions`);
    expect(page.text).toContain('Telt mee als participatie: 120 uur (75% van 160)');
    expect(page.text).toContain('Maximale inspanning');
    const ev = ctx.db.prepare("SELECT COUNT(*) FROM client_events WHERE kind = 'DECISION' AND client_id = ?").pluck().get(id);
    expect(ev).toBe(1);
  });

  it('counts SIR_ONLINE 50% as 27 hours (rounded down)', async () => {
    const { id, agent, csrf } = await setup();
    const res = await agent
      .post(`/clients/${id}/decisions`)
      .type('form')
      .send({ _csrf: csrf, ...base, kind: 'INSTRUMENT', instrumentCode: 'SIR_ONLINE', attendancePct: '50', action: 'preview' });
    expect(res.text).toContain('Telt mee als participatie: 27 uur (50% van 54)');
  });

  it('turns a domain error (attendance above 100) into a Dutch field error', async () => {
    const { id, agent, csrf } = await setup();
    const res = await agent
      .post(`/clients/${id}/decisions`)
      .type('form')
      .send({ _csrf: csrf, ...base, kind: 'INSTRUMENT', instrumentCode: 'RTS', attendancePct: '120', action: 'save' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('id="veld-attendancePct-fout"');
    expect(res.text).toContain('vul een percentage van 0 tot en met 100 in');
    expect(res.text).toContain('Maximale inspanning'); // input kept
  });

  it('substitution 120 → norms 680/920 with at least 120 paid work; 201 refused', async () => {
    const { ctx, id, agent, csrf } = await setup();
    addHours(ctx.db, id, 'PAID_WORK', 150, ctx.users.consulent);
    const ok = await agent
      .post(`/clients/${id}/decisions`)
      .type('form')
      .send({ _csrf: csrf, ...base, kind: 'SUBSTITUTION', substitutionHours: '120', action: 'preview' });
    expect(ok.text).toContain('Taalnorm wordt 680, participatienorm 920, waarvan minstens 120 uur betaald werk');
    const bad = await agent
      .post(`/clients/${id}/decisions`)
      .type('form')
      .send({ _csrf: csrf, ...base, kind: 'SUBSTITUTION', substitutionHours: '201', action: 'save' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('id="veld-substitutionHours-fout"');
    expect(bad.text).toContain('maximaal 200 uur taal');
    const save = await agent
      .post(`/clients/${id}/decisions`)
      .type('form')
      .send({ _csrf: csrf, ...base, kind: 'SUBSTITUTION', substitutionHours: '120', action: 'save' });
    expect(save.status).toBe(303);
    expect(status(ctx.db, id)).toMatchObject({ language_norm: 680, participation_norm: 920 });
    const hours = await agent.get(`/clients/${id}/hours`);
    expect(hours.text).toMatch(/<meter class="koers-meter" min="0" max="680"/);
    expect(hours.text).toContain('Waarvan betaald werk');
  });

  it('guidance conversations add 30 hours once', async () => {
    const { ctx, id, agent, csrf } = await setup();
    const form = { _csrf: csrf, ...base, kind: 'GUIDANCE_HOURS', action: 'save' };
    expect((await agent.post(`/clients/${id}/decisions`).type('form').send(form)).status).toBe(303);
    expect(status(ctx.db, id).participation_total).toBe(30);
    const again = await agent.post(`/clients/${id}/decisions`).type('form').send(form);
    expect(again.status).toBe(400);
    expect(again.text).toContain('tellen al mee');
  });

  it('PVT completed makes the pre-end conditions met and says so', async () => {
    const { ctx, id, agent, csrf } = await setup();
    addHours(ctx.db, id, 'LANGUAGE', 400, ctx.users.consulent);
    addHours(ctx.db, id, 'PARTICIPATION', 300, ctx.users.consulent);
    const res = await agent
      .post(`/clients/${id}/decisions`)
      .type('form')
      .send({ _csrf: csrf, ...base, kind: 'PVT_COMPLETED', completedOn: '2026-11-10', action: 'preview' });
    expect(res.text).toContain('Hierna voldoet de cliënt aan de voorwaarden voor het pre-eindgesprek.');
    await agent
      .post(`/clients/${id}/decisions`)
      .type('form')
      .send({ _csrf: csrf, ...base, kind: 'PVT_COMPLETED', completedOn: '2026-11-10', action: 'save' });
    expect(status(ctx.db, id).pre_end_eligible).toBe(1);
    const page = await agent.get(`/clients/${id}/hours`);
    expect(page.text).toContain('Voldoende taalles: 400 van 400 uur');
    expect(page.text).toContain('PVT afgerond');
  });

  it('validation: missing reason and kind, future date; Z-only kinds refused on the B1-route', async () => {
    const { ctx, agent, csrf } = await setup();
    const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    const res = await agent.post(`/clients/${id}/decisions`).type('form').send({ _csrf: csrf, decidedOn: '2026-11-20' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Vul de reden in');
    expect(res.text).toContain('Kies het soort besluit');
    const future = await agent
      .post(`/clients/${id}/decisions`)
      .type('form')
      .send({ _csrf: csrf, ...base, decidedOn: '2026-12-01', kind: 'KNM_COMPLETED' });
    expect(future.text).toContain('De datum van het besluit mag niet na vandaag liggen');
    const b1 = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent });
    completeIntake(ctx.db, b1);
    chooseRoute(ctx.db, b1, 'B1', ctx.users.consulent);
    const sub = await agent
      .post(`/clients/${b1}/decisions`)
      .type('form')
      .send({ _csrf: csrf, ...base, kind: 'SUBSTITUTION', substitutionHours: '100', action: 'save' });
    expect(sub.status).toBe(400);
    expect(sub.text).toContain('Dit besluit kan alleen in de Z-route');
  });

  it('revokes with a reason, keeps the history and stops counting', async () => {
    const { ctx, id, agent, csrf } = await setup();
    const did = addDecision(ctx.db, id, 'GUIDANCE_HOURS', ctx.users.consulent);
    const noReason = await agent.post(`/clients/${id}/decisions/${did}/revoke`).type('form').send({ _csrf: csrf });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('Vul de reden van intrekken in');
    const res = await agent
      .post(`/clients/${id}/decisions/${did}/revoke`)
      .type('form')
      .send({ _csrf: csrf, revokeReason: 'Ten onrechte vastgelegd' });
    expect(res.status).toBe(303);
    expect(status(ctx.db, id).participation_total).toBe(0);
    const page = await agent.get(`/clients/${id}/decisions`);
    expect(page.text).toContain('ingetrokken');
    expect(page.text).toContain('Ten onrechte vastgelegd');
  });

  it('stores an instrument decision PENDING when approval is required; it does not count yet', async () => {
    const { ctx, id, agent, csrf } = await setup();
    const rules = structuredClone(DEFAULT_RULE_SET);
    rules.general.approvals.instrumentCounting = true;
    addRuleSetVersion(ctx.db, { effectiveFrom: '2026-01-01', rules, note: null, createdBy: null }, '2026-01-01T00:00:00Z');
    const res = await agent
      .post(`/clients/${id}/decisions`)
      .type('form')
      .send({ _csrf: csrf, ...base, kind: 'INSTRUMENT', instrumentCode: 'WMO', instrumentHours: '40', action: 'save' });
    expect(res.status).toBe(303);
    const row = ctx.db.prepare('SELECT approval_status FROM decisions WHERE client_id = ?').pluck().get(id);
    expect(row).toBe('PENDING');
    expect(status(ctx.db, id).participation_total).toBe(0);
    const page = await agent.get(`/clients/${id}/decisions`);
    expect(page.text).toContain('wacht op goedkeuring');
  });

  it('access: other team 404, admin 403', async () => {
    const { ctx, id } = await setup();
    const other = await ctx.login('otherConsulent');
    expect((await other.agent.get(`/clients/${id}/decisions`)).status).toBe(404);
    const admin = await ctx.login('admin');
    expect((await admin.agent.get(`/clients/${id}/decisions`)).status).toBe(403);
  });
});
