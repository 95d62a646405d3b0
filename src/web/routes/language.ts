import { format, parseISO } from 'date-fns';
import { nl } from 'date-fns/locale/nl';
import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { ClientRef } from '../../db/clients.js';
import { ClientClosedError, closureLabelInSentence, findClosure } from '../../db/closures.js';
import {
  addExam,
  addLevel,
  afschalen,
  afschalenCheck,
  b1WithoutExam,
  EXAM_LEVELS,
  EXAM_PART_LABELS,
  EXAM_PARTS,
  EXAM_RESULT_LABELS,
  EXAM_RESULTS,
  examsWithoutResult,
  findExam,
  LEVEL_NAMES,
  LEVEL_SCALE,
  LEVEL_SKILL_LABELS,
  LEVEL_SKILLS,
  LEVEL_SOURCE_LABELS,
  LEVEL_SOURCES,
  type LevelMeasurement,
  type LevelSkill,
  levelHistory,
  listAfschalen,
  listExams,
  pipRevisionNeeded,
  setExamResult,
} from '../../db/language.js';
import { EXAM_SKILLS, type ExamSkill, type Level, SKILL_LABELS } from '../../domain/index.js';
import { todayOf } from '../../lib/clock.js';
import type { Services } from '../services.js';
import { loadClientForRequest } from '../client-access.js';
import { conflict, notFound } from '../http-errors.js';
import {
  checkbox,
  choice,
  type FieldErrors,
  idParam,
  optionalChoice,
  optionalText,
  parseInput,
  requiredDate,
  requiredNumber,
  requiredText,
} from '../validation.js';

// ---- chart (pure; server-rendered SVG) ----------------------------------------------------------

export interface LevelChart {
  skill: LevelSkill;
  label: string;
  width: number;
  height: number;
  ariaLabel: string;
  points: { x: number; y: number; level: Level; date: string }[];
  polyline: string;
  yTicks: { y: number; label: string }[];
  xTicks: { x: number; label: string; anchor: 'start' | 'middle' | 'end' }[];
  plot: { left: number; right: number; top: number; bottom: number };
}

const CHART = { width: 360, height: 168, left: 52, right: 16, top: 12, bottom: 34 };

function monthYear(iso: string): string {
  return format(parseISO(iso), 'MMMM yyyy', { locale: nl });
}

/** Chart geometry and a spoken summary for one skill's measurements (oldest first); null without data. */
export function levelChart(skill: LevelSkill, measurements: LevelMeasurement[]): LevelChart | null {
  if (measurements.length === 0) return null;
  const label = LEVEL_SKILL_LABELS[skill];
  const { width, height, left, right, top, bottom } = CHART;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const steps = LEVEL_SCALE.length - 1;
  const yOf = (level: Level) => top + (steps - LEVEL_SCALE.indexOf(level)) * (plotH / steps);
  const t = (d: string) => parseISO(d).getTime();
  const t0 = t(measurements[0]!.measuredOn);
  const t1 = t(measurements[measurements.length - 1]!.measuredOn);
  const xOf = (d: string) => (t1 === t0 ? left + plotW / 2 : left + ((t(d) - t0) / (t1 - t0)) * plotW);
  const points = measurements.map((m) => ({
    x: Math.round(xOf(m.measuredOn) * 10) / 10,
    y: Math.round(yOf(m.level) * 10) / 10,
    level: m.level,
    date: m.measuredOn,
  }));
  const first = measurements[0]!;
  const last = measurements[measurements.length - 1]!;
  const ariaLabel =
    measurements.length === 1
      ? `${label}: ${LEVEL_NAMES[first.level]} (${monthYear(first.measuredOn)}), één meting`
      : `${label}: van ${LEVEL_NAMES[first.level]} (${monthYear(first.measuredOn)}) naar ${LEVEL_NAMES[last.level]} (${monthYear(last.measuredOn)})`;
  const short = (d: string) => format(parseISO(d), 'MMM yyyy', { locale: nl });
  const xTicks: LevelChart['xTicks'] =
    t1 === t0
      ? [{ x: left + plotW / 2, label: short(first.measuredOn), anchor: 'middle' }]
      : [
          { x: left, label: short(first.measuredOn), anchor: 'start' },
          { x: left + plotW, label: short(last.measuredOn), anchor: 'end' },
        ];
  return {
    skill,
    label,
    width,
    height,
    ariaLabel,
    points,
    polyline: points.map((p) => `${p.x},${p.y}`).join(' '),
    yTicks: LEVEL_SCALE.map((l) => ({ y: yOf(l), label: LEVEL_NAMES[l] })),
    xTicks,
    plot: { left, right: left + plotW, top, bottom: top + plotH },
  };
}

// ---- schemas -------------------------------------------------------------------------------------

const notInFuture = (today: string, label: string) => (v: string, ctx: z.RefinementCtx) => {
  if (v > today) ctx.addIssue({ code: 'custom', message: `${label} mag niet in de toekomst liggen` });
};

function levelSchema(today: string) {
  return z.object({
    skill: choice('een vaardigheid', LEVEL_SKILLS as unknown as readonly [LevelSkill, ...LevelSkill[]]),
    level: choice('een niveau', LEVEL_SCALE as unknown as readonly [Level, ...Level[]]),
    source: choice('een bron', LEVEL_SOURCES as unknown as readonly ['PROVIDER_TEST', 'PROGRESS_REPORT', 'EXAM']),
    measuredOn: requiredDate('de datum van de meting').superRefine(notInFuture(today, 'De datum van de meting')),
    note: optionalText('de toelichting', 1000),
  });
}

type ExamPartValue = (typeof EXAM_PARTS)[number];
function examSchema(today: string) {
  return z
    .object({
      part: choice('een examenonderdeel', EXAM_PARTS as unknown as readonly [ExamPartValue, ...ExamPartValue[]]),
      examLevel: optionalChoice('niveau', EXAM_LEVELS as unknown as readonly ['A2', 'B1', 'B2']),
      registeredOn: requiredDate('de aanmelddatum').superRefine(notInFuture(today, 'De aanmelddatum')),
      examOn: requiredDate('de examendatum'),
      result: optionalChoice('uitslag', EXAM_RESULTS as unknown as readonly ['PASSED', 'FAILED', 'NO_SHOW']),
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

function resultSchema() {
  return z.object({
    result: optionalChoice('uitslag', EXAM_RESULTS as unknown as readonly ['PASSED', 'FAILED', 'NO_SHOW']),
    resultNote: optionalText('de toelichting', 1000),
    version: requiredNumber('versie', { integer: true, min: 1 }),
  });
}

function afschalenSchema(today: string) {
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

// ---- router --------------------------------------------------------------------------------------

const opts = <T extends string>(list: readonly T[], labels: Record<T, string>) =>
  list.map((value) => ({ value, label: labels[value] }));

export function languageRouter(services: Services): Router {
  const router = Router();
  const { db, clock } = services;
  const closureLabelOf = (clientId: number) => {
    const c = findClosure(db, clientId);
    return c ? closureLabelInSentence(c.type) : '';
  };

  function renderPage(
    res: Response,
    client: ClientRef,
    extra: { status?: number; errors?: FieldErrors; values?: Record<string, unknown>; form?: string } = {},
  ): void {
    const today = todayOf(clock);
    const history = levelHistory(db, client.id);
    const charts = LEVEL_SKILLS.map((skill) => ({
      skill,
      label: LEVEL_SKILL_LABELS[skill],
      measurements: history[skill],
      chart: levelChart(skill, history[skill]),
    }));
    const signals = [
      ...examsWithoutResult(db, client.teamId, today, client.id),
      ...b1WithoutExam(db, client.teamId, today, client.id),
    ];
    res.status(extra.status ?? 200).render('language/index', {
      title: `Taal en examens – ${client.firstName} ${client.lastName}`,
      breadcrumbs: [
        { href: '/clients', label: 'Cliënten' },
        { href: `/clients/${client.id}`, label: `${client.firstName} ${client.lastName}` },
        { label: 'Taal en examens' },
      ],
      client,
      closureLabel: closureLabelOf(client.id),
      today,
      charts,
      exams: listExams(db, client.id),
      afschalenDecisions: listAfschalen(db, client.id),
      afschalenCheck: afschalenCheck(db, client.id, today),
      pipRevisionNeeded: pipRevisionNeeded(db, client.id),
      signals,
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
      form: extra.form ?? null,
      errors: extra.errors ?? {},
      values: extra.values ?? {},
    });
  }

  /** Runs a write; a closed dossier re-renders the page with the reason (409). */
  function guarded(req: Request, res: Response, client: ClientRef, form: string, write: () => void): boolean {
    try {
      write();
      return true;
    } catch (err) {
      if (err instanceof ClientClosedError) {
        req.audit('wijziging-geweigerd-afgesloten', 'voortgang', { clientId: client.id, outcome: 'error' });
        renderPage(res, client, { status: 409, errors: { _form: err.message }, values: req.body, form });
        return false;
      }
      throw err;
    }
  }

  router.get('/clients/:id/language', (req, res) => {
    const client = loadClientForRequest(req, services, req.params.id);
    req.audit('taal-examens-bekeken', 'voortgang', { clientId: client.id });
    renderPage(res, client);
  });

  router.post('/clients/:id/language/levels', (req, res) => {
    const client = loadClientForRequest(req, services, req.params.id);
    const today = todayOf(clock);
    const parsed = parseInput(levelSchema(today), req.body);
    if (!parsed.ok) {
      renderPage(res, client, { status: 400, errors: parsed.errors, values: req.body, form: 'level' });
      return;
    }
    const d = parsed.data;
    const ok = guarded(req, res, client, 'level', () =>
      addLevel(db, client.id, { ...d, note: d.note }, req.user!.id, today, clock.now().toISOString()),
    );
    if (!ok) return;
    req.audit('taalniveau-vastgelegd', 'voortgang', { clientId: client.id });
    req.session.flash = {
      kind: 'ok',
      message: `Taalniveau ${LEVEL_SKILL_LABELS[d.skill].toLowerCase()} (${LEVEL_NAMES[d.level]}) is vastgelegd.`,
    };
    res.redirect(303, `/clients/${client.id}/language#niveaus`);
  });

  router.post('/clients/:id/language/exams', (req, res) => {
    const client = loadClientForRequest(req, services, req.params.id);
    const today = todayOf(clock);
    const parsed = parseInput(examSchema(today), req.body);
    if (!parsed.ok) {
      renderPage(res, client, { status: 400, errors: parsed.errors, values: req.body, form: 'exam' });
      return;
    }
    const d = parsed.data;
    const ok = guarded(req, res, client, 'exam', () =>
      addExam(
        db,
        client.id,
        {
          part: d.part,
          level: d.examLevel,
          registeredOn: d.registeredOn,
          examOn: d.examOn,
          result: d.result,
          resultNote: d.resultNote,
        },
        req.user!.id,
        today,
        clock.now().toISOString(),
      ),
    );
    if (!ok) return;
    req.audit('examen-aangemeld', 'voortgang', { clientId: client.id });
    req.session.flash = { kind: 'ok', message: `Het examen ${EXAM_PART_LABELS[d.part]} is vastgelegd.` };
    res.redirect(303, `/clients/${client.id}/language#examens`);
  });

  function renderExam(res: Response, client: ClientRef, examId: number, extra: { status?: number; errors?: FieldErrors; values?: Record<string, unknown> } = {}) {
    const exam = findExam(db, client.id, examId);
    if (!exam) throw notFound('Dit examen bestaat niet (meer).');
    res.status(extra.status ?? 200).render('language/exam', {
      title: `Uitslag examen ${EXAM_PART_LABELS[exam.part]} – ${client.firstName} ${client.lastName}`,
      breadcrumbs: [
        { href: '/clients', label: 'Cliënten' },
        { href: `/clients/${client.id}`, label: `${client.firstName} ${client.lastName}` },
        { href: `/clients/${client.id}/language`, label: 'Taal en examens' },
        { label: 'Uitslag' },
      ],
      client,
      closureLabel: closureLabelOf(client.id),
      exam,
      today: todayOf(clock),
      labels: { EXAM_PART_LABELS, EXAM_RESULT_LABELS },
      resultOptions: opts(EXAM_RESULTS, EXAM_RESULT_LABELS),
      errors: extra.errors ?? {},
      values: extra.values ?? { result: exam.result ?? '', resultNote: exam.resultNote ?? '', version: exam.version },
    });
  }

  router.get('/clients/:id/language/exams/:examId', (req, res) => {
    const client = loadClientForRequest(req, services, req.params.id);
    const examId = idParam.safeParse(req.params.examId);
    if (!examId.success) throw notFound('Dit examen bestaat niet (meer).');
    req.audit('examen-bekeken', 'voortgang', { clientId: client.id });
    renderExam(res, client, examId.data);
  });

  router.post('/clients/:id/language/exams/:examId', (req, res) => {
    const client = loadClientForRequest(req, services, req.params.id);
    const examId = idParam.safeParse(req.params.examId);
    if (!examId.success) throw notFound('Dit examen bestaat niet (meer).');
    const exam = findExam(db, client.id, examId.data);
    if (!exam) throw notFound('Dit examen bestaat niet (meer).');
    const today = todayOf(clock);
    const parsed = parseInput(resultSchema(), req.body);
    if (parsed.ok && parsed.data.result && exam.examOn > today) {
      renderExam(res, client, exam.id, {
        status: 400,
        errors: { result: 'Het examen is nog niet geweest; een uitslag kan pas na de examendatum' },
        values: req.body,
      });
      return;
    }
    if (!parsed.ok) {
      renderExam(res, client, exam.id, { status: 400, errors: parsed.errors, values: req.body });
      return;
    }
    const saved = (() => {
      try {
        return setExamResult(db, client.id, exam.id, parsed.data, req.user!.id, today, clock.now().toISOString());
      } catch (err) {
        if (err instanceof ClientClosedError) return err;
        throw err;
      }
    })();
    if (saved instanceof ClientClosedError) {
      req.audit('wijziging-geweigerd-afgesloten', 'voortgang', { clientId: client.id, outcome: 'error' });
      renderExam(res, client, exam.id, { status: 409, errors: { _form: saved.message }, values: req.body });
      return;
    }
    if (!saved) throw conflict('Iemand anders heeft deze uitslag net gewijzigd. Ga terug, vernieuw de pagina en probeer het opnieuw.');
    req.audit('examenuitslag-vastgelegd', 'voortgang', { clientId: client.id });
    req.session.flash = { kind: 'ok', message: 'De uitslag is opgeslagen.' };
    res.redirect(303, `/clients/${client.id}/language#examens`);
  });

  router.post('/clients/:id/language/afschalen', (req, res) => {
    const client = loadClientForRequest(req, services, req.params.id);
    const today = todayOf(clock);
    const parsed = parseInput(afschalenSchema(today), req.body);
    if (!parsed.ok) {
      renderPage(res, client, { status: 400, errors: parsed.errors, values: req.body, form: 'afschalen' });
      return;
    }
    const d = parsed.data;
    let outcome: ReturnType<typeof afschalen> | undefined;
    const ok = guarded(req, res, client, 'afschalen', () => {
      outcome = afschalen(
        db,
        client.id,
        {
          skill: d.afschalenSkill,
          decidedOn: d.decidedOn,
          reason: d.reason,
          exception: d.exception,
          exceptionReason: d.exception ? d.exceptionReason : null,
        },
        req.user!.id,
        today,
        clock.now().toISOString(),
      );
    });
    if (!ok || !outcome) return;
    if (!outcome.ok) {
      const errors: FieldErrors = {};
      for (const [k, v] of Object.entries(outcome.errors)) errors[k === 'skill' ? 'afschalenSkill' : k] = v;
      req.audit('afschalen-geweigerd', 'voortgang', { clientId: client.id, outcome: 'error' });
      renderPage(res, client, { status: 400, errors, values: req.body, form: 'afschalen' });
      return;
    }
    req.audit('afschalen-besloten', 'voortgang', { clientId: client.id });
    req.session.flash = {
      kind: 'ok',
      message: `${SKILL_LABELS[d.afschalenSkill]} is afgeschaald naar A2. Maak nu een nieuwe PIP-versie.`,
    };
    res.redirect(303, `/clients/${client.id}/language#pip-herzien`);
  });

  return router;
}
