import { beforeEach, describe, expect, it } from 'vitest';
import { type ExcusedAbsenceForm, loadAbsencePage, recordExcusedAbsence } from '../../src/app/absence.js';
import { UseCaseError } from '../../src/app/errors.js';
import { refreshClientStatus } from '../../src/db/client-status.js';
import { listClientEvents } from '../../src/db/timeline.js';
import { actorFor, auditActions, closeClientDirectly } from '../helpers/actor.js';
import { buildTestApp, type TestContext } from '../helpers/app.js';
import { addHours, chooseRoute, completeIntake, insertClient, setPip, status } from '../helpers/fixtures.js';

const form = (over: Partial<ExcusedAbsenceForm> = {}): { ok: true; data: ExcusedAbsenceForm } => ({
  ok: true,
  data: { fromDate: '2026-11-02', toDate: null, hours: 2, reasonKind: 'ZIEKTE', note: null, ...over },
});

const count = (ctx: TestContext) => ctx.db.prepare('SELECT COUNT(*) FROM excused_absences').pluck().get() as number;

function err(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof UseCaseError ? `${e.kind}: ${e.message}` : String(e);
  }
  return 'served';
}

describe('absence use cases (no HTTP)', () => {
  let ctx: TestContext;
  let clientId: number;
  beforeEach(async () => {
    ctx = await buildTestApp();
    clientId = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent });
    completeIntake(ctx.db, clientId);
    chooseRoute(ctx.db, clientId, 'B1', ctx.users.consulent);
    setPip(ctx.db, clientId, ctx.users.consulent);
    // November: 100 hours planned, 69 attended: 31% absence, above the B1 threshold of 30%.
    addHours(ctx.db, clientId, 'LANGUAGE', 69, ctx.users.consulent, '2026-11-20', '2026-11-01', 100);
    refreshClientStatus(ctx.db, clientId, '2026-11-24');
  });

  it('records excused absence with a timeline event, a fresh status (signal gone) and an audit row', () => {
    expect(status(ctx.db, clientId)).toMatchObject({ absence_pct: 31, absence_signal: 1 });
    const r = recordExcusedAbsence(ctx, actorFor(ctx, ctx.users.consulent), clientId, form());
    expect(r.ok).toBe(true);
    expect(count(ctx)).toBe(1);
    expect(status(ctx.db, clientId)).toMatchObject({ absence_pct: 29, absence_signal: 0 });
    expect(listClientEvents(ctx.db, clientId, 1)[0]).toMatchObject({
      kind: 'EXCUSED_ABSENCE',
      occurredOn: '2026-11-02',
      summary: 'Verzuim: 2 uur geoorloofd afwezig (ziekte)',
      refTable: 'excused_absences',
      userId: ctx.users.consulent,
    });
    expect(auditActions(ctx, clientId)).toEqual(['geoorloofd-verzuim-vastgelegd']);
  });

  it('refuses a double submit and invalid input; the invalid input has an error audit row', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    recordExcusedAbsence(ctx, actor, clientId, form());
    expect(recordExcusedAbsence(ctx, actor, clientId, form())).toEqual({
      ok: false,
      refusal: { kind: 'invalid', errors: { _form: 'Dit geoorloofd verzuim (zelfde dagen, uren en reden) is al vastgelegd. Er is niets dubbel opgeslagen.' } },
    });
    const bad = recordExcusedAbsence(ctx, actor, clientId, { ok: false, errors: { hours: 'Vul het aantal uren in' } });
    expect(!bad.ok && bad.refusal).toEqual({ kind: 'invalid', errors: { hours: 'Vul het aantal uren in' } });
    expect(count(ctx)).toBe(1);
    expect(auditActions(ctx, clientId)).toEqual(['geoorloofd-verzuim-vastgelegd', 'geoorloofd-verzuim-vastleggen']);
  });

  it('refuses a closed dossier before looking at the input, and saves nothing', () => {
    closeClientDirectly(ctx, clientId);
    const r = recordExcusedAbsence(ctx, actorFor(ctx, ctx.users.consulent), clientId, { ok: false, errors: { hours: 'x' } });
    expect(!r.ok && r.refusal).toEqual({
      kind: 'closed',
      message: 'Het inburgeringstraject van deze cliënt is afgesloten. U kunt geen geoorloofd verzuim meer vastleggen.',
    });
    expect(count(ctx)).toBe(0);
    expect(auditActions(ctx, clientId)).toEqual([]);
  });

  it('shows the page with its view audit row (none when shown again after a refused form)', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    const page = loadAbsencePage(ctx, actor, clientId);
    expect(page.absence.periods.at(-1)).toMatchObject({ period: '2026-11', pct: 31, signal: true });
    expect(page.routeLabel).toBe('B1-route');
    expect(page.openCase).toBeNull();
    loadAbsencePage(ctx, actor, clientId, { audit: false });
    expect(auditActions(ctx, clientId)).toEqual(['verzuim-bekeken']);
  });

  it('does not serve another team, and says nothing about whether the client exists', () => {
    const other = actorFor(ctx, ctx.users.otherConsulent);
    expect(err(() => recordExcusedAbsence(ctx, other, clientId, form()))).toBe('not-found: Deze cliënt bestaat niet of u heeft geen toegang.');
    expect(err(() => loadAbsencePage(ctx, other, clientId))).toBe('not-found: Deze cliënt bestaat niet of u heeft geen toegang.');
    expect(err(() => loadAbsencePage(ctx, actorFor(ctx, ctx.users.admin), clientId))).toMatch(/^forbidden/);
    expect(count(ctx)).toBe(0);
    expect(auditActions(ctx, clientId)).toEqual(['dossier-geweigerd', 'dossier-geweigerd']);
  });
});
