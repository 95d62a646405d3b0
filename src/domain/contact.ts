// The no-contact signal (issue 21; seed 003 L2216-2218: "Als er een week geen contact is, gaan de alarmbellen
// eigenlijk al af"). Pure: "today" is a parameter of the caller's comparison, the dates are yyyy-MM-dd.
import { addDays } from 'date-fns';
import { toDate, toIso } from './dates.js';
import { DomainInputError } from './errors.js';
import type { Doelgroep, GeneralRules } from './rules.js';

/** The days without contact after which the signal shows: the smaller of the doelgroep's and the phase's. */
export function noContactDaysFor(rules: GeneralRules, doelgroep: Doelgroep, pipSet: boolean): number {
  const byDoelgroep = rules.noContactDays.byDoelgroep[doelgroep];
  if (byDoelgroep === undefined) throw new DomainInputError('doelgroep', `Doelgroep: onbekende doelgroep '${String(doelgroep)}'.`);
  const byPhase = pipSet ? rules.noContactDays.byPhase.trajectory : rules.noContactDays.byPhase.beforePip;
  return Math.min(byDoelgroep, byPhase);
}

/**
 * The first day the no-contact signal shows: the last reached contact with the client, or for a client never
 * reached the registration, plus the days. On that day the client has gone `days` days without contact.
 */
export function contactDueOn(lastContactOn: string | null, registeredOn: string, days: number): string {
  const from = lastContactOn ?? registeredOn;
  return toIso(addDays(toDate(lastContactOn ? 'lastContactOn' : 'registeredOn', 'Datum laatste contact', from), days));
}

/** Whether the signal shows today (the same comparison as the caseload predicate `contact_due_on <= today`). */
export function isNoContactSignal(dueOn: string | null, today: string): boolean {
  return dueOn !== null && dueOn <= today;
}
