// `npx tsx bench/cold.ts [--scale 1] [--times 20]`: what the team pages cost when nothing is kept, i.e. the first
// view after a change in the team (the bench measures the steady state: its data set does not change while it
// measures). On the data set that `npm run bench -- --scale <s>` generated (bench/tmp/), for the bench
// teamleider's team: moves the team data version before every call (as any change in the team does) and times
// each page's use case in this process, without HTTP. Prints the median and the slowest call in ms.
import { parseArgs } from 'node:util';
import { type Actor, actorAt } from '../src/app/actor.js';
import { exportCaseload, loadCaseloadPage } from '../src/app/caseload.js';
import { loadDiscretionPage } from '../src/app/discretion.js';
import { buildMonitorExport } from '../src/app/monitor-export.js';
import { loadStationsPage } from '../src/app/stations.js';
import { loadTeamFiguresPage } from '../src/app/team.js';
import { openDatabase } from '../src/db/connection.js';
import { DEFAULT_FILTER } from '../src/db/caseload.js';
import { findUserById } from '../src/db/users.js';
import { fixedClock } from '../src/lib/clock.js';
import { readGeneratedDataset } from './generate.js';
import { ROOT } from './server.js';

const { values: args } = parseArgs({ options: { scale: { type: 'string', default: '1' }, times: { type: 'string', default: '20' } } });
const data = readGeneratedDataset(ROOT, args.scale as string);
const db = openDatabase(data.path);
const deps = { db, clock: fixedClock(`${data.today}T10:00:00.000Z`) };
const user = findUserById(db, data.teamleider.id);
if (!user || user.teamId === null) throw new Error('no bench teamleider');
const teamId = user.teamId;
const actor: Actor = actorAt(user, deps.clock, () => undefined);
const noPeriod = { ok: true as const, data: { from: null, to: null } };
const query = { filter: DEFAULT_FILTER, page: 1, notices: [] };
const pages: [string, () => unknown][] = [
  ['team-figures', () => loadTeamFiguresPage(deps, actor, noPeriod)],
  ['team-stations', () => loadStationsPage(deps, actor, noPeriod)],
  ['team-discretion', () => loadDiscretionPage(deps, actor, noPeriod)],
  ['monitor-export', () => buildMonitorExport(deps, teamId, `${data.today.slice(0, 4)}-01-01`, data.today, data.today)],
  ['caseload-team', () => loadCaseloadPage(deps, actor, query)],
  ['caseload-export-csv', () => exportCaseload(deps, actor, query).writeTo(() => undefined)],
];
const bump = db.prepare('UPDATE team_data_versions SET version = version + 1 WHERE team_id = ?');
const times = Number(args.times);
console.log(`Schaal ${args.scale}, team ${teamId}: ${times}× per pagina, telkens na een wijziging in het team (niets bewaard)`);
for (const [name, run] of pages) {
  run();
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    bump.run(teamId);
    const t = performance.now();
    run();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  console.log(`  ${name.padEnd(22)} mediaan ${ms[Math.floor(ms.length / 2)]!.toFixed(1).padStart(6)} ms, traagste ${ms.at(-1)!.toFixed(1).padStart(6)} ms`);
}
db.close();
