import { describe, expect, it } from 'vitest';
import { listDuoLines } from '../../src/db/duo.js';
import { buildTestApp } from '../helpers/app.js';
import { zRouteClient } from '../helpers/fixtures.js';

describe('DUO pages (HTTP)', () => {
  it('a decision puts a line on the client page and the team worklist; marking it passed takes it off', async () => {
    const ctx = await buildTestApp();
    const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    const { agent, csrf } = await ctx.login('consulent');
    const dec = await agent
      .post(`/clients/${id}/decisions`)
      .type('form')
      .send({ _csrf: csrf, kind: 'PVT_COMPLETED', decidedOn: '2026-11-20', reason: 'Certificaat', completedOn: '2026-11-18', action: 'save' });
    expect(dec.status).toBe(303);
    const [line] = listDuoLines(ctx.db, id);
    expect(line).toMatchObject({ fact: 'PVT_COMPLETED' });
    const lead = await ctx.login('teamleider');
    const worklist = await lead.agent.get('/duo');
    expect(worklist.status).toBe(200);
    expect(worklist.text).toContain('PVT afgerond op 20 november 2026');
    const bad = await agent.post(`/clients/${id}/duo/${line!.id}/passed`).type('form').send({ _csrf: csrf, passedOn: '31-02-2026', version: '1' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('geen geldige datum');
    const done = await agent.post(`/clients/${id}/duo/${line!.id}/passed`).type('form').send({ _csrf: csrf, passedOn: '24-11-2026', version: '1' });
    expect(done.status).toBe(303);
    expect((await lead.agent.get('/duo')).text).toContain('Alles is doorgegeven');
    expect((await agent.get(`/clients/${id}/duo`)).text).toContain('Doorgegeven op 24-11-2026');
  });

  it('a new inburgeringsplichtige from DUO opens the registration with BSN and start date filled in', async () => {
    const ctx = await buildTestApp();
    const { agent, csrf } = await ctx.login('consulent');
    const bad = await agent.post('/duo/newcomers').type('form').send({ _csrf: csrf, receivedOn: '2026-11-23', bsn: '12', dutyStartOn: '' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Het BSN bestaat uit 9 cijfers');
    const ok = await agent.post('/duo/newcomers').type('form').send({ _csrf: csrf, receivedOn: '2026-11-23', bsn: '111222333', dutyStartOn: '2026-11-01' });
    expect(ok.status).toBe(303);
    const list = await agent.get('/duo');
    const href = /href="(\/clients\/new\?duo=\d+)"/.exec(list.text)![1]!;
    const form = await agent.get(href);
    expect(form.status).toBe(200);
    expect(form.text).toContain('value="111222333"');
    expect(form.text).toContain('2026-11-01');
  });
});
