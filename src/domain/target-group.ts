// Target-group facts (issue 21; seed 003): who has an uitkering under the Participatiewet (the lever and the
// obligations differ), who is laaggeletterd in the own language, the ondertussengroep, the jongeren. Pure.
import { addYears } from 'date-fns';
import { toDate, toIso } from './dates.js';
import type { Doelgroep } from './rules.js';

export const TARGET_GROUPS = ['PW_UITKERING', 'LAAGGELETTERD', 'ONDERTUSSENGROEP', 'JONGERE', 'GEZINSMIGRANT_ZONDER_UITKERING'] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

export const TARGET_GROUP_LABELS: Record<TargetGroup, string> = {
  PW_UITKERING: 'Uitkering Participatiewet',
  LAAGGELETTERD: 'Analfabeet of laaggeletterd in eigen taal',
  ONDERTUSSENGROEP: 'Ondertussengroep (oude wet)',
  JONGERE: 'Jongere (onder 27)',
  GEZINSMIGRANT_ZONDER_UITKERING: 'Gezinsmigrant zonder uitkering',
};

/** Under this age a client is a jongere (the onderwijsroute's and the Participatiewet's age line). */
export const JONGERE_MAX_AGE = 27;

/** The first birth date that is still a jongere on `today` (born after this date minus one day). */
export function jongereBornAfter(today: string): string {
  return toIso(addYears(toDate('today', 'Datum', today), -JONGERE_MAX_AGE));
}

/** Under 27 on `today`: the 27th birthday is after today. */
export function isJongere(birthDate: string, today: string): boolean {
  return birthDate > jongereBornAfter(today);
}

/** A gezinsmigrant without a Participatiewet uitkering: enforcement has no lever in the uitkering. */
export function hasNoUitkeringLever(doelgroep: Doelgroep, pwUitkering: boolean | null): boolean {
  return doelgroep === 'GEZINSMIGRANT' && pwUitkering === false;
}
