import { beforeEach, describe, expect, it } from 'vitest';
import type { StaleSave } from '../../src/app/admin.js';
import { addListItem, changeListItem, loadListsPage, setListItemActive } from '../../src/app/admin-lists.js';
import { UseCaseError } from '../../src/app/errors.js';
import { findItem, listItems } from '../../src/db/lists.js';
import { actorFor } from '../helpers/actor.js';
import { buildTestApp, type TestContext } from '../helpers/app.js';

const adminAudit = (ctx: TestContext) =>
  ctx.db.prepare("SELECT action, outcome, details FROM audit_log WHERE activity = 'beheer' ORDER BY id").all() as { action: string; outcome: string; details: string }[];

const provider = (name: string, contact: string | null = null) => ({
  ok: true as const,
  data: { name, kind: 'TAALAANBIEDER' as const, contact },
});

const errorOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof UseCaseError ? `${e.kind}: ${e.message}` : String(e);
  }
  return 'served';
};

describe('admin list use cases (no HTTP)', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await buildTestApp();
  });

  it('adds and changes a provider, each with an audit row; a name in use is refused next to the field', () => {
    const admin = actorFor(ctx, ctx.users.admin);
    expect(addListItem(ctx, admin, 'aanbieders', provider('Taalschool Noord', '010-1234567'))).toEqual({
      ok: true,
      value: { message: 'Aanbieder "Taalschool Noord" is toegevoegd.' },
    });
    const [item] = listItems(ctx.db, 'providers');
    expect(item).toMatchObject({ name: 'Taalschool Noord', contact: '010-1234567', active: true, version: 1 });
    expect(changeListItem(ctx, admin, 'aanbieders', item!.id, 1, provider('Taalschool Rotterdam')).ok).toBe(true);
    expect(findItem(ctx.db, 'providers', item!.id)).toMatchObject({ name: 'Taalschool Rotterdam', contact: null, version: 2 });
    expect(addListItem(ctx, admin, 'aanbieders', provider('taalschool rotterdam'))).toEqual({
      ok: false,
      refusal: { kind: 'invalid', errors: { name: 'Er is al een aanbieder met de naam "taalschool rotterdam". Kies een andere naam.' } },
    });
    expect(listItems(ctx.db, 'providers')).toHaveLength(1);
    expect(adminAudit(ctx)).toEqual([
      { action: 'lijst-toegevoegd', outcome: 'ok', details: `providers ${item!.id}: Taalschool Noord` },
      { action: 'lijst-gewijzigd', outcome: 'ok', details: `providers ${item!.id}: Taalschool Rotterdam` },
    ]);
  });

  it('refuses a stale edit and a stale (de)activation: nothing saved, the clash audited as an error', () => {
    const admin = actorFor(ctx, ctx.users.admin);
    const stage = listItems(ctx.db, 'activity_kinds').find((i) => i.name === 'Stage')!;
    expect(changeListItem(ctx, admin, 'activiteiten', stage.id, 1, { ok: true, data: { name: 'Snuffelstage' } }).ok).toBe(true);
    const r = changeListItem(ctx, admin, 'activiteiten', stage.id, 1, { ok: true, data: { name: 'Werkstage' } });
    expect(r.ok).toBe(false);
    expect((r as { refusal: StaleSave }).refusal).toMatchObject({
      kind: 'stale',
      versionMissing: false,
      conflict: {
        title: 'Niet opgeslagen: iemand anders heeft deze soort activiteit intussen gewijzigd',
        rows: [{ label: 'Naam', stored: 'Snuffelstage', mine: 'Werkstage' }],
      },
    });
    const off = setListItemActive(ctx, admin, 'activiteiten', stage.id, 1, false);
    expect(!off.ok && off.refusal).toMatchObject({ kind: 'stale', conflict: { title: 'Niet uitgezet: iemand anders heeft soort activiteit "Snuffelstage" intussen gewijzigd' } });
    expect(findItem(ctx.db, 'activity_kinds', stage.id)).toMatchObject({ name: 'Snuffelstage', active: true, version: 2 });
    expect(adminAudit(ctx).slice(1)).toEqual([
      { action: 'lijst-wijziging-geweigerd', outcome: 'error', details: `activity_kinds ${stage.id}: wijzigen geweigerd, versie 1 verouderd (nu 2)` },
      { action: 'lijst-wijziging-geweigerd', outcome: 'error', details: `activity_kinds ${stage.id}: uitzetten geweigerd, versie 1 verouderd (nu 2)` },
    ]);
    expect(setListItemActive(ctx, admin, 'activiteiten', stage.id, 2, false)).toEqual({
      ok: true,
      value: { message: 'Soort activiteit "Snuffelstage" is uitgezet. Bestaande dossiers houden deze waarde; nieuwe keuzes tonen hem niet meer.' },
    });
    expect(findItem(ctx.db, 'activity_kinds', stage.id)).toMatchObject({ active: false, version: 3 });
    expect(adminAudit(ctx).at(-1)).toMatchObject({ action: 'lijst-gedeactiveerd', details: `activity_kinds ${stage.id}: Snuffelstage` });
  });

  it('serves admins only; an unknown list or item is not found', () => {
    const stage = listItems(ctx.db, 'activity_kinds').find((i) => i.name === 'Stage')!;
    for (const who of [ctx.users.consulent, ctx.users.teamleider]) {
      const actor = actorFor(ctx, who);
      expect(errorOf(() => loadListsPage(ctx, actor))).toBe('forbidden: U heeft geen toegang tot deze pagina.');
      expect(errorOf(() => addListItem(ctx, actor, 'activiteiten', { ok: true, data: { name: 'Sport' } }))).toMatch(/^forbidden/);
      expect(errorOf(() => changeListItem(ctx, actor, 'activiteiten', stage.id, 1, { ok: true, data: { name: 'Sport' } }))).toMatch(/^forbidden/);
      expect(errorOf(() => setListItemActive(ctx, actor, 'activiteiten', stage.id, 1, false))).toMatch(/^forbidden/);
    }
    expect(listItems(ctx.db, 'activity_kinds').map((i) => i.name)).not.toContain('Sport');
    expect(findItem(ctx.db, 'activity_kinds', stage.id)).toMatchObject({ name: 'Stage', active: true, version: 1 });
    expect(adminAudit(ctx)).toEqual([]);
    const admin = actorFor(ctx, ctx.users.admin);
    expect(errorOf(() => addListItem(ctx, admin, 'onbekend', { ok: true, data: { name: 'Sport' } }))).toBe('not-found: Deze pagina bestaat niet (meer).');
    expect(errorOf(() => setListItemActive(ctx, admin, 'activiteiten', 9999, 1, false))).toBe('not-found: Deze soort activiteit bestaat niet.');
  });
});
