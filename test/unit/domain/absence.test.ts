import { describe, expect, it } from 'vitest';
import {
  absenceByPeriod,
  absencePercentage,
  currentAbsence,
  DEFAULT_GENERAL_RULES,
  DomainInputError,
  isAbsenceSignal,
  lastMonths,
} from '../../../src/domain/index.js';
import { thrown } from './helpers.js';

const general = DEFAULT_GENERAL_RULES;

describe('absencePercentage', () => {
  it('is (planned − attended − excused) / planned × 100', () => {
    expect(absencePercentage({ planned: 100, attended: 60, excused: 10 })).toBe(30);
    expect(absencePercentage({ planned: 40, attended: 30, excused: 0 })).toBe(25);
  });

  it('rounds to one decimal so 3 of 10 hours is exactly 30.0', () => {
    // 3 / 10 * 100 is 30.000000000000004 in floating point: rounding keeps it from passing the 30% threshold.
    expect(absencePercentage({ planned: 10, attended: 7, excused: 0 })).toBe(30);
    expect(absencePercentage({ planned: 1000, attended: 699, excused: 0 })).toBe(30.1);
  });

  it('leaves excused absence out and never goes below 0', () => {
    expect(absencePercentage({ planned: 100, attended: 50, excused: 50 })).toBe(0);
    expect(absencePercentage({ planned: 100, attended: 50, excused: 80 })).toBe(0);
    expect(absencePercentage({ planned: 100, attended: 50, excused: 0 })).toBe(50);
  });

  it('gives no percentage without planned hours', () => {
    expect(absencePercentage({ planned: 0, attended: 0, excused: 0 })).toBeNull();
  });

  it.each([
    [{ planned: -1, attended: 0, excused: 0 }, 'planned', 'negatief'],
    [{ planned: 10, attended: -1, excused: 0 }, 'attended', 'negatief'],
    [{ planned: 10, attended: 1, excused: -2 }, 'excused', 'negatief'],
    [{ planned: Number.NaN, attended: 0, excused: 0 }, 'planned', 'geen geldig'],
    [{ planned: 10, attended: Number.POSITIVE_INFINITY, excused: 0 }, 'attended', 'geen geldig'],
    [{ planned: 10, attended: 12, excused: 0 }, 'attended', 'niet meer zijn dan de geplande'],
  ])('refuses %o with a Dutch message', (input, field, text) => {
    const e = thrown(() => absencePercentage(input));
    expect(e).toBeInstanceOf(DomainInputError);
    expect((e as DomainInputError).field).toBe(field);
    expect((e as Error).message).toContain(text);
  });
});

describe('absence signal at and around the thresholds', () => {
  it.each<[ 'B1' | 'Z' | 'ONDERWIJS', number, boolean]>([
    ['B1', 29.9, false],
    ['B1', 30.0, false],
    ['B1', 30.1, true],
    ['Z', 30.0, false],
    ['Z', 30.1, true],
    ['ONDERWIJS', 19.9, false],
    ['ONDERWIJS', 20.0, false],
    ['ONDERWIJS', 20.1, true],
  ])('%s at %d%% → signal %s', (route, pct, signal) => {
    expect(isAbsenceSignal(pct, route, general)).toBe(signal);
  });

  it('B1: 300 of 1000 hours absent is no signal, 301 is', () => {
    const at = absencePercentage({ planned: 1000, attended: 700, excused: 0 });
    const above = absencePercentage({ planned: 1000, attended: 699, excused: 0 });
    expect([at, isAbsenceSignal(at, 'B1', general)]).toEqual([30, false]);
    expect([above, isAbsenceSignal(above, 'B1', general)]).toEqual([30.1, true]);
  });

  it('excused absence can take a period below the threshold', () => {
    const without = absencePercentage({ planned: 100, attended: 60, excused: 0 });
    const withExcused = absencePercentage({ planned: 100, attended: 60, excused: 10 });
    expect(isAbsenceSignal(without, 'B1', general)).toBe(true);
    expect(isAbsenceSignal(withExcused, 'B1', general)).toBe(false);
  });

  it('no route or no percentage: no signal', () => {
    expect(isAbsenceSignal(90, null, general)).toBe(false);
    expect(isAbsenceSignal(null, 'B1', general)).toBe(false);
  });

  it('uses the threshold from the rules', () => {
    const strict = { absenceThresholdPct: { B1: 10, Z: 30, ONDERWIJS: 20 } };
    expect(isAbsenceSignal(10.1, 'B1', strict)).toBe(true);
  });
});

describe('lastMonths and absenceByPeriod', () => {
  it('lists the last 6 months including the current one, across a year end', () => {
    expect(lastMonths('2026-02-15', 6)).toEqual(['2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02']);
  });

  it('computes each period and fills empty months', () => {
    const rows = absenceByPeriod(
      ['2026-09', '2026-10', '2026-11'],
      [
        { period: '2026-09', planned: 40, attended: 28, excused: 0 },
        { period: '2026-10', planned: 40, attended: 20, excused: 8 },
      ],
      'ONDERWIJS',
      general,
    );
    expect(rows.map((r) => [r.period, r.pct, r.signal])).toEqual([
      ['2026-09', 30, true],
      ['2026-10', 30, true],
      ['2026-11', null, false],
    ]);
    expect(rows[0]!.threshold).toBe(20);
  });
});

describe('currentAbsence: the latest period with a plan counts for the caseload signal', () => {
  const months = ['2026-10', '2026-11'];
  const cases: { name: string; hours: { period: string; planned: number; attended: number; excused: number }[]; expected: { period: string; pct: number; signal: boolean } | null }[] = [
    { name: 'no plan in either month', hours: [], expected: null },
    { name: 'only last month planned (31% on Z)', hours: [{ period: '2026-10', planned: 100, attended: 69, excused: 0 }], expected: { period: '2026-10', pct: 31, signal: true } },
    {
      name: 'this month planned wins over last month',
      hours: [
        { period: '2026-10', planned: 100, attended: 10, excused: 0 },
        { period: '2026-11', planned: 50, attended: 35, excused: 0 },
      ],
      expected: { period: '2026-11', pct: 30, signal: false },
    },
    { name: 'this month with excused hours', hours: [{ period: '2026-11', planned: 40, attended: 20, excused: 10 }], expected: { period: '2026-11', pct: 25, signal: false } },
  ];
  it.each(cases)('$name', ({ hours, expected }) => {
    const current = currentAbsence(absenceByPeriod(months, hours, 'Z', general));
    if (expected === null) expect(current).toBeNull();
    else expect(current).toMatchObject(expected);
  });
});

