import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { FieldErrors } from '../../app/result.js';
import {
  addAvailability,
  addPlanEntry,
  type AvailabilityForm,
  changePlanEntry,
  DAY_PARTS_LIST,
  type DayPart,
  loadPlanEntryPage,
  loadWeeklyPlanPage,
  loadWeeklyPlanPrint,
  PLAN_ACTIVITIES,
  type PlanEntryForm,
  type PlanLimitsForm,
  prefillWeeklyPlan,
  removeAvailability,
  removePlanEntry,
  savePlanLimits,
} from '../../app/weekly-plan.js';
import { actorOf } from '../actor.js';
import { requireRole } from '../middleware/auth.js';
import { renderClosedDossier, showRefusal } from '../refusals.js';
import type { Services } from '../services.js';
import { choice, optionalChoice, optionalNumber, optionalText, parseInput, requiredText } from '../validation.js';

const TIME = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/;
const toTime = (v: string) => {
  const m = TIME.exec(v);
  return m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : null;
};
const time = (label: string, required: boolean) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : ''),
    z.string().transform((v, ctx) => {
      if (v === '') {
        if (required) ctx.addIssue({ code: 'custom', message: `Vul ${label} in (bijvoorbeeld 09:00)` });
        return null;
      }
      const t = toTime(v);
      if (t === null) ctx.addIssue({ code: 'custom', message: `Vul ${label} in als uren en minuten, bijvoorbeeld 09:00` });
      return t;
    }),
  );
const weekday = z.preprocess((v) => Number(v), z.number().int().min(1, 'Kies een dag').max(7, 'Kies een dag')) as unknown as z.ZodType<1 | 2 | 3 | 4 | 5 | 6 | 7>;

const entrySchema: z.ZodType<PlanEntryForm> = z.object({
  activity: choice('wat voor activiteit het is', PLAN_ACTIVITIES),
  label: requiredText('wat de cliënt doet (dit leest de cliënt)', 120),
  place: optionalText('de plaats', 120),
  weekday: z.preprocess((v) => (v === '' || v === undefined ? NaN : v), weekday).refine(Number.isInteger, 'Kies een dag') as z.ZodType<PlanEntryForm['weekday']>,
  dayPart: optionalChoice('dagdeel', DAY_PARTS_LIST as unknown as readonly [DayPart, ...DayPart[]]),
  start: time('de begintijd', false),
  end: time('de eindtijd', false),
});

const limitsSchema: z.ZodType<PlanLimitsForm> = z.object({
  maxHoursPerWeek: optionalNumber('het maximum aantal uren per week', { min: 1, max: 60 }),
  availabilityNote: optionalText('de toelichting', 500),
});

const availabilitySchema = z
  .object({
    availWeekday: z.preprocess((v) => (v === '' || v === undefined ? NaN : v), weekday),
    availStart: time('de begintijd', true),
    availEnd: time('de eindtijd', true),
  })
  .transform((v) => ({ weekday: v.availWeekday, start: v.availStart!, end: v.availEnd! })) as unknown as z.ZodType<AvailabilityForm>;

/** The weekly plan of a client: the week, clash warnings, limits and available times, a print view. */
export function weeklyPlanRouter(services: Services): Router {
  const router = Router();
  const staff = requireRole('consulent', 'teamleider');
  const base = (req: Request) => `/clients/${req.params.id}/weekly-plan`;

  const renderPage = (req: Request, res: Response, o: { status?: number; errors?: FieldErrors; values?: Record<string, unknown>; limitValues?: Record<string, unknown> } = {}) => {
    const page = loadWeeklyPlanPage(services, actorOf(req, services), req.params.id);
    res.status(o.status ?? 200).render('weekly-plan/index', {
      title: `Weekplan – ${page.header.name}`,
      breadcrumbs: [{ href: '/clients', label: 'Cliënten' }, { href: `/clients/${page.client.id}`, label: page.header.name }, { label: 'Weekplan' }],
      ...page,
      errors: o.errors ?? {},
      values: o.values ?? {},
      limitValues: o.limitValues ?? page.limitValues,
    });
  };
  const closed = (req: Request, res: Response) => (message: string) => renderClosedDossier(res, String(req.params.id), message);
  const done = (req: Request, res: Response, message: string) => {
    req.session.flash = { kind: 'ok', message };
    res.redirect(303, base(req));
  };

  router.get('/clients/:id/weekly-plan', staff, (req, res) => renderPage(req, res));

  router.get('/clients/:id/weekly-plan/print', staff, (req, res) => {
    const page = loadWeeklyPlanPrint(services, actorOf(req, services), req.params.id);
    res.render('weekly-plan/print', { title: `Mijn week – ${page.client.firstName} ${page.client.lastName}`, ...page });
  });

  router.post('/clients/:id/weekly-plan/entries', staff, (req, res) => {
    const result = addPlanEntry(services, actorOf(req, services), req.params.id, parseInput(entrySchema, req.body));
    if (!result.ok) {
      showRefusal(result.refusal, { form: (status, errors) => renderPage(req, res, { status, errors, values: req.body }), closed: closed(req, res) });
      return;
    }
    done(req, res, `Toegevoegd: ${result.value.summary}.`);
  });

  router.post('/clients/:id/weekly-plan/prefill', staff, (req, res) => {
    const result = prefillWeeklyPlan(services, actorOf(req, services), req.params.id);
    if (!result.ok) {
      showRefusal(result.refusal, { form: (status, errors) => renderPage(req, res, { status, errors }), closed: closed(req, res) });
      return;
    }
    done(req, res, `Het weekplan is ingevuld met ${result.value.count} activiteiten. Pas de dagen en tijden aan waar nodig.`);
  });

  router.post('/clients/:id/weekly-plan/limits', staff, (req, res) => {
    const result = savePlanLimits(services, actorOf(req, services), req.params.id, Number(req.body?.version), parseInput(limitsSchema, req.body));
    if (!result.ok) {
      showRefusal(result.refusal, { form: (status, errors) => renderPage(req, res, { status, errors, limitValues: status === 409 ? { ...req.body, version: '' } : req.body }), closed: closed(req, res) });
      return;
    }
    done(req, res, 'Het maximum en de toelichting zijn opgeslagen.');
  });

  router.post('/clients/:id/weekly-plan/availability', staff, (req, res) => {
    const result = addAvailability(services, actorOf(req, services), req.params.id, parseInput(availabilitySchema, req.body));
    if (!result.ok) {
      showRefusal(result.refusal, { form: (status, errors) => renderPage(req, res, { status, errors, values: req.body }), closed: closed(req, res) });
      return;
    }
    done(req, res, `Toegevoegd: de cliënt kan op ${result.value.summary}.`);
  });

  router.post('/clients/:id/weekly-plan/availability/:windowId/delete', staff, (req, res) => {
    const result = removeAvailability(services, actorOf(req, services), req.params.id, req.params.windowId);
    if (!result.ok) {
      showRefusal(result.refusal, { form: (status, errors) => renderPage(req, res, { status, errors }), closed: closed(req, res) });
      return;
    }
    done(req, res, 'De tijd is verwijderd.');
  });

  const renderEdit = (req: Request, res: Response, o: { status?: number; errors?: FieldErrors; values?: Record<string, unknown> } = {}) => {
    const page = loadPlanEntryPage(services, actorOf(req, services), req.params.id, req.params.entryId);
    res.status(o.status ?? 200).render('weekly-plan/edit', {
      title: `Activiteit wijzigen – ${page.header.name}`,
      breadcrumbs: [{ href: '/clients', label: 'Cliënten' }, { href: `/clients/${page.client.id}`, label: page.header.name }, { href: base(req), label: 'Weekplan' }, { label: 'Wijzigen' }],
      ...page,
      errors: o.errors ?? {},
      values: o.values ?? page.entryValues,
    });
  };

  router.get('/clients/:id/weekly-plan/entries/:entryId/edit', staff, (req, res) => renderEdit(req, res));

  router.post('/clients/:id/weekly-plan/entries/:entryId/edit', staff, (req, res) => {
    const actor = actorOf(req, services);
    const result = changePlanEntry(services, actor, req.params.id, req.params.entryId, Number(req.body?.version), parseInput(entrySchema, req.body));
    if (!result.ok) {
      showRefusal(result.refusal, { form: (status, errors) => renderEdit(req, res, { status, errors, values: status === 409 ? { ...req.body, version: '' } : req.body }), closed: closed(req, res) });
      return;
    }
    done(req, res, `Gewijzigd: ${result.value.summary}.`);
  });

  router.post('/clients/:id/weekly-plan/entries/:entryId/delete', staff, (req, res) => {
    const result = removePlanEntry(services, actorOf(req, services), req.params.id, req.params.entryId);
    if (!result.ok) {
      showRefusal(result.refusal, { form: (status, errors) => renderPage(req, res, { status, errors }), closed: closed(req, res) });
      return;
    }
    done(req, res, `Verwijderd: ${result.value.summary}.`);
  });

  return router;
}
