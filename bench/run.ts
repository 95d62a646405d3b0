// `npm run bench [-- --scale 0.2] [--duration 10] [--connections 10] [--reuse] [--only name,name]`
// Generates a data set (bench/generate.ts), starts the app in production mode on it, logs in through the
// form, measures every target in bench/targets.ts with autocannon on loopback and writes bench/results.json.
// A script, not a test: it is bounded (fixed duration per target) and always stops the server it started.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { format } from 'date-fns';
import { refreshAllClientStatuses } from '../src/db/client-status.js';
import { type GeneratedDataset, generateDataset } from './generate.js';
import { login } from './login.js';
import { ROOT, type RunningServer, cpuSeconds, freePort, rssMb as processRssMb, startServer } from './server.js';
import { type BenchRole, fillTarget, TARGETS } from './targets.js';

const LIMITS = { p95Ms: 100, p50Ratio: 5, generationSeconds: 120, rssMb: 300 };

interface Measurement {
  /** Server CPU time per response in ms (user + system of the server process). */
  cpuMs: number | null;
  p50: number;
  p95: number;
  rps: number;
  requests: number;
  non2xx: number;
  errors: number;
}

interface PageResult {
  name: string;
  url: string;
  as: BenchRole;
  status: number;
  missing?: true;
  p50: number | null;
  p95: number | null;
  rps: number | null;
  ratio: number | null;
  cpuMs?: number | null;
  cpuRatio?: number | null;
  requests?: number;
  non2xx?: number;
  errors?: number;
  bytes?: number;
}

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    reuse: { type: 'boolean', default: false },
    /** Comma-separated target names: measure only these (for a quick check; the targets list is then partial). */
    only: { type: 'string' },
  },
});
const only = args.only ? new Set(args.only.split(',').map((n) => n.trim())) : null;
const unknown = only ? [...only].filter((n) => !TARGETS.some((t) => t.name === n)) : [];
if (unknown.length) {
  console.error(`Onbekende doelen: ${unknown.join(', ')}. Bekend: ${TARGETS.map((t) => t.name).join(', ')}`);
  process.exit(2);
}
const scale = Number(args.scale);
const duration = Number(args.duration);
const connections = Number(args.connections);
if (!(scale > 0 && scale <= 4) || !(duration > 0 && duration <= 120) || !(connections > 0 && connections <= 100)) {
  console.error('Gebruik: npm run bench -- [--scale 0<s<=4] [--duration 1..120] [--connections 1..100] [--reuse] [--only naam,naam]');
  process.exit(2);
}

const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx]!;
}

/** Runs autocannon for `duration` seconds and computes p50/p95 from every response's own latency. */
function measure(url: string, cookie: string | undefined, serverPid: number): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const times: number[] = [];
    let non2xx = 0;
    const started = performance.now();
    const cpuBefore = cpuSeconds(serverPid);
    const instance = autocannon(
      { url, connections, duration, headers: cookie ? { cookie } : {}, timeout: 30 },
      (err, result) => {
        if (err) {
          reject(err);
          return;
        }
        const seconds = (performance.now() - started) / 1000;
        const cpuAfter = cpuSeconds(serverPid);
        times.sort((a, b) => a - b);
        resolve({
          cpuMs:
            cpuBefore === undefined || cpuAfter === undefined || times.length === 0
              ? null
              : round(((cpuAfter - cpuBefore) * 1000) / times.length, 3),
          p50: round(percentile(times, 50)),
          p95: round(percentile(times, 95)),
          rps: round(times.length / Math.max(seconds, duration), 1),
          requests: times.length,
          non2xx,
          errors: result.errors + result.timeouts,
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      times.push(responseTime);
      if (statusCode < 200 || statusCode > 299) non2xx++;
    });
  });
}

/** A few sequential requests first: JIT, statement cache and page cache warm, and the status to record. */
async function warmUp(url: string, cookie: string | undefined): Promise<{ status: number; bytes: number }> {
  let status = 0;
  let bytes = 0;
  for (let i = 0; i < 20; i++) {
    const res = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    bytes = (await res.arrayBuffer()).byteLength;
    status = res.status;
    if (status === 404) break;
  }
  return { status, bytes };
}

async function prepareDataset(): Promise<{ data: GeneratedDataset; generationSeconds: number; statusSeconds: number; cpuSeconds: number }> {
  const dir = join(ROOT, 'bench', 'tmp');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `koers-bench-${scale}.db`);
  const metaPath = `${path}.json`;
  const today = format(new Date(), 'yyyy-MM-dd');
  if (args.reuse && existsSync(path) && existsSync(metaPath)) {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8'));
    if (meta.data?.today === today) {
      console.log(`Bestaande dataset hergebruikt: ${path}`);
      return meta;
    }
  }
  console.log(`Dataset genereren (schaal ${scale}) in ${path} ...`);
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  const data = await generateDataset(path, scale, today);
  console.log(`  feiten ingevoegd in ${data.insertSeconds.toFixed(1)} s`);
  // The derived status of every client, as the app computes it (same pragmas as the insert phase).
  const statusDb = new Database(path);
  statusDb.pragma('journal_mode = OFF');
  statusDb.pragma('synchronous = OFF');
  statusDb.pragma('cache_size = -262144');
  const t = performance.now();
  const refreshed = refreshAllClientStatuses(statusDb, today);
  const statusSeconds = (performance.now() - t) / 1000;
  statusDb.close();
  console.log(`  client_status gevuld voor ${refreshed} klanten in ${statusSeconds.toFixed(1)} s`);
  // Hand the file over in the app's own journal mode.
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.close();
  const generationSeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const prepared = { data, generationSeconds, statusSeconds, cpuSeconds };
  writeFileSync(metaPath, JSON.stringify(prepared, null, 2));
  return prepared;
}

function printTable(floor: Measurement, pages: PageResult[]): void {
  const rows = [
    ['page', 'status', 'p50 ms', 'p95 ms', 'req/s', 'p50/floor', 'cpu ms/req', 'cpu/floor'],
    ['healthz (floor)', '200', String(floor.p50), String(floor.p95), String(floor.rps), '1', String(floor.cpuMs ?? '-'), '1'],
    ...pages.map((p) => [
      p.name,
      p.missing ? `${p.status} (ontbreekt)` : String(p.status),
      p.p50 === null ? '-' : String(p.p50),
      p.p95 === null ? '-' : String(p.p95),
      p.rps === null ? '-' : String(p.rps),
      p.ratio === null ? '-' : String(p.ratio),
      p.cpuMs == null ? '-' : String(p.cpuMs),
      p.cpuRatio == null ? '-' : String(p.cpuRatio),
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const [i, r] of rows.entries()) {
    console.log(r.map((c, j) => (j === 0 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

let server: RunningServer | undefined;
const stopServer = async () => {
  const s = server;
  server = undefined;
  await s?.stop();
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void stopServer().finally(() => process.exit(130));
  });
}

const loadAtStart = loadavg().map((l) => round(l, 2));
try {
  const { data, generationSeconds, statusSeconds, cpuSeconds } = await prepareDataset();
  const teamClients = (() => {
    const db = new Database(data.path, { readonly: true });
    // Open clients: the caseload hides closed ones by default.
    const n = db
      .prepare('SELECT COUNT(*) FROM clients WHERE team_id = ? AND closed_on IS NULL')
      .pluck()
      .get(data.teamleider.teamId) as number;
    db.close();
    return n;
  })();

  const port = await freePort();
  console.log(`App starten (NODE_ENV=production) op poort ${port} ...`);
  server = await startServer(data.path, port);
  console.log(`  server-proces ${server.serverPid}; inloggen als ${data.teamleider.username} en ${data.consulent.username}`);
  const cookies: Record<BenchRole, string> = {
    teamleider: await login(server.baseUrl, data.teamleider.username, data.password),
    consulent: await login(server.baseUrl, data.consulent.username, data.password),
  };

  const rssAfterLoginMb = processRssMb(server.serverPid, 'VmRSS') ?? null;
  console.log(`Meten: ${connections} verbindingen, ${duration} s per pagina`);
  await warmUp(`${server.baseUrl}/healthz`, undefined);
  // The floor is measured before and after the pages; the faster run counts (the machine is shared, so the
  // lower floor gives the stricter ratio).
  const floorBefore = await measure(`${server.baseUrl}/healthz`, undefined, server.serverPid);
  console.log(`  healthz: p50 ${floorBefore.p50} ms, p95 ${floorBefore.p95} ms, ${floorBefore.rps} req/s`);
  let floor = floorBefore;
  const pages: PageResult[] = [];
  for (const target of TARGETS) {
    if (only && !only.has(target.name)) continue;
    const url = fillTarget(target.url, data, teamClients);
    const cookie = cookies[target.as];
    const { status, bytes } = await warmUp(`${server.baseUrl}${url}`, cookie);
    if (status < 200 || status > 299) {
      pages.push({ name: target.name, url, as: target.as, status, ...(status === 404 ? { missing: true as const } : {}), p50: null, p95: null, rps: null, ratio: null });
      console.log(`  ${target.name}: status ${status}${status === 404 ? ' (pagina bestaat nog niet)' : ''}, niet gemeten`);
      continue;
    }
    const m = await measure(`${server.baseUrl}${url}`, cookie, server.serverPid);
    pages.push({
      name: target.name,
      url,
      as: target.as,
      status,
      p50: m.p50,
      p95: m.p95,
      rps: m.rps,
      ratio: null,
      cpuMs: m.cpuMs,
      cpuRatio: null,
      requests: m.requests,
      non2xx: m.non2xx,
      errors: m.errors,
      bytes,
    });
    console.log(`  ${target.name}: p50 ${m.p50} ms, p95 ${m.p95} ms, ${m.rps} req/s, ${m.cpuMs} ms cpu/req${m.non2xx ? `, ${m.non2xx} niet-2xx` : ''}`);
  }
  const floorAfter = await measure(`${server.baseUrl}/healthz`, undefined, server.serverPid);
  console.log(`  healthz (na afloop): p50 ${floorAfter.p50} ms, p95 ${floorAfter.p95} ms, ${floorAfter.rps} req/s`);
  if (floorAfter.p50 < floorBefore.p50) floor = floorAfter;
  for (const p of pages) {
    if (p.p50 === null) continue;
    p.ratio = round(p.p50 / floor.p50, 1);
    if (p.cpuMs != null && floor.cpuMs) p.cpuRatio = round(p.cpuMs / floor.cpuMs, 1);
  }
  const rssMb = processRssMb(server.serverPid, 'VmHWM') ?? null;
  await stopServer();

  const c = data.counts;
  const results = {
    dataset: {
      scale,
      today: data.today,
      clients: c.clients ?? 0,
      hourEntries: c.hour_entries ?? 0,
      conversations: c.conversations ?? 0,
      agreements: c.agreements ?? 0,
      clientEvents: c.client_events ?? 0,
      teamClients,
      generationSeconds: round(generationSeconds, 1),
      insertSeconds: round(data.insertSeconds, 1),
      clientStatusSeconds: round(statusSeconds, 1),
      generationCpuSeconds: round(cpuSeconds, 1),
    },
    settings: { connections, durationSeconds: duration, ...(only ? { only: [...only] } : {}) },
    floor: { p50: floor.p50, p95: floor.p95, rps: floor.rps, cpuMs: floor.cpuMs },
    floorRuns: [floorBefore, floorAfter].map((f) => ({ p50: f.p50, p95: f.p95, rps: f.rps, cpuMs: f.cpuMs })),
    loadAverage: { atStart: loadAtStart, atEnd: loadavg().map((l) => round(l, 2)) },
    pages,
    rssMb,
    rssAfterLoginMb,
  };
  writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

  console.log('');
  printTable(floor, pages);
  console.log('');
  const measured = pages.filter((p) => p.p50 !== null);
  const checks: [string, boolean][] = [
    ...measured.map((p): [string, boolean] => [`${p.name}: p95 ${p.p95} ms < ${LIMITS.p95Ms} ms`, p.p95! < LIMITS.p95Ms]),
    ...measured.map((p): [string, boolean] => [`${p.name}: p50 ${p.ratio}x floor <= ${LIMITS.p50Ratio}x`, p.ratio! <= LIMITS.p50Ratio]),
    [`generatie ${round(generationSeconds, 1)} s < ${LIMITS.generationSeconds} s`, generationSeconds < LIMITS.generationSeconds],
    [`RSS ${rssMb} MB < ${LIMITS.rssMb} MB`, rssMb !== null && rssMb < LIMITS.rssMb],
  ];
  for (const [label, ok] of checks) console.log(`${ok ? 'OK   ' : 'NIET '} ${label}`);
  const missing = pages.filter((p) => p.missing).map((p) => p.name);
  if (missing.length) console.log(`Nog niet gemeten (404): ${missing.join(', ')}`);
  console.log(`Resultaten: bench/results.json`);
} catch (err) {
  const out = server?.output();
  await stopServer();
  console.error(err);
  if (out) console.error(`--- server output ---\n${out}`);
  process.exitCode = 1;
}
