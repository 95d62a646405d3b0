// Language levels per skill over time, DUO exam registrations and results, afschalen to A2 (issue 12).
// SQL and read models. The use cases are in src/app/language.ts: the rules of afschalen, the timeline lines, and
// through changeDossier the transaction, the timeline event, the client_status refresh; and the audit row.
import { EXAM_SKILLS, type ExamSkill, type Level, SKILL_LABELS } from '../domain/index.js';
import { type Db, prepared } from './connection.js';
import { currentRoute, hourTotals } from './progress.js';
import { rulesInForce } from './rules.js';

// ---- vocabularies ----------------------------------------------------------------------------------

export type LevelSkill = ExamSkill | 'CONVERSATION';
export const LEVEL_SKILLS: readonly LevelSkill[] = ['READING', 'LISTENING', 'WRITING', 'SPEAKING', 'CONVERSATION'];
export const LEVEL_SKILL_LABELS: Record<LevelSkill, string> = { ...SKILL_LABELS, CONVERSATION: 'Gesprekken voeren' };

/** The 0-4 scale of seed 004: pre-A1 = 0 ... B2 = 4. */
export const LEVEL_SCALE: readonly Level[] = ['PRE_A1', 'A1', 'A2', 'B1', 'B2'];
export const LEVEL_NAMES: Record<Level, string> = { PRE_A1: 'pre-A1', A1: 'A1', A2: 'A2', B1: 'B1', B2: 'B2' };

export type LevelSource = 'PROVIDER_TEST' | 'PROGRESS_REPORT' | 'EXAM';
export const LEVEL_SOURCES: readonly LevelSource[] = ['PROVIDER_TEST', 'PROGRESS_REPORT', 'EXAM'];
export const LEVEL_SOURCE_LABELS: Record<LevelSource, string> = {
  PROVIDER_TEST: 'Tussentoets taalaanbieder',
  PROGRESS_REPORT: 'Voortgangsrapportage',
  EXAM: 'Examen',
};

export type ExamPart = ExamSkill | 'KNM';
export const EXAM_PARTS: readonly ExamPart[] = [...EXAM_SKILLS, 'KNM'];
export const EXAM_PART_LABELS: Record<ExamPart, string> = { ...SKILL_LABELS, KNM: 'KNM' };
export type ExamLevel = 'A2' | 'B1' | 'B2';
export const EXAM_LEVELS: readonly ExamLevel[] = ['A2', 'B1', 'B2'];
export type ExamResult = 'PASSED' | 'FAILED' | 'NO_SHOW';
export const EXAM_RESULTS: readonly ExamResult[] = ['PASSED', 'FAILED', 'NO_SHOW'];
export const EXAM_RESULT_LABELS: Record<ExamResult, string> = {
  PASSED: 'Gehaald',
  FAILED: 'Niet gehaald',
  NO_SHOW: 'Niet verschenen',
};

// Parameters of the caseload signals EXAM_NO_RESULT and B1_NO_EXAM (SIGNAL_SQL in ./caseload.ts: the one place that
// decides whether a client has them; a dossier page reads them with clientSignals).
/** Weeks after the exam date after which a missing result is a signal. */
export const EXAM_RESULT_SIGNAL_WEEKS = 8;
/** Months before the end of the termijn within which a B1-route client without any exam is a signal. */
export const NO_EXAM_SIGNAL_MONTHS = 9;

// ---- language levels -----------------------------------------------------------------------------

export interface LevelMeasurement {
  id: number;
  skill: LevelSkill;
  level: Level;
  source: LevelSource;
  measuredOn: string;
  note: string | null;
}

/** Every measurement, oldest first (date, then order of entry). */
export function listLevels(db: Db, clientId: number): LevelMeasurement[] {
  return prepared(
    db,
    `SELECT id, skill, level, source, measured_on AS measuredOn, note FROM language_levels
     WHERE client_id = ? ORDER BY measured_on, id`,
  ).all(clientId) as LevelMeasurement[];
}

/** The measurements per skill, each oldest first; every skill present (possibly empty). */
export function levelHistory(db: Db, clientId: number): Record<LevelSkill, LevelMeasurement[]> {
  const out = Object.fromEntries(LEVEL_SKILLS.map((s) => [s, [] as LevelMeasurement[]])) as Record<
    LevelSkill,
    LevelMeasurement[]
  >;
  for (const m of listLevels(db, clientId)) out[m.skill].push(m);
  return out;
}

export interface NewLevel {
  skill: LevelSkill;
  level: Level;
  source: LevelSource;
  measuredOn: string;
  note: string | null;
}

export function insertLevel(db: Db, clientId: number, input: NewLevel, userId: number, now: string): number {
  return Number(
    prepared(
      db,
      `INSERT INTO language_levels (client_id, skill, level, source, measured_on, note, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(clientId, input.skill, input.level, input.source, input.measuredOn, input.note, userId, now).lastInsertRowid,
  );
}

// ---- exams ----------------------------------------------------------------------------------------

export interface Exam {
  id: number;
  part: ExamPart;
  level: ExamLevel | null;
  registeredOn: string;
  examOn: string;
  result: ExamResult | null;
  resultNote: string | null;
  /** 1, 2, ... per part, in order of exam date. */
  attempt: number;
  version: number;
}

const EXAM_SQL = `
SELECT id, part, level, registered_on AS registeredOn, exam_on AS examOn, result, result_note AS resultNote, version,
  ROW_NUMBER() OVER (PARTITION BY part ORDER BY exam_on, id) AS attempt
FROM exams WHERE client_id = ?`;

/** All exam registrations, newest exam date first, with the attempt number per part. */
export function listExams(db: Db, clientId: number): Exam[] {
  return prepared(db, `${EXAM_SQL} ORDER BY exam_on DESC, id DESC`).all(clientId) as Exam[];
}

export function findExam(db: Db, clientId: number, examId: number): Exam | undefined {
  return listExams(db, clientId).find((e) => e.id === examId);
}

export interface NewExam {
  part: ExamPart;
  level: ExamLevel | null;
  registeredOn: string;
  examOn: string;
  result: ExamResult | null;
  resultNote: string | null;
}

/** Inserts an exam registration (KNM has no level); returns its id. */
export function insertExam(db: Db, clientId: number, input: NewExam, userId: number, now: string): number {
  const level = input.part === 'KNM' ? null : input.level;
  return Number(
    prepared(
      db,
      `INSERT INTO exams (client_id, part, level, registered_on, exam_on, result, result_note, created_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(clientId, input.part, level, input.registeredOn, input.examOn, input.result, input.resultNote, userId, now, now)
      .lastInsertRowid,
  );
}

export interface ExamResultInput {
  result: ExamResult | null;
  resultNote: string | null;
  /** The version the user saw: the update is refused when someone else changed the exam since. */
  version: number;
}

/** Records or corrects the result of an exam. False when someone else changed it first (version). */
export function updateExamResult(db: Db, clientId: number, examId: number, input: ExamResultInput, userId: number, now: string): boolean {
  const r = prepared(
    db,
    `UPDATE exams SET result = ?, result_note = ?, version = version + 1, updated_by = ?, updated_at = ?
     WHERE id = ? AND client_id = ? AND version = ?`,
  ).run(input.result, input.resultNote, userId, now, examId, clientId, input.version);
  return r.changes === 1;
}

// ---- afschalen -------------------------------------------------------------------------------------

export interface AfschalenDecision {
  id: number;
  skill: ExamSkill;
  decidedOn: string;
  reason: string;
  exception: boolean;
  exceptionReason: string | null;
  languageHours: number | null;
}

export function listAfschalen(db: Db, clientId: number): AfschalenDecision[] {
  const rows = prepared(
    db,
    `SELECT id, decided_on AS decidedOn, reason, data FROM decisions
     WHERE client_id = ? AND kind = 'AFSCHALEN' AND revoked_on IS NULL ORDER BY decided_on, id`,
  ).all(clientId) as { id: number; decidedOn: string; reason: string; data: string }[];
  return rows.map((r) => {
    const d = JSON.parse(r.data) as Record<string, unknown>;
    return {
      id: r.id,
      skill: d.skill as ExamSkill,
      decidedOn: r.decidedOn,
      reason: r.reason,
      exception: d.exception === true,
      exceptionReason: typeof d.exceptionReason === 'string' ? d.exceptionReason : null,
      languageHours: typeof d.languageHours === 'number' ? d.languageHours : null,
    };
  });
}

export interface AfschalenCheck {
  route: string | null;
  languageHours: number;
  minHours: number;
  enoughHours: boolean;
  alreadyAfgeschaald: ExamSkill[];
}

export function afschalenCheck(db: Db, clientId: number, today: string): AfschalenCheck {
  const minHours = rulesInForce(db, today).b1.afschalenMinLanguageHours;
  const languageHours = hourTotals(db, clientId).attended.LANGUAGE;
  return {
    route: currentRoute(db, clientId),
    languageHours,
    minHours,
    enoughHours: languageHours >= minHours,
    alreadyAfgeschaald: listAfschalen(db, clientId).map((a) => a.skill),
  };
}

export interface NewAfschalen {
  skill: ExamSkill;
  decidedOn: string;
  reason: string;
  exception: boolean;
  exceptionReason: string | null;
}

/** Inserts an AFSCHALEN decision with the attended language hours at the time; returns its id. */
export function insertAfschalen(db: Db, clientId: number, input: NewAfschalen, languageHours: number, userId: number, now: string): number {
  const data = {
    skill: input.skill,
    languageHours,
    ...(input.exception ? { exception: true, exceptionReason: input.exceptionReason } : {}),
  };
  return Number(
    prepared(
      db,
      `INSERT INTO decisions (client_id, kind, decided_on, reason, data, decided_by, created_at)
       VALUES (?, 'AFSCHALEN', ?, ?, ?, ?, ?)`,
    ).run(clientId, input.decidedOn, input.reason, JSON.stringify(data), userId, now).lastInsertRowid,
  );
}

/** True when an afschalen decision is newer than the last PIP version made for afschalen. */
export function pipRevisionNeeded(db: Db, clientId: number): boolean {
  const row = prepared(
    db,
    `SELECT 1 FROM decisions d
     WHERE d.client_id = ? AND d.kind = 'AFSCHALEN' AND d.revoked_on IS NULL
       AND NOT EXISTS (SELECT 1 FROM pip_versions p WHERE p.client_id = d.client_id AND p.revision_reason = 'AFSCHALEN'
                       AND p.created_at >= d.created_at)
     LIMIT 1`,
  ).get(clientId);
  return row !== undefined;
}
