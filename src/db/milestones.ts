import type { Doelgroep, MilestoneFacts, Route } from '../domain/index.js';
import { type Db, prepared } from './connection.js';

export type RecordedMilestone = 'MAP_REGISTERED' | 'YEAR3_CHECK';

const ACTIVE_DECISION = `revoked_on IS NULL AND approval_status IN ('NOT_REQUIRED', 'APPROVED')`;

const FACTS_SQL = `
SELECT
  (SELECT MIN(decided_on) FROM decisions WHERE client_id = @id AND kind = 'PVT_COMPLETED' AND ${ACTIVE_DECISION}) AS pvt,
  (SELECT MIN(decided_on) FROM decisions WHERE client_id = @id AND kind = 'MAP_COMPLETED' AND ${ACTIVE_DECISION}) AS map,
  (SELECT COUNT(*) FROM decisions WHERE client_id = @id AND kind = 'MAP_EXEMPTION' AND ${ACTIVE_DECISION}) AS mapExempt,
  (SELECT MIN(d) FROM (
     SELECT measured_on AS d FROM language_levels WHERE client_id = @id AND skill = 'SPEAKING' AND level IN ('A2', 'B1', 'B2')
     UNION ALL SELECT exam_on FROM exams WHERE client_id = @id AND part = 'SPEAKING' AND result = 'PASSED' AND level IN ('A2', 'B1', 'B2'))) AS speaking,
  (SELECT MIN(d) FROM (
     SELECT measured_on AS d FROM language_levels WHERE client_id = @id AND skill = 'LISTENING' AND level IN ('A2', 'B1', 'B2')
     UNION ALL SELECT exam_on FROM exams WHERE client_id = @id AND part = 'LISTENING' AND result = 'PASSED' AND level IN ('A2', 'B1', 'B2'))) AS listening,
  (SELECT done_on FROM milestone_records WHERE client_id = @id AND code = 'MAP_REGISTERED' ORDER BY id DESC LIMIT 1) AS mapRegistered,
  (SELECT note FROM milestone_records WHERE client_id = @id AND code = 'MAP_REGISTERED' ORDER BY id DESC LIMIT 1) AS mapNote,
  (SELECT done_on FROM milestone_records WHERE client_id = @id AND code = 'YEAR3_CHECK' ORDER BY id DESC LIMIT 1) AS year3,
  (SELECT json_group_array(held_on) FROM conversations WHERE client_id = @id) AS conversations`;

interface FactsRow {
  pvt: string | null;
  map: string | null;
  mapExempt: number;
  speaking: string | null;
  listening: string | null;
  mapRegistered: string | null;
  mapNote: string | null;
  year3: string | null;
  conversations: string;
}

/** What the milestones of one client are computed from; the caller gives what client_status already knows. */
export function loadMilestoneFacts(
  db: Db,
  clientId: number,
  known: { doelgroep: Doelgroep; route: Route | null; pipDate: string | null; preEndHeldOn: string | null; endHeldOn: string | null },
): MilestoneFacts {
  const r = prepared(db, FACTS_SQL).get({ id: clientId }) as FactsRow;
  const a2 = r.speaking !== null && r.listening !== null ? (r.speaking > r.listening ? r.speaking : r.listening) : null;
  return {
    ...known,
    pvtCompletedOn: r.pvt,
    mapCompletedOn: r.map,
    mapExempt: r.mapExempt > 0,
    mapRegisteredOn: r.mapRegistered,
    mapEarlyReason: r.mapNote,
    a2SpeakingListeningOn: a2,
    year3CheckOn: r.year3,
    conversationDates: JSON.parse(r.conversations) as string[],
  };
}

export function insertMilestoneRecord(
  db: Db,
  clientId: number,
  m: { code: RecordedMilestone; doneOn: string; note: string | null },
  userId: number,
  nowIso: string,
): number {
  const r = db
    .prepare('INSERT INTO milestone_records (client_id, code, done_on, note, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(clientId, m.code, m.doneOn, m.note, userId, nowIso);
  return Number(r.lastInsertRowid);
}

/** The PIP date and the latest pre-eindgesprek and eindgesprek of a client. */
export function trajectoryDates(db: Db, clientId: number): { pip: string | null; pre: string | null; end: string | null } {
  return prepared(
    db,
    `SELECT (SELECT MIN(vastgesteld_on) FROM pip_versions WHERE client_id = @id) AS pip,
       (SELECT MAX(held_on) FROM conversations WHERE client_id = @id AND kind = 'PRE_EIND') AS pre,
       (SELECT MAX(held_on) FROM conversations WHERE client_id = @id AND kind = 'EIND') AS "end"`,
  ).get({ id: clientId }) as { pip: string | null; pre: string | null; end: string | null };
}
