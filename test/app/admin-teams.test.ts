import { beforeEach, describe, expect, it } from 'vitest';
import { addTeam, changeTeam, loadTeamsPage } from '../../src/app/admin-teams.js';
import { UseCaseError } from '../../src/app/errors.js';
import { findTeam } from '../../src/db/teams.js';
import { actorFor } from '../helpers/actor.js';
import { buildTestApp, type TestContext } from '../helpers/app.js';

const adminAudit = (ctx: TestContext) =>
  ctx.db.prepare("SELECT action, outcome, details FROM audit_log WHERE activity = 'beheer' ORDER BY id").all() as { action: string; outcome: string; details: string }[];

describe('admin team use cases (no HTTP)', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await buildTestApp();
  });

  it('adds and renames a team with audit rows; a name in use is refused', () => {
    const admin = actorFor(ctx, ctx.users.admin);
    expect(addTeam(ctx, admin, { ok: true, data: { name: 'Team Zuid', caseloadNorm: null } })).toEqual({ ok: true, value: { message: 'Team Team Zuid is aangemaakt.' } });
    expect(changeTeam(ctx, admin, ctx.teamB, 1, { ok: true, data: { name: 'team zuid', caseloadNorm: 70 } })).toEqual({
      ok: false,
      refusal: { kind: 'invalid', errors: { name: 'Er is al een team met de naam "team zuid". Kies een andere naam.' } },
    });
    expect(changeTeam(ctx, admin, ctx.teamB, 1, { ok: true, data: { name: 'Team Noord', caseloadNorm: 70 } }).ok).toBe(true);
    expect(findTeam(ctx.db, ctx.teamB)).toMatchObject({ name: 'Team Noord', caseloadNorm: 70, version: 2 });
    expect(adminAudit(ctx).map((a) => a.action)).toEqual(['team-aangemaakt', 'team-gewijzigd']);
  });

  it('refuses a stale version with what is stored next to what was typed', () => {
    const admin = actorFor(ctx, ctx.users.admin);
    changeTeam(ctx, admin, ctx.teamB, 1, { ok: true, data: { name: 'Team Noord', caseloadNorm: null } });
    const r = changeTeam(ctx, admin, ctx.teamB, 1, { ok: true, data: { name: 'Team Zuid', caseloadNorm: 60 } });
    expect(!r.ok && r.refusal).toMatchObject({
      kind: 'stale',
      versionMissing: false,
      conflict: {
        rows: [
          { label: 'Naam', stored: 'Team Noord', mine: 'Team Zuid' },
          { label: 'Caseloadnorm', stored: 'Standaard (80)', mine: '60' },
        ],
      },
    });
    expect(findTeam(ctx.db, ctx.teamB)).toMatchObject({ name: 'Team Noord', caseloadNorm: null, version: 2 });
    expect(adminAudit(ctx).at(-1)).toEqual({ action: 'team-wijziging-geweigerd', outcome: 'error', details: `team ${ctx.teamB}: wijzigen geweigerd, versie 1 verouderd (nu 2)` });
  });

  it('serves admins only', () => {
    const consulent = actorFor(ctx, ctx.users.consulent);
    expect(() => loadTeamsPage(ctx, consulent)).toThrow(UseCaseError);
    expect(() => addTeam(ctx, consulent, { ok: true, data: { name: 'Team C', caseloadNorm: null } })).toThrow('U heeft geen toegang tot deze pagina.');
    expect(() => changeTeam(ctx, consulent, ctx.teamA, 1, { ok: true, data: { name: 'Team C', caseloadNorm: null } })).toThrow(UseCaseError);
    expect(findTeam(ctx.db, ctx.teamA)).toMatchObject({ name: 'Team A', version: 1 });
    expect(adminAudit(ctx)).toEqual([]);
  });
});
