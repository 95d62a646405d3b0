import { beforeEach, describe, expect, it } from 'vitest';
import { UseCaseError } from '../../src/app/errors.js';
import { type ImportPreview, previewHourImport, runHourImport } from '../../src/app/hour-import.js';
import { listClientEvents } from '../../src/db/timeline.js';
import { actorFor, auditActions, closeClientDirectly } from '../helpers/actor.js';
import { buildTestApp, type TestContext } from '../helpers/app.js';
import { status, zRouteClient } from '../helpers/fixtures.js';

const HEADER = 'clientnummer;soort;activiteit;van;tot;uren;gepland;aanbieder';

function err(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof UseCaseError ? `${e.kind}: ${e.message}` : String(e);
  }
  return 'served';
}

describe('hour import use cases (no HTTP)', () => {
  let ctx: TestContext;
  let a: number;
  let b: number;
  const num = (id: number) => ctx.db.prepare('SELECT client_number FROM clients WHERE id = ?').pluck().get(id) as string;
  const count = (table: string) => ctx.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get();
  const file = (lines: string[], name = 'rapport.csv') => ({ name, bytes: Buffer.from([HEADER, ...lines].join('\n'), 'utf8') });
  function reviewed(lines: string[], userId = ctx.users.consulent): ImportPreview {
    const r = previewHourImport(ctx, actorFor(ctx, userId), file(lines));
    if (!r.ok) throw new Error('refused');
    return r.value;
  }
  beforeEach(async () => {
    ctx = await buildTestApp();
    a = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    b = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent2);
  });

  it('imports a reviewed file: hours, one timeline event per client, fresh statuses and audit rows, in one go', () => {
    const preview = reviewed([`${num(a)};taal;;01-10-2026;31-10-2026;40,5;48;`, `${num(a)};knm;;01-10-2026;31-10-2026;2;;`, `${num(b)};taal;;01-10-2026;31-10-2026;10;;`]);
    expect(preview.check).toMatchObject({ rows: 3, toImport: 3, problems: [] });
    expect(count('hour_entries')).toBe(0);
    expect(auditActions(ctx, a)).toEqual(['uren-import-gecontroleerd']);
    const r = runHourImport(ctx, actorFor(ctx, ctx.users.consulent), String(preview.draftId));
    expect(r).toEqual({ ok: true, value: { imported: 3, clientIds: [a, b], message: '3 regels geïmporteerd voor 2 cliënten.' } });
    expect(status(ctx.db, a).language_hours).toBe(40.5);
    expect(status(ctx.db, b).language_hours).toBe(10);
    expect(listClientEvents(ctx.db, a, 1)[0]).toMatchObject({
      kind: 'HOURS',
      summary: 'Uren geïmporteerd uit rapport.csv: 2 regels, 42,5 uur',
      refTable: 'hour_imports',
      userId: ctx.users.consulent,
    });
    expect(listClientEvents(ctx.db, b, 1)[0]!.summary).toBe('Uren geïmporteerd uit rapport.csv: 1 regel, 10 uur');
    expect(auditActions(ctx, a)).toEqual(['uren-import-gecontroleerd', 'uren-geimporteerd']);
    expect(auditActions(ctx, b)).toEqual(['uren-import-gecontroleerd', 'uren-geimporteerd']);
    // The same draft again is a conflict; the same rows in a new file are skipped.
    expect(runHourImport(ctx, actorFor(ctx, ctx.users.consulent), preview.draftId)).toMatchObject({ ok: false, refusal: { kind: 'conflict' } });
    const again = reviewed([`${num(a)};taal;;01-10-2026;31-10-2026;40,5;48;`, `${num(a)};pvt;;01-11-2026;20-11-2026;3;;`]);
    expect(again.check).toMatchObject({ toImport: 1, alreadyImported: 1 });
    const second = runHourImport(ctx, actorFor(ctx, ctx.users.consulent), again.draftId);
    expect(second.ok && second.value.message).toBe(
      '1 regel geïmporteerd voor 1 cliënt. 1 regel was al eerder geïmporteerd en is overgeslagen.',
    );
    expect(count('hour_entries')).toBe(4);
  });

  it('refuses a dossier closed after the review: the review comes back and nothing is imported', () => {
    const preview = reviewed([`${num(a)};taal;;01-10-2026;31-10-2026;40;;`]);
    closeClientDirectly(ctx, a, '2026-11-20');
    const r = runHourImport(ctx, actorFor(ctx, ctx.users.consulent), preview.draftId);
    expect(r.ok).toBe(false);
    if (r.ok || r.refusal.kind !== 'problems') throw new Error('expected the review');
    expect(r.refusal.preview.check.problems.map((p) => p.message)).toEqual([
      `Het traject van cliënt ${num(a)} is afgesloten; er kunnen geen uren meer bij.`,
    ]);
    expect(count('hour_entries')).toBe(0);
    expect(count('hour_imports')).toBe(0);
    expect(auditActions(ctx, a)).toEqual(['uren-import-gecontroleerd']);
  });

  it('does not serve another team: its clients are unknown, its drafts do not exist, and a teamleider imports nothing', () => {
    const foreign = zRouteClient(ctx.db, ctx.teamB, ctx.users.otherConsulent);
    const preview = reviewed([`${num(foreign)};taal;;01-10-2026;31-10-2026;40;;`]);
    expect(preview.check.problems).toEqual([
      { line: 2, field: 'clientnummer', message: `Cliëntnummer ${num(foreign)} is onbekend of hoort niet bij uw team.` },
    ]);
    const mine = reviewed([`${num(a)};taal;;01-10-2026;31-10-2026;40;;`]);
    const other = actorFor(ctx, ctx.users.otherConsulent);
    expect(err(() => runHourImport(ctx, other, mine.draftId))).toBe(
      'not-found: Dit importbestand bestaat niet (meer). Upload het bestand opnieuw.',
    );
    expect(err(() => runHourImport(ctx, actorFor(ctx, ctx.users.teamleider), mine.draftId))).toMatch(/^forbidden/);
    expect(err(() => previewHourImport(ctx, actorFor(ctx, ctx.users.admin), file([])))).toMatch(/^forbidden/);
    expect(count('hour_entries')).toBe(0);
    expect(auditActions(ctx, foreign)).toEqual([]);
  });

  it('refuses no file next to the file field, and keeps no draft of an unreadable one', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    expect(previewHourImport(ctx, actor, null)).toEqual({ ok: false, refusal: { kind: 'invalid', errors: { file: 'Kies een CSV-bestand met uren.' } } });
    expect(previewHourImport(ctx, actor, { name: 'leeg.csv', bytes: Buffer.alloc(0) }).ok).toBe(false);
    const bad = previewHourImport(ctx, actor, { name: 'x.csv', bytes: Buffer.from('naam;uren\nx;1\n') });
    expect(bad.ok && bad.value).toMatchObject({ draftId: 0, check: { problems: [{ line: 1, field: 'bestand' }] } });
    expect(count('hour_import_drafts')).toBe(0);
  });

  it('rolls everything back when a row fails mid-import', () => {
    const preview = reviewed([`${num(a)};taal;;01-10-2026;31-10-2026;40;;`, `${num(b)};taal;;01-10-2026;31-10-2026;13;;`]);
    ctx.db.exec(`CREATE TRIGGER fail_13 BEFORE INSERT ON hour_entries WHEN NEW.hours = 13
      BEGIN SELECT RAISE(ABORT, 'simulated failure'); END`);
    expect(() => runHourImport(ctx, actorFor(ctx, ctx.users.consulent), preview.draftId)).toThrow('simulated failure');
    expect(count('hour_entries')).toBe(0);
    expect(count('hour_imports')).toBe(0);
    expect(listClientEvents(ctx.db, a).some((e) => e.kind === 'HOURS' && e.refTable === 'hour_imports')).toBe(false);
    expect(status(ctx.db, a).language_hours).toBe(0);
    expect(auditActions(ctx, a)).toEqual(['uren-import-gecontroleerd']);
  });
});
