import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';

describe('admin: document types and the maximum file size', () => {
  it('adds a type (unique name), renames and switches one off; "brief" stays in use; audited', async () => {
    const ctx = await buildTestApp();
    const { agent, csrf } = await ctx.login('admin');
    expect((await agent.post('/admin/documents/types').type('form').send({ _csrf: csrf, name: 'Inburgeringsdiploma', sortOrder: '80' })).status).toBe(303);
    const dup = await agent.post('/admin/documents/types').type('form').send({ _csrf: csrf, name: 'inburgeringsdiploma ', sortOrder: '90' });
    expect(dup.status).toBe(400);
    expect(dup.text).toContain('Er is al een soort document met de naam');
    const id = ctx.db.prepare("SELECT id FROM document_types WHERE name = 'Inburgeringsdiploma'").pluck().get() as number;
    expect((await agent.post(`/admin/documents/types/${id}`).type('form').send({ _csrf: csrf, name: 'Diploma', sortOrder: '80', version: '1' })).status).toBe(303);
    expect(ctx.db.prepare('SELECT name, active, version FROM document_types WHERE id = ?').get(id)).toEqual({ name: 'Diploma', active: 0, version: 2 });
    const stale = await agent.post(`/admin/documents/types/${id}`).type('form').send({ _csrf: csrf, name: 'X', sortOrder: '80', active: 'on', version: '1' });
    expect(stale.status).toBe(409);
    const brief = ctx.db.prepare("SELECT id FROM document_types WHERE code = 'BRIEF'").pluck().get() as number;
    const off = await agent.post(`/admin/documents/types/${brief}`).type('form').send({ _csrf: csrf, name: 'Brief', sortOrder: '60', version: '1' });
    expect(off.status).toBe(400);
    expect(off.text).toContain('Het soort &#34;brief&#34; blijft in gebruik');
    // A switched-off type is no longer offered to the consulent.
    const c = await ctx.login('consulent');
    const page = await c.agent.get(`/clients/${ctx.db.prepare("INSERT INTO clients (client_number, first_name, last_name, birth_date, doelgroep, linked_on, team_id, consulent_id, created_at, updated_at) VALUES ('X-1', 'A', 'B', '1990-01-01', 'ASIELSTATUSHOUDER', '2025-01-01', ?, ?, 'x', 'x')").run(ctx.teamA, ctx.users.consulent).lastInsertRowid}/documents`);
    expect(page.text).not.toContain('>Diploma<');
    expect(page.text).toContain('>PVT getekend<');
    expect(ctx.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'documentsoort-%' ORDER BY id").pluck().all()).toEqual(['documentsoort-toegevoegd', 'documentsoort-gewijzigd']);
  });

  it('the maximum size is a whole number of MB from 1 to 50', async () => {
    const ctx = await buildTestApp();
    const { agent, csrf } = await ctx.login('admin');
    for (const bad of ['0', '51', 'veel', '2,5']) {
      const res = await agent.post('/admin/documents/max-size').type('form').send({ _csrf: csrf, maxMb: bad });
      expect(res.status, bad).toBe(400);
    }
    expect((await agent.post('/admin/documents/max-size').type('form').send({ _csrf: csrf, maxMb: '25' })).status).toBe(303);
    expect(ctx.db.prepare("SELECT value FROM app_settings WHERE key = 'documents_max_bytes'").pluck().get()).toBe(String(25 * 1024 * 1024));
    expect((await agent.get('/admin/documents')).text).toContain('Nu: 25 MB.');
  });
});
