import { beforeEach, describe, expect, it } from 'vitest';
import { CLOSED_MESSAGE } from '../../src/app/client-page.js';
import { UseCaseError } from '../../src/app/errors.js';
import { type IntakeFields, intakeDomains, loadIntakePage, saveIntake } from '../../src/app/intake.js';
import { findIntake } from '../../src/db/intakes.js';
import { listClientEvents } from '../../src/db/timeline.js';
import { actorFor, auditActions, closeClientDirectly } from '../helpers/actor.js';
import { buildTestApp, type TestContext } from '../helpers/app.js';
import { insertClient, status } from '../helpers/fixtures.js';

describe('intake use cases (no HTTP)', () => {
  let ctx: TestContext;
  let clientId: number;
  let fields: (over?: Partial<IntakeFields>, score?: number | null) => { ok: true; data: IntakeFields };
  beforeEach(async () => {
    ctx = await buildTestApp();
    clientId = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent });
    const domains = intakeDomains(ctx);
    fields = (over = {}, score = null) => ({
      ok: true,
      data: {
        educationHistory: null,
        highestEducation: null,
        workHistory: 'Boer in Eritrea',
        languagesSpoken: null,
        literacy: null,
        health: null,
        barrierChildcare: false,
        barrierFamilyReunification: false,
        barrierPsychological: false,
        barrierTravelTime: false,
        barrierNotes: null,
        family: null,
        finances: null,
        wishesWork: null,
        wishesEducation: null,
        wantsEducation: false,
        leerbaarheidScore: null,
        leerbaarheidOn: null,
        scores: domains.map((d) => ({ leefdomeinId: d.id, score, note: null })),
        ...over,
      },
    });
  });

  it('saves a draft: starts the intake with a timeline event, a PIP due date and an audit row', () => {
    const r = saveIntake(ctx, actorFor(ctx, ctx.users.consulent), clientId, 0, false, fields());
    expect(r).toEqual({ ok: true, value: { clientId, justCompleted: false, completed: false } });
    const intake = findIntake(ctx.db, clientId)!;
    expect(intake).toMatchObject({ startedOn: '2026-11-24', completedOn: null, workHistory: 'Boer in Eritrea', version: 1 });
    expect(status(ctx.db, clientId)).toMatchObject({ phase: 'INTAKE', pip_due_on: '2027-02-02' });
    expect(listClientEvents(ctx.db, clientId)).toMatchObject([
      { kind: 'INTAKE_STARTED', summary: 'Brede intake begonnen', refTable: 'intakes', refId: intake.id, occurredOn: '2026-11-24' },
    ]);
    expect(auditActions(ctx, clientId)).toEqual(['intake-opgeslagen']);
  });

  it('completes the intake only with the leerbaarheidstoets and every score; later changes are on the timeline', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    const missing = saveIntake(ctx, actor, clientId, 0, true, fields({ leerbaarheidScore: 24 }));
    expect(!missing.ok && missing.refusal.kind).toBe('invalid');
    expect(!missing.ok && missing.refusal.kind === 'invalid' && Object.keys(missing.refusal.errors)).toEqual([
      'leerbaarheidOn',
      ...intakeDomains(ctx).map((d) => `score_${d.id}`),
    ]);
    expect(findIntake(ctx.db, clientId)).toBeUndefined();
    const done = saveIntake(ctx, actor, clientId, 0, true, fields({ leerbaarheidScore: 24, leerbaarheidOn: '2026-11-10' }, 3));
    expect(done).toEqual({ ok: true, value: { clientId, justCompleted: true, completed: true } });
    expect(status(ctx.db, clientId)).toMatchObject({ phase: 'ROUTE_CHOICE', intake_completed_on: '2026-11-24' });
    // A completed intake stays completed: a save without `finish` still needs the completion fields.
    const later = saveIntake(ctx, actor, clientId, 1, false, fields({ leerbaarheidScore: 30, leerbaarheidOn: '2026-11-10' }, 4));
    expect(later).toEqual({ ok: true, value: { clientId, justCompleted: false, completed: true } });
    expect(findIntake(ctx.db, clientId)).toMatchObject({ leerbaarheidScore: 30, completedOn: '2026-11-24', version: 2 });
    expect(listClientEvents(ctx.db, clientId).map((e) => [e.kind, e.summary]).reverse()).toEqual([
      ['INTAKE_STARTED', 'Brede intake begonnen'],
      ['INTAKE_COMPLETED', 'Brede intake afgerond (leerbaarheidstoets 24 van 40)'],
      ['INTAKE_UPDATED', 'Brede intake gewijzigd na afronding'],
    ]);
    expect(auditActions(ctx, clientId)).toEqual(['intake-afgerond', 'intake-opgeslagen']);
  });

  it('refuses a stale version and keeps what is stored', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    expect(saveIntake(ctx, actor, clientId, 0, false, fields({ family: 'A' })).ok).toBe(true);
    const stale = { ok: false, refusal: { kind: 'stale', message: 'Niet opgeslagen: iemand anders heeft de intake net opgeslagen.' } };
    expect(saveIntake(ctx, actorFor(ctx, ctx.users.teamleider), clientId, 0, false, fields({ family: 'B' }))).toEqual(stale);
    expect(saveIntake(ctx, actor, clientId, 7, false, fields({ family: 'C' }))).toEqual(stale);
    expect(findIntake(ctx.db, clientId)).toMatchObject({ family: 'A', version: 1 });
    expect(listClientEvents(ctx.db, clientId)).toHaveLength(1);
    // Not begun yet, but the form says it was: someone removed or never saved it; refused too.
    const fresh = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent });
    expect(saveIntake(ctx, actor, fresh, 1, false, fields())).toEqual(stale);
    expect(findIntake(ctx.db, fresh)).toBeUndefined();
    expect(auditActions(ctx, clientId)).toEqual(['intake-opgeslagen']);
  });

  it('refuses a closed dossier before looking at the input', () => {
    closeClientDirectly(ctx, clientId);
    const actor = actorFor(ctx, ctx.users.consulent);
    const closed = { ok: false, refusal: { kind: 'closed', message: CLOSED_MESSAGE } };
    expect(saveIntake(ctx, actor, clientId, 0, false, { ok: false, errors: { family: 'x' } })).toEqual(closed);
    expect(saveIntake(ctx, actor, clientId, 0, true, fields())).toEqual(closed);
    expect(findIntake(ctx.db, clientId)).toBeUndefined();
    expect(listClientEvents(ctx.db, clientId)).toEqual([]);
    expect(auditActions(ctx, clientId)).toEqual([]);
    expect(loadIntakePage(ctx, actor, clientId).header.closedOn).toBe('2026-11-01');
  });

  it('does not serve another team, and says nothing about whether the client exists', () => {
    const err = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e instanceof UseCaseError ? `${e.kind}: ${e.message}` : String(e);
      }
      return 'served';
    };
    const other = actorFor(ctx, ctx.users.otherConsulent);
    const NOT_FOUND = 'not-found: Deze cliënt bestaat niet of u heeft geen toegang.';
    expect(err(() => saveIntake(ctx, other, clientId, 0, false, fields()))).toBe(NOT_FOUND);
    expect(err(() => loadIntakePage(ctx, other, clientId))).toBe(NOT_FOUND);
    expect(err(() => loadIntakePage(ctx, other, 999999))).toBe(NOT_FOUND);
    expect(err(() => loadIntakePage(ctx, actorFor(ctx, ctx.users.admin), clientId))).toMatch(/^forbidden/);
    expect(findIntake(ctx.db, clientId)).toBeUndefined();
    expect(auditActions(ctx, clientId)).toEqual(['dossier-geweigerd', 'dossier-geweigerd']);
    loadIntakePage(ctx, actorFor(ctx, ctx.users.teamleider), clientId);
    expect(auditActions(ctx, clientId).at(-1)).toBe('intake-bekeken');
  });
});
