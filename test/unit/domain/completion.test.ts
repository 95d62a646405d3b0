import { describe, expect, it } from 'vitest';
import {
  type B1Snapshot,
  checkB1Completion,
  checkOnderwijsCompletion,
  DomainInputError,
  type ExamSkill,
  type Level,
} from '../../../src/domain/index.js';
import { thrown } from './helpers.js';

const ALL: ExamSkill[] = ['READING', 'LISTENING', 'WRITING', 'SPEAKING'];

function b1(over: Partial<B1Snapshot> = {}): B1Snapshot {
  return {
    passedExams: ALL.map((skill) => ({ skill, level: 'B1' as Level })),
    afgeschaaldSkills: [],
    knmCompleted: true,
    mapCompleted: true,
    pvtCompleted: true,
    ...over,
  };
}

describe('checkB1Completion', () => {
  it('is eligible with all four exams at B1 and KNM, MAP, PVT, in this order', () => {
    const r = checkB1Completion(b1());
    expect(r.eligible).toBe(true);
    expect(r.notes).toEqual([]);
    expect(r.conditions.map((c) => c.code)).toEqual([
      'EXAM_READING',
      'EXAM_LISTENING',
      'EXAM_WRITING',
      'EXAM_SPEAKING',
      'KNM',
      'MAP',
      'PVT',
    ]);
    expect(r.conditions[0]).toEqual({
      code: 'EXAM_READING',
      met: true,
      required: true,
      actual: true,
      message: 'Lezen: examen gehaald op B1',
    });
  });

  it.each<[Level, boolean, boolean]>([
    ['PRE_A1', false, false],
    ['A1', false, false],
    ['A2', false, true],
    ['B1', true, true],
    ['B2', true, true],
  ])('writing passed at %s: met=%s, met when afgeschaald=%s', (level, met, metAfgeschaald) => {
    const exams = [...ALL.filter((s) => s !== 'WRITING').map((skill) => ({ skill, level: 'B1' as Level })), { skill: 'WRITING' as ExamSkill, level }];
    const normal = checkB1Completion(b1({ passedExams: exams }));
    expect(normal.conditions.find((c) => c.code === 'EXAM_WRITING')?.met).toBe(met);
    expect(normal.eligible).toBe(met);
    const afgeschaald = checkB1Completion(b1({ passedExams: exams, afgeschaaldSkills: ['WRITING'] }));
    expect(afgeschaald.conditions.find((c) => c.code === 'EXAM_WRITING')?.met).toBe(metAfgeschaald);
    expect(afgeschaald.eligible).toBe(metAfgeschaald);
  });

  it('explains a missing exam and the highest level so far', () => {
    const r = checkB1Completion(
      b1({
        passedExams: [
          { skill: 'READING', level: 'A1' },
          { skill: 'READING', level: 'A2' },
          { skill: 'LISTENING', level: 'B1' },
          { skill: 'WRITING', level: 'A2' },
        ],
        afgeschaaldSkills: ['WRITING'],
      }),
    );
    expect(r.conditions.slice(0, 4).map((c) => c.message)).toEqual([
      'Lezen: nog geen examen op B1 gehaald (hoogste: A2)',
      'Luisteren: examen gehaald op B1',
      'Schrijven (afgeschaald naar A2): examen gehaald op A2',
      'Spreken: nog geen examen op B1 gehaald',
    ]);
    expect(r.eligible).toBe(false);
  });

  it('an exam at A2 for a skill that was not afgeschaald does not count', () => {
    const r = checkB1Completion(b1({ passedExams: ALL.map((skill) => ({ skill, level: 'A2' as Level })), afgeschaaldSkills: ['SPEAKING'] }));
    expect(r.conditions.filter((c) => c.met).map((c) => c.code)).toEqual(['EXAM_SPEAKING', 'KNM', 'MAP', 'PVT']);
  });

  it.each<['knmCompleted' | 'mapCompleted' | 'pvtCompleted', string]>([
    ['knmCompleted', 'KNM nog niet afgerond'],
    ['mapCompleted', 'MAP nog niet afgerond'],
    ['pvtCompleted', 'PVT nog niet afgerond'],
  ])('%s false blocks completion', (field, message) => {
    const r = checkB1Completion(b1({ [field]: false }));
    expect(r.eligible).toBe(false);
    expect(r.conditions.filter((c) => !c.met).map((c) => c.message)).toEqual([message]);
  });

  it.each<[string, B1Snapshot, string]>([
    ['an unknown level', b1({ passedExams: [{ skill: 'READING', level: 'C1' as Level }] }), 'passedExams[0].level'],
    ['an unknown skill', b1({ passedExams: [{ skill: 'SINGING' as ExamSkill, level: 'B1' }] }), 'passedExams[0].skill'],
    ['an unknown afgeschaald skill', b1({ afgeschaaldSkills: ['READING', 'KNM' as ExamSkill] }), 'afgeschaaldSkills[1]'],
  ])('throws on %s', (_name, s, field) => {
    const e = thrown(() => checkB1Completion(s));
    expect(e).toBeInstanceOf(DomainInputError);
    expect((e as DomainInputError).field).toBe(field);
    expect((e as DomainInputError).message).toMatch(/onbekend/);
  });
});

describe('checkOnderwijsCompletion', () => {
  const all = { educationCompleted: true, knmCompleted: true, mapCompleted: true, pvtCompleted: true };

  it('is eligible when everything is completed, in order education, KNM, MAP, PVT', () => {
    const r = checkOnderwijsCompletion(all);
    expect(r.eligible).toBe(true);
    expect(r.conditions.map((c) => c.code)).toEqual(['EDUCATION', 'KNM', 'MAP', 'PVT']);
    expect(r.conditions[0]?.message).toBe('Onderwijsdeel afgerond');
  });

  it.each([
    ['educationCompleted', 'EDUCATION', 'Onderwijsdeel nog niet afgerond'],
    ['knmCompleted', 'KNM', 'KNM nog niet afgerond'],
    ['mapCompleted', 'MAP', 'MAP nog niet afgerond'],
    ['pvtCompleted', 'PVT', 'PVT nog niet afgerond'],
  ])('%s false blocks completion', (field, code, message) => {
    const r = checkOnderwijsCompletion({ ...all, [field]: false });
    expect(r.eligible).toBe(false);
    expect(r.conditions.filter((c) => !c.met)).toEqual([{ code, met: false, required: true, actual: false, message }]);
  });
});
