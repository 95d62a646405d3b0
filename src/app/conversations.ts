import { type AgreementInput, insertAgreement, listAgreementsOfConversation } from '../db/agreements.js';
import {
  type Conversation,
  type ConversationInput,
  closeAfterEindgesprek,
  conversationScores,
  findConversation,
  insertConversation,
  lastScores,
  type Leefdomein,
  listActiveLeefdomeinen,
  listConversations,
  nextConversationDueOf,
  type Score,
} from '../db/conversations.js';
import { BARRIER_STATUS_LABELS, BARRIER_STATUSES } from '../domain/index.js';
import { formatDate } from '../lib/format.js';
import { toId } from './access.js';
import type { Actor } from './actor.js';
import { linkedDocuments } from './documents.js';
import type { AgreementRows } from './agreements.js';
import { type BarrierChoice, barrierPanel, barrierValues, writeBarrierChanges } from './barriers.js';
import { type ClientPage, closedRefusal, loadClientPage } from './client-page.js';
import type { Deps } from './deps.js';
import { changeDossier, type DossierEvent } from './dossier-write.js';
import { recordDuoFact } from './duo.js';
import { notFound } from './errors.js';
import { hourBars } from './hour-bars.js';
import { conversationPrefill } from './planning.js';
import { CONVERSATION_LABELS, OWNER_LABELS } from './labels.js';
import { type FieldErrors, invalid, ok, type Parsed, type Refusal, type Result } from './result.js';

export const FUTURE_PLAN_LABELS: Record<string, string> = {
  OPLEIDING: 'Uitstroom naar opleiding',
  LEERWERKTRAJECT: 'Leerwerktraject',
  WERKERVARINGSPLEK: 'Werkervaringsplek',
  BETAALD_WERK: 'Betaald werk',
  LKS: 'Betaald werk met loonkostensubsidie (LKS)',
  TAALVERWERVING: 'Activering: taalverwerving (WEB)',
  VRIJWILLIGERSWERK: 'Activering: vrijwilligerswerk',
};

export const END_OUTCOMES = ['PLACE', 'FOLLOW_UP', 'NONE'] as const;
export type EndOutcome = (typeof END_OUTCOMES)[number];

export const END_OUTCOME_LABELS: Record<EndOutcome, string> = {
  PLACE: 'Aan de slag op een passende (arbeids)participatieplek',
  FOLLOW_UP: 'Aangemeld voor een passend vervolgtraject',
  NONE: 'Nog geen plek of vervolgtraject',
};

/** How many agreement rows the voortgangsgesprek form has, and the pre-eindgesprek's afsprakenplan. */
export const AGREEMENT_ROWS = 3;
export const PLAN_ROWS = 5;

const FUTURE_DATE = 'De datum van het gesprek mag niet na vandaag liggen';

// ---- forms -----------------------------------------------------------------------------------------------

/** Who took part; shared by the three conversation forms. */
export interface ParticipantsForm {
  heldOn: string;
  clientPresent: boolean;
  consulentPresent: boolean;
  coachName: string | null;
  interpreterName: string | null;
}

export interface VoortgangForm extends ParticipantsForm {
  languageDevelopment: string | null;
  participation: string | null;
  goingWell: string | null;
  barriers: string | null;
  /** The barrier statuses as chosen in the form; the ones that differ from the current ones are recorded. */
  barrierStatuses?: BarrierChoice;
}

export interface PreEndForm extends ParticipantsForm {
  coachName: string;
  languageDevelopment: string | null;
  a2Exams: string | null;
  participationSoFar: string | null;
  stillNeeded: string | null;
  webWishes: string | null;
  /** The chosen codes of FUTURE_PLAN_LABELS. */
  futurePlan: string[];
  steps: string | null;
  municipalInstrument: string | null;
  followUpRegistration: string | null;
  lastPhase: string | null;
  endInfoGiven: boolean;
  readBack: boolean;
  sharedWithCoach: boolean;
  debrief: string | null;
}

export interface EndForm extends ParticipantsForm {
  portfolioLanguage: string | null;
  portfolioZelfredzaamheid: string | null;
  portfolioParticipation: string | null;
  outcome: EndOutcome;
  outcomeDetail: string | null;
  wishesChallenges: string | null;
  naturalisationWish: 'JA' | 'NEE' | null;
  certificateOn: string | null;
  overrideReason: string | null;
}

/** The zelfredzaamheid fields as typed, per leefdomein id: the score (1-5, optional) and a note. */
export type ScoreInput = Record<number, { score?: string; note?: string }>;

/** The input of a conversation form besides its fields: the zelfredzaamheid scores and the agreement rows. */
export interface ConversationExtras {
  scores: ScoreInput;
  agreements: AgreementRows;
}

/**
 * The pre-eindgesprek or eindgesprek is refused because the client does not meet its conditions (or is not on
 * the Z-route): the page is shown again (409) with what is missing, and `errors` (the eindgesprek asks for a reason).
 */
export type NotEligible = { kind: 'not-eligible'; errors: FieldErrors };

/** Checks the scores against the active leefdomeinen. */
export function checkScores(domains: Leefdomein[], input: ScoreInput): { scores: Score[]; errors: FieldErrors } {
  const scores: Score[] = [];
  const errors: FieldErrors = {};
  for (const d of domains) {
    const raw = (input[d.id]?.score ?? '').trim();
    const note = (input[d.id]?.note ?? '').trim();
    let score: number | null = null;
    if (raw) {
      if (!/^[1-5]$/.test(raw)) errors[`score_${d.id}`] = `${d.name}: kies een score van 1 tot en met 5`;
      else score = Number(raw);
    }
    if (note.length > 2000) errors[`note_${d.id}`] = `${d.name}: de toelichting mag maximaal 2000 tekens zijn`;
    scores.push({ leefdomeinId: d.id, score, note: note || null });
  }
  return { scores, errors };
}

function participantsOf(d: ParticipantsForm) {
  return {
    client: d.clientPresent,
    consulent: d.consulentPresent,
    coachName: d.coachName,
    interpreterName: d.interpreterName,
  };
}

// ---- pages -------------------------------------------------------------------------------------------------

/** The conversations of a client. */
export function loadConversationsPage(deps: Deps, actor: Actor, clientId: unknown) {
  const page = loadClientPage(deps, actor, clientId);
  const { db } = deps;
  actor.audit('gesprekken-bekeken', 'voortgang', { clientId: page.client.id });
  return {
    ...page,
    conversations: listConversations(db, page.client.id),
    labels: CONVERSATION_LABELS,
    nextDue: nextConversationDueOf(db, page.client.id),
  };
}

function loadConversation(deps: Deps, page: ClientPage, rawId: unknown): Conversation {
  const id = toId(rawId);
  const c = id === null ? undefined : findConversation(deps.db, page.client.id, id);
  if (!c) throw notFound('Dit gesprek bestaat niet.');
  return c;
}

/** One conversation with its scores and agreements. */
export function loadConversationPage(deps: Deps, actor: Actor, clientId: unknown, conversationId: unknown) {
  const page = loadClientPage(deps, actor, clientId);
  const c = loadConversation(deps, page, conversationId);
  const { db } = deps;
  actor.audit('gesprek-bekeken', c.kind === 'VOORTGANG' ? 'voortgang' : 'afronding', { clientId: page.client.id });
  return {
    ...page,
    c,
    scores: conversationScores(db, c.id),
    agreements: listAgreementsOfConversation(db, c.id),
    labels: CONVERSATION_LABELS,
    ownerLabels: OWNER_LABELS,
    planLabels: FUTURE_PLAN_LABELS,
    outcomeLabels: END_OUTCOME_LABELS,
    nextDue: nextConversationDueOf(db, page.client.id),
    linkedDocs: linkedDocuments(deps, actor, page.client, 'conversations', c.id),
  };
}

/** The printable afsprakenplan of a conversation (the pre-eindgesprek's). */
export function loadAfsprakenplanPage(deps: Deps, actor: Actor, clientId: unknown, conversationId: unknown) {
  const page = loadClientPage(deps, actor, clientId);
  const c = loadConversation(deps, page, conversationId);
  actor.audit('afsprakenplan-bekeken', 'afronding', { clientId: page.client.id });
  return {
    ...page,
    c,
    agreements: listAgreementsOfConversation(deps.db, c.id),
    ownerLabels: OWNER_LABELS,
    planLabels: FUTURE_PLAN_LABELS,
  };
}

/** The leefdomeinen with the last known scores, and the form's first values (the scores prefilled from them). */
function scoreFormOf(deps: Deps, page: ClientPage) {
  const domains = listActiveLeefdomeinen(deps.db);
  const previous = lastScores(deps.db, page.client.id);
  const initialValues: Record<string, unknown> = { heldOn: page.today, clientPresent: 'on', consulentPresent: 'on' };
  for (const d of domains) {
    const p = previous.scores.get(d.id);
    if (p?.score) initialValues[`score_${d.id}`] = String(p.score);
    if (p?.note) initialValues[`note_${d.id}`] = p.note;
  }
  return { domains, previous, initialValues, ownerLabels: OWNER_LABELS };
}

/** The form of a new voortgangsgesprek; refused (read-only page) when the dossier is closed. */
export function loadVoortgangFormPage(deps: Deps, actor: Actor, clientId: unknown, appointmentId?: unknown) {
  const page = loadClientPage(deps, actor, clientId);
  const closed = closedRefusal(actor, page.client, 'gesprekken');
  if (closed) return { ok: false as const, refusal: closed };
  actor.audit('gespreksformulier-bekeken', 'voortgang', { clientId: page.client.id });
  const scoreForm = scoreFormOf(deps, page);
  const barriers = barrierPanel(deps, page.client.id, page.today);
  return ok({
    ...page,
    ...scoreForm,
    initialValues: {
      ...scoreForm.initialValues,
      ...barrierValues(barriers),
      ...conversationPrefill(deps, page.client.id, appointmentId),
    },
    barriers,
    barrierStatusOptions: BARRIER_STATUSES.map((s) => ({ value: s, label: BARRIER_STATUS_LABELS[s] })),
    rows: AGREEMENT_ROWS,
  });
}

/** The pre-eindgesprek page (Z-route): its conditions, the hours, the form and the ones held. */
export function loadPreEndPage(deps: Deps, actor: Actor, clientId: unknown, appointmentId?: unknown) {
  const page = loadClientPage(deps, actor, clientId);
  const e = page.eligibility;
  actor.audit('pre-eindgesprek-bekeken', 'afronding', { clientId: page.client.id });
  const form = scoreFormOf(deps, page);
  return {
    ...page,
    ...form,
    initialValues: { ...form.initialValues, ...conversationPrefill(deps, page.client.id, appointmentId) },
    bars: hourBars(e),
    rows: PLAN_ROWS,
    planLabels: FUTURE_PLAN_LABELS,
    check: e.preEnd,
    held: listConversations(deps.db, page.client.id).filter((c) => c.kind === 'PRE_EIND'),
    // Documents linked to the pre-eindgesprekken held (e.g. the provider's eindrapport, the signed PVT).
    heldDocs: listConversations(deps.db, page.client.id)
      .filter((c) => c.kind === 'PRE_EIND')
      .flatMap((c) => linkedDocuments(deps, actor, page.client, 'conversations', c.id)),
  };
}

/** The eindgesprek page (Z-route): its conditions, the hours and the form, or the eindgesprek held. */
export function loadEndPage(deps: Deps, actor: Actor, clientId: unknown, appointmentId?: unknown) {
  const page = loadClientPage(deps, actor, clientId);
  actor.audit('eindgesprek-bekeken', 'afronding', { clientId: page.client.id });
  return {
    ...page,
    bars: hourBars(page.eligibility),
    check: page.eligibility.end,
    endConversation: listConversations(deps.db, page.client.id).find((c) => c.kind === 'EIND') ?? null,
    outcomeLabels: END_OUTCOME_LABELS,
    approvalNeeded: page.eligibility.rules.general.approvals.endWithoutConditions,
    initialValues: {
      heldOn: page.today,
      certificateOn: page.today,
      clientPresent: 'on',
      consulentPresent: 'on',
      ...conversationPrefill(deps, page.client.id, appointmentId),
    } as Record<string, unknown>,
  };
}

// ---- writes ------------------------------------------------------------------------------------------------

/**
 * Saves a conversation with its scores and agreements, its timeline event, `more` (further writes and events
 * of the same change) and the client's fresh status, as one change of the dossier.
 */
function saveConversation(
  deps: Deps,
  actor: Actor,
  clientId: number,
  input: ConversationInput,
  scores: Score[],
  agreements: AgreementInput[],
  more: (conversationId: number) => DossierEvent[] = () => [],
): number {
  const { db } = deps;
  const saved = changeDossier(deps, actor, clientId, () => {
    const id = insertConversation(db, clientId, input, scores, actor.user.id, actor.nowIso);
    for (const a of agreements) insertAgreement(db, clientId, id, a, actor.user.id, actor.nowIso);
    const n = agreements.length;
    const extra = n ? ` ${n} nieuwe afspraak${n === 1 ? '' : 'en'}.` : '';
    const event: DossierEvent = {
      kind: 'CONVERSATION',
      summary: `${CONVERSATION_LABELS[input.kind]} gehouden op ${formatDate(input.heldOn)}.${extra}`,
      refTable: 'conversations',
      refId: id,
      occurredOn: input.heldOn,
    };
    return { value: id, events: [event, ...more(id)] };
  });
  return saved!.value;
}

/** Records a voortgangsgesprek with the zelfredzaamheid scores and new agreements. */
export function recordVoortgangsgesprek(
  deps: Deps,
  actor: Actor,
  clientId: unknown,
  extras: ConversationExtras,
  form: Parsed<VoortgangForm>,
): Result<{ conversationId: number; message: string }> {
  const page = loadClientPage(deps, actor, clientId);
  const closed = closedRefusal(actor, page.client, 'gesprekken');
  if (closed) return { ok: false, refusal: closed };
  const scores = checkScores(listActiveLeefdomeinen(deps.db), extras.scores);
  const errors: FieldErrors = { ...(form.ok ? {} : form.errors), ...scores.errors, ...extras.agreements.errors };
  if (form.ok && form.data.heldOn > actor.today) errors.heldOn = FUTURE_DATE;
  if (!form.ok || Object.keys(errors).length) return invalid(errors);
  const d = form.data;
  const id = saveConversation(
    deps,
    actor,
    page.client.id,
    {
      kind: 'VOORTGANG',
      heldOn: d.heldOn,
      participants: participantsOf(d),
      content: { languageDevelopment: d.languageDevelopment, participation: d.participation, goingWell: d.goingWell, barriers: d.barriers },
    },
    scores.scores,
    extras.agreements.rows,
    (conversationId) => writeBarrierChanges(deps, actor, page.client.id, d.barrierStatuses ?? {}, d.heldOn, null, conversationId).events,
  );
  actor.audit('voortgangsgesprek-vastgelegd', 'voortgang', { clientId: page.client.id });
  const due = nextConversationDueOf(deps.db, page.client.id);
  return ok({
    conversationId: id,
    message: `Voortgangsgesprek opgeslagen.${due ? ` Het volgende voortgangsgesprek is uiterlijk ${formatDate(due)}.` : ''}`,
  });
}

/** Records the pre-eindgesprek (Z-route, bijlage 1) with its afsprakenplan; only when the client meets its conditions. */
export function recordPreEindgesprek(
  deps: Deps,
  actor: Actor,
  clientId: unknown,
  extras: ConversationExtras,
  form: Parsed<PreEndForm>,
): Result<{ conversationId: number; message: string }, Refusal | NotEligible> {
  const page = loadClientPage(deps, actor, clientId);
  const closed = closedRefusal(actor, page.client, 'gesprekken');
  if (closed) return { ok: false, refusal: closed };
  if (!page.eligibility.preEnd?.eligible) {
    actor.audit('pre-eindgesprek-geweigerd', 'afronding', { clientId: page.client.id, outcome: 'error' });
    return { ok: false, refusal: { kind: 'not-eligible', errors: {} } };
  }
  const scores = checkScores(listActiveLeefdomeinen(deps.db), extras.scores);
  const { agreements } = extras;
  const errors: FieldErrors = { ...(form.ok ? {} : form.errors), ...scores.errors, ...agreements.errors };
  if (form.ok && form.data.heldOn > actor.today) errors.heldOn = FUTURE_DATE;
  if (agreements.rows.length === 0 && !Object.keys(agreements.errors).length) {
    errors.agreement_0_description = 'Leg minstens één afspraak vast in het afsprakenplan';
  }
  if (!form.ok || Object.keys(errors).length) return invalid(errors);
  const d = form.data;
  const id = saveConversation(
    deps,
    actor,
    page.client.id,
    {
      kind: 'PRE_EIND',
      heldOn: d.heldOn,
      participants: { ...participantsOf(d), lead: 'CONSULENT' },
      content: {
        languageDevelopment: d.languageDevelopment,
        a2Exams: d.a2Exams,
        participationSoFar: d.participationSoFar,
        stillNeeded: d.stillNeeded,
        webWishes: d.webWishes,
        futurePlan: d.futurePlan.filter((k) => Object.hasOwn(FUTURE_PLAN_LABELS, k)),
        steps: d.steps,
        municipalInstrument: d.municipalInstrument,
        followUpRegistration: d.followUpRegistration,
        lastPhase: d.lastPhase,
        endInfoGiven: d.endInfoGiven,
        readBack: d.readBack,
        sharedWithCoach: d.sharedWithCoach,
        debrief: d.debrief,
      },
    },
    scores.scores,
    agreements.rows,
  );
  actor.audit('pre-eindgesprek-vastgelegd', 'afronding', { clientId: page.client.id });
  const n = agreements.rows.length;
  return ok({ conversationId: id, message: `Pre-eindgesprek opgeslagen met ${n} afspra${n === 1 ? 'ak' : 'ken'} in het afsprakenplan.` });
}

/**
 * Closes the trajectory after an eindgesprek, on the certificate date (else the date of the conversation): the
 * closure, the DUO fact and the timeline event. The same outcome whether the eindgesprek is recorded with all
 * conditions met, or without them once the teamleider approves it (src/app/approvals.ts). Call inside the
 * dossier's transaction (changeDossier); returns the timeline event.
 */
export function closeAfterEnd(
  deps: Deps,
  actor: Actor,
  clientId: number,
  conversationId: number,
  end: { heldOn?: string; certificateOn: string | null; overrideReason: string | null },
): DossierEvent[] {
  const held = end.heldOn ?? findConversation(deps.db, clientId, conversationId)?.heldOn;
  const closedOn = end.certificateOn ?? (held as string);
  closeAfterEindgesprek(deps.db, clientId, closedOn, actor.user.id, actor.nowIso);
  recordDuoFact(deps, actor, clientId, {
    fact: 'COMPLETED',
    factOn: closedOn,
    data: { via: 'eindgesprek Z-route' },
    refTable: 'conversations',
    refId: conversationId,
  });
  return [
    {
      kind: 'CLOSED',
      summary: `Traject afgesloten na het eindgesprek${end.certificateOn ? `; certificaat uitgereikt op ${formatDate(end.certificateOn)}` : ''}.${end.overrideReason === null ? '' : ` Niet aan alle voorwaarden voldaan; reden: ${end.overrideReason}`}`,
      refTable: 'conversations',
      refId: conversationId,
      occurredOn: closedOn,
    },
  ];
}

/**
 * Records the eindgesprek (Z-route, bijlage 2) and closes the trajectory, on the certificate date (else the date
 * of the conversation). Without all conditions met a reason is required; when the rules ask for approval of that,
 * the trajectory is closed only once it is approved.
 */
export function recordEindgesprek(
  deps: Deps,
  actor: Actor,
  clientId: unknown,
  form: Parsed<EndForm>,
): Result<{ conversationId: number; message: string }, Refusal | NotEligible> {
  const page = loadClientPage(deps, actor, clientId);
  const closed = closedRefusal(actor, page.client, 'gesprekken');
  if (closed) return { ok: false, refusal: closed };
  const e = page.eligibility;
  if (e.route !== 'Z' || !e.end) return { ok: false, refusal: { kind: 'not-eligible', errors: {} } };
  const errors: FieldErrors = form.ok ? {} : { ...form.errors };
  const met = e.end.eligible;
  const overrideReason = form.ok ? form.data.overrideReason : null;
  if (!met && !overrideReason) {
    actor.audit('eindgesprek-geweigerd', 'afronding', { clientId: page.client.id, outcome: 'error' });
    return {
      ok: false,
      refusal: {
        kind: 'not-eligible',
        errors: {
          ...errors,
          overrideReason:
            'De cliënt voldoet nog niet aan alle voorwaarden. Vul een reden in om toch af te sluiten, of wacht tot de voorwaarden zijn vervuld',
        },
      },
    };
  }
  if (form.ok) {
    const { heldOn, certificateOn } = form.data;
    if (heldOn > actor.today) errors.heldOn = FUTURE_DATE;
    if (certificateOn && certificateOn > actor.today) errors.certificateOn = 'De datum van uitreiking mag niet na vandaag liggen';
    if (certificateOn && certificateOn < heldOn) {
      errors.certificateOn = 'De datum van uitreiking mag niet voor de datum van het gesprek liggen';
    }
  }
  if (!form.ok || Object.keys(errors).length) return invalid(errors);
  const d = form.data;
  const pending = !met && e.rules.general.approvals.endWithoutConditions;
  const closedOn = d.certificateOn ?? d.heldOn;
  const conditions = e.end.conditions.map((c) => c.message);
  const id = saveConversation(
    deps,
    actor,
    page.client.id,
    {
      kind: 'EIND',
      heldOn: d.heldOn,
      participants: participantsOf(d),
      content: {
        portfolioLanguage: d.portfolioLanguage,
        portfolioZelfredzaamheid: d.portfolioZelfredzaamheid,
        portfolioParticipation: d.portfolioParticipation,
        outcome: d.outcome,
        outcomeDetail: d.outcomeDetail,
        wishesChallenges: d.wishesChallenges,
        naturalisationWish: d.naturalisationWish,
        certificateOn: d.certificateOn,
        conditionsMet: met,
        conditions,
      },
      overrideReason: met ? null : overrideReason,
      approvalStatus: pending ? 'PENDING' : 'NOT_REQUIRED',
    },
    [],
    [],
    (conversationId) =>
      pending ? [] : closeAfterEnd(deps, actor, page.client.id, conversationId, { heldOn: d.heldOn, certificateOn: d.certificateOn, overrideReason: met ? null : overrideReason }),
  );
  actor.audit('eindgesprek-vastgelegd', 'afronding', { clientId: page.client.id });
  return ok({
    conversationId: id,
    message: pending
      ? 'Eindgesprek opgeslagen. Het traject wordt afgesloten zodra het afsluiten zonder alle voorwaarden is goedgekeurd.'
      : `Eindgesprek opgeslagen. Het traject is afgesloten op ${formatDate(closedOn)}.`,
  });
}
