import { randomUUID } from 'node:crypto';
import { type Db, prepared } from './connection.js';

export const APPOINTMENT_KINDS = ['VOORTGANG', 'PRE_EIND', 'EIND', 'HANDHAVING', 'INTAKE', 'OTHER'] as const;
export type AppointmentKind = (typeof APPOINTMENT_KINDS)[number];
export const APPOINTMENT_MODES = ['OFFICE', 'HOME', 'VIDEO', 'PHONE'] as const;
export type AppointmentMode = (typeof APPOINTMENT_MODES)[number];
export const APPOINTMENT_STATUSES = ['PLANNED', 'HELD', 'NO_SHOW', 'CANCELLED'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];
export const CANCELLED_BY = ['CLIENT', 'CONSULENT', 'OTHER'] as const;
export type CancelledBy = (typeof CANCELLED_BY)[number];
export const INVITATION_METHODS = ['POST', 'REGISTERED_POST', 'EMAIL', 'HANDED_OVER'] as const;
export type InvitationMethod = (typeof INVITATION_METHODS)[number];

export interface AppointmentInput {
  kind: AppointmentKind;
  /** Local time, 'yyyy-MM-ddTHH:mm'. */
  startsAt: string;
  durationMinutes: number;
  mode: AppointmentMode;
  place: string | null;
  interpreterLanguage: string | null;
  interpreterBooked: boolean;
  others: string | null;
  invitationSentOn: string | null;
  invitationMethod: InvitationMethod | null;
}

export interface Appointment extends AppointmentInput {
  id: number;
  clientId: number;
  consulentId: number;
  consulentName: string | null;
  status: AppointmentStatus;
  cancelledBy: CancelledBy | null;
  outcomeReason: string | null;
  outcomeOn: string | null;
  uid: string;
  sequence: number;
  version: number;
  /** The invitation letter made for it from the letter templates (a document of type "brief"), if any. */
  invitationDocumentId: number | null;
  createdAt: string;
  updatedAt: string;
}

/** An appointment with the few client facts a calendar may show (initials and client number only). */
export interface CalendarAppointment extends Appointment {
  clientNumber: string;
  firstName: string;
  lastName: string;
}

const COLUMNS = `a.id, a.client_id AS clientId, a.consulent_id AS consulentId, u.display_name AS consulentName, a.kind,
  a.starts_at AS startsAt, a.duration_minutes AS durationMinutes, a.mode, a.place,
  a.interpreter_language AS interpreterLanguage, a.interpreter_booked AS interpreterBooked, a.others, a.status,
  a.cancelled_by AS cancelledBy, a.outcome_reason AS outcomeReason, a.outcome_on AS outcomeOn,
  a.invitation_sent_on AS invitationSentOn, a.invitation_method AS invitationMethod, a.uid, a.sequence, a.version,
  a.invitation_document_id AS invitationDocumentId, a.created_at AS createdAt, a.updated_at AS updatedAt`;

type Row = Omit<Appointment, 'interpreterBooked'> & { interpreterBooked: number };
const toAppointment = <T extends Row>(r: T) => ({ ...r, interpreterBooked: r.interpreterBooked === 1 });

export function listAppointments(db: Db, clientId: number): Appointment[] {
  const rows = prepared(
    db,
    `SELECT ${COLUMNS} FROM appointments a LEFT JOIN users u ON u.id = a.consulent_id
     WHERE a.client_id = ? ORDER BY a.starts_at DESC, a.id DESC`,
  ).all(clientId) as Row[];
  return rows.map(toAppointment);
}

export function findAppointment(db: Db, clientId: number, id: number): Appointment | undefined {
  const row = prepared(
    db,
    `SELECT ${COLUMNS} FROM appointments a LEFT JOIN users u ON u.id = a.consulent_id WHERE a.client_id = ? AND a.id = ?`,
  ).get(clientId, id) as Row | undefined;
  return row && toAppointment(row);
}

/** A consulent's appointments with starts_at in [from, to) (local 'yyyy-MM-ddTHH:mm' or dates), oldest first. */
export function consulentAppointments(db: Db, consulentId: number, from: string, to: string): CalendarAppointment[] {
  const rows = prepared(
    db,
    `SELECT ${COLUMNS}, c.client_number AS clientNumber, c.first_name AS firstName, c.last_name AS lastName
     FROM appointments a JOIN clients c ON c.id = a.client_id LEFT JOIN users u ON u.id = a.consulent_id
     WHERE a.consulent_id = ? AND a.starts_at >= ? AND a.starts_at < ? ORDER BY a.starts_at, a.id`,
  ).all(consulentId, from, to) as (Row & { clientNumber: string; firstName: string; lastName: string })[];
  return rows.map(toAppointment);
}

/** Points the appointment at the invitation letter just made for it (inside the letter's transaction). */
export function setInvitationDocument(db: Db, clientId: number, id: number, documentId: number): boolean {
  return (
    db.prepare('UPDATE appointments SET invitation_document_id = ? WHERE client_id = ? AND id = ?').run(documentId, clientId, id).changes === 1
  );
}

export function insertAppointment(
  db: Db,
  clientId: number,
  consulentId: number,
  a: AppointmentInput,
  userId: number,
  nowIso: string,
): number {
  const r = db
    .prepare(
      `INSERT INTO appointments (client_id, consulent_id, kind, starts_at, duration_minutes, mode, place,
         interpreter_language, interpreter_booked, others, invitation_sent_on, invitation_method, uid, created_by,
         created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      clientId,
      consulentId,
      a.kind,
      a.startsAt,
      a.durationMinutes,
      a.mode,
      a.place,
      a.interpreterLanguage,
      a.interpreterBooked ? 1 : 0,
      a.others,
      a.invitationSentOn,
      a.invitationMethod,
      `${randomUUID()}@koers`,
      userId,
      nowIso,
      nowIso,
    );
  return Number(r.lastInsertRowid);
}

/** Changes a planned appointment if nobody changed it since `version`; false when stale or no longer planned. */
export function updateAppointment(db: Db, clientId: number, id: number, version: number, a: AppointmentInput, nowIso: string): boolean {
  const r = db
    .prepare(
      `UPDATE appointments SET kind = ?, starts_at = ?, duration_minutes = ?, mode = ?, place = ?, interpreter_language = ?,
         interpreter_booked = ?, others = ?, invitation_sent_on = ?, invitation_method = ?, sequence = sequence + 1,
         version = version + 1, updated_at = ?
       WHERE client_id = ? AND id = ? AND version = ? AND status = 'PLANNED'`,
    )
    .run(
      a.kind,
      a.startsAt,
      a.durationMinutes,
      a.mode,
      a.place,
      a.interpreterLanguage,
      a.interpreterBooked ? 1 : 0,
      a.others,
      a.invitationSentOn,
      a.invitationMethod,
      nowIso,
      clientId,
      id,
      version,
    );
  return r.changes === 1;
}

/** Records the outcome of a planned appointment; false when stale or it already has one. */
export function setAppointmentOutcome(
  db: Db,
  clientId: number,
  id: number,
  version: number,
  o: { status: Exclude<AppointmentStatus, 'PLANNED'>; cancelledBy: CancelledBy | null; reason: string | null; on: string },
  nowIso: string,
): boolean {
  const r = db
    .prepare(
      `UPDATE appointments SET status = ?, cancelled_by = ?, outcome_reason = ?, outcome_on = ?, sequence = sequence + 1,
         version = version + 1, updated_at = ?
       WHERE client_id = ? AND id = ? AND version = ? AND status = 'PLANNED'`,
    )
    .run(o.status, o.cancelledBy, o.reason, o.on, nowIso, clientId, id, version);
  return r.changes === 1;
}

/** Held and no-show outcomes of a client, oldest appointment first (for the no-show streak). */
export function attendanceOutcomes(db: Db, clientId: number): ('HELD' | 'NO_SHOW')[] {
  return prepared(
    db,
    `SELECT status FROM appointments WHERE client_id = ? AND status IN ('HELD', 'NO_SHOW') ORDER BY starts_at, id`,
  )
    .pluck()
    .all(clientId) as ('HELD' | 'NO_SHOW')[];
}

// ---- the private calendar feed ----

export function feedUserByTokenHash(db: Db, tokenHash: string): number | undefined {
  return prepared(db, 'SELECT user_id FROM calendar_feeds WHERE token_hash = ?').pluck().get(tokenHash) as number | undefined;
}

export function hasFeed(db: Db, userId: number): { createdAt: string } | undefined {
  return prepared(db, 'SELECT created_at AS createdAt FROM calendar_feeds WHERE user_id = ?').get(userId) as
    | { createdAt: string }
    | undefined;
}

/** Sets (or replaces: the old link stops working) a user's feed token hash. */
export function setFeedTokenHash(db: Db, userId: number, tokenHash: string, nowIso: string): void {
  db.prepare(
    `INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES (?, ?, ?)
     ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at`,
  ).run(userId, tokenHash, nowIso);
}

export function deleteFeed(db: Db, userId: number): void {
  db.prepare('DELETE FROM calendar_feeds WHERE user_id = ?').run(userId);
}
