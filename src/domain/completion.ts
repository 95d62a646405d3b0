import { doneCondition, result } from './conditions.js';
import { DomainInputError } from './errors.js';
import type { Condition, ConditionCode, EligibilityResult } from './types.js';

export type ExamSkill = 'READING' | 'LISTENING' | 'WRITING' | 'SPEAKING';
export type Level = 'PRE_A1' | 'A1' | 'A2' | 'B1' | 'B2';

export const EXAM_SKILLS: readonly ExamSkill[] = ['READING', 'LISTENING', 'WRITING', 'SPEAKING'];
export const LEVELS: readonly Level[] = ['PRE_A1', 'A1', 'A2', 'B1', 'B2'];

export const SKILL_LABELS: Record<ExamSkill, string> = {
  READING: 'Lezen',
  LISTENING: 'Luisteren',
  WRITING: 'Schrijven',
  SPEAKING: 'Spreken',
};

export const LEVEL_LABELS: Record<Level, string> = {
  PRE_A1: 'lager dan A1',
  A1: 'A1',
  A2: 'A2',
  B1: 'B1',
  B2: 'B2',
};

const SKILL_CODES: Record<ExamSkill, ConditionCode> = {
  READING: 'EXAM_READING',
  LISTENING: 'EXAM_LISTENING',
  WRITING: 'EXAM_WRITING',
  SPEAKING: 'EXAM_SPEAKING',
};

export interface B1Snapshot {
  passedExams: { skill: ExamSkill; level: Level }[];
  afgeschaaldSkills: ExamSkill[];
  knmCompleted: boolean;
  mapCompleted: boolean;
  pvtCompleted: boolean;
}

export interface OnderwijsSnapshot {
  educationCompleted: boolean;
  knmCompleted: boolean;
  mapCompleted: boolean;
  pvtCompleted: boolean;
}

function levelRank(field: string, level: unknown): number {
  const rank = LEVELS.indexOf(level as Level);
  if (rank < 0) {
    throw new DomainInputError(field, `Niveau: onbekend taalniveau '${String(level)}'. Kies uit ${LEVELS.join(', ')}.`);
  }
  return rank;
}

function assertSkill(field: string, skill: unknown): asserts skill is ExamSkill {
  if (!EXAM_SKILLS.includes(skill as ExamSkill)) {
    throw new DomainInputError(
      field,
      `Examenonderdeel: onbekend onderdeel '${String(skill)}'. Kies uit ${EXAM_SKILLS.join(', ')}.`,
    );
  }
}

/**
 * B1-route: every exam skill passed at B1 or higher, or at A2 or higher for a skill that was
 * afgeschaald (municipal decision after substantial effort; DOMAIN.md "Route choice", seed 001 L3596-3600);
 * then KNM, MAP and PVT.
 */
export function checkB1Completion(s: B1Snapshot): EligibilityResult {
  s.afgeschaaldSkills.forEach((skill, i) => {
    assertSkill(`afgeschaaldSkills[${i}]`, skill);
  });
  const best = new Map<ExamSkill, number>();
  s.passedExams.forEach((exam, i) => {
    assertSkill(`passedExams[${i}].skill`, exam.skill);
    const rank = levelRank(`passedExams[${i}].level`, exam.level);
    best.set(exam.skill, Math.max(best.get(exam.skill) ?? -1, rank));
  });
  const conditions: Condition[] = EXAM_SKILLS.map((skill) => {
    const afgeschaald = s.afgeschaaldSkills.includes(skill);
    const target: Level = afgeschaald ? 'A2' : 'B1';
    const rank = best.get(skill);
    const met = rank !== undefined && rank >= LEVELS.indexOf(target);
    const label = afgeschaald ? `${SKILL_LABELS[skill]} (afgeschaald naar A2)` : SKILL_LABELS[skill];
    const highest = rank === undefined ? undefined : LEVELS[rank];
    let message: string;
    if (met && highest) message = `${label}: examen gehaald op ${LEVEL_LABELS[highest]}`;
    else if (highest) message = `${label}: nog geen examen op ${target} gehaald (hoogste: ${LEVEL_LABELS[highest]})`;
    else message = `${label}: nog geen examen op ${target} gehaald`;
    return { code: SKILL_CODES[skill], met, required: true, actual: met, message };
  });
  conditions.push(
    doneCondition('KNM', 'KNM', s.knmCompleted),
    doneCondition('MAP', 'MAP', s.mapCompleted),
    doneCondition('PVT', 'PVT', s.pvtCompleted),
  );
  return result(conditions);
}

/** Onderwijsroute: the education part completed, then KNM, MAP and PVT. */
export function checkOnderwijsCompletion(s: OnderwijsSnapshot): EligibilityResult {
  return result([
    doneCondition('EDUCATION', 'Onderwijsdeel', s.educationCompleted),
    doneCondition('KNM', 'KNM', s.knmCompleted),
    doneCondition('MAP', 'MAP', s.mapCompleted),
    doneCondition('PVT', 'PVT', s.pvtCompleted),
  ]);
}
