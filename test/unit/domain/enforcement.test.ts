import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ENFORCEMENT_RULES,
  defaultImprovementEnd,
  defaultSanction,
  type EnforcementCaseFacts,
  enforcementSignal,
  isOverdue,
  nextStep,
  parseEnforcementRules,
  type RecordedStep,
  type StepKind,
  validateStep,
} from '../../../src/domain/index.js';

const rules = DEFAULT_ENFORCEMENT_RULES;
const TODAY = '2026-11-24';

function step(kind: StepKind, date: string, over: Partial<RecordedStep> = {}): RecordedStep {
  return { kind, date, skipped: false, ...over };
}

function kase(steps: RecordedStep[] = [], over: Partial<EnforcementCaseFacts> = {}): EnforcementCaseFacts {
  return { openedOn: '2026-09-01', closed: false, steps, priorFineCount: 0, ...over };
}

const throughWarning = [
  step('INFORMATIE', '2026-09-02'),
  step('GESPREK', '2026-09-10'),
  step('WAARSCHUWINGSGESPREK', '2026-10-20'),
];

describe('nextStep', () => {
  it('starts with information on rights and duties, due 14 days after opening', () => {
    expect(nextStep(kase(), rules)).toMatchObject({ kind: 'INFORMATIE', dueOn: '2026-09-15' });
  });

  it('follows the order with due dates from the rules', () => {
    expect(nextStep(kase([step('INFORMATIE', '2026-09-02')]), rules)).toMatchObject({ kind: 'GESPREK', dueOn: '2026-09-16' });
    expect(nextStep(kase(throughWarning), rules)).toMatchObject({ kind: 'HOOR_EN_WEDERHOOR', dueOn: '2026-12-01' });
  });

  it('after a verbetertermijn: close or a new hearing, due after the end date', () => {
    const c = kase([...throughWarning, step('HOOR_EN_WEDERHOOR', '2026-11-01'), step('BESLUIT', '2026-11-05', { decisionKind: 'BOETE', amount: 50 }), step('VERBETERTERMIJN', '2026-11-06', { improvementEndDate: '2026-12-18' })]);
    expect(nextStep(c, rules)).toEqual({ kind: 'AFSLUITING', alternatives: ['HOOR_EN_WEDERHOOR'], dueOn: '2026-12-25' });
  });

  it('nothing after closing', () => {
    expect(nextStep(kase([step('AFSLUITING', '2026-09-03')]), rules)).toBeNull();
    expect(nextStep(kase([], { closed: true }), rules)).toBeNull();
  });
});

describe('validateStep: order', () => {
  it('accepts the next step in order', () => {
    const r = validateStep(kase(), { kind: 'INFORMATIE', date: '2026-09-02' }, rules, TODAY);
    expect(r).toMatchObject({ ok: true, skipped: [] });
  });

  it('refuses skipping a step without a reason', () => {
    const r = validateStep(kase([step('INFORMATIE', '2026-09-02')]), { kind: 'WAARSCHUWINGSGESPREK', date: '2026-09-20' }, rules, TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors['skipReason']).toContain('gesprek over het verzuim');
  });

  it('allows skipping a step with a recorded reason and names what is skipped', () => {
    const r = validateStep(
      kase([step('INFORMATIE', '2026-09-02')]),
      { kind: 'WAARSCHUWINGSGESPREK', date: '2026-09-20', skipReason: 'Gesprek al gevoerd door de taalaanbieder' },
      rules,
      TODAY,
    );
    expect(r).toMatchObject({ ok: true, skipped: ['GESPREK'] });
  });

  it('refuses a decision without a hearing, even with a reason', () => {
    for (const skipReason of [null, 'Cliënt komt toch niet']) {
      const r = validateStep(kase(throughWarning), { kind: 'BESLUIT', date: '2026-11-01', skipReason, decisionKind: 'BOETE', amount: 50 }, rules, TODAY);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors['kind']).toContain('niet rechtmatig');
    }
  });

  it('refuses skipping the hearing on the way to a verbetertermijn', () => {
    const r = validateStep(kase(throughWarning), { kind: 'VERBETERTERMIJN', date: '2026-11-01', skipReason: 'reden' }, rules, TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors['kind']).toContain('Hoor en wederhoor kan niet worden overgeslagen');
  });

  it('a second fine needs a new hearing', () => {
    const c = kase([...throughWarning, step('HOOR_EN_WEDERHOOR', '2026-11-01'), step('BESLUIT', '2026-11-05', { decisionKind: 'BOETE', amount: 50 }), step('VERBETERTERMIJN', '2026-11-06', { improvementEndDate: '2026-11-10' })]);
    expect(validateStep(c, { kind: 'BESLUIT', date: '2026-11-20', decisionKind: 'BOETE', amount: 100 }, rules, TODAY).ok).toBe(false);
    expect(validateStep(c, { kind: 'HOOR_EN_WEDERHOOR', date: '2026-11-20' }, rules, TODAY).ok).toBe(true);
    const afterHearing = kase([...c.steps, step('HOOR_EN_WEDERHOOR', '2026-11-20')]);
    expect(validateStep(afterHearing, { kind: 'BESLUIT', date: '2026-11-21', decisionKind: 'BOETE', amount: 100 }, rules, TODAY).ok).toBe(true);
  });

  it('closing is possible after any step without a skip reason', () => {
    const r = validateStep(kase([step('INFORMATIE', '2026-09-02'), step('GESPREK', '2026-09-10')]), { kind: 'AFSLUITING', date: '2026-10-01', note: 'Komt weer' }, rules, TODAY);
    expect(r).toMatchObject({ ok: true, skipped: [] });
    const noNote = validateStep(kase(), { kind: 'AFSLUITING', date: '2026-10-01' }, rules, TODAY);
    expect(noNote.ok === false && noNote.errors['note']).toContain('waarom het traject wordt afgesloten');
  });

  it('refuses going back, a closed case, future dates and dates before the previous step', () => {
    const c = kase(throughWarning);
    const back = validateStep(c, { kind: 'GESPREK', date: '2026-11-01' }, rules, TODAY);
    expect(back.ok === false && back.errors['kind']).toContain('De volgende stap is: Hoor en wederhoor');
    const closed = validateStep(kase([], { closed: true }), { kind: 'INFORMATIE', date: '2026-09-02' }, rules, TODAY);
    expect(closed.ok === false && closed.errors['_form']).toContain('afgesloten');
    const future = validateStep(c, { kind: 'HOOR_EN_WEDERHOOR', date: '2026-11-25' }, rules, TODAY);
    expect(future.ok === false && future.errors['date']).toContain('toekomst');
    const early = validateStep(c, { kind: 'HOOR_EN_WEDERHOOR', date: '2026-10-19' }, rules, TODAY);
    expect(early.ok === false && early.errors['date']).toContain('vorige stap');
  });
});

describe('fines escalate per repeat within the client history', () => {
  it('€50, €100, €150, €250, then stopping the offer', () => {
    expect([0, 1, 2, 3, 4].map((n) => defaultSanction(n, rules))).toEqual([
      { kind: 'BOETE', amount: 50, repeat: 1 },
      { kind: 'BOETE', amount: 100, repeat: 2 },
      { kind: 'BOETE', amount: 150, repeat: 3 },
      { kind: 'BOETE', amount: 250, repeat: 4 },
      { kind: 'AANBOD_STOPPEN', amount: null, repeat: 5 },
    ]);
  });

  it('without stopping the offer the last amount repeats', () => {
    expect(defaultSanction(6, { ...rules, stopOfferAfterFines: false })).toEqual({ kind: 'BOETE', amount: 250, repeat: 7 });
  });

  const heard = [...throughWarning, step('HOOR_EN_WEDERHOOR', '2026-11-01')];

  it('counts fines of earlier cases: the third fine defaults to €150', () => {
    const r = validateStep(kase(heard, { priorFineCount: 2 }), { kind: 'BESLUIT', date: '2026-11-02', decisionKind: 'BOETE', amount: 150 }, rules, TODAY);
    expect(r).toMatchObject({ ok: true, defaultSanction: { kind: 'BOETE', amount: 150 } });
  });

  it('deviating from the default amount needs a reason', () => {
    const without = validateStep(kase(heard), { kind: 'BESLUIT', date: '2026-11-02', decisionKind: 'BOETE', amount: 75 }, rules, TODAY);
    expect(without.ok === false && without.errors['deviationReason']).toContain('€ 50');
    const withReason = validateStep(kase(heard), { kind: 'BESLUIT', date: '2026-11-02', decisionKind: 'BOETE', amount: 25, deviationReason: 'Laag inkomen' }, rules, TODAY);
    expect(withReason.ok).toBe(true);
  });

  it('a fine after four fines is a deviation from stopping the offer', () => {
    const r = validateStep(kase(heard, { priorFineCount: 4 }), { kind: 'BESLUIT', date: '2026-11-02', decisionKind: 'BOETE', amount: 250 }, rules, TODAY);
    expect(r.ok === false && r.errors['deviationReason']).toContain('aanbod stoppen');
  });

  it('no sanction needs a reason; a decision needs a kind', () => {
    const r = validateStep(kase(heard), { kind: 'BESLUIT', date: '2026-11-02', decisionKind: 'GEEN_SANCTIE' }, rules, TODAY);
    expect(r.ok === false && r.errors['decisionReason']).toContain('geen sanctie');
    const none = validateStep(kase(heard), { kind: 'BESLUIT', date: '2026-11-02' }, rules, TODAY);
    expect(none.ok === false && none.errors['decisionKind']).toBe('Kies het besluit');
  });
});

describe('verbetertermijn', () => {
  it('ends the default number of weeks after the step date', () => {
    expect(defaultImprovementEnd('2026-11-06', rules)).toBe('2026-12-18');
    const c = kase([...throughWarning, step('HOOR_EN_WEDERHOOR', '2026-11-01'), step('BESLUIT', '2026-11-05', { decisionKind: 'BOETE', amount: 50 })]);
    expect(validateStep(c, { kind: 'VERBETERTERMIJN', date: '2026-11-06' }, rules, TODAY)).toMatchObject({ ok: true, improvementEndDate: '2026-12-18' });
    const bad = validateStep(c, { kind: 'VERBETERTERMIJN', date: '2026-11-06', improvementEndDate: '2026-11-06' }, rules, TODAY);
    expect(bad.ok === false && bad.errors['improvementEndDate']).toContain('na de datum');
  });
});

describe('overdue next step (clock injected)', () => {
  const c = kase([step('INFORMATIE', '2026-09-02')]); // gesprek due 2026-09-16

  it('is on time on the due date and overdue the day after', () => {
    expect(isOverdue('2026-09-16', '2026-09-15')).toBe(false);
    expect(isOverdue('2026-09-16', '2026-09-16')).toBe(false);
    expect(isOverdue('2026-09-16', '2026-09-17')).toBe(true);
    expect(enforcementSignal(c, rules, '2026-09-16')).toMatchObject({ overdue: false, daysOverdue: 0 });
    expect(enforcementSignal(c, rules, '2026-09-17')).toMatchObject({ overdue: true, daysOverdue: 1, next: { kind: 'GESPREK' } });
  });

  it('no signal for a closed case', () => {
    expect(enforcementSignal(kase([], { closed: true }), rules, TODAY)).toBeNull();
  });
});

describe('enforcement rules schema', () => {
  it('accepts the defaults', () => {
    expect(parseEnforcementRules(DEFAULT_ENFORCEMENT_RULES).ok).toBe(true);
  });

  it('refuses falling amounts, negative days and zero weeks with Dutch messages', () => {
    const r = parseEnforcementRules({
      ...DEFAULT_ENFORCEMENT_RULES,
      fineAmounts: [50, 40],
      improvementWeeks: 0,
      dueDays: { ...DEFAULT_ENFORCEMENT_RULES.dueDays, GESPREK: -1 },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const byPath = Object.fromEntries(r.errors.map((e) => [e.path, e.message]));
      expect(byPath['fineAmounts.1']).toContain('mag niet lager zijn');
      expect(byPath['improvementWeeks']).toContain('minimaal 1 week');
      expect(byPath['dueDays.GESPREK']).toContain('niet negatief');
    }
  });
});
