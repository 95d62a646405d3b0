// The rule set editor's form: its values for a rule set or as typed, and turning them into a new version.
// The fields themselves (groups, labels, kinds) are described once in src/app/rule-fields.ts.
import type { RuleVersionForm } from '../../app/admin-rules.js';
import type { Parsed } from '../../app/result.js';
import { formatRuleNumber, getPath, RULE_FIELDS } from '../../app/rule-fields.js';
import { type RuleSet, ruleSetSchema } from '../../domain/index.js';
import { normaliseDate } from '../validation.js';

/** Empty rows offered below the existing instruments. */
export const EXTRA_INSTRUMENT_ROWS = 2;
const MAX_INSTRUMENT_ROWS = 60;

export type FormValues = Record<string, string>;

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let o = obj;
  for (const key of keys.slice(0, -1)) {
    o[key] ??= {};
    o = o[key] as Record<string, unknown>;
  }
  o[keys[keys.length - 1]!] = value;
}

/** The form's values for a rule set, with room for new instruments. */
export function valuesFromRuleSet(rules: RuleSet): FormValues {
  const values: FormValues = {};
  for (const f of RULE_FIELDS) {
    const v = getPath(rules, f.name);
    values[f.name] = f.kind === 'bool' ? (v ? 'on' : '') : typeof v === 'number' ? formatRuleNumber(v) : String(v ?? '');
  }
  const rows = rules.z.instruments.length + EXTRA_INSTRUMENT_ROWS;
  values.instrumentRows = String(rows);
  rules.z.instruments.forEach((ins, i) => {
    values[`z.instruments.${i}.code`] = ins.code;
    values[`z.instruments.${i}.name`] = ins.name;
    values[`z.instruments.${i}.fullHours`] = ins.fullHours === null ? '' : formatRuleNumber(ins.fullHours);
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

/** Turns the typed values into a valid rule set, or Dutch errors keyed by form field name. */
export function parseRuleForm(values: FormValues): Parsed<RuleVersionForm> {
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
  return { ok: true, data: { rules: parsed.data, effectiveFrom, note } };
}
