import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OidcClient, oidcSettingsFromEnv } from '../../src/app/oidc.js';
import { buildTestApp, csrfFrom, TEST_PASSWORD, type TestContext } from '../helpers/app.js';
import { IdpBrowser, OTHER_CLIENT, startIdp, type TestIdp } from '../helpers/oidc-idp.js';

const PUBLIC_URL = 'http://localhost:3000';

let idp: TestIdp;
beforeAll(async () => {
  idp = await startIdp({ publicUrls: [PUBLIC_URL] });
}, 30_000);
afterAll(async () => {
  await idp?.close();
});

/** The app with single sign-on to the test IdP; Koers's clock at real time (ID token expiry is judged by it). */
async function appWithSso(): Promise<TestContext> {
  return buildTestApp({ now: new Date().toISOString(), config: { oidc: idp.settings(PUBLIC_URL) } });
}

/** Starts at Koers, signs in at the IdP as `username`; returns the callback path+query Koers is sent back to. */
async function throughIdp(agent: ReturnType<typeof request.agent>, username: string): Promise<string> {
  const start = await agent.get('/login/oidc');
  expect(start.status).toBe(303);
  const callback = await new IdpBrowser(idp).signIn(start.headers.location!, username);
  expect(callback.startsWith(`${PUBLIC_URL}/login/oidc/callback?`)).toBe(true);
  return callback.slice(PUBLIC_URL.length);
}

function audit(ctx: TestContext, action: string) {
  return ctx.db.prepare('SELECT user_id AS userId, outcome, details FROM audit_log WHERE action = ? ORDER BY id').all(action) as {
    userId: number | null;
    outcome: string;
    details: string | null;
  }[];
}

describe('single sign-on (OpenID Connect) against a real provider over https', () => {
  it('shows "Inloggen via …" above the password form only when configured', async () => {
    const plain = await buildTestApp();
    expect((await request(plain.app).get('/login')).text).not.toContain('Inloggen via');
    const ctx = await appWithSso();
    const page = await request(ctx.app).get('/login');
    expect(page.text).toMatch(/href="\/login\/oidc"[^>]*>Inloggen via Gemeente Teststad/);
    expect(page.text.indexOf('Inloggen via')).toBeLessThan(page.text.indexOf('name="password"'));
  });

  it('sends the browser to the IdP with PKCE (S256), state, nonce and scopes openid profile', async () => {
    const ctx = await appWithSso();
    const res = await request.agent(ctx.app).get('/login/oidc');
    const url = new URL(res.headers.location!);
    expect(url.origin).toBe(idp.issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(url.searchParams.get('nonce')).toBeTruthy();
    expect(url.searchParams.get('scope')).toBe('openid profile');
    expect(url.searchParams.get('redirect_uri')).toBe(`${PUBLIC_URL}/login/oidc/callback`);
  });

  it('signs a known, active user in: new session, consulent start page, audited', async () => {
    const ctx = await appWithSso();
    const agent = request.agent(ctx.app);
    const before = await agent.get('/login');
    const cookieBefore = (before.headers['set-cookie'] as unknown as string[] | undefined)?.[0]?.split(';')[0];
    const callback = await throughIdp(agent, 'consulent');
    const res = await agent.get(callback);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    const cookieAfter = (res.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0];
    expect(cookieAfter).not.toBe(cookieBefore);
    const home = await agent.get('/');
    expect(home.status).toBe(200);
    expect(home.text).toContain('Test consulent');
    expect(audit(ctx, 'inloggen')).toEqual([{ userId: ctx.users.consulent, outcome: 'ok', details: 'via Gemeente Teststad (OpenID Connect)' }]);
  });

  it('gives an unknown user a clear Dutch page and no session, and audits it', async () => {
    const ctx = await appWithSso();
    const agent = request.agent(ctx.app);
    const res = await agent.get(await throughIdp(agent, 'onbekende.medewerker'));
    expect(res.status).toBe(403);
    expect(res.text).toContain('U heeft nog geen toegang tot Koers; vraag de functioneel beheerder');
    expect((await agent.get('/')).status).toBe(303);
    expect(audit(ctx, 'inloggen')).toHaveLength(0);
    expect(audit(ctx, 'inloggen-mislukt')).toEqual([
      { userId: null, outcome: 'error', details: 'OIDC: onbekende gebruiker (preferred_username: onbekende.medewerker)' },
    ]);
  });

  it('refuses a deactivated user the same way', async () => {
    const ctx = await appWithSso();
    ctx.db.prepare('UPDATE users SET active = 0 WHERE id = ?').run(ctx.users.consulent2);
    const agent = request.agent(ctx.app);
    const res = await agent.get(await throughIdp(agent, 'consulent2'));
    expect(res.status).toBe(403);
    expect(res.text).toContain('U heeft nog geen toegang tot Koers');
    expect((await agent.get('/')).status).toBe(303);
    expect(audit(ctx, 'inloggen-mislukt')[0]!.details).toBe(`OIDC: gebruiker ${ctx.users.consulent2} is uitgezet`);
  });

  it('refuses a callback with the wrong state', async () => {
    const ctx = await appWithSso();
    const agent = request.agent(ctx.app);
    const callback = new URL(await throughIdp(agent, 'consulent'), PUBLIC_URL);
    callback.searchParams.set('state', 'een-andere-state');
    const res = await agent.get(callback.pathname + callback.search);
    expect(res.status).toBe(400);
    expect(res.text).toContain('Inloggen via de gemeente is niet gelukt');
    expect((await agent.get('/')).status).toBe(303);
    expect(audit(ctx, 'inloggen-mislukt')[0]!.details).toBe('OIDC: antwoord afgewezen (OAUTH_INVALID_RESPONSE)');
  });

  it('refuses a replayed code: in the same session, and even with the session’s checks restored', async () => {
    const ctx = await appWithSso();
    const agent = request.agent(ctx.app);
    const callback = await throughIdp(agent, 'consulent');
    // The session's pending checks (state, nonce, PKCE verifier), as an attacker who copied them would have them.
    const pendingRow = ctx.db.prepare("SELECT sid, data, expires_at FROM sessions WHERE json_extract(data, '$.oidc') IS NOT NULL").get() as {
      sid: string;
      data: string;
      expires_at: number;
    };
    expect((await agent.get(callback)).status).toBe(303);
    // 1. The same callback again in the signed-in session: no pending request any more.
    const again = await request.agent(ctx.app).get(callback);
    expect(again.status).toBe(400);
    // 2. With the pending checks put back under a new session: the IdP refuses the used code.
    const attacker = request.agent(ctx.app);
    const page = await attacker.get('/login');
    const sid = decodeURIComponent((page.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0]!.split('=')[1]!).slice(2).split('.')[0]!;
    ctx.db.prepare('UPDATE sessions SET data = ? WHERE sid = ?').run(pendingRow.data, sid);
    const replay = await attacker.get(callback);
    expect(replay.status).toBe(400);
    expect((await attacker.get('/')).status).toBe(303);
    expect(audit(ctx, 'inloggen')).toHaveLength(1);
    expect(audit(ctx, 'inloggen-mislukt').at(-1)!.details).toMatch(/^OIDC: antwoord afgewezen \(invalid_grant\)/);
  });

  it('refuses an expired ID token', async () => {
    const ctx = await appWithSso();
    const agent = request.agent(ctx.app);
    const callback = await throughIdp(agent, 'consulent');
    // The IdP's ID tokens live 300 s; ten minutes later on Koers's clock the token is expired.
    ctx.clock.set(new Date(Date.now() + 10 * 60_000).toISOString());
    const res = await agent.get(callback);
    expect(res.status).toBe(400);
    expect((await agent.get('/')).status).toBe(303);
    expect(audit(ctx, 'inloggen-mislukt')[0]!.details).toBe('OIDC: antwoord afgewezen (OAUTH_JWT_TIMESTAMP_CHECK_FAILED)');
  });

  it('refuses an ID token issued to another client (audience), swapped into the token response', async () => {
    const ctx = await appWithSso();
    const agent = request.agent(ctx.app);
    const start = await agent.get('/login/oidc');
    const koersAuth = new URL(start.headers.location!);
    // A genuine ID token from the same IdP for another application, with the same nonce.
    const other = await idp.provider.Client.find(OTHER_CLIENT.id);
    expect(other).toBeTruthy();
    const otherClient = new OidcClient(idp.settings(PUBLIC_URL, { clientId: OTHER_CLIENT.id, clientSecret: OTHER_CLIENT.secret }));
    const { url: otherAuth, pending } = await otherClient.start();
    const otherUrl = new URL(otherAuth);
    otherUrl.searchParams.set('nonce', koersAuth.searchParams.get('nonce')!);
    const otherCallback = await new IdpBrowser(idp).signIn(otherUrl.href, 'consulent');
    const otherTokens = await otherClient.finish(new URL(otherCallback).search, { ...pending, nonce: koersAuth.searchParams.get('nonce')! }, Date.now());
    expect(JSON.parse(Buffer.from(otherTokens.idToken.split('.')[1]!, 'base64url').toString()).aud).toBe(OTHER_CLIENT.id);

    const callback = await new IdpBrowser(idp).signIn(koersAuth.href, 'consulent');
    idp.tamper.response = async (url, res) => {
      if (!url.endsWith('/token')) return res;
      const body = (await res.json()) as Record<string, unknown>;
      return new Response(JSON.stringify({ ...body, id_token: otherTokens.idToken }), { status: res.status, headers: { 'content-type': 'application/json' } });
    };
    try {
      const res = await agent.get(callback.slice(PUBLIC_URL.length));
      expect(res.status).toBe(400);
    } finally {
      idp.tamper.response = undefined;
    }
    expect((await agent.get('/')).status).toBe(303);
    expect(audit(ctx, 'inloggen')).toHaveLength(0);
    // The audience check refused it (the signature, issuer and nonce were all genuine).
    expect(audit(ctx, 'inloggen-mislukt')[0]!.details).toBe('OIDC: antwoord afgewezen (OAUTH_JWT_CLAIM_COMPARISON_FAILED)');
  });

  it('log-out ends the Koers session and sends a single sign-on user to the IdP’s end_session_endpoint', async () => {
    const ctx = await appWithSso();
    const agent = request.agent(ctx.app);
    await agent.get(await throughIdp(agent, 'consulent'));
    const page = await agent.get('/account/password');
    const out = await agent.post('/logout').type('form').send({ _csrf: csrfFrom(page.text) });
    expect(out.status).toBe(303);
    const to = new URL(out.headers.location!);
    expect(to.origin + to.pathname).toBe(`${idp.issuer}/session/end`);
    expect(to.searchParams.get('id_token_hint')).toMatch(/^ey/);
    expect(to.searchParams.get('post_logout_redirect_uri')).toBe(`${PUBLIC_URL}/login`);
    // The log-out form may end at the IdP (CSP form-action), and nowhere else.
    expect(out.headers['content-security-policy']).toContain(`form-action 'self' ${idp.issuer};`);
    expect((await agent.get('/')).status).toBe(303);
    // A password user still goes to /login.
    const { agent: local, csrf } = await ctx.login('teamleider');
    expect((await local.post('/logout').type('form').send({ _csrf: csrf })).headers.location).toBe('/login');
  });

  it('an admin can switch off password log-in for a user who signs in through the IdP', async () => {
    const ctx = await appWithSso();
    const { agent: admin, csrf } = await ctx.login('admin');
    const { agent: consulent } = await ctx.login('consulent');
    const off = await admin.post(`/admin/users/${ctx.users.consulent}/wachtwoord-inloggen`).type('form').send({ _csrf: csrf, allowed: '0' });
    expect(off.status).toBe(303);
    // The password session ended, and the password no longer signs in …
    expect((await consulent.get('/')).status).toBe(303);
    const agent = request.agent(ctx.app);
    const login = await agent.get('/login');
    const res = await agent.post('/login').type('form').send({ _csrf: csrfFrom(login.text), username: 'consulent', password: TEST_PASSWORD });
    expect(res.status).toBe(403);
    expect(res.text).toContain('inloggen met een wachtwoord uitgezet');
    // … but single sign-on does.
    const sso = request.agent(ctx.app);
    expect((await sso.get(await throughIdp(sso, 'consulent'))).headers.location).toBe('/');
    expect(ctx.db.prepare("SELECT details FROM audit_log WHERE action = 'wachtwoord-inloggen-gewijzigd'").pluck().get()).toBe(
      `gebruiker ${ctx.users.consulent}: wachtwoord-inloggen uit (alleen via de gemeente)`,
    );
    // A consulent cannot do this.
    const { agent: c2, csrf: c2csrf } = await ctx.login('consulent2');
    expect((await c2.post(`/admin/users/${ctx.users.teamleider}/wachtwoord-inloggen`).type('form').send({ _csrf: c2csrf, allowed: '0' })).status).toBe(403);
  });
});

describe('single sign-on when the IdP is unreachable or sends an error', () => {
  it('shows a Dutch page instead of an error trace when discovery fails', async () => {
    const ctx = await buildTestApp({ config: { oidc: { ...idp.settings(PUBLIC_URL), issuer: 'https://127.0.0.1:1' } } });
    const res = await request(ctx.app).get('/login/oidc');
    expect(res.status).toBe(503);
    expect(res.text).toContain('is nu niet bereikbaar');
  });

  it('refuses a callback carrying an error from the IdP (e.g. the user cancelled)', async () => {
    const ctx = await appWithSso();
    const agent = request.agent(ctx.app);
    const start = await agent.get('/login/oidc');
    const state = new URL(start.headers.location!).searchParams.get('state')!;
    const res = await agent.get(`/login/oidc/callback?error=access_denied&state=${state}&iss=${encodeURIComponent(idp.issuer)}`);
    expect(res.status).toBe(400);
    expect((await agent.get('/')).status).toBe(303);
    expect(audit(ctx, 'inloggen-mislukt')[0]!.details).toBe('OIDC: antwoord afgewezen (access_denied)');
  });

  it('does not ask a single sign-on user to change a Koers password the admin reset', async () => {
    const ctx = await appWithSso();
    ctx.db.prepare('UPDATE users SET must_change_password = 1 WHERE id = ?').run(ctx.users.consulent);
    const agent = request.agent(ctx.app);
    await agent.get(await throughIdp(agent, 'consulent'));
    expect((await agent.get('/')).status).toBe(200);
  });
});

describe('single sign-on settings', () => {
  it('require an https issuer: there is no way to allow http', () => {
    const env = { OIDC_ISSUER: 'http://idp.gemeente.nl', OIDC_CLIENT_ID: 'koers', OIDC_CLIENT_SECRET: 's', PUBLIC_URL: 'https://koers.gemeente.nl' };
    expect(() => oidcSettingsFromEnv(env)).toThrow(/https/);
    expect(() => new OidcClient({ ...oidcSettingsFromEnv({ ...env, OIDC_ISSUER: 'https://idp.gemeente.nl' })!, issuer: 'http://idp.gemeente.nl' })).toThrow(/https/);
    expect(oidcSettingsFromEnv({})).toBeUndefined();
    expect(oidcSettingsFromEnv({ ...env, OIDC_ISSUER: 'https://idp.gemeente.nl' })).toMatchObject({
      usernameClaim: 'preferred_username',
      label: 'de gemeente',
    });
  });
});
