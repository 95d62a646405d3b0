import { clientAbsence } from '../db/absence.js';
import { refreshClientStatus } from '../db/client-status.js';
import {
  addEnforcementRuleVersion,
  caseFacts,
  clientsWithOpenCase,
  type EnforcementCase,
  enforcementRulesInForce,
  findCase,
  insertCase,
  insertStep,
  letterAddressee,
  listCases,
  listEnforcementRuleVersions,
} from '../db/enforcement.js';
import { findTargetGroupFacts } from '../db/target-group.js';
import { findTeam } from '../db/teams.js';
import {
  allowedSteps,
  DECISION_KINDS,
  DECISION_LABELS,
  type DecisionKind,
  DEFAULT_ENFORCEMENT_RULES,
  defaultImprovementEnd,
  defaultSanction,
  type EnforcementRules,
  enforcementSignal,
  fineCount,
  hasNoUitkeringLever,
  hearingHeldSinceLastDecision,
  nextStep,
  parseEnforcementRules,
  STEP_DONE_LABELS,
  STEP_LABELS,
  type StepKind,
  skippedBy,
  validateStep,
} from '../domain/index.js';
import { loadClient, toId } from './access.js';
import type { Actor } from './actor.js';
import { linkedDocumentsOf } from './documents.js';
import type { Deps } from './deps.js';
import { changeDossier } from './dossier-write.js';
import { forbidden, notFound } from './errors.js';
import { monthLabel } from './labels.js';
import { type FieldErrors, invalid, ok, type Parsed, refuse, type Result } from './result.js';

/** "€ 150" or "€ 87,50": an amount in a letter, a timeline summary or the rules page. */
export const euro = (n: number) => `€ ${n.toLocaleString('nl-NL', { minimumFractionDigits: 0, maximumFractionDigits: 2 })}`;

function caseView(deps: Deps, c: EnforcementCase, rules: EnforcementRules, today: string) {
  const facts = caseFacts(deps.db, c);
  const next = nextStep(facts, rules);
  const allowed = allowedSteps(facts, rules);
  return {
    ...c,
    next,
    signal: enforcementSignal(facts, rules, today),
    stepOptions: allowed.map((k) => {
      const skips = skippedBy(facts, k, rules);
      const suffix = skips.length ? ` (slaat over: ${skips.map((s) => STEP_LABELS[s].toLowerCase()).join(', ')})` : '';
      return { value: k, label: `${STEP_LABELS[k]}${suffix}` };
    }),
    sanction: defaultSanction(fineCount(facts), rules),
    hearingHeld: hearingHeldSinceLastDecision(facts),
    improvementEndDefault: defaultImprovementEnd(today, rules),
  };
}

/**
 * The enforcement page of a client: the open handhavingstraject with its next step, the closed ones, and the
 * absence per month. `audit: false` when the page is shown again after a refused form (as before: the refusal
 * has its own audit row, or none).
 */
export function loadEnforcementPage(deps: Deps, actor: Actor, clientId: unknown, options: { audit?: boolean } = {}) {
  const client = loadClient(deps, actor, clientId);
  const { db } = deps;
  const today = actor.today;
  const rules = enforcementRulesInForce(db, today);
  const cases = listCases(db, client.id).map((c) => caseView(deps, c, rules, today));
  if (options.audit ?? true) actor.audit('handhaving-bekeken', 'handhaving', { clientId: client.id });
  return {
    breadcrumbs: [
      { href: '/clients', label: 'Cliënten' },
      { href: `/clients/${client.id}`, label: `${client.firstName} ${client.lastName}` },
      { label: 'Verzuim en handhaving' },
    ],
    client,
    absence: clientAbsence(db, client.id, today),
    monthLabel,
    open: cases.find((c) => c.closedOn === null) ?? null,
    closed: cases.filter((c) => c.closedOn !== null),
    rules,
    today,
    euro,
    stepLabels: STEP_LABELS,
    decisionLabels: DECISION_LABELS,
    decisionOptions: DECISION_KINDS.map((k) => ({ value: k, label: DECISION_LABELS[k] })),
    activeTab: 'enforcement',
    documentsOf: linkedDocumentsOf(deps, actor, client, 'enforcement_steps'),
    /** A gezinsmigrant without a Participatiewet uitkering: no lever in the uitkering (issue 21). */
    noUitkeringLever: hasNoUitkeringLever(client.doelgroep, findTargetGroupFacts(db, client.id)?.pwUitkering ?? null),
  };
}

/** The form that opens a case: from the absence signal, or by hand with a reason. */
export interface OpenCaseForm {
  trigger: 'VERZUIM' | 'HANDMATIG';
  reason: string | null;
  openedOn: string | null;
}

/**
 * Opens a handhavingstraject. From the absence signal, the latest month above the threshold in the last six
 * months is the reason (with the consulent's words after it). One open case per client.
 */
export function openEnforcementCase(
  deps: Deps,
  actor: Actor,
  clientId: unknown,
  form: Parsed<OpenCaseForm>,
): Result<{ id: number }> {
  const client = loadClient(deps, actor, clientId);
  const { db } = deps;
  const today = actor.today;
  if (!form.ok) {
    actor.audit('handhaving-openen', 'handhaving', { clientId: client.id, outcome: 'error' });
    return invalid(form.errors);
  }
  if (client.closedOn) {
    return refuse({
      kind: 'closed' as const,
      message: 'Het inburgeringstraject van deze cliënt is afgesloten. U kunt geen handhavingstraject meer openen.',
    });
  }
  if (listCases(db, client.id).some((c) => c.closedOn === null)) {
    return invalid({ _form: 'Er loopt al een handhavingstraject. Sluit dat eerst af.' });
  }
  const v = form.data;
  const openedOn = v.openedOn ?? today;
  if (openedOn > today) return invalid({ openedOn: 'De startdatum mag niet in de toekomst liggen' });
  let triggerPeriod: string | null = null;
  let triggerPct: number | null = null;
  let reason = v.reason ?? '';
  if (v.trigger === 'VERZUIM') {
    const absence = clientAbsence(db, client.id, today);
    const latest = absence.signalling[absence.signalling.length - 1];
    if (!latest || latest.pct === null) {
      return invalid({ _form: 'Er is geen verzuimsignaal in de laatste zes maanden. Open het traject met de hand en vul een reden in.' });
    }
    triggerPeriod = latest.period;
    triggerPct = latest.pct;
    const auto = `Verzuim ${String(latest.pct).replace('.', ',')}% in ${monthLabel(latest.period)} (grens ${latest.threshold}%)`;
    reason = v.reason ? `${auto}. ${v.reason}` : auto;
  }
  const summary = `Handhaving: traject geopend (${v.trigger === 'VERZUIM' ? 'verzuimsignaal' : 'met de hand'})`;
  const saved = changeDossier(deps, actor, client.id, () => {
    const id = insertCase(db, { clientId: client.id, openedOn, trigger: v.trigger, triggerPeriod, triggerPct, reason }, actor.user.id, actor.nowIso);
    return { value: id, events: [{ kind: 'HANDHAVING', summary, refTable: 'enforcement_cases', refId: id, occurredOn: openedOn }] };
  })!;
  actor.audit('handhaving-geopend', 'handhaving', { clientId: client.id });
  return ok({ id: saved.value });
}

/** A step of a case as the web layer parsed it. */
export interface StepForm {
  kind: StepKind;
  date: string;
  note: string | null;
  skipReason: string | null;
  decisionKind: DecisionKind | null;
  amount: number | null;
  deviationReason: string | null;
  decisionReason: string | null;
  improvementEndDate: string | null;
}

function loadCase(deps: Deps, clientId: number, rawCaseId: unknown): EnforcementCase {
  const id = toId(rawCaseId);
  const c = id === null ? undefined : findCase(deps.db, clientId, id);
  if (!c) throw notFound('Dit handhavingstraject bestaat niet.');
  return c;
}

/**
 * Records a step of a case, checked against the case's steps and the rules in force (order, skipped steps with
 * a reason, a deviating sanction with a reason). A closed trajectory only allows closing the case.
 */
export function recordEnforcementStep(
  deps: Deps,
  actor: Actor,
  clientId: unknown,
  caseId: unknown,
  form: Parsed<StepForm>,
): Result<{ kind: StepKind; label: string }> {
  const client = loadClient(deps, actor, clientId);
  const c = loadCase(deps, client.id, caseId);
  const { db } = deps;
  const today = actor.today;
  const rules = enforcementRulesInForce(db, today);
  const fail = (errors: FieldErrors) => {
    actor.audit('handhaving-stap-vastleggen', 'handhaving', { clientId: client.id, outcome: 'error' });
    return invalid(errors);
  };
  if (!form.ok) return fail(form.errors);
  const s = form.data;
  if (client.closedOn && s.kind !== 'AFSLUITING') {
    return fail({ kind: 'Het inburgeringstraject van deze cliënt is afgesloten. U kunt dit handhavingstraject alleen nog afsluiten.' });
  }
  const checked = validateStep(caseFacts(db, c), s, rules, today);
  if (!checked.ok) return fail(checked.errors);
  const isDecision = s.kind === 'BESLUIT';
  const amount = isDecision && s.decisionKind === 'BOETE' ? s.amount : null;
  const defaultAmount = isDecision && checked.defaultSanction?.kind === 'BOETE' ? checked.defaultSanction.amount : null;
  let summary = `Handhaving: ${STEP_DONE_LABELS[s.kind]}`;
  if (isDecision && s.decisionKind) {
    summary += ` – ${DECISION_LABELS[s.decisionKind].toLowerCase()}${amount !== null ? ` ${euro(amount)}` : ''}`;
  }
  if (checked.skipped.length) summary += ` (overgeslagen: ${checked.skipped.map((k) => STEP_LABELS[k].toLowerCase()).join(', ')})`;
  const deviates =
    isDecision &&
    (s.decisionKind === 'BOETE' ? amount !== defaultAmount : s.decisionKind === 'AANBOD_STOPPEN' && checked.defaultSanction?.kind !== 'AANBOD_STOPPEN');
  changeDossier(deps, actor, client.id, () => {
    const id = insertStep(
      db,
      c,
      {
        kind: s.kind,
        date: s.date,
        note: s.note,
        skipped: checked.skipped,
        skipReason: s.skipReason,
        decisionKind: isDecision ? s.decisionKind : null,
        amount,
        defaultAmount,
        deviationReason: deviates ? s.deviationReason : null,
        decisionReason: isDecision ? s.decisionReason : null,
        improvementEndDate: checked.improvementEndDate,
      },
      actor.user.id,
      actor.nowIso,
    );
    return { value: id, events: [{ kind: 'HANDHAVING', summary, refTable: 'enforcement_steps', refId: id, occurredOn: s.date }] };
  });
  actor.audit('handhaving-stap-vastgelegd', 'handhaving', { clientId: client.id, details: s.kind });
  return ok({ kind: s.kind, label: STEP_LABELS[s.kind] });
}

/** The letter of a recorded (not skipped) step, with the next step as it stood after it. */
export function loadEnforcementLetter(deps: Deps, actor: Actor, clientId: unknown, caseId: unknown, stepId: unknown) {
  const client = loadClient(deps, actor, clientId);
  const { db } = deps;
  const cid = toId(caseId);
  const sid = toId(stepId);
  const c = cid === null ? undefined : findCase(db, client.id, cid);
  const step = sid === null ? undefined : c?.steps.find((s) => s.id === sid && !s.skipped);
  if (!c || !step) throw notFound('Deze brief bestaat niet.');
  const today = actor.today;
  const rules = enforcementRulesInForce(db, today);
  const facts = caseFacts(db, { ...c, steps: c.steps.filter((s) => s.id <= step.id) });
  actor.audit('handhaving-brief-bekeken', 'handhaving', { clientId: client.id, details: `stap ${step.id}` });
  return {
    breadcrumbs: [
      { href: '/clients', label: 'Cliënten' },
      { href: `/clients/${client.id}`, label: `${client.firstName} ${client.lastName}` },
      { href: `/clients/${client.id}/enforcement`, label: 'Verzuim en handhaving' },
      { label: 'Brief' },
    ],
    client,
    to: letterAddressee(db, client.id),
    team: findTeam(db, client.teamId),
    kase: c,
    step,
    next: nextStep(facts, rules),
    rules,
    letterDate: today,
    monthLabel,
    euro,
    stepLabels: STEP_LABELS,
  };
}

// ---- Admin: enforcement rules, effective-dated versions -------------------------------------------

function assertAdmin(actor: Actor): void {
  if (actor.user.role !== 'admin') throw forbidden();
}

/** The form values of a rule set, as the rules form shows them. */
export function enforcementRulesValues(r: EnforcementRules): Record<string, unknown> {
  const v: Record<string, unknown> = {
    improvementWeeks: r.improvementWeeks,
    stopOfferAfterFines: r.stopOfferAfterFines,
  };
  for (let i = 0; i < 4; i += 1) v[`fineAmounts.${i}`] = r.fineAmounts[i] ?? '';
  for (const [k, d] of Object.entries(r.dueDays)) v[`dueDays.${k}`] = d;
  return v;
}

/** The admin page of the enforcement rules: every version, the rules in force today and the defaults. */
export function loadEnforcementRulesPage(deps: Deps, actor: Actor, options: { audit?: boolean } = {}) {
  assertAdmin(actor);
  const { db } = deps;
  const inForce = enforcementRulesInForce(db, actor.today);
  if (options.audit ?? true) actor.audit('handhavingsregels-bekeken', 'beheer');
  return {
    breadcrumbs: [{ href: '/', label: 'Beheer' }, { label: 'Regels voor handhaving' }],
    versions: listEnforcementRuleVersions(db).reverse(),
    inForce,
    defaults: DEFAULT_ENFORCEMENT_RULES,
    today: actor.today,
    euro,
    /** What the form shows when nothing was typed: the rules in force, from today. */
    defaultValues: { ...enforcementRulesValues(inForce), effectiveFrom: actor.today },
  };
}

/** A new version of the enforcement rules as the web layer parsed it; `rules` is checked here. */
export interface EnforcementRulesForm {
  effectiveFrom: string;
  note: string | null;
  rules: {
    fineAmounts: number[];
    stopOfferAfterFines: boolean;
    improvementWeeks: number;
    dueDays: Record<string, number>;
  };
}

/**
 * Adds a version of the enforcement rules, in force from a date not in the past (earlier decisions stay
 * explainable). The due dates of open cases follow the rules in force, so their clients' status (the
 * caseload's overdue signal) is refreshed in the same transaction.
 */
export function changeEnforcementRules(deps: Deps, actor: Actor, form: Parsed<EnforcementRulesForm>): Result {
  assertAdmin(actor);
  if (!form.ok) return invalid(form.errors);
  const f = form.data;
  if (f.effectiveFrom < actor.today) {
    return invalid({ effectiveFrom: 'De ingangsdatum mag niet in het verleden liggen; eerdere besluiten blijven zo uitlegbaar' });
  }
  const checked = parseEnforcementRules(f.rules);
  if (!checked.ok) {
    const errors: FieldErrors = {};
    for (const e of checked.errors) if (!(e.path in errors)) errors[e.path] = e.message;
    return invalid(errors);
  }
  const { db } = deps;
  db.transaction(() => {
    addEnforcementRuleVersion(db, { effectiveFrom: f.effectiveFrom, rules: checked.value, note: f.note, createdBy: actor.user.id }, actor.nowIso);
    for (const clientId of clientsWithOpenCase(db)) refreshClientStatus(db, clientId, actor.today);
  })();
  actor.audit('handhavingsregels-gewijzigd', 'beheer', { details: `ingang ${f.effectiveFrom}` });
  return ok();
}
