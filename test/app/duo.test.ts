import { beforeEach, describe, expect, it } from 'vitest';
import { decideApproval } from '../../src/app/approvals.js';
import { registerValues } from '../../src/app/clients.js';
import { closeClientTrajectory, type ClosureForm, extendClientTermijn } from '../../src/app/closure.js';
import { recordEindgesprek } from '../../src/app/conversations.js';
import { type DecisionForm, recordDecision } from '../../src/app/decisions.js';
import {
  loadDuoPage,
  loadDuoWorklist,
  markPassedToDuo,
  recordClientDuoSignal,
  recordNewInburgeringsplichtige,
} from '../../src/app/duo.js';
import { decideAfschalen } from '../../src/app/language.js';
import { type PipFields, type PipGoalRow, setPip } from '../../src/app/pip.js';
import { changeRoute, recordRouteChoice } from '../../src/app/route-choice.js';
import { clientSignals } from '../../src/db/caseload.js';
import { refreshClientStatus } from '../../src/db/client-status.js';
import { listDuoLines } from '../../src/db/duo.js';
import { actorFor } from '../helpers/actor.js';
import { buildTestApp, type TestContext } from '../helpers/app.js';
import { addHours, chooseRoute, completeIntake, insertClient, setPip as setPipDirectly, zRouteClient } from '../helpers/fixtures.js';

const facts = (ctx: TestContext, clientId: number) => listDuoLines(ctx.db, clientId).map((l) => l.fact).reverse();

const pipFields = (over: Partial<PipFields> = {}): PipFields => ({
  vastgesteldOn: '2026-11-20',
  revisionReason: null,
  revisionNote: null,
  taalaanbiederId: null,
  participatiecoachId: null,
  languageGoal: 'A1 op alle onderdelen',
  hoursPerWeekLanguage: 8,
  participationGoals: 'Vrijwilligerswerk',
  hoursPerWeekParticipation: 6,
  mapThemes: null,
  mapPractice: null,
  mapWorkingExemption: null,
  pvtHours: 12,
  pvtCoreValue: 'PARTICIPATIE',
  pvtActivity: 'Bezoek aan de gemeenteraad',
  pvtSigningPlannedOn: null,
  knm: null,
  supportOntzorgen: null,
  supportBegeleiding: null,
  supportInterpreter: null,
  ...over,
});

const decision = (over: Partial<DecisionForm>): { ok: true; data: DecisionForm } => ({
  ok: true,
  data: {
    kind: 'PVT_COMPLETED',
    decidedOn: '2026-11-20',
    reason: 'Certificaat ontvangen',
    instrumentCode: null,
    attendancePct: null,
    instrumentHours: null,
    substitutionHours: null,
    completedOn: '2026-11-18',
    ...over,
  },
});

const closing = (over: Partial<ClosureForm>): { ok: true; data: ClosureForm } => ({
  ok: true,
  data: { type: 'DECEASED', closedOn: '2026-11-20', reason: 'Bericht', overrideReason: null, ontheffingGround: null, newMunicipality: null, ...over },
});

describe('DUO ledger: each fact creates exactly one line, in the use case that makes it', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await buildTestApp();
  });
  const consulent = () => actorFor(ctx, ctx.users.consulent);

  it('route chosen, PIP set, route changed: one line each, with the data to pass on', () => {
    const id = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent });
    completeIntake(ctx.db, id, '2026-10-01', '2026-11-01');
    const choice = { route: 'Z' as const, decidedOn: '2026-11-02', reason: null, notB1Reason: 'Te laag', notOnderwijsReason: 'Geen wens', notZReason: null };
    expect(recordRouteChoice(ctx, consulent(), id, { ok: true, data: choice }).ok).toBe(true);
    expect(facts(ctx, id)).toEqual(['ROUTE_CHOSEN']);
    const domain = ctx.db.prepare("SELECT id FROM leefdomeinen WHERE name = 'Huisvesting'").pluck().get() as number;
    const goal: PipGoalRow = { index: 0, domain: String(domain), goal: 'Zelf de huur betalen', targetOn: '2027-06-01', errors: {} };
    expect(setPip(ctx, consulent(), id, { fields: { ok: true, data: pipFields() }, goals: [goal] }).ok).toBe(true);
    expect(facts(ctx, id)).toEqual(['ROUTE_CHOSEN', 'PIP_SET']);
    const change = changeRoute(ctx, consulent(), id, { ok: true, data: { route: 'B1', decidedOn: '2026-11-21', reason: 'Gaat sneller dan gedacht' } });
    expect(change.ok).toBe(true);
    expect(facts(ctx, id)).toEqual(['ROUTE_CHOSEN', 'PIP_SET', 'ROUTE_CHANGED']);
    const [changed] = listDuoLines(ctx.db, id);
    expect(changed).toMatchObject({ factOn: '2026-11-21', data: { route: 'B1-route' }, passedOn: null });
    expect(changed!.summary).toBe('Leerroute gewijzigd op 21 november 2026 (B1-route)');
  });

  it('a refused fact makes no line (the ledger line is in the same transaction)', () => {
    const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    const before = facts(ctx, id).length;
    expect(changeRoute(ctx, consulent(), id, { ok: true, data: { route: 'Z', decidedOn: '2026-11-21', reason: 'x' } }).ok).toBe(false);
    expect(facts(ctx, id)).toHaveLength(before);
  });

  it('PVT completed and MAP completed: one line each; other decisions none', () => {
    const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    expect(recordDecision(ctx, consulent(), id, decision({})).ok).toBe(true);
    expect(recordDecision(ctx, consulent(), id, decision({ kind: 'MAP_COMPLETED' })).ok).toBe(true);
    expect(recordDecision(ctx, consulent(), id, decision({ kind: 'GUIDANCE_HOURS', completedOn: null })).ok).toBe(true);
    expect(facts(ctx, id)).toEqual(['PVT_COMPLETED', 'MAP_COMPLETED']);
  });

  it('afschalen: one line', () => {
    const id = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent });
    completeIntake(ctx.db, id);
    chooseRoute(ctx.db, id, 'B1', ctx.users.consulent);
    setPipDirectly(ctx.db, id, ctx.users.consulent, '2025-03-03');
    addHours(ctx.db, id, 'LANGUAGE', 650, ctx.users.consulent, '2026-11-20', '2025-04-01');
    refreshClientStatus(ctx.db, id, '2026-11-24');
    const r = decideAfschalen(ctx, consulent(), id, {
      ok: true,
      data: { afschalenSkill: 'SPEAKING', decidedOn: '2026-11-20', reason: 'Spreken blijft op A2', exception: false, exceptionReason: null },
    });
    expect(r.ok).toBe(true);
    expect(facts(ctx, id)).toEqual(['AFSCHALEN']);
  });

  it('verlenging, then closure with ontheffing: one line each; completion and other endings too', () => {
    const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    ctx.db.prepare("UPDATE pip_versions SET vastgesteld_on = '2024-05-24' WHERE client_id = ?").run(id);
    refreshClientStatus(ctx.db, id, '2026-11-24');
    expect(extendClientTermijn(ctx, consulent(), id, { ok: true, data: { months: 6, extendedOn: '2026-11-24', extensionReason: 'Ziekte' } }).ok).toBe(true);
    expect(facts(ctx, id)).toEqual(['VERLENGING']);
    const r = closeClientTrajectory(ctx, consulent(), id, closing({ type: 'ONTHEFFING', ontheffingGround: 'MEDICAL' }));
    expect(r.ok, JSON.stringify(r)).toBe(true);
    expect(facts(ctx, id)).toEqual(['VERLENGING', 'ONTHEFFING']);
    const other = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    expect(closeClientTrajectory(ctx, consulent(), other, closing({ type: 'DECEASED' })).ok).toBe(true);
    expect(facts(ctx, other)).toEqual(['CLOSURE']);
  });

  it('the eindgesprek that closes a Z-route trajectory: one completion line', () => {
    const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    const r = recordEindgesprek(ctx, consulent(), id, {
      ok: true,
      data: {
        heldOn: '2026-11-20',
        clientPresent: true,
        consulentPresent: true,
        coachName: null,
        interpreterName: null,
        portfolioLanguage: null,
        portfolioZelfredzaamheid: null,
        portfolioParticipation: null,
        outcome: 'PLACE',
        outcomeDetail: null,
        wishesChallenges: null,
        naturalisationWish: 'JA',
        certificateOn: '2026-11-23',
        overrideReason: 'Verhuist naar het buitenland',
      },
    });
    expect(r.ok).toBe(true);
    expect(facts(ctx, id)).toEqual(['COMPLETED']);
    expect(listDuoLines(ctx.db, id)[0]).toMatchObject({ factOn: '2026-11-23' });
  });

  it('a route choice waiting for approval goes to DUO when the teamleider approves it', () => {
    const rules = JSON.parse(ctx.db.prepare('SELECT rules FROM rule_set_versions').pluck().get() as string);
    rules.general.approvals.routeDeviation = true;
    ctx.db.prepare("INSERT INTO rule_set_versions (effective_from, rules, note, created_at) VALUES ('2026-01-01', ?, 't', '2026-01-01')").run(JSON.stringify(rules));
    const id = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent });
    completeIntake(ctx.db, id, '2026-10-01', '2026-11-01');
    const deviating = { route: 'B1' as const, decidedOn: '2026-11-02', reason: 'Wil snel', notB1Reason: null, notOnderwijsReason: 'Geen wens', notZReason: 'Kan meer' };
    expect(recordRouteChoice(ctx, consulent(), id, { ok: true, data: deviating }).ok).toBe(true);
    expect(facts(ctx, id)).toEqual([]);
    const routeId = ctx.db.prepare('SELECT id FROM route_decisions WHERE client_id = ?').pluck().get(id);
    expect(decideApproval(ctx, actorFor(ctx, ctx.users.teamleider), 'route', routeId, { ok: true, data: { outcome: 'APPROVE', note: null } }).ok).toBe(true);
    expect(facts(ctx, id)).toEqual(['ROUTE_CHOSEN']);
  });
});

describe('DUO ledger: passing on, the worklist and its signal', () => {
  let ctx: TestContext;
  let id: number;
  beforeEach(async () => {
    ctx = await buildTestApp();
    id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    recordDecision(ctx, actorFor(ctx, ctx.users.consulent), id, decision({}));
  });

  it('the worklist shows the line and how long it waits; the signal comes after 14 days (day before, on, after)', () => {
    const w = loadDuoWorklist(ctx, actorFor(ctx, ctx.users.teamleider));
    expect(w.lines).toMatchObject([{ clientId: id, fact: 'PVT_COMPLETED', daysOpen: 0, late: false }]);
    expect(loadDuoWorklist(ctx, actorFor(ctx, ctx.users.otherTeamleider)).lines).toEqual([]);
    // The line was made on 2026-11-24: 13 days later no signal, 14 days later the signal.
    expect(clientSignals(ctx.db, id, '2026-12-07')).not.toContain('DUO_PENDING');
    expect(clientSignals(ctx.db, id, '2026-12-08')).toContain('DUO_PENDING');
    expect(clientSignals(ctx.db, id, '2026-12-09')).toContain('DUO_PENDING');
    ctx.clock.set('2026-12-08T09:00:00.000Z');
    expect(loadDuoWorklist(ctx, actorFor(ctx, ctx.users.teamleider)).lines[0]).toMatchObject({ daysOpen: 14, late: true });
  });

  it('marking it passed on (date not in the future, optimistic version) takes it off the worklist and clears the signal', () => {
    const [line] = listDuoLines(ctx.db, id);
    const actor = actorFor(ctx, ctx.users.consulent);
    expect(markPassedToDuo(ctx, actor, id, line!.id, { ok: true, data: { passedOn: '2026-11-25', version: 1 } })).toMatchObject({
      ok: false,
      refusal: { kind: 'invalid', errors: { passedOn: expect.stringContaining('niet na vandaag') } },
    });
    expect(markPassedToDuo(ctx, actor, id, line!.id, { ok: true, data: { passedOn: '2026-11-24', version: 2 } })).toMatchObject({ ok: false, refusal: { kind: 'stale' } });
    expect(markPassedToDuo(ctx, actor, id, line!.id, { ok: true, data: { passedOn: '2026-11-24', version: 1 } }).ok).toBe(true);
    expect(listDuoLines(ctx.db, id)[0]).toMatchObject({ passedOn: '2026-11-24', passedByName: 'Test consulent' });
    expect(loadDuoWorklist(ctx, actorFor(ctx, ctx.users.teamleider)).lines).toEqual([]);
    expect(clientSignals(ctx.db, id, '2026-12-30')).not.toContain('DUO_PENDING');
  });

  it('incoming signals are recorded on the dossier; a new inburgeringsplichtige starts a prefilled registration', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    const r = recordClientDuoSignal(ctx, actor, id, { ok: true, data: { kind: 'KENNISGEVING', receivedOn: '2026-11-20', bsn: null, dutyStartOn: null, note: 'Termijn bevestigd' } });
    expect(r.ok).toBe(true);
    expect(loadDuoPage(ctx, actor, id).signals).toMatchObject([{ kind: 'KENNISGEVING', note: 'Termijn bevestigd' }]);
    expect(recordNewInburgeringsplichtige(ctx, actor, { ok: true, data: { receivedOn: '2026-11-23', bsn: '111222333', dutyStartOn: '2026-11-01', note: null } }).ok).toBe(true);
    const [newcomer] = loadDuoWorklist(ctx, actor).newcomers;
    expect(newcomer).toMatchObject({ bsn: '111222333', dutyStartOn: '2026-11-01' });
    expect(registerValues(actor, ctx, String(newcomer!.id))).toMatchObject({ bsn: '111222333', linkedOn: '2026-11-01' });
    // Another team cannot start from it.
    expect(registerValues(actorFor(ctx, ctx.users.otherConsulent), ctx, String(newcomer!.id))).not.toHaveProperty('bsn');
  });
});
