// `npx tsx bench/profile.ts --target caseload-team-search [--scale 0.2] [--duration 10] [--connections 10]`
// Profiles the server while it answers one page of bench/targets.ts: starts the app in production mode on
// the data set that `npm run bench -- --scale <s>` generated (bench/tmp/), with V8's CPU profiler on, loads
// the page with autocannon, stops the server and prints where the CPU time of the measured window went:
// self time per function and per source (our code, views, each package, node internals, GC), and the
// inclusive time of our own functions, all in ms per request. The raw profile stays in bench/tmp/profiles/
// (open it in Chrome DevTools or VS Code for a flame graph).
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { readGeneratedDataset } from './generate.js';
import { login } from './login.js';
import { ROOT, cpuSeconds, freePort, startServer } from './server.js';
import { fillTarget, TARGETS } from './targets.js';

const { values: args } = parseArgs({
  options: {
    target: { type: 'string' },
    scale: { type: 'string', default: '0.2' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    /** Sampling interval in microseconds. */
    interval: { type: 'string', default: '200' },
    top: { type: 'string', default: '35' },
  },
});
const target = TARGETS.find((t) => t.name === args.target);
if (!target) {
  console.error(`Gebruik: npx tsx bench/profile.ts --target <${TARGETS.map((t) => t.name).join('|')}> [--scale 0.2]`);
  process.exit(2);
}
const data = readGeneratedDataset(ROOT, args.scale as string);
const duration = Number(args.duration);
const connections = Number(args.connections);

const teamClients = (() => {
  const db = new Database(data.path, { readonly: true });
  const n = db.prepare('SELECT COUNT(*) FROM clients WHERE team_id = ? AND closed_on IS NULL').pluck().get(data.teamleider.teamId) as number;
  db.close();
  return n;
})();

const profileDir = join(ROOT, 'bench', 'tmp', 'profiles', `${target.name}-${Date.now()}`);
mkdirSync(profileDir, { recursive: true });
const port = await freePort();
const server = await startServer(data.path, port, 120_000, [
  '--cpu-prof',
  `--cpu-prof-dir=${profileDir}`,
  `--cpu-prof-interval=${Number(args.interval)}`,
]);
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);
let measured: { window: [number, number]; requests: number; cpuMs: number };
try {
  const cookie = await login(server.baseUrl, data[target.as].username, data.password);
  const url = `${server.baseUrl}${fillTarget(target.url, data, teamClients)}`;
  for (let i = 0; i < 50; i++) {
    const res = await fetch(url, { headers: { cookie }, redirect: 'manual' });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  }
  const cpuBefore = cpuSeconds(server.serverPid) ?? 0;
  const start = monotonicUs();
  const result = await autocannon({ url, connections, duration, headers: { cookie } });
  const window: [number, number] = [start, monotonicUs()];
  const cpuMs = ((cpuSeconds(server.serverPid) ?? 0) - cpuBefore) * 1000;
  const requests = result.requests.total;
  measured = { window, requests, cpuMs };
  console.log(
    `${target.name}: ${requests} requests in ${duration} s, p50 ${result.latency.p50} ms, ${(cpuMs / requests).toFixed(3)} ms CPU/request (from /proc)`,
  );
} finally {
  await server.stop();
}
const { window, requests, cpuMs } = measured;

// ---- analysis ----------------------------------------------------------------------------------------------

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const file = readdirSync(profileDir).find((f) => f.includes(`.${server.serverPid}.0.`)); // thread 0: the main thread
if (!file) throw new Error(`no profile of process ${server.serverPid} in ${profileDir}`);
const profile = JSON.parse(readFileSync(join(profileDir, file), 'utf8')) as CpuProfile;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

function sourceOf(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : fn === 'anonymous' ? '(compiled EJS templates, new Function)' : '(builtins)';
  if (url.startsWith('node:')) return 'node internals';
  const path = url.replace(/^file:\/\//, '');
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + '/node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const rel = relative(ROOT, path);
  return rel.startsWith('..') ? path : rel;
}
const frameKey = (f: CallFrame) => `${f.functionName || '(anonymous)'}  ${sourceOf(f.url, f.functionName)}:${f.lineNumber + 1}`;

const self = new Map<string, number>();
const bySource = new Map<string, number>();
const inclusive = new Map<string, number>();
let t = profile.startTime;
let total = 0;
for (let i = 0; i < profile.samples.length; i++) {
  t += profile.timeDeltas[i]!;
  // The time of sample i is attributed to the interval before it (V8's own convention is close enough).
  if (t < window[0] || t > window[1]) continue;
  const dt = profile.timeDeltas[i]! / 1000;
  const node = byId.get(profile.samples[i]!)!;
  if (node.callFrame.functionName === '(idle)') continue;
  total += dt;
  const key = frameKey(node.callFrame);
  self.set(key, (self.get(key) ?? 0) + dt);
  const src = sourceOf(node.callFrame.url, node.callFrame.functionName);
  bySource.set(src, (bySource.get(src) ?? 0) + dt);
  const seen = new Set<string>();
  for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
    const f = byId.get(id)!.callFrame;
    const url = f.url.replace(/^file:\/\//, '');
    if (!url.startsWith(ROOT) || url.includes('/node_modules/')) continue;
    const k = frameKey(f);
    if (seen.has(k)) continue;
    seen.add(k);
    inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
  }
}
if (total === 0) throw new Error('no samples in the measured window (clock mismatch?)');

const top = Number(args.top);
const perReq = (ms: number) => (ms / requests).toFixed(3).padStart(7);
const pct = (ms: number) => `${((ms / total) * 100).toFixed(1).padStart(5)}%`;
const print = (title: string, m: Map<string, number>, n: number) => {
  console.log(`\n${title} (ms/request, share of the sampled busy time)`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`${perReq(v)} ${pct(v)}  ${k}`);
};
console.log(`Sampled busy time in the window: ${perReq(total)} ms/request (process CPU ${(cpuMs / requests).toFixed(3)})`);
print('Self time by source', bySource, 25);
print('Self time by function', self, top);
print('Inclusive time of our own code (src/, views/)', inclusive, top);
console.log(`\nProfile: ${relative(ROOT, join(profileDir, file))}`);
