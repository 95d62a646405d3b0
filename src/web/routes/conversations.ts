import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import {
  AGREEMENT_OWNERS,
  type AgreementInput,
  type AgreementOwner,
  insertAgreement,
  listAgreementsOfConversation,
} from '../../db/agreements.js';
import { refreshClientStatus } from '../../db/client-status.js';
import {
  type Conversation,
  type ConversationKind,
  closeAfterEindgesprek,
  conversationScores,
  findConversation,
  insertConversation,
  lastScores,
  type Leefdomein,
  listActiveLeefdomeinen,
  listConversations,
  nextConversationDueOf,
  type Score,
} from '../../db/conversations.js';
import { addClientEvent } from '../../db/timeline.js';
import type { Services } from '../services.js';
import { notFound } from '../http-errors.js';
import { formatDate } from '../view-helpers.js';
import {
  checkbox,
  choice,
  type FieldErrors,
  idParam,
  normaliseDate,
  optionalChoice,
  optionalDate,
  optionalText,
  parseInput,
  requiredDate,
  requiredText,
} from '../validation.js';
import { type ClientPage, clientPage, hourBars, refuseWhenClosed } from '../legacy-progress.js';

export const CONVERSATION_LABELS: Record<ConversationKind, string> = {
  VOORTGANG: 'Voortgangsgesprek',
  PRE_EIND: 'Pre-eindgesprek',
  EIND: 'Eindgesprek',
};

export const OWNER_LABELS: Record<AgreementOwner, string> = {
  CLIENT: 'Cliënt',
  CONSULENT: 'Consulent',
  COACH: 'Participatiecoach',
  PROVIDER: 'Aanbieder',
};

export const FUTURE_PLAN_LABELS: Record<string, string> = {
  OPLEIDING: 'Uitstroom naar opleiding',
  LEERWERKTRAJECT: 'Leerwerktraject',
  WERKERVARINGSPLEK: 'Werkervaringsplek',
  BETAALD_WERK: 'Betaald werk',
  LKS: 'Betaald werk met loonkostensubsidie (LKS)',
  TAALVERWERVING: 'Activering: taalverwerving (WEB)',
  VRIJWILLIGERSWERK: 'Activering: vrijwilligerswerk',
};

export const END_OUTCOME_LABELS: Record<string, string> = {
  PLACE: 'Aan de slag op een passende (arbeids)participatieplek',
  FOLLOW_UP: 'Aangemeld voor een passend vervolgtraject',
  NONE: 'Nog geen plek of vervolgtraject',
};

export const AGREEMENT_ROWS = 3;
export const PLAN_ROWS = 5;

/** Agreement rows of a form (agreement_0_description, …): empty rows ignored, partial rows refused. */
export function parseAgreementRows(
  body: Record<string, unknown>,
  count: number,
  earliest: string,
): { rows: AgreementInput[]; errors: FieldErrors } {
  const rows: AgreementInput[] = [];
  const errors: FieldErrors = {};
  const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string).trim() : '');
  for (let i = 0; i < count; i++) {
    const description = str(`agreement_${i}_description`);
    const owner = str(`agreement_${i}_owner`);
    const due = str(`agreement_${i}_due`);
    if (!description && !owner && !due) continue;
    const n = i + 1;
    if (!description) errors[`agreement_${i}_description`] = `Afspraak ${n}: vul in wat er is afgesproken`;
    else if (description.length > 1000) errors[`agreement_${i}_description`] = `Afspraak ${n}: maximaal 1000 tekens`;
    if (!(AGREEMENT_OWNERS as readonly string[]).includes(owner)) errors[`agreement_${i}_owner`] = `Afspraak ${n}: kies wie het doet`;
    const dueOn = due ? normaliseDate(due) : null;
    if (!due) errors[`agreement_${i}_due`] = `Afspraak ${n}: vul de datum in waarop het klaar moet zijn`;
    else if (!dueOn) errors[`agreement_${i}_due`] = `Afspraak ${n}: de datum is geen geldige datum (bijvoorbeeld 31-12-2026)`;
    else if (dueOn < earliest) errors[`agreement_${i}_due`] = `Afspraak ${n}: de datum mag niet voor de gespreksdatum liggen`;
    if (description && dueOn && dueOn >= earliest && (AGREEMENT_OWNERS as readonly string[]).includes(owner)) {
      rows.push({ description, owner: owner as AgreementOwner, dueOn });
    }
  }
  return { rows, errors };
}

/** Zelfredzaamheid per leefdomein: score_<id> (1-5, optional) and note_<id>. */
export function parseScores(body: Record<string, unknown>, domains: Leefdomein[]): { scores: Score[]; errors: FieldErrors } {
  const scores: Score[] = [];
  const errors: FieldErrors = {};
  for (const d of domains) {
    const raw = typeof body[`score_${d.id}`] === 'string' ? (body[`score_${d.id}`] as string).trim() : '';
    const note = typeof body[`note_${d.id}`] === 'string' ? (body[`note_${d.id}`] as string).trim() : '';
    let score: number | null = null;
    if (raw) {
      if (!/^[1-5]$/.test(raw)) errors[`score_${d.id}`] = `${d.name}: kies een score van 1 tot en met 5`;
      else score = Number(raw);
    }
    if (note.length > 2000) errors[`note_${d.id}`] = `${d.name}: de toelichting mag maximaal 2000 tekens zijn`;
    scores.push({ leefdomeinId: d.id, score, note: note || null });
  }
  return { scores, errors };
}

const participantsShape = {
  heldOn: requiredDate('de datum van het gesprek'),
  clientPresent: checkbox(),
  consulentPresent: checkbox(),
  coachName: optionalText('de naam van de participatiecoach', 200),
  interpreterName: optionalText('de naam van de tolk of taalassistent', 200),
};

const voortgangSchema = z.object({
  ...participantsShape,
  languageDevelopment: optionalText('de taalontwikkeling'),
  participation: optionalText('de participatie'),
  goingWell: optionalText('wat goed gaat'),
  barriers: optionalText('de belemmeringen'),
});

const preEndSchema = z.object({
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

const endSchema = z.object({
  ...participantsShape,
  portfolioLanguage: optionalText('het portfolio over taal'),
  portfolioZelfredzaamheid: optionalText('het portfolio over zelfredzaamheid'),
  portfolioParticipation: optionalText('het portfolio over participatie'),
  outcome: choice('de uitkomst', ['PLACE', 'FOLLOW_UP', 'NONE'] as const),
  outcomeDetail: optionalText('de plek of het vervolgtraject', 1000),
  wishesChallenges: optionalText('de wensen en uitdagingen'),
  naturalisationWish: optionalChoice('of de cliënt wil naturaliseren', ['JA', 'NEE'] as const),
  certificateOn: optionalDate('de datum van uitreiking van het certificaat'),
  overrideReason: optionalText('de reden om af te sluiten zonder alle voorwaarden', 2000),
});

function participantsOf(d: {
  clientPresent: boolean;
  consulentPresent: boolean;
  coachName: string | null;
  interpreterName: string | null;
}) {
  return {
    client: d.clientPresent,
    consulent: d.consulentPresent,
    coachName: d.coachName,
    interpreterName: d.interpreterName,
  };
}

/** Voortgangsgesprekken, the pre-eindgesprek (Z-route, bijlage 1) and the eindgesprek (bijlage 2). */
export function conversationsRouter(services: Services): Router {
  const router = Router();
  const { db } = services;

  function formLocals(page: ClientPage) {
    const domains = listActiveLeefdomeinen(db);
    const previous = lastScores(db, page.client.id);
    const values: Record<string, unknown> = { heldOn: page.today, clientPresent: 'on', consulentPresent: 'on' };
    for (const d of domains) {
      const p = previous.scores.get(d.id);
      if (p?.score) values[`score_${d.id}`] = String(p.score);
      if (p?.note) values[`note_${d.id}`] = p.note;
    }
    return { domains, previous, values, ownerLabels: OWNER_LABELS };
  }

  function save(
    req: Request,
    page: ClientPage,
    input: {
      kind: ConversationKind;
      heldOn: string;
      participants: Record<string, unknown>;
      content: Record<string, unknown>;
      overrideReason?: string | null;
      approvalStatus?: 'NOT_REQUIRED' | 'PENDING';
    },
    scores: Score[],
    agreements: AgreementInput[],
    after?: (conversationId: number) => void,
  ): number {
    const userId = req.user!.id;
    return db.transaction(() => {
      const id = insertConversation(db, page.client.id, input, scores, userId, page.nowIso);
      for (const a of agreements) insertAgreement(db, page.client.id, id, a, userId, page.nowIso);
      const extra = agreements.length ? ` ${agreements.length} nieuwe afspraak${agreements.length === 1 ? '' : 'en'}.` : '';
      addClientEvent(
        db,
        {
          clientId: page.client.id,
          occurredOn: input.heldOn,
          kind: 'CONVERSATION',
          summary: `${CONVERSATION_LABELS[input.kind]} gehouden op ${formatDate(input.heldOn)}.${extra}`,
          refTable: 'conversations',
          refId: id,
          userId,
        },
        page.nowIso,
      );
      after?.(id);
      refreshClientStatus(db, page.client.id, page.today);
      return id;
    })();
  }

  router.get('/clients/:id/conversations', (req, res) => {
    const page = clientPage(req, services);
    res.render('conversations/index', {
      title: `Gesprekken – ${page.client.firstName} ${page.client.lastName}`,
      ...page,
      conversations: listConversations(db, page.client.id),
      labels: CONVERSATION_LABELS,
      nextDue: nextConversationDueOf(db, page.client.id),
    });
    req.audit('gesprekken-bekeken', 'voortgang', { clientId: page.client.id });
  });

  // ---- voortgangsgesprek ----
  function renderNew(req: Request, res: Response, page: ClientPage, status = 200, extra: Record<string, unknown> = {}) {
    res.status(status).render('conversations/new', {
      title: `Voortgangsgesprek vastleggen – ${page.client.firstName} ${page.client.lastName}`,
      ...page,
      ...formLocals(page),
      rows: AGREEMENT_ROWS,
      ...extra,
    });
    req.audit('gespreksformulier-bekeken', 'voortgang', { clientId: page.client.id });
  }

  router.get('/clients/:id/conversations/new', (req, res) => {
    const page = clientPage(req, services);
    if (refuseWhenClosed(req, res, page, 'gesprekken')) return;
    renderNew(req, res, page);
  });

  router.post('/clients/:id/conversations/new', (req, res) => {
    const page = clientPage(req, services);
    if (refuseWhenClosed(req, res, page, 'gesprekken')) return;
    const parsed = parseInput(voortgangSchema, req.body);
    const domains = listActiveLeefdomeinen(db);
    const scores = parseScores(req.body, domains);
    const heldOn = parsed.ok ? parsed.data.heldOn : page.today;
    const agreements = parseAgreementRows(req.body, AGREEMENT_ROWS, heldOn);
    const errors: FieldErrors = { ...(parsed.ok ? {} : parsed.errors), ...scores.errors, ...agreements.errors };
    if (parsed.ok && parsed.data.heldOn > page.today) errors.heldOn = 'De datum van het gesprek mag niet na vandaag liggen';
    if (!parsed.ok || Object.keys(errors).length) {
      renderNew(req, res, page, 400, { errors, values: req.body });
      return;
    }
    const d = parsed.data;
    const id = save(
      req,
      page,
      {
        kind: 'VOORTGANG',
        heldOn: d.heldOn,
        participants: participantsOf(d),
        content: {
          languageDevelopment: d.languageDevelopment,
          participation: d.participation,
          goingWell: d.goingWell,
          barriers: d.barriers,
        },
      },
      scores.scores,
      agreements.rows,
    );
    req.audit('voortgangsgesprek-vastgelegd', 'voortgang', { clientId: page.client.id });
    const due = nextConversationDueOf(db, page.client.id);
    req.session.flash = {
      kind: 'ok',
      message: `Voortgangsgesprek opgeslagen.${due ? ` Het volgende voortgangsgesprek is uiterlijk ${formatDate(due)}.` : ''}`,
    };
    res.redirect(303, `/clients/${page.client.id}/conversations/${id}`);
  });

  function loadConversation(page: ClientPage, raw: unknown): Conversation {
    const id = idParam.safeParse(raw);
    const c = id.success ? findConversation(db, page.client.id, id.data) : undefined;
    if (!c) throw notFound('Dit gesprek bestaat niet.');
    return c;
  }

  router.get('/clients/:id/conversations/:cid', (req, res) => {
    const page = clientPage(req, services);
    const c = loadConversation(page, req.params.cid);
    res.render('conversations/show', {
      title: `${CONVERSATION_LABELS[c.kind]} van ${formatDate(c.heldOn)}`,
      ...page,
      c,
      scores: conversationScores(db, c.id),
      agreements: listAgreementsOfConversation(db, c.id),
      labels: CONVERSATION_LABELS,
      ownerLabels: OWNER_LABELS,
      planLabels: FUTURE_PLAN_LABELS,
      outcomeLabels: END_OUTCOME_LABELS,
      nextDue: nextConversationDueOf(db, page.client.id),
    });
    req.audit('gesprek-bekeken', c.kind === 'VOORTGANG' ? 'voortgang' : 'afronding', { clientId: page.client.id });
  });

  router.get('/clients/:id/conversations/:cid/afsprakenplan', (req, res) => {
    const page = clientPage(req, services);
    const c = loadConversation(page, req.params.cid);
    res.render('conversations/afsprakenplan', {
      title: `Afsprakenplan ${CONVERSATION_LABELS[c.kind].toLowerCase()} ${formatDate(c.heldOn)}`,
      ...page,
      c,
      agreements: listAgreementsOfConversation(db, c.id),
      ownerLabels: OWNER_LABELS,
      planLabels: FUTURE_PLAN_LABELS,
    });
    req.audit('afsprakenplan-bekeken', 'afronding', { clientId: page.client.id });
  });

  // ---- pre-eindgesprek (Z-route) ----
  function renderPreEnd(req: Request, res: Response, page: ClientPage, status = 200, extra: Record<string, unknown> = {}) {
    const e = page.eligibility;
    res.status(status).render('conversations/pre-end', {
      title: `Pre-eindgesprek – ${page.client.firstName} ${page.client.lastName}`,
      ...page,
      ...formLocals(page),
      bars: hourBars(e),
      rows: PLAN_ROWS,
      planLabels: FUTURE_PLAN_LABELS,
      check: e.preEnd,
      held: listConversations(db, page.client.id).filter((c) => c.kind === 'PRE_EIND'),
      ...extra,
    });
    req.audit('pre-eindgesprek-bekeken', 'afronding', { clientId: page.client.id });
  }

  router.get('/clients/:id/pre-end', (req, res) => {
    renderPreEnd(req, res, clientPage(req, services));
  });

  router.post('/clients/:id/pre-end', (req, res) => {
    const page = clientPage(req, services);
    if (refuseWhenClosed(req, res, page, 'gesprekken')) return;
    if (!page.eligibility.preEnd?.eligible) {
      req.audit('pre-eindgesprek-geweigerd', 'afronding', { clientId: page.client.id, outcome: 'error' });
      renderPreEnd(req, res, page, 409, { values: req.body });
      return;
    }
    const parsed = parseInput(preEndSchema, req.body);
    const domains = listActiveLeefdomeinen(db);
    const scores = parseScores(req.body, domains);
    const heldOn = parsed.ok ? parsed.data.heldOn : page.today;
    const agreements = parseAgreementRows(req.body, PLAN_ROWS, heldOn);
    const errors: FieldErrors = { ...(parsed.ok ? {} : parsed.errors), ...scores.errors, ...agreements.errors };
    if (parsed.ok && parsed.data.heldOn > page.today) errors.heldOn = 'De datum van het gesprek mag niet na vandaag liggen';
    if (agreements.rows.length === 0 && !Object.keys(agreements.errors).length) {
      errors.agreement_0_description = 'Leg minstens één afspraak vast in het afsprakenplan';
    }
    if (!parsed.ok || Object.keys(errors).length) {
      renderPreEnd(req, res, page, 400, { errors, values: req.body });
      return;
    }
    const d = parsed.data;
    const plan = Object.keys(FUTURE_PLAN_LABELS).filter((k) => req.body[`plan_${k}`] === 'on');
    const id = save(
      req,
      page,
      {
        kind: 'PRE_EIND',
        heldOn: d.heldOn,
        participants: { ...participantsOf(d), lead: 'CONSULENT' },
        content: {
          languageDevelopment: d.languageDevelopment,
          a2Exams: d.a2Exams,
          participationSoFar: d.participationSoFar,
          stillNeeded: d.stillNeeded,
          webWishes: d.webWishes,
          futurePlan: plan,
          steps: d.steps,
          municipalInstrument: d.municipalInstrument,
          followUpRegistration: d.followUpRegistration,
          lastPhase: d.lastPhase,
          endInfoGiven: d.endInfoGiven,
          readBack: d.readBack,
          sharedWithCoach: d.sharedWithCoach,
          debrief: d.debrief,
        },
      },
      scores.scores,
      agreements.rows,
    );
    req.audit('pre-eindgesprek-vastgelegd', 'afronding', { clientId: page.client.id });
    req.session.flash = {
      kind: 'ok',
      message: `Pre-eindgesprek opgeslagen met ${agreements.rows.length} afspra${agreements.rows.length === 1 ? 'ak' : 'ken'} in het afsprakenplan.`,
    };
    res.redirect(303, `/clients/${page.client.id}/conversations/${id}`);
  });

  // ---- eindgesprek (Z-route) ----
  function renderEnd(req: Request, res: Response, page: ClientPage, status = 200, extra: Record<string, unknown> = {}) {
    const endConversation = listConversations(db, page.client.id).find((c) => c.kind === 'EIND') ?? null;
    res.status(status).render('conversations/end', {
      title: `Eindgesprek – ${page.client.firstName} ${page.client.lastName}`,
      ...page,
      bars: hourBars(page.eligibility),
      check: page.eligibility.end,
      endConversation,
      outcomeLabels: END_OUTCOME_LABELS,
      approvalNeeded: page.eligibility.rules.general.approvals.endWithoutConditions,
      values: { heldOn: page.today, certificateOn: page.today, clientPresent: 'on', consulentPresent: 'on' },
      ...extra,
    });
    req.audit('eindgesprek-bekeken', 'afronding', { clientId: page.client.id });
  }

  router.get('/clients/:id/end', (req, res) => {
    renderEnd(req, res, clientPage(req, services));
  });

  router.post('/clients/:id/end', (req, res) => {
    const page = clientPage(req, services);
    if (refuseWhenClosed(req, res, page, 'gesprekken')) return;
    const e = page.eligibility;
    if (e.route !== 'Z' || !e.end) {
      renderEnd(req, res, page, 409, { values: req.body });
      return;
    }
    const parsed = parseInput(endSchema, req.body);
    const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
    const met = e.end.eligible;
    const overrideReason = parsed.ok ? parsed.data.overrideReason : null;
    if (!met && !overrideReason) {
      req.audit('eindgesprek-geweigerd', 'afronding', { clientId: page.client.id, outcome: 'error' });
      renderEnd(req, res, page, 409, {
        values: req.body,
        errors: {
          ...errors,
          overrideReason:
            'De cliënt voldoet nog niet aan alle voorwaarden. Vul een reden in om toch af te sluiten, of wacht tot de voorwaarden zijn vervuld',
        },
      });
      return;
    }
    if (parsed.ok) {
      if (parsed.data.heldOn > page.today) errors.heldOn = 'De datum van het gesprek mag niet na vandaag liggen';
      if (parsed.data.certificateOn && parsed.data.certificateOn > page.today) {
        errors.certificateOn = 'De datum van uitreiking mag niet na vandaag liggen';
      }
      if (parsed.data.certificateOn && parsed.data.certificateOn < parsed.data.heldOn) {
        errors.certificateOn = 'De datum van uitreiking mag niet voor de datum van het gesprek liggen';
      }
    }
    if (!parsed.ok || Object.keys(errors).length) {
      renderEnd(req, res, page, 400, { errors, values: req.body });
      return;
    }
    const d = parsed.data;
    const pending = !met && e.rules.general.approvals.endWithoutConditions;
    const closedOn = d.certificateOn ?? d.heldOn;
    const id = save(
      req,
      page,
      {
        kind: 'EIND',
        heldOn: d.heldOn,
        participants: participantsOf(d),
        content: {
          portfolioLanguage: d.portfolioLanguage,
          portfolioZelfredzaamheid: d.portfolioZelfredzaamheid,
          portfolioParticipation: d.portfolioParticipation,
          outcome: d.outcome,
          outcomeDetail: d.outcomeDetail,
          wishesChallenges: d.wishesChallenges,
          naturalisationWish: d.naturalisationWish,
          certificateOn: d.certificateOn,
          conditionsMet: met,
          conditions: e.end.conditions.map((c) => c.message),
        },
        overrideReason: met ? null : overrideReason,
        approvalStatus: pending ? 'PENDING' : 'NOT_REQUIRED',
      },
      [],
      [],
      (conversationId) => {
        if (pending) return;
        closeAfterEindgesprek(db, page.client.id, closedOn, req.user!.id, page.nowIso);
        addClientEvent(
          db,
          {
            clientId: page.client.id,
            occurredOn: closedOn,
            kind: 'CLOSED',
            summary: `Traject afgesloten na het eindgesprek${d.certificateOn ? `; certificaat uitgereikt op ${formatDate(d.certificateOn)}` : ''}.${met ? '' : ` Niet aan alle voorwaarden voldaan; reden: ${overrideReason}`}`,
            refTable: 'conversations',
            refId: conversationId,
            userId: req.user!.id,
          },
          page.nowIso,
        );
      },
    );
    req.audit('eindgesprek-vastgelegd', 'afronding', { clientId: page.client.id });
    req.session.flash = {
      kind: 'ok',
      message: pending
        ? 'Eindgesprek opgeslagen. Het traject wordt afgesloten zodra het afsluiten zonder alle voorwaarden is goedgekeurd.'
        : `Eindgesprek opgeslagen. Het traject is afgesloten op ${formatDate(closedOn)}.`,
    };
    res.redirect(303, `/clients/${page.client.id}/conversations/${id}`);
  });

  return router;
}
