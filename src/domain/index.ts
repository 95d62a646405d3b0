// Public API of the domain module: pure, no I/O, no clock. See README.md for the sources of each rule.
export type { Route, InstrumentUse, ProgressSnapshot, ConditionCode, Condition, EligibilityResult, ZRouteRules } from './types.js';
export { DomainInputError } from './errors.js';
export { DEFAULT_Z_ROUTE_RULES, participationTotal, checkPreEndConversation, checkEndConversation } from './z-route.js';
export type { B1RouteRules, OnderwijsRouteRules, Doelgroep, GeneralRules, CalendarRules, RuleSet, RuleSetVersion } from './rules.js';
export {
  DEFAULT_RULE_SET,
  DEFAULT_GENERAL_RULES,
  DEFAULT_CALENDAR_RULES,
  LEERBAARHEID_MAX_SCORE,
  ruleSetSchema,
  zRouteRulesSchema,
  parseRuleSet,
  ruleSetInForce,
} from './rules.js';
export type { ExamSkill, Level, B1Snapshot, OnderwijsSnapshot } from './completion.js';
export {
  EXAM_SKILLS,
  LEVELS,
  SKILL_LABELS,
  LEVEL_LABELS,
  checkB1Completion,
  checkOnderwijsCompletion,
} from './completion.js';
export type { RouteAdviceInput } from './route-advice.js';
export { adviseRoute } from './route-advice.js';
export type { NormProgress, NormForecast } from './time.js';
export { termijnEnd, nextConversationDue, pipDueDate, forecast, zRouteNorms } from './time.js';
export { isValidBsn, maskBsn } from './bsn.js';
export type { Phase, PhaseFacts } from './phase.js';
export { derivePhase, PHASE_LABELS, ROUTE_LABELS, DOELGROEP_LABELS } from './phase.js';
export type { AbsenceInput, ExcusedReasonKind, PeriodHours, PeriodAbsence } from './absence.js';
export {
  EXCUSED_REASON_KINDS,
  EXCUSED_REASON_LABELS,
  absencePercentage,
  isAbsenceSignal,
  lastMonths,
  absenceByPeriod,
  currentAbsence,
  CURRENT_ABSENCE_MONTHS,
} from './absence.js';
export type {
  StepKind,
  DecisionKind,
  DueDays,
  EnforcementRules,
  RecordedStep,
  EnforcementCaseFacts,
  StepInput,
  NextStep,
  DefaultSanction,
  StepValidation,
  EnforcementSignal,
} from './enforcement.js';
export {
  STEP_KINDS,
  STEP_LABELS,
  STEP_DONE_LABELS,
  DECISION_KINDS,
  DECISION_LABELS,
  DEFAULT_ENFORCEMENT_RULES,
  enforcementRulesSchema,
  parseEnforcementRules,
  fineCount,
  defaultSanction,
  defaultImprovementEnd,
  nextStep,
  allowedSteps,
  skippedBy,
  hearingHeldSinceLastDecision,
  validateStep,
  isOverdue,
  enforcementSignal,
} from './enforcement.js';
export type { MilestoneCode, MilestoneStatus, Milestone, MilestoneFacts } from './milestones.js';
export {
  MILESTONE_CODES,
  MILESTONE_LABELS,
  MILESTONE_STATUS_LABELS,
  milestones,
  firstOpenMilestoneDue,
  noShowStreak,
  invitationDaysAhead,
  invitationTooLate,
} from './milestones.js';
export type { NoContactDays } from './rules.js';
export { DEFAULT_NO_CONTACT_DAYS } from './rules.js';
export { noContactDaysFor, contactDueOn, isNoContactSignal } from './contact.js';
export type { BarrierKind, BarrierStatus, BarrierStatusEntry, CurrentBarrier } from './barriers.js';
export {
  BARRIER_KINDS,
  BARRIER_KIND_LABELS,
  BARRIER_STATUSES,
  BARRIER_STATUS_LABELS,
  NOT_FILLED_IN,
  currentBarriers,
  barrierChanges,
} from './barriers.js';
export type { TargetGroup } from './target-group.js';
export { TARGET_GROUPS, TARGET_GROUP_LABELS, JONGERE_MAX_AGE, jongereBornAfter, isJongere, hasNoUitkeringLever } from './target-group.js';
export type { Station, StationDates, LeadStep, WaitLimits, BarItem, WaitState } from './stations.js';
export { STATIONS, STATION_LABELS, LEAD_STEPS, LEAD_STEP_FROM, LEAD_STEP_LABELS, stationsBar, waitingStep, waitingTooLongFrom, percentile, daysBetween } from './stations.js';
export type { TargetKey, TargetSet, TargetVersion, Light, RouteTargetKey, OnTrackFacts, TargetFacts, TargetCount, HoursAsOf } from './targets.js';
export { TARGET_KEYS, ROUTE_TARGET_KEYS, targetFor, TARGET_LABELS, DEFAULT_TARGETS, targetSetSchema, targetsInForce, lightOf, shareOf, LIGHT_LABELS, LIGHT_MARGIN, atRiskOn, countTargets } from './targets.js';
export { MIN_GROUP_SIZE, MIN_CELL_SIZE, publishable, per100 } from './disclosure.js';
export { DEFAULT_COST_RULES, type CostRules } from './rules.js';
export {
  WEEKDAYS, WEEKDAY_LABELS, PLAN_ACTIVITIES, DAY_PARTS, isTime, toMinutes, blockMinutes, overlaps, weeklyPlanWarnings, proposeWeek,
  type Weekday, type PlanActivity, type DayPart, type PlanBlock, type PlanWindow, type PlanWarning, type PlanComponent,
} from './weekly-plan.js';
export {
  COST_COMPONENTS, COST_KINDS, componentTotals, budgetUsedCents, budgetState, needsOverBudgetReason, budgetPct, spread, BUDGET_BANDS, budgetBand,
  type CostComponent, type CostKind, type CostAmount, type ComponentTotal, type BudgetState,
} from './budget.js';
