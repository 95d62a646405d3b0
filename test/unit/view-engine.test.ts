// The app's EJS engine (src/web/view-engine.ts) must render exactly what ejs.renderFile renders, with and
// without the view cache, and fail the same way; the one difference is template text above U+00FF, which it
// writes as numeric character references (oneByteText).
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ejs from 'ejs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createViewEngine, escapeHtml, oneByteText } from '../../src/web/view-engine.js';
import { buildTestApp, withCharacters } from '../helpers/app.js';
import { addAgreement, insertClient, zRouteClient } from '../helpers/fixtures.js';
import { refreshClientStatus } from '../../src/db/client-status.js';

const TEMPLATES: Record<string, string> = {
  'page.ejs': `<%- include('partials/head', { title: 'Kop' }) %>
<h1><%= title %></h1>
<% const items = ['a<b', "x'y", 'q"r', 'k&l']; %>
<ul><% items.forEach(function (it, i) { %><li data-i="<%= i %>"><%= it %></li><% }) %></ul>
<p><%= typeof missing === 'undefined' ? 'geen' : missing %> <%= locals.values ? 'values' : 'no values' %> <%= locals.constructor %></p>
<p><%- raw %> <%= nothing %> <%= zero %> <%= obj %></p>
<%- include('partials/list', { rows: rows }) %>
<%# a comment %>
<%_ if (flag) { _%>
  vlag
<%_ } _%>
<%- include('partials/foot') %>`,
  'partials/head.ejs': '<title><%= title %></title><% if (locals.user) { %><%- include(\'nav\') %><% } %>',
  'partials/nav.ejs': `<% const items = [user.name, 'menu']; %><nav><%= items.join('|') %> <%= title %></nav>`,
  'partials/list.ejs': `<% rows.forEach(function (r) { %><tr><td><%= r.name %></td><td><%= h.upper(r.name) %></td></tr>
<% }) %>`,
  'partials/foot.ejs': '<footer><%= title %> <%= user ? user.name : "" %></footer>',
  'broken.ejs': 'regel 1\n<%= notDefined.x %>\nregel 3',
  'missing-include.ejs': "<%- include('partials/nope') %>",
  'keys.ejs': '<%= typeof include %> <%= typeof escapeFn %> <%= title %>',
};

function viewsDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'koers-views-'));
  mkdirSync(join(dir, 'partials'));
  for (const [name, text] of Object.entries(TEMPLATES)) writeFileSync(join(dir, name), text);
  return dir;
}

const renderEjs = (file: string, data: object) =>
  new Promise<string>((resolve, reject) => ejs.renderFile(file, data, (err, html) => (err ? reject(err) : resolve(html))));

function renderOurs(engine: ReturnType<typeof createViewEngine>, file: string, data: object) {
  return new Promise<string>((resolve, reject) => engine(file, data, (err, html) => (err ? reject(err) : resolve(html!))));
}

describe('view engine', () => {
  let dir: string;
  beforeAll(() => {
    dir = viewsDir();
  });
  const data = (extra: object = {}) => ({
    title: 'Titel <&>',
    rows: [{ name: 'één' }, { name: '<script>' }],
    raw: '<b>vet</b>',
    nothing: null,
    zero: 0,
    obj: { a: 1 },
    flag: true,
    h: { upper: (s: string) => s.toUpperCase() },
    user: { name: 'Consulent "C"' },
    settings: { views: '' },
    ...extra,
  });

  it('renders what ejs.renderFile renders, with and without the view cache', async () => {
    const engine = createViewEngine();
    const file = join(dir, 'page.ejs');
    for (const d of [data(), data({ values: { x: 1 }, flag: false }), data({ user: undefined })]) {
      const expected = await renderEjs(file, d);
      expect(await renderOurs(engine, file, { ...d, cache: false })).toBe(expected);
      // Twice with the cache: compiled on the first render, reused on the second.
      expect(await renderOurs(engine, file, { ...d, cache: true })).toBe(expected);
      expect(await renderOurs(engine, file, { ...d, cache: true })).toBe(expected);
    }
    expect(await renderOurs(engine, file, { ...data(), cache: true })).toContain('<nav>Consulent &#34;C&#34;|menu Kop</nav>');
  });

  it('keeps compiled templates only with the view cache on', async () => {
    const engine = createViewEngine();
    const local = viewsDir();
    const file = join(local, 'keys.ejs');
    expect(await renderOurs(engine, file, { title: 'een', cache: true })).toBe('function function een');
    writeFileSync(file, 'gewijzigd <%= title %>');
    expect(await renderOurs(engine, file, { title: 'twee', cache: true })).toBe('function function twee');
    expect(await renderOurs(engine, file, { title: 'drie', cache: false })).toBe('gewijzigd drie');
  });

  it('does not let data shadow its own functions, and skips keys that are no identifiers', async () => {
    const engine = createViewEngine();
    const file = join(dir, 'keys.ejs');
    const html = await renderOurs(engine, file, { title: 'x', include: 'nee', escapeFn: 'nee', class: 1, 'a-b': 2, cache: true });
    expect(html).toBe('function function x');
  });

  it('fails like EJS: a missing local names the template and line, a missing include its path', async () => {
    const engine = createViewEngine();
    const broken = renderOurs(engine, join(dir, 'broken.ejs'), { cache: true });
    await expect(broken).rejects.toThrow(/broken\.ejs:2\n[\s\S]* >> 2\| <%= notDefined\.x %>[\s\S]*notDefined is not defined/);
    await expect(renderEjs(join(dir, 'broken.ejs'), {})).rejects.toThrow(/notDefined is not defined/);
    await expect(renderOurs(engine, join(dir, 'missing-include.ejs'), { cache: true })).rejects.toThrow(
      /Could not find the include file "partials\/nope"/,
    );
  });

  it('writes template text and escaped values above U+00FF as character references, raw output as it is', async () => {
    const file = join(dir, 'one-byte.ejs');
    writeFileSync(file, 'Uren – <%= name %> → <%= "–" %><%# – %> <%= smile %> <%- raw %>');
    const html = await renderOurs(createViewEngine(), file, { cache: true, name: 'Şahin <b>', smile: 'a😀b', raw: '<i>ğ</i>' });
    expect(html).toBe('Uren &#8211; &#350;ahin &lt;b&gt; &#8594; &#8211; a&#128512;b <i>ğ</i>');
    expect(withCharacters(html)).toBe('Uren – Şahin &lt;b&gt; → – a😀b <i>ğ</i>');
    expect(escapeHtml('cliënt – ÿ')).toBe('cliënt &#8211; ÿ');
    expect(oneByteText('cliënt € 5 – ✓')).toBe('cliënt &#8364; 5 &#8211; &#10003;');
  });

  it('escapes as EJS does', () => {
    for (const v of ['gewoon', `<a href="x">'&'</a>`, '', 0, 12.5, null, undefined, { toString: () => '<x>' }, ['a', '<b>']]) {
      expect(escapeHtml(v)).toBe(ejs.escapeXML(v));
    }
  });
});

describe('pages with the view cache on (as in production)', () => {
  it('render the same as without it', async () => {
    const ctx = await buildTestApp();
    const client = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    addAgreement(ctx.db, client, '2026-11-01', ctx.users.consulent);
    const tl = await ctx.login('teamleider');
    const cons = await ctx.login('consulent');
    const pages: [typeof tl, string][] = [
      [tl, '/'],
      [tl, '/caseload?q=a'],
      [tl, '/team/approvals'],
      [cons, '/'],
      [cons, `/clients/${client}`],
    ];
    const plain: string[] = [];
    for (const [who, url] of pages) {
      const res = await who.agent.get(url);
      expect(res.status).toBe(200);
      plain.push(res.text);
    }
    ctx.app.set('view cache', true);
    for (const round of [1, 2]) {
      for (const [i, [who, url]] of pages.entries()) {
        const res = await who.agent.get(url);
        expect(res.status, `${url}, round ${round}`).toBe(200);
        expect(res.text).toBe(plain[i]);
      }
    }
  });
});

describe('caseload rows kept with their HTML (view cache on)', () => {
  it('show a rename at once, keep a refused form\'s ticks, and write a one-byte page', async () => {
    const ctx = await buildTestApp();
    ctx.app.set('view cache', true);
    const id = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent, linkedOn: '2026-01-10', lastName: 'Şahin' });
    refreshClientStatus(ctx.db, id, '2026-11-24');
    const { agent, csrf } = await ctx.login('teamleider');
    const first = await agent.get('/caseload');
    expect(first.status).toBe(200);
    // Every character above U+00FF in the page is a character reference (the kept row holds the name so).
    expect(first.text).not.toMatch(/[\u{100}-\u{10ffff}]/u);
    expect(first.text).toContain('&#350;ahin');
    expect(withCharacters(first.text)).toContain('>Şahin, ');
    expect((await agent.get('/caseload')).text).toBe(first.text);
    ctx.db.prepare("UPDATE clients SET last_name = 'Hernoemd' WHERE id = ?").run(id);
    const renamed = await agent.get('/caseload?q=Hernoemd');
    expect(renamed.text).toContain('>Hernoemd, ');
    expect((await agent.get('/caseload')).text).toContain('>Hernoemd, ');
    expect((await agent.get('/caseload')).text).not.toContain('ahin');
    const refused = await agent
      .post('/team/reassign')
      .type('form')
      .send({ _csrf: csrf, clientIds: [id], toConsulentId: ctx.users.consulent2, reason: ' ', back: '/caseload' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain(`value="${id}" id="kies-${id}" checked`);
    // The ticked row was rendered for that answer only: the next page has it unticked.
    expect((await agent.get('/caseload')).text).toContain(`value="${id}" id="kies-${id}">`);
  });
});
