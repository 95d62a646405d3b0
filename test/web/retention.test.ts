// Retention pages over HTTP: the approval page (four eyes), the dossier's legal hold, the admin's terms, and the
// DUO withdrawal as a closing reason on the closure form.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../helpers/app.js';
import { insertClient } from '../helpers/fixtures.js';

describe('retention pages', () => {
  let ctx: TestContext;
  let due: number;
  let held: number;
  beforeAll(async () => {
    ctx = await buildTestApp({ now: '2026-11-24T09:00:00.000Z' });
    due = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent, lastName: 'Oudedossier' });
    held = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent, lastName: 'Bezwaarmaker' });
    ctx.db.prepare("UPDATE clients SET closed_on = '2020-05-01', closure_reason = 'COMPLETED' WHERE id IN (?, ?)").run(due, held);
  });

  it('the consulent places a legal hold with a reason (a missing reason is refused next to the field, nothing lost)', async () => {
    const c = await ctx.login('consulent');
    const page = await c.agent.get(`/clients/${held}/retention`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Vernietigen vanaf');
    const bad = await c.agent.post(`/clients/${held}/retention/holds`).type('form').send({ _csrf: c.csrf, kind: 'BEROEP', reason: '' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('veld-reason-fout');
    expect(bad.text).toMatch(/<option value="BEROEP" selected>/);
    const okRes = await c.agent.post(`/clients/${held}/retention/holds`).type('form').send({ _csrf: c.csrf, kind: 'BEROEP', reason: 'Beroep tegen de boete' });
    expect(okRes.status).toBe(303);
    const after = await c.agent.get(`/clients/${held}/retention`);
    expect(after.text).toContain('Beroep tegen de boete');
    expect(after.text).toContain('Geblokkeerd');
    // Another team cannot see it.
    const other = await ctx.login('otherConsulent');
    expect((await other.agent.get(`/clients/${held}/retention`)).status).toBe(404);
  });

  it('a teamleider makes the list; the same teamleider cannot approve; the admin approves and the dossier is gone, the held one stays', async () => {
    const tl = await ctx.login('teamleider');
    expect((await tl.agent.post('/retention/propose').type('form').send({ _csrf: tl.csrf })).status).toBe(303);
    const page = await tl.agent.get('/retention');
    expect(page.text).toContain('U heeft deze lijst zelf gemaakt');
    expect(page.text).not.toContain('Goedkeuren en vernietigen</button>');
    expect(page.text).not.toContain('Oudedossier'); // client numbers only, no names
    const batch = ctx.db.prepare("SELECT id, version FROM retention_batches WHERE status = 'PROPOSED'").get() as { id: number; version: number };
    const own = await tl.agent.post(`/retention/${batch.id}/approve`).type('form').send({ _csrf: tl.csrf, version: batch.version });
    expect(own.status).toBe(409);
    expect(ctx.db.prepare('SELECT last_name FROM clients WHERE id = ?').pluck().get(due)).toBe('Oudedossier');
    const admin = await ctx.login('admin');
    const apage = await admin.agent.get('/retention');
    expect(apage.text).toContain('Goedkeuren en vernietigen</button>');
    const res = await admin.agent.post(`/retention/${batch.id}/approve`).type('form').send({ _csrf: admin.csrf, version: batch.version });
    expect(res.status).toBe(303);
    expect(ctx.db.prepare('SELECT last_name FROM clients WHERE id = ?').pluck().get(due)).toBe('Vernietigd dossier');
    expect(ctx.db.prepare('SELECT last_name FROM clients WHERE id = ?').pluck().get(held)).toBe('Bezwaarmaker');
  });

  it('the admin sets new terms from a date; a bad number is refused next to the field', async () => {
    const admin = await ctx.login('admin');
    const form = { _csrf: admin.csrf, effectiveFrom: '2027-01-01', dossierYears: '7', auditYears: '7', signInDays: '90', sessionDays: '1', importDraftDays: '30', rejectedProviderReportDays: '30', reason_DUO_WITHDRAWN: '0' };
    const bad = await admin.agent.post('/admin/retention').type('form').send({ ...form, dossierYears: 'zeven' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('veld-dossierYears-fout');
    expect(bad.text).toContain('value="zeven"');
    expect((await admin.agent.post('/admin/retention').type('form').send(form)).status).toBe(303);
    const page = await admin.agent.get('/admin/retention');
    expect(page.text).toMatch(/toekomst/);
  });

  it('the closure form offers the DUO withdrawal', async () => {
    const open = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent });
    const c = await ctx.login('consulent');
    const page = await c.agent.get(`/clients/${open}/closure`);
    expect(page.text).toContain('Ingetrokken door DUO (correctiesignaal)');
    const res = await c.agent.post(`/clients/${open}/closure`).type('form').send({ _csrf: c.csrf, type: 'DUO_WITHDRAWN', closedOn: '2026-11-24', reason: 'Correctiesignaal DUO' });
    expect(res.status).toBe(303);
    expect(ctx.db.prepare('SELECT closure_reason FROM clients WHERE id = ?').pluck().get(open)).toBe('DUO_WITHDRAWN');
    expect(ctx.db.prepare('SELECT COUNT(*) FROM duo_ledger WHERE client_id = ?').pluck().get(open)).toBe(0);
  });
});
