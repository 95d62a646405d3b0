import { Router } from 'express';
import { z } from 'zod';
import {
  type AfschalenForm,
  decideAfschalen,
  EXAM_LEVELS,
  EXAM_PARTS,
  EXAM_RESULTS,
  EXAM_SKILLS,
  type ExamForm,
  type ExamResultForm,
  examPageModel,
  examResultValues,
  LEVEL_SCALE,
  LEVEL_SKILLS,
  LEVEL_SOURCES,
  type LevelForm,
  languagePageModel,
  loadExamPage,
  loadLanguagePage,
  recordExamResult,
  recordLevel,
  registerExam,
} from '../../app/language.js';
import type { ExamLevel, ExamPart, ExamResult, LevelSkill, LevelSource } from '../../db/language.js';
import type { ExamSkill, Level } from '../../domain/index.js';
import { actorOf } from '../actor.js';
import { dossierFormPage } from '../dossier-form-page.js';
import { notInFuture } from '../forms/past-dates.js';
import type { Services } from '../services.js';
import {
  checkbox,
  choice,
  optionalChoice,
  optionalText,
  parseInput,
  requiredDate,
  requiredNumber,
  requiredText,
} from '../validation.js';

function levelSchema(today: string): z.ZodType<LevelForm> {
  return z.object({
    skill: choice('een vaardigheid', LEVEL_SKILLS as unknown as readonly [LevelSkill, ...LevelSkill[]]),
    level: choice('een niveau', LEVEL_SCALE as unknown as readonly [Level, ...Level[]]),
    source: choice('een bron', LEVEL_SOURCES as unknown as readonly [LevelSource, ...LevelSource[]]),
    measuredOn: requiredDate('de datum van de meting').superRefine(notInFuture(today, 'De datum van de meting')),
    note: optionalText('de toelichting', 1000),
  });
}

function examSchema(today: string): z.ZodType<ExamForm> {
  return z
    .object({
      part: choice('een examenonderdeel', EXAM_PARTS as unknown as readonly [ExamPart, ...ExamPart[]]),
      examLevel: optionalChoice('Kies een geldig niveau', EXAM_LEVELS as unknown as readonly [ExamLevel, ...ExamLevel[]]),
      registeredOn: requiredDate('de aanmelddatum').superRefine(notInFuture(today, 'De aanmelddatum')),
      examOn: requiredDate('de examendatum'),
      result: optionalChoice('Kies een geldige uitslag', EXAM_RESULTS as unknown as readonly [ExamResult, ...ExamResult[]]),
      resultNote: optionalText('de toelichting', 1000),
    })
    .superRefine((v, ctx) => {
      if (v.part !== 'KNM' && !v.examLevel) {
        ctx.addIssue({ code: 'custom', path: ['examLevel'], message: 'Kies het niveau van het examen (A2, B1 of B2)' });
      }
      if (v.part === 'KNM' && v.examLevel) {
        ctx.addIssue({ code: 'custom', path: ['examLevel'], message: 'Het KNM-examen heeft geen niveau; laat het leeg' });
      }
      if (v.examOn < v.registeredOn) {
        ctx.addIssue({ code: 'custom', path: ['examOn'], message: 'De examendatum kan niet voor de aanmelddatum liggen' });
      }
      if (v.result && v.examOn > today) {
        ctx.addIssue({ code: 'custom', path: ['result'], message: 'Het examen is nog niet geweest; laat de uitslag leeg' });
      }
    });
}

const resultSchema: z.ZodType<ExamResultForm> = (() => {
  return z.object({
    result: optionalChoice('Kies een geldige uitslag', EXAM_RESULTS as unknown as readonly [ExamResult, ...ExamResult[]]),
    resultNote: optionalText('de toelichting', 1000),
    version: requiredNumber('versie', { integer: true, min: 1 }),
  });
})();

function afschalenSchema(today: string): z.ZodType<AfschalenForm> {
  return z
    .object({
      afschalenSkill: choice('het examenonderdeel', EXAM_SKILLS as unknown as readonly [ExamSkill, ...ExamSkill[]]),
      decidedOn: requiredDate('de datum van het besluit').superRefine(notInFuture(today, 'De datum van het besluit')),
      reason: requiredText('de reden', 2000),
      exception: checkbox(),
      exceptionReason: optionalText('de reden voor de uitzondering', 2000),
    })
    .superRefine((v, ctx) => {
      if (v.exception && !v.exceptionReason) {
        ctx.addIssue({ code: 'custom', path: ['exceptionReason'], message: 'Vul de reden voor de uitzondering in' });
      }
    });
}

/** Language levels, DUO exams with their results, and afschalen to A2 of one client. */
export function languageRouter(services: Services): Router {
  const router = Router();
  const page = dossierFormPage(
    services,
    'language/index',
    (deps, actor, req) => languagePageModel(deps, actor, req.params.id),
    () => 'Taal en examens',
  );
  const examPage = dossierFormPage(
    services,
    'language/exam',
    (deps, actor, req) => examPageModel(deps, actor, req.params.id, req.params.examId),
    (p) => `Uitslag examen ${p.labels.EXAM_PART_LABELS[p.exam.part]}`,
  );
  const languagePath = (id: string, section: string) => `/clients/${id}/language#${section}`;

  router.get('/clients/:id/language', (req, res) => {
    page.render(res, loadLanguagePage(services, actorOf(req, services), req.params.id));
  });

  router.post('/clients/:id/language/levels', (req, res) => {
    const actor = actorOf(req, services);
    const result = recordLevel(services, actor, req.params.id, parseInput(levelSchema(actor.today), req.body));
    page.finish(req, res, result, languagePath(req.params.id, 'niveaus'), 'level');
  });

  router.post('/clients/:id/language/exams', (req, res) => {
    const actor = actorOf(req, services);
    const result = registerExam(services, actor, req.params.id, parseInput(examSchema(actor.today), req.body));
    page.finish(req, res, result, languagePath(req.params.id, 'examens'), 'exam');
  });

  router.get('/clients/:id/language/exams/:examId', (req, res) => {
    const exam = loadExamPage(services, actorOf(req, services), req.params.id, req.params.examId);
    examPage.render(res, exam, 200, { values: examResultValues(exam.exam) });
  });

  router.post('/clients/:id/language/exams/:examId', (req, res) => {
    const actor = actorOf(req, services);
    const result = recordExamResult(services, actor, req.params.id, req.params.examId, parseInput(resultSchema, req.body));
    examPage.finish(req, res, result, languagePath(req.params.id, 'examens'));
  });

  router.post('/clients/:id/language/afschalen', (req, res) => {
    const actor = actorOf(req, services);
    const result = decideAfschalen(services, actor, req.params.id, parseInput(afschalenSchema(actor.today), req.body));
    page.finish(req, res, result, languagePath(req.params.id, 'pip-herzien'), 'afschalen');
  });

  return router;
}
