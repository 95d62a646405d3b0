// Serves the built assets (src/web/asset-build.ts) from memory: under content-hashed names, so cached for a
// year as immutable; brotli or gzip as the browser accepts, precompressed at build time. Pages (HTML) are
// not compressed: see README "Security" (BREACH).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RequestHandler } from 'express';
import type { AssetManifest } from './asset-build.js';

interface Asset {
  type: string;
  identity: Buffer;
  br: Buffer;
  gzip: Buffer;
}

export interface Assets {
  /** Logical name ('koers.css') → URL ('/assets/koers.<hash>.css'), for the layout. */
  urls: AssetManifest;
  middleware: RequestHandler;
}

const TYPES: Record<string, string> = { css: 'text/css; charset=utf-8', js: 'text/javascript; charset=utf-8' };
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Which encoding of br, gzip the Accept-Encoding header allows (q=0 refuses one), best first. */
export function pickEncoding(header: string | undefined): 'br' | 'gzip' | 'identity' {
  const accepted = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name, q ? Number(q.slice(2)) : 1);
  }
  const ok = (e: string) => (accepted.get(e) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return 'identity';
}

export function loadAssets(dir: string): Assets {
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) {
    throw new Error(`${manifestPath} is missing: the assets are built by \`npm start\` and \`npm test\` (src/web/asset-build.ts)`);
  }
  const { assets: urls } = JSON.parse(readFileSync(manifestPath, 'utf8')) as { assets: AssetManifest };
  const byPath = new Map<string, Asset>();
  for (const url of Object.values(urls)) {
    const file = join(dir, url.slice('/assets/'.length));
    byPath.set(url, {
      type: TYPES[url.slice(url.lastIndexOf('.') + 1)] ?? 'application/octet-stream',
      identity: readFileSync(file),
      br: readFileSync(`${file}.br`),
      gzip: readFileSync(`${file}.gz`),
    });
  }
  const middleware: RequestHandler = (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const asset = byPath.get(req.originalUrl.split('?')[0]!);
    if (!asset) return next();
    const encoding = pickEncoding(req.headers['accept-encoding']);
    const body = asset[encoding];
    res.setHeader('Content-Type', asset.type);
    res.setHeader('Cache-Control', IMMUTABLE);
    res.setHeader('Vary', 'Accept-Encoding');
    if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding);
    res.setHeader('Content-Length', body.length);
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  return { urls, middleware };
}
