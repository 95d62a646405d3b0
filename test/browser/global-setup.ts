import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { type BrowserServer, chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { buildServer, SERVER_BUNDLE, serverNodeFlags } from '../../scripts/build-server.js';
import { CHROMIUM_ARGS, findChromium } from './chromium.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the app under test listens, e.g. http://127.0.0.1:41234 */
    baseURL: string;
    /** The one Chromium for the whole run; every test file connects to it. */
    wsEndpoint: string;
    /** The app's SQLite file, for reading demo ids (demo.ts opens it read-only). */
    databasePath: string;
  }
}

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * Starts the real app exactly as `npm start` does (the build step, then the bundled src/server.ts: migrations,
 * default rule set, demo data) on a free port with a fresh temporary database, and one Chromium for all test
 * files. Stops both afterwards.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await buildServer();
  const executablePath = findChromium();
  const dir = mkdtempSync(join(tmpdir(), 'koers-browser-'));
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;

  const databasePath = join(dir, 'koers.db');
  const app = startApp(port, databasePath);
  let browser: BrowserServer | undefined;
  try {
    await waitForHealth(baseURL, app, 30_000);
    // Playwright gives the browser a fresh temporary user-data-dir and removes it on close.
    browser = await chromium.launchServer({ executablePath, args: CHROMIUM_ARGS, headless: true });
  } catch (err) {
    await stopApp(app.child);
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }

  // If the app dies during the run, every later page load fails with "connection refused": say why, once.
  let stopping = false;
  app.child.once('exit', (code, signal) => {
    if (!stopping) console.error(`The app under test stopped during the run (exit code ${code}, signal ${signal}). Its output:\n${app.output()}`);
  });

  project.provide('baseURL', baseURL);
  project.provide('wsEndpoint', browser.wsEndpoint());
  project.provide('databasePath', databasePath);

  return async () => {
    stopping = true;
    await browser?.close();
    await stopApp(app.child);
    rmSync(dir, { recursive: true, force: true });
  };
}

export interface RunningApp {
  child: ChildProcess;
  output: () => string;
}

/** Also used by flows that need an app of their own (e.g. with single sign-on configured). */
export function startApp(port: number, databasePath: string, extraEnv: NodeJS.ProcessEnv = {}): RunningApp {
  // The documents' files go beside the temporary database, never into the repository's data/.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATABASE_PATH: databasePath,
    DOCUMENTS_PATH: join(dirname(databasePath), 'documents'),
  };
  // Same as `npm start` (node with its flags on the bundle that setup built), one process, so stopping it is one signal.
  delete env.NODE_ENV;
  delete env.SESSION_SECRET;
  Object.assign(env, extraEnv);
  const child = spawn(process.execPath, [...serverNodeFlags(), SERVER_BUNDLE], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (d) => {
    log += d;
  });
  child.stderr?.on('data', (d) => {
    log += d;
  });
  return { child, output: () => log };
}

export async function waitForHealth(baseURL: string, app: RunningApp, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (app.child.exitCode !== null) {
      throw new Error(`The app stopped during start-up (exit code ${app.child.exitCode}):\n${app.output()}`);
    }
    try {
      const res = await fetch(`${baseURL}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`The app did not answer ${baseURL}/healthz within ${timeoutMs / 1000}s:\n${app.output()}`);
}

export async function stopApp(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}
