import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { ClientRef } from '../../db/clients.js';
import {
  CLOSURE_HINTS,
  CLOSURE_LABELS,
  CLOSURE_TYPES,
  ClientClosedError,
  type ClosureType,
  closureLabelInSentence,
  closeTrajectory,
  completionCheck,
  extendTermijn,
  extensionCandidates,
  findClosure,
  handoverSummary,
  ONTHEFFING_GROUNDS,
  ONTHEFFING_LABELS,
  type OntheffingGround,
  type Outcome,
  reopenTrajectory,
  termijnInfo,
} from '../../db/closures.js';
import {
  EXAM_PART_LABELS,
  EXAM_RESULT_LABELS,
  LEVEL_NAMES,
  LEVEL_SKILL_LABELS,
  LEVEL_SKILLS,
  LEVEL_SOURCE_LABELS,
  levelHistory,
  listExams,
} from '../../db/language.js';
import { HOUR_KINDS } from '../../db/progress.js';
import { DOELGROEP_LABELS, ROUTE_LABELS } from '../../domain/index.js';
import { todayOf } from '../../lib/clock.js';
import type { Services } from '../services.js';
import { canSeeFullBsn, loadClientForRequest } from '../client-access.js';
import { forbidden } from '../http-errors.js';
import {
  choice,
  type FieldErrors,
  optionalChoice,
  optionalText,
  parseInput,
  requiredDate,
  requiredNumber,
  requiredText,
} from '../validation.js';

export const HOUR_KIND_LABELS: Record<(typeof HOUR_KINDS)[number], string> = {
  LANGUAGE: 'Taalles',
  KNM: 'KNM',
  PARTICIPATION: 'Participatie',
  MAP: 'MAP',
  PVT: 'PVT',
  PAID_WORK: 'Betaald werk',
};

const DECISION_LABELS: Record<string, string> = {
  INSTRUMENT: 'Instrument meegeteld',
  GUIDANCE_HOURS: 'Uren voor begeleidingsgesprekken meegeteld',
  SUBSTITUTION: 'Substitutie taaluren door werkuren',
  MAP_EXEMPTION: 'MAP vrijgesteld',
  KNM_COMPLETED: 'KNM afgerond',
  MAP_COMPLETED: 'MAP afgerond',
  PVT_COMPLETED: 'PVT afgerond',
  EDUCATION_COMPLETED: 'Onderwijsdeel afgerond',
  AFSCHALEN: 'Afgeschaald naar A2',
  TERMIJN_EXTENSION: 'Termijn verlengd',
  CLOSURE: 'Traject afgesloten',
};

const AGREEMENT_OWNERS: Record<string, string> = {
  CLIENT: 'Cliënt',
  CONSULENT: 'Consulent',
  COACH: 'Participatiecoach',
  PROVIDER: 'Aanbieder',
};
const AGREEMENT_STATUS: Record<string, string> = { OPEN: 'Open', LOOPT_ACHTER: 'Loopt achter' };
const PIP_REASONS: Record<string, string> = {
  FIRST: 'Eerste PIP',
  ROUTE_SWITCH: 'Route gewijzigd',
  AFSCHALEN: 'Afschalen naar A2',
  MOVE: 'Verhuizing',
  OTHER: 'Overig',
};

const notInFuture = (today: string, label: string) => (v: string, ctx: z.RefinementCtx) => {
  if (v > today) ctx.addIssue({ code: 'custom', message: `${label} mag niet in de toekomst liggen` });
};

function closureSchema(today: string) {
  return z.object({
    type: choice('hoe het traject eindigt', CLOSURE_TYPES as unknown as readonly [ClosureType, ...ClosureType[]]),
    closedOn: requiredDate('de datum van afsluiten').superRefine(notInFuture(today, 'De datum van afsluiten')),
    reason: requiredText('de reden', 2000),
    overrideReason: optionalText('de reden om toch af te ronden', 2000),
    ontheffingGround: optionalChoice(
      'grond',
      ONTHEFFING_GROUNDS as unknown as readonly [OntheffingGround, ...OntheffingGround[]],
    ),
    newMunicipality: optionalText('de nieuwe gemeente', 200),
  });
}

function extensionSchema(today: string) {
  return z.object({
    months: requiredNumber('het aantal maanden', { integer: true, min: 1, max: 24 }),
    extendedOn: requiredDate('de datum van het besluit').superRefine(notInFuture(today, 'De datum van het besluit')),
    extensionReason: requiredText('de reden', 2000),
  });
}

const reopenSchema = z.object({ reopenReason: requiredText('de reden om de afsluiting in te trekken', 2000) });

export function closureRouter(services: Services): Router {
  const router = Router();
  const { db, clock } = services;

  function crumbs(client: ClientRef, last: { href?: string; label: string }[]) {
    return [
      { href: '/clients', label: 'Cliënten' },
      { href: `/clients/${client.id}`, label: `${client.firstName} ${client.lastName}` },
      ...last,
    ];
  }

  function renderPage(
    res: Response,
    client: ClientRef,
    extra: { status?: number; errors?: FieldErrors; values?: Record<string, unknown>; form?: string } = {},
  ): void {
    const today = todayOf(clock);
    const closure = findClosure(db, client.id);
    res.status(extra.status ?? 200).render('closure/index', {
      title: `Afsluiten en termijn – ${client.firstName} ${client.lastName}`,
      breadcrumbs: crumbs(client, [{ label: 'Afsluiten' }]),
      client,
      closure,
      closureLabel: closureLabelInSentence(closure?.type),
      today,
      termijn: termijnInfo(db, client.id, today),
      extensionSignal: extensionCandidates(db, client.teamId, today, client.id).length > 0,
      check: completionCheck(db, client.id, today),
      labels: { CLOSURE_LABELS, ONTHEFFING_LABELS, ROUTE_LABELS },
      typeOptions: CLOSURE_TYPES.map((t) => ({ value: t, label: CLOSURE_LABELS[t], hint: CLOSURE_HINTS[t] })),
      groundOptions: ONTHEFFING_GROUNDS.map((g) => ({ value: g, label: ONTHEFFING_LABELS[g] })),
      form: extra.form ?? null,
      errors: extra.errors ?? {},
      values: extra.values ?? {},
    });
  }

  function write(req: Request, res: Response, client: ClientRef, form: string, fn: () => Outcome): Outcome | null {
    try {
      return fn();
    } catch (err) {
      if (err instanceof ClientClosedError) {
        req.audit('wijziging-geweigerd-afgesloten', 'afronding', { clientId: client.id, outcome: 'error' });
        renderPage(res, client, { status: 409, errors: { _form: err.message }, values: req.body, form });
        return null;
      }
      throw err;
    }
  }

  router.get('/clients/:id/closure', (req, res) => {
    const client = loadClientForRequest(req, services, req.params.id);
    req.audit('afsluiting-bekeken', 'afronding', { clientId: client.id });
    renderPage(res, client);
  });

  router.post('/clients/:id/closure', (req, res) => {
    const client = loadClientForRequest(req, services, req.params.id);
    const today = todayOf(clock);
    const parsed = parseInput(closureSchema(today), req.body);
    if (!parsed.ok) {
      renderPage(res, client, { status: 400, errors: parsed.errors, values: req.body, form: 'closure' });
      return;
    }
    const d = parsed.data;
    const outcome = write(req, res, client, 'closure', () =>
      closeTrajectory(
        db,
        client.id,
        {
          type: d.type,
          decidedOn: d.closedOn,
          reason: d.reason,
          overrideReason: d.type === 'COMPLETED' ? d.overrideReason : null,
          ontheffingGround: d.type === 'ONTHEFFING' ? d.ontheffingGround : null,
          newMunicipality: d.type === 'VERHUIZING' ? d.newMunicipality : null,
        },
        req.user!.id,
        today,
        clock.now().toISOString(),
      ),
    );
    if (!outcome) return;
    if (!outcome.ok) {
      req.audit('afsluiten-geweigerd', 'afronding', { clientId: client.id, outcome: 'error' });
      renderPage(res, client, { status: 400, errors: outcome.errors, values: req.body, form: 'closure' });
      return;
    }
    req.audit('traject-afgesloten', 'afronding', { clientId: client.id, details: d.type });
    req.session.flash = {
      kind: 'ok',
      message:
        d.type === 'VERHUIZING'
          ? 'Het traject is afgesloten. Stuur het overdrachtsoverzicht naar de nieuwe gemeente.'
          : `Het traject is afgesloten: ${closureLabelInSentence(d.type)}.`,
    };
    res.redirect(303, d.type === 'VERHUIZING' ? `/clients/${client.id}/closure/handover` : `/clients/${client.id}/closure`);
  });

  router.post('/clients/:id/closure/extension', (req, res) => {
    const client = loadClientForRequest(req, services, req.params.id);
    const today = todayOf(clock);
    const parsed = parseInput(extensionSchema(today), req.body);
    if (!parsed.ok) {
      renderPage(res, client, { status: 400, errors: parsed.errors, values: req.body, form: 'extension' });
      return;
    }
    const d = parsed.data;
    const outcome = write(req, res, client, 'extension', () =>
      extendTermijn(
        db,
        client.id,
        { months: d.months, decidedOn: d.extendedOn, reason: d.extensionReason },
        req.user!.id,
        today,
        clock.now().toISOString(),
      ),
    );
    if (!outcome) return;
    if (!outcome.ok) {
      const errors: FieldErrors = {};
      for (const [k, v] of Object.entries(outcome.errors)) errors[k === 'decidedOn' ? 'extendedOn' : k] = v;
      req.audit('verlenging-geweigerd', 'afronding', { clientId: client.id, outcome: 'error' });
      renderPage(res, client, { status: 400, errors, values: req.body, form: 'extension' });
      return;
    }
    req.audit('termijn-verlengd', 'afronding', { clientId: client.id });
    req.session.flash = { kind: 'ok', message: `De termijn is verlengd met ${d.months} ${d.months === 1 ? 'maand' : 'maanden'}.` };
    res.redirect(303, `/clients/${client.id}/closure#termijn`);
  });

  // Withdrawing a closure made by mistake is the teamleider's call: a second pair of eyes on a consulent's
  // decision that ended a legal obligation.
  // The client is loaded first, so another team's staff get the same 404 as on every dossier route.
  router.post('/clients/:id/closure/reopen', (req, res) => {
    const client = loadClientForRequest(req, services, req.params.id);
    if (req.user!.role !== 'teamleider') throw forbidden('Alleen een teamleider kan een afsluiting intrekken.');
    const parsed = parseInput(reopenSchema, req.body);
    if (!parsed.ok) {
      renderPage(res, client, { status: 400, errors: parsed.errors, values: req.body, form: 'reopen' });
      return;
    }
    const outcome = reopenTrajectory(db, client.id, { reason: parsed.data.reopenReason }, req.user!.id, todayOf(clock), clock.now().toISOString());
    if (!outcome.ok) {
      renderPage(res, client, { status: 409, errors: outcome.errors, values: req.body, form: 'reopen' });
      return;
    }
    req.audit('afsluiting-ingetrokken', 'afronding', { clientId: client.id });
    req.session.flash = { kind: 'ok', message: 'De afsluiting is ingetrokken. Het dossier is weer open.' };
    res.redirect(303, `/clients/${client.id}/closure`);
  });

  router.get('/clients/:id/closure/handover', (req, res) => {
    const client = loadClientForRequest(req, services, req.params.id);
    const today = todayOf(clock);
    const summary = handoverSummary(db, client.id, today);
    if (!summary) throw new Error('client vanished');
    const fullBsn = canSeeFullBsn(req.user!, client);
    const history = levelHistory(db, client.id);
    const latestLevels = LEVEL_SKILLS.map((skill) => ({ label: LEVEL_SKILL_LABELS[skill], latest: history[skill].at(-1) ?? null }));
    req.audit('overdracht-bekeken', 'afronding', { clientId: client.id });
    res.render('closure/handover', {
      title: `Overdrachtsoverzicht – ${client.firstName} ${client.lastName}`,
      breadcrumbs: crumbs(client, [{ href: `/clients/${client.id}/closure`, label: 'Afsluiten' }, { label: 'Overdracht' }]),
      client,
      s: { ...summary, client: { ...summary.client, bsn: null } }, // the BSN only through `bsn` below
      bsn: fullBsn ? summary.client.bsn : null,
      hasBsn: summary.client.bsn !== null,
      today,
      exams: listExams(db, client.id),
      latestLevels,
      hourKinds: HOUR_KINDS.map((k) => ({ label: HOUR_KIND_LABELS[k], attended: summary.hours.attended[k] })),
      labels: {
        CLOSURE_LABELS,
        ROUTE_LABELS,
        DOELGROEP_LABELS,
        DECISION_LABELS,
        AGREEMENT_OWNERS,
        AGREEMENT_STATUS,
        PIP_REASONS,
        EXAM_PART_LABELS,
        EXAM_RESULT_LABELS,
        LEVEL_NAMES,
        LEVEL_SOURCE_LABELS,
      },
    });
  });

  return router;
}
