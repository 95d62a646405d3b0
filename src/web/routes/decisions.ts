import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { refreshClientStatus } from '../../db/client-status.js';
import {
  activeDecisionsOfKind,
  type ApprovalStatus,
  DECISION_KINDS,
  type DecisionKind,
  findDecision,
  insertDecision,
  listDecisions,
  revokeDecision,
} from '../../db/decisions.js';
import { addClientEvent } from '../../db/timeline.js';
import type { Eligibility } from '../../db/progress.js';
import {
  checkEndConversation,
  checkPreEndConversation,
  DomainInputError,
  type InstrumentUse,
  type ProgressSnapshot,
  participationTotal,
  zRouteNorms,
} from '../../domain/index.js';
import type { Services } from '../services.js';
import { conflict, notFound } from '../http-errors.js';
import { formatDate, formatHours } from '../view-helpers.js';
import {
  choice,
  type FieldErrors,
  idParam,
  optionalDate,
  optionalNumber,
  optionalText,
  parseInput,
  requiredDate,
  requiredText,
} from '../validation.js';
import { type ClientPage, clientPage, hourBars, refuseWhenClosed } from '../legacy-progress.js';

export const DECISION_LABELS: Record<string, string> = {
  INSTRUMENT: 'Instrument meetellen als participatie',
  GUIDANCE_HOURS: 'Voortgangs- en begeleidingsgesprekken meetellen',
  SUBSTITUTION: 'Substitutie: taaluren vervangen door betaald werk',
  MAP_EXEMPTION: 'Vrijstelling MAP',
  KNM_COMPLETED: 'KNM afgerond',
  MAP_COMPLETED: 'MAP afgerond',
  PVT_COMPLETED: 'PVT afgerond',
  EDUCATION_COMPLETED: 'Opleiding afgerond (onderwijsroute)',
};

const APPROVAL_LABELS: Record<ApprovalStatus, string> = {
  NOT_REQUIRED: '',
  PENDING: 'wacht op goedkeuring',
  APPROVED: 'goedgekeurd',
  REJECTED: 'afgewezen',
};

const Z_ONLY: DecisionKind[] = ['INSTRUMENT', 'GUIDANCE_HOURS', 'SUBSTITUTION'];
const COMPLETION: DecisionKind[] = ['KNM_COMPLETED', 'MAP_COMPLETED', 'PVT_COMPLETED', 'EDUCATION_COMPLETED'];

const decisionSchema = z.object({
  kind: choice('het soort besluit', DECISION_KINDS),
  decidedOn: requiredDate('de datum van het besluit'),
  reason: requiredText('de reden', 2000),
  instrumentCode: optionalText('het instrument', 40),
  attendancePct: optionalNumber('het aanwezigheidspercentage'),
  instrumentHours: optionalNumber('het aantal uren van het instrument'),
  substitutionHours: optionalNumber('het aantal substitutie-uren', { integer: true }),
  completedOn: optionalDate('de datum van afronding'),
});
type DecisionForm = z.infer<typeof decisionSchema>;

/** Domain error fields (e.g. 'instruments[2].attendancePct') → form field names. */
function formField(domainField: string): string {
  if (domainField.endsWith('.attendancePct')) return 'attendancePct';
  if (domainField.endsWith('.hours')) return 'instrumentHours';
  if (domainField.endsWith('.code')) return 'instrumentCode';
  if (domainField === 'substitutionHours') return 'substitutionHours';
  return '_form';
}

export interface Effect {
  data: Record<string, unknown>;
  messages: string[];
  approvalStatus: ApprovalStatus;
}

/**
 * What a decision changes, computed with the domain functions by comparing the snapshot before and after.
 * Returns field errors (Dutch) for input the domain or the page refuses.
 */
export function decisionEffect(
  e: Eligibility,
  f: DecisionForm,
  today: string,
  existing: (kind: DecisionKind) => { decidedOn: string; data: Record<string, unknown> }[],
): { ok: true; effect: Effect } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (f.decidedOn > today) errors.decidedOn = 'De datum van het besluit mag niet na vandaag liggen';
  if (!e.route || !e.progress.snapshot) {
    return { ok: false, errors: { ...errors, kind: 'Kies eerst een route voor deze cliënt; daarna kunt u besluiten vastleggen' } };
  }
  if (Z_ONLY.includes(f.kind) && e.route !== 'Z') errors.kind = 'Dit besluit kan alleen in de Z-route';
  if (f.kind === 'EDUCATION_COMPLETED' && e.route !== 'ONDERWIJS') errors.kind = 'Dit besluit kan alleen in de onderwijsroute';
  if (Object.keys(errors).length) return { ok: false, errors };

  const before: ProgressSnapshot = e.progress.snapshot;
  const after: ProgressSnapshot = { ...before, instruments: [...before.instruments] };
  const rules = e.rules.z;
  const data: Record<string, unknown> = {};
  const messages: string[] = [];
  let approvalStatus: ApprovalStatus = 'NOT_REQUIRED';

  try {
    switch (f.kind) {
      case 'INSTRUMENT': {
        const def = rules.instruments.find((i) => i.code === f.instrumentCode);
        if (!def) return { ok: false, errors: { instrumentCode: 'Kies het instrument' } };
        if (existing('INSTRUMENT').some((d) => d.data.code === def.code)) {
          return { ok: false, errors: { instrumentCode: `${def.name} telt al mee; trek het eerdere besluit eerst in` } };
        }
        const use: InstrumentUse = { code: def.code, counted: true };
        if (def.fullHours !== null) {
          if (f.attendancePct === null) {
            return { ok: false, errors: { attendancePct: `Vul het aanwezigheidspercentage uit het eindrapport van ${def.name} in` } };
          }
          use.attendancePct = f.attendancePct;
        } else {
          if (f.instrumentHours === null) {
            return { ok: false, errors: { instrumentHours: `Vul de gevolgde uren van ${def.name} in` } };
          }
          use.hours = f.instrumentHours;
        }
        after.instruments.push(use);
        const added =
          participationTotal({ ...before, instruments: [use] }, rules) - participationTotal({ ...before, instruments: [] }, rules);
        data.code = def.code;
        if (use.attendancePct !== undefined) {
          data.attendancePct = use.attendancePct;
          messages.push(
            `Telt mee als participatie: ${formatHours(added)} uur (${formatHours(use.attendancePct)}% van ${formatHours(def.fullHours ?? 0)})`,
          );
        } else {
          data.hours = use.hours;
          messages.push(`Telt mee als participatie: ${formatHours(added)} uur (${def.name})`);
        }
        if (e.rules.general.approvals.instrumentCounting) {
          approvalStatus = 'PENDING';
          messages.push('Dit besluit moet eerst worden goedgekeurd; de uren tellen pas mee na goedkeuring.');
        }
        break;
      }
      case 'GUIDANCE_HOURS':
        if (before.countGuidanceConversations || existing('GUIDANCE_HOURS').length) {
          return { ok: false, errors: { kind: 'De voortgangs- en begeleidingsgesprekken tellen al mee' } };
        }
        after.countGuidanceConversations = true;
        messages.push(
          `Telt mee als participatie: ${formatHours(rules.guidanceConversationHours)} uur (voortgangs- en begeleidingsgesprekken)`,
        );
        break;
      case 'SUBSTITUTION': {
        const s = f.substitutionHours;
        if (s === null) return { ok: false, errors: { substitutionHours: 'Vul het aantal substitutie-uren in' } };
        if (s < 1) return { ok: false, errors: { substitutionHours: 'Het aantal substitutie-uren moet minstens 1 zijn' } };
        const norms = zRouteNorms(s, rules);
        after.substitutionHours = s;
        data.hours = s;
        messages.push(
          `Taalnorm wordt ${formatHours(norms.languageHours)}, participatienorm ${formatHours(norms.participationHours)}, waarvan minstens ${formatHours(norms.paidWorkHours)} uur betaald werk`,
        );
        if (before.substitutionHours > 0) {
          messages.push(`Vervangt de eerdere substitutie van ${formatHours(before.substitutionHours)} uur.`);
        }
        messages.push(`Betaald werk tot nu toe: ${formatHours(before.paidWorkHours)} uur.`);
        break;
      }
      case 'MAP_EXEMPTION':
      case 'MAP_COMPLETED':
      case 'KNM_COMPLETED':
      case 'PVT_COMPLETED':
      case 'EDUCATION_COMPLETED': {
        const label = DECISION_LABELS[f.kind]!;
        const prior = existing(f.kind);
        if (prior.length) {
          return { ok: false, errors: { kind: `${label} is al vastgelegd op ${formatDate(prior[0]!.decidedOn)}` } };
        }
        if (COMPLETION.includes(f.kind)) {
          const on = f.completedOn ?? f.decidedOn;
          if (on > today) return { ok: false, errors: { completedOn: 'De datum van afronding mag niet na vandaag liggen' } };
          data.completedOn = on;
          messages.push(`${label} op ${formatDate(on)}.`);
        } else {
          messages.push('MAP telt als afgerond (vrijstelling).');
        }
        if (f.kind === 'KNM_COMPLETED') after.knmCompleted = true;
        if (f.kind === 'MAP_COMPLETED' || f.kind === 'MAP_EXEMPTION') after.mapCompleted = true;
        if (f.kind === 'PVT_COMPLETED') after.pvtCompleted = true;
        break;
      }
    }
    if (e.route === 'Z' && approvalStatus !== 'PENDING') {
      const pBefore = participationTotal(before, rules);
      const pAfter = participationTotal(after, rules);
      if (pAfter !== pBefore) {
        messages.push(`Participatie-uren: ${formatHours(pBefore)} → ${formatHours(pAfter)}.`);
      }
      const preBefore = checkPreEndConversation(before, rules).eligible;
      const preAfter = checkPreEndConversation(after, rules).eligible;
      if (!preBefore && preAfter) messages.push('Hierna voldoet de cliënt aan de voorwaarden voor het pre-eindgesprek.');
      const endBefore = checkEndConversation(before, rules);
      const endAfter = checkEndConversation(after, rules);
      if (endBefore.eligible !== endAfter.eligible) {
        messages.push(
          endAfter.eligible
            ? 'Hierna voldoet de cliënt aan de voorwaarden voor het eindgesprek.'
            : 'Hierna voldoet de cliënt nog niet aan de voorwaarden voor het eindgesprek.',
        );
      }
      if (f.kind === 'SUBSTITUTION') {
        for (const c of endAfter.conditions) {
          if (!c.met && (c.code === 'LANGUAGE_HOURS' || c.code === 'PARTICIPATION_HOURS' || c.code === 'PAID_WORK_HOURS')) {
            messages.push(`${c.message}.`);
          }
        }
      }
    }
  } catch (err) {
    if (err instanceof DomainInputError) return { ok: false, errors: { [formField(err.field)]: err.message } };
    throw err;
  }
  data.effect = messages;
  return { ok: true, effect: { data, messages, approvalStatus } };
}

const revokeSchema = z.object({ revokeReason: requiredText('de reden van intrekken', 1000) });

/** Decisions that change the count or the trajectory: preview of the effect, save, revoke with a reason. */
export function decisionsRouter(services: Services): Router {
  const router = Router();
  const { db } = services;

  function render(req: Request, res: Response, page: ClientPage, status = 200, extra: Record<string, unknown> = {}) {
    res.status(status).render('decisions/index', {
      title: `Besluiten – ${page.client.firstName} ${page.client.lastName}`,
      ...page,
      bars: hourBars(page.eligibility),
      decisions: listDecisions(db, page.client.id),
      labels: DECISION_LABELS,
      approvalLabels: APPROVAL_LABELS,
      instruments: page.eligibility.rules.z.instruments,
      maxSubstitution: page.eligibility.rules.z.maxSubstitutionHours,
      values: { decidedOn: page.today },
      effect: null,
      revokeErrors: {},
      revokeFor: null,
      ...extra,
    });
    req.audit('besluiten-bekeken', 'voortgang', { clientId: page.client.id });
  }

  router.get('/clients/:id/decisions', (req, res) => {
    render(req, res, clientPage(req, services));
  });

  router.post('/clients/:id/decisions', (req, res) => {
    const page = clientPage(req, services);
    if (refuseWhenClosed(req, res, page, 'besluiten')) return;
    const parsed = parseInput(decisionSchema, req.body);
    if (!parsed.ok) {
      render(req, res, page, 400, { errors: parsed.errors, values: req.body });
      return;
    }
    const f = parsed.data;
    const result = decisionEffect(page.eligibility, f, page.today, (kind) =>
      activeDecisionsOfKind(db, page.client.id, kind),
    );
    if (!result.ok) {
      render(req, res, page, 400, { errors: result.errors, values: req.body });
      return;
    }
    if (req.body.action !== 'save') {
      render(req, res, page, 200, { effect: result.effect.messages, values: req.body });
      return;
    }
    const userId = req.user!.id;
    const { data, messages, approvalStatus } = result.effect;
    db.transaction(() => {
      const id = insertDecision(
        db,
        { clientId: page.client.id, kind: f.kind, decidedOn: f.decidedOn, reason: f.reason, data, approvalStatus, decidedBy: userId },
        page.nowIso,
      );
      addClientEvent(
        db,
        {
          clientId: page.client.id,
          occurredOn: f.decidedOn,
          kind: 'DECISION',
          summary: `Besluit: ${DECISION_LABELS[f.kind]}. ${messages.join(' ')}`,
          refTable: 'decisions',
          refId: id,
          userId,
        },
        page.nowIso,
      );
      refreshClientStatus(db, page.client.id, page.today);
    })();
    req.audit('besluit-vastgelegd', 'voortgang', { clientId: page.client.id, details: f.kind });
    req.session.flash = { kind: 'ok', message: `Besluit opgeslagen: ${DECISION_LABELS[f.kind]}. ${messages.join(' ')}` };
    res.redirect(303, `/clients/${page.client.id}/decisions`);
  });

  router.post('/clients/:id/decisions/:decisionId/revoke', (req, res) => {
    const page = clientPage(req, services);
    if (refuseWhenClosed(req, res, page, 'besluiten')) return;
    const id = idParam.safeParse(req.params.decisionId);
    const decision = id.success ? findDecision(db, page.client.id, id.data) : undefined;
    if (!decision) throw notFound('Dit besluit bestaat niet.');
    if (decision.revokedOn) throw conflict('Dit besluit is al ingetrokken.');
    const parsed = parseInput(revokeSchema, req.body);
    if (!parsed.ok) {
      render(req, res, page, 400, { errors: parsed.errors, revokeErrors: parsed.errors, revokeFor: decision.id });
      return;
    }
    const userId = req.user!.id;
    db.transaction(() => {
      revokeDecision(db, page.client.id, decision.id, parsed.data.revokeReason, userId, page.today);
      addClientEvent(
        db,
        {
          clientId: page.client.id,
          occurredOn: page.today,
          kind: 'DECISION',
          summary: `Besluit ingetrokken: ${DECISION_LABELS[decision.kind] ?? decision.kind}. Reden: ${parsed.data.revokeReason}`,
          refTable: 'decisions',
          refId: decision.id,
          userId,
        },
        page.nowIso,
      );
      refreshClientStatus(db, page.client.id, page.today);
    })();
    req.audit('besluit-ingetrokken', 'voortgang', { clientId: page.client.id, details: decision.kind });
    req.session.flash = { kind: 'ok', message: `Besluit ingetrokken: ${DECISION_LABELS[decision.kind] ?? decision.kind}.` };
    res.redirect(303, `/clients/${page.client.id}/decisions`);
  });

  return router;
}
