import { beforeEach, describe, expect, it } from 'vitest';
import type { AgreementRows } from '../../src/app/agreements.js';
import {
  type EndForm,
  loadAfsprakenplanPage,
  loadConversationPage,
  loadConversationsPage,
  loadEndPage,
  loadVoortgangFormPage,
  type PreEndForm,
  recordEindgesprek,
  recordPreEindgesprek,
  recordVoortgangsgesprek,
  type VoortgangForm,
} from '../../src/app/conversations.js';
import { UseCaseError } from '../../src/app/errors.js';
import { refreshClientStatus } from '../../src/db/client-status.js';
import { listAgreementsOfConversation } from '../../src/db/agreements.js';
import { conversationScores, listConversations } from '../../src/db/conversations.js';
import { listClientEvents } from '../../src/db/timeline.js';
import { actorFor, auditActions, closeClientDirectly } from '../helpers/actor.js';
import { buildTestApp, type TestContext } from '../helpers/app.js';
import { addConversation, addDecision, addHours, status, zRouteClient } from '../helpers/fixtures.js';

const participants = { heldOn: '2026-11-20', clientPresent: true, consulentPresent: true, coachName: 'Karin Coach', interpreterName: null };

const voortgang = (over: Partial<VoortgangForm> = {}): { ok: true; data: VoortgangForm } => ({
  ok: true,
  data: { ...participants, languageDevelopment: null, participation: null, goingWell: 'Gaat elke week naar het taalcafé', barriers: null, ...over },
});

const preEnd = (over: Partial<PreEndForm> = {}): { ok: true; data: PreEndForm } => ({
  ok: true,
  data: {
    ...participants,
    coachName: 'Karin Coach',
    languageDevelopment: null,
    a2Exams: null,
    participationSoFar: null,
    stillNeeded: 'Nog 400 uur taal',
    webWishes: null,
    futurePlan: ['WERKERVARINGSPLEK'],
    steps: null,
    municipalInstrument: null,
    followUpRegistration: null,
    lastPhase: null,
    endInfoGiven: true,
    readBack: true,
    sharedWithCoach: true,
    debrief: null,
    ...over,
  },
});

const end = (over: Partial<EndForm> = {}): { ok: true; data: EndForm } => ({
  ok: true,
  data: {
    ...participants,
    coachName: null,
    portfolioLanguage: 'A2 lezen behaald',
    portfolioZelfredzaamheid: null,
    portfolioParticipation: null,
    outcome: 'PLACE',
    outcomeDetail: 'Werkt 20 uur bij de supermarkt',
    wishesChallenges: null,
    naturalisationWish: 'JA',
    certificateOn: '2026-11-23',
    overrideReason: null,
    ...over,
  },
});

const rows = (...r: AgreementRows['rows']): AgreementRows => ({ rows: r, errors: {} });
const oneAgreement = rows({ description: 'Aanmelden bij de vrijwilligerscentrale', owner: 'CLIENT', dueOn: '2026-12-15' });

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof UseCaseError ? `${e.kind}: ${e.message}` : String(e);
  }
  return 'served';
}

describe('conversation use cases (no HTTP)', () => {
  let ctx: TestContext;
  let clientId: number;
  let domains: number[];
  beforeEach(async () => {
    ctx = await buildTestApp();
    clientId = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    domains = ctx.db.prepare('SELECT id FROM leefdomeinen WHERE active = 1 ORDER BY sort_order').pluck().all() as number[];
  });

  it('records a voortgangsgesprek with scores and agreements, a timeline event, a fresh status and an audit row', () => {
    const r = recordVoortgangsgesprek(
      ctx,
      actorFor(ctx, ctx.users.consulent),
      clientId,
      { scores: { [domains[0]!]: { score: '4', note: ' Betaalt rekeningen zelf ' } }, agreements: oneAgreement },
      voortgang(),
    );
    expect(r).toEqual({
      ok: true,
      value: { conversationId: expect.any(Number), message: 'Voortgangsgesprek opgeslagen. Het volgende voortgangsgesprek is uiterlijk 20 februari 2027.' },
    });
    const id = r.ok ? r.value.conversationId : 0;
    expect(listConversations(ctx.db, clientId)).toMatchObject([
      { id, kind: 'VOORTGANG', heldOn: '2026-11-20', content: { goingWell: 'Gaat elke week naar het taalcafé' }, participants: { coachName: 'Karin Coach' } },
    ]);
    expect(conversationScores(ctx.db, id)).toMatchObject([{ leefdomeinId: domains[0], score: 4, note: 'Betaalt rekeningen zelf' }]);
    expect(listAgreementsOfConversation(ctx.db, id)).toMatchObject([{ description: 'Aanmelden bij de vrijwilligerscentrale', status: 'OPEN' }]);
    expect(listClientEvents(ctx.db, clientId, 1)[0]).toMatchObject({
      kind: 'CONVERSATION',
      summary: 'Voortgangsgesprek gehouden op 20 november 2026. 1 nieuwe afspraak.',
      occurredOn: '2026-11-20',
      refTable: 'conversations',
      refId: id,
    });
    expect(status(ctx.db, clientId)).toMatchObject({
      last_conversation_on: '2026-11-20',
      next_conversation_due: '2027-02-20',
      open_agreement_due_min: '2026-12-15',
    });
    expect(auditActions(ctx, clientId)).toEqual(['voortgangsgesprek-vastgelegd']);
  });

  it('refuses a bad score, the agreement rows\' messages and a future date together, in the form\'s order, and saves nothing', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    const agreements: AgreementRows = { rows: [], errors: { agreement_0_owner: 'Afspraak 1: kies wie het doet' } };
    const r = recordVoortgangsgesprek(ctx, actor, clientId, { scores: { [domains[1]!]: { score: '7' } }, agreements }, voortgang({ heldOn: '2026-11-25' }));
    expect(!r.ok && r.refusal.kind).toBe('invalid');
    const errors = !r.ok && r.refusal.kind === 'invalid' ? r.refusal.errors : {};
    expect(Object.keys(errors)).toEqual([`score_${domains[1]}`, 'agreement_0_owner', 'heldOn']);
    expect(errors[`score_${domains[1]}`]).toMatch(/: kies een score van 1 tot en met 5$/);
    expect(errors.heldOn).toBe('De datum van het gesprek mag niet na vandaag liggen');
    const invalidInput = recordVoortgangsgesprek(ctx, actor, clientId, { scores: {}, agreements: rows() }, { ok: false, errors: { heldOn: 'Vul de datum in' } });
    expect(!invalidInput.ok && invalidInput.refusal).toEqual({ kind: 'invalid', errors: { heldOn: 'Vul de datum in' } });
    expect(listConversations(ctx.db, clientId)).toHaveLength(0);
    expect(auditActions(ctx, clientId)).toEqual([]);
  });

  it('refuses a closed dossier: the form is not shown and nothing is recorded, with audit rows of the refusals', () => {
    closeClientDirectly(ctx, clientId);
    const actor = actorFor(ctx, ctx.users.consulent);
    const form = loadVoortgangFormPage(ctx, actor, clientId);
    expect(!form.ok && form.refusal).toMatchObject({ kind: 'closed', message: expect.stringContaining('U kunt geen gesprekken meer vastleggen') });
    const extras = { scores: {}, agreements: oneAgreement };
    const r = recordVoortgangsgesprek(ctx, actor, clientId, extras, { ok: false, errors: { heldOn: 'x' } });
    expect(!r.ok && r.refusal.kind).toBe('closed');
    expect(recordPreEindgesprek(ctx, actor, clientId, extras, preEnd())).toMatchObject({ ok: false, refusal: { kind: 'closed' } });
    expect(recordEindgesprek(ctx, actor, clientId, end())).toMatchObject({ ok: false, refusal: { kind: 'closed' } });
    expect(listConversations(ctx.db, clientId)).toHaveLength(0);
    expect(auditActions(ctx, clientId)).toEqual(Array(4).fill('wijziging-geweigerd-afgesloten'));
  });

  it('refuses the pre-eindgesprek when its conditions are not met, and records it with its afsprakenplan when they are', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    addHours(ctx.db, clientId, 'LANGUAGE', 399, ctx.users.consulent);
    addHours(ctx.db, clientId, 'PARTICIPATION', 300, ctx.users.consulent);
    addDecision(ctx.db, clientId, 'PVT_COMPLETED', ctx.users.consulent);
    const refused = recordPreEindgesprek(ctx, actor, clientId, { scores: {}, agreements: oneAgreement }, preEnd());
    expect(refused).toEqual({ ok: false, refusal: { kind: 'not-eligible', errors: {} } });
    expect(auditActions(ctx, clientId)).toEqual(['pre-eindgesprek-geweigerd']);

    addHours(ctx.db, clientId, 'LANGUAGE', 1, ctx.users.consulent);
    refreshClientStatus(ctx.db, clientId, '2026-11-24');
    const noPlan = recordPreEindgesprek(ctx, actor, clientId, { scores: {}, agreements: rows() }, preEnd());
    expect(!noPlan.ok && noPlan.refusal).toEqual({
      kind: 'invalid',
      errors: { agreement_0_description: 'Leg minstens één afspraak vast in het afsprakenplan' },
    });
    const r = recordPreEindgesprek(ctx, actor, clientId, { scores: {}, agreements: oneAgreement }, preEnd());
    expect(r).toEqual({
      ok: true,
      value: { conversationId: expect.any(Number), message: 'Pre-eindgesprek opgeslagen met 1 afspraak in het afsprakenplan.' },
    });
    const id = r.ok ? r.value.conversationId : 0;
    expect(listConversations(ctx.db, clientId)[0]).toMatchObject({
      id,
      kind: 'PRE_EIND',
      participants: { lead: 'CONSULENT' },
      content: { futurePlan: ['WERKERVARINGSPLEK'], readBack: true },
    });
    expect(listAgreementsOfConversation(ctx.db, id)).toHaveLength(1);
    expect(listClientEvents(ctx.db, clientId, 1)[0]).toMatchObject({ kind: 'CONVERSATION', summary: 'Pre-eindgesprek gehouden op 20 november 2026. 1 nieuwe afspraak.' });
    expect(status(ctx.db, clientId).pre_end_held_on).toBe('2026-11-20');
    expect(auditActions(ctx, clientId)).toEqual(['pre-eindgesprek-geweigerd', 'pre-eindgesprek-vastgelegd']);
    const plan = loadAfsprakenplanPage(ctx, actor, clientId, id);
    expect(plan.agreements.map((a) => a.description)).toEqual(['Aanmelden bij de vrijwilligerscentrale']);
  });

  it('records the eindgesprek and closes the trajectory in the same change', () => {
    addHours(ctx.db, clientId, 'LANGUAGE', 800, ctx.users.consulent);
    addHours(ctx.db, clientId, 'PARTICIPATION', 760, ctx.users.consulent);
    addHours(ctx.db, clientId, 'MAP', 40, ctx.users.consulent);
    for (const k of ['KNM_COMPLETED', 'MAP_COMPLETED', 'PVT_COMPLETED']) addDecision(ctx.db, clientId, k, ctx.users.consulent);
    refreshClientStatus(ctx.db, clientId, '2026-11-24');
    const actor = actorFor(ctx, ctx.users.consulent);
    const r = recordEindgesprek(ctx, actor, clientId, end());
    expect(r).toEqual({
      ok: true,
      value: { conversationId: expect.any(Number), message: 'Eindgesprek opgeslagen. Het traject is afgesloten op 23 november 2026.' },
    });
    const id = r.ok ? r.value.conversationId : 0;
    expect(ctx.db.prepare('SELECT closed_on, closure_reason FROM clients WHERE id = ?').get(clientId)).toEqual({ closed_on: '2026-11-23', closure_reason: 'COMPLETED' });
    expect(listClientEvents(ctx.db, clientId, 2)).toMatchObject([
      { kind: 'CLOSED', occurredOn: '2026-11-23', summary: 'Traject afgesloten na het eindgesprek; certificaat uitgereikt op 23 november 2026.', refId: id },
      { kind: 'CONVERSATION', occurredOn: '2026-11-20', summary: 'Eindgesprek gehouden op 20 november 2026.', refId: id },
    ]);
    expect(status(ctx.db, clientId)).toMatchObject({ closed_on: '2026-11-23', end_held_on: '2026-11-20', phase: 'CLOSED' });
    expect(auditActions(ctx, clientId)).toEqual(['eindgesprek-vastgelegd']);
    expect(loadEndPage(ctx, actor, clientId).endConversation).toMatchObject({ id, content: { conditionsMet: true } });
  });

  it('refuses the eindgesprek without all conditions and without a reason; with a reason it closes and stores it', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    const refused = recordEindgesprek(ctx, actor, clientId, end({ heldOn: '2026-11-25' }));
    expect(refused).toEqual({
      ok: false,
      refusal: {
        kind: 'not-eligible',
        errors: {
          overrideReason:
            'De cliënt voldoet nog niet aan alle voorwaarden. Vul een reden in om toch af te sluiten, of wacht tot de voorwaarden zijn vervuld',
        },
      },
    });
    expect(auditActions(ctx, clientId)).toEqual(['eindgesprek-geweigerd']);
    const badDates = recordEindgesprek(ctx, actor, clientId, end({ overrideReason: 'Verhuist', certificateOn: '2026-11-01' }));
    expect(!badDates.ok && badDates.refusal).toEqual({
      kind: 'invalid',
      errors: { certificateOn: 'De datum van uitreiking mag niet voor de datum van het gesprek liggen' },
    });
    const r = recordEindgesprek(ctx, actor, clientId, end({ overrideReason: 'Verhuist naar het buitenland' }));
    expect(r.ok).toBe(true);
    expect(ctx.db.prepare("SELECT override_reason, approval_status FROM conversations WHERE kind = 'EIND'").get()).toEqual({
      override_reason: 'Verhuist naar het buitenland',
      approval_status: 'NOT_REQUIRED',
    });
    expect(listClientEvents(ctx.db, clientId, 1)[0]!.summary).toMatch(/Niet aan alle voorwaarden voldaan; reden: Verhuist naar het buitenland$/);
    expect(status(ctx.db, clientId).closed_on).toBe('2026-11-23');
  });

  it('does not serve another team, nor a conversation of another client', () => {
    const cid = addConversation(ctx.db, clientId, 'VOORTGANG', '2026-10-01', ctx.users.consulent);
    const other = actorFor(ctx, ctx.users.otherConsulent);
    const noAccess = 'not-found: Deze cliënt bestaat niet of u heeft geen toegang.';
    const extras = { scores: {}, agreements: oneAgreement };
    expect(errorOf(() => recordVoortgangsgesprek(ctx, other, clientId, extras, voortgang()))).toBe(noAccess);
    expect(errorOf(() => recordPreEindgesprek(ctx, other, clientId, extras, preEnd()))).toBe(noAccess);
    expect(errorOf(() => recordEindgesprek(ctx, other, clientId, end({ overrideReason: 'x' })))).toBe(noAccess);
    expect(errorOf(() => loadConversationsPage(ctx, other, clientId))).toBe(noAccess);
    expect(errorOf(() => loadConversationPage(ctx, other, clientId, cid))).toBe(noAccess);
    expect(errorOf(() => loadConversationsPage(ctx, actorFor(ctx, ctx.users.admin), clientId))).toMatch(/^forbidden/);
    expect(listConversations(ctx.db, clientId)).toHaveLength(1);
    expect(ctx.db.prepare('SELECT closed_on FROM clients WHERE id = ?').pluck().get(clientId)).toBeNull();
    expect(auditActions(ctx, clientId)).toEqual(Array(5).fill('dossier-geweigerd'));

    const own = actorFor(ctx, ctx.users.consulent);
    const otherClient = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    expect(errorOf(() => loadConversationPage(ctx, own, otherClient, cid))).toBe('not-found: Dit gesprek bestaat niet.');
    expect(errorOf(() => loadAfsprakenplanPage(ctx, own, clientId, 'x'))).toBe('not-found: Dit gesprek bestaat niet.');
  });

  it('the pages write their view audit rows; a conversation\'s activity follows its kind', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    const cid = addConversation(ctx.db, clientId, 'VOORTGANG', '2026-10-01', ctx.users.consulent);
    expect(loadConversationsPage(ctx, actor, clientId).conversations).toHaveLength(1);
    const form = loadVoortgangFormPage(ctx, actor, clientId);
    expect(form.ok && form.value).toMatchObject({ rows: 3, initialValues: { heldOn: '2026-11-24', clientPresent: 'on' } });
    expect(loadConversationPage(ctx, actor, clientId, cid).c.id).toBe(cid);
    const rows = ctx.db.prepare('SELECT action, activity FROM audit_log WHERE client_id = ? ORDER BY id').all(clientId);
    expect(rows).toEqual([
      { action: 'gesprekken-bekeken', activity: 'voortgang' },
      { action: 'gespreksformulier-bekeken', activity: 'voortgang' },
      { action: 'gesprek-bekeken', activity: 'voortgang' },
    ]);
  });
});
