// Case meetings (casusoverleg) around a participation placement (issue 11). Agreements made in a meeting go
// into the shared agreements table, linked by agreements.case_meeting_id.
import { type AgreementInput, insertAgreement } from './agreements.js';
import type { Db } from './connection.js';

export interface CaseMeetingInput {
  heldOn: string;
  placementId: number | null;
  withProvider: boolean;
  withJobCoach: boolean;
  withEmployer: boolean;
  otherParticipants: string | null;
  notes: string;
}

export interface CaseMeeting extends CaseMeetingInput {
  id: number;
  clientId: number;
  placementLabel: string | null;
  createdByName: string | null;
  createdAt: string;
}

export interface MeetingAgreement {
  id: number;
  caseMeetingId: number;
  description: string;
  owner: string;
  dueOn: string;
  status: string;
}

export function listCaseMeetings(db: Db, clientId: number): CaseMeeting[] {
  const rows = db
    .prepare(
      `SELECT m.id, m.client_id AS clientId, m.held_on AS heldOn, m.placement_id AS placementId,
         pl.organisation AS placementLabel, m.with_provider AS withProvider, m.with_job_coach AS withJobCoach,
         m.with_employer AS withEmployer, m.other_participants AS otherParticipants, m.notes,
         u.display_name AS createdByName, m.created_at AS createdAt
       FROM case_meetings m LEFT JOIN placements pl ON pl.id = m.placement_id LEFT JOIN users u ON u.id = m.created_by
       WHERE m.client_id = ? ORDER BY m.held_on DESC, m.id DESC`,
    )
    .all(clientId) as (Omit<CaseMeeting, 'withProvider' | 'withJobCoach' | 'withEmployer'> & {
    withProvider: number;
    withJobCoach: number;
    withEmployer: number;
  })[];
  return rows.map((r) => ({
    ...r,
    withProvider: r.withProvider === 1,
    withJobCoach: r.withJobCoach === 1,
    withEmployer: r.withEmployer === 1,
  }));
}

export function agreementsOfCaseMeetings(db: Db, clientId: number): MeetingAgreement[] {
  return db
    .prepare(
      `SELECT id, case_meeting_id AS caseMeetingId, description, owner, due_on AS dueOn, status
       FROM agreements WHERE client_id = ? AND case_meeting_id IS NOT NULL ORDER BY due_on, id`,
    )
    .all(clientId) as MeetingAgreement[];
}

/** Inserts the meeting and its agreements; returns the meeting id and the agreement ids. */
export function insertCaseMeeting(
  db: Db,
  clientId: number,
  m: CaseMeetingInput,
  agreements: AgreementInput[],
  userId: number,
  nowIso: string,
): { id: number; agreementIds: number[] } {
  const r = db
    .prepare(
      `INSERT INTO case_meetings (client_id, held_on, placement_id, with_provider, with_job_coach, with_employer,
         other_participants, notes, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      clientId,
      m.heldOn,
      m.placementId,
      m.withProvider ? 1 : 0,
      m.withJobCoach ? 1 : 0,
      m.withEmployer ? 1 : 0,
      m.otherParticipants,
      m.notes,
      userId,
      nowIso,
    );
  const id = Number(r.lastInsertRowid);
  const link = db.prepare('UPDATE agreements SET case_meeting_id = ? WHERE id = ?');
  const agreementIds = agreements.map((a) => {
    const aid = insertAgreement(db, clientId, null, a, userId, nowIso);
    link.run(id, aid);
    return aid;
  });
  return { id, agreementIds };
}
