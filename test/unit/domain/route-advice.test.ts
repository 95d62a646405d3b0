import { describe, expect, it } from 'vitest';
import { adviseRoute, DEFAULT_RULE_SET, DomainInputError, type RouteAdviceInput } from '../../../src/domain/index.js';
import { thrown } from './helpers.js';

const rules = DEFAULT_RULE_SET.general.routeAdvice;

function input(over: Partial<RouteAdviceInput>): RouteAdviceInput {
  return { leerbaarheidScore: 34, age: 35, highestEducation: 'SECONDARY', wantsEducation: false, ...over };
}

describe('adviseRoute', () => {
  it('gives no advice without a leerbaarheidstoets', () => {
    expect(adviseRoute(input({ leerbaarheidScore: null, wantsEducation: true, age: 20 }), rules)).toEqual({
      route: null,
      reasons: ['Leerbaarheidstoets nog niet bekend'],
    });
  });

  it.each<[number, 'B1' | 'Z']>([
    [0, 'Z'],
    [31, 'Z'],
    [32, 'B1'],
    [40, 'B1'],
  ])('score %i gives route %s', (score, route) => {
    expect(adviseRoute(input({ leerbaarheidScore: score }), rules).route).toBe(route);
  });

  it('explains a B1 advice with the numbers', () => {
    expect(adviseRoute(input({ leerbaarheidScore: 34 }), rules).reasons[0]).toBe(
      'Leerbaarheidstoets 34 van 40: hoger dan 31, geschikt voor de B1-route',
    );
  });

  it('explains a Z advice with the numbers', () => {
    expect(adviseRoute(input({ leerbaarheidScore: 31 }), rules)).toEqual({
      route: 'Z',
      reasons: ['Leerbaarheidstoets 31 van 40: niet hoger dan 31, de Z-route past het best'],
    });
  });

  it.each<[number, number, boolean, 'B1' | 'ONDERWIJS' | 'Z']>([
    [32, 26, true, 'ONDERWIJS'],
    [32, 27, true, 'ONDERWIJS'],
    [32, 28, true, 'B1'],
    [32, 27, false, 'B1'],
    [31, 20, true, 'Z'],
  ])('score %i, age %i, wants education %s gives %s', (score, age, wantsEducation, route) => {
    const r = adviseRoute(input({ leerbaarheidScore: score, age, wantsEducation }), rules);
    expect(r.route).toBe(route);
    expect(r.reasons.length).toBeGreaterThan(0);
  });

  it('explains the onderwijsroute and why an older client does not get it', () => {
    expect(adviseRoute(input({ age: 27, wantsEducation: true }), rules).reasons[1]).toBe(
      'Leeftijd 27: niet ouder dan 27, en de klant wil een opleiding volgen: de onderwijsroute past',
    );
    expect(adviseRoute(input({ age: 28, wantsEducation: true }), rules).reasons[1]).toMatch(/Leeftijd 28: ouder dan 27/);
  });

  it('follows edited thresholds', () => {
    const edited = { b1MinLeerbaarheidScore: 30, onderwijsMaxAge: 30 };
    expect(adviseRoute(input({ leerbaarheidScore: 30 }), edited).route).toBe('B1');
    expect(adviseRoute(input({ leerbaarheidScore: 30, age: 29, wantsEducation: true }), edited).route).toBe('ONDERWIJS');
    expect(adviseRoute(input({ leerbaarheidScore: 30 }), rules).route).toBe('Z');
  });

  it.each<[string, Partial<RouteAdviceInput>, string]>([
    ['score above 40', { leerbaarheidScore: 41 }, 'leerbaarheidScore'],
    ['negative score', { leerbaarheidScore: -1 }, 'leerbaarheidScore'],
    ['fractional score', { leerbaarheidScore: 31.5 }, 'leerbaarheidScore'],
    ['negative age', { age: -1 }, 'age'],
    ['age not a number', { age: Number.NaN }, 'age'],
  ])('throws on %s', (_name, over, field) => {
    const e = thrown(() => adviseRoute(input(over), rules));
    expect(e).toBeInstanceOf(DomainInputError);
    expect((e as DomainInputError).field).toBe(field);
  });
});
