import {
  type B1Snapshot,
  checkB1Completion,
  checkEndConversation,
  checkOnderwijsCompletion,
  checkPreEndConversation,
  type EligibilityResult,
  type ExamSkill,
  type InstrumentUse,
  type ProgressSnapshot,
  type Route,
  type RuleSet,
  zRouteNorms,
} from '../domain/index.js';
import { type Db, prepared } from './connection.js';
import { rulesInForce } from './rules.js';

export type HourKind = 'LANGUAGE' | 'KNM' | 'PARTICIPATION' | 'MAP' | 'PVT' | 'PAID_WORK';
export const HOUR_KINDS: readonly HourKind[] = ['LANGUAGE', 'KNM', 'PARTICIPATION', 'MAP', 'PVT', 'PAID_WORK'];

export interface HourTotals {
  attended: Record<HourKind, number>;
  planned: Record<HourKind, number>; // planned hours where a provider reported them
}

/** The facts that decide eligibility, gathered from hour entries and decisions in force. */
export interface ClientProgress {
  route: Route | null;
  totals: HourTotals;
  snapshot: ProgressSnapshot | null; // null when no route has been chosen
  knmCompleted: boolean;
  mapCompleted: boolean;
  pvtCompleted: boolean;
  educationCompleted: boolean;
  afgeschaaldSkills: ExamSkill[];
  extensionMonths: number[];
}

/** The route in force: the latest route decision that was not rejected. */
export function currentRoute(db: Db, clientId: number): Route | null {
  const row = prepared(
    db,
    `SELECT route FROM route_decisions WHERE client_id = ? AND approval_status <> 'REJECTED'
     ORDER BY decided_on DESC, id DESC LIMIT 1`,
  ).get(clientId) as { route: Route } | undefined;
  return row?.route ?? null;
}

export function hourTotals(db: Db, clientId: number): HourTotals {
  const zero = (): Record<HourKind, number> => ({ LANGUAGE: 0, KNM: 0, PARTICIPATION: 0, MAP: 0, PVT: 0, PAID_WORK: 0 });
  const totals: HourTotals = { attended: zero(), planned: zero() };
  const rows = prepared(
    db,
    `SELECT kind, SUM(hours) AS attended, SUM(COALESCE(planned_hours, hours)) AS planned
     FROM hour_entries WHERE client_id = ? AND deleted_at IS NULL GROUP BY kind`,
  ).all(clientId) as { kind: HourKind; attended: number; planned: number }[];
  for (const r of rows) {
    totals.attended[r.kind] = r.attended;
    totals.planned[r.kind] = r.planned;
  }
  return totals;
}

interface DecisionRow {
  kind: string;
  data: string;
}

/** Decisions that count: not revoked, and approved where approval was required. */
export function decisionsInForce(db: Db, clientId: number): { kind: string; data: Record<string, unknown> }[] {
  const rows = prepared(
    db,
    `SELECT kind, data FROM decisions
     WHERE client_id = ? AND revoked_on IS NULL AND approval_status IN ('NOT_REQUIRED', 'APPROVED')
     ORDER BY decided_on, id`,
  ).all(clientId) as DecisionRow[];
  return rows.map((r) => ({ kind: r.kind, data: JSON.parse(r.data) as Record<string, unknown> }));
}

export function loadProgress(db: Db, clientId: number): ClientProgress {
  const route = currentRoute(db, clientId);
  const totals = hourTotals(db, clientId);
  const instruments: InstrumentUse[] = [];
  let countGuidanceConversations = false;
  let substitutionHours = 0;
  // KNM counts as completed by a KNM_COMPLETED decision or by a passed DUO KNM exam (issue 12).
  const flags = { knm: knmExamPassed(db, clientId), map: false, pvt: false, education: false };
  const afgeschaald = new Set<ExamSkill>();
  const extensionMonths: number[] = [];
  for (const d of decisionsInForce(db, clientId)) {
    switch (d.kind) {
      case 'INSTRUMENT':
        instruments.push({
          code: String(d.data.code),
          attendancePct: typeof d.data.attendancePct === 'number' ? d.data.attendancePct : undefined,
          hours: typeof d.data.hours === 'number' ? d.data.hours : undefined,
          counted: true,
        });
        break;
      case 'GUIDANCE_HOURS':
        countGuidanceConversations = true;
        break;
      case 'SUBSTITUTION':
        substitutionHours = Number(d.data.hours ?? 0); // the latest decision wins
        break;
      case 'KNM_COMPLETED':
        flags.knm = true;
        break;
      case 'MAP_COMPLETED':
      case 'MAP_EXEMPTION':
        flags.map = true;
        break;
      case 'PVT_COMPLETED':
        flags.pvt = true;
        break;
      case 'EDUCATION_COMPLETED':
        flags.education = true;
        break;
      case 'AFSCHALEN':
        afgeschaald.add(d.data.skill as ExamSkill);
        break;
      case 'TERMIJN_EXTENSION':
        extensionMonths.push(Number(d.data.months));
        break;
    }
  }
  const snapshot: ProgressSnapshot | null = route
    ? {
        route,
        languageHours: totals.attended.LANGUAGE,
        participationHours: totals.attended.PARTICIPATION + totals.attended.MAP,
        paidWorkHours: totals.attended.PAID_WORK,
        instruments,
        countGuidanceConversations,
        substitutionHours: route === 'Z' ? substitutionHours : 0,
        knmCompleted: flags.knm,
        mapCompleted: flags.map,
        pvtCompleted: flags.pvt,
      }
    : null;
  return {
    route,
    totals,
    snapshot,
    knmCompleted: flags.knm,
    mapCompleted: flags.map,
    pvtCompleted: flags.pvt,
    educationCompleted: flags.education,
    afgeschaaldSkills: [...afgeschaald],
    extensionMonths,
  };
}

export interface Eligibility {
  route: Route | null;
  rules: RuleSet;
  progress: ClientProgress;
  /** Z-route only: may the client be invited for the pre-eindgesprek? */
  preEnd: EligibilityResult | null;
  /** Z-route: conditions for the eindgesprek; B1/onderwijs: completion of the route. */
  end: EligibilityResult | null;
  /** Hour norms for the bars (Z-route with substitution; onderwijsroute language). */
  norms: { languageHours: number | null; participationHours: number | null; paidWorkHours: number | null };
}

/** Where a client stands, per the rules in force on `today` (or the rules given, for an impact preview). */
export function loadEligibility(db: Db, clientId: number, today: string, rules?: RuleSet): Eligibility {
  const ruleSet = rules ?? rulesInForce(db, today);
  const progress = loadProgress(db, clientId);
  const { route, snapshot } = progress;
  const result: Eligibility = {
    route,
    rules: ruleSet,
    progress,
    preEnd: null,
    end: null,
    norms: { languageHours: null, participationHours: null, paidWorkHours: null },
  };
  if (!route || !snapshot) return result;
  if (route === 'Z') {
    result.preEnd = checkPreEndConversation(snapshot, ruleSet.z);
    result.end = checkEndConversation(snapshot, ruleSet.z);
    const norms = zRouteNorms(snapshot.substitutionHours, ruleSet.z);
    result.norms = {
      languageHours: norms.languageHours,
      participationHours: norms.participationHours,
      paidWorkHours: norms.paidWorkHours || null,
    };
  } else if (route === 'B1') {
    const b1: B1Snapshot = {
      passedExams: passedExams(db, clientId),
      afgeschaaldSkills: progress.afgeschaaldSkills,
      knmCompleted: progress.knmCompleted,
      mapCompleted: progress.mapCompleted,
      pvtCompleted: progress.pvtCompleted,
    };
    result.end = checkB1Completion(b1);
  } else {
    result.end = checkOnderwijsCompletion({
      educationCompleted: progress.educationCompleted,
      knmCompleted: progress.knmCompleted,
      mapCompleted: progress.mapCompleted,
      pvtCompleted: progress.pvtCompleted,
    });
    result.norms = { languageHours: ruleSet.onderwijs.languageHours, participationHours: null, paidWorkHours: null };
  }
  return result;
}

function knmExamPassed(db: Db, clientId: number): boolean {
  return prepared(db, `SELECT EXISTS (SELECT 1 FROM exams WHERE client_id = ? AND part = 'KNM' AND result = 'PASSED')`)
    .pluck()
    .get(clientId) === 1;
}

/** Passed DUO language exams (table `exams`, issue 12); a passed KNM exam counts through `knmExamPassed`. */
function passedExams(db: Db, clientId: number): B1Snapshot['passedExams'] {
  return prepared(
    db,
    `SELECT part AS skill, level FROM exams
     WHERE client_id = ? AND result = 'PASSED' AND part <> 'KNM' AND level IS NOT NULL ORDER BY exam_on, id`,
  ).all(clientId) as B1Snapshot['passedExams'];
}
