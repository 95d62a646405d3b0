// `npx tsx bench/explain.ts [--scale 1] [--target caseload-team,client-dossier] [--all] [--html dir]`
// Every SQL statement a page of bench/targets.ts runs, with its EXPLAIN QUERY PLAN: the app is built in-process
// (createApp) on a copy of the data set that `npm run bench -- --scale <s>` generated, the statements are
// collected through better-sqlite3's `verbose` hook while the page is fetched as the bench user, and each
// distinct statement is explained. Without --all only the statements whose plan reads a whole table or index
// (SCAN without an equality constraint) or sorts in a temporary b-tree are printed: what grows with the data.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import request from 'supertest';
import { optimizeStatistics } from '../src/db/connection.js';
import { migrate } from '../src/db/migrate.js';
import { fixedClock } from '../src/lib/clock.js';
import { createApp } from '../src/web/app.js';
import { readGeneratedDataset } from './generate.js';
import { ROOT } from './server.js';
import { fillTarget, TARGETS } from './targets.js';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    target: { type: 'string' },
    all: { type: 'boolean', default: false },
    /** Write each page's HTML to <dir>/<target>.html (e.g. to weigh the markup per row). */
    html: { type: 'string' },
  },
});
const data = readGeneratedDataset(ROOT, args.scale as string);
const copy = join(ROOT, 'bench', 'tmp', `explain-${process.pid}.db`);
// A consistent copy even while a bench server writes to the data set (WAL): SQLite's online backup.
{
  const source = new Database(data.path, { readonly: true });
  await source.backup(copy);
  source.close();
}
let current: Set<string> | null = null;
const db = new Database(copy, { verbose: (sql) => current?.add(String(sql)) });
db.pragma('journal_mode = WAL');
db.pragma('foreign_keys = ON');
// As src/server.ts does at start-up.
migrate(db);
optimizeStatistics(db);
const clock = fixedClock(`${data.today}T10:00:00.000Z`);
const app = createApp({ db, clock, config: { production: false } });
const teamClients = db.prepare('SELECT COUNT(*) FROM clients WHERE team_id = ? AND closed_on IS NULL').pluck().get(data.teamleider.teamId) as number;

async function agentFor(username: string) {
  const agent = request.agent(app);
  const page = await agent.get('/login');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
  const res = await agent.post('/login').type('form').send({ username, password: data.password, _csrf: csrf });
  if (res.status !== 303) throw new Error(`log-in as ${username}: ${res.status}`);
  return agent;
}

const wanted = args.target ? new Set(args.target.split(',')) : null;
try {
  // On this copy: no second factor (outside production the policy decides; none required).
  db.prepare('UPDATE second_factor_policy SET required = 0').run();
  db.prepare('UPDATE users SET totp_secret = NULL').run();
  const agents = {
    teamleider: await agentFor(data.teamleider.username),
    consulent: await agentFor(data.consulent.username),
    admin: await agentFor(data.admin.username),
  };
  for (const t of TARGETS) {
    if (wanted && !wanted.has(t.name)) continue;
    const url = fillTarget(t.url, data, teamClients);
    await agents[t.as].get(url); // statement cache and status refresh out of the way
    current = new Set();
    const res = await agents[t.as].get(url);
    const statements = [...current];
    current = null;
    if (args.html) writeFileSync(join(args.html, `${t.name}.html`), res.text ?? '');
    console.log(`\n=== ${t.name} ${url} (${res.status}, ${statements.length} statements)`);
    for (const sql of statements) {
      let plan: string[];
      try {
        plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail);
      } catch (err) {
        plan = [`(not explained: ${(err as Error).message})`];
      }
      const grows = plan.filter((d) => /^SCAN (?!CONSTANT)/.test(d) || /TEMP B-TREE/.test(d));
      if (!args.all && grows.length === 0) continue;
      console.log(`--- ${sql.replace(/\s+/g, ' ').slice(0, 400)}`);
      for (const d of plan) console.log(`    ${/^SCAN|TEMP B-TREE/.test(d) ? '!' : ' '} ${d}`);
    }
  }
} finally {
  db.close();
  for (const s of ['', '-wal', '-shm']) rmSync(`${copy}${s}`, { force: true });
}
