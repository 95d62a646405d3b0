import { describe, expect, it } from 'vitest';
import {
  type CalendarRules,
  DEFAULT_CALENDAR_RULES,
  DEFAULT_RULE_SET,
  DomainInputError,
  firstOpenMilestoneDue,
  type Milestone,
  type MilestoneCode,
  type MilestoneFacts,
  invitationTooLate,
  milestones,
  noShowStreak,
  parseRuleSet,
} from '../../../src/domain/index.js';

const rules = DEFAULT_CALENDAR_RULES;

const facts = (over: Partial<MilestoneFacts> = {}): MilestoneFacts => ({
  doelgroep: 'GEZINSMIGRANT',
  route: 'B1',
  pipDate: '2025-03-03',
  pvtCompletedOn: null,
  mapCompletedOn: null,
  mapExempt: false,
  mapRegisteredOn: null,
  mapEarlyReason: null,
  a2SpeakingListeningOn: null,
  year3CheckOn: null,
  preEndHeldOn: null,
  endHeldOn: null,
  conversationDates: [],
  ...over,
});

const one = (code: MilestoneCode, f: MilestoneFacts, today: string, r: CalendarRules = rules): Milestone | undefined =>
  milestones(f, r, today).find((m) => m.code === code);
const statusOn = (code: MilestoneCode, f: MilestoneFacts, today: string, r: CalendarRules = rules) => one(code, f, today, r)?.status;

describe('milestones (default rules, boundary dates)', () => {
  it('PVT: completed within 12 months of the PIP; due on the date, overdue the day after', () => {
    const f = facts();
    expect(one('PVT_COMPLETED', f, '2026-03-02')).toMatchObject({ status: 'DUE', dueOn: '2026-03-03' });
    expect(statusOn('PVT_COMPLETED', f, '2026-03-03')).toBe('DUE');
    expect(statusOn('PVT_COMPLETED', f, '2026-03-04')).toBe('OVERDUE');
    expect(one('PVT_COMPLETED', facts({ pvtCompletedOn: '2026-02-01' }), '2026-03-04')).toMatchObject({ status: 'DONE', doneOn: '2026-02-01' });
  });

  it('PVT with an admin change (9 months) moves the boundary', () => {
    const r = { ...rules, pvtMonths: 9 };
    expect(statusOn('PVT_COMPLETED', facts(), '2025-12-03', r)).toBe('DUE');
    expect(statusOn('PVT_COMPLETED', facts(), '2025-12-04', r)).toBe('OVERDUE');
  });

  it('MAP registration: not before A2 speaking and listening, at the latest 18 months after the PIP', () => {
    const waiting = one('MAP_REGISTERED', facts(), '2026-09-02')!;
    expect(waiting).toMatchObject({ status: 'UPCOMING', dueOn: '2026-09-03' });
    expect(waiting.note).toContain('A2');
    expect(statusOn('MAP_REGISTERED', facts(), '2026-09-03')).toBe('DUE');
    expect(statusOn('MAP_REGISTERED', facts(), '2026-09-04')).toBe('OVERDUE');
    const a2 = facts({ a2SpeakingListeningOn: '2025-10-01' });
    expect(statusOn('MAP_REGISTERED', a2, '2025-09-30')).toBe('UPCOMING');
    expect(one('MAP_REGISTERED', a2, '2025-10-01')).toMatchObject({ status: 'DUE', fromOn: '2025-10-01' });
    const early = one('MAP_REGISTERED', facts({ mapRegisteredOn: '2025-05-01', mapEarlyReason: 'spreekt al goed Nederlands' }), '2025-06-01')!;
    expect(early).toMatchObject({ status: 'DONE', doneOn: '2025-05-01' });
    expect(early.note).toContain('spreekt al goed Nederlands');
  });

  it('MAP registration with an admin change (12 months)', () => {
    const r = { ...rules, mapRegistrationLatestMonths: 12 };
    expect(statusOn('MAP_REGISTERED', facts(), '2026-03-03', r)).toBe('DUE');
    expect(statusOn('MAP_REGISTERED', facts(), '2026-03-04', r)).toBe('OVERDUE');
  });

  it('MAP completed within 12 months of the registration; waiting without a registration; n/a with an exemption', () => {
    expect(statusOn('MAP_COMPLETED', facts(), '2030-01-01')).toBe('WAITING');
    const reg = facts({ mapRegisteredOn: '2025-11-10' });
    expect(statusOn('MAP_COMPLETED', reg, '2026-11-09')).toBe('DUE');
    expect(statusOn('MAP_COMPLETED', reg, '2026-11-10')).toBe('DUE');
    expect(statusOn('MAP_COMPLETED', reg, '2026-11-11')).toBe('OVERDUE');
    expect(statusOn('MAP_COMPLETED', facts({ mapExempt: true }), '2030-01-01')).toBe('NOT_APPLICABLE');
    expect(statusOn('MAP_REGISTERED', facts({ mapExempt: true }), '2030-01-01')).toBe('NOT_APPLICABLE');
  });

  it('year-3 check: in the first quarter of year 3 (24 to 27 months after the PIP)', () => {
    expect(statusOn('YEAR3_CHECK', facts(), '2027-03-02')).toBe('UPCOMING');
    expect(one('YEAR3_CHECK', facts(), '2027-03-03')).toMatchObject({ status: 'DUE', fromOn: '2027-03-03', dueOn: '2027-06-03' });
    expect(statusOn('YEAR3_CHECK', facts(), '2027-06-03')).toBe('DUE');
    expect(statusOn('YEAR3_CHECK', facts(), '2027-06-04')).toBe('OVERDUE');
    expect(statusOn('YEAR3_CHECK', facts({ year3CheckOn: '2027-04-01' }), '2027-06-04')).toBe('DONE');
  });

  it('eindgesprek expected 6 to 8 months after the pre-eindgesprek (Z-route)', () => {
    const z = facts({ route: 'Z', preEndHeldOn: '2026-01-15' });
    expect(statusOn('END_AFTER_PRE_END', facts({ route: 'Z' }), '2026-01-01')).toBe('WAITING');
    expect(statusOn('END_AFTER_PRE_END', z, '2026-07-14')).toBe('UPCOMING');
    expect(statusOn('END_AFTER_PRE_END', z, '2026-07-15')).toBe('DUE');
    expect(statusOn('END_AFTER_PRE_END', z, '2026-09-15')).toBe('DUE');
    expect(statusOn('END_AFTER_PRE_END', z, '2026-09-16')).toBe('OVERDUE');
    expect(statusOn('END_AFTER_PRE_END', { ...z, endHeldOn: '2026-08-01' }, '2026-09-16')).toBe('DONE');
    expect(one('END_AFTER_PRE_END', facts({ route: 'B1' }), '2026-01-01')).toBeUndefined();
  });

  it('eindgesprek timing with an admin change (4 to 5 months)', () => {
    const z = facts({ route: 'Z', preEndHeldOn: '2026-01-15' });
    const r = { ...rules, endAfterPreEndFromMonths: 4, endAfterPreEndByMonths: 5 };
    expect(statusOn('END_AFTER_PRE_END', z, '2026-05-14', r)).toBe('UPCOMING');
    expect(statusOn('END_AFTER_PRE_END', z, '2026-06-15', r)).toBe('DUE');
    expect(statusOn('END_AFTER_PRE_END', z, '2026-06-16', r)).toBe('OVERDUE');
  });

  it('year-1 conversations per doelgroep: 2 for a gezinsmigrant, 3 for an asielstatushouder, within 12 months of the PIP', () => {
    const two = facts({ conversationDates: ['2025-06-03', '2026-03-03', '2026-03-04'] });
    expect(one('YEAR1_CONVERSATIONS', two, '2026-03-04')).toMatchObject({ status: 'DONE', doneOn: '2026-03-03' });
    const late = facts({ conversationDates: ['2025-06-03', '2026-03-04'] });
    expect(one('YEAR1_CONVERSATIONS', late, '2026-03-03')).toMatchObject({ status: 'DUE', note: '1 van 2 gesprekken' });
    expect(statusOn('YEAR1_CONVERSATIONS', late, '2026-03-04')).toBe('OVERDUE');
    expect(statusOn('YEAR1_CONVERSATIONS', { ...two, doelgroep: 'ASIELSTATUSHOUDER' }, '2026-03-04')).toBe('OVERDUE');
    const none = { ...rules, year1Conversations: { ...rules.year1Conversations, GEZINSMIGRANT: 0 } };
    expect(statusOn('YEAR1_CONVERSATIONS', late, '2026-03-04', none)).toBe('NOT_APPLICABLE');
  });

  it('without a PIP the PIP-based milestones wait and raise nothing', () => {
    const list = milestones(facts({ pipDate: null }), rules, '2030-01-01');
    expect(list.every((m) => m.status === 'WAITING')).toBe(true);
    expect(firstOpenMilestoneDue(list)).toBeNull();
  });

  it('firstOpenMilestoneDue is the earliest due date of a milestone not done', () => {
    const list = milestones(facts({ pvtCompletedOn: '2025-09-01' }), rules, '2025-04-01');
    expect(firstOpenMilestoneDue(list)).toBe('2026-03-03'); // year-1 conversations (PVT is done)
  });

  it('refuses a bad date', () => {
    expect(() => milestones(facts({ pipDate: '2025-02-30' }), rules, '2026-01-01')).toThrow(DomainInputError);
  });
});

describe('appointments in the domain', () => {
  it('counts the no-shows in a row at the end', () => {
    expect(noShowStreak([])).toBe(0);
    expect(noShowStreak(['NO_SHOW', 'HELD', 'NO_SHOW'])).toBe(1);
    expect(noShowStreak(['HELD', 'NO_SHOW', 'NO_SHOW'])).toBe(2);
  });

  it('warns when an invitation goes out fewer than 14 days ahead (the day before, on, after the boundary)', () => {
    expect(invitationTooLate('2026-12-01', '2026-12-14', rules)).toBe(true); // 13 days
    expect(invitationTooLate('2026-12-01', '2026-12-15', rules)).toBe(false); // 14 days
    expect(invitationTooLate('2026-12-01', '2026-12-16', rules)).toBe(false);
    expect(invitationTooLate('2026-12-01', '2026-12-15', { ...rules, invitationMinDays: 21 })).toBe(true);
  });
});

describe('calendar rules in the rule set', () => {
  it('a version saved before the calendar rules existed reads with the defaults', () => {
    const { calendar: _omit, ...old } = DEFAULT_RULE_SET;
    const parsed = parseRuleSet(JSON.parse(JSON.stringify(old)));
    expect(parsed.ok && parsed.value.calendar).toEqual(DEFAULT_CALENDAR_RULES);
  });

  it('refuses a year-3 window that ends before it starts, in Dutch', () => {
    const parsed = parseRuleSet({ ...DEFAULT_RULE_SET, calendar: { ...DEFAULT_CALENDAR_RULES, year3CheckByMonths: 20 } });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors).toContainEqual({ path: 'calendar.year3CheckByMonths', message: expect.stringContaining('Controle jaar 3') });
  });
});
