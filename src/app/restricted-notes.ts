// Restricted notes (issue 20): a sensitive note on a dossier (a Meldcode concern, medical details, a criminal
// matter). Only the client's own consulent, the teamleider of the team and the note's author read it. Other
// consulenten of the team see that it exists (kind and date, never the text) and open it only by giving a
// reason ("break the glass"): valid for that note on that day, audited, and listed for the teamleider. Admins
// have no client access at all (loadClient). The notes are on no timeline, in no provider view, caseload CSV,
// client summary or handover — except a note the own consulent gives along with the handover, with a reason.
import type { ClientRef } from '../db/clients.js';
import {
  addNoteOpening,
  addRestrictedNote,
  findRestrictedNote,
  hasOpeningOn,
  listHandoverNotes,
  listOpeningsOfClient,
  listOpeningsOfTeam,
  listRestrictedNoteHeads,
  listRestrictedNotes,
  RESTRICTED_NOTE_KINDS,
  type RestrictedNote,
  type RestrictedNoteHead,
  type RestrictedNoteKind,
  setHandover,
} from '../db/restricted-notes.js';
import type { User } from '../db/users.js';
import { loadClient, toId } from './access.js';
import type { Actor } from './actor.js';
import { CLOSED_MESSAGE } from './client-page.js';
import type { Deps } from './deps.js';
import { loadDossierHeader } from './dossier-header.js';
import { changeDossier } from './dossier-write.js';
import { forbidden, notFound } from './errors.js';
import { invalid, ok, type Parsed, refuse, type Result } from './result.js';

export { RESTRICTED_NOTE_KINDS };
export type { RestrictedNoteKind };

export const RESTRICTED_NOTE_KIND_LABELS: Record<RestrictedNoteKind, string> = {
  MELDCODE: 'Meldcode-zorg (huiselijk geweld, kindermishandeling)',
  MEDISCH: 'Medisch',
  JUSTITIE: 'Justitie',
  OVERIG: 'Overig',
};

export interface RestrictedNoteForm {
  kind: RestrictedNoteKind;
  notedOn: string;
  body: string;
}

export interface BreakGlassForm {
  reason: string;
}

export interface HandoverChoiceForm {
  include: boolean;
  reason: string | null;
}

type ClosedRefusal = { kind: 'closed'; message: string };

const NOTE_NOT_FOUND = 'Deze notitie bestaat niet (meer).';

/**
 * Restricted notes are for the staff of the client's team only: any other role (an admin; a provider, whatever
 * client access it may get) is refused before anything about the notes is loaded, even their existence.
 */
function loadStaffClient(deps: Deps, actor: Actor, clientId: unknown): ClientRef {
  const client = loadClient(deps, actor, clientId);
  if (actor.user.role !== 'consulent' && actor.user.role !== 'teamleider') throw forbidden();
  return client;
}

/** Whether the user reads a client's restricted notes: the client's own consulent or the team's teamleider. */
export function readsAllRestrictedNotes(user: User, client: Pick<ClientRef, 'teamId' | 'consulentId'>): boolean {
  if (user.teamId !== client.teamId) return false;
  return user.role === 'teamleider' || (user.role === 'consulent' && client.consulentId === user.id);
}

/** Whether the user reads this note without breaking the glass: a reader of all the client's notes, or its author. */
export function readsRestrictedNote(user: User, client: Pick<ClientRef, 'teamId' | 'consulentId'>, note: Pick<RestrictedNoteHead, 'createdBy'>): boolean {
  return readsAllRestrictedNotes(user, client) || note.createdBy === user.id;
}

/** Only the client's own consulent decides to give a note along with the handover to another municipality. */
function decidesHandover(user: User, client: Pick<ClientRef, 'consulentId'>): boolean {
  return user.role === 'consulent' && client.consulentId === user.id;
}

const kindOptions = RESTRICTED_NOTE_KINDS.map((k) => ({ value: k, label: RESTRICTED_NOTE_KIND_LABELS[k] }));

/**
 * The restricted notes of a client: the text of each note the actor reads, the kind and date of the others (with
 * the way to open them with a reason), and for the readers of all notes who opened one with a reason.
 */
export function loadRestrictedNotesPage(deps: Deps, actor: Actor, clientId: unknown) {
  const client = loadStaffClient(deps, actor, clientId);
  const header = loadDossierHeader(deps, client.id);
  const readsAll = readsAllRestrictedNotes(actor.user, client);
  const full = new Map(listRestrictedNotes(deps.db, client.id).map((n) => [n.id, n]));
  const notes = listRestrictedNoteHeads(deps.db, client.id).map((head) => {
    const readable = readsRestrictedNote(actor.user, client, head);
    return { ...head, readable, note: readable ? (full.get(head.id) ?? null) : null };
  });
  const shown = notes.filter((n) => n.readable).length;
  actor.audit('afgeschermde-notities-bekeken', 'afgeschermd', {
    clientId: client.id,
    details: `${notes.length} notitie(s), inhoud van ${shown} getoond`,
  });
  return {
    client,
    header,
    notes,
    readsAll,
    decidesHandover: decidesHandover(actor.user, client),
    openings: readsAll ? listOpeningsOfClient(deps.db, client.id) : [],
    kindOptions,
    kindLabels: RESTRICTED_NOTE_KIND_LABELS,
    today: actor.today,
  };
}

function loadNote(deps: Deps, client: ClientRef, rawNoteId: unknown): RestrictedNote {
  const id = toId(rawNoteId);
  const note = id === null ? undefined : findRestrictedNote(deps.db, client.id, id);
  if (!note) throw notFound(NOTE_NOT_FOUND);
  return note;
}

/**
 * One restricted note. Its text for a reader, or for a consulent who opened it with a reason today; for anyone
 * else its kind and date and the form to open it with a reason (`note` null).
 */
export function loadRestrictedNotePage(deps: Deps, actor: Actor, clientId: unknown, noteId: unknown) {
  const client = loadStaffClient(deps, actor, clientId);
  const header = loadDossierHeader(deps, client.id);
  const found = loadNote(deps, client, noteId);
  const reader = readsRestrictedNote(actor.user, client, found);
  const openedToday = !reader && hasOpeningOn(deps.db, found.id, actor.user.id, actor.today);
  const readable = reader || openedToday;
  const { body: _body, handoverReason: _reason, ...head } = found;
  actor.audit('afgeschermde-notitie-bekeken', 'afgeschermd', {
    clientId: client.id,
    details: `notitie ${found.id}: ${reader ? 'inhoud getoond' : openedToday ? 'inhoud getoond na doorbreken afscherming' : 'alleen soort en datum'}`,
  });
  return {
    client,
    header,
    head,
    note: readable ? found : null,
    openedToday,
    decidesHandover: decidesHandover(actor.user, client),
    kindLabels: RESTRICTED_NOTE_KIND_LABELS,
    today: actor.today,
  };
}

/** Records a restricted note (no timeline line: the timeline is read by the whole team and goes along in exports). */
export function recordRestrictedNote(
  deps: Deps,
  actor: Actor,
  clientId: unknown,
  form: Parsed<RestrictedNoteForm>,
): Result<{ clientId: number; noteId: number }> {
  const client = loadStaffClient(deps, actor, clientId);
  if (client.closedOn) return refuse<ClosedRefusal>({ kind: 'closed', message: CLOSED_MESSAGE });
  if (!form.ok) return invalid(form.errors);
  const f = form.data;
  const done = changeDossier(deps, actor, client.id, () => ({
    value: addRestrictedNote(deps.db, { clientId: client.id, kind: f.kind, notedOn: f.notedOn, body: f.body, userId: actor.user.id }, actor.nowIso),
    events: [],
  }));
  const noteId = done?.value ?? 0;
  actor.audit('afgeschermde-notitie-vastgelegd', 'afgeschermd', { clientId: client.id, details: `notitie ${noteId} (${f.kind})` });
  return ok({ clientId: client.id, noteId });
}

/**
 * Break the glass: a consulent of the team who may not read the note opens it with a reason. The opening is
 * stored with its reason (shown to the teamleider) and audited; it is valid for this note on this day. Also on a
 * closed dossier (reading, not changing it).
 */
export function breakTheGlass(
  deps: Deps,
  actor: Actor,
  clientId: unknown,
  noteId: unknown,
  form: Parsed<BreakGlassForm>,
): Result<{ clientId: number; noteId: number }> {
  const client = loadStaffClient(deps, actor, clientId);
  const note = loadNote(deps, client, noteId);
  if (readsRestrictedNote(actor.user, client, note)) return ok({ clientId: client.id, noteId: note.id });
  if (!form.ok) return invalid(form.errors);
  const reason = form.data.reason;
  if (reason.length < 10) return invalid({ reason: 'Beschrijf waarom u deze notitie moet lezen (minstens 10 tekens)' });
  deps.db.transaction(() => {
    addNoteOpening(deps.db, { noteId: note.id, clientId: client.id, userId: actor.user.id, reason, openedOn: actor.today }, actor.nowIso);
  })();
  actor.audit('afscherming-doorbroken', 'afgeschermd', { clientId: client.id, details: `notitie ${note.id} geopend met een reden` });
  return ok({ clientId: client.id, noteId: note.id });
}

/**
 * The own consulent gives a note along with the handover to another municipality (a reason is required) or takes
 * it out again. Also after closure: the handover follows the closure with a move.
 */
export function chooseNoteForHandover(
  deps: Deps,
  actor: Actor,
  clientId: unknown,
  noteId: unknown,
  form: Parsed<HandoverChoiceForm>,
): Result<{ clientId: number; noteId: number; included: boolean }> {
  const client = loadStaffClient(deps, actor, clientId);
  const note = loadNote(deps, client, noteId);
  if (!decidesHandover(actor.user, client)) throw forbidden('Alleen de eigen consulent van de cliënt kiest wat er met de overdracht meegaat.');
  if (!form.ok) return invalid(form.errors);
  const { include, reason } = form.data;
  if (include && (!reason || reason.length < 10)) {
    return invalid({ reason: 'Beschrijf waarom deze notitie mee moet naar de nieuwe gemeente (minstens 10 tekens)' });
  }
  changeDossier(deps, actor, client.id, () => {
    setHandover(deps.db, note.id, include ? reason : null, actor.user.id, actor.nowIso);
    return { value: null, events: [] };
  });
  actor.audit('afgeschermde-notitie-overdracht', 'afgeschermd', {
    clientId: client.id,
    details: `notitie ${note.id} ${include ? 'gaat mee met de overdracht' : 'gaat niet meer mee met de overdracht'}`,
  });
  return ok({ clientId: client.id, noteId: note.id, included: include });
}

/**
 * The notes the own consulent gives along with the handover (for the handover page, after its access check):
 * their text for a reader, otherwise kind and date only. Never anything else of the restricted notes.
 */
export function handoverNotesFor(deps: Deps, actor: Actor, client: ClientRef) {
  if (actor.user.role !== 'consulent' && actor.user.role !== 'teamleider') return [];
  const readsAll = readsAllRestrictedNotes(actor.user, client);
  return listHandoverNotes(deps.db, client.id).map((n) => ({
    id: n.id,
    kind: n.kind,
    kindLabel: RESTRICTED_NOTE_KIND_LABELS[n.kind],
    notedOn: n.notedOn,
    body: readsAll ? n.body : null,
    handoverReason: readsAll ? n.handoverReason : null,
  }));
}

/**
 * The restricted notes in the client's access-request export: in full for a reader of all the client's notes
 * (the export is the client's own data for the client), otherwise kind and date only.
 */
export function restrictedNotesForExport(deps: Deps, actor: Actor, client: ClientRef) {
  if (actor.user.role !== 'consulent' && actor.user.role !== 'teamleider') return {};
  if (!readsAllRestrictedNotes(actor.user, client)) {
    return {
      afgeschermdeNotities: listRestrictedNoteHeads(deps.db, client.id).map((n) => ({
        id: n.id,
        soort: n.kind,
        datum: n.notedOn,
        inhoud: 'Alleen de eigen consulent of de teamleider kan de inhoud exporteren.',
      })),
      afgeschermdeNotitiesGeopend: [],
    };
  }
  return {
    afgeschermdeNotities: listRestrictedNotes(deps.db, client.id).map((n) => ({
      id: n.id,
      soort: n.kind,
      datum: n.notedOn,
      inhoud: n.body,
      vastgelegdDoor: n.createdByName,
      vastgelegdOp: n.createdAt,
      meegegevenBijOverdracht: n.handoverReason,
    })),
    afgeschermdeNotitiesGeopend: listOpeningsOfClient(deps.db, client.id).map((o) => ({
      notitie: o.noteId,
      door: o.userName,
      reden: o.reason,
      op: o.openedAt,
    })),
  };
}

/** The teamleider's list of restricted notes opened with a reason ("break the glass") in the team. */
export function loadNoteOpeningsPage(deps: Deps, actor: Actor) {
  const { user } = actor;
  if (user.role !== 'teamleider' || user.teamId === null) throw forbidden();
  const openings = listOpeningsOfTeam(deps.db, user.teamId);
  actor.audit('afscherming-doorbroken-lijst-bekeken', 'afgeschermd', { details: `${openings.length} keer` });
  return { openings, kindLabels: RESTRICTED_NOTE_KIND_LABELS };
}
