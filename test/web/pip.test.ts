import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildTestApp, withoutCsrfToken } from '../helpers/app.js';
import { chooseRoute, completeIntake, insertClient, status } from '../helpers/fixtures.js';

describe('PIP', async () => {
  const ctx = await buildTestApp();
  const { db, users, teamA } = ctx;
  const taal = db.prepare("INSERT INTO providers (name, kind) VALUES ('Taalschool Test', 'TAALAANBIEDER')").run().lastInsertRowid;
  const coach = db.prepare("INSERT INTO providers (name, kind) VALUES ('Coach Test', 'PARTICIPATIECOACH')").run().lastInsertRowid;
  const domain = db.prepare("SELECT id FROM leefdomeinen WHERE name = 'Huisvesting'").pluck().get() as number;

  const withRoute = (lastName = 'Pipklant', route: 'B1' | 'Z' = 'Z') => {
    const id = insertClient(db, { teamId: teamA, consulentId: users.consulent, lastName, bsn: null });
    completeIntake(db, id, '2026-09-01', '2026-10-01');
    chooseRoute(db, id, route, users.consulent, '2026-10-15');
    db.prepare("UPDATE clients SET interpreter_needed = 1, preferred_language = 'Tigrinya' WHERE id = ?").run(id);
    return id;
  };

  const firstPip = (csrf: string, extra: Record<string, string> = {}) => ({
    _csrf: csrf,
    vastgesteldOn: '2026-11-02',
    taalaanbiederId: String(taal),
    participatiecoachId: String(coach),
    languageGoal: 'A1 op alle onderdelen',
    hoursPerWeekLanguage: '8',
    participationGoals: 'Vrijwilligerswerk bij de voedselbank',
    hoursPerWeekParticipation: '6',
    goal_domain_0: String(domain),
    goal_text_0: 'Zelf de huur betalen',
    goal_date_0: '2027-06-01',
    goal_domain_1: '',
    goal_text_1: '',
    goal_date_1: '',
    pvtHours: '12',
    pvtActivity: 'Bezoek aan de gemeenteraad',
    pvtCoreValue: 'PARTICIPATIE',
    supportBegeleiding: 'Maatje van Vluchtelingenwerk',
    ...extra,
  });

  it('asks for a route first', async () => {
    const id = insertClient(db, { teamId: teamA, consulentId: users.consulent });
    const res = await (await ctx.login('consulent')).agent.get(`/clients/${id}/pip`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Voor het PIP is eerst een route nodig');
  });

  it('v1 (FIRST) starts the termijn: termijn_end = PIP date + 36 months', async () => {
    const id = withRoute();
    const { agent, csrf } = await ctx.login('consulent');
    const form = await agent.get(`/clients/${id}/pip`);
    expect(form.text).toContain('PIP opstellen');
    expect(form.text).toContain('Z-route');
    const res = await agent.post(`/clients/${id}/pip`).type('form').send(firstPip(csrf));
    expect(res.status).toBe(303);
    const row = db.prepare('SELECT * FROM pip_versions WHERE client_id = ?').get(id) as Record<string, unknown>;
    expect(row).toMatchObject({ version_no: 1, revision_reason: 'FIRST', vastgesteld_on: '2026-11-02' });
    const content = JSON.parse(String(row.content));
    expect(content).toMatchObject({ route: 'Z', taalaanbiederName: 'Taalschool Test', hoursPerWeekLanguage: 8, pvtCoreValue: 'PARTICIPATIE' });
    expect(content.domainGoals).toEqual([{ leefdomeinId: domain, leefdomein: 'Huisvesting', goal: 'Zelf de huur betalen', targetOn: '2027-06-01' }]);
    const s = status(db, id);
    expect(s.pip_set_on).toBe('2026-11-02');
    expect(s.termijn_end).toBe('2029-11-02');
    expect(s.phase).toBe('IN_PROGRESS');
    const page = await agent.get(`/clients/${id}/pip`);
    expect(page.text).toContain('Het PIP is vastgesteld. De inburgeringstermijn loopt tot en met 2 november 2029.');
    expect(page.text).toContain('PIP versie 1');
    expect(page.text).toContain('Zelf de huur betalen');
  });

  it('validates the plan and keeps the input', async () => {
    const id = withRoute();
    const { agent, csrf } = await ctx.login('consulent');
    const res = await agent
      .post(`/clients/${id}/pip`)
      .type('form')
      .send(firstPip(csrf, { languageGoal: '', pvtHours: '8', pvtCoreValue: '', goal_domain_1: '', goal_text_1: 'Doel zonder domein' }));
    expect(res.status).toBe(400);
    expect(res.text).toContain('Vul het taaldoel in');
    expect(res.text).toContain('Het aantal uren PVT mag niet kleiner zijn dan 12');
    expect(res.text).toContain('Kies het leefdomein bij doel 2');
    expect(res.text).toContain('Doel zonder domein');
    expect(res.text).toContain('Vrijwilligerswerk bij de voedselbank');
    expect(db.prepare('SELECT COUNT(*) FROM pip_versions WHERE client_id = ?').pluck().get(id)).toBe(0);
  });

  it('v2 requires a reason (and a note for OTHER), is kept beside v1 and can be compared', async () => {
    const id = withRoute();
    const { agent, csrf } = await ctx.login('consulent');
    expect((await agent.post(`/clients/${id}/pip`).type('form').send(firstPip(csrf))).status).toBe(303);
    const form = await agent.get(`/clients/${id}/pip/new`);
    expect(form.text).toContain('Nieuwe versie van het PIP (versie 2)');
    expect(form.text).toContain('Vrijwilligerswerk bij de voedselbank');
    const noReason = await agent.post(`/clients/${id}/pip`).type('form').send(firstPip(csrf, { vastgesteldOn: '2026-11-20' }));
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('Kies waarom er een nieuwe versie van het PIP komt');
    const other = await agent
      .post(`/clients/${id}/pip`)
      .type('form')
      .send(firstPip(csrf, { vastgesteldOn: '2026-11-20', revisionReason: 'OTHER' }));
    expect(other.text).toContain('Licht de reden toe');
    const ok = await agent.post(`/clients/${id}/pip`).type('form').send(
      firstPip(csrf, {
        vastgesteldOn: '2026-11-20',
        revisionReason: 'OTHER',
        revisionNote: 'Meer uren taal',
        hoursPerWeekLanguage: '12',
      }),
    );
    expect(ok.status).toBe(303);
    const versions = db.prepare('SELECT version_no, revision_reason FROM pip_versions WHERE client_id = ? ORDER BY version_no').all(id);
    expect(versions).toEqual([
      { version_no: 1, revision_reason: 'FIRST' },
      { version_no: 2, revision_reason: 'OTHER' },
    ]);
    expect(status(db, id).termijn_end).toBe('2029-11-02'); // the first version keeps the termijn
    const cmp = await agent.get(`/clients/${id}/pip/compare?a=1&b=2`);
    expect(cmp.status).toBe(200);
    const changedRow = /<tr class="koers-changed">\s*<th scope="row">Uren taal per week<\/th>\s*<td[^>]*>8 uur<\/td>\s*<td[^>]*>12 uur<\/td>\s*<td><span class="koers-changed-mark">gewijzigd<\/span>/;
    expect(cmp.text).toMatch(changedRow);
    expect(cmp.text).toMatch(/<tr>\s*<th scope="row">Taaldoel<\/th>/);
    const v1 = await agent.get(`/clients/${id}/pip/versions/1`);
    expect(v1.text).toContain('eerdere versie');
    expect(v1.text).toContain('8 uur');
    expect((await agent.get(`/clients/${id}/pip/versions/9`)).status).toBe(404);
  });

  it('preselects ROUTE_SWITCH after a route change', async () => {
    const id = withRoute('Schakelaar', 'B1');
    const { agent, csrf } = await ctx.login('consulent');
    await agent.post(`/clients/${id}/pip`).type('form').send(firstPip(csrf));
    db.prepare(
      `INSERT INTO route_decisions (client_id, kind, decided_on, route, reason, decided_by, created_at)
       VALUES (?, 'CHANGE', '2026-11-10', 'Z', 'Niet haalbaar', ?, '2026-11-10T10:00:00Z')`,
    ).run(id, users.consulent);
    const overview = await agent.get(`/clients/${id}/pip`);
    expect(overview.text).toContain('maar het PIP gaat nog uit van de B1-route');
    const form = await agent.get(`/clients/${id}/pip/new`);
    expect(form.text).toMatch(/value="ROUTE_SWITCH" checked/);
  });

  it('the provider view leaves out BSN, health and finances; the print view is plain', async () => {
    const id = withRoute('Deelbaar');
    db.prepare("UPDATE clients SET bsn = '231456931' WHERE id = ?").run(id);
    db.prepare("UPDATE intakes SET health = 'Geheime diagnose', finances = 'Schulden bij X' WHERE client_id = ?").run(id);
    const { agent, csrf } = await ctx.login('consulent');
    await agent.post(`/clients/${id}/pip`).type('form').send(firstPip(csrf, { supportOntzorgen: 'Vaste lasten 6 maanden' }));
    const share = await agent.get(`/clients/${id}/pip/share`);
    expect(share.status).toBe(200);
    expect(share.text).toContain('Deelbaar');
    expect(share.text).toContain('A1 op alle onderdelen');
    expect(share.text).toContain('8 uur');
    expect(share.text).toContain('Tigrinya');
    expect(share.text).not.toContain('231456931');
    expect(withoutCsrfToken(share.text)).not.toContain('6931');
    expect(share.text).not.toContain('Geheime diagnose');
    expect(share.text).not.toContain('Schulden');
    const print = await agent.get(`/clients/${id}/pip/print`);
    expect(print.status).toBe(200);
    expect(print.text).toContain('Mijn plan voor inburgering');
    expect(print.text).toContain('Afdrukken');
    expect(print.text).toMatch(/<link rel="stylesheet" href="\/assets\/print\.\w{10}\.css" media="print">/);
    expect(print.text).not.toContain('<script');
    expect(print.text).not.toContain('231456931');
    const audit = db.prepare('SELECT action FROM audit_log WHERE client_id = ? ORDER BY id').pluck().all(id);
    expect(audit).toEqual(['pip-vastgesteld', 'pip-aanbiederversie-bekeken', 'pip-afdrukversie-bekeken']);
  });

  it('guards access and refuses changes on a closed dossier', async () => {
    const id = withRoute('Pipgeheim');
    for (const path of [`/clients/${id}/pip`, `/clients/${id}/pip/share`, `/clients/${id}/pip/print`]) {
      const other = await (await ctx.login('otherConsulent')).agent.get(path);
      expect(other.status).toBe(404);
      expect(other.text).not.toContain('Pipgeheim');
      expect((await (await ctx.login('admin')).agent.get(path)).status).toBe(403);
      expect((await request(ctx.app).get(path)).headers.location).toBe('/login');
    }
    db.prepare("UPDATE clients SET closed_on = '2026-11-01' WHERE id = ?").run(id);
    const { agent, csrf } = await ctx.login('consulent');
    const res = await agent.post(`/clients/${id}/pip`).type('form').send(firstPip(csrf));
    expect(res.status).toBe(409);
    expect(res.text).toContain('Dit dossier is afgesloten');
  });
});
