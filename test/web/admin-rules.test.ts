import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET } from '../../src/domain/index.js';
import { listRuleSetVersions, rulesInForce } from '../../src/db/rules.js';
import { valuesFromRuleSet } from '../../src/web/forms/admin-rules-form.js';
import { buildTestApp, withCharacters } from '../helpers/app.js';
import { addDecision, addHours, status, zRouteClient } from '../helpers/fixtures.js';

/** The form as the page fills it in (the rules in force), plus what the test changes. */
function form(csrf: string, changes: Record<string, string>) {
  return { _csrf: csrf, ...valuesFromRuleSet(DEFAULT_RULE_SET), ...changes };
}

describe('admin: rules editor', () => {
  it('shows the rules in force today, the history and a prefilled form', async () => {
    const ctx = await buildTestApp();
    const { agent } = await ctx.login('admin');
    const res = await agent.get('/admin/rules');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<h1>Regels en urennormen</h1>');
    expect(res.text).toContain('Minimum taalles-uren');
    expect(res.text).toContain('400 uur');
    expect(res.text).toContain('Rotterdamse Taalstart (100% = 160 uur)');
    expect(res.text).toContain('Geldt nu');
    expect(res.text).toContain('Standaardregels (Leidraad Rotterdam, Wet inburgering 2021)');

    const page = await agent.get('/admin/rules/new');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/name="z\.preEnd\.minLanguageHours" type="text" value="400"/);
    expect(page.text).toMatch(/name="z\.instruments\.0\.code" value="RTS"/);
    // four instruments plus two empty rows
    expect(page.text).toContain('name="z.instruments.5.code" value=""');
    expect(page.text).not.toContain('name="z.instruments.6.code"');
  });

  it.each(['consulent', 'teamleider'])('refuses %s with 403', async (username) => {
    const ctx = await buildTestApp();
    const { agent, csrf } = await ctx.login(username);
    expect((await agent.get('/admin/rules')).status).toBe(403);
    expect((await agent.get('/admin/rules/new')).status).toBe(403);
    expect((await agent.get('/admin/rules/versions/1')).status).toBe(403);
    const post = await agent.post('/admin/rules/new').type('form').send(form(csrf, { effectiveFrom: '2027-01-01', note: 'x', action: 'save' }));
    expect(post.status).toBe(403);
    expect(listRuleSetVersions(ctx.db)).toHaveLength(1);
  });

  it('sends an unauthenticated visitor to the log-in page', async () => {
    const ctx = await buildTestApp();
    const { default: request } = await import('supertest');
    const res = await request(ctx.app).get('/admin/rules');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login');
  });

  it('shows Dutch errors next to the fields and keeps everything typed', async () => {
    const ctx = await buildTestApp();
    const { agent, csrf } = await ctx.login('admin');
    const res = await agent
      .post('/admin/rules/new')
      .type('form')
      .send(
        form(csrf, {
          effectiveFrom: '',
          note: 'Nieuwe leidraad',
          'z.preEnd.advisedLanguageHours': '350',
          'z.end.participationHours': '-5',
          'general.caseloadNorm': 'veel',
          'z.instruments.4.code': 'RTS',
          'z.instruments.4.name': 'Nog een Taalstart',
          'z.instruments.4.fullHours': '100',
          action: 'save',
        }),
      );
    expect(res.status).toBe(400);
    expect(res.text).toContain('Vul de ingangsdatum in');
    expect(res.text).toContain(
      'Geadviseerde taalles-uren voor het pre-eindgesprek (350) mogen niet lager zijn dan het minimum (400)',
    );
    expect(res.text).toContain('Eindgesprek, participatie-uren: mag niet negatief zijn');
    // no follow-on error quoting the wrong value ("... de norm voor het eindgesprek (-5)")
    expect(res.text).not.toContain('(-5)');
    expect(res.text).toContain('Caseloadnorm: &#34;veel&#34; is geen getal');
    expect(res.text).toContain("Code van het instrument &#39;RTS&#39; komt meer dan één keer voor");
    // errors sit next to their own field, and the typed values are kept
    expect(res.text).toMatch(/id="veld-z-preEnd-advisedLanguageHours-fout"/);
    expect(res.text).toMatch(/id="veld-z-end-participationHours-fout"/);
    expect(res.text).toMatch(/id="veld-z-instruments-4-code-fout"/);
    expect(res.text).toMatch(/name="z\.preEnd\.advisedLanguageHours" type="text" value="350"/);
    expect(res.text).toMatch(/name="general\.caseloadNorm" type="text" value="veel"/);
    expect(res.text).toContain('name="z.instruments.4.name" value="Nog een Taalstart"');
    expect(res.text).toContain('Nieuwe leidraad</textarea>');
    expect(listRuleSetVersions(ctx.db)).toHaveLength(1);
  });

  it('requires a note explaining why', async () => {
    const ctx = await buildTestApp();
    const { agent, csrf } = await ctx.login('admin');
    const res = await agent.post('/admin/rules/new').type('form').send(form(csrf, { effectiveFrom: '2027-01-01', note: ' ', action: 'save' }));
    expect(res.status).toBe(400);
    expect(res.text).toContain('Leg uit waarom de regels veranderen');
  });

  it('saves a version with a future date: today unchanged, in force from that date, audited, with a diff', async () => {
    const ctx = await buildTestApp(); // 24 November 2026
    const { agent, csrf } = await ctx.login('admin');
    const res = await agent
      .post('/admin/rules/new')
      .type('form')
      .send(
        form(csrf, {
          effectiveFrom: '01-01-2027',
          note: 'Nieuwe leidraad 2027',
          'z.preEnd.minLanguageHours': '450',
          'z.instruments.4.code': 'TAALCAFE',
          'z.instruments.4.name': 'Taalcafé',
          'z.instruments.4.fullHours': '',
          action: 'save',
        }),
      );
    expect(res.status).toBe(303);
    const versions = listRuleSetVersions(ctx.db);
    expect(versions).toHaveLength(2);
    const saved = versions[1]!;
    expect(saved.effectiveFrom).toBe('2027-01-01');
    expect(saved.note).toBe('Nieuwe leidraad 2027');
    expect(saved.createdBy).toBe(ctx.users.admin);
    expect(res.headers.location).toBe(`/admin/rules/versions/${saved.id}`);

    expect(rulesInForce(ctx.db, '2026-11-24').z.preEnd.minLanguageHours).toBe(400);
    expect(rulesInForce(ctx.db, '2027-01-01').z.preEnd.minLanguageHours).toBe(450);
    expect(rulesInForce(ctx.db, '2027-01-01').z.instruments.map((i) => i.code)).toContain('TAALCAFE');

    const audit = ctx.db.prepare("SELECT activity, user_id AS userId FROM audit_log WHERE action = 'regels-gewijzigd'").all();
    expect(audit).toEqual([{ activity: 'beheer', userId: ctx.users.admin }]);

    const page = await agent.get(res.headers.location!);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Gaat later in');
    expect(page.text).toContain('De nieuwe regels zijn opgeslagen. Ze gelden vanaf 1 januari 2027.');
    expect(page.text).toMatch(/Minimum taalles-uren<\/td>\s*<td>400 uur<\/td>\s*<td>450 uur<\/td>/);
    expect(page.text).toMatch(/Instrument TAALCAFE<\/td>\s*<td>\(nieuw\)<\/td>\s*<td>Taalcafé \(losse uren\)<\/td>/);

    let overview = await agent.get('/admin/rules');
    expect(overview.text).toContain('vanaf 1 januari 2027');
    expect(overview.text).toMatch(/Minimum taalles-uren<\/dt><dd>400 uur/);

    ctx.clock.set('2027-01-01T09:00:00.000Z');
    overview = await (await ctx.login('admin')).agent.get('/admin/rules');
    expect(overview.text).toMatch(/Minimum taalles-uren<\/dt><dd>450 uur/);
    expect(overview.text).toContain('Nieuwe leidraad 2027');
    expect(withCharacters(overview.text)).toContain('Minimum taalles-uren: 400 uur → 450 uur; Instrument TAALCAFE: nieuw → Taalcafé (losse uren)');
    expect(overview.text).toContain('Eerste versie');
  });

  it('removes an instrument when its row is emptied, and keeps old versions readable', async () => {
    const ctx = await buildTestApp();
    const { agent, csrf } = await ctx.login('admin');
    const res = await agent
      .post('/admin/rules/new')
      .type('form')
      .send(
        form(csrf, {
          effectiveFrom: '2026-11-24',
          note: 'WMO telt niet meer mee',
          'z.instruments.3.code': '',
          'z.instruments.3.name': '',
          'z.instruments.3.fullHours': '',
          action: 'save',
        }),
      );
    expect(res.status).toBe(303);
    expect(rulesInForce(ctx.db, '2026-11-24').z.instruments.map((i) => i.code)).toEqual(['RTS', 'SIR_FYSIEK', 'SIR_ONLINE']);
    const page = await agent.get(res.headers.location!);
    expect(page.text).toMatch(/Instrument WMO<\/td>\s*<td>WMO-instrument \(losse uren\)<\/td>\s*<td>\(verwijderd\)<\/td>/);
    const first = await agent.get(`/admin/rules/versions/${listRuleSetVersions(ctx.db)[0]!.id}`);
    expect(first.status).toBe(200);
    expect(first.text).toContain('Vervangen');
    expect(first.text).toContain('Dit is de eerste versie van de regels.');
    expect(first.text).toContain('WMO-instrument');
    expect((await agent.get('/admin/rules/versions/999')).status).toBe(404);
    expect((await agent.get('/admin/rules/versions/abc')).status).toBe(404);
  });

  it('previews without saving', async () => {
    const ctx = await buildTestApp();
    const { agent, csrf } = await ctx.login('admin');
    const res = await agent
      .post('/admin/rules/new')
      .type('form')
      .send(form(csrf, { effectiveFrom: '2026-12-01', note: 'Proef', 'z.end.languageHours': '900', action: 'preview' }));
    expect(res.status).toBe(200);
    expect(res.text).toContain('Gevolgen van deze wijziging');
    expect(res.text).toMatch(/Taalles-uren<\/td>\s*<td>800 uur<\/td>\s*<td>900 uur<\/td>/);
    expect(res.text).toMatch(/name="z\.end\.languageHours" type="text" value="900"/);
    expect(listRuleSetVersions(ctx.db)).toHaveLength(1);
  });

  it('previews which current clients change eligibility, and recomputes statuses on saving', async () => {
    const ctx = await buildTestApp(); // 24 November 2026
    const c = ctx.users.consulent;
    // 450 language hours, 320 participation, PVT done: may be invited for the pre-eindgesprek under 400/300.
    const changing = zRouteClient(ctx.db, ctx.teamA, c);
    ctx.db.prepare("UPDATE clients SET client_number = 'K-2025-0042', first_name = 'Amina', last_name = 'Haddad' WHERE id = ?").run(changing);
    addHours(ctx.db, changing, 'LANGUAGE', 450, c);
    addHours(ctx.db, changing, 'PARTICIPATION', 320, c);
    addDecision(ctx.db, changing, 'PVT_COMPLETED', c);
    // 700 language hours: stays eligible under a 500 minimum.
    const staying = zRouteClient(ctx.db, ctx.teamA, c);
    ctx.db.prepare("UPDATE clients SET last_name = 'Blijftgelijk' WHERE id = ?").run(staying);
    addHours(ctx.db, staying, 'LANGUAGE', 700, c);
    addHours(ctx.db, staying, 'PARTICIPATION', 320, c);
    addDecision(ctx.db, staying, 'PVT_COMPLETED', c);
    // a closed client with the same hours as the first is not counted
    const closed = zRouteClient(ctx.db, ctx.teamB, ctx.users.otherConsulent);
    ctx.db.prepare("UPDATE clients SET closed_on = '2026-10-01', last_name = 'Afgesloten' WHERE id = ?").run(closed);
    addHours(ctx.db, closed, 'LANGUAGE', 450, c);
    addHours(ctx.db, closed, 'PARTICIPATION', 320, c);
    addDecision(ctx.db, closed, 'PVT_COMPLETED', c);
    const { refreshAllClientStatuses } = await import('../../src/db/client-status.js');
    refreshAllClientStatuses(ctx.db, '2026-11-24');
    expect(status(ctx.db, changing).pre_end_eligible).toBe(1);

    const { agent, csrf } = await ctx.login('admin');
    const changes = { effectiveFrom: '2026-11-24', note: 'Strenger', 'z.preEnd.minLanguageHours': '500', 'z.preEnd.advisedLanguageHours': '600' };
    const preview = await agent.post('/admin/rules/new').type('form').send(form(csrf, { ...changes, action: 'preview' }));
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('bij 2 lopende cliënten');
    expect(preview.text).toContain('1 cliënt komt');
    expect(withCharacters(preview.text)).toMatch(/K-2025-0042<\/td>\s*<td>Amina Haddad<\/td>\s*<td class="koers-changed">mag → mag nog niet<\/td>\s*<td>mag nog niet \(gelijk\)<\/td>/);
    expect(preview.text).not.toContain('Blijftgelijk');
    expect(preview.text).not.toContain('Afgesloten');
    expect(listRuleSetVersions(ctx.db)).toHaveLength(1);
    expect(status(ctx.db, changing).pre_end_eligible).toBe(1);

    const save = await agent.post('/admin/rules/new').type('form').send(form(csrf, { ...changes, action: 'save' }));
    expect(save.status).toBe(303);
    expect(status(ctx.db, changing).pre_end_eligible).toBe(0);
    expect(status(ctx.db, staying).pre_end_eligible).toBe(1);
  });

  it('says so when no client changes', async () => {
    const ctx = await buildTestApp();
    const { agent, csrf } = await ctx.login('admin');
    const res = await agent
      .post('/admin/rules/new')
      .type('form')
      .send(form(csrf, { effectiveFrom: '2027-03-01', note: 'Alleen signaal', 'general.noHoursSignalWeeks': '6', action: 'preview' }));
    expect(res.status).toBe(200);
    expect(res.text).toContain('<strong>Geen enkele cliënt</strong> komt er anders door te staan');
    expect(res.text).toContain('De nieuwe regels gaan pas in op 1 maart 2027');
    expect(res.text).toMatch(/Signaal als er zo lang geen uren zijn<\/td>\s*<td>8 weken<\/td>\s*<td>6 weken<\/td>/);
  });
});

describe('admin: rules editor warnings', () => {
  it('warns about a date in the past and about later versions that stay in force', async () => {
    const ctx = await buildTestApp(); // 24 November 2026
    const { agent, csrf } = await ctx.login('admin');
    await agent.post('/admin/rules/new').type('form').send(form(csrf, { effectiveFrom: '2027-01-01', note: 'Later', action: 'save' }));
    const later = listRuleSetVersions(ctx.db).at(-1)!;
    const res = await agent
      .post('/admin/rules/new')
      .type('form')
      .send(form(csrf, { effectiveFrom: '2026-06-01', note: 'Correctie', action: 'preview' }));
    expect(res.status).toBe(200);
    expect(res.text).toContain('de ingangsdatum 1 juni 2026 ligt in het verleden');
    expect(res.text).toContain(`versie ${later.id} vanaf 1 januari 2027`);
    const plain = await agent.post('/admin/rules/new').type('form').send(form(csrf, { effectiveFrom: '2027-06-01', note: 'Nog later', action: 'preview' }));
    expect(plain.text).not.toContain('ligt in het verleden');
    expect(plain.text).not.toContain('andere versie');
  });
});
