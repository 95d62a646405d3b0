import { beforeEach, describe, expect, it } from 'vitest';
import { CLOSED_MESSAGE } from '../../src/app/client-page.js';
import { UseCaseError } from '../../src/app/errors.js';
import {
  loadNewPipPage,
  loadPipHandout,
  loadPipPage,
  loadPipVersionPage,
  type PipFields,
  type PipForm,
  type PipGoalRow,
  setPip,
} from '../../src/app/pip.js';
import { listPipVersions } from '../../src/db/pips.js';
import { listClientEvents } from '../../src/db/timeline.js';
import { actorFor, auditActions, closeClientDirectly } from '../helpers/actor.js';
import { buildTestApp, type TestContext } from '../helpers/app.js';
import { chooseRoute, completeIntake, insertClient, status } from '../helpers/fixtures.js';

const fields = (over: Partial<PipFields> = {}): PipFields => ({
  vastgesteldOn: '2026-11-02',
  revisionReason: null,
  revisionNote: null,
  taalaanbiederId: null,
  participatiecoachId: null,
  languageGoal: 'A1 op alle onderdelen',
  hoursPerWeekLanguage: 8,
  participationGoals: 'Vrijwilligerswerk bij de voedselbank',
  hoursPerWeekParticipation: 6,
  mapThemes: null,
  mapPractice: null,
  mapWorkingExemption: null,
  pvtHours: 12,
  pvtCoreValue: 'PARTICIPATIE',
  pvtActivity: 'Bezoek aan de gemeenteraad',
  pvtSigningPlannedOn: null,
  knm: null,
  supportOntzorgen: null,
  supportBegeleiding: null,
  supportInterpreter: null,
  ...over,
});

const form = (over: Partial<PipFields> = {}, goals: PipGoalRow[] = []): PipForm => ({ fields: { ok: true, data: fields(over) }, goals });

const errorOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof UseCaseError ? `${e.kind}: ${e.message}` : String(e);
  }
  return 'served';
};

describe('PIP use cases (no HTTP)', () => {
  let ctx: TestContext;
  let clientId: number;
  let domain: number;
  beforeEach(async () => {
    ctx = await buildTestApp();
    clientId = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent });
    completeIntake(ctx.db, clientId, '2026-09-01', '2026-10-01');
    chooseRoute(ctx.db, clientId, 'Z', ctx.users.consulent, '2026-10-15');
    domain = ctx.db.prepare("SELECT id FROM leefdomeinen WHERE name = 'Huisvesting'").pluck().get() as number;
  });

  it('sets the first PIP: the version, the termijn in the status, a timeline event and an audit row', () => {
    const goal: PipGoalRow = { index: 0, domain: String(domain), goal: 'Zelf de huur betalen', targetOn: '2027-06-01', errors: {} };
    const r = setPip(ctx, actorFor(ctx, ctx.users.consulent), clientId, form({}, [goal]));
    expect(r).toEqual({
      ok: true,
      value: { clientId, message: 'Het PIP is vastgesteld. De inburgeringstermijn loopt tot en met 2 november 2029.' },
    });
    const [v1] = listPipVersions(ctx.db, clientId);
    expect(v1).toMatchObject({ versionNo: 1, revisionReason: 'FIRST', vastgesteldOn: '2026-11-02' });
    expect(v1!.content).toMatchObject({ route: 'Z', languageGoal: 'A1 op alle onderdelen', pvtCoreValue: 'PARTICIPATIE' });
    expect(v1!.content.domainGoals).toEqual([{ leefdomeinId: domain, leefdomein: 'Huisvesting', goal: 'Zelf de huur betalen', targetOn: '2027-06-01' }]);
    expect(status(ctx.db, clientId)).toMatchObject({ pip_set_on: '2026-11-02', termijn_end: '2029-11-02', phase: 'IN_PROGRESS' });
    expect(listClientEvents(ctx.db, clientId, 1)[0]).toMatchObject({
      kind: 'PIP_VERSION',
      occurredOn: '2026-11-02',
      summary: 'PIP vastgesteld (versie 1, Z-route); de inburgeringstermijn loopt tot 02-11-2029',
      refTable: 'pip_versions',
      refId: 1,
    });
    expect(auditActions(ctx, clientId)).toEqual(['pip-vastgesteld']);
  });

  it('a later version needs a reason and a date not before the previous one; the termijn stays', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    expect(setPip(ctx, actor, clientId, form()).ok).toBe(true);
    expect(setPip(ctx, actor, clientId, form({ vastgesteldOn: '2026-11-01', revisionReason: 'OTHER' }))).toEqual({
      ok: false,
      refusal: {
        kind: 'invalid',
        errors: {
          revisionNote: 'Licht de reden toe als u ‘Andere reden’ kiest',
          vastgesteldOn: 'De datum kan niet voor de vorige versie liggen (02-11-2026)',
        },
      },
    });
    const r = setPip(ctx, actor, clientId, form({ vastgesteldOn: '2026-11-20', revisionReason: 'MOVE', hoursPerWeekLanguage: 12 }));
    expect(r).toEqual({ ok: true, value: { clientId, message: 'Versie 2 van het PIP is vastgesteld.' } });
    expect(listPipVersions(ctx.db, clientId).map((v) => [v.versionNo, v.revisionReason])).toEqual([
      [2, 'MOVE'],
      [1, 'FIRST'],
    ]);
    expect(status(ctx.db, clientId).termijn_end).toBe('2029-11-02');
    expect(listClientEvents(ctx.db, clientId, 1)[0]!.summary).toBe('PIP versie 2 vastgesteld: verhuizing naar deze gemeente');
    expect(auditActions(ctx, clientId)).toEqual(['pip-vastgesteld', 'pip-herzien']);
  });

  it('shows the goal rows\' messages with the fields\' even when the fields do not parse, in the form\'s order', () => {
    const rows: PipGoalRow[] = [
      { index: 0, domain: '99999', goal: '', targetOn: null, errors: { goal_text_0: 'Beschrijf doel 1' } },
      { index: 2, domain: String(domain), goal: 'Goed', targetOn: null, errors: {} },
    ];
    const r = setPip(ctx, actorFor(ctx, ctx.users.consulent), clientId, { fields: { ok: false, errors: { languageGoal: 'Vul het taaldoel in' } }, goals: rows });
    expect(r.ok).toBe(false);
    const errors = !r.ok && r.refusal.kind === 'invalid' ? r.refusal.errors : {};
    expect(Object.entries(errors)).toEqual([
      ['languageGoal', 'Vul het taaldoel in'],
      ['goal_domain_0', 'Kies het leefdomein bij doel 1'],
      ['goal_text_0', 'Beschrijf doel 1'],
    ]);
    const providers = setPip(ctx, actorFor(ctx, ctx.users.consulent), clientId, form({ taalaanbiederId: 4242, pvtCoreValue: null }));
    expect(!providers.ok && providers.refusal).toEqual({
      kind: 'invalid',
      errors: { pvtCoreValue: 'Koppel de PVT-activiteit aan een van de vier kernwaarden', taalaanbiederId: 'Kies een taalaanbieder uit de lijst' },
    });
    expect(listPipVersions(ctx.db, clientId)).toHaveLength(0);
    expect(auditActions(ctx, clientId)).toEqual([]);
  });

  it('needs a route first: the refusal, and the page that says so', () => {
    const bare = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent });
    const actor = actorFor(ctx, ctx.users.consulent);
    expect(setPip(ctx, actor, bare, form())).toEqual({ ok: false, refusal: { kind: 'invalid', errors: { _form: 'Voor het PIP is eerst een route nodig.' } } });
    const page = loadNewPipPage(ctx, actor, bare);
    expect(page.ok && page.value.kind).toBe('no-route');
    expect(loadPipPage(ctx, actor, bare).kind).toBe('no-route');
    expect(listPipVersions(ctx.db, bare)).toHaveLength(0);
  });

  it('refuses a closed dossier before looking at the input, and writes nothing', () => {
    closeClientDirectly(ctx, clientId);
    const actor = actorFor(ctx, ctx.users.consulent);
    const closed = { ok: false, refusal: { kind: 'closed', message: CLOSED_MESSAGE } };
    expect(setPip(ctx, actor, clientId, { fields: { ok: false, errors: { languageGoal: 'x' } }, goals: [] })).toEqual(closed);
    expect(setPip(ctx, actor, clientId, form())).toEqual(closed);
    expect(loadNewPipPage(ctx, actor, clientId)).toEqual(closed);
    expect(loadPipPage(ctx, actor, clientId).kind).toBe('no-route'); // readable, but no form
    expect(listPipVersions(ctx.db, clientId)).toHaveLength(0);
    expect(listClientEvents(ctx.db, clientId)).toHaveLength(0);
    expect(auditActions(ctx, clientId)).toEqual(['pip-bekeken']);
  });

  it('does not serve another team or an admin, and says nothing about whether the client exists', () => {
    const other = actorFor(ctx, ctx.users.otherConsulent);
    const msg = 'not-found: Deze cliënt bestaat niet of u heeft geen toegang.';
    expect(errorOf(() => setPip(ctx, other, clientId, form()))).toBe(msg);
    expect(errorOf(() => loadPipPage(ctx, other, clientId))).toBe(msg);
    expect(errorOf(() => loadNewPipPage(ctx, other, clientId))).toBe(msg);
    expect(errorOf(() => loadPipHandout(ctx, other, clientId, 'share'))).toBe(msg);
    expect(errorOf(() => loadPipPage(ctx, other, 999999))).toBe(msg);
    expect(errorOf(() => loadPipPage(ctx, actorFor(ctx, ctx.users.admin), clientId))).toMatch(/^forbidden/);
    expect(listPipVersions(ctx.db, clientId)).toHaveLength(0);
    expect(auditActions(ctx, clientId)).toEqual(['dossier-geweigerd', 'dossier-geweigerd', 'dossier-geweigerd', 'dossier-geweigerd']);
  });

  it('views: the latest version, an earlier one, and the handouts, each with its audit row', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    setPip(ctx, actor, clientId, form());
    setPip(ctx, actor, clientId, form({ vastgesteldOn: '2026-11-20', revisionReason: 'MOVE' }));
    const page = loadPipPage(ctx, actor, clientId);
    expect(page.kind === 'show' && [page.version.versionNo, page.isLatest]).toEqual([2, true]);
    const v1 = loadPipVersionPage(ctx, actor, clientId, '1');
    expect([v1.version.versionNo, v1.isLatest]).toEqual([1, false]);
    expect(errorOf(() => loadPipVersionPage(ctx, actor, clientId, '9'))).toBe('not-found: Deze versie van het PIP bestaat niet.');
    expect(loadPipHandout(ctx, actor, clientId, 'print').dv('hoursPerWeekLanguage')).toBe('8 uur');
    expect(auditActions(ctx, clientId)).toEqual(['pip-vastgesteld', 'pip-herzien', 'pip-bekeken', 'pip-bekeken', 'pip-afdrukversie-bekeken']);
  });
});
