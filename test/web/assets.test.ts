import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, get as httpGet, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAssets, PROJECT_ROOT } from '../../src/web/asset-build.js';
import { pickEncoding } from '../../src/web/assets.js';
import { buildTestApp, type TestContext } from '../helpers/app.js';
import { insertClient } from '../helpers/fixtures.js';

const HASHED = /^\/assets\/[\w-]+\.[A-Za-z0-9]{10}\.(css|js)$/;

/** The stylesheets and scripts a page links. */
function linkedAssets(html: string): string[] {
  const links = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]!);
  const scripts = [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]!);
  return [...links, ...scripts];
}

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A GET over a real socket, the bytes as sent (supertest would decompress them). */
function rawGet(app: Express, path: string, acceptEncoding: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const server = createServer(app).listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      httpGet({ host: '127.0.0.1', port, path, headers: { 'Accept-Encoding': acceptEncoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          server.close();
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
        });
      }).on('error', (err) => {
        server.close();
        reject(err);
      });
    });
  });
}

describe('stylesheets and scripts: compressed and cache-busted', () => {
  let ctx: TestContext;
  const pages: [string, string][] = [];
  beforeAll(async () => {
    ctx = await buildTestApp();
    const clientId = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent });
    pages.push(['anonymous', '/login']);
    for (const path of ['/', `/clients/${clientId}`, `/clients/${clientId}/hours`, '/account/tweede-factor']) pages.push(['consulent', path]);
    for (const path of ['/', '/caseload']) pages.push(['teamleider', path]);
    pages.push(['admin', '/admin/rules']);
  });

  it('every page links one stylesheet (plus print) and its scripts under hashed names, served brotli/gzip and immutable', async () => {
    const seen = new Set<string>();
    for (const [role, path] of pages) {
      const agent = role === 'anonymous' ? request.agent(ctx.app) : (await ctx.login(role)).agent;
      const page = await agent.get(path);
      expect(page.status, `${role} ${path}`).toBe(200);
      const assets = linkedAssets(page.text);
      // One render-blocking stylesheet, no chains: the print one is media="print".
      expect(page.text.match(/<link rel="stylesheet"/g)?.length, path).toBe(2);
      expect(page.text).toMatch(/<link rel="stylesheet" href="\/assets\/print\.\w{10}\.css" media="print">/);
      for (const url of assets) {
        expect(url, `${path} links ${url}`).toMatch(HASHED);
        seen.add(url);
      }
    }
    expect([...seen].some((u) => u.endsWith('.js')), 'a page with a script was checked').toBe(true);

    for (const url of seen) {
      const plain = await rawGet(ctx.app, url, 'identity');
      expect(plain.status).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers['content-type']).toMatch(url.endsWith('.css') ? /^text\/css/ : /^text\/javascript/);
      const body = plain.body;
      expect(body.toString('utf8')).not.toContain('@import');

      const br = await rawGet(ctx.app, url, 'gzip, deflate, br');
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(br.headers.vary).toBe('Accept-Encoding');
      expect(brotliDecompressSync(br.body).equals(body)).toBe(true);
      expect((br.body).length).toBeLessThan(body.length);

      const gz = await rawGet(ctx.app, url, 'gzip');
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gz.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(gunzipSync(gz.body).equals(body)).toBe(true);
    }
  });

  it('the stylesheet is small on the wire: under 20 KB with brotli for all of the first visit CSS', async () => {
    const page = await request(ctx.app).get('/login');
    const css = linkedAssets(page.text).find((u) => /\/koers\.\w+\.css$/.test(u))!;
    const br = await rawGet(ctx.app, css, 'br');
    expect((br.body).length).toBeLessThan(20_000);
    const text = brotliDecompressSync(br.body).toString('utf8');
    // The NL Design System look is there: tokens, html.css, the components Koers uses, the run-time modifiers.
    for (const s of ['.utrecht-theme{', '.utrecht-html ', '.utrecht-button', '.utrecht-alert--error', '.utrecht-form-field', '.koers-tabs']) {
      expect(text, s).toContain(s);
    }
    // ...and what Koers does not use is not (the full library holds both).
    for (const s of ['.utrecht-calendar', '.utrecht-page-header', '--utrecht-calendar-']) expect(text, s).not.toContain(s);
  });

  it('pages themselves are not compressed (they mix the CSRF token with reflected input: BREACH)', async () => {
    const { agent } = await ctx.login('consulent');
    const page = await agent.get('/clients?q=abc').set('Accept-Encoding', 'gzip, br');
    expect(page.status).toBe(200);
    expect(page.text).toContain('name="_csrf"');
    expect(page.headers['content-encoding']).toBeUndefined();
  });

  it('every template links stylesheets and scripts only through the built assets', () => {
    const views = readdirSync(join(PROJECT_ROOT, 'views'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ejs'));
    for (const f of views) {
      const text = readFileSync(join(PROJECT_ROOT, 'views', f), 'utf8');
      expect(text, f).not.toMatch(/href="\/(css|js|vendor)\//);
      expect(text, f).not.toMatch(/src="\/(css|js|vendor)\//);
      expect(text, f).not.toMatch(/'\/(css|js)\/[^']+\.(css|js)'/);
    }
  });

  it('an unknown or old asset name is not served', async () => {
    expect((await request(ctx.app).get('/assets/koers.AAAAAAAAAA.css')).status).not.toBe(200);
    expect((await request(ctx.app).get('/assets/manifest.json')).status).not.toBe(200);
  });
});

describe('Accept-Encoding', () => {
  it('prefers brotli, then gzip, and honours q=0', () => {
    expect(pickEncoding('gzip, deflate, br')).toBe('br');
    expect(pickEncoding('gzip')).toBe('gzip');
    expect(pickEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(pickEncoding('*')).toBe('br');
    expect(pickEncoding('*, br;q=0, gzip;q=0')).toBe('identity');
    expect(pickEncoding(undefined)).toBe('identity');
    expect(pickEncoding('identity')).toBe('identity');
  });
});

describe('the asset build', () => {
  let root: string;
  beforeAll(() => {
    // A copy of the project's inputs: the real views, src and packages, a copy of public/ to change.
    root = mkdtempSync(join(tmpdir(), 'koers-assets-'));
    for (const d of ['views', 'src', 'node_modules']) symlinkSync(join(PROJECT_ROOT, d), join(root, d));
    cpSync(join(PROJECT_ROOT, 'public', 'css'), join(root, 'public', 'css'), { recursive: true });
    cpSync(join(PROJECT_ROOT, 'public', 'js'), join(root, 'public', 'js'), { recursive: true });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('builds once, keeps the build while nothing changed, and gives a changed stylesheet a new name', async () => {
    const outDir = join(root, 'public', 'assets');
    const manifest = () => (JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as { assets: Record<string, string> }).assets;
    expect((await ensureAssets({ root })).built).toBe(true);
    const first = manifest();
    // The same inputs give the same names as the project's own build.
    const project = JSON.parse(readFileSync(join(PROJECT_ROOT, 'public', 'assets', 'manifest.json'), 'utf8')) as { assets: Record<string, string> };
    expect(first).toEqual(project.assets);
    expect((await ensureAssets({ root })).built).toBe(false);

    const own = join(root, 'public', 'css', 'koers.css');
    writeFileSync(own, `${readFileSync(own, 'utf8')}\n.koers-test-change { color: #000; }\n`);
    expect((await ensureAssets({ root })).built).toBe(true);
    const second = manifest();
    expect(second['koers.css']).not.toBe(first['koers.css']);
    expect(second['koers.css']).toMatch(HASHED);
    expect(second['print.css']).toBe(first['print.css']);
    expect(second['passkeys.js']).toBe(first['passkeys.js']);
    // The old file is gone, the new one holds the change.
    const files = readdirSync(outDir);
    expect(files).not.toContain(first['koers.css']!.slice('/assets/'.length));
    expect(readFileSync(join(outDir, second['koers.css']!.slice('/assets/'.length)), 'utf8')).toContain('.koers-test-change');
  }, 60_000);
});
