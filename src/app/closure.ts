// Closing a trajectory (every way it ends), withdrawing a closure, extending the termijn, and the handover
// summary for a new municipality (issue 12).
import { clientSignals } from '../db/caseload.js';
import {
  CLOSURE_HINTS,
  CLOSURE_LABELS,
  CLOSURE_TYPES,
  type ClosureType,
  closureLabelInSentence,
  completionCheck,
  findClosure,
  handoverSummary,
  insertClosure,
  insertExtension,
  type NewClosure,
  type NewExtension,
  ONTHEFFING_GROUNDS,
  ONTHEFFING_LABELS,
  type OntheffingGround,
  revokeClosure,
  type TermijnInfo,
  termijnInfo,
} from '../db/closures.js';
import { refreshClientStatus } from '../db/client-status.js';
import { dossierFacts } from '../db/retention.js';
import {
  EXAM_PART_LABELS,
  EXAM_RESULT_LABELS,
  LEVEL_NAMES,
  LEVEL_SKILL_LABELS,
  LEVEL_SKILLS,
  LEVEL_SOURCE_LABELS,
  levelHistory,
  listExams,
} from '../db/language.js';
import { HOUR_KINDS } from '../db/progress.js';
import { DOELGROEP_LABELS, ROUTE_LABELS } from '../domain/index.js';
import { formatDate } from '../lib/format.js';
import { canSeeFullBsn, loadClient } from './access.js';
import type { Actor } from './actor.js';
import type { Deps } from './deps.js';
import { loadDossierPage, refuseClosedDossier } from './dossier-page.js';
import { changeDossier, type DossierEvent } from './dossier-write.js';
import { recordDuoFact } from './duo.js';
import { forbidden } from './errors.js';
import { HOUR_KIND_LABELS, OWNER_LABELS } from './labels.js';
import { handoverNotesFor } from './restricted-notes.js';
import { type FieldErrors, invalid, ok, type Parsed, refuse, type Result, stale } from './result.js';

// The option lists of the forms, for the web layer's schemas.
export { CLOSURE_TYPES, ONTHEFFING_GROUNDS };

export interface ClosureForm {
  type: ClosureType;
  closedOn: string;
  reason: string;
  overrideReason: string | null;
  ontheffingGround: OntheffingGround | null;
  newMunicipality: string | null;
}

export interface ExtensionForm {
  months: number;
  extendedOn: string;
  extensionReason: string;
}

export interface ReopenForm {
  reopenReason: string;
}

// Labels of the handover summary (the words the new municipality reads; not those of the decisions page).
const HANDOVER_DECISION_LABELS: Record<string, string> = {
  INSTRUMENT: 'Instrument meegeteld',
  GUIDANCE_HOURS: 'Uren voor begeleidingsgesprekken meegeteld',
  SUBSTITUTION: 'Substitutie taaluren door werkuren',
  MAP_EXEMPTION: 'MAP vrijgesteld',
  KNM_COMPLETED: 'KNM afgerond',
  MAP_COMPLETED: 'MAP afgerond',
  PVT_COMPLETED: 'PVT afgerond',
  EDUCATION_COMPLETED: 'Onderwijsdeel afgerond',
  AFSCHALEN: 'Afgeschaald naar A2',
  TERMIJN_EXTENSION: 'Termijn verlengd',
  CLOSURE: 'Traject afgesloten',
};
const AGREEMENT_STATUS: Record<string, string> = { OPEN: 'Open', LOOPT_ACHTER: 'Loopt achter' };
const PIP_REASONS: Record<string, string> = {
  FIRST: 'Eerste PIP',
  ROUTE_SWITCH: 'Route gewijzigd',
  AFSCHALEN: 'Afschalen naar A2',
  MOVE: 'Verhuizing',
  OTHER: 'Overig',
};

/**
 * The closure page without its view audit row: for showing it again with a refused form (the page is audited
 * when it is opened; a refused write has its own audit row where it had one before).
 */
export function closurePageModel(deps: Deps, actor: Actor, clientId: unknown) {
  const page = loadDossierPage(deps, actor, clientId, () => [{ label: 'Afsluiten' }]);
  const { db } = deps;
  const id = page.client.id;
  return {
    ...page,
    termijn: termijnInfo(db, id, page.today),
    // The caseload's EXTENSION signal of this client (one source: clientSignals).
    extensionSignal: clientSignals(db, id, page.today).includes('EXTENSION'),
    check: completionCheck(db, id, page.today),
    labels: { CLOSURE_LABELS, ONTHEFFING_LABELS, ROUTE_LABELS },
    typeOptions: CLOSURE_TYPES.map((t) => ({ value: t, label: CLOSURE_LABELS[t], hint: CLOSURE_HINTS[t] })),
    groundOptions: ONTHEFFING_GROUNDS.map((g) => ({ value: g, label: ONTHEFFING_LABELS[g] })),
  };
}

/** The closure page: how the trajectory ended, the termijn with its extensions, the completion check. */
export function loadClosurePage(deps: Deps, actor: Actor, clientId: unknown) {
  const page = closurePageModel(deps, actor, clientId);
  actor.audit('afsluiting-bekeken', 'afronding', { clientId: page.client.id });
  return page;
}

/** The handover summary for the new municipality; the BSN only for the client's own consulent. */
export function loadHandoverPage(deps: Deps, actor: Actor, clientId: unknown) {
  const page = loadDossierPage(deps, actor, clientId, (dossier) => [{ href: `${dossier}/closure`, label: 'Afsluiten' }, { label: 'Overdracht' }]);
  const { db } = deps;
  const { client, today } = page;
  const summary = handoverSummary(db, client.id, today);
  if (!summary) throw new Error('client vanished');
  const history = levelHistory(db, client.id);
  actor.audit('overdracht-bekeken', 'afronding', { clientId: client.id });
  return {
    breadcrumbs: page.breadcrumbs,
    client,
    s: { ...summary, client: { ...summary.client, bsn: null } }, // the BSN only through `bsn` below
    bsn: canSeeFullBsn(actor.user, client) ? summary.client.bsn : null,
    hasBsn: summary.client.bsn !== null,
    today,
    exams: listExams(db, client.id),
    latestLevels: LEVEL_SKILLS.map((skill) => ({ label: LEVEL_SKILL_LABELS[skill], latest: history[skill].at(-1) ?? null })),
    hourKinds: HOUR_KINDS.map((k) => ({ label: HOUR_KIND_LABELS[k], attended: summary.hours.attended[k] })),
    // Restricted notes only when the own consulent chose to give them along, with a reason (issue 20).
    restrictedNotes: handoverNotesFor(deps, actor, client),
    labels: {
      CLOSURE_LABELS,
      ROUTE_LABELS,
      DOELGROEP_LABELS,
      DECISION_LABELS: HANDOVER_DECISION_LABELS,
      AGREEMENT_OWNERS: OWNER_LABELS,
      AGREEMENT_STATUS,
      PIP_REASONS,
      EXAM_PART_LABELS,
      EXAM_RESULT_LABELS,
      LEVEL_NAMES,
      LEVEL_SOURCE_LABELS,
    },
  };
}

/**
 * The rules of closing that need the stored data, as Dutch messages per field (empty: it may be saved).
 * "Inburgering afgerond" needs the completion check met, or a reason to close as completed anyway.
 */
function closureErrors(deps: Deps, clientId: number, input: NewClosure, today: string): FieldErrors {
  const errors: FieldErrors = {};
  if (input.type === 'COMPLETED' && !input.overrideReason && !completionCheck(deps.db, clientId, today).met) {
    errors.overrideReason =
      'De cliënt voldoet (nog) niet aan de eisen om af te ronden. Vul een reden in als u toch wilt afsluiten als afgerond.';
  }
  if (input.type === 'ONTHEFFING' && !input.ontheffingGround) errors.ontheffingGround = 'Kies de grond voor de ontheffing';
  if (input.type === 'VERHUIZING' && !input.newMunicipality) errors.newMunicipality = 'Vul de nieuwe gemeente in';
  return errors;
}

/** The timeline line of a closure. */
function closureEvent(input: NewClosure, id: number): DossierEvent {
  let extra = '';
  if (input.type === 'VERHUIZING') extra = ` Nieuwe gemeente: ${input.newMunicipality}.`;
  if (input.type === 'ONTHEFFING' && input.ontheffingGround) extra = ` Grond: ${ONTHEFFING_LABELS[input.ontheffingGround].toLowerCase()}.`;
  if (input.type === 'COMPLETED' && input.overrideReason) {
    extra = ` Afgesloten zonder dat alle eisen zijn gehaald: ${input.overrideReason}.`;
  }
  return {
    occurredOn: input.decidedOn,
    kind: 'CLOSURE',
    summary: `Traject afgesloten: ${closureLabelInSentence(input.type)}. Reden: ${input.reason}.${extra}`,
    refTable: 'decisions',
    refId: id,
  };
}

/** The rules of an extension that need the stored data, as Dutch messages per field (empty: it may be saved). */
function extensionErrors(t: TermijnInfo, input: NewExtension): FieldErrors {
  if (!t.start || !t.extensionFrom) {
    return { _form: 'Er is nog geen PIP vastgesteld, dus de termijn is nog niet begonnen. Verlengen kan nog niet.' };
  }
  if (input.decidedOn < t.extensionFrom) {
    return {
      decidedOn: `Verlengen kan pas vanaf ${formatDate(t.extensionFrom)}: ${t.extensionFromMonths} maanden na de start van de termijn op ${formatDate(t.start)}.`,
    };
  }
  return {};
}

/** The timeline line of an extension, with the new end of the termijn (client_status after the extension). */
function extensionEvent(input: NewExtension, newEnd: string | null, id: number): DossierEvent {
  return {
    occurredOn: input.decidedOn,
    kind: 'DECISION',
    summary: `Besluit: termijn verlengd met ${input.months} ${input.months === 1 ? 'maand' : 'maanden'}, nieuw einde ${formatDate(newEnd)}. Reden: ${input.reason}.`,
    refTable: 'decisions',
    refId: id,
  };
}

/**
 * Closes the trajectory: a CLOSURE decision, the dossier read-only from then on. "Inburgering afgerond" needs
 * the completion check met or a reason; ontheffing a ground; verhuizing the new municipality.
 */
export function closeClientTrajectory(
  deps: Deps,
  actor: Actor,
  clientId: unknown,
  form: Parsed<ClosureForm>,
): Result<{ type: ClosureType; message: string }> {
  const client = loadClient(deps, actor, clientId);
  if (!form.ok) return invalid(form.errors);
  const closed = refuseClosedDossier(deps, actor, client, 'afronding');
  if (closed) return refuse(closed);
  const d = form.data;
  const input: NewClosure = {
    type: d.type,
    decidedOn: d.closedOn,
    reason: d.reason,
    overrideReason: d.type === 'COMPLETED' ? d.overrideReason : null,
    ontheffingGround: d.type === 'ONTHEFFING' ? d.ontheffingGround : null,
    newMunicipality: d.type === 'VERHUIZING' ? d.newMunicipality : null,
  };
  const errors = closureErrors(deps, client.id, input, actor.today);
  if (Object.keys(errors).length) {
    actor.audit('afsluiten-geweigerd', 'afronding', { clientId: client.id, outcome: 'error' });
    return invalid(errors);
  }
  changeDossier(deps, actor, client.id, () => {
    const id = insertClosure(deps.db, client.id, input, actor.user.id, actor.nowIso);
    // A withdrawal came from DUO itself: nothing to report back.
    if (input.type !== 'DUO_WITHDRAWN') recordDuoFact(deps, actor, client.id, {
      fact: input.type === 'COMPLETED' ? 'COMPLETED' : input.type === 'ONTHEFFING' ? 'ONTHEFFING' : 'CLOSURE',
      factOn: input.decidedOn,
      data: {
        einde: CLOSURE_LABELS[input.type],
        grond: input.ontheffingGround ? ONTHEFFING_LABELS[input.ontheffingGround] : null,
        gemeente: input.newMunicipality,
      },
      refTable: 'decisions',
      refId: id,
    });
    return { value: id, events: [closureEvent(input, id)] };
  });
  actor.audit('traject-afgesloten', 'afronding', { clientId: client.id, details: d.type });
  return ok({
    type: d.type,
    message:
      d.type === 'VERHUIZING'
        ? 'Het traject is afgesloten. Stuur het overdrachtsoverzicht naar de nieuwe gemeente.'
        : `Het traject is afgesloten: ${closureLabelInSentence(d.type)}.`,
  });
}

/** Extends the termijn (verlenging); refused before extensionFromMonths after the start of the termijn. */
export function extendClientTermijn(deps: Deps, actor: Actor, clientId: unknown, form: Parsed<ExtensionForm>): Result<{ message: string }> {
  const client = loadClient(deps, actor, clientId);
  if (!form.ok) return invalid(form.errors);
  const closed = refuseClosedDossier(deps, actor, client, 'afronding');
  if (closed) return refuse(closed);
  const { db } = deps;
  const d = form.data;
  const input: NewExtension = { months: d.months, decidedOn: d.extendedOn, reason: d.extensionReason };
  const errors = extensionErrors(termijnInfo(db, client.id, actor.today), input);
  if (Object.keys(errors).length) {
    const fieldErrors: FieldErrors = {};
    for (const [k, v] of Object.entries(errors)) fieldErrors[k === 'decidedOn' ? 'extendedOn' : k] = v;
    actor.audit('verlenging-geweigerd', 'afronding', { clientId: client.id, outcome: 'error' });
    return invalid(fieldErrors);
  }
  changeDossier(deps, actor, client.id, () => {
    const id = insertExtension(db, client.id, input, actor.user.id, actor.nowIso);
    recordDuoFact(deps, actor, client.id, { fact: 'VERLENGING', factOn: input.decidedOn, data: { maanden: input.months }, refTable: 'decisions', refId: id });
    // The timeline line names the new end of the termijn: refreshed here already (changeDossier does it again).
    refreshClientStatus(db, client.id, actor.today);
    return { value: id, events: [extensionEvent(input, termijnInfo(db, client.id, actor.today).end, id)] };
  });
  actor.audit('termijn-verlengd', 'afronding', { clientId: client.id });
  return ok({ message: `De termijn is verlengd met ${d.months} ${d.months === 1 ? 'maand' : 'maanden'}.` });
}

/**
 * Withdraws a closure made by mistake (or on wrong facts): the teamleider's call, a second pair of eyes on a
 * decision that ended a legal obligation. The CLOSURE decision is revoked with the reason and stays in the
 * history; the dossier is open again. The client is loaded first, so another team gets the same not-found as
 * everywhere.
 */
export function reopenClientTrajectory(deps: Deps, actor: Actor, clientId: unknown, form: Parsed<ReopenForm>): Result<{ message: string }> {
  const client = loadClient(deps, actor, clientId);
  if (actor.user.role !== 'teamleider') throw forbidden('Alleen een teamleider kan een afsluiting intrekken.');
  if (!form.ok) return invalid(form.errors);
  const { db } = deps;
  // A dossier destroyed under the retention rules (issue 20) has nothing left to reopen.
  if (dossierFacts(db, client.id)?.anonymisedOn) return refuse({ kind: 'conflict', message: 'Dit dossier is vernietigd volgens de bewaartermijn en kan niet meer worden heropend.' });
  const closure = findClosure(db, client.id);
  // The form is only shown on a closed dossier: an open one means someone reopened it in between.
  if (!client.closedOn || !closure) return stale('Dit traject is niet afgesloten.');
  const reason = form.data.reopenReason;
  changeDossier(deps, actor, client.id, () => {
    revokeClosure(db, client.id, closure.id, reason, actor.user.id, actor.today, actor.nowIso);
    const summary = `Afsluiting ingetrokken (was: ${closureLabelInSentence(closure.type)} op ${formatDate(closure.decidedOn)}). Reden: ${reason}.`;
    return { value: closure.id, events: [{ kind: 'CLOSURE', summary, refTable: 'decisions', refId: closure.id }] };
  });
  actor.audit('afsluiting-ingetrokken', 'afronding', { clientId: client.id });
  return ok({ message: 'De afsluiting is ingetrokken. Het dossier is weer open.' });
}
