import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RULE_SET,
  DEFAULT_Z_ROUTE_RULES,
  DomainInputError,
  parseRuleSet,
  type RuleSet,
  ruleSetInForce,
  ruleSetSchema,
  zRouteRulesSchema,
} from '../../../src/domain/index.js';
import { thrown } from './helpers.js';

/** A deep copy of the defaults, changed by `edit`. */
function edited(edit: (r: RuleSet) => void): unknown {
  const r = structuredClone(DEFAULT_RULE_SET);
  edit(r);
  return r;
}

describe('DEFAULT_RULE_SET', () => {
  it('is valid and holds the default numbers', () => {
    const parsed = parseRuleSet(DEFAULT_RULE_SET);
    expect(parsed).toEqual({ ok: true, value: DEFAULT_RULE_SET });
    expect(DEFAULT_RULE_SET.z).toBe(DEFAULT_Z_ROUTE_RULES);
    expect(DEFAULT_RULE_SET.b1).toEqual({ afschalenMinLanguageHours: 600 });
    expect(DEFAULT_RULE_SET.onderwijs).toEqual({ languageHours: 1000, otherSubjectsHours: 500 });
    expect(DEFAULT_RULE_SET.general).toEqual({
      termijnMonths: 36,
      pipDeadlineWeeks: 10,
      pipDeadlineStart: 'INTAKE_START',
      conversationIntervalMonths: { ASIELSTATUSHOUDER: 3, GEZINSMIGRANT: 4, OVERIGE_MIGRANT: 4 },
      noHoursSignalWeeks: 8,
      termijnEndingSignalMonths: 6,
      forecastWindowWeeks: 12,
      routeAdvice: { b1MinLeerbaarheidScore: 32, onderwijsMaxAge: 27 },
      routeChangeMaxMonths: 18,
      extensionFromMonths: 30,
      absenceThresholdPct: { B1: 30, Z: 30, ONDERWIJS: 20 },
      structuralPaidWorkWeeks: 8,
      caseloadNorm: 80,
      approvals: { routeDeviation: false, endWithoutConditions: false, instrumentCounting: false },
      noContactDays: {
        byDoelgroep: { ASIELSTATUSHOUDER: 42, GEZINSMIGRANT: 42, OVERIGE_MIGRANT: 42 },
        byPhase: { beforePip: 42, trajectory: 42 },
      },
    });
  });

  it('accepts a valid edit (minimum language hours 500, a new instrument)', () => {
    const input = edited((r) => {
      r.z.preEnd.minLanguageHours = 500;
      r.z.instruments.push({ code: 'TAALCAFE', name: 'Taalcafé', fullHours: null });
    });
    const parsed = parseRuleSet(input);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.value.z.preEnd.minLanguageHours).toBe(500);
      expect(parsed.value.z.instruments).toHaveLength(5);
    }
  });

  it('exposes the schemas for direct use', () => {
    expect(ruleSetSchema.safeParse(DEFAULT_RULE_SET).success).toBe(true);
    expect(zRouteRulesSchema.safeParse(DEFAULT_Z_ROUTE_RULES).success).toBe(true);
    expect(zRouteRulesSchema.safeParse({ ...DEFAULT_Z_ROUTE_RULES, maxSubstitutionHours: -1 }).success).toBe(false);
  });
});

describe('parseRuleSet rejects broken invariants with a Dutch message', () => {
  it.each<[string, (r: RuleSet) => void, string, RegExp]>([
    ['negative pre-end language minimum', (r) => { r.z.preEnd.minLanguageHours = -1; }, 'z.preEnd.minLanguageHours', /mag niet negatief zijn/],
    ['negative end participation norm', (r) => { r.z.end.participationHours = -800; }, 'z.end.participationHours', /Eindgesprek, participatie-uren: mag niet negatief zijn/],
    ['negative substitution maximum', (r) => { r.z.maxSubstitutionHours = -1; }, 'z.maxSubstitutionHours', /niet negatief/],
    ['negative guidance hours', (r) => { r.z.guidanceConversationHours = -30; }, 'z.guidanceConversationHours', /niet negatief/],
    ['negative B1 afschalen hours', (r) => { r.b1.afschalenMinLanguageHours = -1; }, 'b1.afschalenMinLanguageHours', /niet negatief/],
    ['negative onderwijs hours', (r) => { r.onderwijs.otherSubjectsHours = -1; }, 'onderwijs.otherSubjectsHours', /niet negatief/],
    ['advised below minimum', (r) => { r.z.preEnd.advisedLanguageHours = 399; }, 'z.preEnd.advisedLanguageHours', /niet lager zijn dan het minimum/],
    ['pre-end language minimum above end norm', (r) => { r.z.preEnd.minLanguageHours = 900; r.z.preEnd.advisedLanguageHours = 900; }, 'z.preEnd.minLanguageHours', /niet hoger zijn dan de norm voor het eindgesprek/],
    ['advised above end norm', (r) => { r.z.preEnd.advisedLanguageHours = 801; }, 'z.preEnd.advisedLanguageHours', /niet hoger zijn dan de norm voor het eindgesprek \(800\)/],
    ['pre-end participation above end norm', (r) => { r.z.preEnd.minParticipationHours = 801; }, 'z.preEnd.minParticipationHours', /niet hoger zijn dan de norm/],
    ['substitution maximum above end language norm', (r) => { r.z.maxSubstitutionHours = 900; }, 'z.maxSubstitutionHours', /niet hoger zijn dan de taalles-uren/],
    ['duplicate instrument code', (r) => { r.z.instruments.push({ code: 'RTS', name: 'Nog een taalstart', fullHours: 10 }); }, 'z.instruments.4.code', /meer dan één keer/],
    ['instrument fullHours 0', (r) => { r.z.instruments[1] = { code: 'SIR_FYSIEK', name: 'Starten in Rotterdam', fullHours: 0 }; }, 'z.instruments.1.fullHours', /meer dan 0/],
    ['instrument without a name', (r) => { r.z.instruments[0] = { code: 'RTS', name: ' ', fullHours: 160 }; }, 'z.instruments.0.name', /vul een naam in/],
    ['instrument code in lower case', (r) => { r.z.instruments[0] = { code: 'rts', name: 'Rotterdamse Taalstart', fullHours: 160 }; }, 'z.instruments.0.code', /hoofdletters/],
    ['termijn 0 months', (r) => { r.general.termijnMonths = 0; r.general.extensionFromMonths = 0; r.general.termijnEndingSignalMonths = 0; }, 'general.termijnMonths', /minimaal 1/],
    ['termijn not whole', (r) => { r.general.termijnMonths = 36.5; }, 'general.termijnMonths', /heel getal/],
    ['conversation interval 0', (r) => { r.general.conversationIntervalMonths.GEZINSMIGRANT = 0; }, 'general.conversationIntervalMonths.GEZINSMIGRANT', /gezinsmigrant.*minimaal 1/],
    ['absence above 100%', (r) => { r.general.absenceThresholdPct.ONDERWIJS = 120; }, 'general.absenceThresholdPct.ONDERWIJS', /niet hoger zijn dan 100/],
    ['leerbaarheid threshold above 40', (r) => { r.general.routeAdvice.b1MinLeerbaarheidScore = 41; }, 'general.routeAdvice.b1MinLeerbaarheidScore', /niet hoger zijn dan 40/],
    ['extension after the end of the termijn', (r) => { r.general.extensionFromMonths = 37; }, 'general.extensionFromMonths', /de termijn is 36 maanden/],
    ['unknown PIP start event', (r) => { (r.general as { pipDeadlineStart: string }).pipDeadlineStart = 'BRP'; }, 'general.pipDeadlineStart', /Start van de PIP-termijn/],
    ['approval not a boolean', (r) => { (r.general.approvals as { routeDeviation: unknown }).routeDeviation = 'ja'; }, 'general.approvals.routeDeviation', /kies ja of nee/],
    ['caseload norm missing', (r) => { delete (r.general as Partial<RuleSet['general']>).caseloadNorm; }, 'general.caseloadNorm', /Caseloadnorm/],
    ['norm as text', (r) => { (r.z.end as { languageHours: unknown }).languageHours = '800'; }, 'z.end.languageHours', /vul een aantal uren in/],
  ])('%s', (_name, edit, path, message) => {
    const parsed = parseRuleSet(edited(edit));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      const error = parsed.errors.find((e) => e.path === path);
      expect(error, JSON.stringify(parsed.errors)).toBeDefined();
      expect(error?.message).toMatch(message);
    }
  });

  it('rejects something that is not a rule set at all', () => {
    const parsed = parseRuleSet(null);
    expect(parsed.ok).toBe(false);
  });
});

describe('ruleSetInForce', () => {
  const versions = [
    { id: 2, effectiveFrom: '2024-07-01' },
    { id: 1, effectiveFrom: '2022-01-01' },
    { id: 3, effectiveFrom: '2025-01-01' },
  ];

  it.each<[string, number | undefined]>([
    ['2021-12-31', undefined],
    ['2022-01-01', 1],
    ['2024-06-30', 1],
    ['2024-07-01', 2],
    ['2024-12-31', 2],
    ['2025-01-01', 3],
    ['2030-05-05', 3],
  ])('on %s version %s is in force', (date, id) => {
    expect(ruleSetInForce(versions, date)?.id).toBe(id);
  });

  it('returns undefined without versions', () => {
    expect(ruleSetInForce([], '2024-01-01')).toBeUndefined();
  });

  it('picks the last listed version on the same date', () => {
    expect(
      ruleSetInForce(
        [
          { id: 1, effectiveFrom: '2024-01-01' },
          { id: 2, effectiveFrom: '2024-01-01' },
        ],
        '2024-02-01',
      )?.id,
    ).toBe(2);
  });

  it.each<[string, { effectiveFrom: string }[], string, string]>([
    ['an invalid date', versions, '2024-13-01', 'date'],
    ['a date in another format', versions, '01-07-2024', 'date'],
    ['an invalid effectiveFrom', [{ effectiveFrom: '2024-02-30' }], '2024-03-01', 'versions[0].effectiveFrom'],
  ])('throws on %s', (_name, list, date, field) => {
    const e = thrown(() => ruleSetInForce(list, date));
    expect(e).toBeInstanceOf(DomainInputError);
    expect((e as DomainInputError).field).toBe(field);
    expect((e as DomainInputError).message).toMatch(/geen geldige datum/);
  });
});
