// A provider's hour report as a file: the CSV format, its parsing, and the check of every row against the
// stored data (clients of the team, lists, earlier imports). No writes: the import is in ./hour-import.ts.
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import type { Db } from '../db/connection.js';
import { activeImportLists, findClientByNumber, IMPORT_COLUMNS, type ImportColumn, importKeyExists, type RawRow } from '../db/hour-import.js';
import type { HourInput } from '../db/hours.js';
import type { HourKind } from '../db/progress.js';

export { IMPORT_COLUMNS, type ImportColumn, type RawRow };

/** Words accepted in the column "soort" (case-insensitive). */
export const KIND_WORDS: Record<string, HourKind> = {
  taal: 'LANGUAGE',
  taalles: 'LANGUAGE',
  language: 'LANGUAGE',
  knm: 'KNM',
  participatie: 'PARTICIPATION',
  participation: 'PARTICIPATION',
  map: 'MAP',
  pvt: 'PVT',
  'betaald werk': 'PAID_WORK',
  betaald_werk: 'PAID_WORK',
  paid_work: 'PAID_WORK',
  werk: 'PAID_WORK',
};

export const TEMPLATE_CSV = `\uFEFF${IMPORT_COLUMNS.join(';')}
K-00001;taal;;01-10-2026;31-10-2026;40;48;Taalschool De Brug
K-00001;participatie;Vrijwilligerswerk;2026-10-01;2026-10-31;16;;Vrijwilligerscentrale
`;

export interface ImportProblem {
  line: number; // line in the file (the header is line 1)
  field: ImportColumn | 'bestand' | (string & {});
  message: string;
}

/**
 * Which clients a file may report on: the importing consulent's team (the hour import), or the clients referred
 * to a provider for the kind of hours (a provider's report). Returns the client, or the Dutch problem.
 */
export type ClientScope = (clientNumber: string, kind: HourKind | undefined) => { id: number } | { problem: string };

/** The hour import's scope: the team's clients whose trajectory is not closed. */
export function teamScope(db: Db, teamId: number): ClientScope {
  return (clientNumber) => {
    const c = findClientByNumber(db, clientNumber);
    if (!c || c.team_id !== teamId) return { problem: `Cliëntnummer ${clientNumber} is onbekend of hoort niet bij uw team.` };
    if (c.closed_on) return { problem: `Het traject van cliënt ${clientNumber} is afgesloten; er kunnen geen uren meer bij.` };
    return { id: c.id };
  };
}

export interface ValidRow {
  line: number;
  clientId: number;
  clientNumber: string;
  input: HourInput;
  importKey: string;
  alreadyImported: boolean;
}

export interface ImportCheck {
  rows: number;
  valid: ValidRow[];
  problems: ImportProblem[];
  alreadyImported: number;
  toImport: number;
}

/**
 * Parses the CSV (';' or ',' separated, UTF-8 with or without BOM). Problems with the file itself come back as
 * problems. `extraColumns` (optional columns of a provider's report, see ./provider-reports.ts) are read too.
 */
export function parseHourCsv<E extends string = never>(
  buffer: Buffer,
  extraColumns: readonly E[] = [],
): { rows: (RawRow & Record<E, string>)[]; problems: ImportProblem[] } {
  const text = buffer.toString('utf8').replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, { delimiter, skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][];
  } catch {
    return { rows: [], problems: [{ line: 1, field: 'bestand', message: 'Het bestand is geen leesbaar CSV-bestand.' }] };
  }
  if (!records.length) return { rows: [], problems: [{ line: 1, field: 'bestand', message: 'Het bestand is leeg.' }] };
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
  const missing = IMPORT_COLUMNS.filter((c) => c !== 'gepland' && c !== 'aanbieder' && c !== 'activiteit' && !header.includes(c));
  if (missing.length) {
    return {
      rows: [],
      problems: [
        {
          line: 1,
          field: 'bestand',
          message: `De kopregel mist ${missing.length === 1 ? 'de kolom' : 'de kolommen'} ${missing.join(', ')}. Gebruik het voorbeeldbestand.`,
        },
      ],
    };
  }
  const rows = records.slice(1).map((r) => {
    const row = {} as RawRow & Record<E, string>;
    for (const c of [...IMPORT_COLUMNS, ...extraColumns] as (ImportColumn | E)[]) {
      const i = header.indexOf(c);
      (row as Record<string, string>)[c] = i >= 0 ? (r[i] ?? '').trim() : '';
    }
    return row;
  });
  if (!rows.length) return { rows, problems: [{ line: 1, field: 'bestand', message: 'Het bestand heeft geen regels onder de kopregel.' }] };
  return { rows, problems: [] };
}

function toIsoDate(v: string): string | null {
  let y: number;
  let m: number;
  let d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else {
    match = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(v);
    if (!match) return null;
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

function toNumber(v: string): number | null {
  if (!/^-?\d+([.,]\d+)?$/.test(v)) return null;
  return Number(v.replace(',', '.'));
}

function importKey(parts: string[]): string {
  return createHash('sha256').update(parts.map((p) => p.trim().toLowerCase()).join('|')).digest('hex');
}

export function sha256(buffer: Buffer | string): string {
  return createHash('sha256').update(buffer).digest('hex');
}

/**
 * Checks every row: Dutch problems by line and field; valid rows carry their import key. `scope` is the team id
 * of the hour import or another client scope (a provider's referrals). `checkExtra` adds the checks of a
 * report's own columns to the same problems (a row with problems is not valid).
 */
export function checkImportRows<R extends RawRow = RawRow>(
  db: Db,
  rows: R[],
  scope: number | ClientScope,
  today: string,
  checkExtra?: (row: R, add: (field: string, message: string) => void) => void,
  options: { zeroHoursWhenPlanned?: boolean } = {},
): ImportCheck {
  const inScope = typeof scope === 'number' ? teamScope(db, scope) : scope;
  const problems: ImportProblem[] = [];
  const valid: ValidRow[] = [];
  const { activities, providers } = activeImportLists(db);
  const seen = new Map<string, number>();

  rows.forEach((r, i) => {
    const line = i + 2;
    const add = (field: ImportColumn | (string & {}), message: string) => problems.push({ line, field, message });
    const before = problems.length;

    const kind = KIND_WORDS[r.soort.toLowerCase()];
    let clientId: number | null = null;
    if (!r.clientnummer) add('clientnummer', 'Cliëntnummer ontbreekt.');
    else {
      const c = inScope(r.clientnummer, kind);
      if ('problem' in c) add('clientnummer', c.problem);
      else clientId = c.id;
    }

    if (!r.soort) add('soort', 'Soort ontbreekt.');
    else if (!kind) add('soort', `Onbekende soort "${r.soort}". Gebruik taal, knm, participatie, map, pvt of betaald werk.`);

    let activityKindId: number | null = null;
    if (r.activiteit) {
      const a = activities.find((x) => x.name.toLowerCase() === r.activiteit.toLowerCase());
      if (!a) add('activiteit', `Onbekende activiteit "${r.activiteit}".`);
      else if (kind === 'PARTICIPATION') activityKindId = a.id;
    } else if (kind === 'PARTICIPATION') add('activiteit', 'Activiteit ontbreekt; die is verplicht bij participatie.');

    const start = r.van ? toIsoDate(r.van) : null;
    const end = r.tot ? toIsoDate(r.tot) : null;
    if (!r.van) add('van', 'Begindatum ontbreekt.');
    else if (!start) add('van', `"${r.van}" is geen geldige datum (gebruik bijvoorbeeld 31-12-2026).`);
    if (!r.tot) add('tot', 'Einddatum ontbreekt.');
    else if (!end) add('tot', `"${r.tot}" is geen geldige datum (gebruik bijvoorbeeld 31-12-2026).`);
    if (start && end && end < start) add('tot', 'De einddatum ligt voor de begindatum.');
    else if (end && end > today) add('tot', 'De einddatum ligt na vandaag.');

    const hours = toNumber(r.uren);
    if (!r.uren) add('uren', 'Uren ontbreken.');
    else if (hours === null) add('uren', `Uren "${r.uren}" is geen getal.`);
    else if (hours < 0) add('uren', 'Uren mogen niet negatief zijn.');
    else if (hours === 0 && !(options.zeroHoursWhenPlanned && toNumber(r.gepland))) add('uren', 'Uren moeten meer dan 0 zijn.');
    else if (hours > 1000) add('uren', 'Uren mogen niet meer dan 1000 zijn.');

    let planned: number | null = null;
    if (r.gepland) {
      planned = toNumber(r.gepland);
      if (planned === null) add('gepland', `Gepland "${r.gepland}" is geen getal.`);
      else if (planned < 0) add('gepland', 'Gepland mag niet negatief zijn.');
      else if (hours !== null && planned < hours) add('gepland', 'Gepland is kleiner dan het aantal gevolgde uren.');
    }

    checkExtra?.(r, add);
    if (problems.length > before || clientId === null || !kind || !start || !end || hours === null) return;
    const provider = r.aanbieder ? providers.find((p) => p.name.toLowerCase() === r.aanbieder.toLowerCase()) : undefined;
    const key = importKey([r.clientnummer, kind, r.activiteit, start, end, r.aanbieder]);
    const dup = seen.get(key);
    if (dup) {
      add('clientnummer', `Deze regel staat dubbel in het bestand (zelfde cliënt, soort, activiteit, periode en aanbieder als regel ${dup}).`);
      return;
    }
    seen.set(key, line);
    valid.push({
      line,
      clientId,
      clientNumber: r.clientnummer,
      importKey: key,
      alreadyImported: importKeyExists(db, key),
      input: {
        kind,
        activityKindId,
        periodStart: start,
        periodEnd: end,
        hours,
        plannedHours: planned,
        providerId: provider?.id ?? null,
        organisation: r.aanbieder && !provider ? r.aanbieder : null,
        note: null,
      },
    });
  });
  const alreadyImported = valid.filter((v) => v.alreadyImported).length;
  return { rows: rows.length, valid, problems, alreadyImported, toImport: valid.length - alreadyImported };
}
