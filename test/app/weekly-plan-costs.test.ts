import { beforeEach, describe, expect, it } from 'vitest';
import { type CostForm, loadCostsPage, loadTeamCostsPage, recordCost } from '../../src/app/costs.js';
import { UseCaseError } from '../../src/app/errors.js';
import { addPlanEntry, changePlanEntry, loadWeeklyPlanPage, type PlanEntryForm, savePlanLimits } from '../../src/app/weekly-plan.js';
import { listCostLines } from '../../src/db/costs.js';
import { addRuleSetVersion } from '../../src/db/rules.js';
import { listClientEvents } from '../../src/db/timeline.js';
import { listPlanEntries } from '../../src/db/weekly-plans.js';
import { DEFAULT_RULE_SET } from '../../src/domain/rules.js';
import { actorFor, auditActions, closeClientDirectly } from '../helpers/actor.js';
import { buildTestApp, type TestContext } from '../helpers/app.js';
import { zRouteClient } from '../helpers/fixtures.js';

const entry = (over: Partial<PlanEntryForm> = {}) => ({
  ok: true as const,
  data: { activity: 'TAALLES', label: 'Taalles', place: null, weekday: 2, dayPart: 'OCHTEND', start: null, end: null, ...over } as PlanEntryForm,
});
const cost = (over: Partial<CostForm> = {}) => ({
  ok: true as const,
  data: { component: 'TAALCURSUS', kind: 'VERPLICHTING', amountCents: 100_000, bookedOn: '2026-11-20', providerId: null, description: 'Taaltraject', reason: null, overBudgetReason: null, ...over } as CostForm,
});

describe('weekly plan use cases', () => {
  let ctx: TestContext;
  let clientId: number;
  beforeEach(async () => {
    ctx = await buildTestApp();
    clientId = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
  });

  it('adds an entry from a day part with a timeline event and an audit row; the page shows a clash', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    expect(addPlanEntry(ctx, actor, clientId, entry())).toEqual({ ok: true, value: { summary: 'Taalles op dinsdag 09:00–12:00' } });
    expect(listClientEvents(ctx.db, clientId, 1)[0]).toMatchObject({ kind: 'WEEKLY_PLAN', summary: 'Weekplan: Taalles op dinsdag 09:00–12:00 toegevoegd' });
    expect(auditActions(ctx, clientId)).toEqual(['weekplan-gewijzigd']);
    addPlanEntry(ctx, actor, clientId, entry({ activity: 'PARTICIPATIE', label: 'Stage', dayPart: null, start: '12:00', end: '15:00' }));
    expect(loadWeeklyPlanPage(ctx, actor, clientId).warnings).toEqual([]); // touching: no clash
    addPlanEntry(ctx, actor, clientId, entry({ activity: 'COACHING', label: 'Jobcoach', dayPart: null, start: '11:00', end: '12:30' }));
    expect(loadWeeklyPlanPage(ctx, actor, clientId).warnings).toEqual([
      'Op dinsdag zijn twee activiteiten tegelijk: Taalles (09:00–12:00) en Jobcoach (11:00–12:30).',
      'Op dinsdag zijn twee activiteiten tegelijk: Jobcoach (11:00–12:30) en Stage (12:00–15:00).',
    ]);
  });

  it('refuses an entry without day part or times, and an end before the start, next to the field', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    expect(addPlanEntry(ctx, actor, clientId, entry({ dayPart: null }))).toEqual({
      ok: false,
      refusal: { kind: 'invalid', errors: { dayPart: 'Kies een dagdeel, of vul de begintijd en de eindtijd in' } },
    });
    expect(addPlanEntry(ctx, actor, clientId, entry({ start: '12:00', end: '12:00' }))).toEqual({
      ok: false,
      refusal: { kind: 'invalid', errors: { end: 'De eindtijd moet na de begintijd liggen' } },
    });
    expect(listPlanEntries(ctx.db, clientId)).toEqual([]);
  });

  it('warns over the maximum the consulent recorded; a stale save of the maximum is refused', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    addPlanEntry(ctx, actor, clientId, entry({ weekday: 1 }));
    addPlanEntry(ctx, actor, clientId, entry({ weekday: 2 }));
    expect(savePlanLimits(ctx, actor, clientId, 0, { ok: true, data: { maxHoursPerWeek: 5, availabilityNote: null } }).ok).toBe(true);
    expect(loadWeeklyPlanPage(ctx, actor, clientId).warnings).toEqual(['Samen 6 uur per week: meer dan het maximum van 5 uur voor deze cliënt.']);
    expect(savePlanLimits(ctx, actor, clientId, 0, { ok: true, data: { maxHoursPerWeek: 8, availabilityNote: null } })).toMatchObject({ ok: false, refusal: { kind: 'stale' } });
  });

  it('refuses a stale entry change, a closed dossier and another team', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    addPlanEntry(ctx, actor, clientId, entry());
    const [e] = listPlanEntries(ctx.db, clientId);
    expect(changePlanEntry(ctx, actor, clientId, e!.id, e!.version, entry({ weekday: 3 })).ok).toBe(true);
    expect(changePlanEntry(ctx, actor, clientId, e!.id, e!.version, entry({ weekday: 4 }))).toMatchObject({ ok: false, refusal: { kind: 'stale' } });
    expect(() => loadWeeklyPlanPage(ctx, actorFor(ctx, ctx.users.otherConsulent), clientId)).toThrow(UseCaseError);
    closeClientDirectly(ctx, clientId);
    expect(addPlanEntry(ctx, actor, clientId, entry())).toMatchObject({ ok: false, refusal: { kind: 'closed' } });
  });
});

describe('costs against budget use cases', () => {
  let ctx: TestContext;
  let clientId: number;
  beforeEach(async () => {
    ctx = await buildTestApp();
    clientId = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
  });

  it('books a cost with a timeline event and an audit row; the page warns at exactly 80% and not below', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    expect(recordCost(ctx, actor, clientId, cost({ amountCents: 799_999 }))).toMatchObject({ ok: true, value: { warning: null } });
    expect(loadCostsPage(ctx, actor, clientId).budget).toMatchObject({ budgetCents: 1_000_000, usedCents: 799_999, state: 'OK' });
    const event = listClientEvents(ctx.db, clientId, 50).find((e) => e.kind === 'COSTS');
    expect(event?.summary.replace(/\u00a0/g, ' ')).toBe('Kosten vastgelegd: Verplichting taalcursus: € 7.999,99');
    expect(event?.occurredOn).toBe('2026-11-20');
    expect(recordCost(ctx, actor, clientId, cost({ component: 'TOLK', kind: 'KOSTEN', amountCents: 1 }))).toMatchObject({
      ok: true,
      value: { warning: 'Let op: de kosten zijn nu 80% van het budget (waarschuwing vanaf 80%).' },
    });
    expect(loadCostsPage(ctx, actor, clientId).budget.state).toBe('WARN');
    expect(auditActions(ctx, clientId)).toEqual(['kosten-vastgelegd', 'kosten-bekeken', 'kosten-vastgelegd', 'kosten-bekeken']);
  });

  it('requires a reason above 100% and not at exactly 100%; doorbraakbudget needs a reason', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    recordCost(ctx, actor, clientId, cost({ amountCents: 900_000 }));
    const over = recordCost(ctx, actor, clientId, cost({ component: 'MAP', amountCents: 100_001 }));
    expect(over.ok).toBe(false);
    expect(!over.ok && over.refusal.kind === 'invalid' && over.refusal.errors).toEqual({
      overBudgetReason: expect.stringMatching(/^Met dit bedrag komt de cliënt op €\s10\.000,01: boven het budget van €\s10\.000,00\. Vul de reden in om boven het budget te gaan$/),
    });
    expect(recordCost(ctx, actor, clientId, cost({ component: 'MAP', amountCents: 100_000 })).ok).toBe(true); // exactly 100%
    expect(recordCost(ctx, actor, clientId, cost({ component: 'DOORBRAAKBUDGET', kind: 'KOSTEN', amountCents: 5_000, overBudgetReason: 'Fiets nodig' }))).toEqual({
      ok: false,
      refusal: { kind: 'invalid', errors: { reason: 'Vul de reden in: waarvoor is het doorbraakbudget nodig? Dat is verplicht bij het doorbraakbudget' } },
    });
    expect(recordCost(ctx, actor, clientId, cost({ component: 'DOORBRAAKBUDGET', kind: 'KOSTEN', amountCents: 5_000, reason: 'Fiets', overBudgetReason: 'Fiets nodig' })).ok).toBe(true);
    expect(listCostLines(ctx.db, clientId).map((l) => l.overBudgetReason)).toEqual(['Fiets nodig', null, null]);
  });

  it('takes the budget from the rules in force today: day before, on and after a new version', () => {
    const actor = () => actorFor(ctx, ctx.users.consulent);
    addRuleSetVersion(ctx.db, { effectiveFrom: '2026-11-25', rules: { ...DEFAULT_RULE_SET, costs: { budgetEurosByRoute: { B1: 10_000, ONDERWIJS: 10_000, Z: 8_000 }, warnPct: 80 } }, note: null, createdBy: null }, ctx.clock.now().toISOString());
    recordCost(ctx, actor(), clientId, cost({ amountCents: 700_000 }));
    expect(loadCostsPage(ctx, actor(), clientId).budget).toMatchObject({ budgetCents: 1_000_000, state: 'OK' }); // 24 Nov
    ctx.clock.set('2026-11-25T09:00:00.000Z');
    expect(loadCostsPage(ctx, actor(), clientId).budget).toMatchObject({ budgetCents: 800_000, state: 'WARN' }); // on the day
    ctx.clock.set('2026-11-26T09:00:00.000Z');
    expect(loadCostsPage(ctx, actor(), clientId).budget.state).toBe('WARN');
  });

  it('refuses a closed dossier and another team', () => {
    expect(() => recordCost(ctx, actorFor(ctx, ctx.users.otherConsulent), clientId, cost())).toThrow(UseCaseError);
    closeClientDirectly(ctx, clientId);
    expect(recordCost(ctx, actorFor(ctx, ctx.users.consulent), clientId, cost())).toMatchObject({ ok: false, refusal: { kind: 'closed' } });
  });

  it("gives the team lead totals per component and per route for a period, and the spread per client", () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    const other = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    recordCost(ctx, actor, clientId, cost({ amountCents: 600_000, bookedOn: '2026-11-01' }));
    recordCost(ctx, actor, clientId, cost({ kind: 'KOSTEN', amountCents: 250_000, bookedOn: '2026-11-10' }));
    recordCost(ctx, actor, other, cost({ component: 'TOLK', kind: 'KOSTEN', amountCents: 9_000, bookedOn: '2026-11-02' }));
    recordCost(ctx, actor, other, cost({ component: 'TOLK', kind: 'KOSTEN', amountCents: 1_000, bookedOn: '2026-10-31' })); // before the period
    const page = loadTeamCostsPage(ctx, actorFor(ctx, ctx.users.teamleider), { ok: true, data: { from: '2026-11-01', to: '2026-11-24' } });
    expect(page.costs!.byComponent).toEqual([
      { key: 'TAALCURSUS', label: 'Taalcursus (ingekocht bij de aanbieder)', committedCents: 600_000, actualCents: 250_000 },
      { key: 'TOLK', label: 'Tolk', committedCents: 0, actualCents: 9_000 },
    ]);
    expect(page.costs!.byRoute).toEqual([{ key: 'Z', label: 'Z-route', committedCents: 600_000, actualCents: 259_000 }]);
    expect(page.costs!.spread).toEqual({ min: 9_000, median: 304_500, max: 600_000, count: 2 });
    expect(page.costs!.bands.map((b) => b.count)).toEqual([1, 1, 0, 0]); // 0.9% and 60% of € 10.000
    expect(() => loadTeamCostsPage(ctx, actor, { ok: true, data: { from: null, to: null } })).toThrow(UseCaseError);
  });
});
