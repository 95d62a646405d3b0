// Issue 22 in the browser's HTML: the stations bar on the dossier, the stations page and the targets on the
// figures page (charts with a text alternative and the numbers in a table).
import { describe, expect, it } from 'vitest';
import { refreshClientStatus } from '../../src/db/client-status.js';
import { buildTestApp, withCharacters } from '../helpers/app.js';
import { completeIntake, insertClient } from '../helpers/fixtures.js';

const flat = (html: string) => html.replace(/\s+/g, ' ').replace(/> </g, '><');

describe('stations and targets pages', async () => {
  const ctx = await buildTestApp();
  const id = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent, firstName: 'Wachtend', lastName: 'Persoon', linkedOn: '2026-10-01' });
  completeIntake(ctx.db, id, '2026-10-20', '2026-11-09');
  refreshClientStatus(ctx.db, id, '2026-11-24');

  it('the dossier shows the stations bar: done with dates, and the wait for the route past its limit', async () => {
    const { agent } = await ctx.login('consulent');
    const html = flat((await agent.get(`/clients/${id}`)).text);
    expect(html).toContain('<h2 id="stations-titel" class="koers-h3">Stations</h2>');
    expect(html).toMatch(/Intake afgerond<\/span><span class="koers-station__when"><span class="koers-visually-hidden">bereikt op <\/span>9 november 2026/);
    expect(html).toMatch(/koers-station--waiting koers-station--late.*Route gekozen.*Wacht 15 dagen<\/strong> \(grens 14\) <span class="koers-badge koers-badge--bad">te lang/);
  });

  it('the teamleider sees the lead times and who waits longest; the consulent may not', async () => {
    const { agent } = await ctx.login('teamleider');
    const res = await agent.get('/team/stations');
    expect(res.status).toBe(200);
    const html = flat(withCharacters(res.text));
    expect(html).toMatch(/<th scope="row">Intake gestart → intake afgerond<\/th><td class="koers-num">1<\/td><td class="koers-num">20<\/td><td class="koers-num">20<\/td>/);
    expect(html).toMatch(/Wachtend Persoon<\/a><\/th><td>Intake afgerond → route gekozen <span class="koers-badge koers-badge--bad">te lang/);
    const bad = await agent.get('/team/stations?from=2026-06-01&to=2026-01-01');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('De einddatum moet op of na de begindatum liggen');
    const consulent = await ctx.login('consulent');
    expect((await consulent.agent.get('/team/stations')).status).toBe(403);
  });

  it('the figures page shows each target with its light, and a chart with a text alternative and a table', async () => {
    const { agent } = await ctx.login('teamleider');
    const html = flat((await agent.get('/team/figures?from=2026-10-01&to=2026-11-24')).text);
    expect(html).toMatch(/Intake gestart binnen de termijn<\/h3><p><span class="koers-light koers-light--green">.*Doel gehaald<\/span><\/p><p><strong>100%<\/strong> \(1 van 1\) · doel 80%/);
    expect(html).toMatch(/<svg class="koers-trend"[^>]*role="img" aria-labelledby="trend-t-0 trend-d-0"/);
    expect(html).toContain('<desc id="trend-d-0">K1 2026: geen cliënten; K2 2026: geen cliënten; K3 2026: geen cliënten; K4 2026: 100%. Doel 80%.</desc>');
    expect(html).toContain('<tr><th scope="row">K4 2026</th><td class="koers-num">100%</td><td class="koers-num">1 van 1</td></tr>');
    expect(html).toContain('<th scope="row">4e kwartaal 2026</th><td class="koers-num">1</td>');
    expect(html).not.toMatch(/style=/);
  });

  it('the discretion page says it is not a ranking and does not compare small caseloads', async () => {
    const { agent } = await ctx.login('teamleider');
    const res = await agent.get('/team/discretion');
    expect(res.status).toBe(200);
    const html = flat(withCharacters(res.text));
    expect(html).toContain('Voor reflectie in het team, niet als ranglijst.');
    expect(html).toContain('te weinig om te vergelijken');
  });

  it('the monitor export comes as CSV and JSON, without personal data', async () => {
    const { agent } = await ctx.login('teamleider');
    const csv = await agent.get('/team/figures/export.csv?from=2026-01-01&to=2026-11-24');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="kengetallen-2026-01-01-2026-11-24.csv"');
    expect(csv.text).not.toContain('Wachtend');
    const json = await agent.get('/team/figures/export.json?from=2026-01-01&to=2026-11-24');
    expect(json.status).toBe(200);
    expect(json.body.minCellSize).toBe(5);
    expect(JSON.stringify(json.body)).not.toContain('Persoon');
    const bad = await agent.get('/team/figures/export.json?from=2026-06-01&to=2026-01-01');
    expect(bad.status).toBe(400);
    const audit = ctx.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'monitorcijfers-geexporteerd'").pluck().get();
    expect(audit).toBe(2);
  });
});
