import type { FieldErrors, Parsed } from './result.js';

/** The period of a figures page as the web layer parsed it: from and to, each optional. */
export type PeriodForm = Parsed<{ from: string | null; to: string | null }>;

/**
 * The period a figures page reports on: what the user chose, else `defaultFrom` up to today; refused (with the
 * message next to the field) when it ends before it starts.
 */
export function reportPeriod(period: PeriodForm, defaultFrom: string, today: string): { from: string; to: string; errors: FieldErrors } {
  if (!period.ok) return { from: defaultFrom, to: today, errors: period.errors };
  const from = period.data.from ?? defaultFrom;
  const to = period.data.to ?? today;
  return { from, to, errors: from > to ? { to: 'De einddatum moet op of na de begindatum liggen' } : {} };
}

/** The first day of today's year: the default start of the team's figures. */
export const startOfYear = (today: string) => `${today.slice(0, 4)}-01-01`;
