import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { describeDevice } from '../../src/app/sessions.js';
import { buildTestApp, csrfFrom, TEST_PASSWORD, type TestContext } from '../helpers/app.js';

const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

/** Logs in from a browser with this User-Agent; returns the agent and a CSRF token of its session. */
async function loginFrom(ctx: TestContext, username: string, userAgent: string) {
  const agent = request.agent(ctx.app);
  const page = await agent.get('/login').set('User-Agent', userAgent);
  const res = await agent.post('/login').set('User-Agent', userAgent).type('form').send({ username, password: TEST_PASSWORD, _csrf: csrfFrom(page.text) });
  expect(res.status).toBe(303);
  const sessions = await agent.get('/account/sessies');
  return { agent, csrf: csrfFrom(sessions.text), page: sessions };
}

const handles = (html: string) => [...html.matchAll(/name="handle" value="([^"]+)"/g)].map((m) => m[1]!);
const signedIn = async (agent: ReturnType<typeof request.agent>) => (await agent.get('/')).status === 200;

describe('Mijn sessies', () => {
  it('lists the user’s own sessions with device, since and last active; never the session id', async () => {
    const ctx = await buildTestApp();
    await loginFrom(ctx, 'consulent', SAFARI_IPHONE);
    ctx.clock.advanceDays(10 / (24 * 60));
    await loginFrom(ctx, 'teamleider', FIREFOX_WINDOWS); // someone else's session is not listed
    const me = await loginFrom(ctx, 'consulent', FIREFOX_WINDOWS);
    const page = (await me.agent.get('/account/sessies')).text;
    expect(page).toContain('<h1>Mijn sessies</h1>');
    expect(page).toContain('Firefox op Windows');
    expect(page).toContain('Safari op iOS');
    expect(page).toContain('Deze sessie');
    expect(page).toMatch(/24 november 2026 om \d\d:00/); // since, of the first session
    expect(page).toMatch(/24 november 2026 om \d\d:10/); // since and last active, of this one
    expect(handles(page)).toHaveLength(1); // the other one can be ended; this one has Uitloggen
    const sids = ctx.db.prepare('SELECT sid FROM sessions').pluck().all() as string[];
    for (const sid of sids) expect(page).not.toContain(sid);
  });

  it('ends one other session (audited); the current one stays', async () => {
    const ctx = await buildTestApp();
    const phone = await loginFrom(ctx, 'consulent', SAFARI_IPHONE);
    const me = await loginFrom(ctx, 'consulent', FIREFOX_WINDOWS);
    const [handle] = handles(me.page.text);
    const res = await me.agent.post('/account/sessies/beeindigen').type('form').send({ _csrf: me.csrf, handle });
    expect(res.status).toBe(303);
    expect(await signedIn(phone.agent)).toBe(false);
    expect(await signedIn(me.agent)).toBe(true);
    expect(ctx.db.prepare("SELECT details FROM audit_log WHERE action = 'sessie-beeindigd'").pluck().get()).toBe('eigen sessie Safari op iOS');
  });

  it('cannot end another user’s session with its handle', async () => {
    const ctx = await buildTestApp();
    const other = await loginFrom(ctx, 'consulent2', SAFARI_IPHONE);
    await loginFrom(ctx, 'consulent2', FIREFOX_WINDOWS);
    const [othersHandle] = handles((await other.agent.get('/account/sessies')).text);
    const me = await loginFrom(ctx, 'consulent', FIREFOX_WINDOWS);
    const res = await me.agent.post('/account/sessies/beeindigen').type('form').send({ _csrf: me.csrf, handle: othersHandle });
    expect(res.status).toBe(303);
    expect((await me.agent.get('/account/sessies')).text).toContain('Deze sessie bestaat niet meer.');
    expect(ctx.db.prepare("SELECT COUNT(*) FROM sessions WHERE json_extract(data, '$.userId') = ?").pluck().get(ctx.users.consulent2)).toBe(2);
  });

  it('ends all other sessions at once', async () => {
    const ctx = await buildTestApp();
    const a = await loginFrom(ctx, 'consulent', SAFARI_IPHONE);
    const b = await loginFrom(ctx, 'consulent', FIREFOX_WINDOWS);
    const me = await loginFrom(ctx, 'consulent', FIREFOX_WINDOWS);
    await me.agent.post('/account/sessies/andere-beeindigen').type('form').send({ _csrf: me.csrf });
    expect((await me.agent.get('/account/sessies')).text).toContain('2 andere sessies zijn beëindigd.');
    expect(await signedIn(a.agent)).toBe(false);
    expect(await signedIn(b.agent)).toBe(false);
    expect(await signedIn(me.agent)).toBe(true);
  });

  it('a password change ends the other sessions', async () => {
    const ctx = await buildTestApp();
    const phone = await loginFrom(ctx, 'consulent', SAFARI_IPHONE);
    const me = await loginFrom(ctx, 'consulent', FIREFOX_WINDOWS);
    const res = await me.agent
      .post('/account/password')
      .type('form')
      .send({ _csrf: me.csrf, current: TEST_PASSWORD, next: 'een-heel-nieuw-wachtwoord', repeat: 'een-heel-nieuw-wachtwoord' });
    expect(res.status).toBe(303);
    expect(await signedIn(phone.agent)).toBe(false);
    expect(await signedIn(me.agent)).toBe(true);
    expect(ctx.db.prepare("SELECT details FROM audit_log WHERE action = 'wachtwoord-gewijzigd'").pluck().get()).toBe('1 andere sessie(s) beëindigd');
  });

  it('setting up a second factor ends the other sessions', async () => {
    const ctx = await buildTestApp();
    const phone = await loginFrom(ctx, 'consulent', SAFARI_IPHONE);
    const me = await loginFrom(ctx, 'consulent', FIREFOX_WINDOWS);
    const page = await me.agent.get('/account/tweede-factor');
    const secret = /<code class="koers-secret">([A-Z2-7 ]+)<\/code>/.exec(page.text)![1]!.replace(/ /g, '');
    const { Secret, TOTP } = await import('otpauth');
    const code = new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: ctx.clock.now().getTime() });
    expect((await me.agent.post('/account/tweede-factor/app').type('form').send({ _csrf: me.csrf, code })).status).toBe(200);
    expect(await signedIn(phone.agent)).toBe(false);
    expect(await signedIn(me.agent)).toBe(true);
  });

  it('an admin ends all sessions of a user (audited); others may not', async () => {
    const ctx = await buildTestApp();
    const a = await loginFrom(ctx, 'consulent', SAFARI_IPHONE);
    const b = await loginFrom(ctx, 'consulent', FIREFOX_WINDOWS);
    const tl = await loginFrom(ctx, 'teamleider', FIREFOX_WINDOWS);
    expect((await tl.agent.post(`/admin/users/${ctx.users.consulent}/sessies-beeindigen`).type('form').send({ _csrf: tl.csrf })).status).toBe(403);
    expect(await signedIn(a.agent)).toBe(true);
    const admin = await loginFrom(ctx, 'admin', FIREFOX_WINDOWS);
    const res = await admin.agent.post(`/admin/users/${ctx.users.consulent}/sessies-beeindigen`).type('form').send({ _csrf: admin.csrf });
    expect(res.status).toBe(303);
    expect(await signedIn(a.agent)).toBe(false);
    expect(await signedIn(b.agent)).toBe(false);
    expect(await signedIn(tl.agent)).toBe(true);
    expect(ctx.db.prepare("SELECT details FROM audit_log WHERE action = 'sessies-beeindigd' AND activity = 'beheer'").pluck().get()).toBe(
      `gebruiker ${ctx.users.consulent}: 2 sessie(s) beëindigd`,
    );
  });

  it('names browsers and systems the way people recognise them', () => {
    expect(describeDevice(FIREFOX_WINDOWS)).toBe('Firefox op Windows');
    expect(describeDevice(SAFARI_IPHONE)).toBe('Safari op iOS');
    expect(describeDevice('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36')).toBe('Chrome op Linux');
    expect(describeDevice('Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/130.0 Safari/537.36 Edg/130.0')).toBe('Edge op Windows');
    expect(describeDevice(undefined)).toBe('Onbekend apparaat');
  });
});
