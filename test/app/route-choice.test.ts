import { beforeEach, describe, expect, it } from 'vitest';
import { UseCaseError } from '../../src/app/errors.js';
import { CLOSED_MESSAGE } from '../../src/app/client-page.js';
import {
  changeRoute,
  loadRoutePage,
  recordRouteChoice,
  type RouteChangeForm,
  type RouteChoiceForm,
} from '../../src/app/route-choice.js';
import { listRouteDecisions } from '../../src/db/routes.js';
import { addRuleSetVersion } from '../../src/db/rules.js';
import { listClientEvents } from '../../src/db/timeline.js';
import { DEFAULT_RULE_SET } from '../../src/domain/index.js';
import { actorFor, auditActions, closeClientDirectly } from '../helpers/actor.js';
import { buildTestApp, type TestContext } from '../helpers/app.js';
import { chooseRoute, completeIntake, insertClient, setPip, status } from '../helpers/fixtures.js';

const choice = (over: Partial<RouteChoiceForm> = {}): { ok: true; data: RouteChoiceForm } => ({
  ok: true,
  data: {
    route: 'Z',
    decidedOn: '2026-11-20',
    reason: null,
    notB1Reason: 'Leerbaarheid te laag',
    notOnderwijsReason: 'Geen opleidingswens',
    notZReason: null,
    ...over,
  },
});

const change = (over: Partial<RouteChangeForm> = {}): { ok: true; data: RouteChangeForm } => ({
  ok: true,
  data: { route: 'Z', decidedOn: '2026-11-20', reason: 'B1 blijkt niet haalbaar', ...over },
});

const errorOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof UseCaseError ? `${e.kind}: ${e.message}` : String(e);
  }
  return 'served';
};

describe('route choice use cases (no HTTP)', () => {
  let ctx: TestContext;
  /** Completed intake with leerbaarheidstoets 20 (fixture): advice Z-route. */
  let clientId: number;
  beforeEach(async () => {
    ctx = await buildTestApp();
    clientId = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent });
    completeIntake(ctx.db, clientId, '2026-10-01', '2026-11-01');
  });

  it('records the advised route with a timeline event, a fresh status and an audit row', () => {
    const r = recordRouteChoice(ctx, actorFor(ctx, ctx.users.consulent), clientId, choice());
    expect(r).toEqual({ ok: true, value: { clientId, message: 'De Z-route is vastgelegd. Stel nu het PIP op.' } });
    expect(listRouteDecisions(ctx.db, clientId)).toMatchObject([
      { kind: 'CHOICE', route: 'Z', advisedRoute: 'Z', approvalStatus: 'NOT_REQUIRED', notZReason: null, notB1Reason: 'Leerbaarheid te laag' },
    ]);
    expect(listClientEvents(ctx.db, clientId, 1)[0]).toMatchObject({
      kind: 'ROUTE_CHOSEN',
      occurredOn: '2026-11-20',
      summary: 'Route gekozen: Z-route (volgens het advies)',
      refTable: 'route_decisions',
    });
    expect(status(ctx.db, clientId)).toMatchObject({ route: 'Z', phase: 'PIP' });
    expect(auditActions(ctx, clientId)).toEqual(['route-gekozen']);
  });

  it('keeps a deviating choice pending when the rules ask for approval, and says so', () => {
    const rules = structuredClone(DEFAULT_RULE_SET);
    rules.general.approvals.routeDeviation = true;
    addRuleSetVersion(ctx.db, { effectiveFrom: '2026-01-01', rules, note: null, createdBy: null }, '2026-01-01T00:00:00Z');
    const actor = actorFor(ctx, ctx.users.consulent);
    const noReason = recordRouteChoice(ctx, actor, clientId, choice({ route: 'B1', notB1Reason: null, notZReason: 'Kan meer' }));
    expect(noReason).toEqual({
      ok: false,
      refusal: { kind: 'invalid', errors: { reason: 'U kiest een andere route dan het advies (Z-route). Schrijf op waarom.' } },
    });
    const r = recordRouteChoice(ctx, actor, clientId, choice({ route: 'B1', notB1Reason: null, notZReason: 'Kan meer', reason: 'Hoog opgeleid' }));
    expect(r.ok && r.value.message).toContain('wacht op goedkeuring door de teamleider');
    expect(listRouteDecisions(ctx.db, clientId)[0]).toMatchObject({ route: 'B1', approvalStatus: 'PENDING' });
    expect(listClientEvents(ctx.db, clientId, 1)[0]!.summary).toBe(
      'Route gekozen: B1-route (wijkt af van het advies Z-route); wacht op goedkeuring',
    );
  });

  it('checks the intake and an earlier choice before the input, and the input before the rules', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    const bare = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent });
    expect(recordRouteChoice(ctx, actor, bare, { ok: false, errors: { route: 'Kies een route' } })).toEqual({
      ok: false,
      refusal: { kind: 'invalid', errors: { _form: 'Rond eerst de brede intake af. Het routeadvies hangt af van de intake.' } },
    });
    expect(recordRouteChoice(ctx, actor, clientId, { ok: false, errors: { route: 'Kies een route' } })).toEqual({
      ok: false,
      refusal: { kind: 'invalid', errors: { route: 'Kies een route' } },
    });
    expect(recordRouteChoice(ctx, actor, clientId, choice({ notOnderwijsReason: null }))).toEqual({
      ok: false,
      refusal: { kind: 'invalid', errors: { notOnderwijsReason: 'Schrijf op waarom de onderwijsroute niet past' } },
    });
    expect(recordRouteChoice(ctx, actor, clientId, choice()).ok).toBe(true);
    const again = recordRouteChoice(ctx, actor, clientId, choice());
    expect(!again.ok && again.refusal).toEqual({
      kind: 'invalid',
      errors: { _form: 'Er is al een route gekozen. Gebruik ‘Route wijzigen’ voor een nieuwe route.' },
    });
    expect(listRouteDecisions(ctx.db, clientId)).toHaveLength(1);
    expect(auditActions(ctx, clientId)).toEqual(['route-gekozen']);
  });

  it('changes the route within the allowed months and asks for a new PIP version when there is one', () => {
    chooseRoute(ctx.db, clientId, 'B1', ctx.users.consulent, '2026-01-10');
    setPip(ctx.db, clientId, ctx.users.consulent, '2026-02-01');
    const actor = actorFor(ctx, ctx.users.consulent);
    expect(changeRoute(ctx, actor, clientId, change({ route: 'B1' }))).toEqual({
      ok: false,
      refusal: { kind: 'invalid', errors: { route: 'De cliënt volgt de B1-route al. Kies een andere route.' } },
    });
    expect(changeRoute(ctx, actor, clientId, change({ decidedOn: '2026-01-01' }))).toEqual({
      ok: false,
      refusal: { kind: 'invalid', errors: { decidedOn: 'De datum kan niet voor het vorige routebesluit liggen (10-01-2026)' } },
    });
    const r = changeRoute(ctx, actor, clientId, change());
    expect(r).toEqual({
      ok: true,
      value: {
        clientId,
        pipToRevise: true,
        message: 'De route is gewijzigd naar de Z-route. Stel een nieuwe PIP-versie vast met reden ‘Andere route (schakelen)’.',
      },
    });
    expect(listRouteDecisions(ctx.db, clientId).at(-1)).toMatchObject({ kind: 'CHANGE', route: 'Z', reason: 'B1 blijkt niet haalbaar' });
    expect(listClientEvents(ctx.db, clientId, 1)[0]).toMatchObject({
      kind: 'ROUTE_CHANGED',
      occurredOn: '2026-11-20',
      summary: 'Route gewijzigd van B1-route naar Z-route',
    });
    expect(status(ctx.db, clientId).route).toBe('Z');
    expect(auditActions(ctx, clientId)).toEqual(['route-gewijzigd']);
  });

  it('refuses a change after the allowed months, and a change without a route', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    expect(changeRoute(ctx, actor, clientId, change())).toEqual({
      ok: false,
      refusal: { kind: 'invalid', errors: { _form: 'Er is nog geen route gekozen. Kies eerst een route.' } },
    });
    chooseRoute(ctx.db, clientId, 'B1', ctx.users.consulent, '2025-01-10');
    const r = changeRoute(ctx, actor, clientId, change());
    expect(!r.ok && r.refusal.kind === 'invalid' && r.refusal.errors._form).toContain('dus tot en met 10-07-2026');
    expect(listRouteDecisions(ctx.db, clientId)).toHaveLength(1);
  });

  it('refuses a closed dossier before looking at the input, and writes nothing', () => {
    chooseRoute(ctx.db, clientId, 'B1', ctx.users.consulent, '2026-01-10');
    const other = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent });
    completeIntake(ctx.db, other, '2026-10-01', '2026-11-01');
    closeClientDirectly(ctx, clientId);
    closeClientDirectly(ctx, other);
    const actor = actorFor(ctx, ctx.users.consulent);
    const closed = { ok: false, refusal: { kind: 'closed', message: CLOSED_MESSAGE } };
    expect(recordRouteChoice(ctx, actor, other, { ok: false, errors: { route: 'x' } })).toEqual(closed);
    expect(recordRouteChoice(ctx, actor, other, choice())).toEqual(closed);
    expect(changeRoute(ctx, actor, clientId, change())).toEqual(closed);
    expect(listRouteDecisions(ctx.db, other)).toHaveLength(0);
    expect(listRouteDecisions(ctx.db, clientId)).toHaveLength(1);
    expect(listClientEvents(ctx.db, clientId)).toHaveLength(0);
  });

  it('does not serve another team or an admin, and says nothing about whether the client exists', () => {
    const other = actorFor(ctx, ctx.users.otherTeamleider);
    const msg = 'not-found: Deze cliënt bestaat niet of u heeft geen toegang.';
    expect(errorOf(() => recordRouteChoice(ctx, other, clientId, choice()))).toBe(msg);
    expect(errorOf(() => changeRoute(ctx, other, clientId, change()))).toBe(msg);
    expect(errorOf(() => loadRoutePage(ctx, other, clientId))).toBe(msg);
    expect(errorOf(() => loadRoutePage(ctx, other, 999999))).toBe(msg);
    expect(errorOf(() => recordRouteChoice(ctx, actorFor(ctx, ctx.users.admin), clientId, choice()))).toMatch(/^forbidden/);
    expect(listRouteDecisions(ctx.db, clientId)).toHaveLength(0);
    expect(auditActions(ctx, clientId)).toEqual(['dossier-geweigerd', 'dossier-geweigerd', 'dossier-geweigerd']);
  });

  it('the page shows the advice and the header, and writes its view audit row', () => {
    const page = loadRoutePage(ctx, actorFor(ctx, ctx.users.teamleider), clientId);
    expect(page.advice?.route).toBe('Z');
    expect(page.header.id).toBe(clientId);
    expect(page.current).toBeNull();
    expect(page.changeAllowed).toBe(false);
    expect(auditActions(ctx, clientId)).toEqual(['route-bekeken']);
  });
});
