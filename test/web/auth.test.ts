import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildTestApp, csrfFrom, TEST_PASSWORD } from '../helpers/app.js';

function sessionCookie(res: request.Response): string | undefined {
  const cookies = res.headers['set-cookie'] as unknown as string[] | undefined;
  return cookies?.find((c) => c.startsWith('koers.sid='))?.split(';')[0];
}

async function postLogin(agent: ReturnType<typeof request.agent>, username: string, password: string) {
  const page = await agent.get('/login');
  return agent.post('/login').type('form').send({ username, password, _csrf: csrfFrom(page.text) });
}

describe('log-in', () => {
  it('shows a Dutch log-in form with labelled fields and a CSRF token', async () => {
    const { app } = await buildTestApp();
    const res = await request(app).get('/login');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<html lang="nl">');
    expect(res.text).toMatch(/<label[^>]*for="veld-username"[^>]*>Gebruikersnaam/);
    expect(res.text).toMatch(/<label[^>]*for="veld-password"[^>]*>Wachtwoord/);
    expect(csrfFrom(res.text)).toMatch(/.{20,}/);
  });

  it.each(['consulent', 'teamleider', 'admin'])('lets %s log in and shows their start page', async (username) => {
    const ctx = await buildTestApp();
    const agent = request.agent(ctx.app);
    const res = await postLogin(agent, username, TEST_PASSWORD);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    const home = await agent.get('/');
    expect(home.status).toBe(200);
    expect(home.text).toContain(`Test ${username}`);
    expect(home.text).toContain('Uitloggen');
    const audit = ctx.db.prepare("SELECT user_id, outcome FROM audit_log WHERE action = 'inloggen'").all();
    expect(audit).toHaveLength(1);
  });

  it('refuses a wrong password with one general Dutch message, keeps the username, and audits the failure', async () => {
    const ctx = await buildTestApp();
    const agent = request.agent(ctx.app);
    const res = await postLogin(agent, 'consulent', 'verkeerd-wachtwoord');
    expect(res.status).toBe(401);
    expect(res.text).toContain('De gebruikersnaam of het wachtwoord klopt niet.');
    expect(res.text).toContain('value="consulent"');
    expect((await agent.get('/')).status).toBe(303);
    const row = ctx.db.prepare("SELECT outcome, user_id FROM audit_log WHERE action = 'inloggen-mislukt'").get() as {
      outcome: string;
    };
    expect(row.outcome).toBe('error');
  });

  it('gives the same answer for an unknown username', async () => {
    const { app } = await buildTestApp();
    const res = await postLogin(request.agent(app), 'niemand', 'wat-dan-ook');
    expect(res.status).toBe(401);
    expect(res.text).toContain('De gebruikersnaam of het wachtwoord klopt niet.');
  });

  it('shows messages next to empty fields', async () => {
    const { app } = await buildTestApp();
    const res = await postLogin(request.agent(app), '', '');
    expect(res.status).toBe(400);
    expect(res.text).toContain('Vul uw gebruikersnaam in');
    expect(res.text).toContain('Vul uw wachtwoord in');
    expect(res.text).toContain('aria-invalid="true"');
  });

  it('blocks an account from one address after 5 failures, even with the right password', async () => {
    const { app } = await buildTestApp();
    const agent = request.agent(app);
    for (let i = 0; i < 5; i++) expect((await postLogin(agent, 'consulent', `fout-${i}`)).status).toBe(401);
    const blocked = await postLogin(agent, 'consulent', TEST_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain('Te veel mislukte pogingen');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Another account is not affected.
    expect((await postLogin(request.agent(app), 'teamleider', TEST_PASSWORD)).status).toBe(303);
  });

  it('limits guesses of the current password on the change form like log-ins, even with the right one afterwards', async () => {
    const ctx = await buildTestApp();
    const { agent, csrf } = await ctx.login('consulent');
    const change = (current: string) =>
      agent.post('/account/password').type('form').send({ _csrf: csrf, current, next: 'een-heel-nieuw-wachtwoord', repeat: 'een-heel-nieuw-wachtwoord' });
    for (let i = 0; i < 5; i++) {
      const wrong = await change(`fout-${i}`);
      expect(wrong.status).toBe(400);
      expect(wrong.text).toContain('Het huidige wachtwoord klopt niet');
    }
    const blocked = await change(TEST_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain('Te veel mislukte pogingen');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // The password was not changed, and the failures are in the audit log.
    expect((await postLogin(request.agent(ctx.app), 'consulent', TEST_PASSWORD)).status).toBe(429); // same account and address
    expect(ctx.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'wachtwoord-wijzigen-mislukt'").pluck().get()).toBe(5);
    expect(ctx.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'wachtwoord-gewijzigd'").pluck().get()).toBe(0);
  });

  it('gives a new session id at log-in (no session fixation)', async () => {
    const { app } = await buildTestApp();
    const agent = request.agent(app);
    const page = await agent.get('/login');
    const before = sessionCookie(page);
    expect(before).toBeDefined();
    const res = await agent
      .post('/login')
      .type('form')
      .send({ username: 'consulent', password: TEST_PASSWORD, _csrf: csrfFrom(page.text) });
    const after = sessionCookie(res);
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    // The old session id does not give access.
    const withOld = await request(app).get('/').set('Cookie', before!);
    expect(withOld.status).toBe(303);
  });

  it('sets the session cookie HttpOnly and SameSite=Lax, and Secure behind HTTPS', async () => {
    const { app } = await buildTestApp({ config: { trustProxy: true } });
    const plain = await request(app).get('/login');
    const cookie = (plain.headers['set-cookie'] as unknown as string[])[0]!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const https = await request(app).get('/login').set('X-Forwarded-Proto', 'https');
    expect((https.headers['set-cookie'] as unknown as string[])[0]).toMatch(/Secure/);
  });

  it('log-out ends the session on the server', async () => {
    const ctx = await buildTestApp();
    const { agent, csrf } = await ctx.login('consulent');
    const cookieRes = await agent.get('/');
    expect(cookieRes.status).toBe(200);
    const out = await agent.post('/logout').type('form').send({ _csrf: csrf });
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe('/login');
    expect((await agent.get('/')).status).toBe(303);
    expect(ctx.db.prepare("SELECT COUNT(*) FROM sessions WHERE json_extract(data, '$.userId') IS NOT NULL").pluck().get()).toBe(0);
    expect(ctx.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'uitloggen'").pluck().get()).toBe(1);
  });

  it('expires a session after the idle time-out', async () => {
    const ctx = await buildTestApp({ config: { sessionIdleMinutes: 30 } });
    const { agent } = await ctx.login('consulent');
    ctx.clock.advanceDays(31 / (24 * 60));
    const res = await agent.get('/');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login');
  });

  it('keeps a session alive while it is used, writing the expiry at most once a minute', async () => {
    const ctx = await buildTestApp({ config: { sessionIdleMinutes: 30 } });
    const { agent } = await ctx.login('consulent');
    const expiry = () =>
      ctx.db.prepare("SELECT expires_at FROM sessions WHERE json_extract(data, '$.userId') IS NOT NULL").pluck().get() as number;
    const first = expiry();
    ctx.clock.advanceDays(30 / (24 * 60 * 60)); // 30 seconds: no write
    expect((await agent.get('/')).status).toBe(200);
    expect(expiry()).toBe(first);
    // Used every 20 minutes for an hour: each use extends the idle time-out.
    for (let i = 0; i < 3; i++) {
      ctx.clock.advanceDays(20 / (24 * 60));
      expect((await agent.get('/')).status).toBe(200);
      // (the test clock moves in fractions of days: allow a rounding millisecond)
      expect(Math.abs(expiry() - (ctx.clock.now().getTime() + 30 * 60_000))).toBeLessThanOrEqual(1);
    }
    ctx.clock.advanceDays(31 / (24 * 60));
    const res = await agent.get('/');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login');
  });

  it('sends an unauthenticated request to the log-in page and back after log-in', async () => {
    const { app } = await buildTestApp();
    const agent = request.agent(app);
    const res = await agent.get('/account/password');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login');
    const login = await postLogin(agent, 'consulent', TEST_PASSWORD);
    expect(login.headers.location).toBe('/account/password');
  });

  it('never redirects to another site after log-in', async () => {
    const { app } = await buildTestApp();
    const agent = request.agent(app);
    await agent.get('//evil.example/');
    const login = await postLogin(agent, 'consulent', TEST_PASSWORD);
    expect(login.headers.location).toBe('/');
  });
});

describe('password change', () => {
  it('changes the password when the current one is right, and keeps errors next to fields', async () => {
    const ctx = await buildTestApp();
    const { agent, csrf } = await ctx.login('consulent');
    const bad = await agent
      .post('/account/password')
      .type('form')
      .send({ _csrf: csrf, current: 'fout', next: 'kort', repeat: 'anders' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('minstens 12 tekens');
    const ok = await agent
      .post('/account/password')
      .type('form')
      .send({ _csrf: csrf, current: TEST_PASSWORD, next: 'een nieuwe lange zin', repeat: 'een nieuwe lange zin' });
    expect(ok.status).toBe(303);
    const again = await postLogin(request.agent(ctx.app), 'consulent', 'een nieuwe lange zin');
    expect(again.status).toBe(303);
  });

  it('forces a user whose password was reset to change it before anything else', async () => {
    const ctx = await buildTestApp();
    ctx.db.prepare("UPDATE users SET must_change_password = 1 WHERE username = 'consulent'").run();
    const agent = request.agent(ctx.app);
    await postLogin(agent, 'consulent', TEST_PASSWORD);
    const res = await agent.get('/');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/account/password');
  });
});
