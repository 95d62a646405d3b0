import { type Response, Router } from 'express';
import { z } from 'zod';
import { clientAbsence } from '../../db/absence.js';
import { refreshClientStatus } from '../../db/client-status.js';
import type { ClientRef } from '../../db/clients.js';
import {
  addEnforcementRuleVersion,
  caseFacts,
  clientsWithOpenCase,
  type EnforcementCase,
  enforcementRulesInForce,
  findCase,
  insertCase,
  insertStep,
  letterAddressee,
  listCases,
  listEnforcementRuleVersions,
} from '../../db/enforcement.js';
import { findTeam } from '../../db/teams.js';
import {
  allowedSteps,
  DECISION_KINDS,
  DECISION_LABELS,
  DEFAULT_ENFORCEMENT_RULES,
  defaultImprovementEnd,
  defaultSanction,
  type EnforcementRules,
  enforcementSignal,
  fineCount,
  hearingHeldSinceLastDecision,
  nextStep,
  parseEnforcementRules,
  STEP_DONE_LABELS,
  STEP_KINDS,
  STEP_LABELS,
  skippedBy,
  validateStep,
} from '../../domain/index.js';
import { todayOf } from '../../lib/clock.js';
import type { Services } from '../services.js';
import { loadClientForRequest } from '../client-access.js';
import { notFound } from '../http-errors.js';
import { requireRole } from '../middleware/auth.js';
import {
  checkbox,
  choice,
  type FieldErrors,
  idParam,
  optionalChoice,
  optionalDate,
  optionalNumber,
  optionalText,
  parseInput,
  requiredDate,
  requiredNumber,
} from '../validation.js';
import { monthLabel, whenValid } from './absence.js';

const euro = (n: number) => `€ ${n.toLocaleString('nl-NL', { minimumFractionDigits: 0, maximumFractionDigits: 2 })}`;

const openSchema = z
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

const stepSchema = z.object({
  kind: choice('een stap', STEP_KINDS),
  date: requiredDate('de datum'),
  note: optionalText('de notitie', 4000),
  skipReason: optionalText('de reden om stappen over te slaan', 2000),
  decisionKind: optionalChoice('besluit', DECISION_KINDS),
  amount: optionalNumber('het bedrag', { min: 0.01, max: 10_000 }),
  deviationReason: optionalText('de reden om af te wijken', 2000),
  decisionReason: optionalText('de toelichting bij het besluit', 2000),
  improvementEndDate: optionalDate('de einddatum'),
});

/** Handhavingstraject per client, step letters, and the admin page for the enforcement rules. */
export function enforcementRouter(services: Services): Router {
  const router = Router();
  const { db, clock } = services;

  function caseView(c: EnforcementCase, rules: EnforcementRules, today: string) {
    const facts = caseFacts(db, c);
    const next = nextStep(facts, rules);
    const allowed = allowedSteps(facts, rules);
    return {
      ...c,
      next,
      signal: enforcementSignal(facts, rules, today),
      stepOptions: allowed.map((k) => {
        const skips = skippedBy(facts, k, rules);
        const suffix = skips.length ? ` (slaat over: ${skips.map((s) => STEP_LABELS[s].toLowerCase()).join(', ')})` : '';
        return { value: k, label: `${STEP_LABELS[k]}${suffix}` };
      }),
      sanction: defaultSanction(fineCount(facts), rules),
      hearingHeld: hearingHeldSinceLastDecision(facts),
      improvementEndDefault: defaultImprovementEnd(today, rules),
    };
  }

  function renderCasePage(res: Response, client: ClientRef, status = 200, errors: FieldErrors = {}, values: Record<string, unknown> = {}, formFor: string | null = null) {
    const today = todayOf(clock);
    const rules = enforcementRulesInForce(db, today);
    const cases = listCases(db, client.id).map((c) => caseView(c, rules, today));
    const open = cases.find((c) => c.closedOn === null) ?? null;
    res.status(status).render('enforcement/show', {
      title: `Verzuim en handhaving – ${client.firstName} ${client.lastName}`,
      breadcrumbs: [
        { href: '/clients', label: 'Cliënten' },
        { href: `/clients/${client.id}`, label: `${client.firstName} ${client.lastName}` },
        { label: 'Verzuim en handhaving' },
      ],
      client,
      absence: clientAbsence(db, client.id, today),
      monthLabel,
      open,
      closed: cases.filter((c) => c.closedOn !== null),
      rules,
      today,
      euro,
      stepLabels: STEP_LABELS,
      decisionLabels: DECISION_LABELS,
      decisionOptions: DECISION_KINDS.map((k) => ({ value: k, label: DECISION_LABELS[k] })),
      activeTab: 'enforcement',
      errors,
      values,
      formFor,
    });
  }

  router.get('/clients/:id/enforcement', (req, res) => {
    const client = loadClientForRequest(req, services, req.params.id);
    req.audit('handhaving-bekeken', 'handhaving', { clientId: client.id });
    renderCasePage(res, client);
  });

  router.post('/clients/:id/enforcement', (req, res) => {
    const client = loadClientForRequest(req, services, req.params.id);
    const parsed = parseInput(openSchema, req.body);
    const today = todayOf(clock);
    if (!parsed.ok) {
      req.audit('handhaving-openen', 'handhaving', { clientId: client.id, outcome: 'error' });
      renderCasePage(res, client, 400, parsed.errors, req.body, 'open');
      return;
    }
    if (client.closedOn) {
      renderCasePage(res, client, 400, { _form: 'Het inburgeringstraject van deze cliënt is afgesloten. U kunt geen handhavingstraject meer openen.' }, req.body, 'open');
      return;
    }
    if (listCases(db, client.id).some((c) => c.closedOn === null)) {
      renderCasePage(res, client, 400, { _form: 'Er loopt al een handhavingstraject. Sluit dat eerst af.' }, req.body, 'open');
      return;
    }
    const v = parsed.data;
    const openedOn = v.openedOn ?? today;
    if (openedOn > today) {
      renderCasePage(res, client, 400, { openedOn: 'De startdatum mag niet in de toekomst liggen' }, req.body, 'open');
      return;
    }
    let triggerPeriod: string | null = null;
    let triggerPct: number | null = null;
    let reason = v.reason ?? '';
    if (v.trigger === 'VERZUIM') {
      const absence = clientAbsence(db, client.id, today);
      const latest = absence.signalling[absence.signalling.length - 1];
      if (!latest || latest.pct === null) {
        renderCasePage(res, client, 400, { _form: 'Er is geen verzuimsignaal in de laatste zes maanden. Open het traject met de hand en vul een reden in.' }, req.body, 'open');
        return;
      }
      triggerPeriod = latest.period;
      triggerPct = latest.pct;
      const auto = `Verzuim ${String(latest.pct).replace('.', ',')}% in ${monthLabel(latest.period)} (grens ${latest.threshold}%)`;
      reason = v.reason ? `${auto}. ${v.reason}` : auto;
    }
    const nowIso = clock.now().toISOString();
    db.transaction(() => {
      insertCase(
        db,
        { clientId: client.id, openedOn, trigger: v.trigger, triggerPeriod, triggerPct, reason },
        req.user!.id,
        `Handhaving: traject geopend (${v.trigger === 'VERZUIM' ? 'verzuimsignaal' : 'met de hand'})`,
        nowIso,
      );
      refreshClientStatus(db, client.id, today);
    })();
    req.audit('handhaving-geopend', 'handhaving', { clientId: client.id });
    req.session.flash = { kind: 'ok', message: 'Het handhavingstraject is geopend. De eerste stap is informatie over rechten en plichten.' };
    res.redirect(303, `/clients/${client.id}/enforcement`);
  });

  router.post('/clients/:id/enforcement/:caseId/steps', (req, res) => {
    const client = loadClientForRequest(req, services, req.params.id);
    const caseId = idParam.safeParse(req.params.caseId);
    const c = caseId.success ? findCase(db, client.id, caseId.data) : undefined;
    if (!c) throw notFound('Dit handhavingstraject bestaat niet.');
    const today = todayOf(clock);
    const rules = enforcementRulesInForce(db, today);
    const parsed = parseInput(stepSchema, req.body);
    const fail = (errors: FieldErrors) => {
      req.audit('handhaving-stap-vastleggen', 'handhaving', { clientId: client.id, outcome: 'error' });
      renderCasePage(res, client, 400, errors, req.body, 'step');
    };
    if (!parsed.ok) {
      fail(parsed.errors);
      return;
    }
    if (client.closedOn && parsed.data.kind !== 'AFSLUITING') {
      fail({ kind: 'Het inburgeringstraject van deze cliënt is afgesloten. U kunt dit handhavingstraject alleen nog afsluiten.' });
      return;
    }
    const checked = validateStep(caseFacts(db, c), parsed.data, rules, today);
    if (!checked.ok) {
      fail(checked.errors);
      return;
    }
    const s = parsed.data;
    const isDecision = s.kind === 'BESLUIT';
    const amount = isDecision && s.decisionKind === 'BOETE' ? s.amount : null;
    const defaultAmount = isDecision && checked.defaultSanction?.kind === 'BOETE' ? checked.defaultSanction.amount : null;
    let summary = `Handhaving: ${STEP_DONE_LABELS[s.kind]}`;
    if (isDecision && s.decisionKind) {
      summary += ` – ${DECISION_LABELS[s.decisionKind].toLowerCase()}${amount !== null ? ` ${euro(amount)}` : ''}`;
    }
    if (checked.skipped.length) summary += ` (overgeslagen: ${checked.skipped.map((k) => STEP_LABELS[k].toLowerCase()).join(', ')})`;
    const nowIso = clock.now().toISOString();
    const deviates = isDecision && (s.decisionKind === 'BOETE' ? amount !== defaultAmount : s.decisionKind === 'AANBOD_STOPPEN' && checked.defaultSanction?.kind !== 'AANBOD_STOPPEN');
    db.transaction(() => {
      insertStep(
        db,
        c,
        {
          kind: s.kind,
          date: s.date,
          note: s.note,
          skipped: checked.skipped,
          skipReason: s.skipReason,
          decisionKind: isDecision ? s.decisionKind : null,
          amount,
          defaultAmount,
          deviationReason: deviates ? s.deviationReason : null,
          decisionReason: isDecision ? s.decisionReason : null,
          improvementEndDate: checked.improvementEndDate,
        },
        req.user!.id,
        summary,
        nowIso,
      );
      refreshClientStatus(db, client.id, today);
    })();
    req.audit('handhaving-stap-vastgelegd', 'handhaving', { clientId: client.id, details: s.kind });
    req.session.flash = { kind: 'ok', message: `${STEP_LABELS[s.kind]} is vastgelegd.` };
    res.redirect(303, `/clients/${client.id}/enforcement`);
  });

  router.get('/clients/:id/enforcement/:caseId/steps/:stepId/letter', (req, res) => {
    const client = loadClientForRequest(req, services, req.params.id);
    const caseId = idParam.safeParse(req.params.caseId);
    const stepId = idParam.safeParse(req.params.stepId);
    const c = caseId.success ? findCase(db, client.id, caseId.data) : undefined;
    const step = stepId.success ? c?.steps.find((s) => s.id === stepId.data && !s.skipped) : undefined;
    if (!c || !step) throw notFound('Deze brief bestaat niet.');
    const today = todayOf(clock);
    const rules = enforcementRulesInForce(db, today);
    const facts = caseFacts(db, { ...c, steps: c.steps.filter((s) => s.id <= step.id) });
    req.audit('handhaving-brief-bekeken', 'handhaving', { clientId: client.id, details: `stap ${step.id}` });
    res.render('enforcement/letter', {
      title: `Brief: ${STEP_LABELS[step.kind]} – ${client.firstName} ${client.lastName}`,
      breadcrumbs: [
        { href: '/clients', label: 'Cliënten' },
        { href: `/clients/${client.id}`, label: `${client.firstName} ${client.lastName}` },
        { href: `/clients/${client.id}/enforcement`, label: 'Verzuim en handhaving' },
        { label: 'Brief' },
      ],
      client,
      to: letterAddressee(db, client.id),
      team: findTeam(db, client.teamId),
      kase: c,
      step,
      next: nextStep(facts, rules),
      rules,
      letterDate: today,
      monthLabel,
      euro,
      stepLabels: STEP_LABELS,
    });
  });

  // ---- Admin: enforcement rules, effective-dated versions -------------------------------------------

  function rulesToValues(r: EnforcementRules): Record<string, unknown> {
    const v: Record<string, unknown> = {
      improvementWeeks: r.improvementWeeks,
      stopOfferAfterFines: r.stopOfferAfterFines,
    };
    for (let i = 0; i < 4; i += 1) v[`fineAmounts.${i}`] = r.fineAmounts[i] ?? '';
    for (const [k, d] of Object.entries(r.dueDays)) v[`dueDays.${k}`] = d;
    return v;
  }

  function renderRules(res: Response, status = 200, errors: FieldErrors = {}, values?: Record<string, unknown>) {
    const today = todayOf(clock);
    const inForce = enforcementRulesInForce(db, today);
    res.status(status).render('enforcement/rules', {
      title: 'Regels voor handhaving',
      breadcrumbs: [{ href: '/', label: 'Beheer' }, { label: 'Regels voor handhaving' }],
      versions: listEnforcementRuleVersions(db).reverse(),
      inForce,
      defaults: DEFAULT_ENFORCEMENT_RULES,
      today,
      euro,
      errors,
      values: values ?? { ...rulesToValues(inForce), effectiveFrom: today },
    });
  }

  const dueKeys = Object.keys(DEFAULT_ENFORCEMENT_RULES.dueDays) as (keyof EnforcementRules['dueDays'])[];
  const days = (label: string) => requiredNumber(label, { integer: true });
  const rulesFormSchema = z.object({
    effectiveFrom: requiredDate('de ingangsdatum'),
    note: optionalText('de toelichting', 1000),
    'fineAmounts.0': requiredNumber('boetebedrag 1'),
    'fineAmounts.1': optionalNumber('boetebedrag 2'),
    'fineAmounts.2': optionalNumber('boetebedrag 3'),
    'fineAmounts.3': optionalNumber('boetebedrag 4'),
    stopOfferAfterFines: checkbox(),
    improvementWeeks: requiredNumber('de verbetertermijn', { integer: true }),
    ...Object.fromEntries(dueKeys.map((k) => [`dueDays.${k}`, days('het aantal dagen')])),
  });

  router.get('/admin/enforcement-rules', requireRole('admin'), (req, res) => {
    req.audit('handhavingsregels-bekeken', 'beheer');
    renderRules(res);
  });

  router.post('/admin/enforcement-rules', requireRole('admin'), (req, res) => {
    const today = todayOf(clock);
    const parsed = parseInput(rulesFormSchema, req.body);
    if (!parsed.ok) {
      renderRules(res, 400, parsed.errors, req.body);
      return;
    }
    const f = parsed.data as Record<string, unknown> & { effectiveFrom: string; note: string | null };
    if (f.effectiveFrom < today) {
      renderRules(res, 400, { effectiveFrom: 'De ingangsdatum mag niet in het verleden liggen; eerdere besluiten blijven zo uitlegbaar' }, req.body);
      return;
    }
    const fines = [0, 1, 2, 3].map((i) => f[`fineAmounts.${i}`]).filter((n): n is number => typeof n === 'number');
    const candidate = {
      fineAmounts: fines,
      stopOfferAfterFines: f['stopOfferAfterFines'] as boolean,
      improvementWeeks: f['improvementWeeks'] as number,
      dueDays: Object.fromEntries(dueKeys.map((k) => [k, f[`dueDays.${k}`]])),
    };
    const checked = parseEnforcementRules(candidate);
    if (!checked.ok) {
      const errors: FieldErrors = {};
      for (const e of checked.errors) if (!(e.path in errors)) errors[e.path] = e.message;
      renderRules(res, 400, errors, req.body);
      return;
    }
    db.transaction(() => {
      addEnforcementRuleVersion(db, { effectiveFrom: f.effectiveFrom, rules: checked.value, note: f.note, createdBy: req.user!.id }, clock.now().toISOString());
      // Due dates of open cases follow the rules in force: the caseload's overdue signal must too.
      const today = todayOf(clock);
      for (const clientId of clientsWithOpenCase(db)) refreshClientStatus(db, clientId, today);
    })();
    req.audit('handhavingsregels-gewijzigd', 'beheer', { details: `ingang ${f.effectiveFrom}` });
    req.session.flash = { kind: 'ok', message: 'De nieuwe versie van de regels voor handhaving is opgeslagen.' };
    res.redirect(303, '/admin/enforcement-rules');
  });

  return router;
}
