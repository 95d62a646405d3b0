// Language levels per skill over time, DUO exam registrations and results, afschalen to A2 (issue 12).
import { addMonths, format, parseISO, subWeeks } from 'date-fns';
import { nl } from 'date-fns/locale/nl';
import { EXAM_SKILLS, type ExamSkill, type Level, SKILL_LABELS } from '../domain/index.js';
import { refreshClientStatus } from './client-status.js';
import { assertOpen } from './closures.js';
import { type Db, prepared } from './connection.js';
import { addClientEvent } from './timeline.js';
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

/** Weeks after the exam date after which a missing result is a signal. */
export const EXAM_RESULT_SIGNAL_WEEKS = 8;
/** Months before the end of the termijn within which a B1-route client without any exam is a signal. */
export const NO_EXAM_SIGNAL_MONTHS = 9;

function longDate(iso: string): string {
  return format(parseISO(iso), 'd MMMM yyyy', { locale: nl });
}

/** A timeline row for this module's writes (see addClientEvent). */
function addEvent(db: Db, clientId: number, occurredOn: string, kind: string, summary: string, refTable: string, refId: number, userId: number, createdAt: string): void {
  addClientEvent(db, { clientId, occurredOn, kind, summary, refTable, refId, userId, createdAt });
}

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

export function addLevel(db: Db, clientId: number, input: NewLevel, userId: number, today: string, now: string): number {
  return db.transaction(() => {
    assertOpen(db, clientId);
    const ts = now;
    const id = Number(
      prepared(
        db,
        `INSERT INTO language_levels (client_id, skill, level, source, measured_on, note, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(clientId, input.skill, input.level, input.source, input.measuredOn, input.note, userId, ts).lastInsertRowid,
    );
    addEvent(
      db,
      clientId,
      input.measuredOn,
      'LANGUAGE_LEVEL',
      `Taalniveau ${LEVEL_SKILL_LABELS[input.skill]}: ${LEVEL_NAMES[input.level]} (${LEVEL_SOURCE_LABELS[input.source].toLowerCase()}, ${longDate(input.measuredOn)})`,
      'language_levels',
      id,
      userId,
      ts,
    );
    refreshClientStatus(db, clientId, today);
    return id;
  })();
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

function examTitle(part: ExamPart, level: ExamLevel | null): string {
  return part === 'KNM' ? 'KNM-examen' : `Examen ${EXAM_PART_LABELS[part].toLowerCase()} ${level ?? ''}`.trim();
}

export function addExam(db: Db, clientId: number, input: NewExam, userId: number, today: string, now: string): number {
  return db.transaction(() => {
    assertOpen(db, clientId);
    const ts = now;
    const level = input.part === 'KNM' ? null : input.level;
    const id = Number(
      prepared(
        db,
        `INSERT INTO exams (client_id, part, level, registered_on, exam_on, result, result_note, created_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(clientId, input.part, level, input.registeredOn, input.examOn, input.result, input.resultNote, userId, ts, ts)
        .lastInsertRowid,
    );
    const attempt = findExam(db, clientId, id)?.attempt ?? 1;
    const result = input.result ? `, uitslag: ${EXAM_RESULT_LABELS[input.result].toLowerCase()}` : '';
    addEvent(
      db,
      clientId,
      input.registeredOn,
      'EXAM',
      `${examTitle(input.part, level)} aangemeld voor ${longDate(input.examOn)} (poging ${attempt}${result})`,
      'exams',
      id,
      userId,
      ts,
    );
    refreshClientStatus(db, clientId, today);
    return id;
  })();
}

/** Records or corrects the result of an exam. Returns false when someone else changed it first (version). */
export function setExamResult(
  db: Db,
  clientId: number,
  examId: number,
  input: { result: ExamResult | null; resultNote: string | null; version: number },
  userId: number,
  today: string,
  now: string,
): boolean {
  return db.transaction(() => {
    assertOpen(db, clientId);
    const ts = now;
    const r = prepared(
      db,
      `UPDATE exams SET result = ?, result_note = ?, version = version + 1, updated_by = ?, updated_at = ?
       WHERE id = ? AND client_id = ? AND version = ?`,
    ).run(input.result, input.resultNote, userId, ts, examId, clientId, input.version);
    if (r.changes !== 1) return false;
    const exam = findExam(db, clientId, examId);
    if (!exam) return false;
    const what = input.result ? EXAM_RESULT_LABELS[input.result].toLowerCase() : 'nog geen uitslag';
    addEvent(
      db,
      clientId,
      today,
      'EXAM',
      `Uitslag ${examTitle(exam.part, exam.level)} van ${longDate(exam.examOn)} (poging ${exam.attempt}): ${what}`,
      'exams',
      examId,
      userId,
      ts,
    );
    refreshClientStatus(db, clientId, today);
    return true;
  })();
}

// ---- signals ----------------------------------------------------------------------------------------

export interface ClientSignal {
  clientId: number;
  clientNumber: string;
  firstName: string;
  lastName: string;
  consulentId: number | null;
  /** The date the signal is about (exam date, end of termijn). */
  date: string;
  message: string;
}

/** The last exam date that is at least 8 weeks ago on `today` (exam date + 8 weeks ≤ today). */
export function examResultOverdueBefore(today: string): string {
  return format(subWeeks(parseISO(today), EXAM_RESULT_SIGNAL_WEEKS), 'yyyy-MM-dd');
}

/** Exams without a result 8 weeks or more after the exam date, for the team's open clients. */
export function examsWithoutResult(db: Db, teamId: number, today: string, clientId?: number): ClientSignal[] {
  const rows = prepared(
    db,
    `SELECT c.id AS clientId, c.client_number AS clientNumber, c.first_name AS firstName, c.last_name AS lastName,
       c.consulent_id AS consulentId, e.exam_on AS date, e.part, e.level
     FROM exams e JOIN clients c ON c.id = e.client_id
     WHERE c.team_id = ? AND c.closed_on IS NULL AND e.result IS NULL AND e.exam_on <= ?
       AND (? IS NULL OR c.id = ?)
     ORDER BY e.exam_on, c.last_name, c.id`,
  ).all(teamId, examResultOverdueBefore(today), clientId ?? null, clientId ?? null) as (Omit<ClientSignal, 'message'> & {
    part: ExamPart;
    level: ExamLevel | null;
  })[];
  return rows.map(({ part, level, ...r }) => ({
    ...r,
    message: `${examTitle(part, level)} van ${longDate(r.date)}: na ${EXAM_RESULT_SIGNAL_WEEKS} weken nog geen uitslag vastgelegd`,
  }));
}

/** B1-route clients whose termijn ends within 9 months (or has ended) without any exam registered. */
export function b1WithoutExam(db: Db, teamId: number, today: string, clientId?: number): ClientSignal[] {
  const limit = format(addMonths(parseISO(today), NO_EXAM_SIGNAL_MONTHS), 'yyyy-MM-dd');
  const rows = prepared(
    db,
    `SELECT c.id AS clientId, c.client_number AS clientNumber, c.first_name AS firstName, c.last_name AS lastName,
       c.consulent_id AS consulentId, s.termijn_end AS date
     FROM client_status s JOIN clients c ON c.id = s.client_id
     WHERE c.team_id = ? AND c.closed_on IS NULL AND s.route = 'B1' AND s.termijn_end IS NOT NULL AND s.termijn_end <= ?
       AND NOT EXISTS (SELECT 1 FROM exams e WHERE e.client_id = c.id)
       AND (? IS NULL OR c.id = ?)
     ORDER BY s.termijn_end, c.last_name, c.id`,
  ).all(teamId, limit, clientId ?? null, clientId ?? null) as Omit<ClientSignal, 'message'>[];
  return rows.map((r) => ({
    ...r,
    message: `De termijn eindigt op ${longDate(r.date)} en er is nog geen enkel examen aangemeld`,
  }));
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
 * Afschalen of one exam skill to A2 (B1-route). Refused below the minimum attended language hours of the
 * rules in force, unless the consulent records an exception with a reason.
 */
export function afschalen(db: Db, clientId: number, input: NewAfschalen, userId: number, today: string, now: string): AfschalenOutcome {
  return db.transaction((): AfschalenOutcome => {
    assertOpen(db, clientId);
    const check = afschalenCheck(db, clientId, today);
    if (check.route !== 'B1') {
      return { ok: false, errors: { _form: 'Afschalen naar A2 kan alleen in de B1-route.' } };
    }
    if (check.alreadyAfgeschaald.includes(input.skill)) {
      return { ok: false, errors: { skill: `${SKILL_LABELS[input.skill]} is al afgeschaald naar A2.` } };
    }
    if (!check.enoughHours && !input.exception) {
      return {
        ok: false,
        errors: {
          exception: `Afschalen kan pas na ${check.minHours} uur taalles; de cliënt heeft ${formatNl(check.languageHours)} uur gevolgd. Kies "uitzondering" en geef de reden als u toch wilt afschalen.`,
        },
      };
    }
    if (input.exception && !input.exceptionReason) {
      return { ok: false, errors: { exceptionReason: 'Vul de reden voor de uitzondering in' } };
    }
    const ts = now;
    const data = {
      skill: input.skill,
      languageHours: check.languageHours,
      ...(input.exception ? { exception: true, exceptionReason: input.exceptionReason } : {}),
    };
    const id = Number(
      prepared(
        db,
        `INSERT INTO decisions (client_id, kind, decided_on, reason, data, decided_by, created_at)
         VALUES (?, 'AFSCHALEN', ?, ?, ?, ?, ?)`,
      ).run(clientId, input.decidedOn, input.reason, JSON.stringify(data), userId, ts).lastInsertRowid,
    );
    const exception = input.exception ? ` Uitzondering op de urengrens: ${input.exceptionReason}` : '';
    addEvent(
      db,
      clientId,
      input.decidedOn,
      'DECISION',
      `Besluit: ${SKILL_LABELS[input.skill].toLowerCase()} afgeschaald naar A2 na ${formatNl(check.languageHours)} uur taalles. Reden: ${input.reason}.${exception}`,
      'decisions',
      id,
      userId,
      ts,
    );
    refreshClientStatus(db, clientId, today);
    return { ok: true, id };
  })();
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

const nlNumber = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });
function formatNl(n: number): string {
  return nlNumber.format(n);
}
