import { describe, expect, it } from 'vitest';
import { listBarrierHistory } from '../../src/db/barriers.js';
import { buildTestApp } from '../helpers/app.js';
import { zRouteClient } from '../helpers/fixtures.js';

describe('barriers page and the voortgangsgesprek form', async () => {
  const ctx = await buildTestApp();
  const { db, teamA, users } = ctx;

  it('records changes next to the current statuses; a wrong value is shown next to its field and nothing typed is lost', async () => {
    const id = zRouteClient(db, teamA, users.consulent);
    const { agent, csrf } = await ctx.login('consulent');
    const page = await agent.get(`/clients/${id}/barriers`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Nu: niet ingevuld');
    const bad = await agent
      .post(`/clients/${id}/barriers`)
      .type('form')
      .send({ _csrf: csrf, statusOn: '2026-11-20', barrier_DEBTS: 'MISSCHIEN', barrier_HOUSING: 'PRESENT', note: 'Huurachterstand' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Kies speelt, opgelost of geen');
    expect(bad.text).toContain('Huurachterstand');
    expect(bad.text).toMatch(/name="barrier_HOUSING" value="PRESENT" checked/);
    const ok = await agent
      .post(`/clients/${id}/barriers`)
      .type('form')
      .send({ _csrf: csrf, statusOn: '2026-11-20', barrier_DEBTS: 'NONE', barrier_HOUSING: 'PRESENT', note: 'Huurachterstand' });
    expect(ok.status).toBe(303);
    expect(listBarrierHistory(db, id).map((b) => [b.kind, b.status])).toEqual([
      ['HOUSING', 'PRESENT'],
      ['DEBTS', 'NONE'],
    ]);
    const after = await agent.get(`/clients/${id}/barriers`);
    expect(after.text).toContain('Nu: speelt (sinds 20 november 2026)');
    const form = await agent.get(`/clients/${id}/conversations/new`);
    expect(form.text).toContain('Nu: geen (sinds 20 november 2026)');
    expect(form.text).toMatch(/name="barrier_HOUSING" value="PRESENT" checked/);
    const figures = await (await ctx.login('teamleider')).agent.get('/team/figures');
    expect(figures.text).toContain('Niet ingevuld');
  });
});
