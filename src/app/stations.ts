// Stations and lead times (issue 22): the stations bar of one dossier and the team's lead times per step, with
// the clients waiting longest. Cohorts and targets for the figures page are here too: one module for the
// management information that reads the station dates.
import { addMonths, addQuarters, endOfQuarter, formatISO, parseISO, startOfQuarter, subDays } from 'date-fns';
import { type StationRow, teamCohortDetails, teamCohorts, stationDatesOf, teamStationRows } from '../db/stations.js';
import { rulesInForce } from '../db/rules.js';
import { hoursForPeriod, targetsOn, teamTargetFacts } from '../db/targets.js';
import { findUserById } from '../db/users.js';
import { CLOSURE_LABELS } from '../db/closures.js';
import {
  type BarItem,
  countTargets,
  type HoursAsOf,
  daysBetween,
  type Light,
  LIGHT_LABELS,
  lightOf,
  percentile,
  type Route,
  ROUTE_LABELS,
  shareOf,
  LEAD_STEP_FROM,
  LEAD_STEP_LABELS,
  LEAD_STEPS,
  type LeadStep,
  stationsBar,
  TARGET_LABELS,
  targetFor,
  type TargetKey,
  type TargetSet,
  type WaitState,
} from '../domain/index.js';
import type { Actor } from './actor.js';
import type { Deps } from './deps.js';
import { type PeriodForm, reportPeriod } from './report-period.js';
import { forbidden } from './errors.js';
import type { FieldErrors } from './result.js';
import { keptForTeam } from '../db/team-data-version.js';

const iso = (d: Date) => formatISO(d, { representation: 'date' });
const ROUTES: readonly Route[] = ['B1', 'ONDERWIJS', 'Z'];

function teamOf(actor: Actor): number {
  const { user } = actor;
  if (user.role !== 'teamleider' || user.teamId === null) throw forbidden();
  return user.teamId;
}

/** The stations bar of a dossier (the caller has done the access check). Null before the status is computed. */
export function stationsBarFor(deps: Deps, clientId: number, today: string): BarItem[] | null {
  const row = stationDatesOf(deps.db, clientId, today);
  if (!row) return null;
  return stationsBar(row, today, waitOf(row));
}

/** The wait of a status row as the bar shows it; `tooLong` is the WAITING signal (SIGNAL_SQL), not recomputed. */
function waitOf(r: StationRow): WaitState | null {
  if (!r.waitingStep || !r.waitingSince || r.waitLimit === null) return null;
  return { step: r.waitingStep, since: r.waitingSince, limit: r.waitLimit, tooLong: r.waitingTooLong === 1 };
}

export interface StepFigures {
  step: LeadStep;
  label: string;
  /** Lead times (days) of the step completed in the period. */
  count: number;
  median: number | null;
  p90: number | null;
  waiting: number;
  waitingTooLong: number;
  limit: number;
}

export interface WaitingClient {
  clientId: number;
  name: string;
  consulent: string;
  step: LeadStep;
  label: string;
  since: string;
  days: number;
  tooLong: boolean;
}

/**
 * The team's lead time per step over [from, to] (median and 90th percentile, in days, of the steps completed in
 * the period) and who waits now (on `today`, with the waiting limits in force), longest first.
 */
export function teamLeadTimes(deps: Deps, teamId: number, from: string, to: string, today: string) {
  return keptForTeam(deps.db, teamId, `lead|${from}|${to}|${today}`, () => computeLeadTimes(deps, teamId, from, to, today));
}

function computeLeadTimes(deps: Deps, teamId: number, from: string, to: string, today: string) {
  const limits = targetsOn(deps.db, today).waitDays;
  const rows = teamStationRows(deps.db, teamId, today);
  const times = new Map<LeadStep, number[]>(LEAD_STEPS.map((s) => [s, []]));
  const waitingCount = new Map<LeadStep, { all: number; tooLong: number }>(LEAD_STEPS.map((s) => [s, { all: 0, tooLong: 0 }]));
  const waiting: Omit<WaitingClient, 'consulent'>[] = [];
  const consulentOf = new Map<number, number | null>();
  for (const r of rows) {
    for (const step of LEAD_STEPS) {
      const end = r[step];
      const start = r[LEAD_STEP_FROM[step]];
      if (end !== null && start !== null && end >= from && end <= to && end >= start) times.get(step)?.push(daysBetween(start, end));
    }
    const wait = waitOf(r);
    if (wait) {
      const { step, since, tooLong } = wait;
      const days = daysBetween(since, today);
      const c = waitingCount.get(step) as { all: number; tooLong: number };
      c.all += 1;
      if (tooLong) c.tooLong += 1;
      waiting.push({ clientId: r.clientId, name: `${r.firstName} ${r.lastName}`, step, label: LEAD_STEP_LABELS[step], since, days, tooLong });
      consulentOf.set(r.clientId, r.consulentId);
    }
  }
  const steps: StepFigures[] = LEAD_STEPS.map((step) => {
    const t = times.get(step) as number[];
    const w = waitingCount.get(step) as { all: number; tooLong: number };
    return { step, label: LEAD_STEP_LABELS[step], count: t.length, median: percentile(t, 50), p90: percentile(t, 90), waiting: w.all, waitingTooLong: w.tooLong, limit: limits[step] };
  });
  waiting.sort((a, b) => b.days - a.days || a.clientId - b.clientId);
  const names = new Map<number, string>();
  const longest: WaitingClient[] = waiting.slice(0, 15).map((w) => {
    const id = consulentOf.get(w.clientId) ?? null;
    if (id !== null && !names.has(id)) names.set(id, findUserById(deps.db, id)?.displayName ?? 'onbekend');
    return { ...w, consulent: id === null ? 'geen consulent' : (names.get(id) as string) };
  });
  return { steps, longest, limits };
}


/** A period from the form, defaulting to the 12 months up to today. */
function periodOf(period: PeriodForm, today: string): { from: string; to: string; errors: FieldErrors } {
  return reportPeriod(period, iso(addMonths(subDays(parseISO(today), -1), -12)), today);
}

export function loadStationsPage(deps: Deps, actor: Actor, period: PeriodForm) {
  const teamId = teamOf(actor);
  const { from, to, errors } = periodOf(period, actor.today);
  const valid = Object.keys(errors).length === 0;
  actor.audit('doorlooptijden-bekeken', 'caseload', { details: valid ? `${from} t/m ${to}` : 'ongeldige periode' });
  return { errors, period: valid ? { from, to } : null, figures: valid ? teamLeadTimes(deps, teamId, from, to, actor.today) : null };
}

// ---- Cohorts -------------------------------------------------------------------------------------------------

/** The first day of the quarter 7 quarters before the one of `date`: the figures page shows 8 cohorts. */
export function cohortStart(date: string): string {
  return iso(startOfQuarter(addQuarters(parseISO(date), -7)));
}

export interface Cohort {
  cohort: string;
  label: string;
  clients: number;
  intakeStarted: number;
  pipSet: number;
  inProgress: number;
  preEndHeld: number;
  endHeld: number;
  closed: number;
  closedByReason: { reason: string; label: string; count: number }[];
  medianDaysToPip: number | null;
}

/** The intake cohorts (quarter of registration) of a team registered in [from, to]: how far each got, how fast. */
export function teamCohortFigures(deps: Deps, teamId: number, from: string, to: string): Cohort[] {
  return keptForTeam(deps.db, teamId, `cohorts|${from}|${to}`, () => computeCohorts(deps, teamId, from, to));
}

function computeCohorts(deps: Deps, teamId: number, from: string, to: string): Cohort[] {
  const base = teamCohorts(deps.db, teamId, from, to);
  const { reasons, pipDays } = teamCohortDetails(deps.db, teamId, from, to);
  return base.map((c) => {
    const days = pipDays.filter((d) => d.cohort === c.cohort).map((d) => d.days);
    const [year, q] = c.cohort.split('-Q');
    return {
      ...c,
      label: `${q}e kwartaal ${year}`,
      closedByReason: reasons
        .filter((r) => r.cohort === c.cohort)
        .map((r) => ({ reason: r.reason, label: CLOSURE_LABELS[r.reason as keyof typeof CLOSURE_LABELS] ?? 'Onbekend', count: r.n })),
      medianDaysToPip: percentile(days, 50),
    };
  });
}

// ---- Targets -------------------------------------------------------------------------------------------------

export interface QuarterPoint {
  label: string;
  from: string;
  to: string;
  part: number;
  total: number;
  pct: number | null;
}

export interface TargetFigure {
  key: TargetKey;
  label: string;
  target: number;
  part: number;
  total: number;
  pct: number | null;
  light: Light;
  lightLabel: string;
  /** The last 4 quarters up to the period's end, oldest first (ON_TRACK: past quarters recomputed, see ON_TRACK_PAST). */
  trend: QuarterPoint[];
  /** Shown under the trend when its points are not all measured the same way. */
  trendNote: string | null;
  definition: string;
  /** Per route (not for the intake, which comes before the route): the figure against the route's target. */
  byRoute: { route: Route; label: string; target: number; part: number; total: number; pct: number | null; light: Light }[];
}

/** How the on-track figure of a past period (and the earlier quarters of its trend) is made. */
export const ON_TRACK_PAST =
  'Voor een afgelopen periode, en voor de eerdere kwartalen in het verloop, is de prognose opnieuw berekend op de laatste dag van die periode: met de uren die tot die dag zijn gevolgd (zoals ze nu geregistreerd zijn) en het tempo in de weken daarvoor. Uren die alleen door een besluit meetellen (instrumenten, begeleidingsgesprekken) zitten daar niet in, en de urennormen en het einde van de termijn zijn die van nu (dus met een latere verlenging of substitutie). Het is dus een benadering van de stand van toen, geen opgeslagen momentopname.';

export function definitionOf(key: TargetKey, t: TargetSet): string {
  return {
    INTAKE_STARTED: `Van de cliënten die in de periode zijn aangemeld: het deel bij wie de brede intake binnen ${t.intakeWeeks} weken na de aanmelding is gestart. Cliënten bij wie die ${t.intakeWeeks} weken nog niet om zijn en de intake nog niet is gestart, tellen nog niet mee.`,
    PIP_ON_TIME: 'Van de cliënten bij wie de uiterste datum voor het PIP (volgens de regels) in de periode viel en voorbij is: het deel met een PIP dat op of vóór die datum is vastgesteld. Dezelfde datum als het signaal “PIP niet op tijd”.',
    ON_TRACK: `Van de lopende trajecten met een PIP: het deel zonder het signaal “Haalt de norm mogelijk niet”. Voor een periode tot vandaag is dat de stand van vandaag. ${ON_TRACK_PAST}`,
    PLACEMENT: `Van de cliënten bij wie ${t.placementMonths} maanden na het PIP in de periode viel: het deel met een participatieplaats of betaald werk dat uiterlijk dan is gestart.`,
    PLICHT_MET: 'Van de cliënten bij wie de inburgeringstermijn in de periode afliep: het deel met het eindgesprek gehouden (of afgesloten als afgerond) vóór het einde van de termijn.',
  }[key];
}

/** The 4 quarters up to and including the one of `date`, oldest first. */
export function lastQuarters(date: string): { label: string; from: string; to: string }[] {
  const d = parseISO(date);
  return [3, 2, 1, 0].map((back) => {
    const start = startOfQuarter(addQuarters(d, -back));
    const q = Math.floor(start.getMonth() / 3) + 1;
    return { label: `K${q} ${start.getFullYear()}`, from: iso(start), to: iso(endOfQuarter(start)) };
  });
}

/**
 * Each target's figure over [from, to] with its light, and the trend over the last 4 quarters; kept per team until
 * its data changes (team-pages-kept.ts).
 */
export function teamTargetFigures(deps: Deps, teamId: number, from: string, to: string, today: string): { figures: TargetFigure[]; targets: TargetSet } {
  return keptForTeam(deps.db, teamId, `targets|${from}|${to}|${today}`, () =>
    computeTargetFigures(deps, teamId, from, to, today, targetsOn(deps.db, to < today ? to : today)),
  );
}

function computeTargetFigures(deps: Deps, teamId: number, from: string, to: string, today: string, t: TargetSet): { figures: TargetFigure[]; targets: TargetSet } {
  const { db } = deps;
  // One read of the team's status rows, and of its hours when a past date's forecast is needed; counted in memory.
  const facts = teamTargetFacts(db, teamId);
  const periods = lastQuarters(to < today ? to : today);
  const hours = new Map<string, Map<number, HoursAsOf>>();
  const hoursOn = (e: string) => {
    let h = hours.get(e);
    if (!h) hours.set(e, (h = hoursForPeriod(db, teamId, e, today)));
    return h;
  };
  const count = (f: string, e: string, route: Route | null = null) =>
    countTargets(facts, hoursOn(e), { from: f, to: e, today, targets: t, windowWeeks: rulesInForce(db, e < today ? e : today).general.forecastWindowWeeks, route });
  const now = count(from, to);
  const quarters = periods.map((q) => ({ q, counts: count(q.from, q.to) }));
  const perRoute = ROUTES.map((route) => ({ route, counts: count(from, to, route) }));
  const figures = now.map((c) => {
    const target = targetFor(t, c.key);
    const pct = shareOf(c.part, c.total);
    const light = lightOf(pct, target);
    const trend = quarters.map(({ q, counts }) => {
      const qc = counts.find((x) => x.key === c.key) as { part: number; total: number };
      return { ...q, part: qc.part, total: qc.total, pct: shareOf(qc.part, qc.total) };
    });
    const byRoute =
      c.key === 'INTAKE_STARTED'
        ? []
        : perRoute.map(({ route, counts }) => {
            const rc = counts.find((x) => x.key === c.key) as { part: number; total: number };
            const rt = targetFor(t, c.key, route);
            const rp = shareOf(rc.part, rc.total);
            return { route, label: ROUTE_LABELS[route], target: rt, part: rc.part, total: rc.total, pct: rp, light: lightOf(rp, rt) };
          });
    const trendNote =
      c.key === 'ON_TRACK'
        ? 'Het lopende kwartaal is de stand van vandaag; eerdere kwartalen zijn herberekend op hun laatste dag, met de uren die tot dan zijn geregistreerd (zie “Hoe is dit berekend?”).'
        : null;
    return { key: c.key, label: TARGET_LABELS[c.key], target, part: c.part, total: c.total, pct, light, lightLabel: LIGHT_LABELS[light], trend, trendNote, definition: definitionOf(c.key, t), byRoute };
  });
  return { figures, targets: t };
}
