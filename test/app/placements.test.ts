import { beforeEach, describe, expect, it } from 'vitest';
import { UseCaseError } from '../../src/app/errors.js';
import {
  activatePlacement,
  changePlacement,
  confirmReadiness,
  endPlacement,
  loadPlacementEditPage,
  loadPlacementsPage,
  loadTeamPlacementsPage,
  type PlacementInput,
  READINESS_ITEMS,
  recordPlacement,
  updateAftercare,
} from '../../src/app/placements.js';
import { listCheckins, listPlacements } from '../../src/db/placements.js';
import { listClientEvents } from '../../src/db/timeline.js';
import { actorFor, auditActions, closeClientDirectly } from '../helpers/actor.js';
import { buildTestApp, type TestContext } from '../helpers/app.js';
import { addHours, status, zRouteClient } from '../helpers/fixtures.js';

const form = (over: Partial<PlacementInput> = {}): { ok: true; data: PlacementInput } => ({
  ok: true,
  data: {
    kind: 'VRIJWILLIGERSWERK',
    organisation: 'Buurthuis',
    contactPerson: null,
    jobCoach: null,
    startOn: '2026-09-01',
    plannedEndOn: null,
    hoursPerWeek: 8,
    languageSupport: 'GEEN',
    note: null,
    ...over,
  },
});

function err(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof UseCaseError ? `${e.kind}: ${e.message}` : String(e);
  }
  return 'served';
}

describe('placements use cases (no HTTP)', () => {
  let ctx: TestContext;
  let clientId: number;
  beforeEach(async () => {
    ctx = await buildTestApp();
    clientId = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    // An old status row, so that a write's refresh of client_status shows.
    ctx.db.prepare("UPDATE client_status SET computed_on = '2026-01-01' WHERE client_id = ?").run(clientId);
  });

  it('adds a placement with a timeline event, a refreshed status and an audit row', () => {
    const r = recordPlacement(ctx, actorFor(ctx, ctx.users.consulent), clientId, form());
    expect(r).toEqual({ ok: true, value: { summary: 'vrijwilligerswerk bij Buurthuis' } });
    expect(listPlacements(ctx.db, clientId)).toMatchObject([{ kind: 'VRIJWILLIGERSWERK', status: 'IN_VOORBEREIDING', version: 1 }]);
    expect(listClientEvents(ctx.db, clientId, 1)[0]).toMatchObject({
      kind: 'PLACEMENT',
      summary: 'Plaats toegevoegd: vrijwilligerswerk bij Buurthuis (in voorbereiding)',
      refTable: 'placements',
    });
    expect(status(ctx.db, clientId).computed_on).toBe('2026-11-24');
    expect(auditActions(ctx, clientId)).toEqual(['plaats-toegevoegd']);
  });

  it('activates (a reason while the basics are not in order; after-care for paid work), confirms readiness and ends', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    recordPlacement(ctx, actor, clientId, form({ kind: 'BETAALD_WERK', organisation: 'Groenbedrijf' }));
    const p = listPlacements(ctx.db, clientId)[0]!;
    const noReason = activatePlacement(ctx, actor, clientId, p.id, { ok: true, data: { version: p.version, activationReason: null } });
    expect(!noReason.ok && noReason.refusal.kind === 'invalid' && Object.keys(noReason.refusal.errors)).toEqual(['activationReason']);
    const r = activatePlacement(ctx, actor, clientId, p.id, { ok: true, data: { version: p.version, activationReason: 'Werkgever wacht niet' } });
    expect(r.ok).toBe(true);
    expect(listPlacements(ctx.db, clientId)[0]).toMatchObject({ status: 'ACTIEF', activationReason: 'Werkgever wacht niet' });
    expect(listCheckins(ctx.db, clientId).map((c) => c.dueOn)).toEqual(['2026-10-01', '2026-12-01', '2027-03-01']);
    expect(listClientEvents(ctx.db, clientId, 1)[0]!.summary).toBe(
      'Plaats actief: betaald werk bij Groenbedrijf. Basis nog niet op orde; reden: Werkgever wacht niet',
    );

    const answers = READINESS_ITEMS.map((item) => ({ item, confirmed: item !== 'HEALTH', note: null }));
    expect(confirmReadiness(ctx, actor, clientId, { ok: true, data: { answers } })).toEqual({ ok: true, value: { confirmed: 4, total: 5 } });
    expect(listClientEvents(ctx.db, clientId, 1)[0]!.summary).toBe('Basis op orde bijgewerkt: 4 van 5 punten bevestigd');

    const c = listCheckins(ctx.db, clientId)[0]!;
    const noNote = updateAftercare(ctx, actor, clientId, c.id, { ok: true, data: { version: c.version, dueOn: c.dueOn, done: true, note: null } });
    expect(!noNote.ok && noNote.refusal).toEqual({ kind: 'invalid', errors: { note: 'Vul in wat er uit het nazorgmoment kwam' } });
    const done = updateAftercare(ctx, actor, clientId, c.id, { ok: true, data: { version: c.version, dueOn: c.dueOn, done: true, note: 'Gaat goed' } });
    expect(done).toEqual({ ok: true, value: { done: true, dueOn: '2026-10-01', placementId: p.id } });
    expect(listCheckins(ctx.db, clientId)[0]).toMatchObject({ doneOn: '2026-11-24', note: 'Gaat goed' });

    const fresh = listPlacements(ctx.db, clientId)[0]!;
    const future = endPlacement(ctx, actor, clientId, p.id, { ok: true, data: { version: fresh.version, endedOn: '2026-11-25', endReason: 'Contract af' } });
    expect(!future.ok && future.refusal).toEqual({ kind: 'invalid', errors: { endedOn: 'De einddatum mag niet na vandaag (24 november 2026) liggen' } });
    expect(endPlacement(ctx, actor, clientId, p.id, { ok: true, data: { version: fresh.version, endedOn: '2026-11-20', endReason: 'Contract af' } }).ok).toBe(true);
    expect(listPlacements(ctx.db, clientId)[0]).toMatchObject({ status: 'BEEINDIGD', endedOn: '2026-11-20' });
    expect(err(() => endPlacement(ctx, actor, clientId, p.id, { ok: true, data: { version: fresh.version + 1, endedOn: '2026-11-20', endReason: 'x' } }))).toBe(
      'conflict: Deze plaats is al beëindigd.',
    );
    expect(auditActions(ctx, clientId)).toEqual(['plaats-toegevoegd', 'plaats-actief', 'basis-op-orde-bevestigd', 'nazorg-bijgewerkt', 'plaats-beeindigd']);
  });

  it('refuses a closed dossier before looking at the input, with an audit row of the refusal', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    recordPlacement(ctx, actor, clientId, form());
    const p = listPlacements(ctx.db, clientId)[0]!;
    closeClientDirectly(ctx, clientId);
    const r = recordPlacement(ctx, actor, clientId, { ok: false, errors: { kind: 'x' } });
    expect(!r.ok && r.refusal.kind).toBe('closed');
    const edit = changePlacement(ctx, actor, clientId, p.id, p.version, form({ organisation: 'Elders' }));
    expect(!edit.ok && edit.refusal.kind).toBe('closed');
    const checklist = confirmReadiness(ctx, actor, clientId, { ok: true, data: { answers: [] } });
    expect(!checklist.ok && checklist.refusal).toMatchObject({ kind: 'closed', message: expect.stringContaining('U kunt geen checklist meer vastleggen') });
    expect(listPlacements(ctx.db, clientId)).toMatchObject([{ organisation: 'Buurthuis' }]);
    expect(auditActions(ctx, clientId)).toEqual(['plaats-toegevoegd', 'wijziging-geweigerd-afgesloten', 'wijziging-geweigerd-afgesloten', 'wijziging-geweigerd-afgesloten']);
  });

  it('refuses a stale version and keeps what is stored', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    recordPlacement(ctx, actor, clientId, form());
    const p = listPlacements(ctx.db, clientId)[0]!;
    expect(changePlacement(ctx, actor, clientId, p.id, p.version, form({ organisation: 'Bibliotheek' })).ok).toBe(true);
    const r = changePlacement(ctx, actor, clientId, p.id, p.version, form({ organisation: 'Sportclub' }));
    expect(!r.ok && r.refusal).toEqual({
      kind: 'stale',
      message: 'Iemand anders heeft deze plaats intussen gewijzigd. Hieronder staat de nieuwe versie; uw wijziging is niet opgeslagen.',
    });
    expect(listPlacements(ctx.db, clientId)[0]).toMatchObject({ organisation: 'Bibliotheek', version: 2 });
    expect(err(() => activatePlacement(ctx, actor, clientId, p.id, { ok: true, data: { version: p.version, activationReason: 'x' } }))).toBe(
      'conflict: Iemand anders heeft deze plaats intussen gewijzigd. Er is niets veranderd; open de pagina opnieuw.',
    );
    expect(listPlacements(ctx.db, clientId)[0]!.status).toBe('IN_VOORBEREIDING');
    expect(auditActions(ctx, clientId)).toEqual(['plaats-toegevoegd', 'plaats-gewijzigd']);
  });

  it('keeps hours at a placement counting as they did: no switch between paid work and participation', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    recordPlacement(ctx, actor, clientId, form());
    const p = listPlacements(ctx.db, clientId)[0]!;
    const hourId = addHours(ctx.db, clientId, 'PARTICIPATION', 6, ctx.users.consulent);
    ctx.db.prepare('UPDATE hour_entries SET placement_id = ? WHERE id = ?').run(p.id, hourId);
    const r = changePlacement(ctx, actor, clientId, p.id, p.version, form({ kind: 'BETAALD_WERK' }));
    expect(!r.ok && r.refusal.kind === 'invalid' && r.refusal.errors.kind).toMatch(/^Op deze plek zijn al uren geregistreerd die tellen als participatie/);
    expect(listPlacements(ctx.db, clientId)[0]!.kind).toBe('VRIJWILLIGERSWERK');
  });

  it('does not serve another team, and says nothing about whether the client exists', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    recordPlacement(ctx, actor, clientId, form());
    const p = listPlacements(ctx.db, clientId)[0]!;
    const other = actorFor(ctx, ctx.users.otherConsulent);
    const noAccess = 'not-found: Deze cliënt bestaat niet of u heeft geen toegang.';
    expect(err(() => recordPlacement(ctx, other, clientId, form()))).toBe(noAccess);
    expect(err(() => changePlacement(ctx, other, clientId, p.id, p.version, form({ organisation: 'Elders' })))).toBe(noAccess);
    expect(err(() => loadPlacementsPage(ctx, other, clientId))).toBe(noAccess);
    expect(err(() => loadPlacementEditPage(ctx, other, clientId, p.id))).toBe(noAccess);
    expect(err(() => loadPlacementEditPage(ctx, actor, clientId, 999999))).toBe('not-found: Deze plaats bestaat niet.');
    expect(err(() => loadPlacementsPage(ctx, actorFor(ctx, ctx.users.admin), clientId))).toMatch(/^forbidden/);
    expect(listPlacements(ctx.db, clientId)).toMatchObject([{ organisation: 'Buurthuis', version: 1 }]);
    expect(auditActions(ctx, clientId)).toEqual(['plaats-toegevoegd', 'dossier-geweigerd', 'dossier-geweigerd', 'dossier-geweigerd', 'dossier-geweigerd']);
  });

  it("the team overview is the team lead's, of the own team only", () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    recordPlacement(ctx, actor, clientId, form());
    const p = listPlacements(ctx.db, clientId)[0]!;
    readyAll(ctx, clientId);
    activatePlacement(ctx, actor, clientId, p.id, { ok: true, data: { version: p.version, activationReason: null } });
    expect(err(() => loadTeamPlacementsPage(ctx, actor))).toMatch(/^forbidden/);
    expect(loadTeamPlacementsPage(ctx, actorFor(ctx, ctx.users.teamleider))).toMatchObject({ total: 1, perEmployer: [{ organisation: 'Buurthuis', count: 1, paid: 0 }] });
    expect(loadTeamPlacementsPage(ctx, actorFor(ctx, ctx.users.otherTeamleider))).toMatchObject({ total: 0, perEmployer: [] });
    expect(ctx.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'participatie-team-bekeken'").pluck().get()).toBe(2);
  });
});

function readyAll(ctx: TestContext, clientId: number): void {
  const answers = READINESS_ITEMS.map((item) => ({ item, confirmed: true, note: null }));
  expect(confirmReadiness(ctx, actorFor(ctx, ctx.users.consulent), clientId, { ok: true, data: { answers } }).ok).toBe(true);
}
