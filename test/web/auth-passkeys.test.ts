import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildTestApp, csrfFrom, TEST_PASSWORD, type TestContext } from '../helpers/app.js';
import { SoftAuthenticator } from '../helpers/soft-authenticator.js';

// supertest's requests go to 127.0.0.1 with a Host header of 127.0.0.1:<port>; the app is configured with a
// public URL so that the relying party is fixed, as in production.
const PUBLIC_URL = 'https://koers.gemeente.test';

async function app() {
  return buildTestApp({ config: { publicUrl: PUBLIC_URL } });
}

async function addPasskey(ctx: TestContext, authenticator: SoftAuthenticator, name = 'Laptop werk') {
  const { agent, csrf } = await ctx.login('consulent');
  const options = await agent.post('/account/passkeys/opties').set('X-CSRF-Token', csrf).send({});
  expect(options.status).toBe(200);
  expect(options.body.rp).toEqual({ name: 'Koers', id: 'koers.gemeente.test' });
  const res = await agent.post('/account/passkeys').set('X-CSRF-Token', csrf).send({ response: authenticator.register(options.body), name });
  return { agent, csrf, res };
}

async function passwordThenPasskeyOptions(ctx: TestContext) {
  const agent = request.agent(ctx.app);
  const page = await agent.get('/login');
  const first = await agent.post('/login').type('form').send({ username: 'consulent', password: TEST_PASSWORD, _csrf: csrfFrom(page.text) });
  expect(first.headers.location).toBe('/login/tweede-stap');
  const step = await agent.get('/login/tweede-stap');
  const csrf = csrfFrom(step.text);
  const options = await agent.post('/login/passkey/opties').set('X-CSRF-Token', csrf).send({});
  expect(options.status).toBe(200);
  return { agent, csrf, options: options.body as { challenge: string; allowCredentials: { id: string }[] }, step };
}

describe('passkeys (WebAuthn), with a software authenticator', () => {
  it('registers a passkey: verified, stored with its public key, audited; a user with a passkey gets a second step', async () => {
    const ctx = await app();
    const auth = new SoftAuthenticator(PUBLIC_URL);
    const { res } = await addPasskey(ctx, auth);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ redirect: '/account/tweede-factor' });
    const row = ctx.db.prepare('SELECT credential_id, name, counter FROM passkeys WHERE user_id = ?').get(ctx.users.consulent);
    expect(row).toEqual({ credential_id: auth.credentialId.toString('base64url'), name: 'Laptop werk', counter: 0 });
    expect(ctx.db.prepare("SELECT details FROM audit_log WHERE action = 'tweede-factor-ingesteld'").pluck().get()).toMatch(/^passkey "Laptop werk"/);
    const { step, options } = await passwordThenPasskeyOptions(ctx);
    expect(step.text).toContain('Gebruik uw passkey');
    expect(step.text).toMatch(/<script src="\/assets\/passkeys\.\w{10}\.js" defer><\/script>/);
    expect(step.text).not.toContain('name="code"'); // no authenticator app: no code field
    expect(options.allowCredentials.map((c) => c.id)).toEqual([auth.credentialId.toString('base64url')]);
  });

  it('refuses a registration for another origin (phishing site) or with a stale challenge', async () => {
    const ctx = await app();
    const { agent, csrf } = await ctx.login('consulent');
    const auth = new SoftAuthenticator(PUBLIC_URL);
    const options = await agent.post('/account/passkeys/opties').set('X-CSRF-Token', csrf).send({});
    const phished = await agent.post('/account/passkeys').set('X-CSRF-Token', csrf).send({ response: auth.register(options.body, 'https://koers-gemeente.test') });
    expect(phished.status).toBe(400);
    // The challenge was used up by that attempt.
    const again = await agent.post('/account/passkeys').set('X-CSRF-Token', csrf).send({ response: auth.register(options.body) });
    expect(again.status).toBe(400);
    expect(ctx.db.prepare('SELECT COUNT(*) FROM passkeys').pluck().get()).toBe(0);
  });

  it('needs the CSRF token', async () => {
    const ctx = await app();
    const { agent } = await ctx.login('consulent');
    expect((await agent.post('/account/passkeys/opties').send({})).status).toBe(403);
  });

  it('signs in with the passkey as second factor; the counter is stored; audited', async () => {
    const ctx = await app();
    const auth = new SoftAuthenticator(PUBLIC_URL);
    await addPasskey(ctx, auth);
    const { agent, csrf, options } = await passwordThenPasskeyOptions(ctx);
    const res = await agent.post('/login/passkey').set('X-CSRF-Token', csrf).send({ response: auth.authenticate(options) });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ redirect: '/' });
    expect((await agent.get('/')).status).toBe(200);
    expect(ctx.db.prepare('SELECT counter FROM passkeys').pluck().get()).toBe(1);
    expect(ctx.db.prepare("SELECT details FROM audit_log WHERE action = 'inloggen' ORDER BY id DESC").pluck().get()).toBe('wachtwoord + passkey "Laptop werk"');
  });

  it('refuses a signature for another origin, a replayed answer, and another authenticator; failures count against the throttle', async () => {
    const ctx = await app();
    const auth = new SoftAuthenticator(PUBLIC_URL);
    await addPasskey(ctx, auth);
    let { agent, csrf, options } = await passwordThenPasskeyOptions(ctx);
    const phished = await agent.post('/login/passkey').set('X-CSRF-Token', csrf).send({ response: auth.authenticate(options, 'https://koers-gemeente.test') });
    expect(phished.status).toBe(401);
    expect((await agent.get('/')).status).toBe(303);

    ({ agent, csrf, options } = await passwordThenPasskeyOptions(ctx));
    const good = auth.authenticate(options);
    expect((await agent.post('/login/passkey').set('X-CSRF-Token', csrf).send({ response: good })).status).toBe(200);
    // The same answer again, in a new log-in (new challenge): refused.
    const second = await passwordThenPasskeyOptions(ctx);
    expect((await second.agent.post('/login/passkey').set('X-CSRF-Token', second.csrf).send({ response: good })).status).toBe(401);

    const stranger = new SoftAuthenticator(PUBLIC_URL);
    const third = await passwordThenPasskeyOptions(ctx);
    expect((await third.agent.post('/login/passkey').set('X-CSRF-Token', third.csrf).send({ response: stranger.authenticate(third.options) })).status).toBe(401);
    expect(ctx.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'tweede-factor-mislukt'").pluck().get()).toBe(3);
  });

  it('a passkey counts as the required second factor; removing it sends the user back to enrolment', async () => {
    const ctx = await app();
    ctx.db.prepare("UPDATE second_factor_policy SET required = 1 WHERE role = 'consulent'").run();
    const auth = new SoftAuthenticator(PUBLIC_URL);
    const { agent, csrf, res } = await addPasskey(ctx, auth);
    expect(res.status).toBe(200);
    expect((await agent.get('/')).status).toBe(200);
    const id = ctx.db.prepare('SELECT id FROM passkeys').pluck().get();
    expect((await agent.post(`/account/passkeys/${id}/verwijderen`).type('form').send({ _csrf: csrf })).status).toBe(303);
    expect((await agent.get('/')).headers.location).toBe('/account/tweede-factor');
  });
});
