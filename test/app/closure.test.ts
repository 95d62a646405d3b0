import { beforeEach, describe, expect, it } from 'vitest';
import {
  type ClosureForm,
  closeClientTrajectory,
  extendClientTermijn,
  type ExtensionForm,
  loadClosurePage,
  loadHandoverPage,
  reopenClientTrajectory,
} from '../../src/app/closure.js';
import { UseCaseError } from '../../src/app/errors.js';
import { refreshClientStatus } from '../../src/db/client-status.js';
import { findClosure, listExtensions } from '../../src/db/closures.js';
import { listClientEvents } from '../../src/db/timeline.js';
import { actorFor, auditActions, closeClientDirectly } from '../helpers/actor.js';
import { buildTestApp, type TestContext } from '../helpers/app.js';
import { addHours, status, zRouteClient } from '../helpers/fixtures.js';

const closing = (over: Partial<ClosureForm> = {}): { ok: true; data: ClosureForm } => ({
  ok: true,
  data: {
    type: 'DECEASED',
    closedOn: '2026-11-20',
    reason: 'Bericht van de familie',
    overrideReason: null,
    ontheffingGround: null,
    newMunicipality: null,
    ...over,
  },
});

const extension = (over: Partial<ExtensionForm> = {}): { ok: true; data: ExtensionForm } => ({
  ok: true,
  data: { months: 12, extendedOn: '2026-11-24', extensionReason: 'Lange ziekte', ...over },
});

const closedRow = (ctx: TestContext, id: number) =>
  ctx.db.prepare('SELECT closed_on, closure_reason FROM clients WHERE id = ?').get(id) as { closed_on: string | null; closure_reason: string | null };

const errorOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof UseCaseError ? `${e.kind}: ${e.message}` : String(e);
  }
  return 'served';
};

/** A Z-route client whose termijn started on `pipOn`, behind on the hours (at risk of not finishing). */
function lateClient(ctx: TestContext, pipOn: string): number {
  const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
  ctx.db.prepare('UPDATE pip_versions SET vastgesteld_on = ? WHERE client_id = ?').run(pipOn, id);
  addHours(ctx.db, id, 'LANGUAGE', 440, ctx.users.consulent, '2026-06-30', '2024-06-01');
  addHours(ctx.db, id, 'LANGUAGE', 60, ctx.users.consulent, '2026-11-20', '2026-09-05');
  addHours(ctx.db, id, 'PARTICIPATION', 800, ctx.users.consulent, '2026-06-30', '2024-06-01');
  refreshClientStatus(ctx.db, id, '2026-11-24');
  return id;
}

describe('closure use cases (no HTTP)', () => {
  let ctx: TestContext;
  let clientId: number;
  beforeEach(async () => {
    ctx = await buildTestApp();
    clientId = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
  });

  it('closes the trajectory: decision, read-only dossier, timeline event, status CLOSED and an audit row', () => {
    const r = closeClientTrajectory(ctx, actorFor(ctx, ctx.users.consulent), clientId, closing());
    expect(r).toEqual({ ok: true, value: { type: 'DECEASED', message: 'Het traject is afgesloten: overleden.' } });
    expect(closedRow(ctx, clientId)).toEqual({ closed_on: '2026-11-20', closure_reason: 'DECEASED' });
    expect(findClosure(ctx.db, clientId)).toMatchObject({ type: 'DECEASED', reason: 'Bericht van de familie' });
    expect(status(ctx.db, clientId)).toMatchObject({ phase: 'CLOSED', closed_on: '2026-11-20' });
    expect(listClientEvents(ctx.db, clientId, 1)[0]).toMatchObject({
      kind: 'CLOSURE',
      occurredOn: '2026-11-20',
      summary: 'Traject afgesloten: overleden. Reden: Bericht van de familie.',
    });
    expect(auditActions(ctx, clientId)).toEqual(['traject-afgesloten']);
  });

  it('refuses the rules that need the stored data, with an audit row of the refusal, and saves nothing', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    expect(closeClientTrajectory(ctx, actor, clientId, closing({ type: 'ONTHEFFING' }))).toEqual({
      ok: false,
      refusal: { kind: 'invalid', errors: { ontheffingGround: 'Kies de grond voor de ontheffing' } },
    });
    const completed = closeClientTrajectory(ctx, actor, clientId, closing({ type: 'COMPLETED' }));
    expect(!completed.ok && completed.refusal.kind === 'invalid' && completed.refusal.errors.overrideReason).toContain(
      'De cliënt voldoet (nog) niet aan de eisen om af te ronden',
    );
    expect(closedRow(ctx, clientId).closed_on).toBeNull();
    expect(auditActions(ctx, clientId)).toEqual(['afsluiten-geweigerd', 'afsluiten-geweigerd']);
  });

  it('refuses a closed dossier (after the input, as before) with how it was closed, and an audit row', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    closeClientDirectly(ctx, clientId);
    const message =
      'Dit dossier is afgesloten op 1 november 2026 (inburgering afgerond). U kunt het dossier nog lezen, maar niets nieuws vastleggen.';
    expect(closeClientTrajectory(ctx, actor, clientId, closing())).toEqual({ ok: false, refusal: { kind: 'closed', message } });
    expect(extendClientTermijn(ctx, actor, clientId, extension())).toEqual({ ok: false, refusal: { kind: 'closed', message } });
    const invalid = closeClientTrajectory(ctx, actor, clientId, { ok: false, errors: { reason: 'Vul de reden in' } });
    expect(!invalid.ok && invalid.refusal.kind).toBe('invalid');
    expect(closedRow(ctx, clientId)).toEqual({ closed_on: '2026-11-01', closure_reason: 'COMPLETED' });
    expect(listExtensions(ctx.db, clientId)).toEqual([]);
    expect(auditActions(ctx, clientId)).toEqual(['wijziging-geweigerd-afgesloten', 'wijziging-geweigerd-afgesloten']);
  });

  it('extends the termijn from exactly 30 months: new end in status and timeline; the page signal then goes', () => {
    const id = lateClient(ctx, '2024-05-24'); // 30 months before 2026-11-24
    const actor = actorFor(ctx, ctx.users.consulent);
    expect(loadClosurePage(ctx, actor, id).extensionSignal).toBe(true);
    const early = extendClientTermijn(ctx, actor, id, extension({ extendedOn: '2026-11-23' }));
    expect(!early.ok && early.refusal).toEqual({
      kind: 'invalid',
      errors: { extendedOn: 'Verlengen kan pas vanaf 24 november 2026: 30 maanden na de start van de termijn op 24 mei 2024.' },
    });
    expect(extendClientTermijn(ctx, actor, id, extension())).toEqual({ ok: true, value: { message: 'De termijn is verlengd met 12 maanden.' } });
    expect(status(ctx.db, id)).toMatchObject({ termijn_end: '2028-05-24', at_risk: 0, extended: 1 });
    expect(listClientEvents(ctx.db, id, 1)[0]).toMatchObject({
      kind: 'DECISION',
      summary: 'Besluit: termijn verlengd met 12 maanden, nieuw einde 24 mei 2028. Reden: Lange ziekte.',
    });
    expect(loadClosurePage(ctx, actor, id).extensionSignal).toBe(false);
    expect(auditActions(ctx, id)).toEqual(['afsluiting-bekeken', 'verlenging-geweigerd', 'termijn-verlengd', 'afsluiting-bekeken']);
  });

  it('shows no extension signal a day before the 30 months', () => {
    const id = lateClient(ctx, '2024-05-25');
    expect(loadClosurePage(ctx, actorFor(ctx, ctx.users.consulent), id).extensionSignal).toBe(false);
  });

  it('reopens a closure: the teamleider only; open again; a second reopen finds it open (stale page)', () => {
    const consulent = actorFor(ctx, ctx.users.consulent);
    const teamleider = actorFor(ctx, ctx.users.teamleider);
    expect(closeClientTrajectory(ctx, consulent, clientId, closing({ type: 'LEFT_COUNTRY' })).ok).toBe(true);
    const reason = { ok: true as const, data: { reopenReason: 'Verkeerde cliënt' } };
    expect(errorOf(() => reopenClientTrajectory(ctx, consulent, clientId, reason))).toBe(
      'forbidden: Alleen een teamleider kan een afsluiting intrekken.',
    );
    expect(reopenClientTrajectory(ctx, teamleider, clientId, reason)).toEqual({
      ok: true,
      value: { message: 'De afsluiting is ingetrokken. Het dossier is weer open.' },
    });
    expect(closedRow(ctx, clientId)).toEqual({ closed_on: null, closure_reason: null });
    expect(status(ctx.db, clientId).phase).not.toBe('CLOSED');
    expect(findClosure(ctx.db, clientId)).toBeUndefined();
    expect(listClientEvents(ctx.db, clientId, 1)[0]!.summary).toBe(
      'Afsluiting ingetrokken (was: vertrokken uit Nederland op 20 november 2026). Reden: Verkeerde cliënt.',
    );
    expect(reopenClientTrajectory(ctx, teamleider, clientId, reason)).toEqual({
      ok: false,
      refusal: { kind: 'stale', message: 'Dit traject is niet afgesloten.' },
    });
    expect(auditActions(ctx, clientId)).toEqual(['traject-afgesloten', 'afsluiting-ingetrokken']);
  });

  it('does not serve another team, and says nothing about whether the client exists', () => {
    const none = 'not-found: Deze cliënt bestaat niet of u heeft geen toegang.';
    for (const who of [ctx.users.otherConsulent, ctx.users.otherTeamleider]) {
      const other = actorFor(ctx, who);
      expect(errorOf(() => closeClientTrajectory(ctx, other, clientId, closing()))).toBe(none);
      expect(errorOf(() => extendClientTermijn(ctx, other, clientId, extension()))).toBe(none);
      expect(errorOf(() => reopenClientTrajectory(ctx, other, clientId, { ok: true, data: { reopenReason: 'x' } }))).toBe(none);
      expect(errorOf(() => loadClosurePage(ctx, other, clientId))).toBe(none);
      expect(errorOf(() => loadHandoverPage(ctx, other, clientId))).toBe(none);
    }
    expect(errorOf(() => loadHandoverPage(ctx, actorFor(ctx, ctx.users.admin), clientId))).toMatch(/^forbidden/);
    expect(closedRow(ctx, clientId).closed_on).toBeNull();
    expect(auditActions(ctx, clientId)).toEqual(Array<string>(10).fill('dossier-geweigerd'));
  });

  it('the handover shows the BSN to the own consulent only, with its audit row', () => {
    ctx.db.prepare(`UPDATE clients SET bsn = '123456782' WHERE id = ?`).run(clientId);
    expect(loadHandoverPage(ctx, actorFor(ctx, ctx.users.consulent), clientId).bsn).toBe('123456782');
    const other = loadHandoverPage(ctx, actorFor(ctx, ctx.users.consulent2), clientId);
    expect(other).toMatchObject({ bsn: null, hasBsn: true });
    expect(other.s.client.bsn).toBeNull();
    expect(auditActions(ctx, clientId)).toEqual(['overdracht-bekeken', 'overdracht-bekeken']);
  });
});
