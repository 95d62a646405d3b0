// The build step of `npm start` (package.json): the stylesheet and scripts when an input changed
// (src/web/asset-build.ts), and the server as one JavaScript file, .build/server/server.mjs, that plain Node runs.
// Why a bundle: under tsx every module is transpiled in the server process and kept with its source map; the
// bundled server starts in about 60 MB less memory (README "Performance"). Packages stay in node_modules
// (`packages: external`); only our own modules are joined. The bundle sits two folders below the project root,
// as src/<layer>/<module>.ts does, so the paths our modules derive from import.meta.dirname (views/, migrations/,
// public/) are the same. Both builds run here, in a process that ends, so the server never holds the CSS tools.
// Also imported by the browser tests, the bench and the Lighthouse script, which start the server as npm start does.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { ensureAssets } from '../src/web/asset-build.js';

export const PROJECT_ROOT = resolve(import.meta.dirname, '..');
export const SERVER_BUNDLE = join(PROJECT_ROOT, '.build', 'server', 'server.mjs');

export async function buildServer(): Promise<void> {
  if ((await ensureAssets()).built) console.log('Stylesheet en scripts opgebouwd (public/assets/).');
  await build({
    entryPoints: [join(PROJECT_ROOT, 'src', 'server.ts')],
    outfile: SERVER_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}

/** The Node flags of `npm start` (package.json), e.g. ['--enable-source-maps', '--max-semi-space-size=8']. */
export function serverNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const run = pkg.scripts.start.split('&&').at(-1)?.trim().split(/\s+/) ?? [];
  if (run[0] !== 'node' || run.at(-1) !== '.build/server/server.mjs') throw new Error(`cannot read the start script "${pkg.scripts.start}"`);
  return run.slice(1, -1);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) await buildServer();
