import { beforeAll, describe, expect, it } from 'vitest';
import { refreshClientStatus } from '../../src/db/client-status.js';
import { csvCell } from '../../src/app/caseload-csv.js';
import { buildTestApp, type LoggedInAgent, type TestContext } from '../helpers/app.js';
import { addAgreement, zRouteClient } from '../helpers/fixtures.js';

describe('CSV export of the caseload', () => {
  let ctx: TestContext;
  let tl: LoggedInAgent;
  beforeAll(async () => {
    ctx = await buildTestApp();
    const evil = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    ctx.db.prepare(`UPDATE clients SET first_name = '=HYPERLINK("x")', last_name = '+Plus; "quoted"' WHERE id = ?`).run(evil);
    const late = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent2);
    ctx.db.prepare("UPDATE clients SET last_name = 'Laatkomer', first_name = '@Anna' WHERE id = ?").run(late);
    addAgreement(ctx.db, late, '2026-11-01', ctx.users.consulent2);
    refreshClientStatus(ctx.db, late, '2026-11-24');
    const other = zRouteClient(ctx.db, ctx.teamB, ctx.users.otherConsulent);
    ctx.db.prepare("UPDATE clients SET last_name = 'Anderteam' WHERE id = ?").run(other);
    tl = await ctx.login('teamleider');
  });

  it('starts with a BOM and Dutch headers, separated by ;', async () => {
    const res = await tl.agent.get('/caseload/export.csv').buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('attachment; filename="werkvoorraad-2026-11-24.csv"');
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = body.toString('utf8').slice(1);
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'Cliëntnummer;Achternaam;Voornaam;Consulent;Route;Fase;Taaluren;Norm taaluren;Participatie-uren;Norm participatie-uren;Einde termijn;Laatste voortgangsgesprek;Volgend voortgangsgesprek;Afgesloten op;Signalen',
    );
    expect(lines).toHaveLength(3);
    expect(text).not.toContain('Anderteam');
    expect(text).toContain(`;"'+Plus; ""quoted""";"'=HYPERLINK(""x"")";Test consulent;Z-route;Loopt;0;800;0;800;03-03-2028;`);
    expect(text).toContain(";Laatkomer;'@Anna;Test consulent2;");
    expect(text).toContain('Afspraken verlopen');
  });

  it('applies the same filters as the list, over all pages', async () => {
    const res = await tl.agent.get('/caseload/export.csv?signal=AGREEMENTS_OVERDUE');
    const lines = res.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('Laatkomer');
  });

  it('is audited', async () => {
    await tl.agent.get('/caseload/export.csv?signal=AGREEMENTS_OVERDUE');
    const row = ctx.db
      .prepare("SELECT details FROM audit_log WHERE action = 'caseload-geexporteerd' ORDER BY id DESC LIMIT 1")
      .get() as { details: string };
    expect(row.details).toBe('1 cliënten; filter: signal=AGREEMENTS_OVERDUE');
  });

  it('escapes every formula start', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${start}1`).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('gewoon')).toBe('gewoon');
    expect(csvCell(null)).toBe('');
  });
});

describe('CSV export in chunks', () => {
  it('lists every client in the order of the list, each formula start escaped', async () => {
    const ctx = await buildTestApp();
    const starts = ['-Min', '=Som', '+Plus', '@At', '\tTab', 'Gewoon'];
    for (let i = 0; i < 12; i++) {
      const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
      ctx.db.prepare('UPDATE clients SET last_name = ? WHERE id = ?').run(`${starts[i % starts.length]}${i}`, id);
    }
    const tl = await ctx.login('teamleider');
    const csv = (await tl.agent.get('/caseload/export.csv?sort=name')).text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(csv).toHaveLength(13);
    const lastNames = csv.slice(1).map((line) => line.split(';')[1]);
    for (const name of lastNames) expect(name).toMatch(/^('[-=+@\t]|Gewoon)/);
    const page = await tl.agent.get('/caseload?sort=name');
    const onPage = [...page.text.matchAll(/class="koers-client-name">([^,<]+)/g)].map((m) => m[1]!.replace(/&#39;/g, "'"));
    expect(lastNames.map((n) => n!.replace(/^'/, ''))).toEqual(onPage);
  });
});

describe('saved filters', () => {
  it('saves the current filters under a name, lists them as links and deletes them', async () => {
    const ctx = await buildTestApp();
    const { agent, csrf } = await ctx.login('teamleider');
    const bad = await agent.post('/caseload/filters').type('form').send({ _csrf: csrf, name: '', query: 'route=Z' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Vul een naam voor het filter in');
    const save = await agent
      .post('/caseload/filters')
      .type('form')
      .send({ _csrf: csrf, name: 'Z-route te laat', query: 'route=Z&signal=CONVERSATION_OVERDUE&bogus=1&page=3' });
    expect(save.status).toBe(303);
    expect(save.headers.location).toBe('/caseload?route=Z&signal=CONVERSATION_OVERDUE');
    const page = await agent.get('/caseload');
    expect(page.text).toContain('href="/caseload?route=Z&amp;signal=CONVERSATION_OVERDUE">Z-route te laat</a>');
    const id = ctx.db.prepare('SELECT id FROM saved_filters').pluck().get() as number;
    // Another user cannot delete it.
    const other = await ctx.login('consulent');
    await other.agent.post(`/caseload/filters/${id}/delete`).type('form').send({ _csrf: other.csrf });
    expect(ctx.db.prepare('SELECT COUNT(*) FROM saved_filters').pluck().get()).toBe(1);
    expect((await other.agent.get('/caseload')).text).not.toContain('Z-route te laat');
    await agent.post(`/caseload/filters/${id}/delete`).type('form').send({ _csrf: csrf });
    expect(ctx.db.prepare('SELECT COUNT(*) FROM saved_filters').pluck().get()).toBe(0);
  });
});
