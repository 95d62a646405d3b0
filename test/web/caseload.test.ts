import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { refreshClientStatus } from '../../src/db/client-status.js';
import { buildTestApp, type LoggedInAgent, type TestContext } from '../helpers/app.js';
import { addAgreement, addConversation, insertClient, zRouteClient } from '../helpers/fixtures.js';

const TODAY = '2026-11-24';

function client(ctx: TestContext, teamId: number, consulentId: number, lastName: string, firstName = 'Testa'): number {
  const id = zRouteClient(ctx.db, teamId, consulentId);
  ctx.db.prepare('UPDATE clients SET last_name = ?, first_name = ? WHERE id = ?').run(lastName, firstName, id);
  addConversation(ctx.db, id, 'VOORTGANG', '2026-11-01', consulentId);
  refreshClientStatus(ctx.db, id, TODAY);
  return id;
}

const rowIds = (html: string) => [...html.matchAll(/href="\/clients\/(\d+)" class="koers-client-name"/g)].map((m) => Number(m[1]));

describe('caseload overview: content and access', () => {
  let ctx: TestContext;
  let ids: Record<string, number>;
  let consulent: LoggedInAgent;
  let teamleider: LoggedInAgent;
  beforeAll(async () => {
    ctx = await buildTestApp();
    ids = {
      own: client(ctx, ctx.teamA, ctx.users.consulent, 'Eigenaar'),
      colleague: client(ctx, ctx.teamA, ctx.users.consulent2, 'Collegaklant'),
      other: client(ctx, ctx.teamB, ctx.users.otherConsulent, 'Anderteam'),
    };
    consulent = await ctx.login('consulent');
    teamleider = await ctx.login('teamleider');
  });

  it('consulent: / is "Wat moet ik deze week doen" with only own clients and their details', async () => {
    const res = await consulent.agent.get('/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Wat moet ik deze week doen?');
    expect(res.text).toContain(`href="/clients/${ids.own}"`);
    expect(res.text).toContain('Eigenaar, Testa');
    expect(res.text).not.toContain('Collegaklant');
    expect(res.text).not.toContain('Anderteam');
    expect(res.text).toContain('Z-route');
    expect(res.text).toContain('Loopt'); // PHASE_LABELS.IN_PROGRESS
    expect(res.text).toMatch(/<meter class="koers-meter koers-meter--small" min="0" max="800" value="0"><\/meter> 0 \/ 800/);
    expect(res.text).toContain('03-03-2028'); // end of termijn: PIP 3-3-2025 + 36 months
    expect(res.text).toContain('Volgend: 01-02-2027');
    const own = await consulent.agent.get('/caseload');
    expect(rowIds(own.text)).toEqual([ids.own]);
  });

  it('teamleider: / shows the whole team with the consulent column, never another team', async () => {
    const res = await teamleider.agent.get('/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Eigenaar');
    expect(res.text).toContain('Collegaklant');
    expect(res.text).toContain('Test consulent2');
    expect(res.text).not.toContain('Anderteam');
    expect(res.text).toContain('Verdeling over consulenten');
  });

  it('the other team sees none of team A', async () => {
    const other = await ctx.login('otherTeamleider');
    const res = await other.agent.get('/caseload');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Anderteam');
    expect(res.text).not.toContain('Eigenaar');
    expect(res.text).not.toContain('Collegaklant');
    const csv = await other.agent.get('/caseload/export.csv');
    expect(csv.text).not.toContain('Eigenaar');
  });

  it('a consulent cannot widen the scope with ?consulent=', async () => {
    const res = await consulent.agent.get(`/caseload?consulent=${ctx.users.consulent2}`);
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('Collegaklant');
  });

  it('admin: / is the admin page and /caseload is refused', async () => {
    const admin = await ctx.login('admin');
    const home = await admin.agent.get('/');
    expect(home.status).toBe(200);
    expect(home.text).toContain('Functioneel beheer');
    expect(home.text).not.toContain('Eigenaar');
    expect((await admin.agent.get('/caseload')).status).toBe(403);
    expect((await admin.agent.get('/caseload/export.csv')).status).toBe(403);
  });

  it('consulent cannot open team pages', async () => {
    for (const path of ['/team/approvals', '/team/figures', `/team/consulenten/${ctx.users.consulent}`]) {
      expect((await consulent.agent.get(path)).status).toBe(403);
    }
  });

  it('anonymous users are sent to the log-in page', async () => {
    for (const path of ['/caseload', '/caseload/export.csv', '/team/approvals']) {
      const res = await request(ctx.app).get(path);
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/login');
    }
  });

  it('closed clients are left out unless asked for', async () => {
    const closed = client(ctx, ctx.teamA, ctx.users.consulent, 'Afgeslotenklant');
    ctx.db.prepare("UPDATE clients SET closed_on = '2026-11-01' WHERE id = ?").run(closed);
    refreshClientStatus(ctx.db, closed, TODAY);
    expect((await consulent.agent.get('/caseload')).text).not.toContain('Afgeslotenklant');
    const shown = await consulent.agent.get('/caseload?closed=1');
    expect(shown.text).toContain('Afgeslotenklant');
    expect(shown.text).toContain('Afgesloten');
  });
});

describe('caseload filters, sorting, pagination and counts', () => {
  let ctx: TestContext;
  let tl: LoggedInAgent;
  beforeAll(async () => {
    ctx = await buildTestApp();
    // 120 quiet clients for consulent, 3 with an overdue agreement for consulent2, one B1 intake client.
    for (let i = 0; i < 120; i++) client(ctx, ctx.teamA, ctx.users.consulent, `Achternaam${String(i).padStart(3, '0')}`);
    for (const name of ['Zwart', 'Bakker', 'Mulder']) {
      const id = client(ctx, ctx.teamA, ctx.users.consulent2, name);
      addAgreement(ctx.db, id, '2026-11-01', ctx.users.consulent2);
      refreshClientStatus(ctx.db, id, TODAY);
    }
    const intake = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent2, lastName: 'Nieuwkomer' });
    refreshClientStatus(ctx.db, intake, TODAY);
    ctx.db.prepare("UPDATE clients SET client_number = 'K-777' WHERE id = ?").run(intake);
    tl = await ctx.login('teamleider');
  });

  it('pages 50 at a time with aria-current on the current page', async () => {
    const p1 = await tl.agent.get('/caseload?sort=name');
    expect(p1.text).toContain('124 cliënten, pagina 1 van 3');
    expect(p1.text.match(/class="koers-client-name"/g)).toHaveLength(50);
    expect(p1.text).toContain('href="/caseload?sort=name" aria-current="page" aria-label="Pagina 1"');
    expect(p1.text).toContain('href="/caseload?sort=name&amp;page=2" aria-label="Pagina 2"');
    const p3 = await tl.agent.get('/caseload?sort=name&page=3');
    expect(p3.text.match(/class="koers-client-name"/g)).toHaveLength(24);
    expect(p3.text).toMatch(/href="\/caseload\?sort=name&amp;page=3" aria-current="page"/);
    expect(p3.text).toContain('Zwart');
  });

  it('sorts by name both ways', async () => {
    const asc = await tl.agent.get('/caseload?sort=name');
    const first = /class="koers-client-name">([^<]+)</.exec(asc.text)?.[1];
    expect(first).toBe('Achternaam000, Testa');
    const desc = await tl.agent.get('/caseload?sort=name&dir=desc');
    expect(/class="koers-client-name">([^<]+)</.exec(desc.text)?.[1]).toBe('Zwart, Testa');
    expect(desc.text).toContain('aria-sort="descending"');
  });

  it('default order puts clients with signals first', async () => {
    const res = await tl.agent.get('/caseload');
    const names = [...res.text.matchAll(/class="koers-client-name">([^,<]+)/g)].map((m) => m[1]);
    expect(names.slice(0, 3).sort()).toEqual(['Bakker', 'Mulder', 'Zwart']);
  });

  it('filters by signal, consulent, phase, route and free text', async () => {
    const sig = await tl.agent.get('/caseload?signal=AGREEMENTS_OVERDUE');
    expect(sig.text).toContain('3 cliënten');
    const byConsulent = await tl.agent.get(`/caseload?consulent=${ctx.users.consulent2}`);
    expect(byConsulent.text).toContain('4 cliënten');
    const phase = await tl.agent.get('/caseload?phase=INTAKE');
    expect(phase.text).toContain('1 cliënt<');
    expect(phase.text).toContain('Nieuwkomer');
    const route = await tl.agent.get('/caseload?route=B1');
    expect(route.text).toContain('0 cliënten');
    expect(route.text).toContain('Geen cliënten gevonden met deze filters');
    const q = await tl.agent.get('/caseload?q=mulder');
    expect(q.text).toContain('1 cliënt<');
    const num = await tl.agent.get('/caseload?q=K-777');
    expect(num.text).toContain('Nieuwkomer');
    const wildcard = await tl.agent.get('/caseload?q=%25');
    expect(wildcard.text).toContain('0 cliënten');
  });

  it('ignores bad values with a Dutch notice instead of failing', async () => {
    const res = await tl.agent.get(`/caseload?signal=NOPE&sort=x&page=-1&route=C&consulent=${ctx.users.otherConsulent}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('De waarde voor signaal is niet geldig en is genegeerd.');
    expect(res.text).toContain('De waarde voor sorteren is niet geldig en is genegeerd.');
    expect(res.text).toContain('De waarde voor pagina is niet geldig en is genegeerd.');
    expect(res.text).toContain('De gekozen consulent hoort niet bij uw team en is genegeerd.');
    expect(res.text).toContain('124 cliënten');
    const far = await tl.agent.get('/caseload?page=99');
    expect(far.text).toContain('pagina 3 van 3');
  });

  it('counts per signal link to the filtered list, counts per consulent sit beside them', async () => {
    const res = await tl.agent.get('/');
    expect(res.text).toMatch(/href="\/\?signal=AGREEMENTS_OVERDUE">\s*<span class="koers-tile__count">3<\/span>/);
    expect(res.text).toMatch(/<span class="koers-tile__count">0<\/span>\s*<span class="koers-tile__label">Voortgangsgesprek te laat/);
    expect(res.text).toMatch(/Test consulent<\/a>\s*<\/th>\s*<td>\s*<meter[^>]*value="120"[^>]*><\/meter>\s*<span class="koers-num-inline">120 \/ 80<\/span>/);
    expect(res.text).toMatch(/Test consulent2<\/a>\s*<\/th>\s*<td>\s*<meter[^>]*value="4"/);
  });
});
