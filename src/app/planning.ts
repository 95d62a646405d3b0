// Milestones and appointments of one client (issue 24): the planning page, recording a milestone, planning a
// conversation with its invitation, its outcome (held → the conversation form prefilled, no-show, cancelled),
// the print view of the invitation and the .ics file of one appointment.
import {
  type Appointment,
  type AppointmentInput,
  type AppointmentKind,
  type CancelledBy,
  findAppointment,
  type InvitationMethod,
  insertAppointment,
  listAppointments,
  setAppointmentOutcome,
  updateAppointment,
} from '../db/appointments.js';
import { findClientDetail } from '../db/clients.js';
import { insertMilestoneRecord, loadMilestoneFacts, type RecordedMilestone, trajectoryDates } from '../db/milestones.js';
import {
  invitationDaysAhead,
  MILESTONE_LABELS,
  MILESTONE_STATUS_LABELS,
  type Milestone,
  milestones,
} from '../domain/index.js';
import { formatDate, formatDateTime } from '../lib/format.js';
import { toId } from './access.js';
import type { Actor } from './actor.js';
import { type ClientPage, closedRefusal, loadClientPage } from './client-page.js';
import type { Deps } from './deps.js';
import { changeDossier } from './dossier-write.js';
import { conflict, notFound } from './errors.js';
import { appointmentsToIcs, initialsOf, KIND_LABELS, MODE_LABELS } from './ics.js';
import { invitationLetterUrl } from './letters.js';
import { type FieldErrors, invalid, ok, type Parsed, type Result, stale } from './result.js';

export { KIND_LABELS, MODE_LABELS };
export { APPOINTMENT_KINDS, APPOINTMENT_MODES, CANCELLED_BY, INVITATION_METHODS } from '../db/appointments.js';

export const INVITATION_METHOD_LABELS: Record<InvitationMethod, string> = {
  POST: 'Per post',
  REGISTERED_POST: 'Aangetekend',
  EMAIL: 'Per e-mail',
  HANDED_OVER: 'Persoonlijk overhandigd',
};

export const CANCELLED_BY_LABELS: Record<CancelledBy, string> = {
  CLIENT: 'De cliënt',
  CONSULENT: 'De consulent',
  OTHER: 'Iemand anders (tolk, aanbieder, …)',
};

export const STATUS_LABELS: Record<Appointment['status'], string> = {
  PLANNED: 'Gepland',
  HELD: 'Gehouden',
  NO_SHOW: 'Niet verschenen',
  CANCELLED: 'Afgezegd',
};

/** Kinds of conversation whose no-show can lead to enforcement: their invitation must go out in time (seed 002). */
export const ENFORCEABLE_KINDS: readonly AppointmentKind[] = ['INTAKE', 'HANDHAVING'];

/** Where a held appointment of this kind is written up (null: no conversation form). */
const CONVERSATION_FORM: Partial<Record<AppointmentKind, string>> = {
  VOORTGANG: 'conversations/new',
  PRE_EIND: 'pre-end',
  EIND: 'end',
};

export interface AppointmentForm extends AppointmentInput {
  /** The consulent saw the warning that the invitation is late and saves anyway. */
  acceptLateInvitation: boolean;
}

export interface MilestoneForm {
  code: RecordedMilestone;
  doneOn: string;
  note: string | null;
}

export interface OutcomeForm {
  outcome: 'HELD' | 'NO_SHOW' | 'CANCELLED';
  cancelledBy: CancelledBy | null;
  reason: string | null;
  version: number;
}

const dateOf = (startsAt: string) => startsAt.slice(0, 10);

export function describeAppointment(a: Pick<Appointment, 'kind' | 'startsAt'>): string {
  return `${KIND_LABELS[a.kind].toLowerCase()} op ${formatDateTime(a.startsAt)}`;
}

function milestonesOf(deps: Deps, page: ClientPage, doelgroep: ClientPage['client']['doelgroep']) {
  const { db } = deps;
  const facts = trajectoryDates(db, page.client.id);
  const f = loadMilestoneFacts(db, page.client.id, {
    doelgroep,
    route: page.eligibility.route,
    pipDate: facts.pip,
    preEndHeldOn: facts.pre,
    endHeldOn: facts.end,
  });
  return { facts: f, list: milestones(f, page.eligibility.rules.calendar, page.today) };
}

/** The latest day to send the invitation of an appointment that can lead to enforcement (null for other kinds). */
function invitationDeadline(a: Pick<Appointment, 'kind' | 'startsAt'>, minDays: number): string | null {
  if (!ENFORCEABLE_KINDS.includes(a.kind)) return null;
  const d = new Date(`${dateOf(a.startsAt)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - minDays);
  return d.toISOString().slice(0, 10);
}

/** The Dutch warning when the invitation of an enforceable appointment goes (or went) out too late, else null. */
function invitationWarning(a: Pick<Appointment, 'kind' | 'startsAt' | 'invitationSentOn'>, minDays: number, today: string): string | null {
  if (!ENFORCEABLE_KINDS.includes(a.kind)) return null;
  const day = dateOf(a.startsAt);
  const sent = a.invitationSentOn;
  if (sent !== null) {
    const ahead = invitationDaysAhead(sent, day);
    return ahead < minDays
      ? `De uitnodiging is ${ahead} ${ahead === 1 ? 'dag' : 'dagen'} voor het gesprek verstuurd; bij een ${KIND_LABELS[a.kind].toLowerCase()} moet dat minimaal ${minDays} dagen vooraf. Een boete na niet verschijnen houdt dan mogelijk geen stand.`
      : null;
  }
  if (day < today) return null;
  const ahead = invitationDaysAhead(today, day);
  return ahead < minDays
    ? `De uitnodiging is nog niet verstuurd en het gesprek is over ${ahead} ${ahead === 1 ? 'dag' : 'dagen'}; bij een ${KIND_LABELS[a.kind].toLowerCase()} moet de uitnodiging minimaal ${minDays} dagen vooraf de deur uit.`
    : null;
}

export interface MilestoneRow extends Milestone {
  label: string;
  statusLabel: string;
}

/** The planning page: milestones (done, due, overdue) and the appointments of a client. */
export function loadPlanningPage(deps: Deps, actor: Actor, clientId: unknown) {
  const page = loadClientPage(deps, actor, clientId);
  const { facts, list } = milestonesOf(deps, page, page.client.doelgroep);
  actor.audit('planning-bekeken', 'voortgang', { clientId: page.client.id });
  const rows: MilestoneRow[] = list.map((m) => ({ ...m, label: MILESTONE_LABELS[m.code], statusLabel: MILESTONE_STATUS_LABELS[m.status] }));
  return {
    ...page,
    milestones: rows,
    a2Reached: facts.a2SpeakingListeningOn,
    appointments: listAppointments(deps.db, page.client.id),
    kindLabels: KIND_LABELS,
    modeLabels: MODE_LABELS,
    statusLabels: STATUS_LABELS,
  };
}

/** Records the MAP registration or the year-3 check. A MAP registration before A2 speaking and listening needs a reason. */
export function recordMilestone(deps: Deps, actor: Actor, clientId: unknown, form: Parsed<MilestoneForm>): Result<{ message: string }> {
  const page = loadClientPage(deps, actor, clientId);
  const closed = closedRefusal(actor, page.client, 'mijlpalen');
  if (closed) return { ok: false, refusal: closed };
  if (!form.ok) return invalid(form.errors);
  const d = form.data;
  const errors: FieldErrors = {};
  if (d.doneOn > actor.today) errors.doneOn = `De datum mag niet na vandaag (${formatDate(actor.today)}) liggen`;
  if (d.code === 'MAP_REGISTERED' && d.note === null) {
    const { facts } = milestonesOf(deps, page, page.client.doelgroep);
    if (facts.a2SpeakingListeningOn === null || facts.a2SpeakingListeningOn > d.doneOn) {
      errors.note = 'Spreken en luisteren zijn nog niet op A2 vastgelegd: leg uit waarom de cliënt nu al wordt aangemeld voor de MAP';
    }
  }
  if (Object.keys(errors).length) return invalid(errors);
  const label = d.code === 'MAP_REGISTERED' ? 'Aangemeld voor de MAP' : 'Controle jaar 3 gedaan';
  const summary = `${label} op ${formatDate(d.doneOn)}${d.note ? ` (${d.note})` : ''}`;
  changeDossier(deps, actor, page.client.id, () => {
    const id = insertMilestoneRecord(deps.db, page.client.id, d, actor.user.id, actor.nowIso);
    return { value: id, events: [{ kind: 'MILESTONE', summary, refTable: 'milestone_records', refId: id, occurredOn: d.doneOn }] };
  });
  actor.audit('mijlpaal-vastgelegd', 'voortgang', { clientId: page.client.id });
  return ok({ message: `Vastgelegd: ${summary}.` });
}

// ---- appointments ----------------------------------------------------------------------------------------------

function loadAppointment(deps: Deps, page: ClientPage, rawId: unknown): Appointment {
  const id = toId(rawId);
  const a = id === null ? undefined : findAppointment(deps.db, page.client.id, id);
  if (!a) throw notFound('Deze afspraak bestaat niet.');
  return a;
}

/** The form to plan a conversation, with its first values. */
export function loadAppointmentFormPage(deps: Deps, actor: Actor, clientId: unknown) {
  const page = loadClientPage(deps, actor, clientId);
  const closed = closedRefusal(actor, page.client, 'afspraken');
  if (closed) return { ok: false as const, refusal: closed };
  actor.audit('afspraakformulier-bekeken', 'voortgang', { clientId: page.client.id });
  return ok({
    ...page,
    minDays: page.eligibility.rules.calendar.invitationMinDays,
    enforceableKinds: ENFORCEABLE_KINDS,
    kindLabels: KIND_LABELS,
    modeLabels: MODE_LABELS,
    invitationLabels: INVITATION_METHOD_LABELS,
    initialValues: { kind: 'VOORTGANG', mode: 'OFFICE', durationMinutes: '60', time: '10:00' } as Record<string, unknown>,
  });
}

/** The rules of an appointment that need today and the rule set: not in the past, invitation in time (or accepted late). */
function checkAppointment(page: ClientPage, today: string, d: AppointmentForm, isNew: boolean): FieldErrors {
  const errors: FieldErrors = {};
  if (isNew && dateOf(d.startsAt) < today) errors.date = `Een nieuw gesprek kan niet voor vandaag (${formatDate(today)}) liggen`;
  if (d.invitationSentOn !== null && d.invitationSentOn > today) {
    errors.invitationSentOn = `De verzenddatum mag niet na vandaag (${formatDate(today)}) liggen`;
  } else if (d.invitationSentOn !== null && d.invitationSentOn > dateOf(d.startsAt)) {
    errors.invitationSentOn = 'De uitnodiging kan niet na het gesprek zijn verstuurd';
  } else if (d.invitationSentOn !== null && d.invitationMethod === null) {
    errors.invitationMethod = 'Kies hoe de uitnodiging is verstuurd';
  } else if (!d.acceptLateInvitation) {
    const warning = invitationWarning(d, page.eligibility.rules.calendar.invitationMinDays, today);
    if (warning && d.invitationSentOn !== null) errors.invitationSentOn = `${warning} Vink "Toch opslaan" aan als u het gesprek zo wilt vastleggen.`;
  }
  return errors;
}

/** Plans a conversation in the calendar of the client's consulent (or the actor's, when the client has none). */
export function planAppointment(deps: Deps, actor: Actor, clientId: unknown, form: Parsed<AppointmentForm>): Result<{ id: number; message: string }> {
  const page = loadClientPage(deps, actor, clientId);
  const closed = closedRefusal(actor, page.client, 'afspraken');
  if (closed) return { ok: false, refusal: closed };
  if (!form.ok) return invalid(form.errors);
  const errors = checkAppointment(page, actor.today, form.data, true);
  if (Object.keys(errors).length) return invalid(errors);
  const { acceptLateInvitation: _accepted, ...input } = form.data;
  const consulentId = page.client.consulentId ?? actor.user.id;
  const { value: id } = changeDossier(deps, actor, page.client.id, () => {
    const newId = insertAppointment(deps.db, page.client.id, consulentId, input, actor.user.id, actor.nowIso);
    return {
      value: newId,
      events: [{ kind: 'APPOINTMENT', summary: `Gepland: ${describeAppointment(input)}`, refTable: 'appointments', refId: newId }],
    };
  })!;
  actor.audit('afspraak-gepland', 'voortgang', { clientId: page.client.id });
  return ok({ id, message: `Gepland: ${describeAppointment(input)}.` });
}

/** One appointment: details, invitation, the outcome and edit forms (while planned). */
export function loadAppointmentPage(deps: Deps, actor: Actor, clientId: unknown, appointmentId: unknown) {
  const page = loadClientPage(deps, actor, clientId);
  const a = loadAppointment(deps, page, appointmentId);
  const minDays = page.eligibility.rules.calendar.invitationMinDays;
  actor.audit('afspraak-bekeken', 'voortgang', { clientId: page.client.id });
  const form = CONVERSATION_FORM[a.kind];
  return {
    ...page,
    a,
    minDays,
    invitationWarning: a.status === 'PLANNED' ? invitationWarning(a, minDays, page.today) : null,
    invitationDeadline: invitationDeadline(a, minDays),
    conversationUrl: a.status === 'HELD' && form ? `/clients/${page.client.id}/${form}?afspraak=${a.id}` : null,
    // Kinds with a letter template get the letter (a document), the others the print view.
    letterUrl: invitationLetterUrl(page.client.id, a),
    letterOpen: a.status === 'PLANNED' && !page.client.closedOn,
    invitationDocumentUrl: a.invitationDocumentId === null ? null : `/clients/${page.client.id}/documents/${a.invitationDocumentId}`,
    outcomeOpen: a.status === 'PLANNED' && !page.client.closedOn,
    outcomePossible: dateOf(a.startsAt) <= page.today,
    kindLabels: KIND_LABELS,
    modeLabels: MODE_LABELS,
    statusLabels: STATUS_LABELS,
    invitationLabels: INVITATION_METHOD_LABELS,
    cancelledByLabels: CANCELLED_BY_LABELS,
    enforceableKinds: ENFORCEABLE_KINDS,
  };
}

/** The form values of a stored appointment, as the edit form shows them. */
export function appointmentValues(a: Appointment): Record<string, unknown> {
  return {
    kind: a.kind,
    date: dateOf(a.startsAt),
    time: a.startsAt.slice(11, 16),
    durationMinutes: String(a.durationMinutes),
    mode: a.mode,
    place: a.place ?? '',
    interpreterLanguage: a.interpreterLanguage ?? '',
    interpreterBooked: a.interpreterBooked ? 'on' : '',
    others: a.others ?? '',
    invitationSentOn: a.invitationSentOn ?? '',
    invitationMethod: a.invitationMethod ?? '',
    version: a.version,
  };
}

/** Changes a planned appointment; refused when someone else saved it in between (`version`). */
export function changeAppointment(
  deps: Deps,
  actor: Actor,
  clientId: unknown,
  appointmentId: unknown,
  version: number,
  form: Parsed<AppointmentForm>,
): Result<{ message: string }> {
  const page = loadClientPage(deps, actor, clientId);
  const closed = closedRefusal(actor, page.client, 'afspraken');
  if (closed) return { ok: false, refusal: closed };
  const a = loadAppointment(deps, page, appointmentId);
  if (a.status !== 'PLANNED') throw conflict(`Deze afspraak is al ${STATUS_LABELS[a.status].toLowerCase()} en kan niet meer worden gewijzigd.`);
  if (!form.ok) return invalid(form.errors);
  const errors = checkAppointment(page, actor.today, form.data, dateOf(form.data.startsAt) !== dateOf(a.startsAt));
  if (Object.keys(errors).length) return invalid(errors);
  const { acceptLateInvitation: _accepted, ...input } = form.data;
  const saved = changeDossier(deps, actor, page.client.id, () =>
    updateAppointment(deps.db, page.client.id, a.id, version, input, actor.nowIso)
      ? {
          value: a.id,
          events: [{ kind: 'APPOINTMENT', summary: `Afspraak gewijzigd: ${describeAppointment(a)} → ${describeAppointment(input)}`, refTable: 'appointments', refId: a.id }],
        }
      : null,
  );
  if (!saved) {
    const fresh = findAppointment(deps.db, page.client.id, a.id)!;
    return stale(
      `Iemand anders heeft deze afspraak intussen gewijzigd; uw wijziging is niet opgeslagen. Nu opgeslagen: ${describeAppointment(fresh)} (${STATUS_LABELS[fresh.status].toLowerCase()}). Hieronder staat wat u invulde: sla opnieuw op om dat te bewaren.`,
    );
  }
  actor.audit('afspraak-gewijzigd', 'voortgang', { clientId: page.client.id });
  return ok({ message: `Gewijzigd: ${describeAppointment(input)}.` });
}

/**
 * Records what became of a planned appointment. Held or no-show only from its date on; cancelled needs by whom
 * and a reason. A held appointment of a conversation kind returns the URL of the conversation form, prefilled.
 */
export function recordAppointmentOutcome(
  deps: Deps,
  actor: Actor,
  clientId: unknown,
  appointmentId: unknown,
  form: Parsed<OutcomeForm>,
): Result<{ message: string; next: string | null }> {
  const page = loadClientPage(deps, actor, clientId);
  const closed = closedRefusal(actor, page.client, 'afspraken');
  if (closed) return { ok: false, refusal: closed };
  const a = loadAppointment(deps, page, appointmentId);
  if (a.status !== 'PLANNED') throw conflict(`Van deze afspraak is al vastgelegd: ${STATUS_LABELS[a.status].toLowerCase()}.`);
  if (!form.ok) return invalid(form.errors);
  const d = form.data;
  const errors: FieldErrors = {};
  if (d.outcome !== 'CANCELLED' && dateOf(a.startsAt) > actor.today) {
    errors.outcome = `De afspraak is op ${formatDate(dateOf(a.startsAt))}: u kunt pas dan vastleggen of die is gehouden of dat de cliënt niet verscheen`;
  }
  if (d.outcome === 'CANCELLED') {
    if (d.cancelledBy === null) errors.cancelledBy = 'Kies wie de afspraak heeft afgezegd';
    if (d.reason === null) errors.reason = 'Vul de reden van afzeggen in';
  }
  if (Object.keys(errors).length) return invalid(errors);
  const what =
    d.outcome === 'HELD'
      ? 'gehouden'
      : d.outcome === 'NO_SHOW'
        ? 'cliënt niet verschenen'
        : `afgezegd door ${CANCELLED_BY_LABELS[d.cancelledBy!].toLowerCase()}`;
  const summary = `${KIND_LABELS[a.kind]} van ${formatDateTime(a.startsAt)}: ${what}${d.reason ? ` (${d.reason})` : ''}`;
  const saved = changeDossier(deps, actor, page.client.id, () =>
    setAppointmentOutcome(
      deps.db,
      page.client.id,
      a.id,
      d.version,
      { status: d.outcome, cancelledBy: d.outcome === 'CANCELLED' ? d.cancelledBy : null, reason: d.reason, on: actor.today },
      actor.nowIso,
    )
      ? { value: a.id, events: [{ kind: 'APPOINTMENT', summary, refTable: 'appointments', refId: a.id, occurredOn: d.outcome === 'CANCELLED' ? actor.today : dateOf(a.startsAt) }] }
      : null,
  );
  if (!saved) return stale('Iemand anders heeft deze afspraak intussen gewijzigd; er is niets vastgelegd. Bekijk de afspraak en probeer het opnieuw.');
  actor.audit('afspraak-uitkomst-vastgelegd', 'voortgang', { clientId: page.client.id });
  const form2 = CONVERSATION_FORM[a.kind];
  return ok({ message: `Vastgelegd: ${summary}.`, next: d.outcome === 'HELD' && form2 ? `/clients/${page.client.id}/${form2}?afspraak=${a.id}` : null });
}

/**
 * The first values of a conversation form opened from a held appointment (`?afspraak=`): its date, and the
 * interpreter and others who took part. Empty when the id is not a held appointment of this client.
 */
export function conversationPrefill(deps: Deps, clientId: number, rawAppointmentId: unknown): Record<string, unknown> {
  const id = toId(rawAppointmentId);
  const a = id === null ? undefined : findAppointment(deps.db, clientId, id);
  if (!a || a.status !== 'HELD') return {};
  const values: Record<string, unknown> = { heldOn: dateOf(a.startsAt), clientPresent: 'on', consulentPresent: 'on' };
  if (a.interpreterLanguage) values.interpreterName = `Tolk ${a.interpreterLanguage}`;
  if (a.others && a.kind === 'PRE_EIND') values.coachName = a.others;
  return values;
}

/** The invitation letter as a print view (until the letter templates of issue 19 take over). */
export function loadInvitationPage(deps: Deps, actor: Actor, clientId: unknown, appointmentId: unknown) {
  const page = loadClientPage(deps, actor, clientId);
  const a = loadAppointment(deps, page, appointmentId);
  const detail = findClientDetail(deps.db, page.client.id)!;
  const address = { address: detail.address, postcode: detail.postcode, city: detail.city };
  actor.audit('uitnodiging-bekeken', 'voortgang', { clientId: page.client.id });
  return { ...page, a, address, kindLabels: KIND_LABELS, modeLabels: MODE_LABELS, enforceable: ENFORCEABLE_KINDS.includes(a.kind) };
}

/** One appointment as an .ics file (initials and client number only). */
export function appointmentIcsFile(deps: Deps, actor: Actor, clientId: unknown, appointmentId: unknown): { fileName: string; body: string } {
  const page = loadClientPage(deps, actor, clientId);
  const a = loadAppointment(deps, page, appointmentId);
  actor.audit('afspraak-gedownload', 'voortgang', { clientId: page.client.id });
  const c = page.client;
  return {
    fileName: `afspraak-${c.clientNumber}-${dateOf(a.startsAt)}.ics`,
    body: appointmentsToIcs(`Afspraak ${initialsOf(c.firstName, c.lastName)} (${c.clientNumber})`, [
      { ...a, firstName: c.firstName, lastName: c.lastName, clientNumber: c.clientNumber },
    ]),
  };
}
