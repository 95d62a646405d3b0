import { beforeEach, describe, expect, it } from 'vitest';
import {
  type DecisionForm,
  loadDecisionsPage,
  previewDecision,
  recordDecision,
  revokeDecision,
} from '../../src/app/decisions.js';
import { UseCaseError } from '../../src/app/errors.js';
import { findDecision, listDecisions } from '../../src/db/decisions.js';
import { listClientEvents } from '../../src/db/timeline.js';
import { actorFor, auditActions, closeClientDirectly } from '../helpers/actor.js';
import { buildTestApp, type TestContext } from '../helpers/app.js';
import { addDecision, chooseRoute, completeIntake, insertClient, status, zRouteClient } from '../helpers/fixtures.js';

const form = (over: Partial<DecisionForm> = {}): { ok: true; data: DecisionForm } => ({
  ok: true,
  data: {
    kind: 'GUIDANCE_HOURS',
    decidedOn: '2026-11-20',
    reason: 'Afgestemd met de coach',
    instrumentCode: null,
    attendancePct: null,
    instrumentHours: null,
    substitutionHours: null,
    completedOn: null,
    ...over,
  },
});

const errorOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof UseCaseError ? `${e.kind}: ${e.message}` : String(e);
  }
  return 'served';
};

describe('decision use cases (no HTTP)', () => {
  let ctx: TestContext;
  let clientId: number;
  beforeEach(async () => {
    ctx = await buildTestApp();
    clientId = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
  });

  it('records a decision with its effect, a timeline event, a fresh status and an audit row', () => {
    const r = recordDecision(ctx, actorFor(ctx, ctx.users.consulent), clientId, form());
    const summary = 'Voortgangs- en begeleidingsgesprekken meetellen. Telt mee als participatie: 30 uur (voortgangs- en begeleidingsgesprekken) Participatie-uren: 0 → 30.';
    expect(r).toEqual({ ok: true, value: { summary } });
    const [decision] = listDecisions(ctx.db, clientId);
    expect(decision).toMatchObject({ kind: 'GUIDANCE_HOURS', decidedOn: '2026-11-20', approvalStatus: 'NOT_REQUIRED' });
    expect(decision!.data.effect).toEqual([
      'Telt mee als participatie: 30 uur (voortgangs- en begeleidingsgesprekken)',
      'Participatie-uren: 0 → 30.',
    ]);
    expect(status(ctx.db, clientId).participation_total).toBe(30);
    expect(listClientEvents(ctx.db, clientId, 1)[0]).toMatchObject({
      kind: 'DECISION',
      occurredOn: '2026-11-20',
      summary: `Besluit: ${summary}`,
      refTable: 'decisions',
      refId: decision!.id,
    });
    expect(auditActions(ctx, clientId)).toEqual(['besluit-vastgelegd']);
  });

  it('previews the effect without saving or auditing anything', () => {
    const r = previewDecision(ctx, actorFor(ctx, ctx.users.consulent), clientId, form());
    expect(r.ok && r.value.messages[0]).toBe('Telt mee als participatie: 30 uur (voortgangs- en begeleidingsgesprekken)');
    expect(listDecisions(ctx.db, clientId)).toEqual([]);
    expect(auditActions(ctx, clientId)).toEqual([]);
  });

  it('refuses the rules that need the stored data next to the field: Z-route only, counted once', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    const b1 = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent });
    completeIntake(ctx.db, b1);
    chooseRoute(ctx.db, b1, 'B1', ctx.users.consulent);
    expect(recordDecision(ctx, actor, b1, form({ kind: 'SUBSTITUTION', substitutionHours: 100 }))).toEqual({
      ok: false,
      refusal: { kind: 'invalid', errors: { kind: 'Dit besluit kan alleen in de Z-route' } },
    });
    expect(recordDecision(ctx, actor, clientId, form()).ok).toBe(true);
    const again = recordDecision(ctx, actor, clientId, form());
    expect(!again.ok && again.refusal).toEqual({ kind: 'invalid', errors: { kind: 'De voortgangs- en begeleidingsgesprekken tellen al mee' } });
    expect(listDecisions(ctx.db, clientId)).toHaveLength(1);
  });

  it('revokes a decision with a reason: it stays in the history, stops counting, and a second revoke is refused', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    const id = addDecision(ctx.db, clientId, 'GUIDANCE_HOURS', ctx.users.consulent);
    const r = revokeDecision(ctx, actor, clientId, id, { ok: true, data: { revokeReason: 'Ten onrechte' } });
    expect(r).toEqual({ ok: true, value: { label: 'Voortgangs- en begeleidingsgesprekken meetellen' } });
    expect(findDecision(ctx.db, clientId, id)).toMatchObject({ revokedOn: '2026-11-24', revokeReason: 'Ten onrechte' });
    expect(status(ctx.db, clientId).participation_total).toBe(0);
    expect(listClientEvents(ctx.db, clientId, 1)[0]!.summary).toBe(
      'Besluit ingetrokken: Voortgangs- en begeleidingsgesprekken meetellen. Reden: Ten onrechte',
    );
    // Decisions have no version column: revoking what someone else revoked in between is the clash.
    expect(errorOf(() => revokeDecision(ctx, actor, clientId, id, { ok: true, data: { revokeReason: 'Nog eens' } }))).toBe(
      'conflict: Dit besluit is al ingetrokken.',
    );
    expect(findDecision(ctx.db, clientId, id)!.revokeReason).toBe('Ten onrechte');
    expect(errorOf(() => revokeDecision(ctx, actor, clientId, 99999, { ok: true, data: { revokeReason: 'x' } }))).toBe(
      'not-found: Dit besluit bestaat niet.',
    );
    expect(auditActions(ctx, clientId)).toEqual(['besluit-ingetrokken']);
  });

  it('refuses a closed dossier before looking at the input, with an audit row of the refusal', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    const id = addDecision(ctx.db, clientId, 'GUIDANCE_HOURS', ctx.users.consulent);
    closeClientDirectly(ctx, clientId);
    const r = recordDecision(ctx, actor, clientId, { ok: false, errors: { reason: 'Vul de reden in' } });
    expect(!r.ok && r.refusal).toEqual({
      kind: 'closed',
      message: expect.stringContaining('U kunt geen besluiten meer vastleggen. Het dossier blijft leesbaar.'),
    });
    const revoke = revokeDecision(ctx, actor, clientId, id, { ok: true, data: { revokeReason: 'x' } });
    expect(!revoke.ok && revoke.refusal.kind).toBe('closed');
    expect(findDecision(ctx.db, clientId, id)!.revokedOn).toBeNull();
    expect(listDecisions(ctx.db, clientId)).toHaveLength(1);
    expect(auditActions(ctx, clientId)).toEqual(['wijziging-geweigerd-afgesloten', 'wijziging-geweigerd-afgesloten']);
  });

  it('does not serve another team, and says nothing about whether the client exists', () => {
    const other = actorFor(ctx, ctx.users.otherConsulent);
    const none = 'not-found: Deze cliënt bestaat niet of u heeft geen toegang.';
    expect(errorOf(() => recordDecision(ctx, other, clientId, form()))).toBe(none);
    expect(errorOf(() => loadDecisionsPage(ctx, other, clientId))).toBe(none);
    expect(errorOf(() => loadDecisionsPage(ctx, other, 999999))).toBe(none);
    expect(errorOf(() => loadDecisionsPage(ctx, actorFor(ctx, ctx.users.admin), clientId))).toMatch(/^forbidden/);
    expect(listDecisions(ctx.db, clientId)).toEqual([]);
    expect(auditActions(ctx, clientId)).toEqual(['dossier-geweigerd', 'dossier-geweigerd']);
  });

  it('loads the page with its view audit row', () => {
    const page = loadDecisionsPage(ctx, actorFor(ctx, ctx.users.teamleider), clientId);
    expect(page.client.id).toBe(clientId);
    expect(page.instruments.some((i) => i.code === 'RTS')).toBe(true);
    expect(auditActions(ctx, clientId)).toEqual(['besluiten-bekeken']);
  });
});
