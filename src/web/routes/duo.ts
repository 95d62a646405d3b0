import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import {
  DUO_SIGNAL_KINDS,
  type DuoSignalForm,
  loadDuoPage,
  loadDuoWorklist,
  markPassedToDuo,
  recordClientDuoSignal,
  recordNewInburgeringsplichtige,
} from '../../app/duo.js';
import type { FieldErrors } from '../../app/result.js';
import { actorOf } from '../actor.js';
import { requireRole } from '../middleware/auth.js';
import { renderClosedProgress, showRefusal } from '../refusals.js';
import type { Services } from '../services.js';
import { choice, optionalDate, optionalText, parseInput, requiredDate, requiredText } from '../validation.js';

const passedSchema = z.object({
  passedOn: requiredDate('de datum van doorgeven'),
  version: z.coerce.number().int().positive(),
});

const signalSchema: z.ZodType<DuoSignalForm> = z.object({
  kind: choice('het soort bericht', DUO_SIGNAL_KINDS),
  receivedOn: requiredDate('de datum van ontvangst'),
  bsn: z.preprocess(() => null, z.null()),
  dutyStartOn: optionalDate('de startdatum van de inburgeringsplicht'),
  note: optionalText('de toelichting', 1000),
});

const newcomerSchema = z.object({
  receivedOn: requiredDate('de datum van ontvangst'),
  bsn: requiredText('het BSN', 9).refine((v) => /^\d{9}$/.test(v), 'Het BSN bestaat uit 9 cijfers'),
  dutyStartOn: requiredDate('de startdatum van de inburgeringsplicht'),
  note: optionalText('de toelichting', 1000),
});

type Extra = { errors?: FieldErrors; values?: unknown; signalErrors?: FieldErrors; signalValues?: unknown };

/** The DUO ledger of a client, the team's DUO worklist and the signals received from DUO. */
export function duoRouter(services: Services): Router {
  const router = Router();
  const staff = requireRole('consulent', 'teamleider');

  function renderClient(req: Request, res: Response, status = 200, extra: Extra = {}) {
    const page = loadDuoPage(services, actorOf(req, services), req.params.id);
    res.status(status).render('duo/client', {
      title: `DUO – ${page.client.firstName} ${page.client.lastName}`,
      ...page,
      values: { passedOn: page.today },
      signalValues: { receivedOn: page.today },
      signalErrors: {},
      errorLineId: null,
      ...extra,
    });
  }

  function renderWorklist(req: Request, res: Response, status = 200, extra: Extra = {}) {
    const page = loadDuoWorklist(services, actorOf(req, services));
    res.status(status).render('duo/worklist', { title: 'DUO-werklijst', ...page, values: { receivedOn: page.today }, ...extra });
  }

  router.get('/clients/:id/duo', staff, (req, res) => renderClient(req, res));

  router.post('/clients/:id/duo/:lineId/passed', staff, (req, res) => {
    const result = markPassedToDuo(services, actorOf(req, services), req.params.id, req.params.lineId, parseInput(passedSchema, req.body));
    if (!result.ok) {
      showRefusal(result.refusal, {
        form: (status, errors) => renderClient(req, res, status, { errors, values: req.body, errorLineId: Number(req.params.lineId) } as Extra),
        closed: (message) => renderClosedProgress(req, res, services, message),
      });
      return;
    }
    req.session.flash = { kind: 'ok', message: result.value.message };
    res.redirect(303, typeof req.body?.back === 'string' && req.body.back === 'worklist' ? '/duo' : `/clients/${req.params.id}/duo`);
  });

  router.post('/clients/:id/duo/signals', staff, (req, res) => {
    const result = recordClientDuoSignal(services, actorOf(req, services), req.params.id, parseInput(signalSchema, req.body));
    if (!result.ok) {
      showRefusal(result.refusal, {
        form: (status, errors) => renderClient(req, res, status, { errors, signalErrors: errors, signalValues: req.body }),
        closed: (message) => renderClosedProgress(req, res, services, message),
      });
      return;
    }
    req.session.flash = { kind: 'ok', message: result.value.message };
    res.redirect(303, `/clients/${req.params.id}/duo`);
  });

  router.get('/duo', staff, (req, res) => renderWorklist(req, res));

  router.post('/duo/newcomers', staff, (req, res) => {
    const result = recordNewInburgeringsplichtige(services, actorOf(req, services), parseInput(newcomerSchema, req.body));
    if (!result.ok) {
      renderWorklist(req, res, 400, { errors: result.refusal.kind === 'invalid' ? result.refusal.errors : {}, values: req.body });
      return;
    }
    req.session.flash = { kind: 'ok', message: result.value.message };
    res.redirect(303, '/duo');
  });

  return router;
}
