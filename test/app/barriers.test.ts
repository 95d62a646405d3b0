import { mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { type BarrierForm, loadBarriersPage, recordBarriers } from '../../src/app/barriers.js';
import { recordVoortgangsgesprek, type VoortgangForm } from '../../src/app/conversations.js';
import { UseCaseError } from '../../src/app/errors.js';
import { loadTeamFiguresPage } from '../../src/app/team.js';
import { listBarrierHistory, teamBarrierCounts } from '../../src/db/barriers.js';
import { openDatabase } from '../../src/db/connection.js';
import { MIGRATIONS_DIR, migrate } from '../../src/db/migrate.js';
import { listClientEvents } from '../../src/db/timeline.js';
import { currentBarriers } from '../../src/domain/index.js';
import { actorFor, auditActions, closeClientDirectly } from '../helpers/actor.js';
import { buildTestApp, type TestContext } from '../helpers/app.js';
import { completeIntake, insertClient, zRouteClient } from '../helpers/fixtures.js';

const form = (over: Partial<BarrierForm> = {}): { ok: true; data: BarrierForm } => ({
  ok: true,
  data: { statusOn: '2026-11-20', statuses: {}, note: null, ...over },
});

const voortgang = (over: Partial<VoortgangForm> = {}): { ok: true; data: VoortgangForm } => ({
  ok: true,
  data: {
    heldOn: '2026-11-20',
    clientPresent: true,
    consulentPresent: true,
    coachName: null,
    interpreterName: null,
    languageDevelopment: null,
    participation: null,
    goingWell: null,
    barriers: null,
    ...over,
  },
});

const kindOf = (rows: ReturnType<typeof teamBarrierCounts>, kind: string) => rows.find((r) => r.kind === kind)!;

describe('barriers register over time', () => {
  let ctx: TestContext;
  let id: number;
  beforeEach(async () => {
    ctx = await buildTestApp(); // today 24 November 2026
    id = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent });
  });

  it('keeps the history: a status holds from its date, a later one takes over on its day', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    expect(recordBarriers(ctx, actor, id, form({ statusOn: '2026-03-01', statuses: { CHILDCARE: 'PRESENT', DEBTS: 'NONE' } }))).toEqual({
      ok: true,
      value: { changed: 2 },
    });
    recordBarriers(ctx, actor, id, form({ statusOn: '2026-06-01', statuses: { CHILDCARE: 'RESOLVED', DEBTS: 'NONE' } }));
    const history = listBarrierHistory(ctx.db, id);
    expect(history.map((h) => [h.statusOn, h.kind, h.status])).toEqual([
      ['2026-06-01', 'CHILDCARE', 'RESOLVED'],
      ['2026-03-01', 'DEBTS', 'NONE'],
      ['2026-03-01', 'CHILDCARE', 'PRESENT'],
    ]); // DEBTS unchanged on 1 June: nothing recorded again
    const on = (d: string, kind: string) => currentBarriers(history, d).find((c) => c.kind === kind)!;
    expect(on('2026-02-28', 'CHILDCARE')).toEqual({ kind: 'CHILDCARE', status: null, since: null });
    expect(on('2026-03-01', 'CHILDCARE')).toEqual({ kind: 'CHILDCARE', status: 'PRESENT', since: '2026-03-01' });
    expect(on('2026-05-31', 'CHILDCARE').status).toBe('PRESENT');
    expect(on('2026-06-01', 'CHILDCARE')).toEqual({ kind: 'CHILDCARE', status: 'RESOLVED', since: '2026-06-01' });
    expect(on('2026-11-24', 'HOUSING').status).toBeNull(); // never asked: niet ingevuld
    expect(listClientEvents(ctx.db, id).map((e) => e.summary)).toEqual([
      'Belemmeringen bijgewerkt (kinderopvang: opgelost)',
      'Belemmeringen bijgewerkt (kinderopvang: speelt; schulden of geldzorgen: geen)',
    ]);
    expect(auditActions(ctx, id)).toEqual(['belemmeringen-vastgelegd', 'belemmeringen-vastgelegd']);
  });

  it('refuses a form that changes nothing, a date after today, a closed dossier and another team', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    recordBarriers(ctx, actor, id, form({ statuses: { HEALTH: 'PRESENT' } }));
    const same = recordBarriers(ctx, actor, id, form({ statuses: { HEALTH: 'PRESENT' } }));
    expect(same).toEqual({ ok: false, refusal: { kind: 'invalid', errors: { barrier_CHILDCARE: 'Er is niets veranderd: kies bij minstens één belemmering een andere stand' } } });
    expect(recordBarriers(ctx, actor, id, form({ statusOn: '2026-11-25', statuses: { HEALTH: 'RESOLVED' } }))).toMatchObject({
      ok: false,
      refusal: { kind: 'invalid', errors: { statusOn: expect.stringContaining('mag niet na vandaag') } },
    });
    expect(recordBarriers(ctx, actor, id, form({ statusOn: '2026-11-24', statuses: { HEALTH: 'RESOLVED' } })).ok).toBe(true);
    let error: unknown;
    try {
      recordBarriers(ctx, actorFor(ctx, ctx.users.otherConsulent), id, form({ statuses: { HOUSING: 'PRESENT' } }));
    } catch (e) {
      error = e;
    }
    expect(error instanceof UseCaseError && error.kind).toBe('not-found');
    closeClientDirectly(ctx, id);
    expect(recordBarriers(ctx, actor, id, form({ statuses: { HOUSING: 'PRESENT' } }))).toMatchObject({ ok: false, refusal: { kind: 'closed' } });
    expect(listBarrierHistory(ctx.db, id)).toHaveLength(2);
  });

  it('asks at the voortgangsgesprek: changed statuses are recorded on its date, linked to it, unchanged ones not', () => {
    const z = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    const actor = actorFor(ctx, ctx.users.consulent);
    recordBarriers(ctx, actor, z, form({ statusOn: '2026-09-01', statuses: { CHILDCARE: 'PRESENT' } }));
    const r = recordVoortgangsgesprek(ctx, actor, z, { scores: {}, agreements: { rows: [], errors: {} } }, voortgang({ barrierStatuses: { CHILDCARE: 'PRESENT', DEBTS: 'PRESENT', HOUSING: 'NONE' } }));
    expect(r.ok).toBe(true);
    const conversationId = r.ok ? r.value.conversationId : 0;
    expect(listBarrierHistory(ctx.db, z).map((h) => [h.statusOn, h.kind, h.status, h.conversationId])).toEqual([
      ['2026-11-20', 'HOUSING', 'NONE', conversationId],
      ['2026-11-20', 'DEBTS', 'PRESENT', conversationId],
      ['2026-09-01', 'CHILDCARE', 'PRESENT', null],
    ]); // newest first; CHILDCARE unchanged at the conversation
    expect(listClientEvents(ctx.db, z, 2).map((e) => e.kind).sort()).toEqual(['BARRIERS', 'CONVERSATION']);
    // The form shows the current statuses as its values.
    const page = loadBarriersPage(ctx, actor, z);
    expect(page.initialValues).toMatchObject({ barrier_CHILDCARE: 'PRESENT', barrier_DEBTS: 'PRESENT', barrier_HOUSING: 'NONE', barrier_HEALTH: '' });
  });

  it('counts "geen" apart from "niet ingevuld" in the team figures, open dossiers only, as of today', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    const b = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent });
    const c = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent });
    const closed = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent });
    recordBarriers(ctx, actor, id, form({ statuses: { DEBTS: 'NONE' } }));
    recordBarriers(ctx, actor, b, form({ statuses: { DEBTS: 'PRESENT', HOUSING: 'PRESENT' } }));
    recordBarriers(ctx, actor, b, form({ statusOn: '2026-11-22', statuses: { HOUSING: 'RESOLVED' } }));
    recordBarriers(ctx, actor, closed, form({ statuses: { DEBTS: 'PRESENT' } }));
    closeClientDirectly(ctx, closed);
    void c; // c: nothing asked
    const open = ctx.db.prepare('SELECT COUNT(*) FROM clients WHERE team_id = ? AND closed_on IS NULL').pluck().get(ctx.teamA) as number;
    const counts = teamBarrierCounts(ctx.db, ctx.teamA, '2026-11-24');
    expect(kindOf(counts, 'DEBTS')).toEqual({ kind: 'DEBTS', present: 1, resolved: 0, none: 1, notFilledIn: open - 2 });
    expect(kindOf(counts, 'HOUSING')).toEqual({ kind: 'HOUSING', present: 0, resolved: 1, none: 0, notFilledIn: open - 1 });
    expect(kindOf(teamBarrierCounts(ctx.db, ctx.teamA, '2026-11-21'), 'HOUSING')).toMatchObject({ present: 1, resolved: 0 });
    expect(kindOf(counts, 'TRAVEL')).toEqual({ kind: 'TRAVEL', present: 0, resolved: 0, none: 0, notFilledIn: open });
    const page = loadTeamFiguresPage(ctx, actorFor(ctx, ctx.users.teamleider), { ok: true, data: { from: null, to: null } });
    expect(kindOf(page.barriers, 'DEBTS')).toMatchObject({ present: 1, none: 1 });
  });
});

describe('migration 0141: the intake barriers into the register', () => {
  it('carries the ticked intake barriers over as present on the completion date; unticked ones stay "niet ingevuld"', () => {
    const dir = mkdtempSync(join(tmpdir(), 'koers-before-'));
    for (const f of readdirSync(MIGRATIONS_DIR)) if (/^\d{4}_/.test(f) && f.slice(0, 4) < '0141') symlinkSync(join(MIGRATIONS_DIR, f), join(dir, f));
    const db = openDatabase(':memory:');
    migrate(db, dir);
    const now = '2026-01-01T00:00:00.000Z';
    db.prepare("INSERT INTO teams (id, name, created_at) VALUES (1, 'T', ?)").run(now);
    for (const [cid, nr] of [[1, 'K-1'], [2, 'K-2'], [3, 'K-3']] as const) {
      db.prepare(
        `INSERT INTO clients (id, client_number, first_name, last_name, birth_date, doelgroep, linked_on, team_id, created_at, updated_at)
         VALUES (?, ?, 'A', 'B', '1990-01-01', 'GEZINSMIGRANT', '2025-01-01', 1, ?, ?)`,
      ).run(cid, nr, now, now);
    }
    completeIntake(db, 1, '2025-02-01', '2025-02-20');
    completeIntake(db, 2, '2025-03-01', null); // a draft: nothing known yet
    completeIntake(db, 3, '2025-03-01', '2025-03-10');
    db.prepare('UPDATE intakes SET barrier_childcare = 1, barrier_travel_time = 1 WHERE client_id IN (1, 2)').run();
    migrate(db);
    const rows = db.prepare('SELECT client_id, kind, status, status_on, created_by FROM client_barriers ORDER BY client_id, kind').all();
    expect(rows).toEqual([
      { client_id: 1, kind: 'CHILDCARE', status: 'PRESENT', status_on: '2025-02-20', created_by: null },
      { client_id: 1, kind: 'TRAVEL', status: 'PRESENT', status_on: '2025-02-20', created_by: null },
    ]);
  });
});
