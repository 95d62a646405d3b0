import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RULE_SET,
  DEFAULT_Z_ROUTE_RULES,
  type Doelgroep,
  DomainInputError,
  forecast,
  type GeneralRules,
  type NormProgress,
  nextConversationDue,
  pipDueDate,
  termijnEnd,
  zRouteNorms,
} from '../../../src/domain/index.js';
import { thrown } from './helpers.js';

const general = DEFAULT_RULE_SET.general;

function expectInputError(fn: () => unknown, field: string): void {
  const e = thrown(fn);
  expect(e).toBeInstanceOf(DomainInputError);
  expect((e as DomainInputError).field).toBe(field);
}

describe('termijnEnd', () => {
  it.each<[string, number[], string]>([
    ['2025-01-15', [], '2028-01-15'],
    ['2024-02-29', [], '2027-02-28'],
    ['2024-02-29', [12], '2028-02-29'],
    ['2024-02-29', [6], '2027-08-29'],
    ['2024-02-29', [3, 3], '2027-08-29'],
    ['2023-01-31', [1], '2026-02-28'],
  ])('PIP %s with extensions %j ends %s', (pip, ext, end) => {
    expect(termijnEnd(pip, ext, general)).toBe(end);
  });

  it('follows an edited termijn', () => {
    expect(termijnEnd('2025-01-15', [], { ...general, termijnMonths: 24 })).toBe('2027-01-15');
  });

  it.each<[string, string, number[], string]>([
    ['an impossible date', '2023-02-29', [], 'pipDate'],
    ['a Dutch date format', '15-01-2025', [], 'pipDate'],
    ['an extension of 0 months', '2025-01-15', [0], 'extensionMonths[0]'],
    ['a negative extension', '2025-01-15', [6, -3], 'extensionMonths[1]'],
    ['a fractional extension', '2025-01-15', [1.5], 'extensionMonths[0]'],
  ])('throws on %s', (_name, pip, ext, field) => {
    expectInputError(() => termijnEnd(pip, ext, general), field);
  });
});

describe('nextConversationDue', () => {
  it.each<[Doelgroep, string, string]>([
    ['ASIELSTATUSHOUDER', '2025-01-15', '2025-04-15'],
    ['GEZINSMIGRANT', '2025-01-15', '2025-05-15'],
    ['OVERIGE_MIGRANT', '2025-01-15', '2025-05-15'],
    ['ASIELSTATUSHOUDER', '2024-11-30', '2025-02-28'],
  ])('%s, last conversation %s: next %s', (doelgroep, last, next) => {
    expect(nextConversationDue(last, '2020-01-01', doelgroep, general)).toBe(next);
  });

  it.each<[Doelgroep, string]>([
    ['ASIELSTATUSHOUDER', '2024-05-29'],
    ['GEZINSMIGRANT', '2024-06-29'],
  ])('%s without conversations counts from the PIP date', (doelgroep, next) => {
    expect(nextConversationDue(null, '2024-02-29', doelgroep, general)).toBe(next);
  });

  it('returns null without a conversation or PIP', () => {
    expect(nextConversationDue(null, null, 'GEZINSMIGRANT', general)).toBeNull();
  });

  it('follows an edited interval', () => {
    const rules: GeneralRules = {
      ...general,
      conversationIntervalMonths: { ...general.conversationIntervalMonths, GEZINSMIGRANT: 6 },
    };
    expect(nextConversationDue('2025-01-15', null, 'GEZINSMIGRANT', rules)).toBe('2025-07-15');
  });

  it('throws on an invalid date', () => {
    expectInputError(() => nextConversationDue('2025-02-30', null, 'GEZINSMIGRANT', general), 'lastConversationDate');
    expectInputError(() => nextConversationDue(null, 'gisteren', 'GEZINSMIGRANT', general), 'pipDate');
  });

  it('throws on an unknown doelgroep', () => {
    expectInputError(() => nextConversationDue(null, '2025-01-01', 'TOERIST' as Doelgroep, general), 'doelgroep');
  });
});

describe('pipDueDate', () => {
  it.each<[string, number, string]>([
    ['2025-01-06', 10, '2025-03-17'],
    ['2024-01-01', 10, '2024-03-11'],
    ['2023-01-01', 10, '2023-03-12'],
    ['2025-01-06', 8, '2025-03-03'],
  ])('start %s + %i weeks = %s', (start, weeks, due) => {
    expect(pipDueDate(start, { ...general, pipDeadlineWeeks: weeks })).toBe(due);
  });

  it('throws on an invalid date', () => {
    expectInputError(() => pipDueDate('2025-1-6', general), 'startDate');
  });
});

describe('forecast', () => {
  const language = (actual: number, hoursInWindow: number, required = 800): NormProgress => ({
    code: 'LANGUAGE_HOURS',
    required,
    actual,
    hoursInWindow,
  });

  it('on track: 120 hours to go at 10 a week', () => {
    expect(
      forecast({ today: '2025-01-01', termijnEnd: '2026-01-01', windowWeeks: 12, norms: [language(680, 120)] }),
    ).toEqual({
      norms: [{ code: 'LANGUAGE_HOURS', reached: false, expectedDate: '2025-03-26', beforeTermijnEnd: true }],
      atRisk: false,
    });
  });

  it('at risk: 120 hours to go at 1 a week', () => {
    expect(
      forecast({ today: '2025-01-01', termijnEnd: '2026-01-01', windowWeeks: 12, norms: [language(680, 12)] }),
    ).toEqual({
      norms: [{ code: 'LANGUAGE_HOURS', reached: false, expectedDate: '2027-04-21', beforeTermijnEnd: false }],
      atRisk: true,
    });
  });

  it.each<[string, boolean, boolean]>([
    ['2025-03-25', false, true],
    ['2025-03-26', true, false],
    ['2025-03-27', true, false],
  ])('termijn ending %s: before=%s, at risk=%s', (end, before, atRisk) => {
    const r = forecast({ today: '2025-01-01', termijnEnd: end, windowWeeks: 12, norms: [language(680, 120)] });
    expect(r.norms[0]?.beforeTermijnEnd).toBe(before);
    expect(r.atRisk).toBe(atRisk);
  });

  it('no hours yet: no expected date, at risk', () => {
    expect(forecast({ today: '2025-01-01', termijnEnd: '2027-01-01', windowWeeks: 12, norms: [language(0, 0)] })).toEqual({
      norms: [{ code: 'LANGUAGE_HOURS', reached: false, expectedDate: null, beforeTermijnEnd: false }],
      atRisk: true,
    });
  });

  it('no termijn end: never at risk', () => {
    const r = forecast({ today: '2025-01-01', termijnEnd: null, windowWeeks: 12, norms: [language(0, 0), language(680, 12)] });
    expect(r.atRisk).toBe(false);
    expect(r.norms.map((n) => n.beforeTermijnEnd)).toEqual([false, true]);
  });

  it('already reached: expected today, not at risk, also without pace', () => {
    expect(
      forecast({
        today: '2025-01-01',
        termijnEnd: '2026-01-01',
        windowWeeks: 12,
        norms: [language(812, 0), { code: 'PARTICIPATION_HOURS', required: 800, actual: 800, hoursInWindow: 20 }],
      }),
    ).toEqual({
      norms: [
        { code: 'LANGUAGE_HOURS', reached: true, expectedDate: '2025-01-01', beforeTermijnEnd: true },
        { code: 'PARTICIPATION_HOURS', reached: true, expectedDate: '2025-01-01', beforeTermijnEnd: true },
      ],
      atRisk: false,
    });
  });

  it('one norm at risk makes the whole forecast at risk', () => {
    const r = forecast({
      today: '2025-01-01',
      termijnEnd: '2026-01-01',
      windowWeeks: 12,
      norms: [language(680, 120), { code: 'PARTICIPATION_HOURS', required: 800, actual: 100, hoursInWindow: 12 }],
    });
    expect(r.norms.map((n) => n.beforeTermijnEnd)).toEqual([true, false]);
    expect(r.atRisk).toBe(true);
  });

  it.each<[string, string]>([
    ['2024-02-20', '2024-04-09'],
    ['2023-02-20', '2023-04-10'],
  ])('counts days across February from %s (leap year aware)', (today, expected) => {
    const r = forecast({ today, termijnEnd: null, windowWeeks: 12, norms: [language(730, 120)] });
    expect(r.norms[0]?.expectedDate).toBe(expected);
  });

  it.each<[number, number, number, string]>([
    [100, 30, 12, '2025-10-08'],
    [10, 36, 12, '2025-01-25'],
    [10, 70, 10, '2025-01-11'],
  ])('%i hours to go with %i hours in %i weeks rounds days up', (remaining, inWindow, weeks, expected) => {
    const r = forecast({ today: '2025-01-01', termijnEnd: null, windowWeeks: weeks, norms: [language(800 - remaining, inWindow)] });
    expect(r.norms[0]?.expectedDate).toBe(expected);
  });

  it.each<[string, Parameters<typeof forecast>[0], string]>([
    ['an invalid today', { today: '2025-13-01', termijnEnd: null, windowWeeks: 12, norms: [] }, 'today'],
    ['an invalid termijn end', { today: '2025-01-01', termijnEnd: '2025-02-29', windowWeeks: 12, norms: [] }, 'termijnEnd'],
    ['a window of 0 weeks', { today: '2025-01-01', termijnEnd: null, windowWeeks: 0, norms: [] }, 'windowWeeks'],
    ['negative actual hours', { today: '2025-01-01', termijnEnd: null, windowWeeks: 12, norms: [language(-1, 0)] }, 'norms[0].actual'],
    ['negative window hours', { today: '2025-01-01', termijnEnd: null, windowWeeks: 12, norms: [language(10, -1)] }, 'norms[0].hoursInWindow'],
    ['window hours above the total', { today: '2025-01-01', termijnEnd: null, windowWeeks: 12, norms: [language(10, 20)] }, 'norms[0].hoursInWindow'],
    ['a non-finite norm', { today: '2025-01-01', termijnEnd: null, windowWeeks: 12, norms: [language(10, 0, Number.NaN)] }, 'norms[0].required'],
  ])('throws on %s', (_name, arg, field) => {
    expectInputError(() => forecast(arg), field);
  });
});

describe('zRouteNorms', () => {
  it.each<[number, number, number]>([
    [0, 800, 800],
    [120, 680, 920],
    [200, 600, 1000],
  ])('substitution %i: language %i, participation %i', (s, languageHours, participationHours) => {
    expect(zRouteNorms(s, DEFAULT_Z_ROUTE_RULES)).toEqual({ languageHours, participationHours, paidWorkHours: s });
  });

  it.each<[number, RegExp]>([
    [201, /maximaal 200 uur/],
    [-1, /niet negatief/],
    [Number.NaN, /geldig aantal uren/],
  ])('substitution %s throws', (s, message) => {
    const e = thrown(() => zRouteNorms(s, DEFAULT_Z_ROUTE_RULES));
    expect(e).toBeInstanceOf(DomainInputError);
    expect((e as DomainInputError).field).toBe('substitutionHours');
    expect((e as DomainInputError).message).toMatch(message);
  });
});
