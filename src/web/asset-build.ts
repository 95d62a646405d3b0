// Build step for the static assets (README "Performance" → "First visit"). One stylesheet instead of four:
// the Utrecht design tokens, html.css and component library reduced to what Koers uses (PurgeCSS against
// views/, src/ and public/js/), plus public/css/koers.css whole; minified by Lightning CSS; written under a
// content-hashed name with .br and .gz beside it. print.css and the scripts get hashed copies too.
// `ensureAssets` rebuilds only when an input changed (a hash of every input is kept in the manifest); src/server.ts
// and the test set-up call it, so `npm start` and `npm test` need no extra command.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

export const PROJECT_ROOT = resolve(import.meta.dirname, '../..');

/** Logical name ('koers.css') → public URL ('/assets/koers.1a2b3c4d5e.css'). */
export type AssetManifest = Record<string, string>;

export interface BuildOptions {
  root?: string;
  /** Where the hashed files and manifest.json go; default <root>/public/assets. */
  outDir?: string;
}

const LIBRARY_CSS = [
  'node_modules/@utrecht/design-tokens/dist/index.css',
  'node_modules/@utrecht/component-library-css/dist/html.css',
  'node_modules/@utrecht/component-library-css/dist/index.css',
];
const OWN_CSS = 'public/css/koers.css';
const PRINT_CSS = 'public/css/print.css';
const SCRIPTS_DIR = 'public/js';
/** Where class names are written: the templates, the helpers that build class names, the scripts. */
const CONTENT_DIRS: [string, RegExp][] = [
  ['views', /\.ejs$/],
  ['src', /\.ts$/],
  ['public/js', /\.js$/],
];
/**
 * Class names that templates compose at run time (`utrecht-alert--<%= kind %>`,
 * `utrecht-button--<%= ... %>-action`): PurgeCSS cannot see the whole name, so keep the modifiers.
 */
const SAFELIST = [/^utrecht-alert--/, /^utrecht-button--/];

function listFiles(dir: string, pattern: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => pattern.test(f))
    .sort()
    .map((f) => join(dir, f));
}

function inputs(root: string): { css: string[]; content: string[]; scripts: string[] } {
  const css = [...LIBRARY_CSS, OWN_CSS, PRINT_CSS].map((f) => join(root, f));
  const content = CONTENT_DIRS.flatMap(([d, p]) => listFiles(join(root, d), p));
  const scripts = listFiles(join(root, SCRIPTS_DIR), /\.js$/);
  return { css, content, scripts };
}

/** A hash of every input and of this build script itself: the manifest is stale when it differs. */
function inputHash(root: string): string {
  const { css, content, scripts } = inputs(root);
  const h = createHash('sha256');
  for (const f of [...css, ...content, ...scripts, join(PROJECT_ROOT, 'src', 'web', 'asset-build.ts')]) {
    h.update(relative(root, f)).update('\0').update(readFileSync(f)).update('\0');
  }
  return h.digest('hex');
}

function hashed(name: string, body: Buffer): string {
  const hash = createHash('sha256').update(body).digest('base64url').replace(/[-_]/g, '').slice(0, 10);
  const dot = name.lastIndexOf('.');
  return `${name.slice(0, dot)}.${hash}${name.slice(dot)}`;
}

// PurgeCSS and Lightning CSS are loaded only when a build runs: the server that finds its assets up to date
// does not keep them in memory (about 20 MB resident).
async function minify(css: string, filename: string): Promise<Buffer> {
  const { transform } = await import('lightningcss');
  return Buffer.from(transform({ filename, code: Buffer.from(css), minify: true }).code);
}

/** The library CSS reduced to the selectors and custom properties Koers uses, then koers.css whole. */
export async function buildStylesheet(root = PROJECT_ROOT): Promise<Buffer> {
  const library = LIBRARY_CSS.map((f) => readFileSync(join(root, f), 'utf8')).join('\n');
  const own = readFileSync(join(root, OWN_CSS), 'utf8');
  const { content } = inputs(root);
  // koers.css goes through PurgeCSS too, inside "ignore" comments: its rules are all kept, but the custom
  // properties it uses count as used when unused design tokens are removed (`variables: true`).
  const { PurgeCSS } = await import('purgecss');
  const [result] = await new PurgeCSS().purge({
    content,
    css: [{ raw: `${library}\n/* purgecss start ignore */\n${own}\n/* purgecss end ignore */\n` }],
    safelist: { standard: SAFELIST },
    variables: true,
    keyframes: true,
    fontFace: true,
  });
  return await minify(result!.css, 'koers.css');
}

function writeAtomic(path: string, body: Buffer): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, body);
  renameSync(tmp, path);
}

/** Builds every asset into outDir (hashed names, .br and .gz beside each) and writes manifest.json. */
export async function buildAssets(opts: BuildOptions = {}): Promise<AssetManifest> {
  const root = opts.root ?? PROJECT_ROOT;
  const outDir = opts.outDir ?? join(root, 'public', 'assets');
  const hash = inputHash(root);
  const files: [string, Buffer][] = [
    ['koers.css', await buildStylesheet(root)],
    ['print.css', await minify(readFileSync(join(root, PRINT_CSS), 'utf8'), 'print.css')],
    ...inputs(root).scripts.map((f): [string, Buffer] => [relative(join(root, SCRIPTS_DIR), f), readFileSync(f)]),
  ];
  mkdirSync(outDir, { recursive: true });
  const manifest: AssetManifest = {};
  const keep = new Set(['manifest.json']);
  for (const [name, body] of files) {
    const file = hashed(name, body);
    manifest[name] = `/assets/${file}`;
    writeAtomic(join(outDir, file), body);
    writeAtomic(
      join(outDir, `${file}.br`),
      brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } }),
    );
    writeAtomic(join(outDir, `${file}.gz`), gzipSync(body, { level: 9 }));
    for (const f of [file, `${file}.br`, `${file}.gz`]) keep.add(f);
  }
  writeAtomic(join(outDir, 'manifest.json'), Buffer.from(JSON.stringify({ inputHash: hash, assets: manifest }, null, 2)));
  // Older builds' files go; a running server keeps what it read into memory.
  for (const f of readdirSync(outDir)) if (!keep.has(f) && !f.endsWith('.tmp')) rmSync(join(outDir, f), { force: true });
  return manifest;
}

/** Builds the assets when the manifest is missing or any input changed since it was made. */
export async function ensureAssets(opts: BuildOptions = {}): Promise<{ built: boolean }> {
  const root = opts.root ?? PROJECT_ROOT;
  const manifestPath = join(opts.outDir ?? join(root, 'public', 'assets'), 'manifest.json');
  if (existsSync(manifestPath)) {
    try {
      const { inputHash: previous } = JSON.parse(readFileSync(manifestPath, 'utf8')) as { inputHash?: string };
      if (previous === inputHash(root)) return { built: false };
    } catch {
      // unreadable: build again
    }
  }
  mkdirSync(dirname(manifestPath), { recursive: true });
  await buildAssets(opts);
  return { built: true };
}
