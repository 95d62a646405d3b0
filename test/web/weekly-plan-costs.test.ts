import { describe, expect, it } from 'vitest';
import { listCostLines } from '../../src/db/costs.js';
import { buildTestApp, withCharacters } from '../helpers/app.js';
import { zRouteClient } from '../helpers/fixtures.js';

describe('weekly plan and costs pages', async () => {
  const ctx = await buildTestApp();
  const { db, teamA, users } = ctx;

  it('shows a clash on the weekly plan and the week on the print view', async () => {
    const id = zRouteClient(db, teamA, users.consulent);
    const { agent, csrf } = await ctx.login('consulent');
    const add = (body: Record<string, string>) => agent.post(`/clients/${id}/weekly-plan/entries`).type('form').send({ _csrf: csrf, ...body });
    expect((await add({ activity: 'TAALLES', label: 'Taalles bij De Brug', weekday: '2', dayPart: 'OCHTEND' })).status).toBe(303);
    const bad = await add({ activity: 'PARTICIPATIE', label: 'Stage bij de bakker', weekday: '2', start: '11.30', end: '' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Vul ook de eindtijd in');
    expect(bad.text).toContain('Stage bij de bakker');
    expect((await add({ activity: 'PARTICIPATIE', label: 'Stage bij de bakker', weekday: '2', start: '11.30', end: '15:00' })).status).toBe(303);
    const page = await agent.get(`/clients/${id}/weekly-plan`);
    expect(withCharacters(page.text)).toContain('Op dinsdag zijn twee activiteiten tegelijk: Taalles bij De Brug (09:00–12:00) en Stage bij de bakker (11:30–15:00).');
    const print = await agent.get(`/clients/${id}/weekly-plan/print`);
    expect(print.text).toContain('Mijn week');
    expect(print.text).toContain('11:30 tot 15:00');
  });

  it('refuses to go over the budget without a reason, next to the field, keeping what was typed', async () => {
    const id = zRouteClient(db, teamA, users.consulent);
    const { agent, csrf } = await ctx.login('consulent');
    const post = (body: Record<string, string>) =>
      agent.post(`/clients/${id}/costs`).type('form').send({ _csrf: csrf, component: 'TAALCURSUS', kind: 'VERPLICHTING', bookedOn: '2026-11-20', ...body });
    expect((await post({ amountCents: '9.000,00', description: 'Taaltraject' })).status).toBe(303);
    const refused = await post({ amountCents: '1.000,01', description: 'Extra lessen schrijven' });
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/id="veld-overBudgetReason-fout">.*boven het budget van/s);
    expect(refused.text).toContain('value="1.000,01"');
    expect(refused.text).toContain('Extra lessen schrijven');
    expect((await post({ amountCents: '1.000,01', description: 'Extra lessen schrijven', overBudgetReason: 'Examen over 2 maanden' })).status).toBe(303);
    expect(listCostLines(db, id)[0]).toMatchObject({ amountCents: 100_001, overBudgetReason: 'Examen over 2 maanden' });
    expect((await agent.get(`/clients/${id}/costs`)).text).toContain('Boven het budget.');
    const team = await (await ctx.login('teamleider')).agent.get('/team/costs?from=2026-11-01&to=2026-11-24');
    expect(team.status).toBe(200);
    expect(team.text).toContain('Taalcursus (ingekocht bij de aanbieder)');
  });

  it('withdraws a cost line booked by mistake with a reason: shown struck through, no longer counted for the budget or the team', async () => {
    const id = zRouteClient(db, teamA, users.consulent);
    const { agent, csrf } = await ctx.login('consulent');
    const book = (amount: string, description: string) =>
      agent.post(`/clients/${id}/costs`).type('form').send({ _csrf: csrf, component: 'TOLK', kind: 'KOSTEN', bookedOn: '2026-11-20', amountCents: amount, description });
    expect((await book('8.500,00', 'Tolk intake (verkeerd bedrag)')).status).toBe(303);
    const [line] = listCostLines(db, id);
    const page = await agent.get(`/clients/${id}/costs`);
    expect(page.text).toContain('Let op: 85% van het budget is gebruikt.');
    expect(page.text).toContain(`href="/clients/${id}/costs/${line!.id}/cancel"`);

    const noReason = await agent.post(`/clients/${id}/costs/${line!.id}/cancel`).type('form').send({ _csrf: csrf, reason: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('id="veld-reason-fout"');
    expect(listCostLines(db, id)[0]!.cancelledAt).toBeNull();
    const done = await agent.post(`/clients/${id}/costs/${line!.id}/cancel`).type('form').send({ _csrf: csrf, reason: 'Bedrag was 85,00' });
    expect(done.status).toBe(303);
    expect(listCostLines(db, id)[0]).toMatchObject({ cancelReason: 'Bedrag was 85,00' });
    expect(db.prepare(`SELECT summary FROM client_events WHERE ref_table = 'cost_lines' AND ref_id = ?`).pluck().all(line!.id)).toContainEqual(
      expect.stringContaining('Kostenregel ingetrokken'),
    );
    const after = await agent.get(`/clients/${id}/costs`);
    expect(withCharacters(after.text)).toMatch(/<del>€\s8\.500,00<\/del>/);
    expect(withCharacters(after.text)).toMatch(/Gebruikt: <strong>€\s0,00<\/strong>/);
    expect(after.text).not.toContain(`href="/clients/${id}/costs/${line!.id}/cancel"`);
    const again = await agent.post(`/clients/${id}/costs/${line!.id}/cancel`).type('form').send({ _csrf: csrf, reason: 'Nog eens' });
    expect(again.status).toBe(409);
    const team = await (await ctx.login('teamleider')).agent.get('/team/costs?from=2026-11-01&to=2026-11-24');
    expect(withCharacters(team.text)).not.toMatch(/€\s8\.500,00/);
    // Another team cannot see or withdraw the line.
    const stranger = await ctx.login('otherConsulent');
    expect((await stranger.agent.get(`/clients/${id}/costs/${line!.id}/cancel`)).status).toBe(404);
  });
});
