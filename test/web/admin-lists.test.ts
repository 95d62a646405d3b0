import { describe, expect, it } from 'vitest';
import { listItems } from '../../src/db/lists.js';
import { buildTestApp } from '../helpers/app.js';

describe('admin: lists', () => {
  it('shows leefdomeinen, activity kinds and providers', async () => {
    const ctx = await buildTestApp();
    ctx.db.prepare("INSERT INTO providers (name, kind, contact) VALUES ('SNTR', 'PARTICIPATIECOACH', 'coach@sntr.example')").run();
    const { agent } = await ctx.login('admin');
    const res = await agent.get('/admin/lists');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<h1>Lijsten</h1>');
    expect(res.text).toContain('Financiën');
    expect(res.text).toContain('Vrijwilligerswerk');
    expect(res.text).toContain('SNTR');
    expect(res.text).toContain('Participatiecoach');
    expect(res.text).toContain('coach@sntr.example');
  });

  it.each(['consulent', 'teamleider'])('refuses %s with 403', async (username) => {
    const ctx = await buildTestApp();
    const { agent, csrf } = await ctx.login(username);
    expect((await agent.get('/admin/lists')).status).toBe(403);
    expect((await agent.get('/admin/lists/aanbieders/new')).status).toBe(403);
    const post = await agent.post('/admin/lists/activiteiten/new').type('form').send({ _csrf: csrf, name: 'Sport' });
    expect(post.status).toBe(403);
    expect(listItems(ctx.db, 'activity_kinds').map((i) => i.name)).not.toContain('Sport');
  });

  it('adds and edits a provider, audited', async () => {
    const ctx = await buildTestApp();
    const { agent, csrf } = await ctx.login('admin');
    const add = await agent
      .post('/admin/lists/aanbieders/new')
      .type('form')
      .send({ _csrf: csrf, name: 'Taalschool Noord', kind: 'TAALAANBIEDER', contact: '010-1234567' });
    expect(add.status).toBe(303);
    const [provider] = listItems(ctx.db, 'providers');
    expect(provider).toMatchObject({ name: 'Taalschool Noord', kind: 'TAALAANBIEDER', contact: '010-1234567', active: true });

    const form = await agent.get(`/admin/lists/aanbieders/${provider!.id}`);
    expect(form.text).toContain('value="Taalschool Noord"');
    const edit = await agent
      .post(`/admin/lists/aanbieders/${provider!.id}`)
      .type('form')
      .send({ _csrf: csrf, name: 'Taalschool Rotterdam-Noord', kind: 'TAALAANBIEDER', contact: '', version: '1' });
    expect(edit.status).toBe(303);
    expect(listItems(ctx.db, 'providers')[0]).toMatchObject({ name: 'Taalschool Rotterdam-Noord', contact: null });
    const audit = ctx.db.prepare("SELECT action FROM audit_log WHERE activity = 'beheer' ORDER BY id").pluck().all();
    expect(audit).toEqual(['lijst-toegevoegd', 'lijst-gewijzigd']);
  });

  it('adds a leefdomein with a sort order and rejects a duplicate name in Dutch, keeping the input', async () => {
    const ctx = await buildTestApp();
    const { agent, csrf } = await ctx.login('admin');
    const page = await agent.get('/admin/lists/leefdomeinen/new');
    expect(page.text).toMatch(/name="sortOrder" type="text" value="10"/);
    const dup = await agent
      .post('/admin/lists/leefdomeinen/new')
      .type('form')
      .send({ _csrf: csrf, name: ' financiën ', sortOrder: '12' });
    expect(dup.status).toBe(400);
    expect(dup.text).toContain('Er is al een leefdomein met de naam &#34;financiën&#34;. Kies een andere naam.');
    expect(dup.text).toMatch(/id="veld-name-fout"/);
    expect(dup.text).toMatch(/name="sortOrder" type="text" value="12"/);
    const bad = await agent.post('/admin/lists/leefdomeinen/new').type('form').send({ _csrf: csrf, name: '', sortOrder: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Vul de naam in');
    expect(bad.text).toContain('De volgorde moet een getal zijn');
    const ok = await agent.post('/admin/lists/leefdomeinen/new').type('form').send({ _csrf: csrf, name: 'Taal', sortOrder: '0' });
    expect(ok.status).toBe(303);
    expect(listItems(ctx.db, 'leefdomeinen')[0]).toMatchObject({ name: 'Taal', sortOrder: 0 });
  });

  it('rejects renaming an activity kind to an existing name, but allows keeping its own name', async () => {
    const ctx = await buildTestApp();
    const { agent, csrf } = await ctx.login('admin');
    const stage = listItems(ctx.db, 'activity_kinds').find((i) => i.name === 'Stage')!;
    const dup = await agent.post(`/admin/lists/activiteiten/${stage.id}`).type('form').send({ _csrf: csrf, name: 'Vrijwilligerswerk', version: '1' });
    expect(dup.status).toBe(400);
    expect(dup.text).toContain('Er is al een soort activiteit met de naam &#34;Vrijwilligerswerk&#34;');
    const same = await agent.post(`/admin/lists/activiteiten/${stage.id}`).type('form').send({ _csrf: csrf, name: 'Stage', version: '1' });
    expect(same.status).toBe(303);
  });

  it('deactivates and reactivates an item, never deletes it', async () => {
    const ctx = await buildTestApp();
    const { agent, csrf } = await ctx.login('admin');
    const count = listItems(ctx.db, 'activity_kinds').length;
    const stage = listItems(ctx.db, 'activity_kinds').find((i) => i.name === 'Stage')!;
    await agent.post(`/admin/lists/activiteiten/${stage.id}/active`).type('form').send({ _csrf: csrf, active: '0', version: '1' });
    expect(listItems(ctx.db, 'activity_kinds').find((i) => i.id === stage.id)!.active).toBe(false);
    const page = await agent.get('/admin/lists');
    expect(page.text).toContain('Uitgezet');
    expect(page.text).toContain('Weer gebruiken');
    await agent.post(`/admin/lists/activiteiten/${stage.id}/active`).type('form').send({ _csrf: csrf, active: '1', version: '2' });
    expect(listItems(ctx.db, 'activity_kinds').find((i) => i.id === stage.id)!.active).toBe(true);
    expect(listItems(ctx.db, 'activity_kinds')).toHaveLength(count);
    expect((await agent.get('/admin/lists/onbekend/new')).status).toBe(404);
    expect((await agent.get('/admin/lists/activiteiten/9999')).status).toBe(404);
  });
});
