// Language levels per skill over time, DUO exam registrations and results, afschalen to A2 (issue 12).
// SQL, read models and the timeline lines of these writes. The use cases are in src/app/language.ts: they own the
// transaction, the timeline event, the client_status refresh and the audit row.
import { EXAM_SKILLS, type ExamSkill, type Level, SKILL_LABELS } from '../domain/index.js';
import { formatDate, formatHours } from '../lib/format.js';
import { type TimelineEntry, writeOutsideUseCase } from './closures.js';
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

/** The timeline line of a measured level. */
export function levelEvent(input: NewLevel, id: number): TimelineEntry {
  return {
    occurredOn: input.measuredOn,
    kind: 'LANGUAGE_LEVEL',
    summary: `Taalniveau ${LEVEL_SKILL_LABELS[input.skill]}: ${LEVEL_NAMES[input.level]} (${LEVEL_SOURCE_LABELS[input.source].toLowerCase()}, ${formatDate(input.measuredOn)})`,
    refTable: 'language_levels',
    refId: id,
  };
}

/** Records a level outside a use case (demo seeder, test fixtures; see writeOutsideUseCase). */
export function addLevel(db: Db, clientId: number, input: NewLevel, userId: number, today: string, now: string): number {
  return writeOutsideUseCase(db, clientId, userId, today, now, () => {
    const id = insertLevel(db, clientId, input, userId, now);
    return { value: id, events: [levelEvent(input, id)] };
  });
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

/** "Examen lezen B1", "KNM-examen". */
export function examTitle(part: ExamPart, level: ExamLevel | null): string {
  return part === 'KNM' ? 'KNM-examen' : `Examen ${EXAM_PART_LABELS[part].toLowerCase()} ${level ?? ''}`.trim();
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

/** The timeline line of a registered exam (as stored, with its attempt number). */
export function examRegisteredEvent(exam: Exam): TimelineEntry {
  const result = exam.result ? `, uitslag: ${EXAM_RESULT_LABELS[exam.result].toLowerCase()}` : '';
  return {
    occurredOn: exam.registeredOn,
    kind: 'EXAM',
    summary: `${examTitle(exam.part, exam.level)} aangemeld voor ${formatDate(exam.examOn)} (poging ${exam.attempt}${result})`,
    refTable: 'exams',
    refId: exam.id,
  };
}

/** Registers an exam outside a use case (demo seeder, test fixtures; see writeOutsideUseCase). */
export function addExam(db: Db, clientId: number, input: NewExam, userId: number, today: string, now: string): number {
  return writeOutsideUseCase(db, clientId, userId, today, now, () => {
    const id = insertExam(db, clientId, input, userId, now);
    return { value: id, events: [examRegisteredEvent(findExam(db, clientId, id)!)] };
  });
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

/** The timeline line of a recorded (or corrected) result, on the day it was recorded. */
export function examResultEvent(exam: Exam, today: string): TimelineEntry {
  const what = exam.result ? EXAM_RESULT_LABELS[exam.result].toLowerCase() : 'nog geen uitslag';
  return {
    occurredOn: today,
    kind: 'EXAM',
    summary: `Uitslag ${examTitle(exam.part, exam.level)} van ${formatDate(exam.examOn)} (poging ${exam.attempt}): ${what}`,
    refTable: 'exams',
    refId: exam.id,
  };
}

/** Records a result outside a use case (test fixtures; see writeOutsideUseCase). False on a stale version. */
export function setExamResult(
  db: Db,
  clientId: number,
  examId: number,
  input: ExamResultInput,
  userId: number,
  today: string,
  now: string,
): boolean {
  return writeOutsideUseCase(db, clientId, userId, today, now, () => {
    const exam = updateExamResult(db, clientId, examId, input, userId, now) ? findExam(db, clientId, examId) : undefined;
    return exam ? { value: true, events: [examResultEvent(exam, today)] } : { value: false, events: [] };
  });
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

export type AfschalenOutcome = { ok: true; id: number } | { ok: false; errors: Record<string, string> };

/**
 * The rules of afschalen to A2 that need the stored data, as Dutch messages per field (empty: it may be saved):
 * B1-route only, once per skill, and not below the minimum attended language hours of the rules in force unless
 * the consulent records an exception with a reason.
 */
export function afschalenErrors(check: AfschalenCheck, input: NewAfschalen): Record<string, string> {
  if (check.route !== 'B1') return { _form: 'Afschalen naar A2 kan alleen in de B1-route.' };
  if (check.alreadyAfgeschaald.includes(input.skill)) return { skill: `${SKILL_LABELS[input.skill]} is al afgeschaald naar A2.` };
  if (!check.enoughHours && !input.exception) {
    return {
      exception: `Afschalen kan pas na ${check.minHours} uur taalles; de cliënt heeft ${formatHours(check.languageHours)} uur gevolgd. Kies "uitzondering" en geef de reden als u toch wilt afschalen.`,
    };
  }
  if (input.exception && !input.exceptionReason) return { exceptionReason: 'Vul de reden voor de uitzondering in' };
  return {};
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

/** The timeline line of an afschalen decision. */
export function afschalenEvent(input: NewAfschalen, languageHours: number, id: number): TimelineEntry {
  const exception = input.exception ? ` Uitzondering op de urengrens: ${input.exceptionReason}` : '';
  return {
    occurredOn: input.decidedOn,
    kind: 'DECISION',
    summary: `Besluit: ${SKILL_LABELS[input.skill].toLowerCase()} afgeschaald naar A2 na ${formatHours(languageHours)} uur taalles. Reden: ${input.reason}.${exception}`,
    refTable: 'decisions',
    refId: id,
  };
}

/** Afschalen outside a use case (demo seeder, test fixtures; see writeOutsideUseCase). */
export function afschalen(db: Db, clientId: number, input: NewAfschalen, userId: number, today: string, now: string): AfschalenOutcome {
  return writeOutsideUseCase(db, clientId, userId, today, now, () => {
    const check = afschalenCheck(db, clientId, today);
    const errors = afschalenErrors(check, input);
    if (Object.keys(errors).length) return { value: { ok: false, errors } as AfschalenOutcome, events: [] };
    const id = insertAfschalen(db, clientId, input, check.languageHours, userId, now);
    return { value: { ok: true, id } as AfschalenOutcome, events: [afschalenEvent(input, check.languageHours, id)] };
  });
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
