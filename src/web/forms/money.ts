import { z } from 'zod';

/**
 * An amount in euros as typed in a form (1234, 1.234, 1234,5, 1.234,56, € 1.234,56) → whole cents. A point is a
 * thousands separator unless it is followed by exactly one or two digits at the end (1234.56 also reads as cents).
 */
export function eurosToCents(raw: string): number | null {
  const s = raw.replace(/€|\s/g, '');
  let m = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(s);
  if (!m) m = /^(\d+)\.(\d{1,2})$/.exec(s) ? (/^(\d+)\.(\d{1,2})$/.exec(s) as RegExpExecArray) : null;
  if (!m) return null;
  const whole = Number(m[1]!.replace(/\./g, ''));
  const cents = m[2] ? Number(m[2].padEnd(2, '0')) : 0;
  const total = whole * 100 + cents;
  return Number.isSafeInteger(total) ? total : null;
}

/** A required amount in euros, more than 0 and at most `maxEuros`; the parsed value is whole cents. */
export function requiredEuros(label: string, maxEuros = 1_000_000) {
  return z.preprocess(
    (v) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v)),
    z
      .string()
      .trim()
      .min(1, `Vul ${label} in`)
      .transform((v, ctx) => {
        const cents = eurosToCents(v);
        if (cents === null) {
          ctx.addIssue({ code: 'custom', message: `Vul ${label} in als bedrag in euro, bijvoorbeeld 1.250,00` });
          return z.NEVER;
        }
        if (cents <= 0) {
          ctx.addIssue({ code: 'custom', message: `${label.replace(/^het /, 'Het ')} moet meer dan € 0 zijn` });
          return z.NEVER;
        }
        if (cents > maxEuros * 100) {
          ctx.addIssue({ code: 'custom', message: `${label.replace(/^het /, 'Het ')} mag niet meer dan € ${maxEuros.toLocaleString('nl-NL')} zijn` });
          return z.NEVER;
        }
        return cents;
      }),
  );
}
