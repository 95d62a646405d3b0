import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildTestApp, TEST_PASSWORD } from '../helpers/app.js';

describe('security headers', () => {
  it('sends a strict Content-Security-Policy without unsafe-inline, and the other helmet headers', async () => {
    const { app } = await buildTestApp();
    const res = await request(app).get('/login');
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('has no inline script or style attributes in pages', async () => {
    const ctx = await buildTestApp();
    for (const who of ['consulent', 'teamleider', 'admin']) {
      const { agent } = await ctx.login(who);
      const res = await agent.get('/');
      expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(res.text).not.toMatch(/\sstyle="/);
      expect(res.text).not.toMatch(/\son[a-z]+="/);
    }
  });
});

describe('CSRF protection', () => {
  it('refuses a log-in post without a token with a Dutch 403', async () => {
    const { app } = await buildTestApp();
    const agent = request.agent(app);
    await agent.get('/login');
    const res = await agent.post('/login').type('form').send({ username: 'consulent', password: TEST_PASSWORD });
    expect(res.status).toBe(403);
    expect(res.text).toContain('Formulier verlopen');
    expect(res.text).toContain('Er is niets opgeslagen');
  });

  it('refuses a state change with a wrong token and changes nothing', async () => {
    const ctx = await buildTestApp();
    const { agent } = await ctx.login('consulent');
    const before = ctx.db.prepare("SELECT password_hash FROM users WHERE username = 'consulent'").pluck().get();
    const res = await agent
      .post('/account/password')
      .type('form')
      .send({ _csrf: 'not-the-token', current: TEST_PASSWORD, next: 'een nieuwe lange zin', repeat: 'een nieuwe lange zin' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('Formulier verlopen');
    const after = ctx.db.prepare("SELECT password_hash FROM users WHERE username = 'consulent'").pluck().get();
    expect(after).toBe(before);
  });

  it('refuses log-out without a token (the session stays)', async () => {
    const ctx = await buildTestApp();
    const { agent } = await ctx.login('consulent');
    expect((await agent.post('/logout').type('form').send({})).status).toBe(403);
    expect((await agent.get('/')).status).toBe(200);
  });
});

describe('error pages', () => {
  it('answers an unknown page with a Dutch 404', async () => {
    const ctx = await buildTestApp();
    const { agent } = await ctx.login('consulent');
    const res = await agent.get('/bestaat-niet');
    expect(res.status).toBe(404);
    expect(res.text).toContain('Pagina niet gevonden');
  });

  it('answers a failure with a Dutch 500 without stack trace or SQL', async () => {
    const ctx = await buildTestApp();
    const { agent } = await ctx.login('consulent');
    const original = console.error;
    console.error = () => undefined;
    try {
      ctx.db.close(); // every query now fails
      const res = await agent.get('/');
      expect(res.status).toBe(500);
      expect(res.text).toContain('Er ging iets mis');
      expect(res.text).not.toMatch(/at .*\.(ts|js):\d+/);
      expect(res.text).not.toMatch(/SELECT|sqlite|database connection/i);
    } finally {
      console.error = original;
    }
  });
});

describe('health', () => {
  it('answers 200 {"status":"ok"} when the database answers', async () => {
    const { app } = await buildTestApp();
    const res = await request(app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('answers 503 when the database is gone', async () => {
    const { app, db } = await buildTestApp();
    db.close();
    const res = await request(app).get('/healthz');
    expect(res.status).toBe(503);
  });
});

describe('audit log', () => {
  it('cannot be changed or deleted, even with SQL', async () => {
    const ctx = await buildTestApp();
    await ctx.login('consulent');
    expect(() => ctx.db.prepare("UPDATE audit_log SET action = 'x'").run()).toThrow(/append-only/);
    expect(() => ctx.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  it('records trace id, action, activity, times, outcome and user', async () => {
    const ctx = await buildTestApp();
    await ctx.login('consulent');
    const row = ctx.db.prepare("SELECT * FROM audit_log WHERE action = 'inloggen'").get() as Record<string, unknown>;
    expect(row.trace_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(row.activity).toBe('toegang');
    expect(row.outcome).toBe('ok');
    expect(row.user_id).toBe(ctx.users.consulent);
    expect(row.started_at).toBe('2026-11-24T09:00:00.000Z');
    expect(row.ended_at).toBeTruthy();
  });
});
