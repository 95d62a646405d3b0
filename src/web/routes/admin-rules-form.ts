import { type RuleSet, ruleSetSchema } from '../../domain/index.js';
import { normaliseDate } from '../validation.js';

/**
 * The rule set editor's fields. Every field's form name is its dotted path in `RuleSet`, so the
 * domain's `parseRuleSet` error paths land next to the right field without a mapping table.
 */
export type RuleFieldKind = 'hours' | 'int' | 'pct' | 'bool' | 'choice';

export interface RuleField {
  name: string;
  label: string;
  kind: RuleFieldKind;
  unit?: string;
  hint?: string;
  options?: { value: string; label: string }[];
}

export interface RuleGroup {
  id: string;
  title: string;
  fields: RuleField[];
}

export const PIP_DEADLINE_START_OPTIONS = [
  { value: 'INTAKE_START', label: 'Start van de brede intake' },
  { value: 'MUNICIPALITY_LINK', label: 'Koppeling aan de gemeente' },
];

export const RULE_GROUPS: RuleGroup[] = [
  {
    id: 'z-pre-end',
    title: 'Z-route: voorwaarden pre-eindgesprek',
    fields: [
      { name: 'z.preEnd.minLanguageHours', label: 'Minimum taalles-uren', kind: 'hours', unit: 'uur' },
      {
        name: 'z.preEnd.advisedLanguageHours',
        label: 'Geadviseerde taalles-uren',
        kind: 'hours',
        unit: 'uur',
        hint: 'Daaronder ziet de consulent een melding dat de uitnodiging vroeg is.',
      },
      { name: 'z.preEnd.minParticipationHours', label: 'Minimum participatie-uren', kind: 'hours', unit: 'uur' },
    ],
  },
  {
    id: 'z-end',
    title: 'Z-route: normen eindgesprek',
    fields: [
      { name: 'z.end.languageHours', label: 'Taalles-uren', kind: 'hours', unit: 'uur' },
      { name: 'z.end.participationHours', label: 'Participatie-uren', kind: 'hours', unit: 'uur' },
    ],
  },
  {
    id: 'z-other',
    title: 'Z-route: substitutie en gesprekken',
    fields: [
      {
        name: 'z.maxSubstitutionHours',
        label: 'Maximum substitutie-uren (taal door betaald werk)',
        kind: 'hours',
        unit: 'uur',
      },
      {
        name: 'z.guidanceConversationHours',
        label: 'Uren voor voortgangs- en begeleidingsgesprekken',
        kind: 'hours',
        unit: 'uur',
        hint: 'Vast aantal uur dat meetelt als participatie, alleen na een besluit van de consulent.',
      },
    ],
  },
  {
    id: 'b1',
    title: 'B1-route',
    fields: [
      {
        name: 'b1.afschalenMinLanguageHours',
        label: 'Minimum taalles-uren voor afschalen naar A2',
        kind: 'hours',
        unit: 'uur',
      },
    ],
  },
  {
    id: 'onderwijs',
    title: 'Onderwijsroute',
    fields: [
      { name: 'onderwijs.languageHours', label: 'Taaluren', kind: 'hours', unit: 'uur' },
      { name: 'onderwijs.otherSubjectsHours', label: 'Uren overige vakken', kind: 'hours', unit: 'uur' },
    ],
  },
  {
    id: 'termijnen',
    title: 'Termijnen en signalen',
    fields: [
      { name: 'general.termijnMonths', label: 'Inburgeringstermijn', kind: 'int', unit: 'maanden' },
      { name: 'general.pipDeadlineWeeks', label: 'Termijn voor het PIP', kind: 'int', unit: 'weken' },
      {
        name: 'general.pipDeadlineStart',
        label: 'De PIP-termijn start bij',
        kind: 'choice',
        options: PIP_DEADLINE_START_OPTIONS,
      },
      {
        name: 'general.noHoursSignalWeeks',
        label: 'Signaal als er zo lang geen uren zijn',
        kind: 'int',
        unit: 'weken',
      },
      {
        name: 'general.termijnEndingSignalMonths',
        label: 'Signaal zo lang voor het einde van de termijn',
        kind: 'int',
        unit: 'maanden',
      },
      { name: 'general.forecastWindowWeeks', label: 'Periode voor de prognose', kind: 'int', unit: 'weken' },
      { name: 'general.routeChangeMaxMonths', label: 'Route wijzigen kan tot', kind: 'int', unit: 'maanden na start' },
      {
        name: 'general.extensionFromMonths',
        label: 'Verlenging aanvragen kan vanaf',
        kind: 'int',
        unit: 'maanden na start termijn',
      },
      {
        name: 'general.structuralPaidWorkWeeks',
        label: 'Betaald werk geldt als structureel na',
        kind: 'int',
        unit: 'weken',
      },
    ],
  },
  {
    id: 'gesprekken',
    title: 'Tijd tussen voortgangsgesprekken',
    fields: [
      {
        name: 'general.conversationIntervalMonths.ASIELSTATUSHOUDER',
        label: 'Asielstatushouder',
        kind: 'int',
        unit: 'maanden',
      },
      {
        name: 'general.conversationIntervalMonths.GEZINSMIGRANT',
        label: 'Gezinsmigrant',
        kind: 'int',
        unit: 'maanden',
      },
      {
        name: 'general.conversationIntervalMonths.OVERIGE_MIGRANT',
        label: 'Overige migrant',
        kind: 'int',
        unit: 'maanden',
      },
    ],
  },
  {
    id: 'advies',
    title: 'Routeadvies',
    fields: [
      {
        name: 'general.routeAdvice.b1MinLeerbaarheidScore',
        label: 'Minimale score leerbaarheidstoets voor de B1-route',
        kind: 'int',
        unit: 'van 40',
      },
      {
        name: 'general.routeAdvice.onderwijsMaxAge',
        label: 'Maximale leeftijd voor de onderwijsroute',
        kind: 'int',
        unit: 'jaar',
      },
    ],
  },
  {
    id: 'verzuim',
    title: 'Verzuimgrens per route',
    fields: [
      { name: 'general.absenceThresholdPct.B1', label: 'B1-route', kind: 'pct', unit: '%' },
      { name: 'general.absenceThresholdPct.ONDERWIJS', label: 'Onderwijsroute', kind: 'pct', unit: '%' },
      { name: 'general.absenceThresholdPct.Z', label: 'Z-route', kind: 'pct', unit: '%' },
    ],
  },
  {
    id: 'caseload',
    title: 'Caseload',
    fields: [
      {
        name: 'general.caseloadNorm',
        label: 'Caseloadnorm',
        kind: 'int',
        unit: 'klanten per consulent',
        hint: 'Geldt voor teams zonder eigen norm.',
      },
    ],
  },
  {
    id: 'goedkeuring',
    title: 'Goedkeuring door de teamleider nodig bij',
    fields: [
      { name: 'general.approvals.routeDeviation', label: 'Afwijken van het routeadvies', kind: 'bool' },
      {
        name: 'general.approvals.endWithoutConditions',
        label: 'Eindgesprek zonder dat alle voorwaarden zijn gehaald',
        kind: 'bool',
      },
      { name: 'general.approvals.instrumentCounting', label: 'Meetellen van instrumenten als participatie', kind: 'bool' },
    ],
  },
];

export const RULE_FIELDS: RuleField[] = RULE_GROUPS.flatMap((g) => g.fields);

/** Empty rows offered below the existing instruments. */
export const EXTRA_INSTRUMENT_ROWS = 2;
const MAX_INSTRUMENT_ROWS = 60;

export type FormValues = Record<string, string>;

function getPath(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, key) => (o as Record<string, unknown> | undefined)?.[key], obj);
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let o = obj;
  for (const key of keys.slice(0, -1)) {
    o[key] ??= {};
    o = o[key] as Record<string, unknown>;
  }
  o[keys[keys.length - 1]!] = value;
}

const formatNumber = (n: number) => String(n).replace('.', ',');

/** The form's values for a rule set, with room for new instruments. */
export function valuesFromRuleSet(rules: RuleSet): FormValues {
  const values: FormValues = {};
  for (const f of RULE_FIELDS) {
    const v = getPath(rules, f.name);
    values[f.name] = f.kind === 'bool' ? (v ? 'on' : '') : typeof v === 'number' ? formatNumber(v) : String(v ?? '');
  }
  const rows = rules.z.instruments.length + EXTRA_INSTRUMENT_ROWS;
  values.instrumentRows = String(rows);
  rules.z.instruments.forEach((ins, i) => {
    values[`z.instruments.${i}.code`] = ins.code;
    values[`z.instruments.${i}.name`] = ins.name;
    values[`z.instruments.${i}.fullHours`] = ins.fullHours === null ? '' : formatNumber(ins.fullHours);
  });
  return values;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) ? text(v[0]) : '');

/** What the admin typed, as strings, so the form can be shown again unchanged. */
export function valuesFromBody(body: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const f of RULE_FIELDS) values[f.name] = f.kind === 'bool' ? (text(body[f.name]) ? 'on' : '') : text(body[f.name]);
  const rows = Math.min(MAX_INSTRUMENT_ROWS, Math.max(EXTRA_INSTRUMENT_ROWS, Number.parseInt(text(body.instrumentRows), 10) || 0));
  values.instrumentRows = String(rows);
  for (let i = 0; i < rows; i++) {
    for (const key of ['code', 'name', 'fullHours']) {
      const name = `z.instruments.${i}.${key}`;
      values[name] = text(body[name]);
    }
  }
  for (const key of ['effectiveFrom', 'note']) values[key] = text(body[key]);
  return values;
}

/** Parses a number typed in the form (Dutch decimal comma allowed); undefined when it is not one. */
function parseFormNumber(raw: string): number | undefined {
  const v = raw.trim();
  if (!/^-?\d+([.,]\d+)?$/.test(v)) return undefined;
  return Number(v.replace(',', '.'));
}

export type RuleFormResult =
  | { ok: true; rules: RuleSet; effectiveFrom: string; note: string }
  | { ok: false; errors: Record<string, string> };

/** Turns the typed values into a valid rule set, or Dutch errors keyed by form field name. */
export function parseRuleForm(values: FormValues): RuleFormResult {
  const errors: Record<string, string> = {};
  const input: Record<string, unknown> = {};

  const effectiveRaw = (values.effectiveFrom ?? '').trim();
  const effectiveFrom = effectiveRaw ? normaliseDate(effectiveRaw) : null;
  if (!effectiveRaw) errors.effectiveFrom = 'Vul de ingangsdatum in';
  else if (!effectiveFrom) errors.effectiveFrom = 'De ingangsdatum is geen geldige datum (bijvoorbeeld 01-01-2027)';
  const note = (values.note ?? '').trim();
  if (!note) errors.note = 'Leg uit waarom de regels veranderen';
  else if (note.length > 2000) errors.note = 'De toelichting mag maximaal 2000 tekens zijn';

  for (const f of RULE_FIELDS) {
    const raw = (values[f.name] ?? '').trim();
    if (f.kind === 'bool') {
      setPath(input, f.name, raw !== '');
    } else if (f.kind === 'choice') {
      setPath(input, f.name, raw);
    } else if (raw === '') {
      errors[f.name] = `${f.label}: vul een getal in`;
    } else {
      const n = parseFormNumber(raw);
      if (n === undefined) errors[f.name] = `${f.label}: "${raw}" is geen getal`;
      setPath(input, f.name, n);
    }
  }

  // Instrument rows: an empty row is ignored; rowOf maps the domain's list index back to the form row.
  const instruments: { code: string; name: string; fullHours: number | null }[] = [];
  const rowOf: number[] = [];
  const rows = Number(values.instrumentRows ?? 0);
  for (let i = 0; i < rows; i++) {
    const code = (values[`z.instruments.${i}.code`] ?? '').trim();
    const name = (values[`z.instruments.${i}.name`] ?? '').trim();
    const hoursRaw = (values[`z.instruments.${i}.fullHours`] ?? '').trim();
    if (!code && !name && !hoursRaw) continue;
    let fullHours: number | null = null;
    if (hoursRaw) {
      const n = parseFormNumber(hoursRaw);
      if (n === undefined) errors[`z.instruments.${i}.fullHours`] = `Uren bij 100% aanwezigheid: "${hoursRaw}" is geen getal`;
      fullHours = n ?? null;
    }
    rowOf.push(i);
    instruments.push({ code, name, fullHours });
  }
  setPath(input, 'z.instruments', instruments);

  // The domain schema checks each field, then relations between fields (custom issues). A relation error
  // that quotes a value already wrong on its own (e.g. "norm (-5)") only confuses, so it is left out.
  const parsed = ruleSetSchema.safeParse(input);
  if (!parsed.success) {
    const keyOf = (path: PropertyKey[]) =>
      path
        .map(String)
        .join('.')
        .replace(/^z\.instruments\.(\d+)/, (_m, i: string) => `z.instruments.${rowOf[Number(i)] ?? i}`);
    const wrongValues = parsed.error.issues
      .filter((i) => i.code !== 'custom')
      .map((i) => getPath(input, i.path.map(String).join('.')))
      .filter((v): v is number => typeof v === 'number');
    for (const issue of parsed.error.issues) {
      const quotesWrongValue =
        issue.code === 'custom' && wrongValues.some((v) => issue.message.includes(`(${v})`) || issue.message.includes(` ${v} `));
      const key = keyOf(issue.path);
      if (!quotesWrongValue && !(key in errors)) errors[key] = issue.message;
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success || !effectiveFrom) return { ok: false, errors };
  return { ok: true, rules: parsed.data, effectiveFrom, note };
}

// ---- Showing and comparing versions ---------------------------------------------------------------

export interface RuleLine {
  key: string;
  group: string;
  label: string;
  value: string;
}

function display(f: RuleField, v: unknown): string {
  if (f.kind === 'bool') return v ? 'Ja' : 'Nee';
  if (f.kind === 'choice') return f.options?.find((o) => o.value === v)?.label ?? String(v);
  const n = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 }).format(Number(v));
  return f.unit ? `${n} ${f.unit}` : n;
}

function instrumentValue(ins: { name: string; fullHours: number | null }): string {
  return ins.fullHours === null ? `${ins.name} (losse uren)` : `${ins.name} (100% = ${formatNumber(ins.fullHours)} uur)`;
}

/** A rule set as readable lines, grouped as in the form; instruments are keyed by code. */
export function ruleLines(rules: RuleSet): RuleLine[] {
  const lines: RuleLine[] = [];
  for (const g of RULE_GROUPS) {
    for (const f of g.fields) {
      lines.push({ key: f.name, group: g.title, label: f.label, value: display(f, getPath(rules, f.name)) });
      if (g.id === 'z-other' && f.name === 'z.guidanceConversationHours') {
        for (const ins of rules.z.instruments) {
          lines.push({
            key: `instrument:${ins.code}`,
            group: 'Z-route: instrumenten die als participatie kunnen meetellen',
            label: `Instrument ${ins.code}`,
            value: instrumentValue(ins),
          });
        }
      }
    }
  }
  return lines;
}

export interface RuleDiff {
  group: string;
  label: string;
  before: string | null;
  after: string | null;
}

/** What changed between two rule sets, in form order (removed instruments last). */
export function diffRuleSets(before: RuleSet, after: RuleSet): RuleDiff[] {
  const old = new Map(ruleLines(before).map((l) => [l.key, l]));
  const diffs: RuleDiff[] = [];
  const seen = new Set<string>();
  for (const line of ruleLines(after)) {
    seen.add(line.key);
    const prev = old.get(line.key);
    if (prev?.value !== line.value) {
      diffs.push({ group: line.group, label: line.label, before: prev?.value ?? null, after: line.value });
    }
  }
  for (const [key, line] of old) {
    if (!seen.has(key)) diffs.push({ group: line.group, label: line.label, before: line.value, after: null });
  }
  return diffs;
}
