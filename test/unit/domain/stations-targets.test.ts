import { differenceInCalendarDays, parseISO } from 'date-fns';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TARGETS,
  lightOf,
  percentile,
  type StationDates,
  stationsBar,
  shareOf,
  targetSetSchema,
  targetFor,
  targetsInForce,
  waitingStep,
  waitingTooLongFrom,
} from '../../../src/domain/index.js';
import { daysBetween } from '../../../src/domain/stations.js';

const none: StationDates = {
  LINKED: null,
  FIRST_CONTACT: null,
  INTAKE_STARTED: null,
  LEERBAARHEID: null,
  INTAKE_COMPLETED: null,
  ROUTE_CHOSEN: null,
  PIP_SET: null,
  FIRST_HOURS: null,
  FIRST_PLACEMENT: null,
  PRE_END: null,
  END: null,
};
const limits = DEFAULT_TARGETS.waitDays; // FIRST_CONTACT 14, INTAKE_STARTED 28, ..., PIP_SET 28

describe('stations: where a client waits', () => {
  it('waits on the first step whose previous station is reached', () => {
    expect(waitingStep({ ...none, LINKED: '2026-01-01' }, false)).toBe('FIRST_CONTACT');
    expect(waitingStep({ ...none, LINKED: '2026-01-01', FIRST_CONTACT: '2026-01-05' }, false)).toBe('INTAKE_STARTED');
    expect(waitingStep({ ...none, LINKED: '2026-01-01', FIRST_CONTACT: '2026-01-05', INTAKE_STARTED: '2026-01-10', INTAKE_COMPLETED: '2026-02-01', ROUTE_CHOSEN: '2026-02-05' }, false)).toBe('PIP_SET');
  });
  it('does not wait on a skipped station, nor after the first hours, nor when closed', () => {
    // Intake started without a registered contact: waiting on the intake's completion, not on the contact.
    expect(waitingStep({ ...none, LINKED: '2026-01-01', INTAKE_STARTED: '2026-01-10' }, false)).toBe('INTAKE_COMPLETED');
    const all = { ...none, LINKED: 'a', FIRST_CONTACT: 'b', INTAKE_STARTED: 'c', INTAKE_COMPLETED: 'd', ROUTE_CHOSEN: 'e', PIP_SET: 'f', FIRST_HOURS: 'g' };
    expect(waitingStep(all, false)).toBeNull();
    expect(waitingStep({ ...none, LINKED: '2026-01-01' }, true)).toBeNull();
  });
  it('the waiting signal: on the limit is not too long, one day past it is (the first day over the limit)', () => {
    // Waiting for the PIP since the route choice of 2026-03-01, limit 28 days: 2026-03-29 is day 28 (on the
    // limit), 2026-03-30 day 29. The signal itself is SIGNAL_SQL.WAITING on this date (test/app/stations.test.ts).
    expect(limits.PIP_SET).toBe(28);
    expect(waitingTooLongFrom('2026-03-01', limits.PIP_SET)).toBe('2026-03-30');
    expect(waitingTooLongFrom('2026-11-09', limits.ROUTE_CHOSEN)).toBe('2026-11-24'); // 14 days: day 15
    expect(waitingTooLongFrom('2026-12-31', 1)).toBe('2027-01-02');
  });
  it('the bar marks done, waiting, skipped and open stations; the wait and its verdict come from the status', () => {
    const d = { ...none, LINKED: '2026-01-01', INTAKE_STARTED: '2026-01-10' };
    expect(waitingStep(d, false)).toBe('INTAKE_COMPLETED');
    const wait = { step: 'INTAKE_COMPLETED' as const, since: '2026-01-10', limit: 42, tooLong: false };
    const bar = stationsBar(d, '2026-01-20', wait);
    expect(bar.map((s) => s.state)).toEqual(['done', 'skipped', 'done', 'open', 'waiting', 'open', 'open', 'open', 'open', 'open', 'open']);
    expect(bar[4]).toMatchObject({ station: 'INTAKE_COMPLETED', waitedDays: 10, limit: 42, tooLong: false });
    expect(stationsBar(d, '2026-03-01', { ...wait, tooLong: true })[4]).toMatchObject({ waitedDays: 50, tooLong: true });
    expect(stationsBar(d, '2026-01-20', null).map((s) => s.state)).not.toContain('waiting');
  });
});

describe('lead time statistics', () => {
  it('median and 90th percentile (nearest rank)', () => {
    const ten = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    expect(percentile(ten, 50)).toBe(5.5);
    expect(percentile(ten, 90)).toBe(9);
    expect(percentile([...ten, 100], 90)).toBe(10);
    expect(percentile([...ten, 100], 50)).toBe(6);
    expect(percentile([], 90)).toBeNull();
  });
});

describe('targets', () => {
  it('the light: on the target green, one point under orange, at the margin still orange, below it red', () => {
    expect(lightOf(80, 80)).toBe('green');
    expect(lightOf(79, 80)).toBe('orange');
    expect(lightOf(70, 80)).toBe('orange');
    expect(lightOf(69, 80)).toBe('red');
    expect(lightOf(null, 80)).toBe('none');
  });
  it('a share is rounded down so that just under the target is never shown as on it', () => {
    expect(shareOf(199, 250)).toBe(79); // 79.6%
    expect(lightOf(shareOf(199, 250), 80)).toBe('orange');
    expect(shareOf(4, 5)).toBe(80);
    expect(shareOf(0, 0)).toBeNull();
  });
  it('the version in force: the latest effective on or before the date, else the defaults', () => {
    const v = (id: number, effectiveFrom: string, intakeStartedPct: number) => ({ id, effectiveFrom, targets: { ...DEFAULT_TARGETS, intakeStartedPct } });
    const versions = [v(1, '2026-01-01', 70), v(2, '2026-07-01', 85)];
    expect(targetsInForce(versions, '2025-12-31').intakeStartedPct).toBe(80);
    expect(targetsInForce(versions, '2026-06-30').intakeStartedPct).toBe(70);
    expect(targetsInForce(versions, '2026-07-01').intakeStartedPct).toBe(85);
  });
  it("a route's own target replaces the general one for that route only; the intake has no route", () => {
    const t = { ...DEFAULT_TARGETS, byRoute: { B1: {}, ONDERWIJS: {}, Z: { PLACEMENT: 60 } } };
    expect(targetFor(t, 'PLACEMENT', 'Z')).toBe(60);
    expect(targetFor(t, 'PLACEMENT', 'B1')).toBe(40);
    expect(targetFor(t, 'PLACEMENT')).toBe(40);
    expect(targetFor(t, 'INTAKE_STARTED', 'Z')).toBe(80);
    // A version stored before there were route targets reads as none.
    const { byRoute: _, ...old } = DEFAULT_TARGETS;
    expect(targetSetSchema.parse(old).byRoute).toEqual({ B1: {}, ONDERWIJS: {}, Z: {} });
  });
  it('validates a target set (percent 0–100, limits at least a day)', () => {
    expect(targetSetSchema.safeParse(DEFAULT_TARGETS).success).toBe(true);
    expect(targetSetSchema.safeParse({ ...DEFAULT_TARGETS, pipOnTimePct: 101 }).success).toBe(false);
    expect(targetSetSchema.safeParse({ ...DEFAULT_TARGETS, waitDays: { ...DEFAULT_TARGETS.waitDays, PIP_SET: 0 } }).success).toBe(false);
  });
});

describe('plusMonths (the placement figure) counts months as date-fns addMonths does', () => {
  it('keeps the day, or takes the last day of a shorter month', async () => {
    const { addMonths, formatISO, parseISO } = await import('date-fns');
    const { plusMonths } = await import('../../../src/domain/targets.js');
    for (const [d, n] of [['2025-12-31', 6], ['2025-12-30', 6], ['2024-08-31', 6], ['2026-01-31', 1], ['2026-05-15', 12], ['2026-11-30', 3]] as const) {
      expect(plusMonths(d, n)).toBe(formatISO(addMonths(parseISO(d), n), { representation: 'date' }));
    }
    expect(plusMonths('2025-12-31', 6)).toBe('2026-06-30');
  });
});

describe('daysBetween', () => {
  it('counts calendar days as date-fns does, over month ends, leap days and the change to summer time', () => {
    const pairs: [string, string][] = [
      ['2026-03-28', '2026-03-30'],
      ['2026-10-24', '2026-10-26'],
      ['2024-02-28', '2024-03-01'],
      ['2025-12-31', '2026-01-01'],
      ['2026-11-24', '2026-01-10'],
      ['2020-01-01', '2026-11-24'],
    ];
    for (const [a, b] of pairs) expect(daysBetween(a, b), `${a} ${b}`).toBe(differenceInCalendarDays(parseISO(b), parseISO(a)));
  });
});
