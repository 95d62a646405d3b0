import { addDays, addMonths, addWeeks } from 'date-fns';
import { toDate, toIso } from './dates.js';
import { DomainInputError, formatHours } from './errors.js';
import type { Doelgroep, GeneralRules } from './rules.js';
import type { ZRouteRules } from './types.js';
import { assertHours, assertSubstitution } from './z-route.js';

/** End of the inburgeringstermijn: PIP date + termijnMonths + the sum of the extensions (DOMAIN.md "Aanmelding", "PIP"). */
export function termijnEnd(pipDate: string, extensionMonths: number[], rules: GeneralRules): string {
  const start = toDate('pipDate', 'Datum PIP', pipDate);
  let total = rules.termijnMonths;
  extensionMonths.forEach((m, i) => {
    if (typeof m !== 'number' || !Number.isInteger(m) || m <= 0) {
      throw new DomainInputError(
        `extensionMonths[${i}]`,
        `Verlenging: vul een positief aantal hele maanden in (nu: ${String(m)}).`,
      );
    }
    total += m;
  });
  return toIso(addMonths(start, total));
}

/** Next voortgangsgesprek: the last conversation (else the PIP date) + the interval for the doelgroep; null if neither date is known. */
export function nextConversationDue(
  lastConversationDate: string | null,
  pipDate: string | null,
  doelgroep: Doelgroep,
  rules: GeneralRules,
): string | null {
  const interval = rules.conversationIntervalMonths[doelgroep];
  if (interval === undefined) {
    throw new DomainInputError('doelgroep', `Doelgroep: onbekende doelgroep '${String(doelgroep)}'.`);
  }
  if (lastConversationDate !== null) {
    return toIso(addMonths(toDate('lastConversationDate', 'Datum laatste gesprek', lastConversationDate), interval));
  }
  if (pipDate !== null) {
    return toIso(addMonths(toDate('pipDate', 'Datum PIP', pipDate), interval));
  }
  return null;
}

/** The date by which the PIP should be set: start + pipDeadlineWeeks (DOMAIN.md "PIP deadline"). */
export function pipDueDate(startDate: string, rules: GeneralRules): string {
  return toIso(addWeeks(toDate('startDate', 'Startdatum', startDate), rules.pipDeadlineWeeks));
}

export interface NormProgress {
  code: 'LANGUAGE_HOURS' | 'PARTICIPATION_HOURS';
  required: number;
  actual: number;
  /** Hours registered in the last windowWeeks weeks. */
  hoursInWindow: number;
}

export interface NormForecast {
  code: NormProgress['code'];
  reached: boolean;
  /** Today when reached; null when there is no pace. */
  expectedDate: string | null;
  beforeTermijnEnd: boolean;
}

/**
 * Forecast per hour norm from the pace of the last windowWeeks weeks.
 * pace = hoursInWindow / windowWeeks per week; expectedDate = today + ceil(remaining / pace * 7) days.
 * A reached norm has expectedDate today. beforeTermijnEnd is true when expectedDate is on or before
 * termijnEnd, or when there is no termijnEnd and expectedDate is known.
 * atRisk: some norm not reached and its expectedDate is null or after termijnEnd; never without a termijnEnd.
 */
export function forecast(input: {
  today: string;
  termijnEnd: string | null;
  windowWeeks: number;
  norms: NormProgress[];
}): { norms: NormForecast[]; atRisk: boolean } {
  const today = toDate('today', 'Datum vandaag', input.today);
  const end = input.termijnEnd;
  if (end !== null) toDate('termijnEnd', 'Einde termijn', end);
  const { windowWeeks } = input;
  if (typeof windowWeeks !== 'number' || !Number.isFinite(windowWeeks) || windowWeeks <= 0) {
    throw new DomainInputError(
      'windowWeeks',
      `Aantal weken voor de prognose: moet meer dan 0 zijn (nu: ${String(windowWeeks)}).`,
    );
  }
  const norms = input.norms.map((n, i): NormForecast => {
    assertHours(`norms[${i}].required`, 'Urennorm', n.required);
    assertHours(`norms[${i}].actual`, 'Gerealiseerde uren', n.actual);
    assertHours(`norms[${i}].hoursInWindow`, 'Uren in de afgelopen weken', n.hoursInWindow);
    if (n.hoursInWindow > n.actual) {
      throw new DomainInputError(
        `norms[${i}].hoursInWindow`,
        `Uren in de afgelopen weken (${formatHours(n.hoursInWindow)}) kunnen niet meer zijn dan het totaal (${formatHours(n.actual)}).`,
      );
    }
    const reached = n.actual >= n.required;
    let expectedDate: string | null;
    if (reached) {
      expectedDate = input.today;
    } else if (n.hoursInWindow === 0) {
      expectedDate = null;
    } else {
      const remaining = n.required - n.actual;
      // remaining / (hoursInWindow / windowWeeks) * 7, arranged to limit floating point error.
      const days = Math.ceil((remaining * 7 * windowWeeks) / n.hoursInWindow - 1e-9);
      expectedDate = toIso(addDays(today, days));
    }
    const beforeTermijnEnd = expectedDate !== null && (end === null || expectedDate <= end);
    return { code: n.code, reached, expectedDate, beforeTermijnEnd };
  });
  const atRisk = end !== null && norms.some((n) => !n.reached && !n.beforeTermijnEnd);
  return { norms, atRisk };
}

/** Z-route hour norms for the eindgesprek with substitution S (seed 000, "Let op: voor werkenden in de z-route"). */
export function zRouteNorms(
  substitutionHours: number,
  rules: ZRouteRules,
): { languageHours: number; participationHours: number; paidWorkHours: number } {
  const s = assertSubstitution('Z', substitutionHours, rules);
  return {
    languageHours: rules.end.languageHours - s,
    participationHours: rules.end.participationHours + s,
    paidWorkHours: s,
  };
}
