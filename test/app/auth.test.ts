import { Secret, TOTP } from 'otpauth';
import { beforeEach, describe, expect, it } from 'vitest';
import { changeOwnPassword, passwordLogin, pendingUser, secondFactorLogin } from '../../src/app/auth.js';
import { UseCaseError } from '../../src/app/errors.js';
import {
  adminResetSecondFactor,
  confirmTotpEnrolment,
  mustEnrol,
  secondFactorRequired,
  setPolicy,
  startTotpEnrolment,
} from '../../src/app/second-factor.js';
import { adminEndSessions, endMySession, loadMySessions, sessionHandle } from '../../src/app/sessions.js';
import type { AttemptLimiter, SignInDeps, Visitor } from '../../src/app/sign-in-context.js';
import { SqliteSessionStore } from '../../src/db/session-store.js';
import { findUserById, type User } from '../../src/db/users.js';
import { actorFor } from '../helpers/actor.js';
import { buildTestApp, TEST_PASSWORD, type TestContext } from '../helpers/app.js';

/** A limiter that blocks after `limit` failures and records what it was told. */
class CountingLimiter implements AttemptLimiter {
  failures = 0;
  successes = 0;
  constructor(private readonly limit = 5) {}
  async retryAfter() {
    return this.failures >= this.limit ? 900 : 0;
  }
  async recordFailure() {
    this.failures += 1;
  }
  async recordSuccess() {
    this.successes += 1;
  }
}

const visitor = (ctx: TestContext): Visitor => ({ ip: '10.0.0.1', userAgent: 'test', traceId: 'trace-1', startedAt: ctx.clock.now() });
const parsed = <T>(data: T) => ({ ok: true as const, data });

describe('sign-in use cases (no HTTP)', () => {
  let ctx: TestContext;
  let deps: SignInDeps;
  let limiter: CountingLimiter;
  beforeEach(async () => {
    ctx = await buildTestApp();
    limiter = new CountingLimiter();
    deps = { db: ctx.db, clock: ctx.clock, limiter, sessionStore: new SqliteSessionStore(ctx.db, () => ctx.clock.now().getTime()), production: false };
  });

  const user = (id: number) => findUserById(ctx.db, id) as User;

  async function enrol(userId: number): Promise<{ secret: string; codes: string[] }> {
    const actor = actorFor(ctx, userId);
    const { secret } = await startTotpEnrolment(actor);
    const code = new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: ctx.clock.now().getTime() });
    const r = confirmTotpEnrolment(deps, actor, 'no-session', secret, parsed({ code }));
    if (!r.ok) throw new Error('enrolment failed');
    return { secret, codes: r.value.recoveryCodes };
  }

  it('password log-in: signed in without a second factor, a second step with one; the failure is counted and audited', async () => {
    const r = await passwordLogin(deps, visitor(ctx), parsed({ username: 'consulent', password: TEST_PASSWORD }));
    expect(r).toMatchObject({ ok: true, value: { kind: 'signed-in', user: { id: ctx.users.consulent } } });
    await enrol(ctx.users.consulent);
    const again = await passwordLogin(deps, visitor(ctx), parsed({ username: 'consulent', password: TEST_PASSWORD }));
    expect(again).toMatchObject({ ok: true, value: { kind: 'second-factor' } });
    const wrong = await passwordLogin(deps, visitor(ctx), parsed({ username: 'consulent', password: 'fout' }));
    expect(wrong).toEqual({ ok: false, refusal: { kind: 'wrong', message: 'De gebruikersnaam of het wachtwoord klopt niet.' } });
    expect(limiter.failures).toBe(1);
    expect(ctx.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'inloggen-mislukt'").pluck().get()).toBe(1);
  });

  it('second step: a code is accepted once per time step; wrong codes count against the limiter until it blocks', async () => {
    const { secret } = await enrol(ctx.users.consulent);
    ctx.clock.set(new Date(ctx.clock.now().getTime() + 60_000).toISOString());
    const code = new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: ctx.clock.now().getTime() });
    const u = user(ctx.users.consulent);
    expect((await secondFactorLogin(deps, visitor(ctx), u, parsed({ code }))).ok).toBe(true);
    expect(await secondFactorLogin(deps, visitor(ctx), u, parsed({ code }))).toMatchObject({ ok: false, refusal: { kind: 'wrong' } });
    for (let i = 0; i < 4; i++) await secondFactorLogin(deps, visitor(ctx), u, parsed({ code: '000000' }));
    expect(limiter.failures).toBe(5);
    expect(await secondFactorLogin(deps, visitor(ctx), u, parsed({ code }))).toMatchObject({ ok: false, refusal: { kind: 'throttled' } });
  });

  it('a recovery code works once', async () => {
    const { codes } = await enrol(ctx.users.consulent);
    const u = user(ctx.users.consulent);
    expect(await secondFactorLogin(deps, visitor(ctx), u, parsed({ code: codes[0]! }))).toMatchObject({ ok: true, value: { how: 'wachtwoord + herstelcode' } });
    expect(await secondFactorLogin(deps, visitor(ctx), u, parsed({ code: codes[0]! }))).toMatchObject({ ok: false });
  });

  it('a waiting log-in expires after 5 minutes and ends for a deactivated account', () => {
    const at = ctx.clock.now().toISOString();
    expect(pendingUser(deps, { userId: ctx.users.consulent, at })?.id).toBe(ctx.users.consulent);
    ctx.db.prepare('UPDATE users SET active = 0 WHERE id = ?').run(ctx.users.consulent);
    expect(pendingUser(deps, { userId: ctx.users.consulent, at })).toBeNull();
    expect(pendingUser(deps, { userId: ctx.users.teamleider, at: new Date(ctx.clock.now().getTime() - 6 * 60_000).toISOString() })).toBeNull();
  });

  it('policy: per role outside production, always in production, never after single sign-on; only an admin sets it', () => {
    expect(secondFactorRequired(deps, 'consulent')).toBe(false);
    expect(setPolicy(deps, actorFor(ctx, ctx.users.admin), parsed({ required: ['consulent' as const] }))).toEqual({ ok: true, value: undefined });
    expect(mustEnrol(deps, user(ctx.users.consulent), 'password')).toBe(true);
    expect(mustEnrol(deps, user(ctx.users.consulent), 'oidc')).toBe(false);
    expect(mustEnrol(deps, user(ctx.users.teamleider), 'password')).toBe(false);
    const production = { ...deps, production: true };
    expect(mustEnrol(production, user(ctx.users.teamleider), 'password')).toBe(true);
    expect(setPolicy(production, actorFor(ctx, ctx.users.admin), parsed({ required: [] }))).toMatchObject({ ok: false, refusal: { kind: 'conflict' } });
    expect(() => setPolicy(deps, actorFor(ctx, ctx.users.teamleider), parsed({ required: [] }))).toThrow(UseCaseError);
    expect(() => adminResetSecondFactor(deps, actorFor(ctx, ctx.users.consulent), ctx.users.consulent2)).toThrow(UseCaseError);
  });

  it('password change ends the other sessions only; a wrong current password is counted', async () => {
    const store = deps.sessionStore;
    const data = (since: string) => ({ cookie: { originalMaxAge: 1_800_000 }, userId: ctx.users.consulent, since }) as never;
    store.set('mine', data('2026-11-24T08:00:00.000Z'));
    store.set('phone', data('2026-11-24T07:00:00.000Z'));
    const actor = actorFor(ctx, ctx.users.consulent);
    const wrong = await changeOwnPassword(deps, actor, visitor(ctx), 'mine', parsed({ current: 'fout', next: 'een-heel-nieuw-wachtwoord' }));
    expect(wrong).toMatchObject({ ok: false, refusal: { kind: 'invalid' } });
    expect(limiter.failures).toBe(1);
    const r = await changeOwnPassword(deps, actor, visitor(ctx), 'mine', parsed({ current: TEST_PASSWORD, next: 'een-heel-nieuw-wachtwoord' }));
    expect(r.ok).toBe(true);
    expect(store.listForUser(ctx.users.consulent).map((s) => s.sid)).toEqual(['mine']);
  });

  it('sessions: handles hide the id; another user’s session cannot be ended; the admin ends all', () => {
    const store = deps.sessionStore;
    const data = (userId: number) => ({ cookie: { originalMaxAge: 1_800_000 }, userId, since: ctx.clock.now().toISOString(), userAgent: 'Firefox/128 (Windows)' }) as never;
    store.set('a1', data(ctx.users.consulent));
    store.set('a2', data(ctx.users.consulent));
    store.set('b1', data(ctx.users.consulent2));
    const me = actorFor(ctx, ctx.users.consulent);
    const page = loadMySessions(deps, me, 'a1');
    expect(page.sessions.map((s) => [s.handle, s.current])).toEqual([
      [sessionHandle('a1'), true],
      [sessionHandle('a2'), false],
    ]);
    expect(endMySession(deps, me, 'a1', sessionHandle('b1'))).toMatchObject({ ok: false });
    expect(endMySession(deps, me, 'a1', sessionHandle('a1'))).toMatchObject({ ok: false });
    expect(endMySession(deps, me, 'a1', sessionHandle('a2'))).toEqual({ ok: true, value: undefined });
    expect(store.listForUser(ctx.users.consulent2)).toHaveLength(1);
    expect(() => adminEndSessions(deps, me, ctx.users.consulent2)).toThrow(UseCaseError);
    expect(adminEndSessions(deps, actorFor(ctx, ctx.users.admin), ctx.users.consulent2)).toMatchObject({ ok: true, value: { ended: 1 } });
    expect(store.listForUser(ctx.users.consulent2)).toHaveLength(0);
  });
});
