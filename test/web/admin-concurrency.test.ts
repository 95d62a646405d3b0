// Two admins editing the same user, team or list item (optimistic concurrency on `version`): the second save,
// made from a form loaded before the first save, is refused with 409 and a clear Dutch message, nothing of it
// is stored, and what they typed is shown back next to what is stored now. A save with the right version
// works and bumps the version; a missing or garbage version is refused with 400, never a 500.
import { describe, expect, it } from 'vitest';
import { findItem, listItems } from '../../src/db/lists.js';
import { createUser, findUserById } from '../../src/db/users.js';
import { buildTestApp, type TestContext, testPasswordHash } from '../helpers/app.js';
import { expectKept } from '../helpers/form-assertions.js';

/** The hidden version of the form posting to `action` in a page. */
function versionIn(html: string, action: string): string {
  const form = new RegExp(`<form[^>]*action="${action.replace(/[/.]/g, '\\$&')}"[^>]*>([\\s\\S]*?)</form>`).exec(html)?.[1];
  expect(form, `form ${action}`).toBeDefined();
  const version = /<input type="hidden" name="version" value="([^"]*)">/.exec(form!)?.[1];
  expect(version, `version in form ${action}`).toMatch(/^\d+$/);
  return version!;
}

/** One field of the conflict alert as text: what is stored now next to what the admin typed. */
const row = (label: string, stored: string, mine: string) => `${label} Nu opgeslagen: ${stored} Uw invoer: ${mine}`;

/** The text of the conflict alert (what is stored now next to what was typed), without tags. */
function conflictText(html: string): string {
  const start = html.indexOf('id="conflict-titel"');
  expect(start, 'conflict alert').toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('<form', start)).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

async function twoAdmins(ctx: TestContext) {
  createUser(ctx.db, { username: 'admin2', displayName: 'Tweede beheerder', role: 'admin', teamId: null, passwordHash: await testPasswordHash() }, ctx.clock.now().toISOString());
  return { first: await ctx.login('admin'), second: await ctx.login('admin2') };
}

const refusals = (ctx: TestContext, action: string) =>
  ctx.db.prepare('SELECT outcome, details FROM audit_log WHERE action = ? ORDER BY id').all(action) as { outcome: string; details: string }[];

describe('admin concurrency: users', async () => {
  it('the second save of the same user is refused with 409, keeps their input and the first save', async () => {
    const ctx = await buildTestApp();
    const { first, second } = await twoAdmins(ctx);
    const url = `/admin/users/${ctx.users.consulent2}`;
    const v1 = versionIn((await first.agent.get(url)).text, url);
    const v2 = versionIn((await second.agent.get(url)).text, url);
    expect([v1, v2]).toEqual(['1', '1']);

    const ok = await first.agent.post(url).type('form').send({ _csrf: first.csrf, displayName: 'Sanne Eerste', role: 'consulent', teamId: String(ctx.teamA), version: v1 });
    expect(ok.status).toBe(303);
    expect(findUserById(ctx.db, ctx.users.consulent2)).toMatchObject({ displayName: 'Sanne Eerste', version: 2 });

    const res = await second.agent.post(url).type('form').send({ _csrf: second.csrf, displayName: 'Sanne Tweede', role: 'teamleider', teamId: String(ctx.teamB), version: v2 });
    expect(res.status).toBe(409);
    expect(res.text).toContain('Niet opgeslagen: iemand anders heeft de gegevens van Sanne Eerste intussen gewijzigd');
    expect(res.text).toContain('Uw wijziging is niet opgeslagen; uw invoer staat hieronder nog.');
    expectKept(res.text, 'displayName', 'Sanne Tweede');
    expect(res.text).toMatch(/<option value="teamleider" selected>/);
    expect(res.text).toMatch(new RegExp(`<option value="${ctx.teamB}" selected>`));
    const alert = conflictText(res.text);
    expect(alert).toContain(row('Naam', 'Sanne Eerste', 'Sanne Tweede'));
    expect(alert).toContain(row('Rol', 'Consulent', 'Teamleider'));
    expect(alert).toContain(row('Team', 'Team A', 'Team B'));
    // The form now carries the current version: saving again is a deliberate choice.
    expect(versionIn(res.text, url)).toBe('2');
    expect(findUserById(ctx.db, ctx.users.consulent2)).toMatchObject({ displayName: 'Sanne Eerste', role: 'consulent', teamId: ctx.teamA, version: 2 });
    expect(refusals(ctx, 'gebruiker-wijziging-geweigerd')).toEqual([
      { outcome: 'error', details: `gebruiker ${ctx.users.consulent2}: wijzigen geweigerd, versie 1 verouderd (nu 2)` },
    ]);

    const again = await second.agent.post(url).type('form').send({ _csrf: second.csrf, displayName: 'Sanne Tweede', role: 'teamleider', teamId: String(ctx.teamB), version: '2' });
    expect(again.status).toBe(303);
    expect(findUserById(ctx.db, ctx.users.consulent2)).toMatchObject({ displayName: 'Sanne Tweede', role: 'teamleider', teamId: ctx.teamB, version: 3 });
  });

  it.each([
    ['missing', undefined],
    ['garbage', 'abc'],
    ['zero', '0'],
    ['negative', '-1'],
    ['fraction', '1.5'],
  ])('a %s version is refused with 400 and nothing is changed', async (_label, version) => {
    const ctx = await buildTestApp();
    const { agent, csrf } = await ctx.login('admin');
    const url = `/admin/users/${ctx.users.consulent2}`;
    const res = await agent.post(url).type('form').send({ _csrf: csrf, displayName: 'Zonder versie', role: 'consulent', teamId: String(ctx.teamA), ...(version === undefined ? {} : { version }) });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Niet opgeslagen: controleer eerst wat nu is opgeslagen');
    expectKept(res.text, 'displayName', 'Zonder versie');
    expect(versionIn(res.text, url)).toBe('1');
    expect(findUserById(ctx.db, ctx.users.consulent2)).toMatchObject({ displayName: 'Test consulent2', version: 1 });
    const active = await agent.post(`${url}/active`).type('form').send({ _csrf: csrf, active: '0', ...(version === undefined ? {} : { version }) });
    expect(active.status).toBe(400);
    expect(active.text).toContain('Niet uitgezet');
    expect(findUserById(ctx.db, ctx.users.consulent2)).toMatchObject({ active: true, version: 1 });
  });

  it('an absurd or never-loaded version is a 400 or 409, not a 500', async () => {
    const ctx = await buildTestApp();
    const { agent, csrf } = await ctx.login('admin');
    const url = `/admin/users/${ctx.users.consulent2}`;
    const res = await agent.post(url).type('form').send({ _csrf: csrf, displayName: 'X', role: 'consulent', teamId: String(ctx.teamA), version: '99999999999999999999' });
    expect(res.status).toBe(400);
    const big = await agent.post(url).type('form').send({ _csrf: csrf, displayName: 'X', role: 'consulent', teamId: String(ctx.teamA), version: '42' });
    expect(big.status).toBe(409);
    expect(findUserById(ctx.db, ctx.users.consulent2)!.displayName).toBe('Test consulent2');
  });

  it('deactivating from a stale page is refused; the account stays as the other admin left it', async () => {
    const ctx = await buildTestApp();
    const { first, second } = await twoAdmins(ctx);
    const url = `/admin/users/${ctx.users.consulent2}`;
    const stale = versionIn((await second.agent.get(url)).text, `${url}/active`);
    const page = await first.agent.get(url);
    expect((await first.agent.post(url).type('form').send({ _csrf: first.csrf, displayName: 'Sanne Nieuw', role: 'consulent', teamId: String(ctx.teamA), version: versionIn(page.text, url) })).status).toBe(303);

    const res = await second.agent.post(`${url}/active`).type('form').send({ _csrf: second.csrf, active: '0', version: stale });
    expect(res.status).toBe(409);
    expect(res.text).toContain('Niet uitgezet: iemand anders heeft Sanne Nieuw intussen gewijzigd');
    expect(res.text).toContain('Er is niets gewijzigd.');
    expect(res.text).toContain('<h1>Sanne Nieuw</h1>');
    expect(versionIn(res.text, `${url}/active`)).toBe('2');
    expect(findUserById(ctx.db, ctx.users.consulent2)).toMatchObject({ active: true, version: 2 });
    expect(refusals(ctx, 'gebruiker-wijziging-geweigerd')).toEqual([
      { outcome: 'error', details: `gebruiker ${ctx.users.consulent2}: uitzetten geweigerd, versie 1 verouderd (nu 2)` },
    ]);
    // With the version shown on the refused page it works and bumps the version.
    expect((await second.agent.post(`${url}/active`).type('form').send({ _csrf: second.csrf, active: '0', version: '2' })).status).toBe(303);
    expect(findUserById(ctx.db, ctx.users.consulent2)).toMatchObject({ active: false, version: 3 });
  });

  it('two admins deactivating at once: the second hears it is already done', async () => {
    const ctx = await buildTestApp();
    const { first, second } = await twoAdmins(ctx);
    const url = `/admin/users/${ctx.users.consulent2}`;
    const v1 = versionIn((await first.agent.get(url)).text, `${url}/active`);
    const v2 = versionIn((await second.agent.get(url)).text, `${url}/active`);
    expect((await first.agent.post(`${url}/active`).type('form').send({ _csrf: first.csrf, active: '0', version: v1 })).status).toBe(303);
    const res = await second.agent.post(`${url}/active`).type('form').send({ _csrf: second.csrf, active: '0', version: v2 });
    expect(res.status).toBe(409);
    expect(res.text).toContain('Het account van Test consulent2 is intussen al uitgezet. U hoeft niets meer te doen.');
    expect(res.text).toContain('Account weer aanzetten');
    expect(findUserById(ctx.db, ctx.users.consulent2)).toMatchObject({ active: false, version: 2 });
  });

  it('a user choosing a new password does not make the admin form stale', async () => {
    const ctx = await buildTestApp();
    const { agent, csrf } = await ctx.login('admin');
    const url = `/admin/users/${ctx.users.consulent2}`;
    const version = versionIn((await agent.get(url)).text, url);
    const user = await ctx.login('consulent2');
    const change = await user.agent
      .post('/account/password')
      .type('form')
      .send({ _csrf: user.csrf, current: 'test-wachtwoord-123', next: 'een-nieuw-wachtwoord', repeat: 'een-nieuw-wachtwoord' });
    expect(change.status).toBe(303);
    const res = await agent.post(url).type('form').send({ _csrf: csrf, displayName: 'Sanne', role: 'consulent', teamId: String(ctx.teamA), version });
    expect(res.status).toBe(303);
    expect(findUserById(ctx.db, ctx.users.consulent2)).toMatchObject({ displayName: 'Sanne', version: 2 });
  });
});

describe('admin concurrency: teams', async () => {
  it('the second save of the same team is refused with 409, keeps their input and the first save', async () => {
    const ctx = await buildTestApp();
    const { first, second } = await twoAdmins(ctx);
    const url = `/admin/teams/${ctx.teamB}`;
    const v1 = versionIn((await first.agent.get(url)).text, url);
    const v2 = versionIn((await second.agent.get(url)).text, url);
    expect([v1, v2]).toEqual(['1', '1']);
    expect((await first.agent.post(url).type('form').send({ _csrf: first.csrf, name: 'Team Noord', caseloadNorm: '', version: v1 })).status).toBe(303);

    const res = await second.agent.post(url).type('form').send({ _csrf: second.csrf, name: 'Team Zuid', caseloadNorm: '60', version: v2 });
    expect(res.status).toBe(409);
    expect(res.text).toContain('<h1>Team Team Noord wijzigen</h1>');
    expect(res.text).toContain('Niet opgeslagen: iemand anders heeft team Team Noord intussen gewijzigd');
    expectKept(res.text, 'name', 'Team Zuid');
    expectKept(res.text, 'caseloadNorm', '60');
    const alert = conflictText(res.text);
    expect(alert).toContain(row('Naam', 'Team Noord', 'Team Zuid'));
    expect(alert).toContain(row('Caseloadnorm', 'Standaard (80)', '60'));
    expect(versionIn(res.text, url)).toBe('2');
    expect(ctx.db.prepare('SELECT name, caseload_norm, version FROM teams WHERE id = ?').get(ctx.teamB)).toEqual({ name: 'Team Noord', caseload_norm: null, version: 2 });
    expect(refusals(ctx, 'team-wijziging-geweigerd')).toEqual([{ outcome: 'error', details: `team ${ctx.teamB}: wijzigen geweigerd, versie 1 verouderd (nu 2)` }]);

    expect((await second.agent.post(url).type('form').send({ _csrf: second.csrf, name: 'Team Zuid', caseloadNorm: '60', version: '2' })).status).toBe(303);
    expect(ctx.db.prepare('SELECT name, caseload_norm, version FROM teams WHERE id = ?').get(ctx.teamB)).toEqual({ name: 'Team Zuid', caseload_norm: 60, version: 3 });
  });

  it.each([['missing', undefined], ['garbage', 'x1']])('a %s version is refused with 400 and nothing is changed', async (_label, version) => {
    const ctx = await buildTestApp();
    const { agent, csrf } = await ctx.login('admin');
    const url = `/admin/teams/${ctx.teamB}`;
    const res = await agent.post(url).type('form').send({ _csrf: csrf, name: 'Team Oost', caseloadNorm: '70', ...(version === undefined ? {} : { version }) });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Niet opgeslagen: controleer eerst wat nu is opgeslagen');
    expectKept(res.text, 'name', 'Team Oost');
    expectKept(res.text, 'caseloadNorm', '70');
    expect(versionIn(res.text, url)).toBe('1');
    expect(ctx.db.prepare('SELECT name, caseload_norm, version FROM teams WHERE id = ?').get(ctx.teamB)).toEqual({ name: 'Team B', caseload_norm: 80, version: 1 });
  });

  it('a new team needs no version', async () => {
    const ctx = await buildTestApp();
    const { agent, csrf } = await ctx.login('admin');
    const page = await agent.get('/admin/teams/new');
    expect(page.text).not.toContain('name="version"');
    expect((await agent.post('/admin/teams/new').type('form').send({ _csrf: csrf, name: 'Team West', caseloadNorm: '' })).status).toBe(303);
    expect(ctx.db.prepare("SELECT version FROM teams WHERE name = 'Team West'").pluck().get()).toBe(1);
  });
});

interface ListCase {
  slug: string;
  kind: 'leefdomeinen' | 'activity_kinds' | 'providers';
  singular: string;
  first: Record<string, string>;
  second: Record<string, string>;
  /** Fields of `second` that must be shown back. */
  kept: string[];
  /** Fields of the conflict alert: stored (first save) next to typed (second save). */
  rows: string[];
  stored: Record<string, unknown>;
}

const LIST_CASES: ListCase[] = [
  {
    slug: 'leefdomeinen',
    kind: 'leefdomeinen',
    singular: 'leefdomein',
    first: { name: 'Geld en schulden', sortOrder: '5' },
    second: { name: 'Financiën & <administratie>', sortOrder: '7' },
    kept: ['name', 'sortOrder'],
    rows: [row('Naam', 'Geld en schulden', 'Financiën &amp; &lt;administratie&gt;'), row('Volgorde', '5', '7')],
    stored: { name: 'Geld en schulden', sortOrder: 5 },
  },
  {
    slug: 'activiteiten',
    kind: 'activity_kinds',
    singular: 'soort activiteit',
    first: { name: 'Snuffelstage' },
    second: { name: 'Werkstage bij "De Hoek"' },
    kept: ['name'],
    rows: [row('Naam', 'Snuffelstage', 'Werkstage bij &#34;De Hoek&#34;')],
    stored: { name: 'Snuffelstage' },
  },
  {
    slug: 'aanbieders',
    kind: 'providers',
    singular: 'aanbieder',
    first: { name: 'Taalschool Noord', kind: 'TAALAANBIEDER', contact: 'info@taalschool.example' },
    second: { name: 'Taalschool Rotterdam', kind: 'PARTICIPATIECOACH', contact: 'Bel Fatima:\n010-1234567' },
    kept: ['name', 'contact'],
    rows: [
      row('Naam', 'Taalschool Noord', 'Taalschool Rotterdam'),
      row('Soort aanbieder', 'Taalaanbieder', 'Participatiecoach'),
      row('Contact', 'info@taalschool.example', 'Bel Fatima: 010-1234567'),
    ],
    stored: { name: 'Taalschool Noord', kind: 'TAALAANBIEDER', contact: 'info@taalschool.example' },
  },
];

function firstItem(ctx: TestContext, kind: ListCase['kind']): number {
  if (kind === 'providers') {
    return Number(ctx.db.prepare("INSERT INTO providers (name, kind, contact) VALUES ('Taalschool', 'TAALAANBIEDER', NULL)").run().lastInsertRowid);
  }
  return listItems(ctx.db, kind)[0]!.id;
}

describe('admin concurrency: lists', async () => {
  it.each(LIST_CASES.map((c) => [c.slug, c] as const))('%s: the second save is refused with 409, keeps their input and the first save', async (_slug, c) => {
    const ctx = await buildTestApp();
    const { first, second } = await twoAdmins(ctx);
    const id = firstItem(ctx, c.kind);
    const url = `/admin/lists/${c.slug}/${id}`;
    const v1 = versionIn((await first.agent.get(url)).text, url);
    const v2 = versionIn((await second.agent.get(url)).text, url);
    expect([v1, v2]).toEqual(['1', '1']);
    expect((await first.agent.post(url).type('form').send({ _csrf: first.csrf, ...c.first, version: v1 })).status).toBe(303);
    expect(findItem(ctx.db, c.kind, id)).toMatchObject({ ...c.stored, version: 2 });

    const res = await second.agent.post(url).type('form').send({ _csrf: second.csrf, ...c.second, version: v2 });
    expect(res.status).toBe(409);
    expect(res.text).toContain(`Niet opgeslagen: iemand anders heeft deze ${c.singular} intussen gewijzigd`);
    for (const field of c.kept) expectKept(res.text, field, c.second[field]!);
    if (c.kind === 'providers') expect(res.text).toMatch(/<option value="PARTICIPATIECOACH" selected>/);
    const alert = conflictText(res.text);
    for (const row of c.rows) expect(alert).toContain(row);
    expect(versionIn(res.text, url)).toBe('2');
    expect(findItem(ctx.db, c.kind, id)).toMatchObject({ ...c.stored, version: 2 });
    expect(refusals(ctx, 'lijst-wijziging-geweigerd')).toEqual([{ outcome: 'error', details: `${c.kind} ${id}: wijzigen geweigerd, versie 1 verouderd (nu 2)` }]);

    // Saving again with the version from the refused page is deliberate and works.
    expect((await second.agent.post(url).type('form').send({ _csrf: second.csrf, ...c.second, version: '2' })).status).toBe(303);
    expect(findItem(ctx.db, c.kind, id)).toMatchObject({ name: c.second.name, version: 3 });
  });

  it.each(LIST_CASES.map((c) => [c.slug, c] as const))('%s: deactivating from a stale overview is refused with 409', async (_slug, c) => {
    const ctx = await buildTestApp();
    const { first, second } = await twoAdmins(ctx);
    const id = firstItem(ctx, c.kind);
    const active = `/admin/lists/${c.slug}/${id}/active`;
    const stale = versionIn((await second.agent.get('/admin/lists')).text, active);
    const url = `/admin/lists/${c.slug}/${id}`;
    expect((await first.agent.post(url).type('form').send({ _csrf: first.csrf, ...c.first, version: versionIn((await first.agent.get(url)).text, url) })).status).toBe(303);

    const res = await second.agent.post(active).type('form').send({ _csrf: second.csrf, active: '0', version: stale });
    expect(res.status).toBe(409);
    expect(res.text).toContain('<h1>Lijsten</h1>');
    expect(res.text).toContain(`Niet uitgezet: iemand anders heeft ${c.singular} &#34;${c.first.name}&#34; intussen gewijzigd`);
    expect(res.text).toContain('Er is niets gewijzigd.');
    expect(versionIn(res.text, active)).toBe('2');
    expect(findItem(ctx.db, c.kind, id)).toMatchObject({ active: true, version: 2 });
    expect(refusals(ctx, 'lijst-wijziging-geweigerd')).toEqual([{ outcome: 'error', details: `${c.kind} ${id}: uitzetten geweigerd, versie 1 verouderd (nu 2)` }]);

    expect((await second.agent.post(active).type('form').send({ _csrf: second.csrf, active: '0', version: '2' })).status).toBe(303);
    expect(findItem(ctx.db, c.kind, id)).toMatchObject({ active: false, version: 3 });
    // Both admins switching it back on: the second hears it is already done.
    const page1 = await first.agent.get('/admin/lists');
    const page2 = await second.agent.get('/admin/lists');
    expect((await first.agent.post(active).type('form').send({ _csrf: first.csrf, active: '1', version: versionIn(page1.text, active) })).status).toBe(303);
    const late = await second.agent.post(active).type('form').send({ _csrf: second.csrf, active: '1', version: versionIn(page2.text, active) });
    expect(late.status).toBe(409);
    expect(late.text).toContain('is intussen al weer in gebruik. U hoeft niets meer te doen.');
    expect(findItem(ctx.db, c.kind, id)).toMatchObject({ active: true, version: 4 });
  });

  it.each([['missing', undefined], ['garbage', 'twee']])('a %s version on edit or (de)activate is a 400 and changes nothing', async (_label, version) => {
    const ctx = await buildTestApp();
    const { agent, csrf } = await ctx.login('admin');
    const stage = listItems(ctx.db, 'activity_kinds').find((i) => i.name === 'Stage')!;
    const v = version === undefined ? {} : { version };
    const edit = await agent.post(`/admin/lists/activiteiten/${stage.id}`).type('form').send({ _csrf: csrf, name: 'Werkervaring', ...v });
    expect(edit.status).toBe(400);
    expect(edit.text).toContain('Niet opgeslagen: controleer eerst wat nu is opgeslagen');
    expectKept(edit.text, 'name', 'Werkervaring');
    expect(versionIn(edit.text, `/admin/lists/activiteiten/${stage.id}`)).toBe('1');
    const off = await agent.post(`/admin/lists/activiteiten/${stage.id}/active`).type('form').send({ _csrf: csrf, active: '0', ...v });
    expect(off.status).toBe(400);
    expect(off.text).toContain('Niet uitgezet: controleer eerst de lijst');
    expect(findItem(ctx.db, 'activity_kinds', stage.id)).toMatchObject({ name: 'Stage', active: true, version: 1 });
  });
});
