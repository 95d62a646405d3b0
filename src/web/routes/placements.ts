import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import {
  activatePlacement,
  changePlacement,
  type CheckinForm,
  confirmReadiness,
  endPlacement,
  LANGUAGE_SUPPORTS,
  loadPlacementEditPage,
  loadPlacementsPage,
  loadTeamPlacementsPage,
  PLACEMENT_KINDS,
  type PlacementInput,
  placementValues,
  READINESS_ITEMS,
  READINESS_LABELS,
  type ReadinessForm,
  recordPlacement,
  updateAftercare,
} from '../../app/placements.js';
import type { FieldErrors } from '../../app/result.js';
import { actorOf } from '../actor.js';
import { renderClosedProgress, showRefusal } from '../refusals.js';
import type { Services } from '../services.js';
import { formatDate } from '../view-helpers.js';
import {
  choice,
  idParam,
  optionalDate,
  optionalText,
  parseInput,
  requiredDate,
  requiredNumber,
  requiredText,
} from '../validation.js';

const placementSchema: z.ZodType<PlacementInput> = z
  .object({
    kind: choice('de soort plaats', PLACEMENT_KINDS),
    organisation: requiredText('de organisatie of werkgever', 200),
    contactPerson: optionalText('de contactpersoon', 200),
    jobCoach: optionalText('de jobcoach', 200),
    startOn: requiredDate('de startdatum'),
    plannedEndOn: optionalDate('de (geplande) einddatum'),
    hoursPerWeek: requiredNumber('het aantal uren per week', { min: 0.5, max: 40 }),
    languageSupport: choice('de taalondersteuning', LANGUAGE_SUPPORTS),
    note: optionalText('de toelichting', 2000),
  })
  // Checked once every field parsed (zod's default), so it is the only message then, as before.
  .superRefine((d, ctx) => {
    if (d.plannedEndOn && d.plannedEndOn < d.startOn) {
      ctx.addIssue({ code: 'custom', path: ['plannedEndOn'], message: 'De einddatum mag niet voor de startdatum liggen' });
    }
  });

const versionField = z.coerce.number().int().positive();

const activateSchema = z.object({
  version: versionField,
  activationReason: optionalText('de reden', 1000),
});

const endSchema = z.object({
  version: versionField,
  endedOn: requiredDate('de einddatum'),
  endReason: requiredText('de reden van beëindigen', 1000),
});

const checkinSchema: z.ZodType<CheckinForm> = z.object({
  version: versionField,
  dueOn: requiredDate('de datum van het nazorgmoment'),
  done: z.preprocess((v) => v === 'ja', z.boolean()),
  note: optionalText('de notitie', 2000),
});

const noteText = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** The checklist: per item "ja" or "nee" and a note of at most 1000 characters, every problem at once. */
const readinessSchema: z.ZodType<ReadinessForm> = z
  .object(
    Object.fromEntries(
      READINESS_ITEMS.flatMap((item) => [
        [`ready_${item}`, z.unknown().refine((v) => v === 'ja' || v === 'nee', { message: `${READINESS_LABELS[item]}: kies ja of nee` })],
        [
          `note_${item}`,
          z.preprocess(noteText, z.string().max(1000, `${READINESS_LABELS[item]}: de notitie mag maximaal 1000 tekens zijn`)),
        ],
      ]),
    ),
  )
  .transform((body) => ({
    answers: READINESS_ITEMS.map((item) => ({
      item,
      confirmed: body[`ready_${item}`] === 'ja',
      note: (body[`note_${item}`] as string) || null,
    })),
  }));

/** Fields of the per-placement and per-check-in forms carry the record's id: `activationReason-12`. */
const withSuffix = (body: Record<string, unknown>, field: string, id: number | null) => body[`${field}-${id}`];

/** Placements of one client, readiness, after-care; and the team lead's overview. */
export function placementsRouter(services: Services): Router {
  const router = Router();

  function render(req: Request, res: Response, status = 200, extra: Record<string, unknown> = {}) {
    const page = loadPlacementsPage(services, actorOf(req, services), req.params.id);
    res.status(status).render('placements/index', {
      title: `Participatie – ${page.client.firstName} ${page.client.lastName}`,
      ...page,
      values: { startOn: page.today, languageSupport: 'GEEN' },
      readinessErrors: {},
      readinessValues: null,
      actionFor: null,
      actionErrors: {},
      actionValues: {},
      ...extra,
    });
  }

  type EditPage = ReturnType<typeof loadPlacementEditPage>;
  function renderEdit(req: Request, res: Response, status = 200, extra: (page: EditPage) => object = () => ({})) {
    const page = loadPlacementEditPage(services, actorOf(req, services), req.params.id, req.params.placementId);
    res.status(status).render('placements/edit', {
      title: `Plaats wijzigen – ${page.client.firstName} ${page.client.lastName}`,
      ...page,
      values: placementValues(page.placement),
      endValues: { endedOn: page.today },
      endErrors: {},
      ...extra(page),
    });
  }

  const closed = (req: Request, res: Response) => (message: string) => renderClosedProgress(req, res, services, message);

  router.get('/clients/:id/placements', (req, res) => render(req, res));

  router.post('/clients/:id/placements', (req, res) => {
    const result = recordPlacement(services, actorOf(req, services), req.params.id, parseInput(placementSchema, req.body));
    if (!result.ok) {
      showRefusal(result.refusal, {
        form: (status, errors) => render(req, res, status, { errors, values: req.body }),
        closed: closed(req, res),
      });
      return;
    }
    req.session.flash = { kind: 'ok', message: `Plaats opgeslagen: ${result.value.summary}.` };
    res.redirect(303, `/clients/${req.params.id}/placements`);
  });

  router.get('/clients/:id/placements/:placementId/edit', (req, res) => renderEdit(req, res));

  router.post('/clients/:id/placements/:placementId/edit', (req, res) => {
    const actor = actorOf(req, services);
    const version = Number(req.body.version);
    const form = parseInput(placementSchema, req.body);
    const result = changePlacement(services, actor, req.params.id, req.params.placementId, version, form);
    if (!result.ok) {
      showRefusal(result.refusal, {
        // A stale save shows the stored version (what the other person saved); the change was not saved.
        form: (status, errors) => renderEdit(req, res, status, () => (status === 409 ? { errors } : { errors, values: req.body })),
        closed: closed(req, res),
      });
      return;
    }
    req.session.flash = { kind: 'ok', message: `Gewijzigd: ${result.value.summary}.` };
    res.redirect(303, `/clients/${req.params.id}/placements`);
  });

  router.post('/clients/:id/placements/:placementId/activate', (req, res) => {
    const id = idParam.safeParse(req.params.placementId).data ?? null;
    const input = { version: req.body.version, activationReason: withSuffix(req.body, 'activationReason', id) };
    const result = activatePlacement(services, actorOf(req, services), req.params.id, req.params.placementId, parseInput(activateSchema, input));
    if (!result.ok) {
      showRefusal(result.refusal, {
        form: (status, errors) => {
          const keyed: FieldErrors = {};
          for (const [k, v] of Object.entries(errors)) keyed[k.startsWith('activationReason') ? `activationReason-${id}` : k] = v;
          render(req, res, status, { errors: keyed, actionFor: id, actionErrors: keyed, actionValues: input });
        },
        closed: closed(req, res),
      });
      return;
    }
    req.session.flash = { kind: 'ok', message: `De plaats ${result.value.summary} is actief.` };
    res.redirect(303, `/clients/${req.params.id}/placements`);
  });

  router.post('/clients/:id/placements/:placementId/end', (req, res) => {
    const result = endPlacement(services, actorOf(req, services), req.params.id, req.params.placementId, parseInput(endSchema, req.body));
    if (!result.ok) {
      showRefusal(result.refusal, {
        form: (status, errors) => renderEdit(req, res, status, () => ({ errors, endErrors: errors, endValues: req.body })),
        closed: closed(req, res),
      });
      return;
    }
    req.session.flash = { kind: 'ok', message: `De plaats ${result.value.summary} is beëindigd.` };
    res.redirect(303, `/clients/${req.params.id}/placements`);
  });

  router.post('/clients/:id/placements/readiness', (req, res) => {
    const result = confirmReadiness(services, actorOf(req, services), req.params.id, parseInput(readinessSchema, req.body));
    if (!result.ok) {
      showRefusal(result.refusal, {
        form: (status, errors) => render(req, res, status, { errors, readinessErrors: errors, readinessValues: req.body }),
        closed: closed(req, res),
      });
      return;
    }
    const { confirmed, total } = result.value;
    req.session.flash = { kind: 'ok', message: `Checklist opgeslagen: ${confirmed} van ${total} punten op orde.` };
    res.redirect(303, `/clients/${req.params.id}/placements#basis`);
  });

  router.post('/clients/:id/placements/checkins/:checkinId', (req, res) => {
    const id = idParam.safeParse(req.params.checkinId).data ?? null;
    const input = {
      version: req.body.version,
      dueOn: withSuffix(req.body, 'dueOn', id),
      done: req.body.done,
      note: withSuffix(req.body, 'note', id),
    };
    const result = updateAftercare(services, actorOf(req, services), req.params.id, req.params.checkinId, parseInput(checkinSchema, input));
    if (!result.ok) {
      showRefusal(result.refusal, {
        form: (status, errors) => {
          const keyed: FieldErrors = {};
          for (const [k, v] of Object.entries(errors)) keyed[`${k}-${id}`] = v;
          render(req, res, status, { errors: keyed, actionFor: `c${id}`, actionErrors: keyed, actionValues: input });
        },
        closed: closed(req, res),
      });
      return;
    }
    const v = result.value;
    req.session.flash = { kind: 'ok', message: v.done ? 'Nazorgmoment afgerond.' : `Nazorgmoment staat op ${formatDate(v.dueOn)}.` };
    res.redirect(303, `/clients/${req.params.id}/placements#nazorg-${v.placementId}`);
  });

  router.get('/team/placements', (req, res) => {
    const page = loadTeamPlacementsPage(services, actorOf(req, services));
    res.render('placements/team', { title: 'Participatieplaatsen van het team', ...page });
  });

  return router;
}
