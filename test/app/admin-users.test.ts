import { beforeEach, describe, expect, it } from 'vitest';
import type { StaleSave } from '../../src/app/admin.js';
import {
  addUser,
  type NewUserForm,
  changeUser,
  loadUserPage,
  loadUsersPage,
  resetPassword,
  setAccountActive,
  type UserAdminDeps,
} from '../../src/app/admin-users.js';
import { UseCaseError } from '../../src/app/errors.js';
import { SqliteSessionStore } from '../../src/db/session-store.js';
import { findUserById, findUserByUsername } from '../../src/db/users.js';
import { verifyPassword } from '../../src/lib/passwords.js';
import { actorFor } from '../helpers/actor.js';
import { buildTestApp, type TestContext } from '../helpers/app.js';

/** The functioneel-beheer audit rows (they name no client), oldest first. */
const adminAudit = (ctx: TestContext) =>
  ctx.db.prepare("SELECT action, outcome, details FROM audit_log WHERE activity = 'beheer' ORDER BY id").all() as { action: string; outcome: string; details: string }[];

const account = (ctx: TestContext, over: Partial<NewUserForm> = {}) => ({
  displayName: 'Sanne de Vries',
  role: 'teamleider' as const,
  teamId: String(ctx.teamB),
  ...over,
});

const sessionsOf = (ctx: TestContext, userId: number) =>
  ctx.db.prepare("SELECT COUNT(*) FROM sessions WHERE json_extract(data, '$.userId') = ?").pluck().get(userId);

const errorOf = async (fn: () => unknown) => {
  try {
    await fn();
  } catch (e) {
    return e instanceof UseCaseError ? `${e.kind}: ${e.message}` : String(e);
  }
  return 'served';
};

describe('admin user use cases (no HTTP)', () => {
  let ctx: TestContext;
  let deps: UserAdminDeps;
  beforeEach(async () => {
    ctx = await buildTestApp();
    deps = { db: ctx.db, clock: ctx.clock, sessionStore: new SqliteSessionStore(ctx.db, () => ctx.clock.now().getTime()) };
  });

  it('changes name, role and team with a bumped version and an audit row of what changed', () => {
    const r = changeUser(deps, actorFor(ctx, ctx.users.admin), ctx.users.consulent2, 1, { ok: true, data: account(ctx) });
    expect(r).toEqual({ ok: true, value: { userId: ctx.users.consulent2, message: 'De gegevens van Sanne de Vries zijn opgeslagen.' } });
    expect(findUserById(ctx.db, ctx.users.consulent2)).toMatchObject({ displayName: 'Sanne de Vries', role: 'teamleider', teamId: ctx.teamB, version: 2 });
    expect(adminAudit(ctx)).toEqual([
      { action: 'gebruiker-gewijzigd', outcome: 'ok', details: `gebruiker ${ctx.users.consulent2}: naam, rol consulent → teamleider, team ${ctx.teamA} → ${ctx.teamB}` },
    ]);
  });

  it('refuses a stale version: nothing saved, what is stored next to what was typed, audited as an error', () => {
    const admin = actorFor(ctx, ctx.users.admin);
    expect(changeUser(deps, admin, ctx.users.consulent2, 1, { ok: true, data: account(ctx, { displayName: 'Eerste' }) }).ok).toBe(true);
    const r = changeUser(deps, admin, ctx.users.consulent2, 1, { ok: true, data: account(ctx, { displayName: 'Tweede', role: 'consulent', teamId: String(ctx.teamA) }) });
    expect(r.ok).toBe(false);
    const refusal = (r as { refusal: StaleSave }).refusal;
    expect(refusal).toMatchObject({ kind: 'stale', versionMissing: false, message: 'Niet opgeslagen: iemand anders heeft de gegevens van Eerste intussen gewijzigd' });
    expect(refusal.conflict.rows).toEqual([
      { label: 'Naam', stored: 'Eerste', mine: 'Tweede' },
      { label: 'Rol', stored: 'Teamleider', mine: 'Consulent' },
      { label: 'Team', stored: 'Team B', mine: 'Team A' },
    ]);
    expect(findUserById(ctx.db, ctx.users.consulent2)).toMatchObject({ displayName: 'Eerste', version: 2 });
    expect(adminAudit(ctx).at(-1)).toEqual({
      action: 'gebruiker-wijziging-geweigerd',
      outcome: 'error',
      details: `gebruiker ${ctx.users.consulent2}: wijzigen geweigerd, versie 1 verouderd (nu 2)`,
    });
    // A form without a version is refused the same way, as one that cannot be compared (a 400, not a 409).
    const none = changeUser(deps, admin, ctx.users.consulent2, null, { ok: true, data: account(ctx) });
    expect(!none.ok && none.refusal).toMatchObject({ kind: 'stale', versionMissing: true });
  });

  it('deactivates in one go with ending the sessions; a stale page is refused and keeps them', () => {
    const admin = actorFor(ctx, ctx.users.admin);
    new SqliteSessionStore(ctx.db).set('s1', { userId: ctx.users.consulent2, cookie: { maxAge: 60_000 } } as never);
    expect(sessionsOf(ctx, ctx.users.consulent2)).toBe(1);
    changeUser(deps, admin, ctx.users.consulent2, 1, { ok: true, data: account(ctx) });
    const stale = setAccountActive(deps, admin, ctx.users.consulent2, 1, false);
    expect(!stale.ok && stale.refusal.kind).toBe('stale');
    expect(findUserById(ctx.db, ctx.users.consulent2)!.active).toBe(true);
    expect(sessionsOf(ctx, ctx.users.consulent2)).toBe(1);
    expect(setAccountActive(deps, admin, ctx.users.consulent2, 2, false).ok).toBe(true);
    expect(findUserById(ctx.db, ctx.users.consulent2)).toMatchObject({ active: false, version: 3 });
    expect(sessionsOf(ctx, ctx.users.consulent2)).toBe(0);
    expect(adminAudit(ctx).map((a) => a.action)).toEqual(['gebruiker-gewijzigd', 'gebruiker-wijziging-geweigerd', 'gebruiker-gedeactiveerd']);
    expect(setAccountActive(deps, admin, ctx.users.admin, 1, false)).toEqual({
      ok: false,
      refusal: { kind: 'invalid', errors: { _form: 'U kunt uw eigen account niet uitzetten.' } },
    });
  });

  it('creates a user with a temporary password; a taken name is reported with the other errors', async () => {
    const admin = actorFor(ctx, ctx.users.admin);
    const refused = await addUser(deps, admin, 'CONSULENT', { ok: false, errors: { password: 'kort', teamId: 'team' } });
    expect(refused).toEqual({
      ok: false,
      refusal: { kind: 'invalid', errors: { password: 'kort', teamId: 'team', username: 'De gebruikersnaam "CONSULENT" is al in gebruik. Kies een andere.' } },
    });
    const r = await addUser(deps, admin, 'f.elamrani', { ok: true, data: { ...account(ctx), username: 'f.elamrani', password: '' } });
    expect(r.ok).toBe(true);
    const shown = r.ok ? r.value : undefined;
    expect(shown!.password).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    const stored = findUserByUsername(ctx.db, 'f.elamrani')!;
    expect(stored).toMatchObject({ role: 'teamleider', teamId: ctx.teamB, mustChangePassword: true });
    expect(await verifyPassword(shown!.password!, stored.passwordHash)).toBe(true);
    expect(adminAudit(ctx)).toEqual([
      { action: 'gebruiker-aangemaakt', outcome: 'ok', details: `gebruiker ${stored.id} (f.elamrani), rol teamleider` },
    ]);
    const noTeam = await addUser(deps, admin, 'x.y', { ok: true, data: { ...account(ctx, { teamId: '999' }), username: 'x.y', password: '' } });
    expect(noTeam).toEqual({ ok: false, refusal: { kind: 'invalid', errors: { teamId: 'Kies een geldig team' } } });
  });

  it('resets a password and ends the sessions, but not the admin\'s own', async () => {
    const admin = actorFor(ctx, ctx.users.admin);
    expect(await resetPassword(deps, admin, ctx.users.admin, { ok: true, data: { password: '' } })).toEqual({
      ok: false,
      refusal: { kind: 'invalid', errors: { _form: 'Uw eigen wachtwoord wijzigt u via Wachtwoord wijzigen.' } },
    });
    new SqliteSessionStore(ctx.db).set('s2', { userId: ctx.users.consulent, cookie: { maxAge: 60_000 } } as never);
    const r = await resetPassword(deps, admin, ctx.users.consulent, { ok: true, data: { password: 'een-lang-wachtwoord' } });
    expect(r.ok && r.value.password).toBeNull();
    expect(findUserById(ctx.db, ctx.users.consulent)!.mustChangePassword).toBe(true);
    expect(sessionsOf(ctx, ctx.users.consulent)).toBe(0);
    expect(adminAudit(ctx)).toEqual([{ action: 'wachtwoord-hersteld', outcome: 'ok', details: `gebruiker ${ctx.users.consulent}` }]);
  });

  it('serves admins only, and says which user does not exist', async () => {
    for (const who of [ctx.users.consulent, ctx.users.teamleider]) {
      const actor = actorFor(ctx, who);
      expect(await errorOf(() => loadUsersPage(deps, actor))).toBe('forbidden: U heeft geen toegang tot deze pagina.');
      expect(await errorOf(() => changeUser(deps, actor, ctx.users.consulent2, 1, { ok: true, data: account(ctx) }))).toMatch(/^forbidden/);
      expect(await errorOf(() => setAccountActive(deps, actor, ctx.users.consulent2, 1, false))).toMatch(/^forbidden/);
      expect(await errorOf(() => resetPassword(deps, actor, ctx.users.consulent2, { ok: true, data: { password: '' } }))).toMatch(/^forbidden/);
      expect(await errorOf(() => addUser(deps, actor, 'nieuw', { ok: true, data: { ...account(ctx), username: 'nieuw', password: '' } }))).toMatch(/^forbidden/);
    }
    expect(findUserById(ctx.db, ctx.users.consulent2)).toMatchObject({ displayName: 'Test consulent2', active: true, version: 1 });
    expect(findUserByUsername(ctx.db, 'nieuw')).toBeUndefined();
    expect(adminAudit(ctx)).toEqual([]);
    expect(await errorOf(() => loadUserPage(deps, actorFor(ctx, ctx.users.admin), 9999))).toBe('not-found: Deze gebruiker bestaat niet.');
  });
});
