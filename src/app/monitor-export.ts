// The figures of a period for the municipality's monitor (issue 22), as CSV and JSON with their definitions.
// Aggregates only: no name, BSN, client number or consulent; every count from 1 to 4 is suppressed (and with
// it any share, median or percentile computed from it), because a small cell can point to a person.
import { MIN_CELL_SIZE, publishable } from '../domain/index.js';
import type { Actor } from './actor.js';
import type { Deps } from './deps.js';
import { forbidden } from './errors.js';
import type { FieldErrors, Parsed } from './result.js';
import { csvCell } from './caseload-csv.js';
import { cohortStart, teamCohortFigures, teamLeadTimes, teamTargetFigures } from './stations.js';

export interface MonitorRow {
  section: 'doel' | 'cohort' | 'doorlooptijd' | 'wachten';
  code: string;
  label: string;
  /** The count the value is about (numerator), null when suppressed or not applicable. */
  count: number | null;
  /** The group the count is out of, null when suppressed or not applicable. */
  total: number | null;
  value: number | null;
  unit: string;
  definition: string;
}

export interface MonitorExport {
  period: { from: string; to: string };
  generatedOn: string;
  minCellSize: number;
  note: string;
  rows: MonitorRow[];
}

const NOTE = `Geaggregeerde cijfers zonder persoonsgegevens. Aantallen van 1 tot en met ${MIN_CELL_SIZE - 1} zijn weggelaten (leeg), net als percentages, medianen en percentielen die erop berusten.`;

/** A share only when both its count and its total may be published. */
function share(part: number, total: number, pct: number | null) {
  const p = publishable(part);
  const t = publishable(total);
  return { count: p, total: t, value: p === null || t === null ? null : pct };
}

export function buildMonitorExport(deps: Deps, teamId: number, from: string, to: string, today: string): MonitorExport {
  const rows: MonitorRow[] = [];
  const { figures } = teamTargetFigures(deps, teamId, from, to, today);
  for (const f of figures) {
    rows.push({ section: 'doel', code: f.key, label: f.label, ...share(f.part, f.total, f.pct), unit: '%', definition: `${f.definition} Doel: ${f.target}%.` });
  }
  for (const c of teamCohortFigures(deps, teamId, cohortStart(to), to)) {
    const counts: [string, string, number][] = [
      ['CLIENTS', 'aangemeld', c.clients],
      ['INTAKE_STARTED', 'intake gestart', c.intakeStarted],
      ['PIP_SET', 'PIP vastgesteld', c.pipSet],
      ['IN_PROGRESS', 'traject loopt', c.inProgress],
      ['PRE_END_HELD', 'pre-eindgesprek gehouden', c.preEndHeld],
      ['END_HELD', 'eindgesprek gehouden', c.endHeld],
      ['CLOSED', 'afgesloten', c.closed],
      ...c.closedByReason.map((r): [string, string, number] => [`CLOSED_${r.reason}`, `afgesloten: ${r.label.toLowerCase()}`, r.count]),
    ];
    for (const [code, what, n] of counts) {
      rows.push({ section: 'cohort', code: `${c.cohort}_${code}`, label: `${c.label}: ${what}`, count: publishable(n), total: null, value: publishable(n), unit: 'cliënten', definition: 'Cliënten aangemeld in dit kwartaal, stand van de exportdatum.' });
    }
    const enough = publishable(c.pipSet) !== null && c.pipSet > 0;
    rows.push({ section: 'cohort', code: `${c.cohort}_MEDIAN_DAYS_TO_PIP`, label: `${c.label}: mediaan dagen van aanmelding tot PIP`, count: publishable(c.pipSet), total: null, value: enough ? c.medianDaysToPip : null, unit: 'dagen', definition: 'Mediaan over de cliënten van het cohort met een PIP.' });
  }
  const lead = teamLeadTimes(deps, teamId, from, to, today);
  for (const s of lead.steps) {
    const n = publishable(s.count);
    const ok = n !== null && s.count > 0;
    const def = 'Dagen van het vorige station tot dit station, over de stappen afgerond in de periode.';
    rows.push({ section: 'doorlooptijd', code: `${s.step}_MEDIAN`, label: `${s.label}: mediaan`, count: n, total: null, value: ok ? s.median : null, unit: 'dagen', definition: def });
    rows.push({ section: 'doorlooptijd', code: `${s.step}_P90`, label: `${s.label}: 90e percentiel`, count: n, total: null, value: ok ? s.p90 : null, unit: 'dagen', definition: def });
    const waiting = share(s.waitingTooLong, s.waiting, null);
    rows.push({ section: 'wachten', code: `${s.step}_WAITING_TOO_LONG`, label: `${s.label}: wacht langer dan ${s.limit} dagen`, ...waiting, value: waiting.count, unit: 'cliënten', definition: 'Stand op de exportdatum: cliënten die op deze stap wachten (totaal) en van hen wie langer wacht dan de grens.' });
  }
  return { period: { from, to }, generatedOn: today, minCellSize: MIN_CELL_SIZE, note: NOTE, rows };
}

/** The export of a period for the teamleider; refuses an invalid period with its messages. */
export function exportMonitorFigures(
  deps: Deps,
  actor: Actor,
  period: Parsed<{ from: string | null; to: string | null }>,
): { ok: true; data: MonitorExport } | { ok: false; errors: FieldErrors } {
  const { user } = actor;
  if (user.role !== 'teamleider' || user.teamId === null) throw forbidden();
  const today = actor.today;
  if (!period.ok) return { ok: false, errors: period.errors };
  const from = period.data.from ?? `${today.slice(0, 4)}-01-01`;
  const to = period.data.to ?? today;
  if (from > to) return { ok: false, errors: { to: 'De einddatum moet op of na de begindatum liggen' } };
  actor.audit('monitorcijfers-geexporteerd', 'caseload', { details: `${from} t/m ${to}` });
  return { ok: true, data: buildMonitorExport(deps, user.teamId, from, to, today) };
}

const HEADERS = ['onderdeel', 'code', 'omschrijving', 'aantal', 'totaal', 'waarde', 'eenheid', 'definitie'];

/** The export as CSV (';'-separated, UTF-8 with BOM), with the period and the note in the first lines. */
export function monitorCsv(e: MonitorExport): string {
  const line = (cells: (string | number | null)[]) => `${cells.map(csvCell).join(';')}\r\n`;
  let out = '\uFEFF';
  out += line(['periode', `${e.period.from} t/m ${e.period.to}`, `gemaakt op ${e.generatedOn}`, null, null, null, null, e.note]);
  out += line(HEADERS);
  for (const r of e.rows) out += line([r.section, r.code, r.label, r.count, r.total, r.value === null ? null : String(r.value).replace('.', ','), r.unit, r.definition]);
  return out;
}
