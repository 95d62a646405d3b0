import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import {
  changeEnforcementRules,
  type EnforcementRulesForm,
  loadEnforcementLetter,
  loadEnforcementPage,
  loadEnforcementRulesPage,
  type OpenCaseForm,
  openEnforcementCase,
  recordEnforcementStep,
  type StepForm,
} from '../../app/enforcement.js';
import type { FieldErrors } from '../../app/result.js';
import { DECISION_KINDS, DEFAULT_ENFORCEMENT_RULES, type EnforcementRules, STEP_KINDS } from '../../domain/index.js';
import { actorOf } from '../actor.js';
import { whenValid } from '../forms/when-valid.js';
import { requireRole } from '../middleware/auth.js';
import { showRefusal } from '../refusals.js';
import type { Services } from '../services.js';
import {
  checkbox,
  choice,
  optionalChoice,
  optionalDate,
  optionalNumber,
  optionalText,
  parseInput,
  requiredDate,
  requiredNumber,
} from '../validation.js';

const openSchema: z.ZodType<OpenCaseForm> = z
  .object({
    trigger: choice('hoe het traject begint', ['VERZUIM', 'HANDMATIG'] as const),
    reason: optionalText('de reden', 2000),
    openedOn: optionalDate('de startdatum'),
  })
  .superRefine((v, ctx) => {
    if (v.trigger === 'HANDMATIG' && !v.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Vul de reden in waarom u een handhavingstraject opent' });
    }
  }, whenValid('trigger', 'reason'));

const stepSchema: z.ZodType<StepForm> = z.object({
  kind: choice('een stap', STEP_KINDS),
  date: requiredDate('de datum'),
  note: optionalText('de notitie', 4000),
  skipReason: optionalText('de reden om stappen over te slaan', 2000),
  decisionKind: optionalChoice('Kies een geldig besluit', DECISION_KINDS),
  amount: optionalNumber('het bedrag', { min: 0.01, max: 10_000 }),
  deviationReason: optionalText('de reden om af te wijken', 2000),
  decisionReason: optionalText('de toelichting bij het besluit', 2000),
  improvementEndDate: optionalDate('de einddatum'),
});

const dueKeys = Object.keys(DEFAULT_ENFORCEMENT_RULES.dueDays) as (keyof EnforcementRules['dueDays'])[];
const days = (label: string) => requiredNumber(label, { integer: true });

/** The rules form has one field per amount and per step ("fineAmounts.0", "dueDays.GESPREK"). */
const rulesFormSchema: z.ZodType<EnforcementRulesForm> = z
  .object({
    effectiveFrom: requiredDate('de ingangsdatum'),
    note: optionalText('de toelichting', 1000),
    'fineAmounts.0': requiredNumber('boetebedrag 1'),
    'fineAmounts.1': optionalNumber('boetebedrag 2'),
    'fineAmounts.2': optionalNumber('boetebedrag 3'),
    'fineAmounts.3': optionalNumber('boetebedrag 4'),
    stopOfferAfterFines: checkbox(),
    improvementWeeks: requiredNumber('de verbetertermijn', { integer: true }),
    ...Object.fromEntries(dueKeys.map((k) => [`dueDays.${k}`, days('het aantal dagen')])),
  })
  .transform((raw) => {
    const f = raw as Record<string, unknown> & { effectiveFrom: string; note: string | null };
    return {
      effectiveFrom: f.effectiveFrom,
      note: f.note,
      rules: {
        fineAmounts: [0, 1, 2, 3].map((i) => f[`fineAmounts.${i}`]).filter((n): n is number => typeof n === 'number'),
        stopOfferAfterFines: f['stopOfferAfterFines'] as boolean,
        improvementWeeks: f['improvementWeeks'] as number,
        dueDays: Object.fromEntries(dueKeys.map((k) => [k, f[`dueDays.${k}`] as number])),
      },
    };
  });

/** Handhavingstraject per client, step letters, and the admin page for the enforcement rules. */
export function enforcementRouter(services: Services): Router {
  const router = Router();

  /** The case page; after a refused form (`extra` set) without a second view audit row, as before. */
  function renderCasePage(req: Request, res: Response, status = 200, extra?: { errors: FieldErrors; values: unknown; formFor: string }) {
    const page = loadEnforcementPage(services, actorOf(req, services), req.params.id, { audit: !extra });
    res.status(status).render('enforcement/show', {
      title: `Verzuim en handhaving – ${page.client.firstName} ${page.client.lastName}`,
      ...page,
      errors: {},
      values: {},
      formFor: null,
      ...extra,
    });
  }

  router.get('/clients/:id/enforcement', (req, res) => renderCasePage(req, res));

  router.post('/clients/:id/enforcement', (req, res) => {
    const result = openEnforcementCase(services, actorOf(req, services), req.params.id, parseInput(openSchema, req.body));
    if (!result.ok) {
      showRefusal(result.refusal, {
        form: (status, errors) => renderCasePage(req, res, status, { errors, values: req.body, formFor: 'open' }),
        // A closed trajectory shows the form again with the message (the page itself says it is read-only).
        closed: (message) => renderCasePage(req, res, 400, { errors: { _form: message }, values: req.body, formFor: 'open' }),
      });
      return;
    }
    req.session.flash = { kind: 'ok', message: 'Het handhavingstraject is geopend. De eerste stap is informatie over rechten en plichten.' };
    res.redirect(303, `/clients/${req.params.id}/enforcement`);
  });

  router.post('/clients/:id/enforcement/:caseId/steps', (req, res) => {
    const actor = actorOf(req, services);
    const result = recordEnforcementStep(services, actor, req.params.id, req.params.caseId, parseInput(stepSchema, req.body));
    if (!result.ok) {
      showRefusal(result.refusal, {
        form: (status, errors) => renderCasePage(req, res, status, { errors, values: req.body, formFor: 'step' }),
        closed: (message) => renderCasePage(req, res, 400, { errors: { _form: message }, values: req.body, formFor: 'step' }),
      });
      return;
    }
    req.session.flash = { kind: 'ok', message: `${result.value.label} is vastgelegd.` };
    res.redirect(303, `/clients/${req.params.id}/enforcement`);
  });

  router.get('/clients/:id/enforcement/:caseId/steps/:stepId/letter', (req, res) => {
    const page = loadEnforcementLetter(services, actorOf(req, services), req.params.id, req.params.caseId, req.params.stepId);
    res.render('enforcement/letter', {
      title: `Brief: ${page.stepLabels[page.step.kind]} – ${page.client.firstName} ${page.client.lastName}`,
      ...page,
    });
  });

  // ---- Admin: enforcement rules, effective-dated versions -------------------------------------------

  function renderRules(req: Request, res: Response, status = 200, extra?: { errors: FieldErrors; values: unknown }) {
    const { defaultValues, ...page } = loadEnforcementRulesPage(services, actorOf(req, services), { audit: !extra });
    res.status(status).render('enforcement/rules', {
      title: 'Regels voor handhaving',
      ...page,
      errors: {},
      values: defaultValues,
      ...extra,
    });
  }

  router.get('/admin/enforcement-rules', requireRole('admin'), (req, res) => renderRules(req, res));

  router.post('/admin/enforcement-rules', requireRole('admin'), (req, res) => {
    const result = changeEnforcementRules(services, actorOf(req, services), parseInput(rulesFormSchema, req.body));
    if (!result.ok) {
      showRefusal(result.refusal, {
        form: (status, errors) => renderRules(req, res, status, { errors, values: req.body }),
        closed: (message) => renderRules(req, res, 409, { errors: { _form: message }, values: req.body }),
      });
      return;
    }
    req.session.flash = { kind: 'ok', message: 'De nieuwe versie van de regels voor handhaving is opgeslagen.' };
    res.redirect(303, '/admin/enforcement-rules');
  });

  return router;
}
