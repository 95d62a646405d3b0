// Management information (issue 22) on a fixed data set with the clock injected: lead times per step, waiting
// signals at the limit, cohorts and the target figures with their lights at the boundaries.
import { beforeEach, describe, expect, it } from 'vitest';
import { UseCaseError } from '../../src/app/errors.js';
import { loadStationsPage, teamCohortFigures, teamTargetFigures } from '../../src/app/stations.js';
import { refreshClientStatus } from '../../src/db/client-status.js';
import { insertTargetVersion } from '../../src/db/targets.js';
import { DEFAULT_TARGETS } from '../../src/domain/index.js';
import { actorFor } from '../helpers/actor.js';
import { buildTestApp, type TestContext } from '../helpers/app.js';
import { chooseRoute, completeIntake, insertClient, setPip, status } from '../helpers/fixtures.js';

const NO_PERIOD = { ok: true as const, data: { from: null, to: null } };
const TODAY = '2026-11-24';

function client(ctx: TestContext, linkedOn: string, started: string | null, completed: string | null = null, team = ctx.teamA): number {
  const id = insertClient(ctx.db, { teamId: team, consulentId: team === ctx.teamA ? ctx.users.consulent : ctx.users.otherConsulent, linkedOn });
  if (started) completeIntake(ctx.db, id, started, completed);
  refreshClientStatus(ctx.db, id, TODAY);
  return id;
}

describe('lead times per step', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await buildTestApp();
  });

  it('median and 90th percentile of the steps completed in the period; other teams and earlier steps left out', () => {
    for (let k = 1; k <= 10; k++) {
      const id = client(ctx, '2026-01-01', '2026-02-01', `2026-02-${String(1 + k).padStart(2, '0')}`);
      chooseRoute(ctx.db, id, 'B1', ctx.users.consulent, '2026-03-01');
      refreshClientStatus(ctx.db, id, TODAY);
    }
    client(ctx, '2025-10-01', '2025-11-01', '2025-11-24'); // completed the day before the default period
    client(ctx, '2026-01-01', '2026-01-01', '2026-04-11', ctx.teamB); // 100 days, other team
    const page = loadStationsPage(ctx, actorFor(ctx, ctx.users.teamleider), NO_PERIOD);
    expect(page.period).toEqual({ from: '2025-11-25', to: TODAY });
    const step = page.figures?.steps.find((s) => s.step === 'INTAKE_COMPLETED');
    expect(step).toMatchObject({ count: 10, median: 5.5, p90: 9 });
    expect(page.figures?.steps.find((s) => s.step === 'ROUTE_CHOSEN')).toMatchObject({ count: 10, median: 22.5, p90: 26 });
    // Widening the period takes in the earlier client (23 days): 11 values.
    const wide = loadStationsPage(ctx, actorFor(ctx, ctx.users.teamleider), { ok: true, data: { from: '2025-11-24', to: TODAY } });
    expect(wide.figures?.steps.find((s) => s.step === 'INTAKE_COMPLETED')).toMatchObject({ count: 11, median: 6, p90: 10 });
  });

  it('the waiting signal: on the limit not yet, one day past it is; longest waiting first', () => {
    const onLimit = client(ctx, '2026-10-01', '2026-10-20', '2026-11-10'); // waits for the route: 14 days = limit
    const past = client(ctx, '2026-10-01', '2026-10-20', '2026-11-09'); // 15 days
    const teamleider = actorFor(ctx, ctx.users.teamleider);
    let f = loadStationsPage(ctx, teamleider, NO_PERIOD).figures;
    expect(f?.steps.find((s) => s.step === 'ROUTE_CHOSEN')).toMatchObject({ waiting: 2, waitingTooLong: 1, limit: 14 });
    expect(f?.longest.map((w) => [w.clientId, w.days, w.tooLong])).toEqual([
      [past, 15, true],
      [onLimit, 14, false],
    ]);
    ctx.clock.set('2026-11-25T09:00:00.000Z');
    f = loadStationsPage(ctx, actorFor(ctx, ctx.users.teamleider), NO_PERIOD).figures;
    expect(f?.steps.find((s) => s.step === 'ROUTE_CHOSEN')).toMatchObject({ waiting: 2, waitingTooLong: 2 });
    // The limit is the admin's: a new version of the targets moves it.
    insertTargetVersion(ctx.db, { effectiveFrom: '2026-11-01', targets: { ...DEFAULT_TARGETS, waitDays: { ...DEFAULT_TARGETS.waitDays, ROUTE_CHOSEN: 20 } }, note: null, createdBy: ctx.users.admin, now: TODAY });
    f = loadStationsPage(ctx, actorFor(ctx, ctx.users.teamleider), NO_PERIOD).figures;
    expect(f?.steps.find((s) => s.step === 'ROUTE_CHOSEN')).toMatchObject({ waitingTooLong: 0, limit: 20 });
  });

  it('only for the teamleider; the view is audited; a reversed period gives a message', () => {
    expect(() => loadStationsPage(ctx, actorFor(ctx, ctx.users.consulent), NO_PERIOD)).toThrow(UseCaseError);
    const bad = loadStationsPage(ctx, actorFor(ctx, ctx.users.teamleider), { ok: true, data: { from: '2026-06-01', to: '2026-01-01' } });
    expect(bad.figures).toBeNull();
    expect(bad.errors.to).toMatch(/op of na de begindatum/);
    const actions = ctx.db.prepare("SELECT action FROM audit_log WHERE action = 'doorlooptijden-bekeken'").pluck().all();
    expect(actions).toHaveLength(1);
  });
});

describe('cohorts', () => {
  it('counts per quarter of registration: intake, PIP, in progress, closed by reason, median days to the PIP', async () => {
    const ctx = await buildTestApp();
    const u = ctx.users.consulent;
    client(ctx, '2026-01-15', null);
    const b = client(ctx, '2026-03-31', '2026-04-01', '2026-04-10');
    chooseRoute(ctx.db, b, 'Z', u, '2026-04-15');
    setPip(ctx.db, b, u, '2026-05-30'); // 60 days after registration
    refreshClientStatus(ctx.db, b, TODAY);
    const c = client(ctx, '2026-02-01', '2026-02-02', '2026-02-10');
    chooseRoute(ctx.db, c, 'Z', u, '2026-02-15');
    setPip(ctx.db, c, u, '2026-03-03'); // 30 days
    ctx.db.prepare("UPDATE clients SET closed_on = '2026-09-01', closure_reason = 'ONTHEFFING' WHERE id = ?").run(c);
    refreshClientStatus(ctx.db, c, TODAY);
    client(ctx, '2026-04-01', null); // Q2
    client(ctx, '2025-12-31', null); // before the range
    client(ctx, '2026-01-15', null, null, ctx.teamB);
    const cohorts = teamCohortFigures(ctx, ctx.teamA, '2026-01-01', '2026-12-31');
    expect(cohorts.map((k) => k.cohort)).toEqual(['2026-Q1', '2026-Q2']);
    expect(cohorts[0]).toMatchObject({ label: '1e kwartaal 2026', clients: 3, intakeStarted: 2, pipSet: 2, inProgress: 1, closed: 1, medianDaysToPip: 45 });
    expect(cohorts[0]?.closedByReason).toEqual([{ reason: 'ONTHEFFING', label: 'Ontheffing', count: 1 }]);
    expect(cohorts[1]).toMatchObject({ clients: 1, intakeStarted: 0, pipSet: 0, closed: 0, medianDaysToPip: null });
  });
});

describe('targets: figures and lights at their boundaries', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await buildTestApp();
  });
  const fig = (key: string, from = '2026-01-01', to = '2026-06-30') =>
    teamTargetFigures(ctx, ctx.teamA, from, to, TODAY).figures.find((f) => f.key === key);

  it('intake started within 13 weeks: day 91 counts, day 92 does not; 4 of 5 is 80% = green, with a target of 81 orange', () => {
    client(ctx, '2026-01-01', '2026-04-02'); // day 91
    client(ctx, '2026-01-01', '2026-01-05');
    client(ctx, '2026-01-01', '2026-01-06');
    client(ctx, '2026-01-01', '2026-01-07');
    client(ctx, '2026-01-01', '2026-04-03'); // day 92
    client(ctx, '2025-12-31', '2026-01-02'); // registered before the period
    expect(fig('INTAKE_STARTED')).toMatchObject({ part: 4, total: 5, pct: 80, target: 80, light: 'green' });
    insertTargetVersion(ctx.db, { effectiveFrom: '2026-01-01', targets: { ...DEFAULT_TARGETS, intakeStartedPct: 81 }, note: null, createdBy: ctx.users.admin, now: TODAY });
    expect(fig('INTAKE_STARTED')).toMatchObject({ pct: 80, target: 81, light: 'orange' });
  });

  it('a client whose 13 weeks have not passed and whose intake has not started does not count yet', () => {
    client(ctx, '2026-11-01', null);
    client(ctx, '2026-11-02', '2026-11-03');
    expect(fig('INTAKE_STARTED', '2026-10-01', '2026-12-31')).toMatchObject({ part: 1, total: 1, pct: 100 });
  });

  it('PIP on time reads the PIP_LATE signal\'s due date: set on it counts, a day after does not', () => {
    const u = ctx.users.consulent;
    const onTime = client(ctx, '2026-01-01', '2026-01-05', '2026-01-20');
    const late = client(ctx, '2026-01-01', '2026-01-05', '2026-01-20');
    const due = status(ctx.db, onTime).pip_due_on as string;
    expect(due).toBe('2026-03-16'); // intake start + 10 weeks (the rules)
    setPip(ctx.db, onTime, u, due);
    setPip(ctx.db, late, u, '2026-03-17');
    client(ctx, '2026-01-01', '2026-01-05'); // due 2026-03-16, no PIP: late
    for (const id of [onTime, late]) refreshClientStatus(ctx.db, id, TODAY);
    expect(fig('PIP_ON_TIME')).toMatchObject({ part: 1, total: 3, pct: 33, light: 'red' });
  });

  it('the trend has the 4 quarters up to the period end, oldest first, with their counts', () => {
    client(ctx, '2026-01-01', '2026-01-05');
    client(ctx, '2026-05-01', '2026-09-01'); // more than 13 weeks
    const f = fig('INTAKE_STARTED');
    expect(f?.trend.map((q) => [q.label, q.part, q.total])).toEqual([
      ['K3 2025', 0, 0],
      ['K4 2025', 0, 0],
      ['K1 2026', 1, 1],
      ['K2 2026', 0, 1],
    ]);
  });

  it('on track is a snapshot with the AT_RISK signal: only for a period up to today', () => {
    const u = ctx.users.consulent;
    const a = client(ctx, '2026-01-01', '2026-01-05', '2026-01-20');
    chooseRoute(ctx.db, a, 'Z', u, '2026-01-25');
    setPip(ctx.db, a, u, '2026-02-01');
    refreshClientStatus(ctx.db, a, TODAY);
    const risky = status(ctx.db, a).at_risk as number;
    expect(fig('ON_TRACK', '2026-01-01', TODAY)).toMatchObject({ total: 1, part: risky ? 0 : 1 });
    expect(fig('ON_TRACK')).toMatchObject({ total: 0, light: 'none' });
  });

  it('per route: the figure of the route\'s clients against the route\'s own target', () => {
    const u = ctx.users.consulent;
    const z = client(ctx, '2026-01-01', '2026-01-05', '2026-01-20');
    chooseRoute(ctx.db, z, 'Z', u, '2026-01-25');
    const due = status(ctx.db, z).pip_due_on as string;
    setPip(ctx.db, z, u, due);
    refreshClientStatus(ctx.db, z, TODAY);
    const b1 = client(ctx, '2026-01-01', '2026-01-05', '2026-01-20');
    chooseRoute(ctx.db, b1, 'B1', u, '2026-01-25');
    setPip(ctx.db, b1, u, '2026-03-17'); // a day late
    refreshClientStatus(ctx.db, b1, TODAY);
    insertTargetVersion(ctx.db, { effectiveFrom: '2026-01-01', targets: { ...DEFAULT_TARGETS, byRoute: { B1: { PIP_ON_TIME: 0 }, ONDERWIJS: {}, Z: {} } }, note: null, createdBy: ctx.users.admin, now: TODAY });
    const f = fig('PIP_ON_TIME');
    expect(f).toMatchObject({ part: 1, total: 2, pct: 50, target: 90, light: 'red' });
    expect(f?.byRoute.map((r) => [r.route, r.part, r.total, r.target, r.light])).toEqual([
      ['B1', 0, 1, 0, 'green'],
      ['ONDERWIJS', 0, 0, 90, 'none'],
      ['Z', 1, 1, 90, 'green'],
    ]);
    expect(fig('INTAKE_STARTED')?.byRoute).toEqual([]);
  });

  it('placement: the moment `placementMonths` after the PIP counts on the period\'s first and last day, not a day outside (issue 23: the one-pass query)', () => {
    const u = ctx.users.consulent;
    expect(DEFAULT_TARGETS.placementMonths).toBe(6);
    const withPip = (pipOn: string) => {
      const id = client(ctx, '2024-01-01', '2024-01-05', '2024-01-20');
      setPip(ctx.db, id, u, pipOn);
      refreshClientStatus(ctx.db, id, TODAY);
    };
    withPip('2025-07-01'); // + 6 months: 2026-01-01, the first day
    withPip('2025-09-30'); // 2026-03-30
    withPip('2025-06-30'); // 2025-12-30, before
    withPip('2025-10-01'); // 2026-04-01, after
    expect(fig('PLACEMENT', '2026-01-01', '2026-03-30')).toMatchObject({ total: 2 });
    expect(fig('PLACEMENT', '2026-01-02', '2026-03-29')).toMatchObject({ total: 0 });
    // SQLite moves a month end that does not exist forward: 31 August + 6 months is 3 March.
    withPip('2025-08-31');
    expect(fig('PLACEMENT', '2026-03-03', '2026-03-29')).toMatchObject({ total: 1 });
    expect(fig('PLACEMENT', '2026-03-01', '2026-03-02')).toMatchObject({ total: 0 });
  });
});
