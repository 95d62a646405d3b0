import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import {
  AGREEMENT_ROWS,
  type ConversationExtras,
  END_OUTCOMES,
  type EndForm,
  FUTURE_PLAN_LABELS,
  loadAfsprakenplanPage,
  loadConversationPage,
  loadConversationsPage,
  loadEndPage,
  loadPreEndPage,
  loadVoortgangFormPage,
  type NotEligible,
  PLAN_ROWS,
  type PreEndForm,
  recordEindgesprek,
  recordPreEindgesprek,
  recordVoortgangsgesprek,
  type ScoreInput,
  type VoortgangForm,
} from '../../app/conversations.js';
import { CONVERSATION_LABELS } from '../../app/labels.js';
import type { Actor } from '../../app/actor.js';
import type { Parsed, Refusal } from '../../app/result.js';
import { formatDate } from '../../lib/format.js';
import { actorOf } from '../actor.js';
import { barrierChoiceOf, barrierShape } from '../forms/barrier-choice.js';
import { parseAgreementRows } from '../forms/agreement-rows.js';
import { renderClosedProgress, showRefusal } from '../refusals.js';
import type { Services } from '../services.js';
import {
  checkbox,
  choice,
  type FieldErrors,
  optionalChoice,
  optionalDate,
  optionalText,
  parseInput,
  requiredDate,
  requiredText,
} from '../validation.js';

const participantsShape = {
  heldOn: requiredDate('de datum van het gesprek'),
  clientPresent: checkbox(),
  consulentPresent: checkbox(),
  coachName: optionalText('de naam van de participatiecoach', 200),
  interpreterName: optionalText('de naam van de tolk of taalassistent', 200),
};

const voortgangSchema: z.ZodType<VoortgangForm> = z
  .object({
    ...participantsShape,
    languageDevelopment: optionalText('de taalontwikkeling'),
    participation: optionalText('de participatie'),
    goingWell: optionalText('wat goed gaat'),
    barriers: optionalText('de belemmeringen'),
    ...barrierShape,
  })
  .transform((v) => ({
    heldOn: v.heldOn,
    clientPresent: v.clientPresent,
    consulentPresent: v.consulentPresent,
    coachName: v.coachName,
    interpreterName: v.interpreterName,
    languageDevelopment: v.languageDevelopment,
    participation: v.participation,
    goingWell: v.goingWell,
    barriers: v.barriers,
    barrierStatuses: barrierChoiceOf(v),
  }));

const preEndSchema: z.ZodType<Omit<PreEndForm, 'futurePlan'>> = z.object({
  ...participantsShape,
  coachName: requiredText('de naam van de participatiecoach', 200),
  languageDevelopment: optionalText('de taalontwikkeling'),
  a2Exams: optionalText('de A2-examens', 1000),
  participationSoFar: optionalText('de participatie tot nu toe'),
  stillNeeded: optionalText('wat nog nodig is'),
  webWishes: optionalText('de wensen voor verder taal leren'),
  steps: optionalText('de stappen'),
  municipalInstrument: optionalText('het gemeentelijk instrument', 1000),
  followUpRegistration: optionalText('de aanmelding bij een vervolgaanbieder', 1000),
  lastPhase: optionalText('de laatste fase'),
  endInfoGiven: checkbox(),
  readBack: checkbox(),
  sharedWithCoach: checkbox(),
  debrief: optionalText('de nabespreking'),
});

const endSchema: z.ZodType<EndForm> = z.object({
  ...participantsShape,
  portfolioLanguage: optionalText('het portfolio over taal'),
  portfolioZelfredzaamheid: optionalText('het portfolio over zelfredzaamheid'),
  portfolioParticipation: optionalText('het portfolio over participatie'),
  outcome: choice('de uitkomst', END_OUTCOMES),
  outcomeDetail: optionalText('de plek of het vervolgtraject', 1000),
  wishesChallenges: optionalText('de wensen en uitdagingen'),
  naturalisationWish: optionalChoice('Kies of de cliënt wil naturaliseren', ['JA', 'NEE'] as const),
  certificateOn: optionalDate('de datum van uitreiking van het certificaat'),
  overrideReason: optionalText('de reden om af te sluiten zonder alle voorwaarden', 2000),
});

/** The pre-eindgesprek form: its fields and the chosen future plans (plan_<code> checkboxes). */
function parsePreEnd(body: Record<string, unknown>): Parsed<PreEndForm> {
  const fields = parseInput(preEndSchema, body);
  if (!fields.ok) return fields;
  return { ok: true, data: { ...fields.data, futurePlan: Object.keys(FUTURE_PLAN_LABELS).filter((k) => body[`plan_${k}`] === 'on') } };
}

/** Zelfredzaamheid per leefdomein as typed: score_<id> (1-5, optional) and note_<id>. */
function scoreInput(body: Record<string, unknown>): ScoreInput {
  const input: ScoreInput = {};
  for (const [key, value] of Object.entries(body)) {
    const m = /^(score|note)_([1-9]\d*)$/.exec(key);
    if (m && typeof value === 'string') (input[Number(m[2])] ??= {})[m[1] as 'score' | 'note'] = value;
  }
  return input;
}

/** The scores and the agreement rows of a conversation form; agreements may not be due before the conversation. */
function extrasOf(body: Record<string, unknown>, actor: Actor, form: Parsed<{ heldOn: string }>, rows: number): ConversationExtras {
  return { scores: scoreInput(body), agreements: parseAgreementRows(body, rows, form.ok ? form.data.heldOn : actor.today) };
}

type Extra = { errors?: FieldErrors; values?: unknown };

/** Voortgangsgesprekken, the pre-eindgesprek (Z-route, bijlage 1) and the eindgesprek (bijlage 2). */
export function conversationsRouter(services: Services): Router {
  const router = Router();

  /** Shows a refused conversation: its form again (with the messages and everything typed), or the read-only page. */
  function showConversationRefusal(
    req: Request,
    res: Response,
    refusal: Refusal | NotEligible,
    render: (req: Request, res: Response, status: number, extra: Extra) => void,
  ) {
    const again = (status: number, errors: FieldErrors) => render(req, res, status, { errors, values: req.body });
    if (refusal.kind === 'not-eligible') {
      again(409, refusal.errors);
      return;
    }
    showRefusal(refusal, { form: again, closed: (message) => renderClosedProgress(req, res, services, message) });
  }

  router.get('/clients/:id/conversations', (req, res) => {
    const page = loadConversationsPage(services, actorOf(req, services), req.params.id);
    res.render('conversations/index', { title: `Gesprekken – ${page.client.firstName} ${page.client.lastName}`, ...page });
  });

  // ---- voortgangsgesprek ----
  function renderNew(req: Request, res: Response, status = 200, extra: Extra = {}) {
    const loaded = loadVoortgangFormPage(services, actorOf(req, services), req.params.id, req.query.afspraak);
    if (!loaded.ok) {
      renderClosedProgress(req, res, services, loaded.refusal.message);
      return;
    }
    const page = loaded.value;
    res.status(status).render('conversations/new', {
      title: `Voortgangsgesprek vastleggen – ${page.client.firstName} ${page.client.lastName}`,
      ...page,
      values: page.initialValues,
      ...extra,
    });
  }

  router.get('/clients/:id/conversations/new', (req, res) => renderNew(req, res));

  router.post('/clients/:id/conversations/new', (req, res) => {
    const actor = actorOf(req, services);
    const form = parseInput(voortgangSchema, req.body);
    const result = recordVoortgangsgesprek(services, actor, req.params.id, extrasOf(req.body ?? {}, actor, form, AGREEMENT_ROWS), form);
    if (!result.ok) {
      showConversationRefusal(req, res, result.refusal, renderNew);
      return;
    }
    req.session.flash = { kind: 'ok', message: result.value.message };
    res.redirect(303, `/clients/${req.params.id}/conversations/${result.value.conversationId}`);
  });

  router.get('/clients/:id/conversations/:cid', (req, res) => {
    const page = loadConversationPage(services, actorOf(req, services), req.params.id, req.params.cid);
    res.render('conversations/show', { title: `${CONVERSATION_LABELS[page.c.kind]} van ${formatDate(page.c.heldOn)}`, ...page });
  });

  router.get('/clients/:id/conversations/:cid/afsprakenplan', (req, res) => {
    const page = loadAfsprakenplanPage(services, actorOf(req, services), req.params.id, req.params.cid);
    res.render('conversations/afsprakenplan', {
      title: `Afsprakenplan ${CONVERSATION_LABELS[page.c.kind].toLowerCase()} ${formatDate(page.c.heldOn)}`,
      ...page,
    });
  });

  // ---- pre-eindgesprek (Z-route) ----
  function renderPreEnd(req: Request, res: Response, status = 200, extra: Extra = {}) {
    const page = loadPreEndPage(services, actorOf(req, services), req.params.id, req.query.afspraak);
    res.status(status).render('conversations/pre-end', {
      title: `Pre-eindgesprek – ${page.client.firstName} ${page.client.lastName}`,
      ...page,
      values: page.initialValues,
      ...extra,
    });
  }

  router.get('/clients/:id/pre-end', (req, res) => renderPreEnd(req, res));

  router.post('/clients/:id/pre-end', (req, res) => {
    const actor = actorOf(req, services);
    const form = parsePreEnd(req.body ?? {});
    const result = recordPreEindgesprek(services, actor, req.params.id, extrasOf(req.body ?? {}, actor, form, PLAN_ROWS), form);
    if (!result.ok) {
      showConversationRefusal(req, res, result.refusal, renderPreEnd);
      return;
    }
    req.session.flash = { kind: 'ok', message: result.value.message };
    res.redirect(303, `/clients/${req.params.id}/conversations/${result.value.conversationId}`);
  });

  // ---- eindgesprek (Z-route) ----
  function renderEnd(req: Request, res: Response, status = 200, extra: Extra = {}) {
    const page = loadEndPage(services, actorOf(req, services), req.params.id, req.query.afspraak);
    res.status(status).render('conversations/end', {
      title: `Eindgesprek – ${page.client.firstName} ${page.client.lastName}`,
      ...page,
      values: page.initialValues,
      ...extra,
    });
  }

  router.get('/clients/:id/end', (req, res) => renderEnd(req, res));

  router.post('/clients/:id/end', (req, res) => {
    const result = recordEindgesprek(services, actorOf(req, services), req.params.id, parseInput(endSchema, req.body));
    if (!result.ok) {
      showConversationRefusal(req, res, result.refusal, renderEnd);
      return;
    }
    req.session.flash = { kind: 'ok', message: result.value.message };
    res.redirect(303, `/clients/${req.params.id}/conversations/${result.value.conversationId}`);
  });

  return router;
}
