// `npm run bench [-- --scale 1] [--compare 0.2] [--duration 10] [--connections 10] [--rounds 2] [--reuse] [--only a,b]`
// Generates a data set (bench/generate.ts), starts the app in production mode on it, logs in through the
// form, measures every target in bench/targets.ts with autocannon on loopback and writes bench/results.json.
// The yardstick is the signed-in page shell (`page-shell-approvals-empty`) measured in the same run: each page's
// CPU per request and p50 as a ratio to the shell's. With `--compare <scale>` a second data set is generated
// and served by a second server; every page is measured on both in alternating rounds (A B, then B A, ...) so
// that the noise of a shared machine hits both alike, and the growth of each page's CPU per request from the
// compare scale to the main scale is printed and checked.
// A script, not a test: it is bounded (fixed duration per target) and always stops the servers it started.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { format } from 'date-fns';
import { refreshAllClientStatuses } from '../src/db/client-status.js';
import { type GeneratedDataset, generateDataset, sampleClients } from './generate.js';
import { login } from './login.js';
import { ROOT, type RunningServer, cpuSeconds, freePort, rssMb as processRssMb, startServer } from './server.js';
import { type BenchRole, fillTarget, SHELL_TARGET, TARGETS } from './targets.js';

/** The targets (issue 23). Ratios are of CPU per request against the signed-in shell of the same server. */
const LIMITS = {
  /** Every page's CPU per request at most this many times the shell's (the CSV export is a download, not a page). */
  cpuRatio: 3,
  /** Growth of a page's CPU per request from the compare scale to the main scale. */
  growth: 1.15,
  /** Growth allowed from scale 1 to the national point (scale >= 4). */
  growthNational: 1.3,
  p95PageMs: 50,
  p95CsvMs: 100,
  generationSeconds: 120,
  generationSecondsNational: 600,
  rssMb: 300,
};
const CSV_TARGETS = new Set(['caseload-export-csv']);

interface Measurement {
  /** Server CPU time per response in ms (user + system of the server process). */
  cpuMs: number | null;
  p50: number;
  p95: number;
  rps: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** CPU seconds and requests, to add rounds up. */
  cpuSeconds: number;
  times: number[];
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
  /** p50 / shell p50, CPU per request / shell CPU per request (same server, same run). */
  p50Ratio: number | null;
  cpuMs: number | null;
  cpuRatio: number | null;
  requests?: number;
  non2xx?: number;
  errors?: number;
  bytes?: number;
}

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    compare: { type: 'string' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '2' },
    reuse: { type: 'boolean', default: false },
    /** Comma-separated target names: measure only these (for a quick check; the targets list is then partial). */
    only: { type: 'string' },
  },
});
const only = args.only ? new Set([...args.only.split(',').map((n) => n.trim()), SHELL_TARGET]) : null;
const unknown = only ? [...only].filter((n) => !TARGETS.some((t) => t.name === n)) : [];
if (unknown.length) {
  console.error(`Onbekende doelen: ${unknown.join(', ')}. Bekend: ${TARGETS.map((t) => t.name).join(', ')}`);
  process.exit(2);
}
const scale = Number(args.scale);
const compare = args.compare === undefined ? null : Number(args.compare);
const duration = Number(args.duration);
const connections = Number(args.connections);
const rounds = Number(args.rounds);
const validScale = (s: number) => s > 0 && s <= 4;
if (
  !validScale(scale) ||
  (compare !== null && (!validScale(compare) || compare === scale)) ||
  !(duration > 0 && duration <= 120) ||
  !(connections > 0 && connections <= 100) ||
  !(Number.isInteger(rounds) && rounds >= 1 && rounds <= 10)
) {
  console.error(
    'Gebruik: npm run bench -- [--scale 0<s<=4] [--compare 0<s<=4] [--duration 1..120] [--connections 1..100] [--rounds 1..10] [--reuse] [--only naam,naam]',
  );
  process.exit(2);
}
const national = scale >= 4;
const growthLimit = national ? LIMITS.growthNational : LIMITS.growth;

const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
const load = () => loadavg().map((l) => round(l, 2));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx]!;
}

function summarise(times: number[], cpu: number | null, seconds: number, non2xx: number, errors: number): Measurement {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    cpuMs: cpu === null || sorted.length === 0 ? null : round((cpu * 1000) / sorted.length, 3),
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    rps: round(sorted.length / seconds, 1),
    requests: sorted.length,
    non2xx,
    errors,
    cpuSeconds: cpu ?? Number.NaN,
    times: sorted,
  };
}

/** Runs autocannon for `seconds` and computes p50/p95 from every response's own latency. */
function measure(url: string, cookie: string | undefined, serverPid: number, seconds: number): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const times: number[] = [];
    let non2xx = 0;
    const started = performance.now();
    const cpuBefore = cpuSeconds(serverPid);
    const instance = autocannon(
      { url, connections, duration: seconds, headers: cookie ? { cookie } : {}, timeout: 30 },
      (err, result) => {
        if (err) {
          reject(err);
          return;
        }
        const elapsed = Math.max((performance.now() - started) / 1000, seconds);
        const cpuAfter = cpuSeconds(serverPid);
        const cpu = cpuBefore === undefined || cpuAfter === undefined ? null : cpuAfter - cpuBefore;
        resolve(summarise(times, cpu, elapsed, non2xx, result.errors + result.timeouts));
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      times.push(responseTime);
      if (statusCode < 200 || statusCode > 299) non2xx++;
    });
  });
}

/** The rounds of one page on one server taken together. */
function combine(ms: Measurement[], seconds: number): Measurement {
  const cpu = ms.every((m) => Number.isFinite(m.cpuSeconds)) ? ms.reduce((a, m) => a + m.cpuSeconds, 0) : null;
  return summarise(
    ms.flatMap((m) => m.times),
    cpu,
    seconds,
    ms.reduce((a, m) => a + m.non2xx, 0),
    ms.reduce((a, m) => a + m.errors, 0),
  );
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

interface Prepared {
  data: GeneratedDataset;
  generationSeconds: number;
  statusSeconds: number;
  cpuSeconds: number;
}

async function prepareDataset(s: number): Promise<Prepared> {
  const dir = join(ROOT, 'bench', 'tmp');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `koers-bench-${s}.db`);
  const metaPath = `${path}.json`;
  const today = format(new Date(), 'yyyy-MM-dd');
  if (args.reuse && existsSync(path) && existsSync(metaPath)) {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as Prepared;
    if (meta.data?.today === today && meta.data.admin) {
      console.log(`Bestaande dataset hergebruikt: ${path}`);
      // The choice of the dossier pages' client may have changed since the data set was made (sampleClients).
      const db = new Database(path, { readonly: true });
      meta.data.sampleClientIds = sampleClients(db, meta.data.consulent.id);
      db.close();
      return meta;
    }
  }
  console.log(`Dataset genereren (schaal ${s}) in ${path} ... (belasting ${load().join(' ')})`);
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  const data = await generateDataset(path, s, today);
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
  const cpuSecondsUsed = (cpu.user + cpu.system) / 1e6;
  const prepared = { data, generationSeconds, statusSeconds, cpuSeconds: cpuSecondsUsed };
  writeFileSync(metaPath, JSON.stringify(prepared, null, 2));
  return prepared;
}

function printRows(rows: string[][]): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  for (const [i, r] of rows.entries()) {
    console.log(r.map((c, j) => (j === 0 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

const servers: RunningServer[] = [];
const stopServers = async () => {
  const all = servers.splice(0);
  await Promise.all(all.map((s) => s.stop()));
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void stopServers().finally(() => process.exit(130));
  });
}

/** One data set served by its own server, with its sessions. */
interface Side {
  scale: number;
  prepared: Prepared;
  teamClients: number;
  server: RunningServer;
  cookies: Record<BenchRole, string>;
  rssAfterLoginMb: number | null;
  rounds: Map<string, Measurement[]>;
  status: Map<string, { status: number; bytes: number; url: string }>;
  floor: Measurement[];
}

async function openSide(s: number): Promise<Side> {
  const prepared = await prepareDataset(s);
  const { data } = prepared;
  const db = new Database(data.path, { readonly: true });
  // Open clients: the caseload hides closed ones by default.
  const teamClients = db.prepare('SELECT COUNT(*) FROM clients WHERE team_id = ? AND closed_on IS NULL').pluck().get(data.teamleider.teamId) as number;
  db.close();
  const port = await freePort();
  console.log(`App starten (NODE_ENV=production) op poort ${port} voor schaal ${s} ...`);
  const server = await startServer(data.path, port);
  servers.push(server);
  console.log(`  server-proces ${server.serverPid}; inloggen als ${data.teamleider.username}, ${data.consulent.username} en ${data.admin.username}`);
  const cookies: Record<BenchRole, string> = {
    teamleider: await login(server.baseUrl, data.teamleider.username, data.password),
    consulent: await login(server.baseUrl, data.consulent.username, data.password),
    admin: await login(server.baseUrl, data.admin.username, data.password),
  };
  return {
    scale: s,
    prepared,
    teamClients,
    server,
    cookies,
    rssAfterLoginMb: processRssMb(server.serverPid, 'VmRSS') ?? null,
    rounds: new Map(),
    status: new Map(),
    floor: [],
  };
}

function results(side: Side, seconds: number): { pages: PageResult[]; shell: Measurement | null; floor: Measurement } {
  const shellRounds = side.rounds.get(SHELL_TARGET);
  const shell = shellRounds ? combine(shellRounds, seconds) : null;
  const pages: PageResult[] = [];
  for (const target of TARGETS) {
    const st = side.status.get(target.name);
    if (!st) continue;
    const rs = side.rounds.get(target.name);
    if (!rs) {
      pages.push({
        name: target.name, url: st.url, as: target.as, status: st.status, ...(st.status === 404 ? { missing: true as const } : {}),
        p50: null, p95: null, rps: null, p50Ratio: null, cpuMs: null, cpuRatio: null,
      });
      continue;
    }
    const m = combine(rs, seconds);
    pages.push({
      name: target.name,
      url: st.url,
      as: target.as,
      status: st.status,
      p50: m.p50,
      p95: m.p95,
      rps: m.rps,
      p50Ratio: shell ? round(m.p50 / shell.p50, 2) : null,
      cpuMs: m.cpuMs,
      cpuRatio: shell?.cpuMs && m.cpuMs !== null ? round(m.cpuMs / shell.cpuMs, 2) : null,
      requests: m.requests,
      non2xx: m.non2xx,
      errors: m.errors,
      bytes: st.bytes,
    });
  }
  return { pages, shell, floor: combine(side.floor, seconds) };
}

const loadAtStart = load();
const loadSamples: number[][] = [loadAtStart];
try {
  const main = await openSide(scale);
  const other = compare === null ? null : await openSide(compare);
  const sides = other ? [main, other] : [main];
  const perRound = duration / rounds;
  console.log(
    `Meten: ${connections} verbindingen, ${duration} s per pagina per dataset in ${rounds} ronden${other ? ', afwisselend tussen de twee servers' : ''} (belasting ${load().join(' ')})`,
  );
  // The fastest answer there is (before any middleware), for reference.
  for (const side of sides) {
    await warmUp(`${side.server.baseUrl}/healthz`, undefined);
    side.floor.push(await measure(`${side.server.baseUrl}/healthz`, undefined, side.server.serverPid, Math.min(perRound, 3)));
  }
  // The shell first, so every page's line can show its ratio at once.
  const ordered = [...TARGETS].sort((a, b) => Number(b.name === SHELL_TARGET) - Number(a.name === SHELL_TARGET));
  for (const target of ordered) {
    if (only && !only.has(target.name)) continue;
    let measurable = true;
    for (const side of sides) {
      const url = fillTarget(target.url, side.prepared.data, side.teamClients);
      const st = await warmUp(`${side.server.baseUrl}${url}`, side.cookies[target.as]);
      side.status.set(target.name, { ...st, url });
      if (st.status < 200 || st.status > 299) {
        measurable = false;
        console.log(`  ${target.name} (schaal ${side.scale}): status ${st.status}${st.status === 404 ? ' (pagina bestaat nog niet)' : ''}, niet gemeten`);
      }
    }
    if (!measurable) continue;
    for (let r = 0; r < rounds; r++) {
      // A B, then B A: neither data set is always measured first.
      const order = r % 2 === 0 ? sides : [...sides].reverse();
      for (const side of order) {
        const { url } = side.status.get(target.name)!;
        const m = await measure(`${side.server.baseUrl}${url}`, side.cookies[target.as], side.server.serverPid, perRound);
        side.rounds.set(target.name, [...(side.rounds.get(target.name) ?? []), m]);
      }
    }
    loadSamples.push(load());
    const line = sides.map((side) => {
      const m = combine(side.rounds.get(target.name)!, duration);
      const shell = side.rounds.get(SHELL_TARGET);
      const shellCpu = shell ? combine(shell, duration).cpuMs : null;
      const ratio = shellCpu && m.cpuMs !== null ? ` (${round(m.cpuMs / shellCpu, 2)}x shell)` : '';
      return `schaal ${side.scale}: p50 ${m.p50} ms, p95 ${m.p95} ms, ${m.cpuMs} ms cpu/req${ratio}${m.non2xx ? `, ${m.non2xx} niet-2xx` : ''}`;
    });
    console.log(`  ${target.name}: ${line.join(' | ')} (belasting ${load()[0]})`);
  }
  const rss = sides.map((side) => processRssMb(side.server.serverPid, 'VmHWM') ?? null);
  await stopServers();

  const report = sides.map((side, i) => {
    const r = results(side, duration);
    const { data, generationSeconds, statusSeconds, cpuSeconds: genCpu } = side.prepared;
    const c = data.counts;
    return {
      dataset: {
        scale: side.scale,
        today: data.today,
        clients: c.clients ?? 0,
        hourEntries: c.hour_entries ?? 0,
        conversations: c.conversations ?? 0,
        agreements: c.agreements ?? 0,
        clientEvents: c.client_events ?? 0,
        auditLog: c.audit_log ?? 0,
        teamClients: side.teamClients,
        generationSeconds: round(generationSeconds, 1),
        insertSeconds: round(data.insertSeconds, 1),
        clientStatusSeconds: round(statusSeconds, 1),
        generationCpuSeconds: round(genCpu, 1),
      },
      shell: r.shell && { p50: r.shell.p50, p95: r.shell.p95, rps: r.shell.rps, cpuMs: r.shell.cpuMs },
      floor: { p50: r.floor.p50, p95: r.floor.p95, rps: r.floor.rps, cpuMs: r.floor.cpuMs },
      pages: r.pages,
      rssMb: rss[i] ?? null,
      rssAfterLoginMb: side.rssAfterLoginMb,
    };
  });
  const [a, b] = report;
  const growth = new Map<string, number | null>();
  if (b) {
    for (const p of a!.pages) {
      const q = b.pages.find((x) => x.name === p.name);
      growth.set(p.name, p.cpuMs != null && q?.cpuMs ? round(p.cpuMs / q.cpuMs, 2) : null);
    }
  }
  const results_ = {
    settings: { scale, compare, connections, durationSeconds: duration, rounds, ...(only ? { only: [...only] } : {}) },
    loadAverage: { atStart: loadAtStart, atEnd: load(), max1min: Math.max(...loadSamples.map((l) => l[0]!)) },
    main: a,
    ...(b ? { compare: b, growth: Object.fromEntries(growth) } : {}),
  };
  writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results_, null, 2)}\n`);

  console.log('');
  const fmt = (v: number | null | undefined) => (v == null ? '-' : String(v));
  const head = ['page', 'p50 ms', 'p95 ms', 'req/s', 'cpu ms/req', 'cpu/shell', 'p50/shell', 'KB'];
  const rows: string[][] = [
    b ? [...head, `cpu ms/req @${compare}`, `cpu/shell @${compare}`, 'growth'] : head,
    ...a!.pages.map((p) => {
      const q = b?.pages.find((x) => x.name === p.name);
      const base = [
        p.name + (p.missing ? ' (404)' : ''),
        fmt(p.p50), fmt(p.p95), fmt(p.rps), fmt(p.cpuMs), fmt(p.cpuRatio), fmt(p.p50Ratio),
        p.bytes === undefined ? '-' : String(round(p.bytes / 1024, 1)),
      ];
      return b ? [...base, fmt(q?.cpuMs), fmt(q?.cpuRatio), fmt(growth.get(p.name))] : base;
    }),
    ['healthz (reference)', fmt(a!.floor.p50), fmt(a!.floor.p95), fmt(a!.floor.rps), fmt(a!.floor.cpuMs), '', '', ''],
  ];
  console.log(`Schaal ${scale}${b ? ` tegen schaal ${compare}` : ''}; belasting (1 min) bij start ${loadAtStart[0]}, hoogste ${results_.loadAverage.max1min}, einde ${results_.loadAverage.atEnd[0]}`);
  printRows(rows);
  console.log('');
  const measured = a!.pages.filter((p) => p.p50 !== null);
  const checks: [string, boolean][] = [];
  for (const p of measured) {
    const csv = CSV_TARGETS.has(p.name);
    const p95Limit = csv ? LIMITS.p95CsvMs : LIMITS.p95PageMs;
    checks.push([`${p.name}: p95 ${p.p95} ms < ${p95Limit} ms`, p.p95! < p95Limit]);
    if (!csv && p.name !== SHELL_TARGET) {
      checks.push([`${p.name}: cpu ${p.cpuRatio}x shell <= ${LIMITS.cpuRatio}x`, p.cpuRatio !== null && p.cpuRatio <= LIMITS.cpuRatio]);
    }
    if (b && p.name !== SHELL_TARGET) {
      const g = growth.get(p.name) ?? null;
      checks.push([`${p.name}: groei cpu/req schaal ${compare} -> ${scale} ${g}x <= ${growthLimit}x`, g !== null && g <= growthLimit]);
    }
  }
  for (const side of report) {
    const genLimit = side.dataset.scale >= 4 ? LIMITS.generationSecondsNational : LIMITS.generationSeconds;
    checks.push([`generatie schaal ${side.dataset.scale}: ${side.dataset.generationSeconds} s < ${genLimit} s`, side.dataset.generationSeconds < genLimit]);
    checks.push([`RSS schaal ${side.dataset.scale}: ${side.rssMb} MB < ${LIMITS.rssMb} MB`, side.rssMb !== null && side.rssMb < LIMITS.rssMb]);
  }
  for (const [label, ok] of checks) console.log(`${ok ? 'OK   ' : 'NIET '} ${label}`);
  const missing = a!.pages.filter((p) => p.missing).map((p) => p.name);
  if (missing.length) console.log(`Nog niet gemeten (404): ${missing.join(', ')}`);
  const failed = checks.filter(([, ok]) => !ok).length;
  console.log(failed ? `${failed} doel(en) niet gehaald.` : 'Alle doelen gehaald.');
  console.log('Resultaten: bench/results.json');
  if (failed) process.exitCode = 1;
} catch (err) {
  const outs = servers.map((s) => s.output());
  await stopServers();
  console.error(err);
  for (const out of outs) if (out) console.error(`--- server output ---\n${out}`);
  process.exitCode = 1;
}
