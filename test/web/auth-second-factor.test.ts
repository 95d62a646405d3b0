import { Secret, TOTP } from 'otpauth';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildTestApp, csrfFrom, type LoggedInAgent, TEST_PASSWORD, type TestContext } from '../helpers/app.js';

type Agent = ReturnType<typeof request.agent>;

function codeAt(secret: string, ms: number): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: ms });
}

/** Sets up the authenticator app for a signed-in agent; returns the secret and the recovery codes shown once. */
async function enrolTotp(ctx: TestContext, { agent, csrf }: LoggedInAgent): Promise<{ secret: string; codes: string[] }> {
  const page = await agent.get('/account/tweede-factor');
  expect(page.status).toBe(200);
  const secret = /<code class="koers-secret">([A-Z2-7 ]+)<\/code>/.exec(page.text)![1]!.replace(/ /g, '');
  const done = await agent
    .post('/account/tweede-factor/app')
    .type('form')
    .send({ _csrf: csrf, code: codeAt(secret, ctx.clock.now().getTime()) });
  expect(done.status).toBe(200);
  const codes = [...done.text.matchAll(/<li><code>([a-z0-9]{5}-[a-z0-9]{5})<\/code><\/li>/g)].map((m) => m[1]!);
  expect(codes).toHaveLength(10);
  return { secret, codes };
}

async function passwordStep(agent: Agent, username: string, password = TEST_PASSWORD) {
  const page = await agent.get('/login');
  return agent.post('/login').type('form').send({ username, password, _csrf: csrfFrom(page.text) });
}

async function codeStep(agent: Agent, code: string) {
  const page = await agent.get('/login/tweede-stap');
  return agent.post('/login/tweede-stap').type('form').send({ code, _csrf: csrfFrom(page.text) });
}

const later = (ctx: TestContext, seconds: number) => ctx.clock.set(new Date(ctx.clock.now().getTime() + seconds * 1000).toISOString());
const count = (ctx: TestContext, action: string) => ctx.db.prepare('SELECT COUNT(*) FROM audit_log WHERE action = ?').pluck().get(action);

describe('second factor: authenticator app (TOTP)', () => {
  it('enrols with a QR code drawn on the server as SVG; only a right code saves it; recovery codes are stored hashed', async () => {
    const ctx = await buildTestApp();
    const me = await ctx.login('consulent');
    const page = await me.agent.get('/account/tweede-factor');
    expect(page.text).toMatch(/<svg role="img" aria-label="QR-code voor uw authenticator-app"[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(page.text).not.toMatch(/<img[^>]+https?:/); // no external QR service
    const wrong = await me.agent.post('/account/tweede-factor/app').type('form').send({ _csrf: me.csrf, code: '000000' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('Deze code klopt niet');
    expect(ctx.db.prepare('SELECT totp_secret FROM users WHERE id = ?').pluck().get(ctx.users.consulent)).toBeNull();

    const { secret, codes } = await enrolTotp(ctx, me);
    expect(ctx.db.prepare('SELECT totp_secret FROM users WHERE id = ?').pluck().get(ctx.users.consulent)).toBe(secret);
    const stored = ctx.db.prepare('SELECT code_hash FROM recovery_codes WHERE user_id = ?').pluck().all(ctx.users.consulent) as string[];
    expect(stored).toHaveLength(10);
    for (const c of codes) expect(stored.join(' ')).not.toContain(c.replace('-', ''));
    expect(stored.every((h) => /^[0-9a-f]{64}$/.test(h))).toBe(true);
    expect(count(ctx, 'tweede-factor-ingesteld')).toBe(1);
    const overview = await me.agent.get('/account/tweede-factor');
    expect(overview.text).toContain('Ingesteld');
    expect(overview.text).toContain('<strong>10</strong> ongebruikte herstelcodes');
  });

  it('asks for the code after the password: right code signs in, wrong code does not; both audited', async () => {
    const ctx = await buildTestApp();
    const { secret } = await enrolTotp(ctx, await ctx.login('consulent'));
    later(ctx, 60);
    const agent = request.agent(ctx.app);
    const first = await passwordStep(agent, 'consulent');
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/login/tweede-stap');
    // Not signed in yet.
    expect((await agent.get('/')).headers.location).toBe('/login');
    const wrong = await codeStep(agent, '123456' === codeAt(secret, ctx.clock.now().getTime()) ? '654321' : '123456');
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('Deze code klopt niet');
    expect(count(ctx, 'tweede-factor-mislukt')).toBe(1);
    const right = await codeStep(agent, codeAt(secret, ctx.clock.now().getTime()));
    expect(right.status).toBe(303);
    expect(right.headers.location).toBe('/');
    expect((await agent.get('/')).status).toBe(200);
    // The first row is the log-in before enrolment.
    expect(ctx.db.prepare("SELECT details FROM audit_log WHERE action = 'inloggen' ORDER BY id").pluck().all()).toEqual([null, 'wachtwoord + authenticator-app']);
  });

  it('refuses a code used before within its window', async () => {
    const ctx = await buildTestApp();
    const { secret } = await enrolTotp(ctx, await ctx.login('consulent'));
    later(ctx, 60);
    const code = codeAt(secret, ctx.clock.now().getTime());
    const a = request.agent(ctx.app);
    await passwordStep(a, 'consulent');
    expect((await codeStep(a, code)).status).toBe(303);
    later(ctx, 10); // same 30-second step
    const b = request.agent(ctx.app);
    await passwordStep(b, 'consulent');
    const reused = await codeStep(b, code);
    expect(reused.status).toBe(401);
    // The next step's code works.
    later(ctx, 30);
    expect((await codeStep(b, codeAt(secret, ctx.clock.now().getTime()))).status).toBe(303);
  });

  it('also refuses the enrolment code at log-in (already used)', async () => {
    const ctx = await buildTestApp();
    const me = await ctx.login('consulent');
    const { secret } = await enrolTotp(ctx, me);
    const agent = request.agent(ctx.app);
    await passwordStep(agent, 'consulent');
    expect((await codeStep(agent, codeAt(secret, ctx.clock.now().getTime()))).status).toBe(401);
  });

  it('accepts a recovery code once', async () => {
    const ctx = await buildTestApp();
    const { codes } = await enrolTotp(ctx, await ctx.login('consulent'));
    const a = request.agent(ctx.app);
    await passwordStep(a, 'consulent');
    const ok = await codeStep(a, ` ${codes[3]!.toUpperCase()} `);
    expect(ok.status).toBe(303);
    expect(ctx.db.prepare("SELECT details FROM audit_log WHERE action = 'inloggen' ORDER BY id DESC").pluck().get()).toBe('wachtwoord + herstelcode');
    const b = request.agent(ctx.app);
    await passwordStep(b, 'consulent');
    expect((await codeStep(b, codes[3]!)).status).toBe(401);
    expect(ctx.db.prepare('SELECT COUNT(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL').pluck().get(ctx.users.consulent)).toBe(9);
  });

  it('counts wrong codes against the log-in throttle: after 5 even the right code is refused', async () => {
    const ctx = await buildTestApp();
    const { secret } = await enrolTotp(ctx, await ctx.login('consulent'));
    later(ctx, 60);
    const agent = request.agent(ctx.app);
    await passwordStep(agent, 'consulent');
    const right = codeAt(secret, ctx.clock.now().getTime());
    const wrongCode = right === '111111' ? '222222' : '111111';
    for (let i = 0; i < 5; i++) expect((await codeStep(agent, wrongCode)).status).toBe(401);
    const blocked = await codeStep(agent, right);
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain('Te veel mislukte pogingen');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // The same account from the same address cannot start over with the password either.
    expect((await passwordStep(request.agent(ctx.app), 'consulent')).status).toBe(429);
  });

  it('forgets a half-finished log-in after 5 minutes', async () => {
    const ctx = await buildTestApp();
    const { secret } = await enrolTotp(ctx, await ctx.login('consulent'));
    const agent = request.agent(ctx.app);
    await passwordStep(agent, 'consulent');
    later(ctx, 6 * 60);
    const page = await agent.get('/login/tweede-stap');
    expect(page.headers.location).toBe('/login');
    const csrf = csrfFrom((await agent.get('/login')).text);
    const res = await agent.post('/login/tweede-stap').type('form').send({ _csrf: csrf, code: codeAt(secret, ctx.clock.now().getTime()) });
    expect(res.headers.location).toBe('/login');
    expect((await agent.get('/')).headers.location).toBe('/login');
  });
});

describe('second factor required by role', () => {
  async function requireFor(ctx: TestContext, roles: string[]) {
    const { agent, csrf } = await ctx.login('admin');
    const res = await agent.post('/admin/tweede-factor').type('form').send({ _csrf: csrf, required: roles });
    expect(res.status).toBe(303);
  }

  it('is off by default outside production (the demo log-ins work with a password alone)', async () => {
    const ctx = await buildTestApp();
    for (const u of ['consulent', 'teamleider', 'admin']) {
      const { agent } = await ctx.login(u);
      expect((await agent.get('/')).status).toBe(200);
    }
    expect(ctx.db.prepare('SELECT SUM(required) FROM second_factor_policy').pluck().get()).toBe(0);
  });

  it('sends a user who must enrol to enrolment, and lets them reach nothing else until done', async () => {
    const ctx = await buildTestApp();
    await requireFor(ctx, ['consulent']);
    expect(ctx.db.prepare("SELECT details FROM audit_log WHERE action = 'tweede-factor-beleid-gewijzigd'").pluck().get()).toBe('verplicht voor: consulent');
    const me = await ctx.login('consulent');
    for (const path of ['/', '/clients', '/caseload', '/account/sessies', '/account/password', '/admin/users']) {
      const res = await me.agent.get(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.location, path).toBe('/account/tweede-factor');
    }
    const post = await me.agent.post('/account/sessies/andere-beeindigen').type('form').send({ _csrf: me.csrf });
    expect(post.headers.location).toBe('/account/tweede-factor');
    const page = await me.agent.get('/account/tweede-factor');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Voor uw account is een tweede factor verplicht');
    await enrolTotp(ctx, me);
    expect((await me.agent.get('/')).status).toBe(200);
    // Another role is not affected.
    expect((await (await ctx.login('teamleider')).agent.get('/')).status).toBe(200);
  });

  it('in production is required for every local account and cannot be switched off', async () => {
    const ctx = await buildTestApp({ config: { production: true } });
    for (const u of ['consulent', 'teamleider', 'admin']) {
      const { agent } = await ctx.login(u);
      expect((await agent.get('/')).headers.location, u).toBe('/account/tweede-factor');
    }
    const admin = await ctx.login('admin');
    await enrolTotp(ctx, admin);
    const page = await admin.agent.get('/admin/tweede-factor');
    expect(page.text).toContain('productieomgeving');
    expect(page.text.match(/type="checkbox"[^>]*checked disabled/g)).toHaveLength(4);
    const off = await admin.agent.post('/admin/tweede-factor').type('form').send({ _csrf: admin.csrf });
    expect(off.status).toBe(409);
    expect(count(ctx, 'tweede-factor-beleid-geweigerd')).toBe(1);
  });

  it('an admin reset removes the second factor, is audited, ends the user’s sessions, and the user must enrol again', async () => {
    const ctx = await buildTestApp();
    await requireFor(ctx, ['consulent']);
    const me = await ctx.login('consulent');
    await enrolTotp(ctx, me);
    expect((await me.agent.get('/')).status).toBe(200);
    const admin = await ctx.login('admin');
    const res = await admin.agent.post(`/admin/users/${ctx.users.consulent}/tweede-factor-reset`).type('form').send({ _csrf: admin.csrf });
    expect(res.status).toBe(303);
    expect((await me.agent.get('/')).headers.location).toBe('/login');
    expect(ctx.db.prepare("SELECT details FROM audit_log WHERE action = 'tweede-factor-gereset'").pluck().get()).toBe(
      `gebruiker ${ctx.users.consulent}; alle sessies beëindigd`,
    );
    expect(ctx.db.prepare('SELECT COUNT(*) FROM recovery_codes WHERE user_id = ?').pluck().get(ctx.users.consulent)).toBe(0);
    // Signs in with the password alone now, and is sent to enrolment.
    const again = await ctx.login('consulent');
    expect((await again.agent.get('/')).headers.location).toBe('/account/tweede-factor');
    // Only an admin may reset.
    const other = await ctx.login('teamleider');
    expect((await other.agent.post(`/admin/users/${ctx.users.consulent}/tweede-factor-reset`).type('form').send({ _csrf: other.csrf })).status).toBe(403);
  });
});
