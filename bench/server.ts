// Starts the app as a child process on loopback (as `npm start` does), finds the node process that listens, and stops it.
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { buildServer, SERVER_BUNDLE, serverNodeFlags } from '../scripts/build-server.js';

export const ROOT = join(import.meta.dirname, '..');

export interface RunningServer {
  child: ChildProcess;
  port: number;
  baseUrl: string;
  /** The pid of the node process that listens on the port. */
  serverPid: number;
  output: () => string;
  stop: () => Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces; the fields after the closing parenthesis are fixed.
    const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(after[1]);
  } catch {
    return undefined;
  }
}

/** Every live descendant of pid. */
export function descendants(pid: number): number[] {
  const all = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
  const children = new Map<number, number[]>();
  for (const p of all) {
    const ppid = parentOf(p);
    if (ppid === undefined) continue;
    const list = children.get(ppid) ?? [];
    list.push(p);
    children.set(ppid, list);
  }
  const out: number[] = [];
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    for (const c of children.get(p) ?? []) {
      out.push(c);
      stack.push(c);
    }
  }
  return out;
}

/** Socket inodes listening on the port (IPv4 and IPv6), from /proc/net/tcp*. */
function listeningInodes(port: number): Set<string> {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10) continue;
      const local = cols[1] ?? '';
      if (local.endsWith(`:${hexPort}`) && cols[3] === '0A') inodes.add(cols[9] ?? '');
    }
  }
  return inodes;
}

/** The process among root and its descendants that holds the listening socket of port. */
export function findListeningPid(root: number, port: number): number | undefined {
  const inodes = listeningInodes(port);
  for (const pid of [root, ...descendants(root)]) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const link = readlinkSync(`/proc/${pid}/fd/${fd}`);
        const m = /^socket:\[(\d+)\]$/.exec(link);
        if (m && inodes.has(m[1]!)) return pid;
      } catch {
        // fd closed meanwhile
      }
    }
  }
  return undefined;
}

/**
 * CPU seconds (user + system) a process has used, from /proc/<pid>/stat (clock ticks of 1/100 s on Linux).
 * Per request this is a measure that the other load on a shared machine does not inflate much.
 */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat (utime, stime) are at index 11 and 12 after the command name.
    return (Number(after[11]) + Number(after[12])) / 100;
  } catch {
    return undefined;
  }
}

/** Peak (VmHWM) or current (VmRSS) resident set size of a process in MB, or undefined when it is gone. */
export function rssMb(pid: number, field: 'VmHWM' | 'VmRSS' = 'VmHWM'): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status);
    return m ? Math.round((Number(m[1]) / 1024) * 10) / 10 : undefined;
  } catch {
    return undefined;
  }
}

async function waitForHealth(baseUrl: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not answer /healthz within ${timeoutMs} ms`);
}

/**
 * Starts the app as `npm start` does (the build step, then Node with the start script's flags on the bundle) in
 * production mode on the database file; resolves when /healthz answers. `nodeArgs` (e.g. the CPU profiler's
 * flags, which NODE_OPTIONS does not allow) go before the start script's flags.
 */
export async function startServer(
  databasePath: string,
  port: number,
  timeoutMs = 120_000,
  nodeArgs: string[] = [],
): Promise<RunningServer> {
  let log = '';
  await buildServer();
  const child = spawn(process.execPath, [...nodeArgs, ...serverNodeFlags(), SERVER_BUNDLE], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_PATH: databasePath,
      PORT: String(port),
      SESSION_SECRET: 'bench-session-secret-not-for-production',
    },
    // Own process group, so stop() ends the app and anything it started.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => {
    log += String(d);
  });
  child.stderr?.on('data', (d) => {
    log += String(d);
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 5000);
    await exited;
    clearTimeout(timer);
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, child, timeoutMs);
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n--- server output ---\n${log}`, { cause: err });
  }
  const serverPid = findListeningPid(child.pid!, port);
  if (serverPid === undefined) {
    await stop();
    throw new Error('could not find the process listening on the port');
  }
  return { child, port, baseUrl, serverPid, output: () => log, stop };
}
