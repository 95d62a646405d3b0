import { beforeEach, describe, expect, it } from 'vitest';
import { changeHours, type HourForm, loadHoursPage, recordHours, removeHours } from '../../src/app/hours.js';
import { UseCaseError } from '../../src/app/errors.js';
import { findHour, listHours } from '../../src/db/hours.js';
import { listClientEvents } from '../../src/db/timeline.js';
import { actorFor, auditActions, closeClientDirectly } from '../helpers/actor.js';
import { buildTestApp, type TestContext } from '../helpers/app.js';
import { status, zRouteClient } from '../helpers/fixtures.js';

const form = (over: Partial<HourForm> = {}): { ok: true; data: HourForm } => ({
  ok: true,
  data: {
    kind: 'LANGUAGE',
    activityKindId: null,
    periodStart: '2026-11-02',
    periodEnd: '2026-11-20',
    hours: 12,
    plannedHours: 16,
    providerId: null,
    organisation: null,
    note: null,
    placementId: null,
    ...over,
  },
});

describe('hours use cases (no HTTP)', () => {
  let ctx: TestContext;
  let clientId: number;
  beforeEach(async () => {
    ctx = await buildTestApp();
    clientId = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
  });

  it('records hours with a timeline event, a fresh status and an audit row, in one go', () => {
    const before = status(ctx.db, clientId).language_hours as number;
    const r = recordHours(ctx, actorFor(ctx, ctx.users.consulent), clientId, form());
    expect(r).toEqual({ ok: true, value: { summary: '12 uur taalles (2 november 2026 t/m 20 november 2026)' } });
    expect(status(ctx.db, clientId).language_hours).toBe(before + 12);
    expect(listClientEvents(ctx.db, clientId, 1)[0]).toMatchObject({ kind: 'HOURS', summary: expect.stringContaining('12 uur taalles') });
    expect(auditActions(ctx, clientId)).toEqual(['uren-toegevoegd']);
  });

  it('refuses rules that need the stored data, next to the field, and saves nothing', () => {
    const n = listHours(ctx.db, clientId).length;
    const r = recordHours(ctx, actorFor(ctx, ctx.users.consulent), clientId, form({ kind: 'PARTICIPATION', periodEnd: '2026-11-25', providerId: 999 }));
    expect(r).toEqual({
      ok: false,
      refusal: {
        kind: 'invalid',
        errors: {
          periodEnd: 'De einddatum mag niet na vandaag (24 november 2026) liggen',
          activityKindId: 'Kies de activiteit: die is verplicht bij participatie',
          providerId: 'Kies een aanbieder uit de lijst',
        },
      },
    });
    expect(listHours(ctx.db, clientId)).toHaveLength(n);
  });

  it('refuses a closed dossier before looking at the input, with an audit row of the refusal', () => {
    closeClientDirectly(ctx, clientId);
    const r = recordHours(ctx, actorFor(ctx, ctx.users.consulent), clientId, { ok: false, errors: { hours: 'x' } });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.refusal.kind).toBe('closed');
    expect(auditActions(ctx, clientId)).toEqual(['wijziging-geweigerd-afgesloten']);
  });

  it('refuses a stale version and keeps what is stored', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    recordHours(ctx, actor, clientId, form());
    const entry = findHour(ctx.db, clientId, listHours(ctx.db, clientId).find((e) => e.hours === 12)!.id)!;
    expect(changeHours(ctx, actor, clientId, entry.id, entry.version, form({ hours: 10 })).ok).toBe(true);
    const r = changeHours(ctx, actor, clientId, entry.id, entry.version, form({ hours: 8 }));
    expect(!r.ok && r.refusal.kind).toBe('stale');
    expect(findHour(ctx.db, clientId, entry.id)!.hours).toBe(10);
    expect(() => removeHours(ctx, actor, clientId, entry.id, { ok: true, data: { reason: 'dubbel', version: entry.version } })).toThrow(
      UseCaseError,
    );
    expect(findHour(ctx.db, clientId, entry.id)!.deletedAt).toBeNull();
  });

  it('does not serve another team, and says nothing about whether the client exists', () => {
    const other = actorFor(ctx, ctx.users.otherConsulent);
    const err = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e instanceof UseCaseError ? `${e.kind}: ${e.message}` : String(e);
      }
      return 'served';
    };
    expect(err(() => recordHours(ctx, other, clientId, form()))).toBe('not-found: Deze cliënt bestaat niet of u heeft geen toegang.');
    expect(err(() => loadHoursPage(ctx, other, clientId))).toBe('not-found: Deze cliënt bestaat niet of u heeft geen toegang.');
    expect(err(() => loadHoursPage(ctx, other, 999999))).toBe('not-found: Deze cliënt bestaat niet of u heeft geen toegang.');
    expect(err(() => loadHoursPage(ctx, actorFor(ctx, ctx.users.admin), clientId))).toMatch(/^forbidden/);
    expect(listHours(ctx.db, clientId).some((e) => e.hours === 12)).toBe(false);
    expect(auditActions(ctx, clientId)).toEqual(['dossier-geweigerd', 'dossier-geweigerd']);
  });
});
