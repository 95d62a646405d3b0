import { describe, expect, it } from 'vitest';
import { appendAudit } from '../../src/db/audit.js';
import { buildTestApp, type TestContext } from '../helpers/app.js';

function seed(ctx: TestContext) {
  const row = (n: number, over: Partial<Parameters<typeof appendAudit>[1]>) =>
    appendAudit(ctx.db, {
      traceId: `trace-${n}`,
      action: 'dossier-bekeken',
      activity: 'voortgang',
      startedAt: '2026-10-05T10:00:00.000Z',
      endedAt: '2026-10-05T10:00:00.100Z',
      outcome: 'ok',
      userId: ctx.users.consulent,
      username: 'consulent',
      clientId: 7,
      ...over,
    });
  // 120 views of client 7 by consulent in October, 3 hour changes for client 8 by consulent2 in November
  for (let i = 0; i < 120; i++) row(i, { startedAt: `2026-10-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00.000Z` });
  for (let i = 0; i < 3; i++) {
    row(200 + i, {
      action: 'uren-gewijzigd',
      clientId: 8,
      userId: ctx.users.consulent2,
      username: 'consulent2',
      startedAt: `2026-11-0${i + 1}T08:30:00.000Z`,
      outcome: i === 2 ? 'error' : 'ok',
    });
  }
}

describe('admin: audit log viewer', () => {
  it('shows the newest 50 rows with trace id, time, user, action, activity label, client and outcome', async () => {
    const ctx = await buildTestApp();
    seed(ctx);
    const { agent } = await ctx.login('admin');
    const res = await agent.get('/admin/audit?action=uren-gewijzigd');
    expect(res.status).toBe(200);
    expect(res.text).toContain('3 regels gevonden.');
    expect(res.text).toContain('trace-202');
    expect(res.text).toContain('Uren, besluiten, voortgangsgesprekken en afspraken');
    expect(res.text).toContain('Mislukt');
    expect(res.text).toMatch(/<td>consulent2<\/td>\s*<td>uren-gewijzigd<\/td>/);
    // newest first
    expect(res.text.indexOf('trace-202')).toBeLessThan(res.text.indexOf('trace-200'));
  });

  it('pages by 50, keeping the filters in the links', async () => {
    const ctx = await buildTestApp();
    seed(ctx);
    const { agent } = await ctx.login('admin');
    const first = await agent.get('/admin/audit?user=consulent&action=dossier-bekeken');
    expect(first.text).toContain('120 regels gevonden. Pagina 1 van 3.');
    expect((first.text.match(/<code class="koers-trace">/g) ?? []).length).toBe(50);
    expect(first.text).toContain('href="/admin/audit?user=consulent&amp;action=dossier-bekeken&amp;page=2"');
    const last = await agent.get('/admin/audit?user=consulent&action=dossier-bekeken&page=3');
    expect(last.text).toContain('Pagina 3 van 3');
    expect((last.text.match(/<code class="koers-trace">/g) ?? []).length).toBe(20);
    expect(last.text).toContain('>trace-0<');
    expect(last.text).toContain('Vorige 50');
    expect(last.text).not.toContain('Volgende 50');
  });

  it('filters by client id and by period (inclusive)', async () => {
    const ctx = await buildTestApp();
    seed(ctx);
    const { agent } = await ctx.login('admin');
    const byClient = await agent.get('/admin/audit?client=8');
    expect(byClient.text).toContain('3 regels gevonden.');
    const period = await agent.get('/admin/audit?from=2026-11-01&to=02-11-2026');
    expect(period.text).toContain('2 regels gevonden.');
    expect(period.text).toContain('trace-200');
    expect(period.text).toContain('trace-201');
    expect(period.text).not.toContain('trace-202');
    expect(period.text).toMatch(/name="to" type="text" value="02-11-2026"/);
    const none = await agent.get('/admin/audit?client=8&user=consulent');
    expect(none.text).toContain('Geen regels gevonden.');
  });

  it('answers invalid filters with Dutch messages, not a crash', async () => {
    const ctx = await buildTestApp();
    seed(ctx);
    const { agent } = await ctx.login('admin');
    const res = await agent.get('/admin/audit?client=abc&from=31-02-2026&to=2026-01-01&page=-1&user=x');
    expect(res.status).toBe(400);
    expect(res.text).toContain('Het cliënt-id moet een getal zijn');
    expect(res.text).toContain('De datum vanaf is geen geldige datum');
    expect(res.text).toContain('Het paginanummer mag niet kleiner zijn dan 1');
    const unknown = await agent.get('/admin/audit?user=x');
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('Er is geen gebruiker met de gebruikersnaam &#34;x&#34;');
    expect(unknown.text).toMatch(/name="user" type="text" value="x"/);
    expect(unknown.text).not.toContain('trace-1');
    expect(res.text).toMatch(/name="client" type="text" value="abc"/);
    expect(res.text).not.toContain('trace-1');
    const order = await agent.get('/admin/audit?from=2026-11-02&to=2026-11-01');
    expect(order.status).toBe(400);
    expect(order.text).toContain('De datum tot en met ligt vóór de datum vanaf');
  });

  it('records that the log was viewed, and is read-only', async () => {
    const ctx = await buildTestApp();
    const { agent, csrf } = await ctx.login('admin');
    await agent.get('/admin/audit?client=8');
    const row = ctx.db.prepare("SELECT user_id AS userId, details FROM audit_log WHERE action = 'auditlog-bekeken'").get();
    expect(row).toEqual({ userId: ctx.users.admin, details: 'client=8' });
    expect((await agent.post('/admin/audit').type('form').send({ _csrf: csrf })).status).toBe(404);
  });

  it.each(['consulent', 'teamleider'])('refuses %s with 403', async (username) => {
    const ctx = await buildTestApp();
    seed(ctx);
    const { agent } = await ctx.login(username);
    const res = await agent.get('/admin/audit');
    expect(res.status).toBe(403);
    expect(res.text).not.toContain('trace-1');
  });
});

describe('admin: audit log viewer on a large log (issue 23)', () => {
  it('counts at most AUDIT_COUNT_CAP rows: at the cap the exact number, one more says "meer dan" and pages stop at the cap', async () => {
    const { AUDIT_COUNT_CAP, AUDIT_PAGE_SIZE } = await import('../../src/app/admin-audit.js');
    const ctx = await buildTestApp();
    const add = (from: number, n: number, action: string) =>
      ctx.db.transaction(() => {
        for (let i = from; i < from + n; i++) {
          appendAudit(ctx.db, {
            traceId: `big-${i}`, action, activity: 'voortgang', startedAt: '2026-10-05T10:00:00.000Z',
            endedAt: '2026-10-05T10:00:00.100Z', outcome: 'ok', userId: ctx.users.consulent, username: 'consulent', clientId: 7,
          });
        }
      })();
    add(0, AUDIT_COUNT_CAP, 'dossier-bekeken');
    const { agent } = await ctx.login('admin');
    const pages = AUDIT_COUNT_CAP / AUDIT_PAGE_SIZE;
    const at = await agent.get('/admin/audit?action=dossier-bekeken');
    expect(at.text).toContain(`${AUDIT_COUNT_CAP} regels gevonden. Pagina 1 van ${pages}.`);
    add(AUDIT_COUNT_CAP, 1, 'dossier-bekeken');
    const over = await agent.get('/admin/audit?action=dossier-bekeken');
    expect(over.text).toContain('Meer dan 2.000 regels gevonden; alleen de nieuwste 2.000 zijn te bekijken.');
    expect(over.text).toContain(`Pagina 1 van ${pages}.`);
    // The newest first, also past the cap; a page beyond the last counted one shows the last.
    expect(over.text).toContain(`>big-${AUDIT_COUNT_CAP}<`);
    const beyond = await agent.get(`/admin/audit?action=dossier-bekeken&page=${pages + 5}`);
    expect(beyond.text).toContain(`Pagina ${pages} van ${pages}`);
  });

  it('offers every action that occurs in the log, in order, each once', async () => {
    const ctx = await buildTestApp();
    seed(ctx);
    appendAudit(ctx.db, {
      traceId: 'a-1', action: 'aaa-eerste', activity: 'voortgang', startedAt: '2026-10-05T10:00:00.000Z',
      endedAt: '2026-10-05T10:00:00.100Z', outcome: 'ok', userId: null, username: null, clientId: null,
    });
    const { listAuditActions } = await import('../../src/db/audit.js');
    const direct = ctx.db.prepare('SELECT DISTINCT action FROM audit_log ORDER BY action').pluck().all();
    expect(listAuditActions(ctx.db)).toEqual(direct);
    expect(listAuditActions(ctx.db)).toContain('uren-gewijzigd');
    expect(listAuditActions(ctx.db)[0]).toBe('aaa-eerste');
  });
});
