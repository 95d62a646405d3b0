import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import {
  APPOINTMENT_KINDS,
  APPOINTMENT_MODES,
  type AppointmentForm,
  appointmentIcsFile,
  appointmentValues,
  CANCELLED_BY,
  changeAppointment,
  INVITATION_METHODS,
  loadAppointmentFormPage,
  loadAppointmentPage,
  loadInvitationPage,
  loadPlanningPage,
  type MilestoneForm,
  type OutcomeForm,
  planAppointment,
  recordAppointmentOutcome,
  recordMilestone,
} from '../../app/planning.js';
import type { FieldErrors } from '../../app/result.js';
import { actorOf } from '../actor.js';
import { renderClosedProgress, showRefusal } from '../refusals.js';
import type { Services } from '../services.js';
import {
  checkbox,
  choice,
  optionalChoice,
  optionalDate,
  optionalText,
  parseInput,
  requiredDate,
  requiredNumber,
} from '../validation.js';

const time = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() : ''),
  z
    .string()
    .min(1, 'Vul de tijd in')
    .regex(/^([01]\d|2[0-3])[:.][0-5]\d$/, 'De tijd is geen geldige tijd (bijvoorbeeld 09:30)')
    .transform((v) => v.replace('.', ':')),
);

const appointmentSchema: z.ZodType<AppointmentForm> = z
  .object({
    kind: choice('het soort gesprek', APPOINTMENT_KINDS),
    date: requiredDate('de datum'),
    time,
    durationMinutes: requiredNumber('de duur in minuten', { integer: true, min: 5, max: 480 }),
    mode: choice('waar of hoe het gesprek is', APPOINTMENT_MODES),
    place: optionalText('de plaats', 200),
    interpreterLanguage: optionalText('de taal van de tolk', 80),
    interpreterBooked: checkbox(),
    others: optionalText('wie er verder bij is', 500),
    invitationSentOn: optionalDate('de verzenddatum van de uitnodiging'),
    invitationMethod: optionalChoice('Kies een geldige manier van verzenden', INVITATION_METHODS),
    acceptLateInvitation: checkbox(),
  })
  .transform(({ date, time: t, ...rest }) => ({ ...rest, startsAt: `${date}T${t}` }));

const milestoneSchema: z.ZodType<MilestoneForm> = z.object({
  code: choice('de mijlpaal', ['MAP_REGISTERED', 'YEAR3_CHECK'] as const),
  doneOn: requiredDate('de datum'),
  note: optionalText('de toelichting', 1000),
});

const outcomeSchema: z.ZodType<OutcomeForm> = z.object({
  outcome: choice('wat er van de afspraak is geworden', ['HELD', 'NO_SHOW', 'CANCELLED'] as const),
  cancelledBy: optionalChoice('Kies wie afzegde', CANCELLED_BY),
  reason: optionalText('de reden', 1000),
  version: z.coerce.number().int().positive(),
});

type Extra = { errors?: FieldErrors; values?: unknown };

/** Milestones and appointments of one client: planning page, plan/edit a conversation, outcome, invitation, .ics. */
export function planningRouter(services: Services): Router {
  const router = Router();

  function renderPlanning(req: Request, res: Response, status = 200, extra: Extra = {}) {
    const page = loadPlanningPage(services, actorOf(req, services), req.params.id);
    res.status(status).render('planning/index', {
      title: `Planning – ${page.client.firstName} ${page.client.lastName}`,
      ...page,
      values: { doneOn: page.today },
      ...extra,
    });
  }

  function renderNew(req: Request, res: Response, status = 200, extra: Extra = {}) {
    const loaded = loadAppointmentFormPage(services, actorOf(req, services), req.params.id);
    if (!loaded.ok) {
      renderClosedProgress(req, res, services, loaded.refusal.message);
      return;
    }
    const page = loaded.value;
    res.status(status).render('planning/new', {
      title: `Gesprek plannen – ${page.client.firstName} ${page.client.lastName}`,
      ...page,
      values: page.initialValues,
      ...extra,
    });
  }

  type ShowPage = ReturnType<typeof loadAppointmentPage>;
  function renderShow(req: Request, res: Response, status = 200, extra: (page: ShowPage) => object = () => ({})) {
    const page = loadAppointmentPage(services, actorOf(req, services), req.params.id, req.params.aid);
    res.status(status).render('planning/show', {
      title: `Afspraak – ${page.client.firstName} ${page.client.lastName}`,
      ...page,
      values: appointmentValues(page.a),
      outcomeValues: { version: page.a.version },
      outcomeErrors: {},
      ...extra(page),
    });
  }

  router.get('/clients/:id/planning', (req, res) => renderPlanning(req, res));

  router.post('/clients/:id/planning/milestones', (req, res) => {
    const result = recordMilestone(services, actorOf(req, services), req.params.id, parseInput(milestoneSchema, req.body));
    if (!result.ok) {
      showRefusal(result.refusal, {
        form: (status, errors) => renderPlanning(req, res, status, { errors, values: req.body }),
        closed: (message) => renderClosedProgress(req, res, services, message),
      });
      return;
    }
    req.session.flash = { kind: 'ok', message: result.value.message };
    res.redirect(303, `/clients/${req.params.id}/planning`);
  });

  router.get('/clients/:id/appointments/new', (req, res) => renderNew(req, res));

  router.post('/clients/:id/appointments/new', (req, res) => {
    const result = planAppointment(services, actorOf(req, services), req.params.id, parseInput(appointmentSchema, req.body));
    if (!result.ok) {
      showRefusal(result.refusal, {
        form: (status, errors) => renderNew(req, res, status, { errors, values: req.body }),
        closed: (message) => renderClosedProgress(req, res, services, message),
      });
      return;
    }
    req.session.flash = { kind: 'ok', message: result.value.message };
    res.redirect(303, `/clients/${req.params.id}/appointments/${result.value.id}`);
  });

  router.get('/clients/:id/appointments/:aid', (req, res) => renderShow(req, res));

  router.post('/clients/:id/appointments/:aid/edit', (req, res) => {
    const version = Number(req.body?.version);
    const result = changeAppointment(services, actorOf(req, services), req.params.id, req.params.aid, version, parseInput(appointmentSchema, req.body));
    if (!result.ok) {
      showRefusal(result.refusal, {
        // A stale save keeps what the user typed, with the stored version, so a second save is deliberate.
        form: (status, errors) =>
          renderShow(req, res, status, (page) => ({ errors, values: status === 409 ? { ...req.body, version: page.a.version } : req.body })),
        closed: (message) => renderClosedProgress(req, res, services, message),
      });
      return;
    }
    req.session.flash = { kind: 'ok', message: result.value.message };
    res.redirect(303, `/clients/${req.params.id}/appointments/${req.params.aid}`);
  });

  router.post('/clients/:id/appointments/:aid/outcome', (req, res) => {
    const result = recordAppointmentOutcome(services, actorOf(req, services), req.params.id, req.params.aid, parseInput(outcomeSchema, req.body));
    if (!result.ok) {
      showRefusal(result.refusal, {
        form: (status, errors) => renderShow(req, res, status, () => ({ outcomeErrors: errors, errors, outcomeValues: req.body })),
        closed: (message) => renderClosedProgress(req, res, services, message),
      });
      return;
    }
    req.session.flash = { kind: 'ok', message: result.value.message };
    res.redirect(303, result.value.next ?? `/clients/${req.params.id}/appointments/${req.params.aid}`);
  });

  router.get('/clients/:id/appointments/:aid/invitation', (req, res) => {
    const page = loadInvitationPage(services, actorOf(req, services), req.params.id, req.params.aid);
    res.render('planning/invitation', { title: `Uitnodiging – ${page.client.firstName} ${page.client.lastName}`, ...page });
  });

  router.get('/clients/:id/appointments/:aid/afspraak.ics', (req, res) => {
    const file = appointmentIcsFile(services, actorOf(req, services), req.params.id, req.params.aid);
    res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
    res.send(file.body);
  });

  return router;
}
