// Absence (verzuim): planned against attended hours per period, excused absence left out.
// Source: seed 001 L2934-2940 (signal above 30% for B1 and Z, above 20% for the onderwijsroute).
import { addMonths, format, parseISO } from 'date-fns';
import { assertDate } from './dates.js';
import { DomainInputError, formatHours } from './errors.js';
import type { GeneralRules } from './rules.js';
import type { Route } from './types.js';

export interface AbsenceInput {
  planned: number; // planned hours in the period (only hour entries that carry planned hours)
  attended: number; // attended hours of those same entries
  excused: number; // excused absence hours (ziekte, kinderopvang, ...) in the period
}

export type ExcusedReasonKind = 'ZIEKTE' | 'KINDEROPVANG' | 'GEZINSHERENIGING' | 'OVERIG';
export const EXCUSED_REASON_KINDS = ['ZIEKTE', 'KINDEROPVANG', 'GEZINSHERENIGING', 'OVERIG'] as const;
export const EXCUSED_REASON_LABELS: Record<ExcusedReasonKind, string> = {
  ZIEKTE: 'Ziekte',
  KINDEROPVANG: 'Geen kinderopvang',
  GEZINSHERENIGING: 'Gezinshereniging',
  OVERIG: 'Andere reden',
};

function assertHours(field: string, label: string, n: unknown): asserts n is number {
  if (typeof n !== 'number' || !Number.isFinite(n)) {
    throw new DomainInputError(field, `${label}: geen geldig aantal uren (nu: ${String(n)}).`);
  }
  if (n < 0) throw new DomainInputError(field, `${label}: mag niet negatief zijn (nu: ${formatHours(n)}).`);
}

/**
 * Unexcused absence as a percentage of the planned hours: (planned − attended − excused) / planned × 100,
 * never below 0, rounded to one decimal (so 30% stays exactly 30.0 and does not pass a 30% threshold
 * through a rounding error). Returns null when nothing was planned: no percentage without a plan.
 */
export function absencePercentage(input: AbsenceInput): number | null {
  assertHours('planned', 'Geplande uren', input.planned);
  assertHours('attended', 'Aanwezige uren', input.attended);
  assertHours('excused', 'Geoorloofd afwezige uren', input.excused);
  if (input.attended > input.planned) {
    throw new DomainInputError(
      'attended',
      `Aanwezige uren (${formatHours(input.attended)}) kunnen niet meer zijn dan de geplande uren (${formatHours(input.planned)}).`,
    );
  }
  if (input.planned === 0) return null;
  const absent = Math.max(0, input.planned - input.attended - input.excused);
  return Math.round((absent / input.planned) * 1000) / 10;
}

/** True when the percentage is above (not at) the route's threshold. */
export function isAbsenceSignal(pct: number | null, route: Route | null, general: Pick<GeneralRules, 'absenceThresholdPct'>): boolean {
  if (pct === null || route === null) return false;
  return pct > general.absenceThresholdPct[route];
}

/** The calendar months ('yyyy-MM') of the last `count` months up to and including the month of `today`, oldest first. */
export function lastMonths(today: string, count: number): string[] {
  assertDate('today', 'Datum', today);
  if (!Number.isInteger(count) || count < 1) throw new DomainInputError('count', 'Aantal maanden: moet minimaal 1 zijn.');
  const d = parseISO(today);
  const months: string[] = [];
  for (let i = count - 1; i >= 0; i -= 1) months.push(format(addMonths(d, -i), 'yyyy-MM'));
  return months;
}

export interface PeriodHours {
  period: string; // 'yyyy-MM'
  planned: number;
  attended: number;
  excused: number;
}

export interface PeriodAbsence extends PeriodHours {
  pct: number | null;
  threshold: number | null;
  signal: boolean;
}

/** The absence per period with its signal; periods without data get zeros and no percentage. */
export function absenceByPeriod(
  periods: string[],
  hours: PeriodHours[],
  route: Route | null,
  general: Pick<GeneralRules, 'absenceThresholdPct'>,
): PeriodAbsence[] {
  return periods.map((period) => {
    const h = hours.find((x) => x.period === period) ?? { period, planned: 0, attended: 0, excused: 0 };
    const pct = absencePercentage(h);
    return {
      ...h,
      pct,
      threshold: route ? general.absenceThresholdPct[route] : null,
      signal: isAbsenceSignal(pct, route, general),
    };
  });
}

/** Months looked at for the caseload's absence signal: the current month and the one before. */
export const CURRENT_ABSENCE_MONTHS = 2;

/**
 * The absence that counts for the caseload signal: the most recent of the periods (oldest first) that has a
 * percentage, i.e. where hours were planned. A month without a plan neither raises nor clears the signal of
 * the month before; with no plan in any of the periods there is no current absence.
 */
export function currentAbsence(periods: PeriodAbsence[]): PeriodAbsence | null {
  for (let i = periods.length - 1; i >= 0; i -= 1) {
    if (periods[i]!.pct !== null) return periods[i]!;
  }
  return null;
}
