/** Dutch messages per form field (`_form` for the form as a whole). */
export type FieldErrors = Record<string, string>;

/**
 * Why a write was not done, in a form the page can show:
 * - `invalid`: the input breaks a rule that needs the stored data (a list entry that does not exist, a date
 *   before another record's); shown next to the fields, with everything the user typed kept.
 * - `closed`: the dossier is closed and stays read-only.
 * - `stale`: someone else saved the record in between (optimistic locking); nothing was saved.
 * - `conflict`: the state of the record does not allow it (already done, already removed, …).
 */
export type Refusal =
  | { kind: 'invalid'; errors: FieldErrors }
  | { kind: 'closed'; message: string }
  | { kind: 'stale'; message: string }
  | { kind: 'conflict'; message: string };

export type Result<T = undefined, R extends { kind: string } = Refusal> =
  | { ok: true; value: T }
  | { ok: false; refusal: R };

export function ok(): { ok: true; value: undefined };
export function ok<T>(value: T): { ok: true; value: T };
export function ok<T>(value?: T) {
  return { ok: true as const, value };
}

export function refuse<R extends { kind: string }>(refusal: R): { ok: false; refusal: R } {
  return { ok: false as const, refusal };
}

export const invalid = (errors: FieldErrors) => refuse({ kind: 'invalid' as const, errors });
export const stale = (message: string) => refuse({ kind: 'stale' as const, message });

/** Input as the web layer parsed it (zod at the edge): the data, or a Dutch message per field. */
export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };
