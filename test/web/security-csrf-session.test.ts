// CSRF refusal on a representative POST of every router, session expiry on a dossier page, log-out, and
// error pages without internals. (Log-in CSRF, wrong token and headers are in security.test.ts.)
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildTestApp, csrfFrom, TEST_PASSWORD } from '../helpers/app.js';
import { snapshotDb } from '../helpers/db-snapshot.js';
import { addAgreement, addHours, zRouteClient } from '../helpers/fixtures.js';

describe('CSRF: a POST without token is refused with a Dutch 403 on every router, nothing is saved', async () => {
  const ctx = await buildTestApp();
  const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
  const hourId = addHours(ctx.db, id, 'LANGUAGE', 5, ctx.users.consulent);
  const agreementId = addAgreement(ctx.db, id, '2026-12-20', ctx.users.consulent);
  const cases: { who: string; path: string; body: Record<string, string> }[] = [
    { who: 'consulent', path: '/clients/new', body: { firstName: 'A', lastName: 'B', birthDate: '1990-01-01', clientNumber: 'C-1', doelgroep: 'ASIELSTATUSHOUDER', linkedOn: '2026-10-01' } },
    { who: 'consulent', path: `/clients/${id}/edit`, body: { firstName: 'Nieuw' } },
    { who: 'consulent', path: `/clients/${id}/contact-attempts`, body: { attemptedOn: '2026-11-20', channel: 'TELEFOON', reached: 'ja' } },
    { who: 'consulent', path: `/clients/${id}/intake`, body: { educationHistory: 'x' } },
    { who: 'consulent', path: `/clients/${id}/route/change`, body: { route: 'B1', reason: 'x' } },
    { who: 'consulent', path: `/clients/${id}/pip`, body: { vastgesteldOn: '2026-11-20', languageGoal: 'x', participationGoals: 'x' } },
    { who: 'consulent', path: `/clients/${id}/hours`, body: { kind: 'LANGUAGE', periodStart: '2026-11-01', periodEnd: '2026-11-20', hours: '3' } },
    { who: 'consulent', path: `/clients/${id}/hours/${hourId}/delete`, body: { reason: 'weg', version: '1' } },
    { who: 'consulent', path: `/clients/${id}/decisions`, body: { kind: 'GUIDANCE_HOURS', decidedOn: '2026-11-20', reason: 'x' } },
    { who: 'consulent', path: `/clients/${id}/conversations/new`, body: { heldOn: '2026-11-20' } },
    { who: 'consulent', path: `/clients/${id}/agreements/${agreementId}/status`, body: { status: 'GEREALISEERD', version: '1' } },
    { who: 'consulent', path: `/clients/${id}/language/levels`, body: {} },
    { who: 'consulent', path: `/clients/${id}/closure`, body: {} },
    { who: 'consulent', path: `/clients/${id}/absence/excused`, body: {} },
    { who: 'consulent', path: `/clients/${id}/enforcement`, body: {} },
    { who: 'consulent', path: '/caseload/filters', body: { name: 'Filter', query: 'route=Z' } },
    { who: 'consulent', path: '/hours/import/1/confirm', body: {} },
    { who: 'teamleider', path: '/team/reassign', body: { clientIds: String(id), consulentId: String(ctx.users.consulent2) } },
    { who: 'teamleider', path: `/team/approvals/hours/${hourId}`, body: { decision: 'approve' } },
    { who: 'admin', path: '/admin/lists/activiteiten/new', body: { name: 'Sport' } },
    { who: 'admin', path: '/admin/users/new', body: { username: 'nieuw', displayName: 'Nieuw', role: 'consulent' } },
    { who: 'admin', path: `/admin/users/${ctx.users.consulent}/active`, body: { active: '0', version: '1' } },
    { who: 'admin', path: '/admin/teams/new', body: { name: 'Team C', capacity: '50' } },
    { who: 'admin', path: '/admin/rules/new', body: {} },
    { who: 'admin', path: '/admin/enforcement-rules', body: {} },
    { who: 'consulent', path: '/account/password', body: { current: 'x', next: 'y', repeat: 'y' } },
    { who: 'consulent', path: '/logout', body: {} },
  ];
  const agents = {
    consulent: await ctx.login('consulent'),
    teamleider: await ctx.login('teamleider'),
    admin: await ctx.login('admin'),
  } as Record<string, Awaited<ReturnType<typeof ctx.login>>>;

  it.each(cases.map((c) => [c.who, c.path, c] as const))('%s POST %s without token → 403', async (_who, _path, c) => {
    const { agent } = agents[c.who]!;
    const before = snapshotDb(ctx.db);
    const res = await agent.post(c.path).type('form').send(c.body);
    expect(res.status).toBe(403);
    expect(res.text).toContain('Formulier verlopen');
    expect(res.text).toContain('Er is niets opgeslagen');
    expect(snapshotDb(ctx.db)).toEqual(before);
    // Also with another session's token.
    const other = c.who === 'consulent' ? agents.teamleider! : agents.consulent!;
    const foreign = await agent.post(c.path).type('form').send({ ...c.body, _csrf: other.csrf });
    expect(foreign.status).toBe(403);
    expect(snapshotDb(ctx.db)).toEqual(before);
  });

  it('the session is still there after all those refusals (log-out without token did nothing)', async () => {
    expect((await agents.consulent!.agent.get(`/clients/${id}`)).status).toBe(200);
  });
});

describe('session expiry and log-out on a dossier page', () => {
  it('after the idle time-out a dossier page sends to /login and shows no data; before it, it works', async () => {
    const ctx = await buildTestApp({ config: { sessionIdleMinutes: 30 } });
    const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    const last = ctx.db.prepare('SELECT last_name FROM clients WHERE id = ?').pluck().get(id) as string;
    const { agent, csrf } = await ctx.login('consulent');
    ctx.clock.advanceDays(29 / (24 * 60));
    expect((await agent.get(`/clients/${id}/hours`)).status).toBe(200); // activity renews the idle timer
    ctx.clock.advanceDays(29 / (24 * 60));
    expect((await agent.get(`/clients/${id}/hours`)).status).toBe(200);
    ctx.clock.advanceDays(31 / (24 * 60));
    const res = await agent.get(`/clients/${id}/hours`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login');
    expect(res.text).not.toContain(last);
    // A form posted after the time-out saves nothing.
    const before = snapshotDb(ctx.db);
    const post = await agent
      .post(`/clients/${id}/hours`)
      .type('form')
      .send({ _csrf: csrf, kind: 'LANGUAGE', periodStart: '2026-11-01', periodEnd: '2026-11-20', hours: '3' });
    expect([303, 403]).toContain(post.status);
    expect(snapshotDb(ctx.db)).toEqual(before);
  });

  it('after log-out the dossier is closed and the old cookie does not work any more', async () => {
    const ctx = await buildTestApp();
    const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    const { agent, csrf } = await ctx.login('consulent');
    expect((await agent.get(`/clients/${id}`)).status).toBe(200);
    expect((await agent.post('/logout').type('form').send({ _csrf: csrf })).status).toBe(303);
    const res = await agent.get(`/clients/${id}`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login');
  });
});

describe('error pages without internals', () => {
  it.each(['abc', '99999999999999999999', '1e3', '0x10', '%00', '1;DROP'])('GET /clients/%s → Dutch 404', async (raw) => {
    const ctx = await buildTestApp();
    const { agent } = await ctx.login('consulent');
    for (const suffix of ['', '/hours', '/pip/versions/abc']) {
      const res = await agent.get(`/clients/${raw}${suffix}`);
      expect(res.status, suffix).toBe(404);
      expect(res.text).toContain('Pagina niet gevonden');
      expect(res.text).not.toMatch(/SqliteError|RangeError|ZodError|TypeError|node_modules|at .*\.(ts|js):\d+/);
    }
  });

  it('a sub-record id that is malformed or too big gives a Dutch 404', async () => {
    const ctx = await buildTestApp();
    const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    const { agent } = await ctx.login('consulent');
    for (const p of [`/clients/${id}/hours/abc/edit`, `/clients/${id}/hours/99999999999999999999/edit`, `/clients/${id}/pip/versions/99999999999999999999`, `/clients/${id}/conversations/abc`]) {
      const res = await agent.get(p);
      expect(res.status, p).toBe(404);
      expect(res.text).not.toMatch(/SqliteError|RangeError|ZodError|TypeError|at .*\.(ts|js):\d+/);
    }
  });
});

describe('headers on dossier pages', () => {
  it('a dossier page and the CSV export are not cached (no-store) and carry the strict CSP', async () => {
    const ctx = await buildTestApp();
    const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    const { agent } = await ctx.login('consulent');
    for (const p of [`/clients/${id}`, `/clients/${id}/details`, `/clients/${id}/pip/print`, '/caseload/export.csv']) {
      const res = await agent.get(p);
      expect(res.status, p).toBe(200);
      expect(res.headers['cache-control'], p).toContain('no-store');
      expect(res.headers['content-security-policy'], p).toContain("default-src 'self'");
      expect(res.headers['x-content-type-options'], p).toBe('nosniff');
    }
  });
});

describe('rate limiting of log-in', () => {
  async function attempt(agent: ReturnType<typeof request.agent>, username: string, password: string, forwardedFor?: string) {
    const page = await agent.get('/login');
    const req = agent.post('/login').type('form');
    if (forwardedFor) void req.set('X-Forwarded-For', forwardedFor);
    return req.send({ username, password, _csrf: csrfFrom(page.text) });
  }

  it('a forged X-Forwarded-For does not reset the counter (no trusted proxy by default)', async () => {
    const { app } = await buildTestApp();
    const agent = request.agent(app);
    for (let i = 0; i < 5; i++) expect((await attempt(agent, 'consulent', `fout-${i}`, `10.0.0.${i}`)).status).toBe(401);
    const blocked = await attempt(agent, 'consulent', TEST_PASSWORD, '10.9.9.9');
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain('Te veel mislukte pogingen');
  });

  it('spraying one password over many usernames from one address is blocked (per-address limit)', async () => {
    // Small limits so the test stays fast; the defaults are 5 / 20 / 50.
    const { app } = await buildTestApp({ config: { loginThrottle: { perAccountAndIp: 5, perAccount: 20, perIp: 6, windowSeconds: 900 } } });
    const agent = request.agent(app);
    for (let i = 0; i < 6; i++) expect((await attempt(agent, `gebruiker${i}`, 'Welkom01!')).status).toBe(401);
    const blocked = await attempt(agent, 'teamleider', TEST_PASSWORD);
    expect(blocked.status).toBe(429);
  });

  it('guessing one account from many addresses is blocked (per-account limit)', async () => {
    const { app } = await buildTestApp({
      config: { trustProxy: true, loginThrottle: { perAccountAndIp: 5, perAccount: 6, perIp: 50, windowSeconds: 900 } },
    });
    const agent = request.agent(app);
    for (let i = 0; i < 6; i++) expect((await attempt(agent, 'consulent', `fout-${i}`, `10.0.0.${i}`)).status).toBe(401);
    expect((await attempt(agent, 'consulent', TEST_PASSWORD, '10.9.9.9')).status).toBe(429);
  });
});
