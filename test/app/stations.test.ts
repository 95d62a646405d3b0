// Management information (issue 22) on a fixed data set with the clock injected: lead times per step, waiting
// signals at the limit, cohorts and the target figures with their lights at the boundaries.
import { beforeEach, describe, expect, it } from 'vitest';
import { UseCaseError } from '../../src/app/errors.js';
import { addTargetVersion } from '../../src/app/admin-targets.js';
import { loadCaseloadPage } from '../../src/app/caseload.js';
import { loadDossierPage } from '../../src/app/clients.js';
import { loadStationsPage, teamCohortFigures, teamTargetFigures } from '../../src/app/stations.js';
import { clientSignals, DEFAULT_FILTER } from '../../src/db/caseload.js';
import { refreshClientStatus } from '../../src/db/client-status.js';
import { insertTargetVersion } from '../../src/db/targets.js';
import { DEFAULT_TARGETS } from '../../src/domain/index.js';
import { actorFor } from '../helpers/actor.js';
import { buildTestApp, type TestContext } from '../helpers/app.js';
import { addConversation, addHours, chooseRoute, completeIntake, insertClient, setPip, status } from '../helpers/fixtures.js';

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
    // The limit is the admin's: a new version of the targets moves it (saving it recomputes the statuses).
    addTargetVersion(ctx, actorFor(ctx, ctx.users.admin), { ok: true, data: { effectiveFrom: '2026-11-01', targets: { ...DEFAULT_TARGETS, waitDays: { ...DEFAULT_TARGETS.waitDays, ROUTE_CHOSEN: 20 } }, note: null } });
    f = loadStationsPage(ctx, actorFor(ctx, ctx.users.teamleider), NO_PERIOD).figures;
    expect(f?.steps.find((s) => s.step === 'ROUTE_CHOSEN')).toMatchObject({ waitingTooLong: 0, limit: 20 });
  });

  it('the WAITING caseload signal is the one definition: caseload badge and filter, dossier bar and stations page agree at the limit and one day past, for two steps', () => {
    // Waits for the route since the intake's completion (limit 14 days): day 14 on 2026-11-24, day 15 on the 25th.
    const route = client(ctx, '2026-10-01', '2026-10-20', '2026-11-10');
    // Waits for the intake's completion since its start (limit 42 days): day 42 on 2026-11-25, day 43 on the 26th.
    const intake = client(ctx, '2026-10-01', '2026-10-14');
    expect(status(ctx.db, route)).toMatchObject({ waiting_step: 'ROUTE_CHOSEN', waiting_since: '2026-11-10', waiting_too_long_on: '2026-11-25' });
    expect(status(ctx.db, intake)).toMatchObject({ waiting_step: 'INTAKE_COMPLETED', waiting_since: '2026-10-14', waiting_too_long_on: '2026-11-26' });
    const seen = (day: string) => {
      ctx.clock.set(`${day}T09:00:00.000Z`);
      const leader = actorFor(ctx, ctx.users.teamleider);
      const list = loadCaseloadPage(ctx, leader, { filter: { ...DEFAULT_FILTER, signal: 'WAITING' }, page: 1, notices: [] }).cl;
      const bar = (id: number) => loadDossierPage(ctx, actorFor(ctx, ctx.users.consulent), id, false).stations?.find((b) => b.state === 'waiting');
      const steps = loadStationsPage(ctx, leader, NO_PERIOD).figures?.steps ?? [];
      const tooLong = (step: string) => steps.find((x) => x.step === step)?.waitingTooLong;
      return {
        signal: [route, intake].map((id) => clientSignals(ctx.db, id, day).includes('WAITING')),
        filtered: list.list.rows.map((r) => r.id).sort((a, b) => a - b),
        count: list.counts.WAITING,
        badge: list.list.rows.map((r) => r.signals.includes('WAITING')),
        bar: [bar(route), bar(intake)].map((b) => [b?.station, b?.waitedDays, b?.limit, b?.tooLong]),
        page: [tooLong('ROUTE_CHOSEN'), tooLong('INTAKE_COMPLETED')],
      };
    };
    expect(seen('2026-11-24')).toEqual({
      signal: [false, false],
      filtered: [],
      count: 0,
      badge: [],
      bar: [['ROUTE_CHOSEN', 14, 14, false], ['INTAKE_COMPLETED', 41, 42, false]],
      page: [0, 0],
    });
    expect(seen('2026-11-25')).toEqual({
      signal: [true, false],
      filtered: [route],
      count: 1,
      badge: [true],
      bar: [['ROUTE_CHOSEN', 15, 14, true], ['INTAKE_COMPLETED', 42, 42, false]],
      page: [1, 0],
    });
    expect(seen('2026-11-26')).toEqual({
      signal: [true, true],
      filtered: [route, intake].sort((a, b) => a - b),
      count: 2,
      badge: [true, true],
      bar: [['ROUTE_CHOSEN', 16, 14, true], ['INTAKE_COMPLETED', 43, 42, true]],
      page: [1, 1],
    });
    // Once the route is chosen the client no longer waits on that step: the signal goes with the fact.
    chooseRoute(ctx.db, route, 'B1', ctx.users.consulent, '2026-11-26');
    refreshClientStatus(ctx.db, route, '2026-11-26');
    expect(clientSignals(ctx.db, route, '2026-11-26')).not.toContain('WAITING');
    expect(status(ctx.db, route)).toMatchObject({ waiting_step: 'PIP_SET', waiting_since: '2026-11-26' });
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

  it('on track is a snapshot with the AT_RISK signal for a period up to today; a past period is the forecast as of its last day', () => {
    const u = ctx.users.consulent;
    const zClient = (pipOn: string) => {
      const id = client(ctx, '2026-01-01', '2026-01-05', '2026-01-20');
      chooseRoute(ctx.db, id, 'Z', u, '2026-01-25');
      setPip(ctx.db, id, u, pipOn);
      return id;
    };
    const a = zClient('2026-02-01');
    refreshClientStatus(ctx.db, a, TODAY);
    const risky = status(ctx.db, a).at_risk as number;
    expect(risky).toBe(1); // no hours at all
    expect(fig('ON_TRACK', '2026-01-01', TODAY)).toMatchObject({ total: 1, part: risky ? 0 : 1 });
    // As of 2026-06-30 (the end of K2): the forecast window is the 12 weeks after 2026-04-07.
    const inWindow = zClient('2026-02-01');
    addHours(ctx.db, inWindow, 'LANGUAGE', 100, u, '2026-04-08', '2026-04-01');
    addHours(ctx.db, inWindow, 'PARTICIPATION', 100, u, '2026-04-08', '2026-04-01');
    const beforeWindow = zClient('2026-02-01');
    addHours(ctx.db, beforeWindow, 'LANGUAGE', 100, u, '2026-04-07', '2026-04-01');
    addHours(ctx.db, beforeWindow, 'PARTICIPATION', 100, u, '2026-04-07', '2026-04-01');
    const later = zClient('2026-02-01'); // its hours come after the end of the period: not known then
    addHours(ctx.db, later, 'LANGUAGE', 100, u, '2026-07-15', '2026-07-01');
    addHours(ctx.db, later, 'PARTICIPATION', 100, u, '2026-07-15', '2026-07-01');
    const afterwards = zClient('2026-07-01'); // PIP after the period: not running then
    const closed = zClient('2026-02-01');
    ctx.db.prepare("UPDATE clients SET closed_on = '2026-06-30', closure_reason = 'VERHUISD' WHERE id = ?").run(closed); // closed on the last day
    for (const id of [inWindow, beforeWindow, later, afterwards, closed]) refreshClientStatus(ctx.db, id, TODAY);
    // Running on 2026-06-30: a, inWindow, beforeWindow, later; on track by that day's forecast: inWindow only.
    expect(fig('ON_TRACK')).toMatchObject({ part: 1, total: 4, pct: 25, light: 'red' });
    const trend = fig('ON_TRACK', '2026-01-01', TODAY)?.trend.map((q) => [q.label, q.part, q.total]);
    expect(trend?.[1]).toEqual(['K2 2026', 1, 4]);
    // The current quarter is today's snapshot: the AT_RISK signal on the status rows (the closed one left out).
    const open = [a, inWindow, beforeWindow, later, afterwards].map((id) => status(ctx.db, id).at_risk as number);
    expect(trend?.[3]).toEqual(['K4 2026', open.filter((r) => r === 0).length, 5]);
    expect(fig('ON_TRACK', '2026-01-01', TODAY)?.trendNote).toMatch(/eerdere kwartalen zijn herberekend/);
    // The boundary of the window: moving the in-window hours one day earlier makes that client at risk too.
    ctx.db.prepare("UPDATE hour_entries SET period_end = '2026-04-07' WHERE client_id = ?").run(inWindow);
    refreshClientStatus(ctx.db, inWindow, TODAY); // as every change of hours does
    expect(fig('ON_TRACK')).toMatchObject({ part: 0, total: 4, light: 'red' });
  });

  it('participation place within 6 months of the PIP: activated on that day counts, a day later does not', () => {
    const u = ctx.users.consulent;
    const withPip = (pipOn: string, activatedOn: string | null) => {
      const id = client(ctx, '2025-06-01', '2025-06-02', '2025-06-10');
      chooseRoute(ctx.db, id, 'Z', u, '2025-06-20');
      setPip(ctx.db, id, u, pipOn);
      if (activatedOn) {
        ctx.db.prepare(
          `INSERT INTO placements (client_id, kind, organisation, start_on, hours_per_week, language_support, status, activated_on, created_by, created_at, updated_at)
           VALUES (?, 'VRIJWILLIGERSWERK', 'Buurthuis', ?, 8, 'GEEN', 'ACTIEF', ?, ?, ?, ?)`,
        ).run(id, activatedOn, activatedOn, u, TODAY, TODAY);
      }
      refreshClientStatus(ctx.db, id, TODAY);
      return id;
    };
    // 6 months after a PIP of 31 December is 30 June (as addMonths and the termijn count; not SQLite's 1 July).
    withPip('2025-12-31', '2026-06-30'); // on the day
    withPip('2025-12-31', '2026-07-01'); // a day late
    withPip('2025-12-31', null);
    withPip('2025-12-30', '2026-01-01'); // 6 months: 2026-06-30 too
    withPip('2026-01-01', '2026-01-02'); // 6 months: 2026-07-01, after the period
    expect(fig('PLACEMENT')).toMatchObject({ part: 2, total: 4, pct: 50, target: 40, light: 'green' });
    insertTargetVersion(ctx.db, { effectiveFrom: '2026-01-01', targets: { ...DEFAULT_TARGETS, placementPct: 61 }, note: null, createdBy: ctx.users.admin, now: TODAY });
    expect(fig('PLACEMENT')).toMatchObject({ pct: 50, target: 61, light: 'red' }); // 11 points under: past the margin
    insertTargetVersion(ctx.db, { effectiveFrom: '2026-02-01', targets: { ...DEFAULT_TARGETS, placementPct: 60 }, note: null, createdBy: ctx.users.admin, now: TODAY });
    expect(fig('PLACEMENT')).toMatchObject({ pct: 50, target: 60, light: 'orange' }); // 10 points under: still orange
  });

  it('plicht met: the eindgesprek on the last day of the termijn counts, a day after does not; closed as completed counts', () => {
    const u = ctx.users.consulent;
    const ended = (endOn: string | null) => {
      const id = client(ctx, '2022-12-01', '2022-12-02', '2022-12-10');
      chooseRoute(ctx.db, id, 'Z', u, '2023-01-10');
      setPip(ctx.db, id, u, '2023-03-01');
      if (endOn) addConversation(ctx.db, id, 'EIND', endOn, u);
      refreshClientStatus(ctx.db, id, TODAY);
      return id;
    };
    const onTime = ended('2026-03-01');
    expect(status(ctx.db, onTime).termijn_end).toBe('2026-03-01'); // the PIP + 3 years
    ended('2026-03-02');
    ended(null);
    const completed = ended(null);
    ctx.db.prepare("UPDATE clients SET closed_on = '2026-02-15', closure_reason = 'COMPLETED' WHERE id = ?").run(completed);
    refreshClientStatus(ctx.db, completed, TODAY);
    expect(fig('PLICHT_MET')).toMatchObject({ part: 2, total: 4, pct: 50, target: 70, light: 'red' });
  });

  it('the figures read the caseload signals\' own definitions: PIP not on time and on track match PIP_LATE and AT_RISK today', () => {
    const u = ctx.users.consulent;
    const late = client(ctx, '2026-08-01', '2026-08-03', '2026-08-20'); // PIP due 2026-10-12, none set
    client(ctx, '2026-08-01', '2026-08-03', '2026-08-20');
    const set = client(ctx, '2026-08-01', '2026-08-03', '2026-08-20');
    chooseRoute(ctx.db, set, 'Z', u, '2026-08-25');
    setPip(ctx.db, set, u, '2026-09-01');
    refreshClientStatus(ctx.db, set, TODAY);
    const leader = actorFor(ctx, ctx.users.teamleider);
    const counts = loadCaseloadPage(ctx, leader, { filter: { ...DEFAULT_FILTER }, page: 1, notices: [] }).cl.counts;
    const pip = fig('PIP_ON_TIME', '2026-07-01', TODAY);
    expect(clientSignals(ctx.db, late, TODAY)).toContain('PIP_LATE');
    expect(counts.PIP_LATE).toBe(2);
    expect(pip).toMatchObject({ part: 1, total: 3 });
    expect((pip?.total ?? 0) - (pip?.part ?? 0)).toBe(counts.PIP_LATE);
    const track = fig('ON_TRACK', '2026-07-01', TODAY);
    expect((track?.total ?? 0) - (track?.part ?? 0)).toBe(counts.AT_RISK);
    expect(track?.total).toBe(1);
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

  it('placement: the moment `placementMonths` after the PIP counts on the period\'s first and last day, not a day outside (the in-memory count)', () => {
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
    // A month end that does not exist is the last day of the month (date-fns addMonths): 31 August + 6 months is
    // 28 February, not SQLite's 3 March.
    withPip('2025-08-31');
    expect(fig('PLACEMENT', '2026-02-28', '2026-03-29')).toMatchObject({ total: 1 });
    expect(fig('PLACEMENT', '2026-03-01', '2026-03-29')).toMatchObject({ total: 0 });
  });
});
