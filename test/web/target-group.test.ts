import { describe, expect, it } from 'vitest';
import { findTargetGroupFacts } from '../../src/db/target-group.js';
import { buildTestApp } from '../helpers/app.js';
import { insertClient } from '../helpers/fixtures.js';

describe('target-group page, caseload filter and the enforcement hint', async () => {
  const ctx = await buildTestApp();
  const { db, teamA, users } = ctx;

  it('saves the facts; a bad date is shown next to its field with the choices kept; the hint shows where enforcement is offered', async () => {
    const id = insertClient(db, { teamId: teamA, consulentId: users.consulent, doelgroep: 'GEZINSMIGRANT', lastName: 'Zonderuitkering' });
    const { agent, csrf } = await ctx.login('consulent');
    expect((await agent.get(`/clients/${id}/enforcement`)).text).not.toContain('Gezinsmigrant zonder uitkering:');
    const bad = await agent
      .post(`/clients/${id}/target-group`)
      .type('form')
      .send({ _csrf: csrf, version: '1', pwUitkering: 'ja', pwUitkeringSince: '31-02-2026', laaggeletterd: 'ja' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('is geen geldige datum');
    expect(bad.text).toMatch(/name="laaggeletterd" value="ja" checked/);
    const ok = await agent.post(`/clients/${id}/target-group`).type('form').send({ _csrf: csrf, version: '1', pwUitkering: 'nee', laaggeletterd: 'ja' });
    expect(ok.status).toBe(303);
    expect(findTargetGroupFacts(db, id)).toEqual({ pwUitkering: false, pwUitkeringSince: null, laaggeletterd: true, ondertussengroep: false });
    expect((await agent.get(`/clients/${id}/target-group`)).text).toContain('Geen uitkering, dus geen drukmiddel via de uitkering.');
    expect((await agent.get(`/clients/${id}/enforcement`)).text).toContain('Gezinsmigrant zonder uitkering:');
    const list = await agent.get('/caseload?group=GEZINSMIGRANT_ZONDER_UITKERING');
    expect(list.text).toContain('Zonderuitkering');
    expect(list.text).toContain('<option value="GEZINSMIGRANT_ZONDER_UITKERING" selected>');
  });
});
