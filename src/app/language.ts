// Language levels, DUO exams and afschalen to A2 of one client (issue 12): the page, and the writes with their
// timeline line, status refresh and audit row.
import { clientSignals, signalParams } from '../db/caseload.js';
import type { ClientRef } from '../db/clients.js';
import { findClientStatus } from '../db/clients.js';
import {
  type AfschalenCheck,
  afschalenCheck,
  EXAM_LEVELS,
  EXAM_PART_LABELS,
  EXAM_PARTS,
  EXAM_RESULT_LABELS,
  EXAM_RESULT_SIGNAL_WEEKS,
  EXAM_RESULTS,
  type Exam,
  type ExamLevel,
  type ExamPart,
  type ExamResult,
  findExam,
  insertAfschalen,
  insertExam,
  insertLevel,
  LEVEL_NAMES,
  LEVEL_SCALE,
  LEVEL_SKILL_LABELS,
  LEVEL_SKILLS,
  LEVEL_SOURCE_LABELS,
  LEVEL_SOURCES,
  type LevelSkill,
  type LevelSource,
  levelHistory,
  listAfschalen,
  listExams,
  type NewAfschalen,
  type NewLevel,
  pipRevisionNeeded,
  updateExamResult,
} from '../db/language.js';
import { EXAM_SKILLS, type ExamSkill, type Level, SKILL_LABELS } from '../domain/index.js';
import { formatDate, formatHours } from '../lib/format.js';
import { loadClient, toId } from './access.js';
import type { Actor } from './actor.js';
import type { Deps } from './deps.js';
import { type DossierPage, loadDossierPage, refuseClosedDossier } from './dossier-page.js';
import { changeDossier, type DossierEvent } from './dossier-write.js';
import { conflict, notFound } from './errors.js';
import { levelChart } from './level-chart.js';
import { type FieldErrors, invalid, ok, type Parsed, refuse, type Result } from './result.js';

// The option lists of the forms, for the web layer's schemas.
export { EXAM_LEVELS, EXAM_PARTS, EXAM_RESULTS, EXAM_SKILLS, LEVEL_SCALE, LEVEL_SKILLS, LEVEL_SOURCES };

export interface LevelForm {
  skill: LevelSkill;
  level: Level;
  source: LevelSource;
  measuredOn: string;
  note: string | null;
}

export interface ExamForm {
  part: ExamPart;
  examLevel: ExamLevel | null;
  registeredOn: string;
  examOn: string;
  result: ExamResult | null;
  resultNote: string | null;
}

export interface ExamResultForm {
  result: ExamResult | null;
  resultNote: string | null;
  version: number;
}

export interface AfschalenForm {
  afschalenSkill: ExamSkill;
  decidedOn: string;
  reason: string;
  exception: boolean;
  exceptionReason: string | null;
}

// ---- the rules that need the stored data and the timeline lines of the writes below

/** "Examen lezen B1", "KNM-examen". */
function examTitle(part: ExamPart, level: ExamLevel | null): string {
  return part === 'KNM' ? 'KNM-examen' : `Examen ${EXAM_PART_LABELS[part].toLowerCase()} ${level ?? ''}`.trim();
}

/** The timeline line of a measured level. */
function levelEvent(input: NewLevel, id: number): DossierEvent {
  return {
    occurredOn: input.measuredOn,
    kind: 'LANGUAGE_LEVEL',
    summary: `Taalniveau ${LEVEL_SKILL_LABELS[input.skill]}: ${LEVEL_NAMES[input.level]} (${LEVEL_SOURCE_LABELS[input.source].toLowerCase()}, ${formatDate(input.measuredOn)})`,
    refTable: 'language_levels',
    refId: id,
  };
}

/** The timeline line of a registered exam (as stored, with its attempt number). */
function examRegisteredEvent(exam: Exam): DossierEvent {
  const result = exam.result ? `, uitslag: ${EXAM_RESULT_LABELS[exam.result].toLowerCase()}` : '';
  return {
    occurredOn: exam.registeredOn,
    kind: 'EXAM',
    summary: `${examTitle(exam.part, exam.level)} aangemeld voor ${formatDate(exam.examOn)} (poging ${exam.attempt}${result})`,
    refTable: 'exams',
    refId: exam.id,
  };
}

/** The timeline line of a recorded (or corrected) result, on the day it was recorded. */
function examResultEvent(exam: Exam, today: string): DossierEvent {
  const what = exam.result ? EXAM_RESULT_LABELS[exam.result].toLowerCase() : 'nog geen uitslag';
  return {
    occurredOn: today,
    kind: 'EXAM',
    summary: `Uitslag ${examTitle(exam.part, exam.level)} van ${formatDate(exam.examOn)} (poging ${exam.attempt}): ${what}`,
    refTable: 'exams',
    refId: exam.id,
  };
}

/**
 * The rules of afschalen to A2 that need the stored data, as Dutch messages per field (empty: it may be saved):
 * B1-route only, once per skill, and not below the minimum attended language hours of the rules in force unless
 * the consulent records an exception with a reason.
 */
function afschalenErrors(check: AfschalenCheck, input: NewAfschalen): FieldErrors {
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

/** The timeline line of an afschalen decision. */
function afschalenEvent(input: NewAfschalen, languageHours: number, id: number): DossierEvent {
  const exception = input.exception ? ` Uitzondering op de urengrens: ${input.exceptionReason}` : '';
  return {
    occurredOn: input.decidedOn,
    kind: 'DECISION',
    summary: `Besluit: ${SKILL_LABELS[input.skill].toLowerCase()} afgeschaald naar A2 na ${formatHours(languageHours)} uur taalles. Reden: ${input.reason}.${exception}`,
    refTable: 'decisions',
    refId: id,
  };
}

const opts = <T extends string>(list: readonly T[], labels: Record<T, string>) => list.map((value) => ({ value, label: labels[value] }));

/** A line of the page's "Let op" box: a caseload signal of the client, said for this page. */
export interface LanguageSignal {
  signal: 'EXAM_NO_RESULT' | 'B1_NO_EXAM';
  /** The date the signal is about (exam date, end of termijn). */
  date: string;
  message: string;
}

/**
 * The language signals of the client, as the caseload has them (`clientSignals`: one source). An exam without a
 * result is named per exam that is overdue by the same date the signal compares against.
 */
function languageSignals(deps: Deps, client: ClientRef, today: string, exams: Exam[]): LanguageSignal[] {
  const signals = clientSignals(deps.db, client.id, today);
  const out: LanguageSignal[] = [];
  if (signals.includes('EXAM_NO_RESULT')) {
    const { examResultBefore } = signalParams(deps.db, today);
    const overdue = exams.filter((e) => e.result === null && e.examOn <= examResultBefore).reverse(); // oldest first
    for (const e of overdue) {
      out.push({
        signal: 'EXAM_NO_RESULT',
        date: e.examOn,
        message: `${examTitle(e.part, e.level)} van ${formatDate(e.examOn)}: na ${EXAM_RESULT_SIGNAL_WEEKS} weken nog geen uitslag vastgelegd`,
      });
    }
  }
  const termijnEnd = findClientStatus(deps.db, client.id)?.termijn_end ?? null;
  if (signals.includes('B1_NO_EXAM') && termijnEnd) {
    out.push({
      signal: 'B1_NO_EXAM',
      date: termijnEnd,
      message: `De termijn eindigt op ${formatDate(termijnEnd)} en er is nog geen enkel examen aangemeld`,
    });
  }
  return out;
}

/**
 * The language page without its view audit row: for showing it again with a refused form (the page is audited
 * when it is opened; a refused write has its own audit row where it had one before).
 */
export function languagePageModel(deps: Deps, actor: Actor, clientId: unknown) {
  const page = loadDossierPage(deps, actor, clientId, () => [{ label: 'Taal en examens' }]);
  const { db } = deps;
  const id = page.client.id;
  const history = levelHistory(db, id);
  const exams = listExams(db, id);
  return {
    ...page,
    charts: LEVEL_SKILLS.map((skill) => ({
      skill,
      label: LEVEL_SKILL_LABELS[skill],
      measurements: history[skill],
      chart: levelChart(skill, history[skill]),
    })),
    exams,
    afschalenDecisions: listAfschalen(db, id),
    afschalenCheck: afschalenCheck(db, id, page.today),
    pipRevisionNeeded: pipRevisionNeeded(db, id),
    signals: languageSignals(deps, page.client, page.today, exams),
    labels: { LEVEL_NAMES, LEVEL_SOURCE_LABELS, EXAM_PART_LABELS, EXAM_RESULT_LABELS, SKILL_LABELS },
    options: {
      skills: opts(LEVEL_SKILLS, LEVEL_SKILL_LABELS),
      levels: opts(LEVEL_SCALE, LEVEL_NAMES),
      sources: opts(LEVEL_SOURCES, LEVEL_SOURCE_LABELS),
      parts: opts(EXAM_PARTS, EXAM_PART_LABELS),
      examLevels: EXAM_LEVELS.map((l) => ({ value: l, label: l })),
      results: opts(EXAM_RESULTS, EXAM_RESULT_LABELS),
      examSkills: opts(EXAM_SKILLS, SKILL_LABELS),
    },
  };
}

/** The language page of a client: level charts, exams with attempts, afschalen, signals. */
export function loadLanguagePage(deps: Deps, actor: Actor, clientId: unknown) {
  const page = languagePageModel(deps, actor, clientId);
  actor.audit('taal-examens-bekeken', 'voortgang', { clientId: page.client.id });
  return page;
}

const EXAM_GONE = 'Dit examen bestaat niet (meer).';

function loadExam(deps: Deps, client: ClientRef, rawId: unknown): Exam {
  const id = toId(rawId);
  const exam = id === null ? undefined : findExam(deps.db, client.id, id);
  if (!exam) throw notFound(EXAM_GONE);
  return exam;
}

const examTrail = (dossier: string) => [{ href: `${dossier}/language`, label: 'Taal en examens' }, { label: 'Uitslag' }];

function examPage(deps: Deps, page: DossierPage, examId: unknown) {
  return {
    ...page,
    exam: loadExam(deps, page.client, examId),
    labels: { EXAM_PART_LABELS, EXAM_RESULT_LABELS },
    resultOptions: opts(EXAM_RESULTS, EXAM_RESULT_LABELS),
  };
}

/** The result page of one exam without its view audit row (for showing it again with a refused form). */
export function examPageModel(deps: Deps, actor: Actor, clientId: unknown, examId: unknown) {
  return examPage(deps, loadDossierPage(deps, actor, clientId, examTrail), examId);
}

/** The result page of one exam. */
export function loadExamPage(deps: Deps, actor: Actor, clientId: unknown, examId: unknown) {
  const page = loadDossierPage(deps, actor, clientId, examTrail);
  if (toId(examId) === null) throw notFound(EXAM_GONE);
  actor.audit('examen-bekeken', 'voortgang', { clientId: page.client.id });
  return examPage(deps, page, examId);
}

/** The form values of an exam's stored result. */
export function examResultValues(exam: Exam): Record<string, unknown> {
  return { result: exam.result ?? '', resultNote: exam.resultNote ?? '', version: exam.version };
}

/** Records a measured language level. */
export function recordLevel(deps: Deps, actor: Actor, clientId: unknown, form: Parsed<LevelForm>): Result<{ message: string }> {
  const client = loadClient(deps, actor, clientId);
  if (!form.ok) return invalid(form.errors);
  const closed = refuseClosedDossier(deps, actor, client, 'voortgang');
  if (closed) return refuse(closed);
  const input = form.data;
  changeDossier(deps, actor, client.id, () => {
    const id = insertLevel(deps.db, client.id, input, actor.user.id, actor.nowIso);
    return { value: id, events: [levelEvent(input, id)] };
  });
  actor.audit('taalniveau-vastgelegd', 'voortgang', { clientId: client.id });
  return ok({ message: `Taalniveau ${LEVEL_SKILL_LABELS[input.skill].toLowerCase()} (${LEVEL_NAMES[input.level]}) is vastgelegd.` });
}

/** Registers a DUO exam (with its result when it is known already). */
export function registerExam(deps: Deps, actor: Actor, clientId: unknown, form: Parsed<ExamForm>): Result<{ message: string }> {
  const client = loadClient(deps, actor, clientId);
  if (!form.ok) return invalid(form.errors);
  const closed = refuseClosedDossier(deps, actor, client, 'voortgang');
  if (closed) return refuse(closed);
  const d = form.data;
  const input = { part: d.part, level: d.examLevel, registeredOn: d.registeredOn, examOn: d.examOn, result: d.result, resultNote: d.resultNote };
  changeDossier(deps, actor, client.id, () => {
    const id = insertExam(deps.db, client.id, input, actor.user.id, actor.nowIso);
    return { value: id, events: [examRegisteredEvent(findExam(deps.db, client.id, id)!)] };
  });
  actor.audit('examen-aangemeld', 'voortgang', { clientId: client.id });
  return ok({ message: `Het examen ${EXAM_PART_LABELS[d.part]} is vastgelegd.` });
}

/**
 * Records or corrects the result of an exam; refused when someone else saved it in between (`version`), and
 * before the exam date.
 */
export function recordExamResult(
  deps: Deps,
  actor: Actor,
  clientId: unknown,
  examId: unknown,
  form: Parsed<ExamResultForm>,
): Result<{ message: string }> {
  const client = loadClient(deps, actor, clientId);
  const exam = loadExam(deps, client, examId);
  if (form.ok && form.data.result && exam.examOn > actor.today) {
    return invalid({ result: 'Het examen is nog niet geweest; een uitslag kan pas na de examendatum' });
  }
  if (!form.ok) return invalid(form.errors);
  const closed = refuseClosedDossier(deps, actor, client, 'voortgang');
  if (closed) return refuse(closed);
  const saved = changeDossier(deps, actor, client.id, () => {
    if (!updateExamResult(deps.db, client.id, exam.id, form.data, actor.user.id, actor.nowIso)) return null;
    return { value: exam.id, events: [examResultEvent(findExam(deps.db, client.id, exam.id)!, actor.today)] };
  });
  if (!saved) throw conflict('Iemand anders heeft deze uitslag net gewijzigd. Ga terug, vernieuw de pagina en probeer het opnieuw.');
  actor.audit('examenuitslag-vastgelegd', 'voortgang', { clientId: client.id });
  return ok({ message: 'De uitslag is opgeslagen.' });
}

/**
 * Afschalen of one exam skill to A2 (B1-route): refused below the minimum attended language hours of the rules
 * in force, unless the consulent records an exception with a reason.
 */
export function decideAfschalen(deps: Deps, actor: Actor, clientId: unknown, form: Parsed<AfschalenForm>): Result<{ message: string }> {
  const client = loadClient(deps, actor, clientId);
  if (!form.ok) return invalid(form.errors);
  const closed = refuseClosedDossier(deps, actor, client, 'voortgang');
  if (closed) return refuse(closed);
  const d = form.data;
  const input: NewAfschalen = {
    skill: d.afschalenSkill,
    decidedOn: d.decidedOn,
    reason: d.reason,
    exception: d.exception,
    exceptionReason: d.exception ? d.exceptionReason : null,
  };
  const check = afschalenCheck(deps.db, client.id, actor.today);
  const errors = afschalenErrors(check, input);
  if (Object.keys(errors).length) {
    const fieldErrors: FieldErrors = {};
    for (const [k, v] of Object.entries(errors)) fieldErrors[k === 'skill' ? 'afschalenSkill' : k] = v;
    actor.audit('afschalen-geweigerd', 'voortgang', { clientId: client.id, outcome: 'error' });
    return invalid(fieldErrors);
  }
  changeDossier(deps, actor, client.id, () => {
    const id = insertAfschalen(deps.db, client.id, input, check.languageHours, actor.user.id, actor.nowIso);
    return { value: id, events: [afschalenEvent(input, check.languageHours, id)] };
  });
  actor.audit('afschalen-besloten', 'voortgang', { clientId: client.id });
  return ok({ message: `${SKILL_LABELS[d.afschalenSkill]} is afgeschaald naar A2. Maak nu een nieuwe PIP-versie.` });
}
