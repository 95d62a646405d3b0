import { beforeEach, describe, expect, it } from 'vitest';
import {
  type CaseloadQuery,
  deleteCaseloadFilter,
  exportCaseload,
  loadCaseloadPage,
  loadStartPage,
  saveCaseloadFilter,
} from '../../src/app/caseload.js';
import { UseCaseError } from '../../src/app/errors.js';
import { DEFAULT_FILTER } from '../../src/db/caseload.js';
import { listSavedFilters } from '../../src/db/saved-filters.js';
import { actorFor } from '../helpers/actor.js';
import { buildTestApp, type TestContext } from '../helpers/app.js';
import { zRouteClient } from '../helpers/fixtures.js';

const query = (over: Partial<CaseloadQuery['filter']> = {}, notices: string[] = []): CaseloadQuery => ({
  filter: { ...DEFAULT_FILTER, ...over },
  page: 1,
  notices,
});

function err(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof UseCaseError ? `${e.kind}: ${e.message}` : String(e);
  }
  return 'served';
}

describe('caseload use cases (no HTTP)', () => {
  let ctx: TestContext;
  let mine: number;
  let colleagues: number;
  let otherTeams: number;
  const ids = (page: ReturnType<typeof loadCaseloadPage>) => page.cl.list.rows.map((r) => r.id).sort((x, y) => x - y);
  const audit = (action: string) =>
    ctx.db.prepare('SELECT user_id AS userId, details FROM audit_log WHERE action = ? ORDER BY id').all(action) as {
      userId: number;
      details: string;
    }[];
  beforeEach(async () => {
    ctx = await buildTestApp();
    mine = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    colleagues = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent2);
    otherTeams = zRouteClient(ctx.db, ctx.teamB, ctx.users.otherConsulent);
  });

  it('a consulent sees their own clients, a teamleider the team, with an audit row of what was looked at', () => {
    const own = loadCaseloadPage(ctx, actorFor(ctx, ctx.users.consulent), query());
    expect(ids(own)).toEqual([mine]);
    expect(own.cl.isTeamleider).toBe(false);
    const team = loadCaseloadPage(ctx, actorFor(ctx, ctx.users.teamleider), query({ route: 'Z' }));
    expect(ids(team)).toEqual([mine, colleagues]);
    expect(team.cl.consulenten.map((c) => c.id).sort()).toEqual([ctx.users.consulent, ctx.users.consulent2].sort());
    expect(team.cl.perConsulent).not.toBeNull();
    expect(audit('caseload-bekeken')).toEqual([
      { userId: ctx.users.consulent, details: '/caseload?' },
      { userId: ctx.users.teamleider, details: '/caseload?route=Z' },
    ]);
  });

  it('another team sees nothing of this team: its consulent as a filter is left out with a notice', () => {
    const actor = actorFor(ctx, ctx.users.otherTeamleider);
    const page = loadCaseloadPage(ctx, actor, query({ consulentId: ctx.users.consulent }, ['De waarde voor fase is niet geldig en is genegeerd.']));
    expect(ids(page)).toEqual([otherTeams]);
    expect(page.cl.filter.consulentId).toBeNull();
    expect(page.cl.notices).toEqual([
      'De gekozen consulent hoort niet bij uw team en is genegeerd.',
      'De waarde voor fase is niet geldig en is genegeerd.',
    ]);
    // A consulent's choice of consulent is ignored without a word: their list is their own.
    const c = loadCaseloadPage(ctx, actorFor(ctx, ctx.users.otherConsulent), query({ consulentId: ctx.users.consulent }));
    expect(ids(c)).toEqual([otherTeams]);
    expect(c.cl.notices).toEqual([]);
    const csv = exportCaseload(ctx, actor, query({ consulentId: ctx.users.consulent }));
    let text = '';
    csv.writeTo((chunk) => (text += chunk.toString()));
    expect(text).not.toContain(clientNumber(mine));
    expect(text).toContain(clientNumber(otherTeams));
  });

  function clientNumber(id: number): string {
    return ctx.db.prepare('SELECT client_number FROM clients WHERE id = ?').pluck().get(id) as string;
  }

  it('an admin reads no caseload', () => {
    const admin = actorFor(ctx, ctx.users.admin);
    expect(err(() => loadCaseloadPage(ctx, admin, query()))).toBe('forbidden: U heeft geen toegang tot deze pagina.');
    expect(err(() => loadStartPage(ctx, admin, query()))).toMatch(/^forbidden/);
    expect(err(() => exportCaseload(ctx, admin, query()))).toMatch(/^forbidden/);
    expect(audit('caseload-bekeken')).toEqual([]);
  });

  it('exports the scope as CSV with a byte order mark and an audit row with the count', () => {
    const csv = exportCaseload(ctx, actorFor(ctx, ctx.users.teamleider), query({ consulentId: ctx.users.consulent2 }));
    expect(csv.fileName).toBe('werkvoorraad-2026-11-24.csv');
    const chunks: (string | Buffer)[] = [];
    csv.writeTo((chunk) => chunks.push(chunk));
    expect(chunks[0]).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = chunks.slice(1).join('').split('\r\n');
    expect(lines[0]).toMatch(/^Cliëntnummer;Achternaam;/);
    expect(lines.slice(1, -1).map((l) => l.split(';')[0])).toEqual([clientNumber(colleagues)]);
    expect(audit('caseload-geexporteerd')).toEqual([
      { userId: ctx.users.teamleider, details: `1 cliënten; filter: consulent=${ctx.users.consulent2}` },
    ]);
  });

  it('the start page of a consulent has the enforcement agenda; a teamleider\'s has not', () => {
    expect(loadStartPage(ctx, actorFor(ctx, ctx.users.consulent), query())).toHaveProperty('enforcementAgenda', []);
    expect(loadStartPage(ctx, actorFor(ctx, ctx.users.teamleider), query())).not.toHaveProperty('enforcementAgenda');
  });

  it('saves a filter with only what the list understands, and deletes only the user\'s own', () => {
    const actor = actorFor(ctx, ctx.users.teamleider);
    const r = saveCaseloadFilter(ctx, actor, { ok: true, data: { name: 'Z van ander team', query: query({ route: 'Z', consulentId: ctx.users.otherConsulent }) } });
    expect(r).toEqual({ ok: true, value: { query: 'route=Z', message: 'Filter "Z van ander team" is bewaard.' } });
    expect(saveCaseloadFilter(ctx, actor, { ok: false, errors: { name: 'Vul een naam voor het filter in' } })).toEqual({
      ok: false,
      refusal: { kind: 'invalid', errors: { name: 'Vul een naam voor het filter in' } },
    });
    const [saved] = listSavedFilters(ctx.db, ctx.users.teamleider);
    expect(saved).toMatchObject({ name: 'Z van ander team', query: 'route=Z' });
    expect(deleteCaseloadFilter(ctx, actorFor(ctx, ctx.users.consulent), saved!.id)).toEqual({
      deleted: false,
      message: 'Dit bewaarde filter bestaat niet (meer).',
    });
    expect(deleteCaseloadFilter(ctx, actor, String(saved!.id)).deleted).toBe(true);
    expect(listSavedFilters(ctx.db, ctx.users.teamleider)).toEqual([]);
  });
});
