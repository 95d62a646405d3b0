import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { addAgreement, status, zRouteClient } from '../helpers/fixtures.js';

async function setup() {
  const ctx = await buildTestApp();
  const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
  const { agent, csrf } = await ctx.login('consulent');
  return { ctx, id, agent, csrf };
}

describe('agreements', () => {
  it('marks overdue agreements with a badge and text', async () => {
    const { ctx, id, agent } = await setup();
    addAgreement(ctx.db, id, '2026-11-01', ctx.users.consulent);
    addAgreement(ctx.db, id, '2026-12-31', ctx.users.consulent);
    addAgreement(ctx.db, id, '2026-10-01', ctx.users.consulent, 'GEREALISEERD');
    const res = await agent.get(`/clients/${id}/agreements`);
    expect(res.status).toBe(200);
    expect(res.text.match(/>te laat</g)).toHaveLength(1);
    expect(res.text).toContain('Te laat: had klaar moeten zijn op 1 november 2026');
    expect(res.text).toContain('1 afspraak is te laat');
  });

  it('adds an agreement with validation', async () => {
    const { ctx, id, agent, csrf } = await setup();
    const bad = await agent
      .post(`/clients/${id}/agreements`)
      .type('form')
      .send({ _csrf: csrf, agreement_0_description: 'Cv maken', agreement_0_owner: 'CLIENT', agreement_0_due: '2026-11-01' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('de datum mag niet voor de gespreksdatum liggen');
    expect(bad.text).toContain('Cv maken');
    const ok = await agent
      .post(`/clients/${id}/agreements`)
      .type('form')
      .send({ _csrf: csrf, agreement_0_description: 'Cv maken', agreement_0_owner: 'CLIENT', agreement_0_due: '2026-12-10' });
    expect(ok.status).toBe(303);
    expect(status(ctx.db, id).open_agreement_due_min).toBe('2026-12-10');
  });

  it('status flow OPEN → LOOPT_ACHTER → HERZIEN (note required) → GEREALISEERD with history and version', async () => {
    const { ctx, id, agent, csrf } = await setup();
    const aid = addAgreement(ctx.db, id, '2026-12-01', ctx.users.consulent);
    const post = (body: Record<string, string>) =>
      agent.post(`/clients/${id}/agreements/${aid}/status`).type('form').send({ _csrf: csrf, ...body });
    expect((await post({ status: 'LOOPT_ACHTER', note: 'Ziek geweest', version: '1' })).status).toBe(303);
    const noNote = await post({ status: 'HERZIEN', version: '2' });
    expect(noNote.status).toBe(400);
    expect(noNote.text).toContain('Vul bij herzien in wat de nieuwe afspraak is');
    const stale = await post({ status: 'GEREALISEERD', version: '1' });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('Iemand anders heeft deze afspraak intussen gewijzigd');
    expect((await post({ status: 'HERZIEN', note: 'Nieuwe datum in januari', version: '2' })).status).toBe(303);
    expect((await post({ status: 'GEREALISEERD', version: '3' })).status).toBe(303);
    const hist = ctx.db
      .prepare('SELECT status FROM agreement_status_history WHERE agreement_id = ? ORDER BY id')
      .pluck()
      .all(aid);
    expect(hist).toEqual(['LOOPT_ACHTER', 'HERZIEN', 'GEREALISEERD']);
    expect(status(ctx.db, id).open_agreement_due_min).toBeNull();
    const page = await agent.get(`/clients/${id}/agreements`);
    expect(page.text).toContain('Ziek geweest');
    expect(page.text).toContain('Nieuwe datum in januari');
  });

  it('access: other team 404, admin 403', async () => {
    const { ctx, id } = await setup();
    const other = await ctx.login('otherConsulent');
    expect((await other.agent.get(`/clients/${id}/agreements`)).status).toBe(404);
    const admin = await ctx.login('admin');
    expect((await admin.agent.get(`/clients/${id}/agreements`)).status).toBe(403);
  });
});
