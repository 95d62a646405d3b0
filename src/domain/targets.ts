// The municipality's targets and the waiting limits per step: set by the functioneel beheerder, versioned and
// effective-dated like the rule set. Sources: Arnhem's pilot targets (../shared/seeds/003_abc964f6136b158b.txt:
// 80% started within 3 months, 40% "werkfit" at 6 months, 70% meeting the plicht within 3 years); the PIP within
// 10 weeks is the law (the rule set's PIP deadline); the stations and waiting are Rotterdam's (seed 002).
import { z } from 'zod';
import { LEAD_STEPS, type LeadStep, type WaitLimits } from './stations.js';
import { forecast, type NormProgress } from './time.js';
import type { Route } from './types.js';

export const TARGET_KEYS = ['INTAKE_STARTED', 'PIP_ON_TIME', 'ON_TRACK', 'PLACEMENT', 'PLICHT_MET'] as const;
export type TargetKey = (typeof TARGET_KEYS)[number];

export const TARGET_LABELS: Record<TargetKey, string> = {
  INTAKE_STARTED: 'Intake gestart binnen de termijn',
  PIP_ON_TIME: 'PIP op tijd vastgesteld',
  ON_TRACK: 'Op koers volgens de prognose',
  PLACEMENT: 'Participatieplaats of betaald werk',
  PLICHT_MET: 'Inburgeringsplicht gehaald binnen de termijn',
};

export interface TargetSet {
  /** Share (%) of new clients whose intake started within `intakeWeeks` weeks of the registration. */
  intakeStartedPct: number;
  intakeWeeks: number;
  /** Share (%) of PIPs set on or before the PIP deadline of the rules (10 weeks by law). */
  pipOnTimePct: number;
  /** Share (%) of running trajectories not at risk by the forecast (the AT_RISK signal). */
  onTrackPct: number;
  /** Share (%) of clients with a participation place or paid work within `placementMonths` months of the PIP. */
  placementPct: number;
  placementMonths: number;
  /** Share (%) of clients whose termijn ended who held the eindgesprek within it. */
  plichtMetPct: number;
  /** Days a client may wait on each step before the waiting signal. */
  waitDays: WaitLimits;
  /** Targets that differ per route (a missing value: the general target). The intake comes before the route. */
  byRoute: Record<Route, Partial<Record<RouteTargetKey, number>>>;
}

/** The targets that can differ per route, and the TargetSet field of each. */
export const ROUTE_TARGET_KEYS = ['PIP_ON_TIME', 'ON_TRACK', 'PLACEMENT', 'PLICHT_MET'] as const;
export type RouteTargetKey = (typeof ROUTE_TARGET_KEYS)[number];
const FIELD_OF: Record<TargetKey, 'intakeStartedPct' | 'pipOnTimePct' | 'onTrackPct' | 'placementPct' | 'plichtMetPct'> = {
  INTAKE_STARTED: 'intakeStartedPct',
  PIP_ON_TIME: 'pipOnTimePct',
  ON_TRACK: 'onTrackPct',
  PLACEMENT: 'placementPct',
  PLICHT_MET: 'plichtMetPct',
};

/** The target (%) for a figure, for one route when given (its own target if set, else the general one). */
export function targetFor(t: TargetSet, key: TargetKey, route: Route | null = null): number {
  const own = route && key !== 'INTAKE_STARTED' ? t.byRoute[route]?.[key] : undefined;
  return own ?? t[FIELD_OF[key]];
}

export const DEFAULT_TARGETS: TargetSet = {
  intakeStartedPct: 80,
  intakeWeeks: 13,
  pipOnTimePct: 90,
  onTrackPct: 80,
  placementPct: 40,
  placementMonths: 6,
  plichtMetPct: 70,
  waitDays: { FIRST_CONTACT: 14, INTAKE_STARTED: 28, INTAKE_COMPLETED: 42, ROUTE_CHOSEN: 14, PIP_SET: 28, FIRST_HOURS: 28 },
  byRoute: { B1: {}, ONDERWIJS: {}, Z: {} },
};

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const pct = (what: string) =>
  z.coerce
    .number({ error: `Vul ${what} in als een getal` })
    .int({ error: `Vul ${what} in als een heel getal` })
    .min(0, { error: `${cap(what)} is minimaal 0` })
    .max(100, { error: `${cap(what)} is hoogstens 100` });
const count = (what: string, max: number) =>
  z.coerce
    .number({ error: `Vul ${what} in als een getal` })
    .int({ error: `Vul ${what} in als een heel getal` })
    .min(1, { error: `${cap(what)} is minimaal 1` })
    .max(max, { error: `${cap(what)} is hoogstens ${max}` });

/** Optional per-route targets (versions saved before there were any read as none). */
const routeTargets = z.object({
  PIP_ON_TIME: pct('het doel voor het PIP op tijd voor deze route').optional(),
  ON_TRACK: pct('het doel voor op koers voor deze route').optional(),
  PLACEMENT: pct('het doel voor een participatieplaats voor deze route').optional(),
  PLICHT_MET: pct('het doel voor de inburgeringsplicht voor deze route').optional(),
});

export const targetSetSchema = z.object({
  intakeStartedPct: pct('het doel voor de gestarte intake'),
  intakeWeeks: count('het aantal weken voor de intake', 52),
  pipOnTimePct: pct('het doel voor het PIP op tijd'),
  onTrackPct: pct('het doel voor op koers'),
  placementPct: pct('het doel voor een participatieplaats'),
  placementMonths: count('het aantal maanden voor een participatieplaats', 36),
  plichtMetPct: pct('het doel voor de inburgeringsplicht'),
  waitDays: z.object(Object.fromEntries(LEAD_STEPS.map((s) => [s, count('de wachtgrens in dagen', 365)])) as Record<LeadStep, ReturnType<typeof count>>),
  byRoute: z
    .object({ B1: routeTargets, ONDERWIJS: routeTargets, Z: routeTargets })
    .default({ B1: {}, ONDERWIJS: {}, Z: {} }),
});

export interface TargetVersion {
  id: number;
  effectiveFrom: string;
  targets: TargetSet;
}

/** The version in force on `date`: the latest effective on or before it; the defaults before any version. */
export function targetsInForce(versions: readonly TargetVersion[], date: string): TargetSet {
  let best: TargetVersion | null = null;
  for (const v of versions) if (v.effectiveFrom <= date && (!best || v.effectiveFrom >= best.effectiveFrom)) best = v;
  return best?.targets ?? DEFAULT_TARGETS;
}

/** Points below the target that still count as "bijna" (orange). */
export const LIGHT_MARGIN = 10;
export type Light = 'green' | 'orange' | 'red' | 'none';
export const LIGHT_LABELS: Record<Light, string> = {
  green: 'Doel gehaald',
  orange: 'Bijna: minder dan 10 punten onder het doel',
  red: 'Doel niet gehaald',
  none: 'Geen cliënten in deze periode',
};

/** The traffic light of a share against its target: on or above green, within the margin orange, else red. */
export function lightOf(valuePct: number | null, targetPct: number): Light {
  if (valuePct === null) return 'none';
  if (valuePct >= targetPct) return 'green';
  if (valuePct >= targetPct - LIGHT_MARGIN) return 'orange';
  return 'red';
}

/** A share in whole percent (rounded down so that 79.6% never shows as a green 80%); null when there is nobody. */
export function shareOf(part: number, total: number): number | null {
  return total === 0 ? null : Math.floor((part * 100) / total);
}

/** What the forecast of one running trajectory needs on a past date (hours attended up to it, and in the window before it). */
export interface OnTrackFacts {
  termijnEnd: string | null;
  languageNorm: number | null;
  participationNorm: number | null;
  language: number;
  languageInWindow: number;
  participation: number;
  participationInWindow: number;
}

/**
 * Whether a trajectory was at risk on `date` by the forecast (the same `forecast` and the same norms as the AT_RISK
 * signal kept in client_status): a norm not reached whose pace over the last `windowWeeks` does not reach it by the
 * end of the termijn. No termijn or no hour norms: not at risk (as the signal).
 */
export function atRiskOn(date: string, windowWeeks: number, f: OnTrackFacts): boolean {
  if (!f.termijnEnd || (f.languageNorm === null && f.participationNorm === null)) return false;
  const norms: NormProgress[] = [];
  if (f.languageNorm !== null) {
    norms.push({ code: 'LANGUAGE_HOURS', required: f.languageNorm, actual: f.language, hoursInWindow: Math.min(f.languageInWindow, f.language) });
  }
  if (f.participationNorm !== null) {
    norms.push({
      code: 'PARTICIPATION_HOURS',
      required: f.participationNorm,
      actual: f.participation,
      hoursInWindow: Math.min(f.participationInWindow, f.participation),
    });
  }
  return forecast({ today: date, termijnEnd: f.termijnEnd, windowWeeks, norms }).atRisk;
}

/** One client's facts behind the target figures (client_status; `atRisk` is the AT_RISK signal today). */
export interface TargetFacts {
  clientId: number;
  route: Route | null;
  linkedOn: string | null;
  intakeStartedOn: string | null;
  pipDueOn: string | null;
  pipSetOn: string | null;
  firstPlacementOn: string | null;
  termijnEnd: string | null;
  firstEndOn: string | null;
  closedOn: string | null;
  closureReason: string | null;
  languageNorm: number | null;
  participationNorm: number | null;
  atRisk: number;
}

export interface TargetCount {
  key: TargetKey;
  part: number;
  total: number;
}

const inRange = (d: string | null, from: string, to: string): d is string => d !== null && d >= from && d <= to;
const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
/** `iso` + n days (UTC date arithmetic; a figures page does this for every client of the team). */
function plusDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
/** `iso` + n months as date-fns addMonths counts: the same day, or the month's last (31 December + 6 = 30 June). */
export function plusMonths(iso: string, n: number): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7)) - 1 + n;
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${year}-${pad(month + 1)}-${pad(Math.min(Number(iso.slice(8, 10)), last))}`;
}

/** A client's hours attended by a date and in the forecast window before it (language; participation, MAP, paid work). */
export interface HoursAsOf {
  language: number;
  languageInWindow: number;
  participation: number;
  participationInWindow: number;
}

/**
 * The counts behind each target for the clients `rows` over a period [from, to], as far as known on `today`:
 * - INTAKE_STARTED: clients registered in the period whose window of `intakeWeeks` has passed by today (or whose
 *   intake started); part: intake started within the window.
 * - PIP_ON_TIME: clients whose PIP deadline (client_status.pip_due_on, the one the PIP_LATE signal reads) fell
 *   in the period and has passed; part: PIP set on or before it (the opposite of PIP_LATE at that date).
 * - ON_TRACK: for a period up to today: running trajectories with a PIP; part: not AT_RISK (the signal). For a
 *   period that ended: the trajectories running on its last day and the forecast as of that day (`atRiskOn`),
 *   from `hoursAsOf` (the hours registered up to then, per client; see `teamHoursAsOf` for what that leaves out).
 * - PLACEMENT: clients whose moment `placementMonths` after the PIP fell in the period; part: a participation
 *   place (or paid work placement) activated by then.
 * - PLICHT_MET: clients whose termijn ended in the period; part: eindgesprek held, or closed as completed, by then.
 * With a route: only the clients on that route. Periods end at today at the latest.
 */
export function countTargets(
  rows: readonly TargetFacts[],
  hoursAsOf: ReadonlyMap<number, HoursAsOf>,
  p: { from: string; to: string; today: string; targets: TargetSet; windowWeeks: number; route: Route | null },
): TargetCount[] {
  const { from, today, targets: t, route } = p;
  const to = p.to < today ? p.to : today;
  const n = { intakeTotal: 0, intakePart: 0, pipTotal: 0, pipPart: 0, trackTotal: 0, trackPart: 0, placementTotal: 0, placementPart: 0, plichtTotal: 0, plichtPart: 0 };
  const past = p.to < today;
  for (const r of rows) {
    if (route !== null && r.route !== route) continue;
    if (inRange(r.linkedOn, from, to)) {
      const by = plusDays(r.linkedOn, t.intakeWeeks * 7);
      const started = r.intakeStartedOn !== null && r.intakeStartedOn <= by;
      if (by <= today || started) n.intakeTotal += 1;
      if (started) n.intakePart += 1;
    }
    if (inRange(r.pipDueOn, from, to)) {
      if (r.pipDueOn < today || r.pipSetOn !== null) n.pipTotal += 1;
      if (r.pipSetOn !== null && r.pipSetOn <= r.pipDueOn) n.pipPart += 1;
    }
    if (r.pipSetOn !== null) {
      // addMonths keeps the day or takes the month's last (31 December + 6 months = 30 June).
      const due = plusMonths(r.pipSetOn, t.placementMonths);
      if (inRange(due, from, to)) {
        n.placementTotal += 1;
        if (r.firstPlacementOn !== null && r.firstPlacementOn <= due) n.placementPart += 1;
      }
    }
    if (inRange(r.termijnEnd, from, to)) {
      n.plichtTotal += 1;
      const ended = r.firstEndOn !== null && r.firstEndOn <= r.termijnEnd;
      const completed = r.closureReason === 'COMPLETED' && r.closedOn !== null && r.closedOn <= r.termijnEnd;
      if (ended || completed) n.plichtPart += 1;
    }
    if (!past) {
      if (r.closedOn === null && r.pipSetOn !== null) {
        n.trackTotal += 1;
        if (r.atRisk !== 1) n.trackPart += 1;
      }
    } else if (r.pipSetOn !== null && r.pipSetOn <= p.to && (r.closedOn === null || r.closedOn > p.to)) {
      const h = hoursAsOf.get(r.clientId);
      const f: OnTrackFacts = {
        termijnEnd: r.termijnEnd,
        languageNorm: r.languageNorm,
        participationNorm: r.participationNorm,
        language: h?.language ?? 0,
        languageInWindow: h?.languageInWindow ?? 0,
        participation: h?.participation ?? 0,
        participationInWindow: h?.participationInWindow ?? 0,
      };
      n.trackTotal += 1;
      if (!atRiskOn(p.to, p.windowWeeks, f)) n.trackPart += 1;
    }
  }
  return [
    { key: 'INTAKE_STARTED', part: n.intakePart, total: n.intakeTotal },
    { key: 'PIP_ON_TIME', part: n.pipPart, total: n.pipTotal },
    { key: 'ON_TRACK', part: n.trackPart, total: n.trackTotal },
    { key: 'PLACEMENT', part: n.placementPart, total: n.placementTotal },
    { key: 'PLICHT_MET', part: n.plichtPart, total: n.plichtTotal },
  ];
}
