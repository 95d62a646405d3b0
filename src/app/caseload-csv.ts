// The caseload export as CSV (';'-separated, UTF-8 with a byte order mark, as Dutch spreadsheets read it). Tuned
// for thousands of rows (README "Performance"): one string per line, memoised cells, no array per line.
import { type CaseloadRow, type Signal, SIGNAL_LABELS } from '../db/caseload.js';
import { PHASE_LABELS, ROUTE_LABELS } from '../domain/index.js';
import { formatDateShort, formatHours } from '../lib/format.js';

const CSV_HEADERS = [
  'Cliëntnummer',
  'Achternaam',
  'Voornaam',
  'Consulent',
  'Route',
  'Fase',
  'Taaluren',
  'Norm taaluren',
  'Participatie-uren',
  'Norm participatie-uren',
  'Einde termijn',
  'Laatste voortgangsgesprek',
  'Volgend voortgangsgesprek',
  'Afgesloten op',
  'Signalen',
];

const NEEDS_QUOTES = /[";\r\n]/;
/** Spreadsheets read a CSV with this mark as UTF-8. */
export const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** One CSV cell: safe against formula injection in spreadsheets, quoted when needed. */
export function csvCell(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (s === '') return s;
  const first = s.charCodeAt(0);
  // = + - @ tab CR: a spreadsheet would read the cell as a formula.
  if (first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13) s = `'${s}`;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The header line, ending in CRLF. */
export const CSV_HEADER_LINE = `${CSV_HEADERS.map(csvCell).join(';')}\r\n`;

const csvHoursMemo = new Map<number, string>();

/** Hours without thousands separators ("1234,5"): a spreadsheet reads them as numbers. */
function csvHours(n: number | null): string {
  if (n === null) return '';
  let s = csvHoursMemo.get(n);
  if (s === undefined) {
    s = formatHours(n).replace(/\./g, '');
    // 0 and -0 share a key, but formatHours writes them differently.
    if (n !== 0) {
      if (csvHoursMemo.size >= 5000) csvHoursMemo.clear();
      csvHoursMemo.set(n, s);
    }
  }
  return s;
}

function csvDate(d: string | null): string {
  return d ? formatDateShort(d) : '';
}

/** The signal cell per list of signals (the lists are shared per combination, see src/db/caseload.ts). */
const csvSignalCells = new WeakMap<readonly Signal[], string>();

function csvSignals(signals: readonly Signal[]): string {
  let cell = csvSignalCells.get(signals);
  if (cell === undefined) {
    cell = csvCell(signals.map((s) => SIGNAL_LABELS[s]).join(', '));
    csvSignalCells.set(signals, cell);
  }
  return cell;
}

/** One line of the export without its line end, every cell through csvCell (no array per line: thousands of rows). */
export function csvLine(r: CaseloadRow): string {
  return (
    `${csvCell(r.clientNumber)};${csvCell(r.lastName)};${csvCell(r.firstName)};${csvCell(r.consulentName)};` +
    `${csvCell(r.route ? ROUTE_LABELS[r.route] : '')};${csvCell(PHASE_LABELS[r.phase] ?? r.phase)};` +
    `${csvCell(csvHours(r.languageHours))};${csvCell(csvHours(r.languageNorm))};` +
    `${csvCell(csvHours(r.participationTotal))};${csvCell(csvHours(r.participationNorm))};` +
    `${csvCell(csvDate(r.termijnEnd))};${csvCell(csvDate(r.lastConversationOn))};` +
    `${csvCell(csvDate(r.nextConversationDue))};${csvCell(csvDate(r.closedOn))};${csvSignals(r.signals)}`
  );
}
