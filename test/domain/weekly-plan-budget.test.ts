import { describe, expect, it } from 'vitest';
import {
  budgetState,
  budgetUsedCents,
  type CostAmount,
  needsOverBudgetReason,
  type PlanBlock,
  proposeWeek,
  spread,
  weeklyPlanWarnings,
} from '../../src/domain/index.js';
import { DEFAULT_RULE_SET, parseRuleSet } from '../../src/domain/rules.js';

const block = (weekday: number, start: string, end: string, label = 'x'): PlanBlock => ({ weekday, start, end, label });
const none = { maxHoursPerWeek: null, available: [] };

describe('weekly plan clash detection', () => {
  it('warns for two activities at once on the same day', () => {
    const w = weeklyPlanWarnings([block(2, '09:00', '12:00', 'Taalles'), block(2, '11:59', '15:00', 'Vrijwilligerswerk')], none);
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ kind: 'OVERLAP', a: { label: 'Taalles' }, b: { label: 'Vrijwilligerswerk' } });
  });

  it('does not warn for touching intervals (one ends when the other starts) or the same times on another day', () => {
    expect(weeklyPlanWarnings([block(2, '09:00', '12:00'), block(2, '12:00', '15:00')], none)).toEqual([]);
    expect(weeklyPlanWarnings([block(1, '09:00', '12:00'), block(2, '09:00', '12:00')], none)).toEqual([]);
  });

  it('warns over the maximum hours per week, not at exactly the maximum', () => {
    const week = [block(1, '09:00', '12:00'), block(2, '09:00', '12:00'), block(3, '09:00', '13:00')]; // 10 h
    expect(weeklyPlanWarnings(week, { maxHoursPerWeek: 10, available: [] })).toEqual([]);
    expect(weeklyPlanWarnings(week, { maxHoursPerWeek: 9.5, available: [] })).toEqual([{ kind: 'OVER_MAX', totalMinutes: 600, maxMinutes: 570 }]);
    expect(weeklyPlanWarnings(week, none)).toEqual([]);
  });

  it('warns for an activity outside the childcare hours; inside (edges included) is fine', () => {
    const available = [{ weekday: 4, start: '08:30', end: '14:30' }];
    expect(weeklyPlanWarnings([block(4, '08:30', '14:30')], { maxHoursPerWeek: null, available })).toEqual([]);
    const late = block(4, '13:00', '14:31', 'Taalles');
    expect(weeklyPlanWarnings([late], { maxHoursPerWeek: null, available })).toEqual([{ kind: 'OUTSIDE_AVAILABLE', block: late }]);
    const otherDay = block(5, '09:00', '10:00');
    expect(weeklyPlanWarnings([otherDay], { maxHoursPerWeek: null, available })).toEqual([{ kind: 'OUTSIDE_AVAILABLE', block: otherDay }]);
    // No available times recorded: nothing is "outside".
    expect(weeklyPlanWarnings([otherDay], none)).toEqual([]);
  });

  it('proposes a week from the components without clashes', () => {
    const week = proposeWeek([
      { activity: 'TAALLES', label: 'Taalles', hoursPerWeek: 8 },
      { activity: 'PARTICIPATIE', label: 'Stage', hoursPerWeek: 6 },
      { activity: 'MAP', label: 'MAP', hoursPerWeek: 2 },
    ]);
    expect(weeklyPlanWarnings(week, { maxHoursPerWeek: 16, available: [] })).toEqual([]);
    expect(week.filter((b) => b.label === 'Taalles').map((b) => [b.weekday, b.start, b.end])).toEqual([
      [1, '09:00', '12:00'],
      [2, '09:00', '12:00'],
      [3, '09:00', '11:00'],
    ]);
  });
});

describe('budget', () => {
  const budget = 1_000_000; // € 10.000
  const line = (amountCents: number, component: CostAmount['component'] = 'TAALCURSUS', kind: CostAmount['kind'] = 'VERPLICHTING'): CostAmount => ({ component, kind, amountCents });

  it('warns at exactly 80% and not at 79.99%', () => {
    expect(budgetState(799_999, budget, 80)).toBe('OK');
    expect(budgetState(799_900, budget, 80)).toBe('OK'); // 79.99%
    expect(budgetState(800_000, budget, 80)).toBe('WARN');
    expect(budgetState(1_000_000, budget, 80)).toBe('WARN');
    expect(budgetState(1_000_001, budget, 80)).toBe('OVER');
  });

  it('counts per component the larger of commitment and actual costs', () => {
    expect(budgetUsedCents([line(600_000), line(300_000, 'TAALCURSUS', 'KOSTEN'), line(45_000, 'KINDEROPVANG', 'KOSTEN')])).toBe(645_000);
    expect(budgetUsedCents([line(100_000), line(150_000, 'TAALCURSUS', 'KOSTEN')])).toBe(150_000);
  });

  it('requires a reason above 100% and not at exactly 100%', () => {
    const before = [line(900_000)];
    expect(needsOverBudgetReason(before, line(100_000, 'TOLK', 'KOSTEN'), budget)).toBe(false);
    expect(needsOverBudgetReason(before, line(100_001, 'TOLK', 'KOSTEN'), budget)).toBe(true);
    // An invoice inside its commitment adds nothing: no reason, even when already over.
    expect(needsOverBudgetReason([line(1_100_000)], line(500_000, 'TAALCURSUS', 'KOSTEN'), budget)).toBe(false);
  });

  it('gives the spread: min, median, max', () => {
    expect(spread([])).toBeNull();
    expect(spread([300, 100, 200])).toEqual({ min: 100, median: 200, max: 300, count: 3 });
    expect(spread([100, 200, 301, 400])).toEqual({ min: 100, median: 251, max: 400, count: 4 });
  });

  it('product default: €10,000 per route, warning at 80%; older rule sets read with it', () => {
    expect(DEFAULT_RULE_SET.costs).toEqual({ budgetEurosByRoute: { B1: 10_000, ONDERWIJS: 10_000, Z: 10_000 }, warnPct: 80 });
    const { costs: _c, ...older } = DEFAULT_RULE_SET;
    const parsed = parseRuleSet(older);
    expect(parsed.ok && parsed.value.costs.warnPct).toBe(80);
  });
});
