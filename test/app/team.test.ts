import { beforeEach, describe, expect, it } from 'vitest';
import { UseCaseError } from '../../src/app/errors.js';
import { loadConsulentCaseloadPage, loadTeamFiguresPage, type ReassignForm, reassignClients } from '../../src/app/team.js';
import { DEFAULT_FILTER } from '../../src/db/caseload.js';
import { listClientEvents } from '../../src/db/timeline.js';
import { actorFor, auditActions } from '../helpers/actor.js';
import { buildTestApp, type TestContext } from '../helpers/app.js';
import { status, zRouteClient } from '../helpers/fixtures.js';

const form = (clientIds: number[], reason = 'Zwangerschapsverlof'): { ok: true; data: ReassignForm } => ({
  ok: true,
  data: { clientIds, reason },
});

const noQuery = () => ({ filter: { ...DEFAULT_FILTER }, page: 1, notices: [] });

function err(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof UseCaseError ? `${e.kind}: ${e.message}` : String(e);
  }
  return 'served';
}

describe('team use cases (no HTTP)', () => {
  let ctx: TestContext;
  let a: number;
  let b: number;
  let stays: number;
  const consulentOf = (id: number) => ctx.db.prepare('SELECT consulent_id FROM clients WHERE id = ?').pluck().get(id);
  const reassignedEvents = () => ctx.db.prepare("SELECT COUNT(*) FROM client_events WHERE kind = 'REASSIGNED'").pluck().get();
  beforeEach(async () => {
    ctx = await buildTestApp();
    a = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    b = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    stays = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent2);
  });

  it('reassigns clients: the client, a timeline event, a fresh status and an audit row per client', () => {
    const r = reassignClients(ctx, actorFor(ctx, ctx.users.teamleider), String(ctx.users.consulent2), form([a, b, stays, a]));
    expect(r).toEqual({
      ok: true,
      value: {
        moved: [a, b],
        message: '2 cliënten zijn overgedragen aan Test consulent2. 1 cliënt stond al bij deze consulent.',
      },
    });
    for (const id of [a, b]) {
      expect(consulentOf(id)).toBe(ctx.users.consulent2);
      expect(status(ctx.db, id).consulent_id).toBe(ctx.users.consulent2);
      expect(listClientEvents(ctx.db, id, 1)[0]).toMatchObject({
        kind: 'REASSIGNED',
        summary: 'Overgedragen van Test consulent aan Test consulent2: Zwangerschapsverlof',
        occurredOn: '2026-11-24',
        refTable: 'users',
        refId: ctx.users.consulent2,
        userId: ctx.users.teamleider,
      });
      expect(auditActions(ctx, id)).toEqual(['client-overgedragen']);
    }
    expect(listClientEvents(ctx.db, stays).some((e) => e.kind === 'REASSIGNED')).toBe(false);
    expect(auditActions(ctx, stays)).toEqual([]);
  });

  it('refuses a client of another team: nothing moves, one audit row of the refusal', () => {
    const foreign = zRouteClient(ctx.db, ctx.teamB, ctx.users.otherConsulent);
    const e = err(() => reassignClients(ctx, actorFor(ctx, ctx.users.teamleider), String(ctx.users.consulent2), form([a, foreign])));
    expect(e).toBe('forbidden: Een of meer cliënten horen niet bij uw team. Er is niets overgedragen.');
    // The other team's teamleider cannot move this team's clients either, not even to their own consulent.
    const other = actorFor(ctx, ctx.users.otherTeamleider);
    expect(err(() => reassignClients(ctx, other, String(ctx.users.otherConsulent), form([a])))).toMatch(/^forbidden/);
    expect(consulentOf(a)).toBe(ctx.users.consulent);
    expect(consulentOf(foreign)).toBe(ctx.users.otherConsulent);
    expect(reassignedEvents()).toBe(0);
    const refusals = ctx.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'overdracht-geweigerd' AND outcome = 'error'").pluck().get();
    expect(refusals).toBe(2);
  });

  it('refuses another team\'s consulent as the one who takes over, next to the field, with the form\'s messages in order', () => {
    const r = reassignClients(ctx, actorFor(ctx, ctx.users.teamleider), String(ctx.users.otherConsulent), form([a]));
    expect(r).toEqual({ ok: false, refusal: { kind: 'invalid', errors: { toConsulentId: 'Kies de consulent die de cliënten overneemt' } } });
    const both = reassignClients(ctx, actorFor(ctx, ctx.users.teamleider), String(ctx.users.teamleider), {
      ok: false,
      errors: { reason: 'Vul de reden van de overdracht in', clientIds: 'Kies een of meer cliënten' },
    });
    expect(!both.ok && Object.keys(both.refusal.errors)).toEqual(['clientIds', 'toConsulentId', 'reason']);
    expect(consulentOf(a)).toBe(ctx.users.consulent);
    expect(reassignedEvents()).toBe(0);
  });

  it('is for teamleiders only: a consulent (and an admin) is refused before anything is read', () => {
    for (const user of [ctx.users.consulent, ctx.users.admin]) {
      expect(err(() => reassignClients(ctx, actorFor(ctx, user), String(ctx.users.consulent2), form([a])))).toBe(
        'forbidden: U heeft geen toegang tot deze pagina.',
      );
    }
    expect(consulentOf(a)).toBe(ctx.users.consulent);
    expect(reassignedEvents()).toBe(0);
    expect(ctx.db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get()).toBe(0);
  });

  it('shows one consulent of the team only to their teamleider', () => {
    const page = loadConsulentCaseloadPage(ctx, actorFor(ctx, ctx.users.teamleider), String(ctx.users.consulent2), noQuery());
    expect(page.consulent.id).toBe(ctx.users.consulent2);
    expect(page.own.total).toBe(1);
    expect(page.norm).toBe(80);
    expect(page.cl.list.rows.map((r) => r.id)).toEqual([stays]);
    const other = actorFor(ctx, ctx.users.otherTeamleider);
    expect(err(() => loadConsulentCaseloadPage(ctx, other, ctx.users.consulent2, noQuery()))).toBe(
      'not-found: Deze consulent bestaat niet of hoort niet bij uw team.',
    );
    expect(err(() => loadConsulentCaseloadPage(ctx, actorFor(ctx, ctx.users.consulent), ctx.users.consulent, noQuery()))).toMatch(
      /^forbidden/,
    );
  });

  it('gives the key figures of a valid period, and only messages for one that is not', () => {
    const actor = actorFor(ctx, ctx.users.teamleider);
    const fine = loadTeamFiguresPage(ctx, actor, { ok: true, data: { from: null, to: null } });
    expect(fine.period).toEqual({ from: '2026-01-01', to: '2026-11-24' });
    expect(fine.figures).not.toBeNull();
    const reversed = loadTeamFiguresPage(ctx, actor, { ok: true, data: { from: '2026-06-01', to: '2026-01-01' } });
    expect(reversed).toMatchObject({ period: null, figures: null, errors: { to: 'De einddatum moet op of na de begindatum liggen' } });
    const details = ctx.db.prepare("SELECT details FROM audit_log WHERE action = 'kengetallen-bekeken' ORDER BY id").pluck().all();
    expect(details).toEqual(['2026-01-01 t/m 2026-11-24', 'ongeldige periode']);
  });
});
