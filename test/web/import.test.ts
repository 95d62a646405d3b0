import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { insertClient, status, zRouteClient } from '../helpers/fixtures.js';

async function setup() {
  const ctx = await buildTestApp();
  const a = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
  const b = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent2);
  const other = zRouteClient(ctx.db, ctx.teamB, ctx.users.otherConsulent);
  const num = (id: number) => ctx.db.prepare('SELECT client_number FROM clients WHERE id = ?').pluck().get(id) as string;
  ctx.db.prepare("INSERT INTO providers (name, kind) VALUES ('Taalschool De Brug', 'TAALAANBIEDER')").run();
  const { agent, csrf } = await ctx.login('consulent');
  return { ctx, a, b, other, num, agent, csrf };
}

const HEADER = 'clientnummer;soort;activiteit;van;tot;uren;gepland;aanbieder';

function upload(agent: Awaited<ReturnType<typeof setup>>['agent'], csrf: string, csv: string, name = 'rapport.csv') {
  return agent.post('/hours/import').field('_csrf', csrf).attach('file', Buffer.from(csv, 'utf8'), name);
}

async function confirm(agent: Awaited<ReturnType<typeof setup>>['agent'], csrf: string, html: string) {
  const m = /action="\/hours\/import\/(\d+)\/confirm"/.exec(html);
  if (!m) throw new Error('no confirm form');
  return agent.post(`/hours/import/${m[1]}/confirm`).type('form').send({ _csrf: csrf });
}

describe('CSV hour import', () => {
  it('shows the columns and serves the template', async () => {
    const { agent } = await setup();
    const page = await agent.get('/hours/import');
    expect(page.status).toBe(200);
    expect(page.text).toContain('clientnummer');
    const tpl = await agent.get('/hours/import/template.csv');
    expect(tpl.status).toBe(200);
    expect(tpl.headers['content-type']).toContain('text/csv');
    expect(tpl.text).toContain(HEADER);
  });

  it('previews a valid file (BOM, comma separator), imports on confirm, refreshes statuses', async () => {
    const { ctx, a, b, num, agent, csrf } = await setup();
    const csv = `\uFEFFclientnummer,soort,activiteit,van,tot,uren,gepland,aanbieder
${num(a)},taal,,01-10-2026,31-10-2026,"40,5",48,Taalschool De Brug
${num(b)},participatie,Vrijwilligerswerk,2026-10-01,2026-10-31,16,,Buurthuis De Ster
`;
    const preview = await upload(agent, csrf, csv);
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('2 regels gelezen. 2 nieuw');
    expect(ctx.db.prepare('SELECT COUNT(*) FROM hour_entries').pluck().get()).toBe(0);
    const res = await confirm(agent, csrf, preview.text);
    expect(res.status).toBe(303);
    expect(status(ctx.db, a).language_hours).toBe(40.5);
    expect(status(ctx.db, b).participation_total).toBe(16);
    const row = ctx.db.prepare('SELECT source, provider_id, organisation, import_key FROM hour_entries WHERE client_id = ?').get(b) as Record<string, unknown>;
    expect(row).toMatchObject({ source: 'IMPORT', provider_id: null, organisation: 'Buurthuis De Ster' });
    expect(row.import_key).toMatch(/^[0-9a-f]{64}$/);
    const events = ctx.db.prepare("SELECT COUNT(*) FROM client_events WHERE kind = 'HOURS'").pluck().get();
    expect(events).toBe(2);
    const done = await agent.get('/hours/import');
    expect(done.text).toContain('2 regels geïmporteerd voor 2 cliënten');
  });

  it('lists every problem in Dutch by line and field, and imports nothing', async () => {
    const { ctx, a, other, num, agent, csrf } = await setup();
    const csv = [
      HEADER,
      `${num(a)};taal;;01-10-2026;31-10-2026;10;;`,
      `K-99999;taal;;01-10-2026;31-10-2026;10;;`,
      `${num(other)};taal;;01-10-2026;31-10-2026;10;;`,
      `${num(a)};zwemmen;;01-10-2026;31-10-2026;10;;`,
      `${num(a)};taal;;32-10-2026;31-10-2026;10;;`,
      `${num(a)};knm;;31-10-2026;01-10-2026;10;;`,
      `${num(a)};pvt;;01-10-2026;31-10-2026;tien;;`,
      `${num(a)};map;;01-10-2026;31-10-2026;-3;;`,
      `${num(a)};participatie;Paardrijden;01-10-2026;31-10-2026;10;;`,
    ].join('\n');
    const res = await upload(agent, csrf, csv);
    expect(res.status).toBe(400);
    expect(res.text).toContain('Er is niets geïmporteerd: 8 problemen');
    expect(res.text).toContain('Cliëntnummer K-99999 is onbekend of hoort niet bij uw team.');
    expect(res.text).toContain(`Cliëntnummer ${num(other)} is onbekend of hoort niet bij uw team.`);
    expect(res.text).toContain('Onbekende soort &#34;zwemmen&#34;');
    expect(res.text).toContain('&#34;32-10-2026&#34; is geen geldige datum');
    expect(res.text).toContain('De einddatum ligt voor de begindatum.');
    expect(res.text).toContain('Uren &#34;tien&#34; is geen getal.');
    expect(res.text).toContain('Uren mogen niet negatief zijn.');
    expect(res.text).toContain('Onbekende activiteit &#34;Paardrijden&#34;.');
    expect(res.text).toMatch(/<td class="koers-num">3<\/td><td>clientnummer<\/td>/);
    expect(res.text).not.toContain('/confirm');
    expect(ctx.db.prepare('SELECT COUNT(*) FROM hour_entries').pluck().get()).toBe(0);
  });

  it('re-importing the same file does not double the hours; the preview says how many are already imported', async () => {
    const { ctx, a, num, agent, csrf } = await setup();
    const csv = `${HEADER}\n${num(a)};taal;;01-10-2026;31-10-2026;40;;\n`;
    await confirm(agent, csrf, (await upload(agent, csrf, csv)).text);
    expect(status(ctx.db, a).language_hours).toBe(40);
    const again = await upload(agent, csrf, `${csv}${num(a)};taal;;01-11-2026;20-11-2026;12;;\n`, 'rapport-november.csv');
    expect(again.text).toContain('1 nieuw');
    expect(again.text).toContain('1 al eerder geïmporteerd');
    await confirm(agent, csrf, again.text);
    expect(status(ctx.db, a).language_hours).toBe(52);
    const same = await upload(agent, csrf, csv);
    expect(same.text).toContain('Alle regels zijn al eerder geïmporteerd');
    expect(status(ctx.db, a).language_hours).toBe(52);
  });

  it('a row failing mid-import rolls back everything', async () => {
    const { ctx, a, b, num, agent, csrf } = await setup();
    const csv = `${HEADER}\n${num(a)};taal;;01-10-2026;31-10-2026;40;;\n${num(b)};taal;;01-10-2026;31-10-2026;13;;\n`;
    const preview = await upload(agent, csrf, csv);
    // Simulate a database failure on the second row, after the first was inserted.
    ctx.db.exec(`CREATE TRIGGER fail_13 BEFORE INSERT ON hour_entries WHEN NEW.hours = 13
      BEGIN SELECT RAISE(ABORT, 'simulated failure'); END`);
    const res = await confirm(agent, csrf, preview.text);
    expect(res.status).toBe(500);
    expect(ctx.db.prepare('SELECT COUNT(*) FROM hour_entries').pluck().get()).toBe(0);
    expect(ctx.db.prepare('SELECT COUNT(*) FROM hour_imports').pluck().get()).toBe(0);
    expect(status(ctx.db, a).language_hours).toBe(0);
  });

  it('re-validates at confirm: a client closed after the preview blocks the import', async () => {
    const { ctx, a, num, agent, csrf } = await setup();
    const preview = await upload(agent, csrf, `${HEADER}\n${num(a)};taal;;01-10-2026;31-10-2026;40;;\n`);
    ctx.db.prepare("UPDATE clients SET closed_on = '2026-11-20' WHERE id = ?").run(a);
    const res = await confirm(agent, csrf, preview.text);
    expect(res.status).toBe(400);
    expect(res.text).toContain('is afgesloten');
    expect(ctx.db.prepare('SELECT COUNT(*) FROM hour_entries').pluck().get()).toBe(0);
  });

  it('refuses a missing CSRF token, a missing file, a bad header and files above 2 MB', async () => {
    const { agent, csrf } = await setup();
    const noCsrf = await agent.post('/hours/import').attach('file', Buffer.from(HEADER), 'x.csv');
    expect(noCsrf.status).toBe(403);
    const noFile = await agent.post('/hours/import').field('_csrf', csrf);
    expect(noFile.status).toBe(400);
    expect(noFile.text).toContain('Kies een CSV-bestand met uren.');
    const badHeader = await upload(agent, csrf, 'naam;uren\nx;1\n');
    expect(badHeader.status).toBe(400);
    expect(badHeader.text).toContain('De kopregel mist de kolommen clientnummer, soort, van, tot');
    const big = await upload(agent, csrf, `${HEADER}\n${'x'.repeat(2 * 1024 * 1024 + 10)}`);
    expect(big.status).toBe(400);
    expect(big.text).toContain('Het bestand is groter dan 2 MB');
  });

  it('access: only consulenten; teamleider and admin 403', async () => {
    const { ctx } = await setup();
    const tl = await ctx.login('teamleider');
    expect((await tl.agent.get('/hours/import')).status).toBe(403);
    const admin = await ctx.login('admin');
    expect((await admin.agent.get('/hours/import')).status).toBe(403);
    const id = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: null });
    expect(id).toBeGreaterThan(0);
  });
});
