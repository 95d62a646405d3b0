import { describe, expect, it } from 'vitest';
import {
  type Condition,
  checkEndConversation,
  checkPreEndConversation,
  DEFAULT_Z_ROUTE_RULES,
  DomainInputError,
  type InstrumentUse,
  type ProgressSnapshot,
  participationTotal,
  type ZRouteRules,
} from '../../../src/domain/index.js';
import { snapshot, thrown } from './helpers.js';

function cond(conditions: Condition[], code: Condition['code']): Condition {
  const c = conditions.find((x) => x.code === code);
  if (!c) throw new Error(`no condition ${code}`);
  return c;
}

describe('DEFAULT_Z_ROUTE_RULES', () => {
  it('holds the numbers of the Rotterdam leidraad', () => {
    expect(DEFAULT_Z_ROUTE_RULES).toEqual({
      preEnd: { minLanguageHours: 400, advisedLanguageHours: 600, minParticipationHours: 300 },
      end: { languageHours: 800, participationHours: 800 },
      maxSubstitutionHours: 200,
      guidanceConversationHours: 30,
      instruments: [
        { code: 'RTS', name: 'Rotterdamse Taalstart', fullHours: 160 },
        { code: 'SIR_FYSIEK', name: 'Starten in Rotterdam pakket 2 (fysiek)', fullHours: 80 },
        { code: 'SIR_ONLINE', name: 'Starten in Rotterdam pakket 3 (online)', fullHours: 54 },
        { code: 'WMO', name: 'WMO-instrument', fullHours: null },
      ],
    });
  });
});

describe('participationTotal', () => {
  it.each<[string, InstrumentUse, number]>([
    ['RTS 100%', { code: 'RTS', attendancePct: 100, counted: true }, 160],
    ['RTS 75%', { code: 'RTS', attendancePct: 75, counted: true }, 120],
    ['RTS 33% rounds down (52.8)', { code: 'RTS', attendancePct: 33, counted: true }, 52],
    ['RTS 0%', { code: 'RTS', attendancePct: 0, counted: true }, 0],
    ['SIR_FYSIEK 100%', { code: 'SIR_FYSIEK', attendancePct: 100, counted: true }, 80],
    ['SIR_FYSIEK 33% rounds down (26.4)', { code: 'SIR_FYSIEK', attendancePct: 33, counted: true }, 26],
    ['SIR_ONLINE 50%', { code: 'SIR_ONLINE', attendancePct: 50, counted: true }, 27],
    ['SIR_ONLINE 99% rounds down (53.46)', { code: 'SIR_ONLINE', attendancePct: 99, counted: true }, 53],
    ['WMO hours', { code: 'WMO', hours: 45, counted: true }, 45],
    ['WMO fractional hours', { code: 'WMO', hours: 12.5, counted: true }, 12.5],
    ['RTS not counted', { code: 'RTS', attendancePct: 100, counted: false }, 0],
    ['WMO not counted', { code: 'WMO', hours: 45, counted: false }, 0],
    ['RTS not counted, no report yet', { code: 'RTS', counted: false }, 0],
  ])('%s', (_name, instrument, expected) => {
    expect(participationTotal(snapshot({ participationHours: 100, instruments: [instrument] }))).toBe(100 + expected);
  });

  it('adds activities, paid work, instruments and guidance conversations', () => {
    const s = snapshot({
      participationHours: 200,
      paidWorkHours: 50,
      instruments: [
        { code: 'RTS', attendancePct: 75, counted: true },
        { code: 'WMO', hours: 10, counted: true },
      ],
      countGuidanceConversations: true,
    });
    expect(participationTotal(s)).toBe(200 + 50 + 120 + 10 + 30);
  });

  it.each([
    [true, 130],
    [false, 100],
  ])('guidance conversations counted=%s gives %i', (count, expected) => {
    expect(participationTotal(snapshot({ participationHours: 100, countGuidanceConversations: count }))).toBe(expected);
  });

  it('uses the guidance hours and instrument hours of the given rules', () => {
    const rules: ZRouteRules = {
      ...DEFAULT_Z_ROUTE_RULES,
      guidanceConversationHours: 40,
      instruments: [{ code: 'RTS', name: 'Rotterdamse Taalstart', fullHours: 200 }],
    };
    const s = snapshot({
      countGuidanceConversations: true,
      instruments: [{ code: 'RTS', attendancePct: 75, counted: true }],
    });
    expect(participationTotal(s, rules)).toBe(40 + 150);
  });

  it.each([
    [29, 29],
    [57, 57],
    [12.5, 12],
  ])('an edited instrument of 100 hours at %s percent gives %i hours, without floating point loss', (pct, expected) => {
    const rules: ZRouteRules = {
      ...DEFAULT_Z_ROUTE_RULES,
      instruments: [{ code: 'NEW', name: 'Nieuw instrument', fullHours: 100 }],
    };
    const s = snapshot({ instruments: [{ code: 'NEW', attendancePct: pct, counted: true }] });
    expect(participationTotal(s, rules)).toBe(expected);
  });
});

describe('checkPreEndConversation', () => {
  const ready = (over: Partial<ProgressSnapshot>) =>
    snapshot({ languageHours: 600, participationHours: 300, pvtCompleted: true, ...over });

  it.each<[number, boolean, string]>([
    [399, false, 'Nog 1 uur taalles nodig (399 van 400)'],
    [400, true, 'Voldoende taalles: 400 van 400 uur'],
    [401, true, 'Voldoende taalles: 401 van 400 uur'],
  ])('language hours %i: met=%s', (hours, met, message) => {
    const r = checkPreEndConversation(ready({ languageHours: hours }));
    expect(cond(r.conditions, 'LANGUAGE_HOURS')).toEqual({
      code: 'LANGUAGE_HOURS',
      met,
      required: 400,
      actual: hours,
      message,
    });
    expect(r.eligible).toBe(met);
  });

  it.each<[number, number]>([
    [399, 0],
    [400, 1],
    [599, 1],
    [600, 0],
    [601, 0],
  ])('language hours %i gives %i early-invitation notes', (hours, notes) => {
    const r = checkPreEndConversation(ready({ languageHours: hours }));
    expect(r.notes).toHaveLength(notes);
    if (notes > 0) {
      expect(r.notes[0]).toContain(`${hours} uur taalles`);
      expect(r.notes[0]).toContain('vroeg');
      expect(r.eligible).toBe(true);
    }
  });

  it.each<[number, boolean, string]>([
    [260, false, 'Nog 40 uur participatie nodig (260 van 300)'],
    [299, false, 'Nog 1 uur participatie nodig (299 van 300)'],
    [300, true, 'Voldoende participatie: 300 van 300 uur'],
    [301, true, 'Voldoende participatie: 301 van 300 uur'],
  ])('participation %i: met=%s', (hours, met, message) => {
    const r = checkPreEndConversation(ready({ participationHours: hours }));
    expect(cond(r.conditions, 'PARTICIPATION_HOURS')).toEqual({
      code: 'PARTICIPATION_HOURS',
      met,
      required: 300,
      actual: hours,
      message,
    });
    expect(r.eligible).toBe(met);
  });

  it('counts instruments, paid work and guidance toward participation', () => {
    const r = checkPreEndConversation(
      ready({
        participationHours: 100,
        paidWorkHours: 43,
        instruments: [{ code: 'RTS', attendancePct: 75, counted: true }],
        countGuidanceConversations: true,
      }),
    );
    expect(cond(r.conditions, 'PARTICIPATION_HOURS')).toMatchObject({ met: false, actual: 293 });
    const r2 = checkPreEndConversation(
      ready({
        participationHours: 100,
        paidWorkHours: 50,
        instruments: [{ code: 'RTS', attendancePct: 75, counted: true }],
        countGuidanceConversations: true,
      }),
    );
    expect(cond(r2.conditions, 'PARTICIPATION_HOURS')).toMatchObject({ met: true, actual: 300 });
  });

  it.each<[boolean, string]>([
    [true, 'PVT afgerond'],
    [false, 'PVT nog niet afgerond'],
  ])('PVT completed=%s', (done, message) => {
    const r = checkPreEndConversation(ready({ pvtCompleted: done }));
    expect(cond(r.conditions, 'PVT')).toEqual({ code: 'PVT', met: done, required: true, actual: done, message });
    expect(r.eligible).toBe(done);
  });

  it('lists the conditions in order: language, participation, PVT', () => {
    expect(checkPreEndConversation(snapshot()).conditions.map((c) => c.code)).toEqual([
      'LANGUAGE_HOURS',
      'PARTICIPATION_HOURS',
      'PVT',
    ]);
  });

  it('does not depend on KNM or MAP', () => {
    const r = checkPreEndConversation(ready({ knmCompleted: false, mapCompleted: false }));
    expect(r.eligible).toBe(true);
  });

  it('follows edited rules: minimum 500 language hours', () => {
    const rules: ZRouteRules = {
      ...DEFAULT_Z_ROUTE_RULES,
      preEnd: { ...DEFAULT_Z_ROUTE_RULES.preEnd, minLanguageHours: 500 },
    };
    const s = ready({ languageHours: 450 });
    expect(checkPreEndConversation(s).eligible).toBe(true);
    const r = checkPreEndConversation(s, rules);
    expect(r.eligible).toBe(false);
    expect(cond(r.conditions, 'LANGUAGE_HOURS').message).toBe('Nog 50 uur taalles nodig (450 van 500)');
  });

  it('follows edited rules: participation minimum 250', () => {
    const rules: ZRouteRules = {
      ...DEFAULT_Z_ROUTE_RULES,
      preEnd: { ...DEFAULT_Z_ROUTE_RULES.preEnd, minParticipationHours: 250 },
    };
    const s = ready({ participationHours: 260 });
    expect(checkPreEndConversation(s).eligible).toBe(false);
    expect(checkPreEndConversation(s, rules).eligible).toBe(true);
  });
});

describe('checkEndConversation', () => {
  const done = (over: Partial<ProgressSnapshot>) =>
    snapshot({
      languageHours: 800,
      participationHours: 800,
      knmCompleted: true,
      mapCompleted: true,
      pvtCompleted: true,
      ...over,
    });

  it.each<[number, boolean, string]>([
    [680, false, 'Nog 120 uur taalles nodig (680 van 800)'],
    [799, false, 'Nog 1 uur taalles nodig (799 van 800)'],
    [800, true, 'Voldoende taalles: 800 van 800 uur'],
    [812, true, 'Voldoende taalles: 812 van 800 uur'],
  ])('language hours %i: met=%s', (hours, met, message) => {
    const r = checkEndConversation(done({ languageHours: hours }));
    expect(cond(r.conditions, 'LANGUAGE_HOURS')).toEqual({
      code: 'LANGUAGE_HOURS',
      met,
      required: 800,
      actual: hours,
      message,
    });
    expect(r.eligible).toBe(met);
  });

  it.each<[number, boolean]>([
    [799, false],
    [800, true],
    [801, true],
  ])('participation hours %i: met=%s', (hours, met) => {
    const r = checkEndConversation(done({ participationHours: hours }));
    expect(cond(r.conditions, 'PARTICIPATION_HOURS')).toMatchObject({ met, required: 800, actual: hours });
    expect(r.eligible).toBe(met);
  });

  it('shows fractional hours with a decimal comma', () => {
    const r = checkEndConversation(done({ languageHours: 679.5 }));
    expect(cond(r.conditions, 'LANGUAGE_HOURS').message).toBe('Nog 120,5 uur taalles nodig (679,5 van 800)');
  });

  it.each<['knmCompleted' | 'mapCompleted' | 'pvtCompleted', 'KNM' | 'MAP' | 'PVT']>([
    ['knmCompleted', 'KNM'],
    ['mapCompleted', 'MAP'],
    ['pvtCompleted', 'PVT'],
  ])('%s false blocks the eindgesprek', (field, code) => {
    const r = checkEndConversation(done({ [field]: false }));
    expect(r.eligible).toBe(false);
    expect(cond(r.conditions, code)).toEqual({
      code,
      met: false,
      required: true,
      actual: false,
      message: `${code} nog niet afgerond`,
    });
    expect(r.conditions.filter((c) => !c.met)).toHaveLength(1);
  });

  it('reports KNM afgerond when done', () => {
    expect(cond(checkEndConversation(done({})).conditions, 'KNM').message).toBe('KNM afgerond');
  });

  it('lists the conditions in order without substitution', () => {
    const r = checkEndConversation(done({}));
    expect(r.eligible).toBe(true);
    expect(r.notes).toEqual([]);
    expect(r.conditions.map((c) => c.code)).toEqual(['LANGUAGE_HOURS', 'KNM', 'PARTICIPATION_HOURS', 'MAP', 'PVT']);
  });

  it.each<[number, number, number]>([
    [0, 800, 800],
    [120, 680, 920],
    [200, 600, 1000],
  ])('substitution %i: language norm %i, participation norm %i', (sub, language, participation) => {
    const r = checkEndConversation(done({ substitutionHours: sub, languageHours: language, participationHours: participation - sub, paidWorkHours: sub }));
    expect(cond(r.conditions, 'LANGUAGE_HOURS')).toMatchObject({ required: language, met: true });
    expect(cond(r.conditions, 'PARTICIPATION_HOURS')).toMatchObject({ required: participation, actual: participation, met: true });
    expect(r.eligible).toBe(true);
    const below = checkEndConversation(
      done({ substitutionHours: sub, languageHours: language - 1, participationHours: participation - sub, paidWorkHours: sub }),
    );
    expect(cond(below.conditions, 'LANGUAGE_HOURS').met).toBe(false);
  });

  it('adds the paid work condition only when substitution is above 0', () => {
    expect(checkEndConversation(done({})).conditions.some((c) => c.code === 'PAID_WORK_HOURS')).toBe(false);
    const r = checkEndConversation(done({ substitutionHours: 120, languageHours: 680, paidWorkHours: 120 }));
    expect(r.conditions.map((c) => c.code)).toEqual([
      'LANGUAGE_HOURS',
      'KNM',
      'PARTICIPATION_HOURS',
      'PAID_WORK_HOURS',
      'MAP',
      'PVT',
    ]);
  });

  it.each<[number, boolean, string]>([
    [150, false, 'Nog 50 uur betaald werk nodig (150 van 200)'],
    [199, false, 'Nog 1 uur betaald werk nodig (199 van 200)'],
    [200, true, 'Voldoende betaald werk: 200 van 200 uur'],
  ])('substitution 200 with %i paid work hours: met=%s', (paid, met, message) => {
    const r = checkEndConversation(
      done({ substitutionHours: 200, languageHours: 600, participationHours: 1000, paidWorkHours: paid }),
    );
    expect(cond(r.conditions, 'PAID_WORK_HOURS')).toEqual({
      code: 'PAID_WORK_HOURS',
      met,
      required: 200,
      actual: paid,
      message,
    });
    expect(r.eligible).toBe(met);
  });

  it('follows edited rules: end norm 700 language hours', () => {
    const rules: ZRouteRules = { ...DEFAULT_Z_ROUTE_RULES, end: { languageHours: 700, participationHours: 800 } };
    const s = done({ languageHours: 750 });
    expect(checkEndConversation(s).eligible).toBe(false);
    expect(checkEndConversation(s, rules).eligible).toBe(true);
  });
});

describe('bad input throws a DomainInputError with a Dutch message', () => {
  type Case = [string, Partial<ProgressSnapshot>, string, RegExp];
  const cases: Case[] = [
    ['negative language hours', { languageHours: -1 }, 'languageHours', /Taalles-uren.*niet negatief/],
    ['NaN language hours', { languageHours: Number.NaN }, 'languageHours', /Taalles-uren.*geldig aantal uren/],
    ['infinite participation hours', { participationHours: Number.POSITIVE_INFINITY }, 'participationHours', /Participatie-uren/],
    ['negative participation hours', { participationHours: -5 }, 'participationHours', /Participatie-uren.*niet negatief/],
    ['negative paid work hours', { paidWorkHours: -0.5 }, 'paidWorkHours', /betaald werk.*niet negatief/],
    ['negative substitution', { substitutionHours: -10 }, 'substitutionHours', /Substitutie-uren.*niet negatief/],
    ['substitution 201 above the maximum', { substitutionHours: 201 }, 'substitutionHours', /maximaal 200 uur/],
    ['attendance above 100', { instruments: [{ code: 'RTS', attendancePct: 101, counted: true }] }, 'instruments[0].attendancePct', /0 tot en met 100/],
    ['attendance below 0', { instruments: [{ code: 'SIR_ONLINE', attendancePct: -1, counted: true }] }, 'instruments[0].attendancePct', /Aanwezigheidspercentage/],
    ['attendance NaN', { instruments: [{ code: 'SIR_FYSIEK', attendancePct: Number.NaN, counted: true }] }, 'instruments[0].attendancePct', /Aanwezigheidspercentage/],
    ['attendance missing for RTS', { instruments: [{ code: 'RTS', counted: true }] }, 'instruments[0].attendancePct', /ontbreekt/],
    ['hours given for RTS', { instruments: [{ code: 'RTS', attendancePct: 50, hours: 80, counted: true }] }, 'instruments[0].hours', /aanwezigheidspercentage/],
    ['hours missing for WMO', { instruments: [{ code: 'WMO', counted: true }] }, 'instruments[0].hours', /ontbreken/],
    ['attendance given for WMO', { instruments: [{ code: 'WMO', attendancePct: 50, counted: true }] }, 'instruments[0].attendancePct', /gevolgde uren/],
    ['negative WMO hours', { instruments: [{ code: 'WMO', hours: -3, counted: true }] }, 'instruments[0].hours', /niet negatief/],
    ['negative WMO hours, not counted', { instruments: [{ code: 'WMO', hours: -3, counted: false }] }, 'instruments[0].hours', /niet negatief/],
    ['unknown instrument code', { instruments: [{ code: 'RTS', attendancePct: 10, counted: true }, { code: 'XYZ', hours: 3, counted: true }] }, 'instruments[1].code', /onbekende code 'XYZ'/],
    ['unknown instrument code, not counted', { instruments: [{ code: 'XYZ', hours: 3, counted: false }] }, 'instruments[0].code', /onbekende code/],
  ];

  it.each(cases)('%s', (_name, over, field, message) => {
    for (const fn of [participationTotal, checkPreEndConversation, checkEndConversation]) {
      const e = thrown(() => fn(snapshot(over)));
      expect(e).toBeInstanceOf(DomainInputError);
      expect(e).toBeInstanceOf(Error);
      expect((e as DomainInputError).field).toBe(field);
      expect((e as DomainInputError).message).toMatch(message);
    }
  });

  it('instruments that are not a list', () => {
    const e = thrown(() => participationTotal(snapshot({ instruments: null as unknown as InstrumentUse[] })));
    expect(e).toBeInstanceOf(DomainInputError);
    expect((e as DomainInputError).field).toBe('instruments');
  });

  it('substitution above an edited maximum', () => {
    const rules: ZRouteRules = { ...DEFAULT_Z_ROUTE_RULES, maxSubstitutionHours: 100 };
    expect(() => checkEndConversation(snapshot({ substitutionHours: 100 }), rules)).not.toThrow();
    expect(() => checkEndConversation(snapshot({ substitutionHours: 101 }), rules)).toThrow(/maximaal 100 uur/);
  });

  it.each(['B1', 'ONDERWIJS'] as const)('Z-route checks called for route %s', (route) => {
    for (const fn of [checkPreEndConversation, checkEndConversation]) {
      const e = thrown(() => fn(snapshot({ route })));
      expect(e).toBeInstanceOf(DomainInputError);
      expect((e as DomainInputError).field).toBe('route');
      expect((e as DomainInputError).message).toMatch(/alleen voor de Z-route/);
    }
  });

  it('substitution on another route than Z', () => {
    const e = thrown(() => participationTotal(snapshot({ route: 'B1', substitutionHours: 50 })));
    expect(e).toBeInstanceOf(DomainInputError);
    expect((e as DomainInputError).field).toBe('substitutionHours');
    expect((e as DomainInputError).message).toMatch(/alleen in de Z-route.*B1-route/);
  });
});
