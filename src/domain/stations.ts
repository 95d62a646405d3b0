// Stations of a trajectory (Rotterdam's "stations", seed 002) and the lead times between them. Pure: the dates
// come from client_status, "today" and the waiting limits are parameters.
import { addDays, formatISO, parseISO } from 'date-fns';

export const STATIONS = [
  'LINKED',
  'FIRST_CONTACT',
  'INTAKE_STARTED',
  'LEERBAARHEID',
  'INTAKE_COMPLETED',
  'ROUTE_CHOSEN',
  'PIP_SET',
  'FIRST_HOURS',
  'FIRST_PLACEMENT',
  'PRE_END',
  'END',
] as const;
export type Station = (typeof STATIONS)[number];

export const STATION_LABELS: Record<Station, string> = {
  LINKED: 'Aanmelding (koppeling)',
  FIRST_CONTACT: 'Eerste contact',
  INTAKE_STARTED: 'Intake gestart',
  LEERBAARHEID: 'Leerbaarheidstoets',
  INTAKE_COMPLETED: 'Intake afgerond',
  ROUTE_CHOSEN: 'Route gekozen',
  PIP_SET: 'PIP vastgesteld',
  FIRST_HOURS: 'Eerste uren',
  FIRST_PLACEMENT: 'Eerste participatieplaats',
  PRE_END: 'Pre-eindgesprek',
  END: 'Eindgesprek',
};

/** The dates each station was reached (null: not yet). */
export type StationDates = Record<Station, string | null>;

/**
 * The steps whose lead time is measured: from one station to the next one on the main path. A client waits
 * on a step when its `from` station is reached and its `to` station is not. The leerbaarheidstoets, the
 * participation place and the end conversations are not taken by every client on a fixed moment: they are
 * shown on the bar but nobody "waits" for them.
 */
export const LEAD_STEPS = ['FIRST_CONTACT', 'INTAKE_STARTED', 'INTAKE_COMPLETED', 'ROUTE_CHOSEN', 'PIP_SET', 'FIRST_HOURS'] as const;
export type LeadStep = (typeof LEAD_STEPS)[number];
export const LEAD_STEP_FROM: Record<LeadStep, Station> = {
  FIRST_CONTACT: 'LINKED',
  INTAKE_STARTED: 'FIRST_CONTACT',
  INTAKE_COMPLETED: 'INTAKE_STARTED',
  ROUTE_CHOSEN: 'INTAKE_COMPLETED',
  PIP_SET: 'ROUTE_CHOSEN',
  FIRST_HOURS: 'PIP_SET',
};
export const LEAD_STEP_LABELS: Record<LeadStep, string> = {
  FIRST_CONTACT: 'Aanmelding → eerste contact',
  INTAKE_STARTED: 'Eerste contact → intake gestart',
  INTAKE_COMPLETED: 'Intake gestart → intake afgerond',
  ROUTE_CHOSEN: 'Intake afgerond → route gekozen',
  PIP_SET: 'Route gekozen → PIP vastgesteld',
  FIRST_HOURS: 'PIP vastgesteld → eerste uren',
};

/** Days a client may wait on each step before it is a signal. */
export type WaitLimits = Record<LeadStep, number>;

/** Whole days from one ISO date (yyyy-MM-dd) to another, as `differenceInCalendarDays`, without parsing to local time (the team pages take it for every client). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

const dayNumber = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;

/**
 * The step a client waits on: the first step of the main path whose `to` station is not reached while its
 * `from` station is. A client who reached a later station of the main path does not wait on an earlier one
 * (the station was skipped, e.g. no contact attempt registered before the intake). Closed clients wait on nothing.
 */
export function waitingStep(d: StationDates, closed: boolean): LeadStep | null {
  if (closed) return null;
  for (let i = 0; i < LEAD_STEPS.length; i++) {
    const step = LEAD_STEPS[i] as LeadStep;
    if (d[step] !== null) continue;
    if (LEAD_STEPS.slice(i + 1).some((later) => d[later] !== null)) continue;
    return d[LEAD_STEP_FROM[step]] !== null ? step : null;
  }
  return null;
}

/**
 * A waiting client is over the limit when more than `limit` days have passed since the `from` station: from the
 * returned day on (since + limit + 1). Kept in client_status (waiting_too_long_on) when the status is computed,
 * with the limit in force that day; the signal is the predicate `waiting_too_long_on <= today` (SIGNAL_SQL.WAITING),
 * which the caseload, the dossier's stations bar and the team's stations page all read.
 */
export function waitingTooLongFrom(since: string, limit: number): string {
  return formatISO(addDays(parseISO(since), limit + 1), { representation: 'date' });
}

/** Where a client waits, as kept in client_status: the step, since when, its limit and the signal's verdict. */
export interface WaitState {
  step: LeadStep;
  since: string;
  limit: number;
  tooLong: boolean;
}

export interface BarItem {
  station: Station;
  label: string;
  state: 'done' | 'waiting' | 'open' | 'skipped';
  date: string | null;
  /** Only for the station the client waits for: days since the previous station and whether that is too long. */
  waitedDays: number | null;
  tooLong: boolean;
  limit: number | null;
}

/**
 * The stations bar of one client: what is done, where the client waits and for how long. Where the client waits
 * and whether that is too long come from client_status (`wait`, the WAITING signal), not from a second computation.
 */
export function stationsBar(d: StationDates, today: string, wait: WaitState | null): BarItem[] {
  const lastDone = STATIONS.reduce((last, s, i) => (d[s] !== null ? i : last), -1);
  return STATIONS.map((station, i) => {
    const date = d[station];
    if (date !== null) return { station, label: STATION_LABELS[station], state: 'done', date, waitedDays: null, tooLong: false, limit: null };
    if (wait && station === wait.step) {
      return { station, label: STATION_LABELS[station], state: 'waiting', date: null, waitedDays: daysBetween(wait.since, today), tooLong: wait.tooLong, limit: wait.limit };
    }
    return { station, label: STATION_LABELS[station], state: i < lastDone ? 'skipped' : 'open', date: null, waitedDays: null, tooLong: false, limit: null };
  });
}

/** Median and 90th percentile (nearest rank) of a list of numbers; null when empty. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const v = [...values].sort((a, b) => a - b);
  if (p === 50) {
    const mid = Math.floor(v.length / 2);
    return v.length % 2 ? (v[mid] as number) : ((v[mid - 1] as number) + (v[mid] as number)) / 2;
  }
  const rank = Math.ceil((p / 100) * v.length);
  return v[Math.max(0, rank - 1)] as number;
}
