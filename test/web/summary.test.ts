import { describe, expect, it } from 'vitest';
import { refreshClientStatus } from '../../src/db/client-status.js';
import { buildTestApp } from '../helpers/app.js';
import { addAgreement, addDecision, addHours, zRouteClient } from '../helpers/fixtures.js';

describe('client summary', () => {
  it('shows the hour bars, what is done, the next agreements and dates in plain Dutch', async () => {
    const ctx = await buildTestApp();
    const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    addHours(ctx.db, id, 'LANGUAGE', 420, ctx.users.consulent);
    addHours(ctx.db, id, 'PARTICIPATION', 300, ctx.users.consulent);
    addDecision(ctx.db, id, 'PVT_COMPLETED', ctx.users.consulent);
    addAgreement(ctx.db, id, '2026-12-15', ctx.users.consulent);
    const cid = ctx.db
      .prepare(
        `INSERT INTO conversations (client_id, kind, held_on, content, created_by, created_at, updated_at)
         VALUES (?, 'VOORTGANG', '2026-11-01', ?, ?, '2026-11-01', '2026-11-01')`,
      )
      .run(id, JSON.stringify({ goingWell: 'Spreekt Nederlands op het werk' }), ctx.users.consulent).lastInsertRowid;
    expect(cid).toBeTruthy();
    refreshClientStatus(ctx.db, id, '2026-11-24');
    const { agent } = await ctx.login('consulent');
    const res = await agent.get(`/clients/${id}/summary`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('koers-large');
    expect(res.text).toContain('u heeft 420 uur. Het doel is 800 uur.');
    expect(res.text).toContain('Nog 380 uur te gaan.');
    expect(res.text).toMatch(/<meter class="koers-meter" min="0" max="800" value="300"/);
    expect(res.text).toContain('PVT (participatieverklaring): <strong>klaar</strong>');
    expect(res.text).toContain('KNM (kennis van de Nederlandse maatschappij): <strong>nog niet klaar</strong>');
    expect(res.text).toContain('U: Testafspraak. Klaar op <strong>15 december 2026</strong>');
    expect(res.text).toContain('Spreekt Nederlands op het werk');
    expect(res.text).toContain('Uw volgende gesprek met de consulent: vóór <strong>1 februari 2027</strong>');
    const other = await ctx.login('otherConsulent');
    const denied = await other.agent.get(`/clients/${id}/summary`);
    expect(denied.status).toBe(404);
    expect(denied.text).not.toContain('Spreekt Nederlands');
    const admin = await ctx.login('admin');
    expect((await admin.agent.get(`/clients/${id}/summary`)).status).toBe(403);
  });
});
