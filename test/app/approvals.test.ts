import { beforeEach, describe, expect, it } from 'vitest';
import { type ApprovalForm, CLOSED_APPROVAL, decideApproval, loadApprovalsPage } from '../../src/app/approvals.js';
import { recordEindgesprek } from '../../src/app/conversations.js';
import { addRuleSetVersion } from '../../src/db/rules.js';
import { DEFAULT_RULE_SET } from '../../src/domain/index.js';
import { UseCaseError } from '../../src/app/errors.js';
import { refreshClientStatus } from '../../src/db/client-status.js';
import { listClientEvents } from '../../src/db/timeline.js';
import { actorFor, auditActions, closeClientDirectly } from '../helpers/actor.js';
import { buildTestApp, type TestContext } from '../helpers/app.js';
import { addDecision, chooseRoute, completeIntake, insertClient, status, zRouteClient } from '../helpers/fixtures.js';

const approve = (note: string | null = null): { ok: true; data: ApprovalForm } => ({ ok: true, data: { outcome: 'APPROVE', note } });
const reject = (note: string): { ok: true; data: ApprovalForm } => ({ ok: true, data: { outcome: 'REJECT', note } });

const errorOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof UseCaseError ? `${e.kind}: ${e.message}` : String(e);
  }
  return 'served';
};

const NOT_PENDING = 'not-found: Dit item bestaat niet of wacht niet meer op goedkeuring.';

describe('approval use cases (no HTTP)', () => {
  let ctx: TestContext;
  let clientId: number;
  let routeId: number;
  let decisionId: number;
  let z: number;
  const approvalOf = (table: string, id: number) =>
    ctx.db.prepare(`SELECT approval_status, approved_by, approval_note FROM ${table} WHERE id = ?`).get(id);

  beforeEach(async () => {
    ctx = await buildTestApp();
    clientId = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent });
    completeIntake(ctx.db, clientId);
    chooseRoute(ctx.db, clientId, 'B1', ctx.users.consulent, '2026-11-01');
    routeId = ctx.db.prepare('SELECT id FROM route_decisions WHERE client_id = ?').pluck().get(clientId) as number;
    ctx.db.prepare("UPDATE route_decisions SET approval_status = 'PENDING', advised_route = 'Z' WHERE id = ?").run(routeId);
    refreshClientStatus(ctx.db, clientId, '2026-11-24');
    z = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    decisionId = addDecision(ctx.db, z, 'INSTRUMENT', ctx.users.consulent, { code: 'RTS', attendancePct: 60 });
    ctx.db.prepare("UPDATE decisions SET approval_status = 'PENDING' WHERE id = ?").run(decisionId);
  });

  it('rejects a pending route choice: status with who and the note, timeline event, fresh client status, audit row', () => {
    expect(status(ctx.db, clientId).route).toBe('B1');
    const r = decideApproval(ctx, actorFor(ctx, ctx.users.teamleider), 'route', String(routeId), reject('Eerst de toets overdoen'));
    expect(r).toEqual({ ok: true, value: { message: 'Routekeuze B1-route (advies was Z-route) is afgekeurd.' } });
    expect(approvalOf('route_decisions', routeId)).toEqual({
      approval_status: 'REJECTED',
      approved_by: ctx.users.teamleider,
      approval_note: 'Eerst de toets overdoen',
    });
    expect(listClientEvents(ctx.db, clientId, 1)[0]).toMatchObject({
      kind: 'APPROVAL',
      occurredOn: '2026-11-24',
      summary: 'Routekeuze B1-route (advies was Z-route) afgekeurd door Test teamleider: Eerst de toets overdoen',
      refTable: 'route_decisions',
      refId: routeId,
      userId: ctx.users.teamleider,
    });
    expect(status(ctx.db, clientId).route).toBeNull(); // a rejected route is no route
    expect(auditActions(ctx, clientId)).toEqual(['afgekeurd']);
    const row = ctx.db.prepare('SELECT activity, details FROM audit_log WHERE client_id = ?').get(clientId);
    expect(row).toEqual({ activity: 'intake', details: `route ${routeId}` });
  });

  it('approves a decision without a note', () => {
    const r = decideApproval(ctx, actorFor(ctx, ctx.users.teamleider), 'decision', decisionId, approve());
    expect(r).toEqual({ ok: true, value: { message: 'Besluit: Instrument meetellen is goedgekeurd.' } });
    expect(approvalOf('decisions', decisionId)).toEqual({ approval_status: 'APPROVED', approved_by: ctx.users.teamleider, approval_note: null });
    expect(listClientEvents(ctx.db, z, 1)[0]!.summary).toBe('Besluit: Instrument meetellen goedgekeurd door Test teamleider');
    expect(auditActions(ctx, z)).toEqual(['goedgekeurd']);
  });

  it('returns invalid input as it came, after the item type and id, and changes nothing', () => {
    const actor = actorFor(ctx, ctx.users.teamleider);
    const bad = { ok: false as const, errors: { note: 'Vul een toelichting in: waarom keurt u dit af?' } };
    expect(decideApproval(ctx, actor, 'route', routeId, bad)).toEqual({ ok: false, refusal: { kind: 'invalid', errors: bad.errors } });
    expect(errorOf(() => decideApproval(ctx, actor, 'bogus', routeId, bad))).toBe(NOT_PENDING);
    expect(errorOf(() => decideApproval(ctx, actor, 'route', 'abc', bad))).toBe(NOT_PENDING);
    expect(approvalOf('route_decisions', routeId)).toMatchObject({ approval_status: 'PENDING' });
    expect(listClientEvents(ctx.db, clientId)).toHaveLength(0);
  });

  it('an item already decided is no longer pending: the second decision is refused and the first stays', () => {
    const actor = actorFor(ctx, ctx.users.teamleider);
    expect(decideApproval(ctx, actor, 'decision', decisionId, approve()).ok).toBe(true);
    expect(errorOf(() => decideApproval(ctx, actor, 'decision', decisionId, reject('toch niet')))).toBe(NOT_PENDING);
    expect(approvalOf('decisions', decisionId)).toMatchObject({ approval_status: 'APPROVED', approval_note: null });
    expect(listClientEvents(ctx.db, z).filter((e) => e.kind === 'APPROVAL')).toHaveLength(1);
    expect(auditActions(ctx, z)).toEqual(['goedgekeurd']);
  });

  it('only the teamleider of the client\'s team decides; another team\'s item is not found', () => {
    const msg = (fn: () => unknown) => errorOf(fn);
    expect(msg(() => decideApproval(ctx, actorFor(ctx, ctx.users.otherTeamleider), 'route', routeId, approve()))).toBe(NOT_PENDING);
    expect(msg(() => decideApproval(ctx, actorFor(ctx, ctx.users.consulent), 'route', routeId, approve()))).toMatch(/^forbidden/);
    expect(msg(() => decideApproval(ctx, actorFor(ctx, ctx.users.admin), 'route', routeId, approve()))).toMatch(/^forbidden/);
    expect(msg(() => loadApprovalsPage(ctx, actorFor(ctx, ctx.users.consulent)))).toMatch(/^forbidden/);
    expect(loadApprovalsPage(ctx, actorFor(ctx, ctx.users.otherTeamleider)).items).toEqual([]);
    expect(approvalOf('route_decisions', routeId)).toMatchObject({ approval_status: 'PENDING' });
    expect(listClientEvents(ctx.db, clientId)).toHaveLength(0);
  });

  it('lists the team\'s pending items with a view audit row', () => {
    const page = loadApprovalsPage(ctx, actorFor(ctx, ctx.users.teamleider));
    expect(page.items.map((i) => [i.type, i.id])).toEqual([
      ['decision', decisionId],
      ['route', routeId],
    ]);
    expect(ctx.db.prepare("SELECT details FROM audit_log WHERE action = 'goedkeuringen-bekeken'").pluck().all()).toEqual(['2 open']);
  });

  it('a pending item of a closed dossier cannot be approved (clear Dutch message, nothing changes); it can be rejected', () => {
    closeClientDirectly(ctx, clientId);
    const events = listClientEvents(ctx.db, clientId).length;
    const actor = actorFor(ctx, ctx.users.teamleider);
    const r = decideApproval(ctx, actor, 'route', routeId, approve());
    expect(r).toEqual({ ok: false, refusal: { kind: 'closed', message: CLOSED_APPROVAL } });
    expect(CLOSED_APPROVAL).toBe(
      'Het traject van deze cliënt is afgesloten: u kunt dit niet meer goedkeuren. Keur het af met een toelichting om het van de lijst te halen.',
    );
    expect(approvalOf('route_decisions', routeId)).toMatchObject({ approval_status: 'PENDING' });
    expect(listClientEvents(ctx.db, clientId)).toHaveLength(events);
    expect(auditActions(ctx, clientId)).toEqual(['wijziging-geweigerd-afgesloten']);
    expect(decideApproval(ctx, actor, 'route', routeId, reject('Dossier is al dicht')).ok).toBe(true);
    expect(approvalOf('route_decisions', routeId)).toMatchObject({ approval_status: 'REJECTED' });
  });

  describe('an eindgesprek without all conditions, held back for approval', () => {
    let endId: number;
    beforeEach(() => {
      const rules = structuredClone(DEFAULT_RULE_SET);
      rules.general.approvals.endWithoutConditions = true;
      addRuleSetVersion(ctx.db, { effectiveFrom: '2026-01-01', rules, note: null, createdBy: null }, '2026-01-01T00:00:00Z');
      refreshClientStatus(ctx.db, z, '2026-11-24');
      const r = recordEindgesprek(ctx, actorFor(ctx, ctx.users.consulent), z, {
        ok: true,
        data: {
          heldOn: '2026-11-20', clientPresent: true, consulentPresent: true, coachName: null, interpreterName: null,
          portfolioLanguage: null, portfolioZelfredzaamheid: null, portfolioParticipation: null, outcome: 'PLACE',
          outcomeDetail: null, wishesChallenges: null, naturalisationWish: 'JA', certificateOn: '2026-11-23',
          overrideReason: 'Verhuist naar het buitenland',
        },
      });
      expect(r).toMatchObject({ ok: true, value: { message: expect.stringMatching(/zodra het afsluiten .* is goedgekeurd/) } });
      endId = r.ok ? r.value.conversationId : 0;
      expect(status(ctx.db, z).closed_on).toBeNull();
    });

    it('approving it closes the trajectory as recording it with the conditions met does: closure, DUO line, timeline', () => {
      const r = decideApproval(ctx, actorFor(ctx, ctx.users.teamleider), 'conversation', endId, approve());
      expect(r).toEqual({ ok: true, value: { message: 'Eindgesprek is goedgekeurd. Het traject is afgesloten op 23 november 2026.' } });
      expect(ctx.db.prepare('SELECT closed_on, closure_reason FROM clients WHERE id = ?').get(z)).toEqual({ closed_on: '2026-11-23', closure_reason: 'COMPLETED' });
      expect(ctx.db.prepare("SELECT decided_on, data FROM decisions WHERE client_id = ? AND kind = 'CLOSURE'").get(z)).toEqual({
        decided_on: '2026-11-23',
        data: '{"type":"COMPLETED","via":"EINDGESPREK"}',
      });
      expect(ctx.db.prepare("SELECT fact, fact_on FROM duo_ledger WHERE client_id = ? AND fact = 'COMPLETED'").all(z)).toEqual([
        { fact: 'COMPLETED', fact_on: '2026-11-23' },
      ]);
      expect(listClientEvents(ctx.db, z, 2)).toMatchObject([
        { kind: 'APPROVAL', occurredOn: '2026-11-24', summary: 'Eindgesprek goedgekeurd door Test teamleider' },
        { kind: 'CLOSED', occurredOn: '2026-11-23', summary: 'Traject afgesloten na het eindgesprek; certificaat uitgereikt op 23 november 2026. Niet aan alle voorwaarden voldaan; reden: Verhuist naar het buitenland', refId: endId },
      ]);
      expect(status(ctx.db, z)).toMatchObject({ closed_on: '2026-11-23', phase: 'CLOSED' });
    });

    it('rejecting it leaves the trajectory open', () => {
      expect(decideApproval(ctx, actorFor(ctx, ctx.users.teamleider), 'conversation', endId, reject('Eerst de uren')).ok).toBe(true);
      expect(status(ctx.db, z).closed_on).toBeNull();
      expect(ctx.db.prepare("SELECT COUNT(*) FROM duo_ledger WHERE client_id = ? AND fact = 'COMPLETED'").pluck().get(z)).toBe(0);
    });
  });
});
