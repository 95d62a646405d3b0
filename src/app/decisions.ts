// Decisions that change the count or the trajectory (instruments, guidance hours, substitution, exemptions and
// completions): the page, the preview of a decision's effect, saving it and revoking it with a reason.
import {
  activeDecisionsOfKind,
  type ApprovalStatus,
  DECISION_KINDS,
  type DecisionKind,
  findDecision,
  insertDecision,
  listDecisions,
  revokeDecision as revokeDecisionRow,
} from '../db/decisions.js';
import type { Eligibility } from '../db/progress.js';
import {
  checkEndConversation,
  checkPreEndConversation,
  DomainInputError,
  type InstrumentUse,
  type ProgressSnapshot,
  participationTotal,
  zRouteNorms,
} from '../domain/index.js';
import { formatDate, formatHours } from '../lib/format.js';
import { toId } from './access.js';
import type { Actor } from './actor.js';
import { linkedDocumentsOf } from './documents.js';
import { type ClientPage, closedRefusal, loadClientPage } from './client-page.js';
import type { Deps } from './deps.js';
import { changeDossier } from './dossier-write.js';
import { recordDuoFact } from './duo.js';
import { conflict, notFound } from './errors.js';
import { hourBars } from './hour-bars.js';
import { type FieldErrors, invalid, ok, type Parsed, refuse, type Result } from './result.js';

// The option list of the form, for the web layer's schema.
export { DECISION_KINDS };

/** The decision form as the web layer parsed it. */
export interface DecisionForm {
  kind: DecisionKind;
  decidedOn: string;
  reason: string;
  instrumentCode: string | null;
  attendancePct: number | null;
  instrumentHours: number | null;
  substitutionHours: number | null;
  completedOn: string | null;
}

export const DECISION_LABELS: Record<string, string> = {
  INSTRUMENT: 'Instrument meetellen als participatie',
  GUIDANCE_HOURS: 'Voortgangs- en begeleidingsgesprekken meetellen',
  SUBSTITUTION: 'Substitutie: taaluren vervangen door betaald werk',
  MAP_EXEMPTION: 'Vrijstelling MAP',
  KNM_COMPLETED: 'KNM afgerond',
  MAP_COMPLETED: 'MAP afgerond',
  PVT_COMPLETED: 'PVT afgerond',
  EDUCATION_COMPLETED: 'Opleiding afgerond (onderwijsroute)',
};

const APPROVAL_LABELS: Record<ApprovalStatus, string> = {
  NOT_REQUIRED: '',
  PENDING: 'wacht op goedkeuring',
  APPROVED: 'goedgekeurd',
  REJECTED: 'afgewezen',
};

const Z_ONLY: DecisionKind[] = ['INSTRUMENT', 'GUIDANCE_HOURS', 'SUBSTITUTION'];
const COMPLETION: DecisionKind[] = ['KNM_COMPLETED', 'MAP_COMPLETED', 'PVT_COMPLETED', 'EDUCATION_COMPLETED'];

/** Domain error fields (e.g. 'instruments[2].attendancePct') → form field names. */
function formField(domainField: string): string {
  if (domainField.endsWith('.attendancePct')) return 'attendancePct';
  if (domainField.endsWith('.hours')) return 'instrumentHours';
  if (domainField.endsWith('.code')) return 'instrumentCode';
  if (domainField === 'substitutionHours') return 'substitutionHours';
  return '_form';
}

export interface Effect {
  data: Record<string, unknown>;
  messages: string[];
  approvalStatus: ApprovalStatus;
}

/**
 * What a decision changes, computed with the domain functions by comparing the snapshot before and after.
 * Returns field errors (Dutch) for input the domain or the page refuses.
 */
export function decisionEffect(
  e: Eligibility,
  f: DecisionForm,
  today: string,
  existing: (kind: DecisionKind) => { decidedOn: string; data: Record<string, unknown> }[],
): { ok: true; effect: Effect } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (f.decidedOn > today) errors.decidedOn = 'De datum van het besluit mag niet na vandaag liggen';
  if (!e.route || !e.progress.snapshot) {
    return { ok: false, errors: { ...errors, kind: 'Kies eerst een route voor deze cliënt; daarna kunt u besluiten vastleggen' } };
  }
  if (Z_ONLY.includes(f.kind) && e.route !== 'Z') errors.kind = 'Dit besluit kan alleen in de Z-route';
  if (f.kind === 'EDUCATION_COMPLETED' && e.route !== 'ONDERWIJS') errors.kind = 'Dit besluit kan alleen in de onderwijsroute';
  if (Object.keys(errors).length) return { ok: false, errors };

  const before: ProgressSnapshot = e.progress.snapshot;
  const after: ProgressSnapshot = { ...before, instruments: [...before.instruments] };
  const rules = e.rules.z;
  const data: Record<string, unknown> = {};
  const messages: string[] = [];
  let approvalStatus: ApprovalStatus = 'NOT_REQUIRED';

  try {
    switch (f.kind) {
      case 'INSTRUMENT': {
        const def = rules.instruments.find((i) => i.code === f.instrumentCode);
        if (!def) return { ok: false, errors: { instrumentCode: 'Kies het instrument' } };
        if (existing('INSTRUMENT').some((d) => d.data.code === def.code)) {
          return { ok: false, errors: { instrumentCode: `${def.name} telt al mee; trek het eerdere besluit eerst in` } };
        }
        const use: InstrumentUse = { code: def.code, counted: true };
        if (def.fullHours !== null) {
          if (f.attendancePct === null) {
            return { ok: false, errors: { attendancePct: `Vul het aanwezigheidspercentage uit het eindrapport van ${def.name} in` } };
          }
          use.attendancePct = f.attendancePct;
        } else {
          if (f.instrumentHours === null) {
            return { ok: false, errors: { instrumentHours: `Vul de gevolgde uren van ${def.name} in` } };
          }
          use.hours = f.instrumentHours;
        }
        after.instruments.push(use);
        const added =
          participationTotal({ ...before, instruments: [use] }, rules) - participationTotal({ ...before, instruments: [] }, rules);
        data.code = def.code;
        if (use.attendancePct !== undefined) {
          data.attendancePct = use.attendancePct;
          messages.push(
            `Telt mee als participatie: ${formatHours(added)} uur (${formatHours(use.attendancePct)}% van ${formatHours(def.fullHours ?? 0)})`,
          );
        } else {
          data.hours = use.hours;
          messages.push(`Telt mee als participatie: ${formatHours(added)} uur (${def.name})`);
        }
        if (e.rules.general.approvals.instrumentCounting) {
          approvalStatus = 'PENDING';
          messages.push('Dit besluit moet eerst worden goedgekeurd; de uren tellen pas mee na goedkeuring.');
        }
        break;
      }
      case 'GUIDANCE_HOURS':
        if (before.countGuidanceConversations || existing('GUIDANCE_HOURS').length) {
          return { ok: false, errors: { kind: 'De voortgangs- en begeleidingsgesprekken tellen al mee' } };
        }
        after.countGuidanceConversations = true;
        messages.push(
          `Telt mee als participatie: ${formatHours(rules.guidanceConversationHours)} uur (voortgangs- en begeleidingsgesprekken)`,
        );
        break;
      case 'SUBSTITUTION': {
        const s = f.substitutionHours;
        if (s === null) return { ok: false, errors: { substitutionHours: 'Vul het aantal substitutie-uren in' } };
        if (s < 1) return { ok: false, errors: { substitutionHours: 'Het aantal substitutie-uren moet minstens 1 zijn' } };
        const norms = zRouteNorms(s, rules);
        after.substitutionHours = s;
        data.hours = s;
        messages.push(
          `Taalnorm wordt ${formatHours(norms.languageHours)}, participatienorm ${formatHours(norms.participationHours)}, waarvan minstens ${formatHours(norms.paidWorkHours)} uur betaald werk`,
        );
        if (before.substitutionHours > 0) {
          messages.push(`Vervangt de eerdere substitutie van ${formatHours(before.substitutionHours)} uur.`);
        }
        messages.push(`Betaald werk tot nu toe: ${formatHours(before.paidWorkHours)} uur.`);
        break;
      }
      case 'MAP_EXEMPTION':
      case 'MAP_COMPLETED':
      case 'KNM_COMPLETED':
      case 'PVT_COMPLETED':
      case 'EDUCATION_COMPLETED': {
        const label = DECISION_LABELS[f.kind]!;
        const prior = existing(f.kind);
        if (prior.length) {
          return { ok: false, errors: { kind: `${label} is al vastgelegd op ${formatDate(prior[0]!.decidedOn)}` } };
        }
        if (COMPLETION.includes(f.kind)) {
          const on = f.completedOn ?? f.decidedOn;
          if (on > today) return { ok: false, errors: { completedOn: 'De datum van afronding mag niet na vandaag liggen' } };
          data.completedOn = on;
          messages.push(`${label} op ${formatDate(on)}.`);
        } else {
          messages.push('MAP telt als afgerond (vrijstelling).');
        }
        if (f.kind === 'KNM_COMPLETED') after.knmCompleted = true;
        if (f.kind === 'MAP_COMPLETED' || f.kind === 'MAP_EXEMPTION') after.mapCompleted = true;
        if (f.kind === 'PVT_COMPLETED') after.pvtCompleted = true;
        break;
      }
    }
    if (e.route === 'Z' && approvalStatus !== 'PENDING') {
      const pBefore = participationTotal(before, rules);
      const pAfter = participationTotal(after, rules);
      if (pAfter !== pBefore) {
        messages.push(`Participatie-uren: ${formatHours(pBefore)} → ${formatHours(pAfter)}.`);
      }
      const preBefore = checkPreEndConversation(before, rules).eligible;
      const preAfter = checkPreEndConversation(after, rules).eligible;
      if (!preBefore && preAfter) messages.push('Hierna voldoet de cliënt aan de voorwaarden voor het pre-eindgesprek.');
      const endBefore = checkEndConversation(before, rules);
      const endAfter = checkEndConversation(after, rules);
      if (endBefore.eligible !== endAfter.eligible) {
        messages.push(
          endAfter.eligible
            ? 'Hierna voldoet de cliënt aan de voorwaarden voor het eindgesprek.'
            : 'Hierna voldoet de cliënt nog niet aan de voorwaarden voor het eindgesprek.',
        );
      }
      if (f.kind === 'SUBSTITUTION') {
        for (const c of endAfter.conditions) {
          if (!c.met && (c.code === 'LANGUAGE_HOURS' || c.code === 'PARTICIPATION_HOURS' || c.code === 'PAID_WORK_HOURS')) {
            messages.push(`${c.message}.`);
          }
        }
      }
    }
  } catch (err) {
    if (err instanceof DomainInputError) return { ok: false, errors: { [formField(err.field)]: err.message } };
    throw err;
  }
  data.effect = messages;
  return { ok: true, effect: { data, messages, approvalStatus } };
}


/** The decisions page of a client: the progress bars, the decisions (revoked ones too) and the form's lists. */
export function loadDecisionsPage(deps: Deps, actor: Actor, clientId: unknown) {
  const page = loadClientPage(deps, actor, clientId);
  actor.audit('besluiten-bekeken', 'voortgang', { clientId: page.client.id });
  return {
    ...page,
    bars: hourBars(page.eligibility),
    decisions: listDecisions(deps.db, page.client.id),
    labels: DECISION_LABELS,
    approvalLabels: APPROVAL_LABELS,
    instruments: page.eligibility.rules.z.instruments,
    maxSubstitution: page.eligibility.rules.z.maxSubstitutionHours,
    documentsOf: linkedDocumentsOf(deps, actor, page.client, 'decisions'),
  };
}

/** The checks of a decision (closed dossier, input, rules) and its effect, as both preview and save need them. */
function checkDecision(deps: Deps, actor: Actor, clientId: unknown, form: Parsed<DecisionForm>): Result<{ page: ClientPage; f: DecisionForm; effect: Effect }> {
  const page = loadClientPage(deps, actor, clientId);
  const closed = closedRefusal(actor, page.client, 'besluiten');
  if (closed) return refuse(closed);
  if (!form.ok) return invalid(form.errors);
  const result = decisionEffect(page.eligibility, form.data, page.today, (kind) => activeDecisionsOfKind(deps.db, page.client.id, kind));
  if (!result.ok) return invalid(result.errors);
  return ok({ page, f: form.data, effect: result.effect });
}

/** What a decision would change (Dutch lines), without saving it. */
export function previewDecision(deps: Deps, actor: Actor, clientId: unknown, form: Parsed<DecisionForm>): Result<{ messages: string[] }> {
  const checked = checkDecision(deps, actor, clientId, form);
  if (!checked.ok) return checked;
  return ok({ messages: checked.value.effect.messages });
}

/** Saves a decision with its effect (waiting for approval where the rules in force ask for it). */
export function recordDecision(deps: Deps, actor: Actor, clientId: unknown, form: Parsed<DecisionForm>): Result<{ summary: string }> {
  const checked = checkDecision(deps, actor, clientId, form);
  if (!checked.ok) return checked;
  const { page, f, effect } = checked.value;
  const summary = `${DECISION_LABELS[f.kind]}. ${effect.messages.join(' ')}`;
  changeDossier(deps, actor, page.client.id, () => {
    const id = insertDecision(
      deps.db,
      {
        clientId: page.client.id,
        kind: f.kind,
        decidedOn: f.decidedOn,
        reason: f.reason,
        data: effect.data,
        approvalStatus: effect.approvalStatus,
        decidedBy: actor.user.id,
      },
      actor.nowIso,
    );
    if ((f.kind === 'PVT_COMPLETED' || f.kind === 'MAP_COMPLETED') && effect.approvalStatus !== 'PENDING') {
      recordDuoFact(deps, actor, page.client.id, { fact: f.kind, factOn: f.decidedOn, refTable: 'decisions', refId: id });
    }
    return {
      value: id,
      events: [{ kind: 'DECISION', summary: `Besluit: ${summary}`, occurredOn: f.decidedOn, refTable: 'decisions', refId: id }],
    };
  });
  actor.audit('besluit-vastgelegd', 'voortgang', { clientId: page.client.id, details: f.kind });
  return ok({ summary });
}

/** Revokes a decision with a reason; the decision stays in the history and stops counting. */
export function revokeDecision(
  deps: Deps,
  actor: Actor,
  clientId: unknown,
  decisionId: unknown,
  form: Parsed<{ revokeReason: string }>,
): Result<{ label: string }> {
  const page = loadClientPage(deps, actor, clientId);
  const closed = closedRefusal(actor, page.client, 'besluiten');
  if (closed) return refuse(closed);
  const id = toId(decisionId);
  const decision = id === null ? undefined : findDecision(deps.db, page.client.id, id);
  if (!decision) throw notFound('Dit besluit bestaat niet.');
  if (decision.revokedOn) throw conflict('Dit besluit is al ingetrokken.');
  if (!form.ok) return invalid(form.errors);
  const reason = form.data.revokeReason;
  const label = DECISION_LABELS[decision.kind] ?? decision.kind;
  const revoked = changeDossier(deps, actor, page.client.id, () =>
    revokeDecisionRow(deps.db, page.client.id, decision.id, reason, actor.user.id, actor.today)
      ? {
          value: decision.id,
          events: [{ kind: 'DECISION', summary: `Besluit ingetrokken: ${label}. Reden: ${reason}`, refTable: 'decisions', refId: decision.id }],
        }
      : null,
  );
  if (!revoked) throw conflict('Dit besluit is al ingetrokken.');
  actor.audit('besluit-ingetrokken', 'voortgang', { clientId: page.client.id, details: decision.kind });
  return ok({ label });
}
