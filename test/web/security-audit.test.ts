// Every view and every change of a dossier leaves a row in audit_log with user, client, action, processing
// activity and times; the log cannot be changed through the app or with SQL.
import { describe, expect, it } from 'vitest';
import { PROCESSING_ACTIVITIES } from '../../src/domain/processing-activities.js';
import { buildTestApp } from '../helpers/app.js';
import { addAgreement, addConversation, addHours, setPip, zRouteClient } from '../helpers/fixtures.js';

const PAGES = ['', '/details', '/contact', '/barriers', '/target-group', '/edit', '/intake', '/route', '/pip', '/pip/versions/1', '/pip/compare', '/pip/share', '/pip/print', '/hours', '/decisions', '/conversations', '/pre-end', '/end', '/agreements', '/summary', '/language', '/closure', '/closure/handover', '/absence', '/enforcement', '/restricted-notes'];

describe('audit of dossier views and changes', async () => {
  const ctx = await buildTestApp();
  const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
  setPip(ctx.db, id, ctx.users.consulent, '2025-09-01');
  const hourId = addHours(ctx.db, id, 'LANGUAGE', 5, ctx.users.consulent);
  const conversationId = addConversation(ctx.db, id, 'VOORTGANG', '2026-06-01', ctx.users.consulent);
  const agreementId = addAgreement(ctx.db, id, '2026-12-20', ctx.users.consulent);
  const { agent } = await ctx.login('teamleider');
  const consulent = await ctx.login('consulent');
  const activities = new Set(Object.keys(PROCESSING_ACTIVITIES));
  const rowsAfter = (mark: number) =>
    ctx.db.prepare('SELECT * FROM audit_log WHERE id > ? AND client_id = ?').all(mark, id) as Record<string, unknown>[];
  const lastId = () => (ctx.db.prepare('SELECT COALESCE(MAX(id), 0) FROM audit_log').pluck().get() as number);

  function expectAudited(rows: Record<string, unknown>[], userId: number) {
    expect(rows.length).toBeGreaterThanOrEqual(1);
    for (const r of rows) {
      expect(r.user_id).toBe(userId);
      expect(r.client_id).toBe(id);
      expect(String(r.action).length).toBeGreaterThan(0);
      expect(activities.has(String(r.activity)), String(r.activity)).toBe(true);
      expect(r.started_at).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(r.ended_at).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(String(r.ended_at) >= String(r.started_at)).toBe(true);
      expect(r.trace_id).toMatch(/^[0-9a-f-]{36}$/);
    }
  }

  it.each([...PAGES, `/conversations/${conversationId}`, `/hours/${hourId}/edit`])('GET /clients/:id%s adds an audit row', async (p) => {
    const mark = lastId();
    const res = await agent.get(`/clients/${id}${p}`);
    expect(res.status).toBe(200);
    const rows = rowsAfter(mark);
    expectAudited(rows, ctx.users.teamleider);
    expect(rows.every((r) => r.outcome === 'ok')).toBe(true);
  });

  it.each([
    ['/edit', () => ({ firstName: 'Testa', lastName: 'Gewijzigd', birthDate: '1990-05-17', clientNumber: ctx.db.prepare('SELECT client_number FROM clients WHERE id = ?').pluck().get(id) as string, doelgroep: 'ASIELSTATUSHOUDER', linkedOn: '2025-01-06', version: '1', consulentId: String(ctx.users.consulent) })],
    ['/contact-attempts', () => ({ attemptedOn: '2026-11-20', channel: 'TELEFOON', reached: 'ja', note: 'Gebeld' })],
    ['/hours', () => ({ kind: 'LANGUAGE', periodStart: '2026-11-01', periodEnd: '2026-11-20', hours: '3' })],
    [`/hours/${hourId}/edit`, () => ({ kind: 'LANGUAGE', periodStart: '2026-10-01', periodEnd: '2026-10-31', hours: '6', version: '1' })],
    ['/agreements', () => ({ agreement_0_description: 'Bibliotheekpas halen', agreement_0_owner: 'CLIENT', agreement_0_due: '2026-12-20' })],
    [`/agreements/${agreementId}/status`, () => ({ status: 'GEREALISEERD', version: '1' })],
    ['/conversations/new', () => ({ heldOn: '2026-11-20', clientPresent: 'on', consulentPresent: 'on', goingWell: 'Gaat goed' })],
  ] as const)('POST /clients/:id%s saves and adds an audit row for the client', async (p, body) => {
    const mark = lastId();
    const res = await consulent.agent.post(`/clients/${id}${p}`).type('form').send({ _csrf: consulent.csrf, ...body() });
    expect(res.status, res.text.match(/koers-field-error[^<]*<\/?[^>]*>([^<]*)/)?.[1] ?? '').toBe(303);
    const rows = rowsAfter(mark);
    expectAudited(rows, ctx.users.consulent);
  });

  it('a refused look at another team\'s client is audited too (outcome error)', async () => {
    const other = await ctx.login('otherConsulent');
    const mark = lastId();
    expect((await other.agent.get(`/clients/${id}`)).status).toBe(404);
    const rows = rowsAfter(mark);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ user_id: ctx.users.otherConsulent, client_id: id, outcome: 'error' });
  });

  it('no route changes the audit log: the admin viewer has only GET, and POST/PUT/DELETE to it are refused', async () => {
    const admin = await ctx.login('admin');
    const before = ctx.db.prepare('SELECT COUNT(*), MAX(id) FROM audit_log').raw().get() as number[];
    const firstRow = ctx.db.prepare('SELECT * FROM audit_log ORDER BY id LIMIT 1').get();
    for (const method of ['post', 'put', 'patch', 'delete'] as const) {
      for (const p of ['/admin/audit', '/admin/audit/1', '/admin/audit/1/delete']) {
        const res = await admin.agent[method](p).type('form').send({ _csrf: admin.csrf });
        expect(res.status, `${method} ${p}`).toBe(404);
      }
    }
    expect(ctx.db.prepare('SELECT * FROM audit_log ORDER BY id LIMIT 1').get()).toEqual(firstRow);
    const after = ctx.db.prepare('SELECT COUNT(*), MAX(id) FROM audit_log').raw().get() as number[];
    expect(after[0]!).toBeGreaterThanOrEqual(before[0]!); // only appends (the refused requests themselves)
  });

  it('UPDATE and DELETE on audit_log are refused by the database', () => {
    expect(() => ctx.db.prepare('UPDATE audit_log SET user_id = NULL WHERE client_id = ?').run(id)).toThrow(/append-only/);
    expect(() => ctx.db.prepare('DELETE FROM audit_log WHERE client_id = ?').run(id)).toThrow(/append-only/);
    expect(() => ctx.db.prepare('UPDATE audit_log SET details = ? ').run('x')).toThrow(/append-only/);
  });
});
