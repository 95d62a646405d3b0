import { isCalendarDate } from '../lib/format.js';
import { z } from 'zod';

// Dutch messages for zod's built-in checks; schemas add their own, more specific ones.
z.config(z.locales.nl());

export type FieldErrors = Record<string, string>;

export type ParseResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** Parses a request body or query with a zod schema; errors become one Dutch message per field. */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown): ParseResult<T> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, errors: toFieldErrors(result.error) };
}

export function toFieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_form';
    if (!(key in errors)) errors[key] = issue.message;
  }
  return errors;
}

// ---- Form field schemas. HTML forms send strings; empty means "not filled in". ----

const asString = (v: unknown) => (v === undefined || v === null ? '' : Array.isArray(v) ? String(v[0] ?? '') : v);

export function requiredText(label: string, max = 200) {
  return z.preprocess(
    asString,
    z
      .string()
      .trim()
      .min(1, `Vul ${label} in`)
      .max(max, `${capitalise(label)} mag maximaal ${max} tekens zijn`),
  );
}

export function optionalText(label: string, max = 4000) {
  return z.preprocess(
    asString,
    z
      .string()
      .trim()
      .max(max, `${capitalise(label)} mag maximaal ${max} tekens zijn`)
      .transform((v) => (v === '' ? null : v)),
  );
}

/** Accepts yyyy-MM-dd (date inputs) and dd-MM-yyyy (typed by hand); yields yyyy-MM-dd. */
export function normaliseDate(value: string): string | null {
  const v = value.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (m) return isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])) ? v : null;
  m = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(v);
  if (m) {
    const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!isCalendarDate(year, month, day)) return null;
    return `${m[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  }
  return null;
}

export function requiredDate(label: string) {
  return z.preprocess(
    asString,
    z
      .string()
      .trim()
      .min(1, `Vul ${label} in`)
      .transform((v, ctx) => {
        const iso = normaliseDate(v);
        if (!iso) {
          ctx.addIssue({ code: 'custom', message: `${capitalise(label)} is geen geldige datum (bijvoorbeeld 31-12-2026)` });
          return z.NEVER;
        }
        return iso;
      }),
  );
}

export function optionalDate(label: string) {
  return z.preprocess(
    asString,
    z
      .string()
      .trim()
      .transform((v, ctx) => {
        if (v === '') return null;
        const iso = normaliseDate(v);
        if (!iso) {
          ctx.addIssue({ code: 'custom', message: `${capitalise(label)} is geen geldige datum (bijvoorbeeld 31-12-2026)` });
          return z.NEVER;
        }
        return iso;
      }),
  );
}

/** A number typed in a form; accepts a Dutch decimal comma. */
export function requiredNumber(label: string, opts: { min?: number; max?: number; integer?: boolean } = {}) {
  return z.preprocess(
    asString,
    z
      .string()
      .trim()
      .min(1, `Vul ${label} in`)
      .transform((v, ctx) => parseNumber(v, label, opts, ctx)),
  );
}

export function optionalNumber(label: string, opts: { min?: number; max?: number; integer?: boolean } = {}) {
  return z.preprocess(
    asString,
    z
      .string()
      .trim()
      .transform((v, ctx) => (v === '' ? null : parseNumber(v, label, opts, ctx))),
  );
}

function parseNumber(
  raw: string,
  label: string,
  opts: { min?: number; max?: number; integer?: boolean },
  ctx: z.RefinementCtx,
): number {
  const n = Number(raw.replace(',', '.'));
  const name = capitalise(label);
  if (!/^-?\d+([.,]\d+)?$/.test(raw) || !Number.isFinite(n)) {
    ctx.addIssue({ code: 'custom', message: `${name} moet een getal zijn` });
    return z.NEVER;
  }
  if (opts.integer && !Number.isInteger(n)) {
    ctx.addIssue({ code: 'custom', message: `${name} moet een heel getal zijn` });
    return z.NEVER;
  }
  if (opts.min !== undefined && n < opts.min) {
    ctx.addIssue({ code: 'custom', message: `${name} mag niet kleiner zijn dan ${opts.min}` });
    return z.NEVER;
  }
  if (opts.max !== undefined && n > opts.max) {
    ctx.addIssue({ code: 'custom', message: `${name} mag niet groter zijn dan ${opts.max}` });
    return z.NEVER;
  }
  return n;
}

/** A checkbox: present ("on", "1", "true") means true. */
export function checkbox() {
  return z.preprocess((v) => v === 'on' || v === '1' || v === 'true' || v === true, z.boolean());
}

/** One of a fixed list of options (select or radio). */
export function choice<const T extends readonly [string, ...string[]]>(label: string, options: T) {
  return z.preprocess(
    asString,
    z.string().refine((v) => (options as readonly string[]).includes(v), { message: `Kies ${label}` }),
  ) as unknown as z.ZodType<T[number]>;
}

/**
 * One of a fixed list of options, or nothing. `message` is the whole Dutch message for a value outside the list
 * (e.g. "Kies een geldig besluit", "Kies een geldige opleiding"): the article depends on the noun.
 */
export function optionalChoice<const T extends readonly [string, ...string[]]>(message: string, options: T) {
  return z.preprocess(
    asString,
    z
      .string()
      .refine((v) => v === '' || (options as readonly string[]).includes(v), { message })
      .transform((v) => (v === '' ? null : v)),
  ) as unknown as z.ZodType<T[number] | null>;
}

/** An integer id from a form or URL. */
export const idParam = z.coerce.number().int().positive();

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
