// Restricted notes (issue 20) and the break-the-glass openings of them. Plain SQL; who may read what is
// decided in src/app/restricted-notes.ts.
import { type Db, prepared } from './connection.js';

export const RESTRICTED_NOTE_KINDS = ['MELDCODE', 'MEDISCH', 'JUSTITIE', 'OVERIG'] as const;
export type RestrictedNoteKind = (typeof RESTRICTED_NOTE_KINDS)[number];

/** A note without its text: what every consulent of the team may see. */
export interface RestrictedNoteHead {
  id: number;
  clientId: number;
  kind: RestrictedNoteKind;
  notedOn: string;
  createdBy: number;
  inHandover: boolean;
}

export interface RestrictedNote extends RestrictedNoteHead {
  body: string;
  createdByName: string | null;
  createdAt: string;
  handoverReason: string | null;
  handoverByName: string | null;
  handoverAt: string | null;
}

export interface NoteOpening {
  id: number;
  noteId: number;
  clientId: number;
  kind: RestrictedNoteKind;
  userName: string | null;
  reason: string;
  openedOn: string;
  openedAt: string;
}

type HeadRow = Omit<RestrictedNoteHead, 'inHandover'> & { inHandover: number };
const HEAD = `n.id, n.client_id AS clientId, n.kind, n.noted_on AS notedOn, n.created_by AS createdBy,
  (n.handover_at IS NOT NULL) AS inHandover`;
const toHead = <T extends HeadRow>(r: T) => ({ ...r, inHandover: r.inHandover === 1 });

/** The client's restricted notes without their text, newest first. */
export function listRestrictedNoteHeads(db: Db, clientId: number): RestrictedNoteHead[] {
  const rows = prepared(db, `SELECT ${HEAD} FROM restricted_notes n WHERE n.client_id = ? ORDER BY n.noted_on DESC, n.id DESC`).all(clientId) as HeadRow[];
  return rows.map(toHead);
}

const FULL = `${HEAD}, n.body, cu.display_name AS createdByName, n.created_at AS createdAt, n.handover_reason AS handoverReason,
  hu.display_name AS handoverByName, n.handover_at AS handoverAt
  FROM restricted_notes n LEFT JOIN users cu ON cu.id = n.created_by LEFT JOIN users hu ON hu.id = n.handover_by`;

/** The client's restricted notes with their text, newest first (only for a reader: see the app module). */
export function listRestrictedNotes(db: Db, clientId: number): RestrictedNote[] {
  const rows = prepared(db, `SELECT ${FULL} WHERE n.client_id = ? ORDER BY n.noted_on DESC, n.id DESC`).all(clientId) as (HeadRow &
    Omit<RestrictedNote, 'inHandover'>)[];
  return rows.map(toHead);
}

/** One note of one client (undefined when the id is not a note of that client). */
export function findRestrictedNote(db: Db, clientId: number, noteId: number): RestrictedNote | undefined {
  const row = prepared(db, `SELECT ${FULL} WHERE n.client_id = ? AND n.id = ?`).get(clientId, noteId) as (HeadRow & Omit<RestrictedNote, 'inHandover'>) | undefined;
  return row ? toHead(row) : undefined;
}

/** The notes the consulent chose to give along with the handover, oldest first. */
export function listHandoverNotes(db: Db, clientId: number): RestrictedNote[] {
  return listRestrictedNotes(db, clientId)
    .filter((n) => n.inHandover)
    .reverse();
}

export function addRestrictedNote(
  db: Db,
  n: { clientId: number; kind: RestrictedNoteKind; notedOn: string; body: string; userId: number },
  nowIso: string,
): number {
  const r = prepared(
    db,
    'INSERT INTO restricted_notes (client_id, kind, noted_on, body, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(n.clientId, n.kind, n.notedOn, n.body, n.userId, nowIso);
  return Number(r.lastInsertRowid);
}

/** Gives the note along with the handover (a reason) or takes it out again (null). */
export function setHandover(db: Db, noteId: number, reason: string | null, userId: number, nowIso: string): void {
  prepared(db, 'UPDATE restricted_notes SET handover_reason = ?, handover_by = ?, handover_at = ? WHERE id = ?').run(
    reason,
    reason === null ? null : userId,
    reason === null ? null : nowIso,
    noteId,
  );
}

export function addNoteOpening(db: Db, o: { noteId: number; clientId: number; userId: number; reason: string; openedOn: string }, nowIso: string): number {
  const r = prepared(
    db,
    'INSERT INTO restricted_note_access (note_id, client_id, user_id, reason, opened_on, opened_at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(o.noteId, o.clientId, o.userId, o.reason, o.openedOn, nowIso);
  return Number(r.lastInsertRowid);
}

/** Whether the user opened this note with a reason on this business day. */
export function hasOpeningOn(db: Db, noteId: number, userId: number, day: string): boolean {
  return (
    prepared(db, 'SELECT 1 FROM restricted_note_access WHERE note_id = ? AND user_id = ? AND opened_on = ? LIMIT 1').get(noteId, userId, day) !==
    undefined
  );
}

const OPENING = `SELECT a.id, a.note_id AS noteId, a.client_id AS clientId, n.kind, u.display_name AS userName, a.reason,
  a.opened_on AS openedOn, a.opened_at AS openedAt
  FROM restricted_note_access a JOIN restricted_notes n ON n.id = a.note_id LEFT JOIN users u ON u.id = a.user_id`;

/** The break-the-glass openings of a client's notes, newest first. */
export function listOpeningsOfClient(db: Db, clientId: number): NoteOpening[] {
  return prepared(db, `${OPENING} WHERE a.client_id = ? ORDER BY a.opened_at DESC, a.id DESC`).all(clientId) as NoteOpening[];
}

/** The break-the-glass openings of the notes of a team's clients, newest first, with the client's name. */
export function listOpeningsOfTeam(db: Db, teamId: number, limit = 500): (NoteOpening & { clientName: string })[] {
  return prepared(
    db,
    `SELECT a.id, a.note_id AS noteId, a.client_id AS clientId, n.kind, u.display_name AS userName, a.reason,
       a.opened_on AS openedOn, a.opened_at AS openedAt, c.first_name || ' ' || c.last_name AS clientName
     FROM restricted_note_access a JOIN restricted_notes n ON n.id = a.note_id JOIN clients c ON c.id = a.client_id
       LEFT JOIN users u ON u.id = a.user_id
     WHERE c.team_id = ? ORDER BY a.opened_at DESC, a.id DESC LIMIT ?`,
  ).all(teamId, limit) as (NoteOpening & { clientName: string })[];
}
