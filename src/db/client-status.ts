import { subWeeks } from 'date-fns';
import {
  contactDueOn,
  type Doelgroep,
  derivePhase,
  enforcementSignal,
  firstOpenMilestoneDue,
  forecast,
  milestones,
  noShowStreak,
  noContactDaysFor,
  type NormProgress,
  nextConversationDue,
  participationTotal,
  pipDueDate,
  termijnEnd,
  LEAD_STEP_FROM,
  type StationDates,
  waitingStep,
  waitingTooLongFrom,
} from '../domain/index.js';
import { type Db, prepared } from './connection.js';
import { currentClientAbsence } from './absence.js';
import { attendanceOutcomes } from './appointments.js';
import { caseFacts, enforcementRulesInForce, openCaseOf } from './enforcement.js';
import { loadMilestoneFacts } from './milestones.js';
import { loadEligibility } from './progress.js';
import { targetsOn } from './target-versions.js';
import { providerSignalFacts } from './provider-reports.js';

interface ClientFacts {
  team_id: number;
  consulent_id: number | null;
  doelgroep: Doelgroep;
  linked_on: string;
  closed_on: string | null;
  intake_started_on: string | null;
  intake_completed_on: string | null;
  pip_set_on: string | null;
  last_hours_on: string | null;
  last_conversation_on: string | null;
  pre_end_held_on: string | null;
  end_held_on: string | null;
  open_agreement_due_min: string | null;
  exams_registered: number;
  exam_no_result_since: string | null;
  duo_pending_since: string | null;
  registered_on: string;
  last_client_contact_on: string | null;
  first_contact_on: string | null;
  leerbaarheid_on: string | null;
  route_chosen_on: string | null;
  first_hours_on: string | null;
  first_placement_on: string | null;
  first_pre_end_on: string | null;
  first_end_on: string | null;
}

const FACTS_SQL = `
SELECT c.team_id, c.consulent_id, c.doelgroep, c.linked_on, c.closed_on,
  i.started_on AS intake_started_on, i.completed_on AS intake_completed_on,
  (SELECT MIN(vastgesteld_on) FROM pip_versions p WHERE p.client_id = c.id) AS pip_set_on,
  (SELECT MAX(period_end) FROM hour_entries h WHERE h.client_id = c.id AND h.deleted_at IS NULL) AS last_hours_on,
  (SELECT MAX(held_on) FROM conversations v WHERE v.client_id = c.id) AS last_conversation_on,
  (SELECT MAX(held_on) FROM conversations v WHERE v.client_id = c.id AND v.kind = 'PRE_EIND') AS pre_end_held_on,
  (SELECT MAX(held_on) FROM conversations v WHERE v.client_id = c.id AND v.kind = 'EIND') AS end_held_on,
  (SELECT MIN(due_on) FROM agreements a WHERE a.client_id = c.id AND a.status IN ('OPEN', 'LOOPT_ACHTER')) AS open_agreement_due_min,
  (SELECT COUNT(*) FROM exams x WHERE x.client_id = c.id) AS exams_registered,
  (SELECT MIN(exam_on) FROM exams x WHERE x.client_id = c.id AND x.result IS NULL) AS exam_no_result_since,
  (SELECT MIN(substr(created_at, 1, 10)) FROM duo_ledger d WHERE d.client_id = c.id AND d.passed_on IS NULL) AS duo_pending_since,
  substr(c.created_at, 1, 10) AS registered_on,
  -- The last reached contact with the client: the contact log, a conversation held, the intake.
  NULLIF(MAX(
    COALESCE((SELECT MAX(attempted_on) FROM contact_attempts k WHERE k.client_id = c.id AND k.with_client = 1 AND k.reached = 1), ''),
    COALESCE((SELECT MAX(held_on) FROM conversations v WHERE v.client_id = c.id), ''),
    COALESCE(i.started_on, '')), '') AS last_client_contact_on,
  (SELECT MIN(attempted_on) FROM contact_attempts a WHERE a.client_id = c.id AND a.with_client = 1 AND a.reached = 1) AS first_contact_on,
  i.leerbaarheid_on,
  (SELECT MIN(decided_on) FROM route_decisions r WHERE r.client_id = c.id AND r.approval_status <> 'REJECTED') AS route_chosen_on,
  (SELECT MIN(period_start) FROM hour_entries h WHERE h.client_id = c.id AND h.deleted_at IS NULL) AS first_hours_on,
  (SELECT MIN(activated_on) FROM placements p WHERE p.client_id = c.id) AS first_placement_on,
  (SELECT MIN(held_on) FROM conversations v WHERE v.client_id = c.id AND v.kind = 'PRE_EIND') AS first_pre_end_on,
  (SELECT MIN(held_on) FROM conversations v WHERE v.client_id = c.id AND v.kind = 'EIND') AS first_end_on
FROM clients c LEFT JOIN intakes i ON i.client_id = c.id
WHERE c.id = ?`;

const WINDOW_SQL = `
SELECT
  COALESCE(SUM(CASE WHEN kind = 'LANGUAGE' THEN hours END), 0) AS language,
  COALESCE(SUM(CASE WHEN kind IN ('PARTICIPATION', 'MAP', 'PAID_WORK') THEN hours END), 0) AS participation
FROM hour_entries WHERE client_id = ? AND deleted_at IS NULL AND period_end > ? AND period_end <= ?`;

const UPSERT_SQL = `
INSERT INTO client_status (client_id, team_id, consulent_id, phase, route, intake_started_on, intake_completed_on,
  pip_set_on, pip_due_on, termijn_end, language_hours, participation_total, paid_work_hours, language_norm,
  participation_norm, pre_end_eligible, end_eligible, at_risk, language_expected_on, participation_expected_on,
  last_hours_on, last_conversation_on, next_conversation_due, pre_end_held_on, end_held_on, open_agreement_due_min,
  absence_period, absence_pct, absence_signal, enforcement_case_open, enforcement_next_step, enforcement_next_due,
  exam_no_result_since, exams_registered, extended, milestone_due_min, no_show_streak, no_show_signal,
  duo_pending_since, last_client_contact_on, contact_due_on, closed_on, computed_on, linked_on, first_contact_on,
  leerbaarheid_on, route_chosen_on, first_hours_on, first_placement_on, first_pre_end_on, first_end_on,
  waiting_step, waiting_since, waiting_too_long_on, dropout_risk_on, provider_milestone_until)
VALUES (@client_id, @team_id, @consulent_id, @phase, @route, @intake_started_on, @intake_completed_on,
  @pip_set_on, @pip_due_on, @termijn_end, @language_hours, @participation_total, @paid_work_hours, @language_norm,
  @participation_norm, @pre_end_eligible, @end_eligible, @at_risk, @language_expected_on, @participation_expected_on,
  @last_hours_on, @last_conversation_on, @next_conversation_due, @pre_end_held_on, @end_held_on,
  @open_agreement_due_min, @absence_period, @absence_pct, @absence_signal, @enforcement_case_open,
  @enforcement_next_step, @enforcement_next_due, @exam_no_result_since, @exams_registered, @extended,
  @milestone_due_min, @no_show_streak, @no_show_signal, @duo_pending_since, @last_client_contact_on, @contact_due_on,
  @closed_on, @computed_on, @linked_on, @first_contact_on, @leerbaarheid_on, @route_chosen_on, @first_hours_on,
  @first_placement_on, @first_pre_end_on, @first_end_on, @waiting_step, @waiting_since, @waiting_too_long_on,
  @dropout_risk_on, @provider_milestone_until)
ON CONFLICT (client_id) DO UPDATE SET
  team_id = excluded.team_id, consulent_id = excluded.consulent_id, phase = excluded.phase, route = excluded.route,
  intake_started_on = excluded.intake_started_on, intake_completed_on = excluded.intake_completed_on,
  pip_set_on = excluded.pip_set_on, pip_due_on = excluded.pip_due_on, termijn_end = excluded.termijn_end,
  language_hours = excluded.language_hours, participation_total = excluded.participation_total,
  paid_work_hours = excluded.paid_work_hours, language_norm = excluded.language_norm,
  participation_norm = excluded.participation_norm, pre_end_eligible = excluded.pre_end_eligible,
  end_eligible = excluded.end_eligible, at_risk = excluded.at_risk,
  language_expected_on = excluded.language_expected_on, participation_expected_on = excluded.participation_expected_on,
  last_hours_on = excluded.last_hours_on, last_conversation_on = excluded.last_conversation_on,
  next_conversation_due = excluded.next_conversation_due, pre_end_held_on = excluded.pre_end_held_on,
  end_held_on = excluded.end_held_on, open_agreement_due_min = excluded.open_agreement_due_min,
  absence_period = excluded.absence_period, absence_pct = excluded.absence_pct, absence_signal = excluded.absence_signal,
  enforcement_case_open = excluded.enforcement_case_open, enforcement_next_step = excluded.enforcement_next_step,
  enforcement_next_due = excluded.enforcement_next_due, exam_no_result_since = excluded.exam_no_result_since,
  exams_registered = excluded.exams_registered, extended = excluded.extended,
  milestone_due_min = excluded.milestone_due_min, no_show_streak = excluded.no_show_streak,
  no_show_signal = excluded.no_show_signal, duo_pending_since = excluded.duo_pending_since,
  last_client_contact_on = excluded.last_client_contact_on, contact_due_on = excluded.contact_due_on, closed_on = excluded.closed_on, computed_on = excluded.computed_on,
  linked_on = excluded.linked_on, first_contact_on = excluded.first_contact_on, leerbaarheid_on = excluded.leerbaarheid_on,
  route_chosen_on = excluded.route_chosen_on, first_hours_on = excluded.first_hours_on,
  first_placement_on = excluded.first_placement_on, first_pre_end_on = excluded.first_pre_end_on,
  first_end_on = excluded.first_end_on, waiting_step = excluded.waiting_step, waiting_since = excluded.waiting_since,
  waiting_too_long_on = excluded.waiting_too_long_on, dropout_risk_on = excluded.dropout_risk_on,
  provider_milestone_until = excluded.provider_milestone_until`;

/**
 * Recomputes the derived status of one client (phase, totals, eligibility, forecast, due dates) with the
 * rules in force today. Call it in the same transaction as every change to the client's facts.
 */
export function refreshClientStatus(db: Db, clientId: number, today: string): void {
  const f = prepared(db, FACTS_SQL).get(clientId) as ClientFacts | undefined;
  if (!f) return;
  const e = loadEligibility(db, clientId, today);
  const general = e.rules.general;
  const pipStart = general.pipDeadlineStart === 'INTAKE_START' ? f.intake_started_on : f.linked_on;
  const termijn = f.pip_set_on ? termijnEnd(f.pip_set_on, e.progress.extensionMonths, general) : null;
  const languageHours = e.progress.totals.attended.LANGUAGE;
  const participation = e.progress.snapshot ? participationTotal(e.progress.snapshot, e.rules.z) : 0;

  let atRisk = false;
  let languageExpected: string | null = null;
  let participationExpected: string | null = null;
  const closed = f.closed_on !== null;
  if (!closed && termijn && (e.norms.languageHours !== null || e.norms.participationHours !== null)) {
    const windowStart = subWeeks(new Date(`${today}T00:00:00Z`), general.forecastWindowWeeks).toISOString().slice(0, 10);
    const w = prepared(db, WINDOW_SQL).get(clientId, windowStart, today) as { language: number; participation: number };
    const norms: NormProgress[] = [];
    if (e.norms.languageHours !== null) {
      norms.push({
        code: 'LANGUAGE_HOURS',
        required: e.norms.languageHours,
        actual: languageHours,
        hoursInWindow: Math.min(w.language, languageHours),
      });
    }
    if (e.norms.participationHours !== null) {
      norms.push({
        code: 'PARTICIPATION_HOURS',
        required: e.norms.participationHours,
        actual: participation,
        hoursInWindow: Math.min(w.participation, participation),
      });
    }
    const fc = forecast({ today, termijnEnd: termijn, windowWeeks: general.forecastWindowWeeks, norms });
    atRisk = fc.atRisk;
    languageExpected = fc.norms.find((n) => n.code === 'LANGUAGE_HOURS')?.expectedDate ?? null;
    participationExpected = fc.norms.find((n) => n.code === 'PARTICIPATION_HOURS')?.expectedDate ?? null;
  }

  const absence = closed ? null : currentClientAbsence(db, clientId, e.route, general, today);
  const openCase = openCaseOf(db, clientId);
  const enforcement = openCase ? enforcementSignal(caseFacts(db, openCase), enforcementRulesInForce(db, today), today) : null;

  const milestoneDue = closed
    ? null
    : firstOpenMilestoneDue(
        milestones(
          loadMilestoneFacts(db, clientId, {
            doelgroep: f.doelgroep,
            route: e.route,
            pipDate: f.pip_set_on,
            preEndHeldOn: f.pre_end_held_on,
            endHeldOn: f.end_held_on,
          }),
          e.rules.calendar,
          today,
        ),
      );
  const streak = noShowStreak(attendanceOutcomes(db, clientId));

  const preEndEligible = e.preEnd?.eligible ?? false;
  const endEligible = e.end?.eligible ?? false;
  const phase = derivePhase({
    intakeCompleted: f.intake_completed_on !== null,
    routeChosen: e.route !== null,
    pipSet: f.pip_set_on !== null,
    preEndEligible,
    preEndHeld: f.pre_end_held_on !== null,
    endEligible: endEligible && f.end_held_on === null,
    closed,
  });

  // The step the client waits on (stations, issue 22) and the first day that is too long by the limit in force.
  const stations: StationDates = {
    LINKED: f.linked_on,
    FIRST_CONTACT: f.first_contact_on,
    INTAKE_STARTED: f.intake_started_on,
    LEERBAARHEID: f.leerbaarheid_on,
    INTAKE_COMPLETED: f.intake_completed_on,
    ROUTE_CHOSEN: f.route_chosen_on,
    PIP_SET: f.pip_set_on,
    FIRST_HOURS: f.first_hours_on,
    FIRST_PLACEMENT: f.first_placement_on,
    PRE_END: f.first_pre_end_on,
    END: f.first_end_on,
  };
  const waitStep = waitingStep(stations, closed);
  const waitSince = waitStep ? stations[LEAD_STEP_FROM[waitStep]] : null;

  prepared(db, UPSERT_SQL).run({
    client_id: clientId,
    team_id: f.team_id,
    consulent_id: f.consulent_id,
    phase,
    route: e.route,
    intake_started_on: f.intake_started_on,
    intake_completed_on: f.intake_completed_on,
    pip_set_on: f.pip_set_on,
    pip_due_on: pipStart ? pipDueDate(pipStart, general) : null,
    termijn_end: termijn,
    language_hours: languageHours,
    participation_total: participation,
    paid_work_hours: e.progress.totals.attended.PAID_WORK,
    language_norm: e.norms.languageHours,
    participation_norm: e.norms.participationHours,
    pre_end_eligible: preEndEligible ? 1 : 0,
    end_eligible: endEligible ? 1 : 0,
    at_risk: atRisk ? 1 : 0,
    language_expected_on: languageExpected,
    participation_expected_on: participationExpected,
    last_hours_on: f.last_hours_on,
    last_conversation_on: f.last_conversation_on,
    next_conversation_due: closed ? null : nextConversationDue(f.last_conversation_on, f.pip_set_on, f.doelgroep, general),
    pre_end_held_on: f.pre_end_held_on,
    end_held_on: f.end_held_on,
    open_agreement_due_min: f.open_agreement_due_min,
    absence_period: absence?.period ?? null,
    absence_pct: absence?.pct ?? null,
    absence_signal: absence?.signal ? 1 : 0,
    enforcement_case_open: openCase ? 1 : 0,
    enforcement_next_step: enforcement?.next.kind ?? null,
    enforcement_next_due: enforcement?.next.dueOn ?? null,
    exam_no_result_since: f.exam_no_result_since,
    exams_registered: f.exams_registered,
    extended: e.progress.extensionMonths.length > 0 ? 1 : 0,
    milestone_due_min: milestoneDue,
    no_show_streak: streak,
    no_show_signal: !closed && streak >= e.rules.calendar.noShowSignalCount ? 1 : 0,
    duo_pending_since: f.duo_pending_since,
    last_client_contact_on: f.last_client_contact_on,
    contact_due_on: closed
      ? null
      : contactDueOn(f.last_client_contact_on, f.registered_on, noContactDaysFor(general, f.doelgroep, f.pip_set_on !== null)),
    closed_on: f.closed_on,
    computed_on: today,
    linked_on: f.linked_on,
    first_contact_on: f.first_contact_on,
    leerbaarheid_on: f.leerbaarheid_on,
    route_chosen_on: f.route_chosen_on,
    first_hours_on: f.first_hours_on,
    first_placement_on: f.first_placement_on,
    first_pre_end_on: f.first_pre_end_on,
    first_end_on: f.first_end_on,
    waiting_step: waitStep,
    waiting_since: waitSince,
    waiting_too_long_on: waitStep && waitSince ? waitingTooLongFrom(waitSince, targetsOn(db, today).waitDays[waitStep]) : null,
    ...providerSignalFacts(db, clientId),
  });
}

/** Recomputes every client's status (after a rule change, at start-up and daily). Returns the count. */
export function refreshAllClientStatuses(db: Db, today: string): number {
  const ids = db.prepare('SELECT id FROM clients ORDER BY id').pluck().all() as number[];
  const batch = 500;
  for (let i = 0; i < ids.length; i += batch) {
    db.transaction(() => {
      for (const id of ids.slice(i, i + batch)) refreshClientStatus(db, id, today);
    })();
  }
  return ids.length;
}

/**
 * Recomputes the statuses not computed today (time-dependent forecasts and rules in force move daily), in
 * small transactions with a turn of the event loop between them, so requests are served meanwhile. A client
 * changed in between is simply recomputed again (the status is derived from the facts). Returns the count.
 */
export async function refreshStaleClientStatuses(db: Db, today: string, batchSize = 250): Promise<number> {
  const ids = db
    .prepare(
      `SELECT c.id FROM clients c LEFT JOIN client_status s ON s.client_id = c.id
       WHERE s.computed_on IS NULL OR s.computed_on < ? ORDER BY c.id`,
    )
    .pluck()
    .all(today) as number[];
  for (let i = 0; i < ids.length; i += batchSize) {
    if (i > 0) await new Promise((resolve) => setImmediate(resolve));
    db.transaction(() => {
      for (const id of ids.slice(i, i + batchSize)) refreshClientStatus(db, id, today);
    })();
  }
  return ids.length;
}
