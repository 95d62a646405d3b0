import { beforeEach, describe, expect, it } from 'vitest';
import { addAgreement, type AgreementStatusForm, loadAgreementsPage, setAgreementStatus } from '../../src/app/agreements.js';
import { UseCaseError } from '../../src/app/errors.js';
import { findAgreement, listAgreements } from '../../src/db/agreements.js';
import { listClientEvents } from '../../src/db/timeline.js';
import { actorFor, auditActions, closeClientDirectly } from '../helpers/actor.js';
import { buildTestApp, type TestContext } from '../helpers/app.js';
import { addAgreement as addAgreementRow, status, zRouteClient } from '../helpers/fixtures.js';

const agreement = { ok: true as const, data: { description: 'Cv maken', owner: 'CLIENT' as const, dueOn: '2026-12-10' } };
const statusForm = (over: Partial<AgreementStatusForm> = {}) => ({
  ok: true as const,
  data: { status: 'LOOPT_ACHTER' as const, note: 'Ziek geweest', version: 1, ...over },
});

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof UseCaseError ? `${e.kind}: ${e.message}` : String(e);
  }
  return 'served';
}

describe('agreements use cases (no HTTP)', () => {
  let ctx: TestContext;
  let clientId: number;
  beforeEach(async () => {
    ctx = await buildTestApp();
    clientId = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
  });

  it('adds an agreement with a timeline event, a fresh status and an audit row', () => {
    const r = addAgreement(ctx, actorFor(ctx, ctx.users.consulent), clientId, agreement);
    expect(r).toEqual({ ok: true, value: { message: 'Afspraak opgeslagen: Cv maken.' } });
    expect(listAgreements(ctx.db, clientId)).toMatchObject([{ description: 'Cv maken', owner: 'CLIENT', status: 'OPEN', conversationId: null }]);
    expect(listClientEvents(ctx.db, clientId, 1)[0]).toMatchObject({
      kind: 'AGREEMENT',
      summary: 'Afspraak gemaakt: Cv maken (Cliënt, klaar op 10 december 2026)',
      refTable: 'agreements',
      occurredOn: '2026-11-24',
    });
    expect(status(ctx.db, clientId).open_agreement_due_min).toBe('2026-12-10');
    expect(auditActions(ctx, clientId)).toEqual(['afspraak-toegevoegd']);
  });

  it('changes a status with its history and event; refuses the same status and a revision without a note', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    const id = addAgreementRow(ctx.db, clientId, '2026-12-01', ctx.users.consulent);
    expect(setAgreementStatus(ctx, actor, clientId, id, statusForm({ status: 'OPEN' }))).toEqual({
      ok: false,
      refusal: { kind: 'invalid', errors: { status: 'Kies een andere status dan de huidige' } },
    });
    expect(setAgreementStatus(ctx, actor, clientId, id, statusForm({ status: 'HERZIEN', note: null }))).toEqual({
      ok: false,
      refusal: { kind: 'invalid', errors: { note: 'Vul bij herzien in wat de nieuwe afspraak is' } },
    });
    const r = setAgreementStatus(ctx, actor, clientId, id, statusForm());
    expect(r).toEqual({ ok: true, value: { message: 'Status van "Testafspraak" is nu: Loopt achter.' } });
    expect(findAgreement(ctx.db, clientId, id)).toMatchObject({ status: 'LOOPT_ACHTER', version: 2 });
    expect(listClientEvents(ctx.db, clientId, 1)[0]).toMatchObject({ kind: 'AGREEMENT', summary: 'Afspraak "Testafspraak": loopt achter. Ziek geweest' });
    expect(ctx.db.prepare('SELECT status, note FROM agreement_status_history WHERE agreement_id = ?').all(id)).toEqual([
      { status: 'LOOPT_ACHTER', note: 'Ziek geweest' },
    ]);
    expect(auditActions(ctx, clientId)).toEqual(['afspraak-status-gewijzigd']);
  });

  it('refuses a stale version and keeps what is stored', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    const id = addAgreementRow(ctx.db, clientId, '2026-12-01', ctx.users.consulent);
    expect(setAgreementStatus(ctx, actor, clientId, id, statusForm({ status: 'GEREALISEERD', note: null })).ok).toBe(true);
    const events = listClientEvents(ctx.db, clientId).length;
    const r = setAgreementStatus(ctx, actor, clientId, id, statusForm({ version: 1 }));
    expect(r).toEqual({
      ok: false,
      refusal: { kind: 'stale', message: 'Iemand anders heeft deze afspraak intussen gewijzigd. Bekijk de nieuwe status en probeer het opnieuw.' },
    });
    expect(findAgreement(ctx.db, clientId, id)).toMatchObject({ status: 'GEREALISEERD', version: 2 });
    expect(listClientEvents(ctx.db, clientId)).toHaveLength(events);
    expect(auditActions(ctx, clientId)).toEqual(['afspraak-status-gewijzigd']);
  });

  it('refuses a closed dossier before looking at the input, with an audit row of the refusal', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    const id = addAgreementRow(ctx.db, clientId, '2026-12-01', ctx.users.consulent);
    closeClientDirectly(ctx, clientId);
    const added = addAgreement(ctx, actor, clientId, { ok: false, errors: { agreement_0_description: 'x' } });
    expect(!added.ok && added.refusal).toMatchObject({ kind: 'closed', message: expect.stringContaining('U kunt geen afspraken meer vastleggen') });
    const changed = setAgreementStatus(ctx, actor, clientId, id, statusForm());
    expect(!changed.ok && changed.refusal.kind).toBe('closed');
    expect(findAgreement(ctx.db, clientId, id)).toMatchObject({ status: 'OPEN', version: 1 });
    expect(listAgreements(ctx.db, clientId)).toHaveLength(1);
    expect(auditActions(ctx, clientId)).toEqual(['wijziging-geweigerd-afgesloten', 'wijziging-geweigerd-afgesloten']);
  });

  it('does not serve another team, nor an agreement of another client', () => {
    const other = actorFor(ctx, ctx.users.otherConsulent);
    const id = addAgreementRow(ctx.db, clientId, '2026-12-01', ctx.users.consulent);
    const noAccess = 'not-found: Deze cliënt bestaat niet of u heeft geen toegang.';
    expect(errorOf(() => addAgreement(ctx, other, clientId, agreement))).toBe(noAccess);
    expect(errorOf(() => setAgreementStatus(ctx, other, clientId, id, statusForm()))).toBe(noAccess);
    expect(errorOf(() => loadAgreementsPage(ctx, other, clientId))).toBe(noAccess);
    expect(errorOf(() => loadAgreementsPage(ctx, actorFor(ctx, ctx.users.admin), clientId))).toMatch(/^forbidden/);
    expect(listAgreements(ctx.db, clientId)).toHaveLength(1);
    expect(findAgreement(ctx.db, clientId, id)).toMatchObject({ status: 'OPEN', version: 1 });
    expect(auditActions(ctx, clientId)).toEqual(['dossier-geweigerd', 'dossier-geweigerd', 'dossier-geweigerd']);

    const otherClient = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    const own = actorFor(ctx, ctx.users.consulent);
    expect(errorOf(() => setAgreementStatus(ctx, own, otherClient, id, statusForm()))).toBe('not-found: Deze afspraak bestaat niet.');
    expect(errorOf(() => setAgreementStatus(ctx, own, clientId, 'abc', statusForm()))).toBe('not-found: Deze afspraak bestaat niet.');
  });

  it('the page marks overdue agreements against the actor\'s today and writes its view audit row', () => {
    addAgreementRow(ctx.db, clientId, '2026-11-01', ctx.users.consulent);
    addAgreementRow(ctx.db, clientId, '2026-11-24', ctx.users.consulent);
    const page = loadAgreementsPage(ctx, actorFor(ctx, ctx.users.consulent), clientId);
    expect(page.agreements.map((a) => page.isOverdue(a))).toEqual([true, false]);
    expect(page).toMatchObject({ rows: 1, statusFor: null, statusErrors: {} });
    expect(auditActions(ctx, clientId)).toEqual(['afspraken-bekeken']);
  });
});
