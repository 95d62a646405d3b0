import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import {
  changeHours,
  HOUR_KINDS,
  type HourForm,
  type HourKind,
  hourEntryValues,
  loadHourEditPage,
  loadHoursPage,
  recordHours,
  removeHours,
} from '../../app/hours.js';
import type { FieldErrors } from '../../app/result.js';
import { actorOf } from '../actor.js';
import { renderClosedProgress, showRefusal } from '../refusals.js';
import type { Services } from '../services.js';
import {
  optionalChoice,
  optionalNumber,
  optionalText,
  parseInput,
  requiredDate,
  requiredNumber,
  requiredText,
} from '../validation.js';

const hourSchema: z.ZodType<HourForm> = z
  .object({
    // Hours made at a placement take their kind from it (the use case decides); else a kind is required.
    kind: optionalChoice('Kies een geldige soort uren', HOUR_KINDS as unknown as readonly [HourKind, ...HourKind[]]),
    activityKindId: optionalNumber('de activiteit', { integer: true, min: 1 }),
    periodStart: requiredDate('de begindatum'),
    periodEnd: requiredDate('de einddatum'),
    hours: requiredNumber('het aantal gevolgde uren', { max: 1000 }).refine((n) => n > 0, {
      message: 'Het aantal gevolgde uren moet meer dan 0 zijn',
    }),
    plannedHours: optionalNumber('het aantal geplande uren', { min: 0, max: 1000 }),
    providerId: optionalNumber('de aanbieder', { integer: true, min: 1 }),
    organisation: optionalText('de organisatie', 200),
    note: optionalText('de toelichting', 1000),
    placementId: optionalNumber('de plaats', { integer: true, min: 1 }),
  })
  .superRefine((v, ctx) => {
    if (v.kind === null && v.placementId === null) ctx.addIssue({ code: 'custom', path: ['kind'], message: 'Kies een soort uren' });
  });

/** Parses the hour form (also used by the hour import's review). */
export const parseHourForm = (body: unknown) => parseInput(hourSchema, body);

const deleteSchema = z.object({
  reason: requiredText('de reden van verwijderen', 500),
  version: z.coerce.number().int().positive(),
});

/** Hours of one client: list, totals against the norms, add, edit, remove with a reason, history. */
export function hoursRouter(services: Services): Router {
  const router = Router();

  function renderList(req: Request, res: Response, status = 200, extra: { errors?: FieldErrors; values?: unknown } = {}) {
    const page = loadHoursPage(services, actorOf(req, services), req.params.id);
    res.status(status).render('hours/index', {
      title: `Uren – ${page.client.firstName} ${page.client.lastName}`,
      ...page,
      values: { periodEnd: page.today },
      ...extra,
    });
  }

  type EditPage = ReturnType<typeof loadHourEditPage>;
  function renderEdit(req: Request, res: Response, status = 200, extra: (page: EditPage) => object = () => ({})) {
    const page = loadHourEditPage(services, actorOf(req, services), req.params.id, req.params.hourId);
    res.status(status).render('hours/edit', {
      title: `Urenregel wijzigen – ${page.client.firstName} ${page.client.lastName}`,
      ...page,
      values: hourEntryValues(page.entry),
      deleteValues: {},
      deleteErrors: {},
      ...extra(page),
    });
  }

  router.get('/clients/:id/hours', (req, res) => renderList(req, res));

  router.post('/clients/:id/hours', (req, res) => {
    const result = recordHours(services, actorOf(req, services), req.params.id, parseHourForm(req.body));
    if (!result.ok) {
      showRefusal(result.refusal, {
        form: (status, errors) => renderList(req, res, status, { errors, values: req.body }),
        closed: (message) => renderClosedProgress(req, res, services, message),
      });
      return;
    }
    req.session.flash = { kind: 'ok', message: `Opgeslagen: ${result.value.summary}.` };
    res.redirect(303, `/clients/${req.params.id}/hours`);
  });

  router.get('/clients/:id/hours/:hourId/edit', (req, res) => renderEdit(req, res));

  router.post('/clients/:id/hours/:hourId/edit', (req, res) => {
    const actor = actorOf(req, services);
    const version = Number(req.body.version);
    const result = changeHours(services, actor, req.params.id, req.params.hourId, version, parseHourForm(req.body));
    if (!result.ok) {
      showRefusal(result.refusal, {
        // A stale save shows what the user typed (not lost) with the stored version, so a second save is deliberate.
        form: (status, errors) =>
          renderEdit(req, res, status, (page) => ({
            errors,
            values: status === 409 ? { ...req.body, version: page.entry.version } : req.body,
          })),
        closed: (message) => renderClosedProgress(req, res, services, message),
      });
      return;
    }
    req.session.flash = { kind: 'ok', message: `Gewijzigd: ${result.value.summary}.` };
    res.redirect(303, `/clients/${req.params.id}/hours`);
  });

  router.post('/clients/:id/hours/:hourId/delete', (req, res) => {
    const actor = actorOf(req, services);
    const result = removeHours(services, actor, req.params.id, req.params.hourId, parseInput(deleteSchema, req.body));
    if (!result.ok) {
      showRefusal(result.refusal, {
        form: (status, errors) => renderEdit(req, res, status, () => ({ deleteErrors: errors, errors, deleteValues: req.body })),
        closed: (message) => renderClosedProgress(req, res, services, message),
      });
      return;
    }
    req.session.flash = { kind: 'ok', message: `Verwijderd: ${result.value.summary}.` };
    res.redirect(303, `/clients/${req.params.id}/hours`);
  });

  return router;
}
