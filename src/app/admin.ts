// What the functioneel-beheer use cases (rules, lists, users, teams, audit log) share: only an admin may use
// them, and their optimistic concurrency. Each admin form carries the version of the record it was loaded
// with; a save with another version (or none) is refused, and the refusal says what is stored now next to
// what the admin typed (views/admin/conflict.ejs).
import type { Actor } from './actor.js';
import { forbidden } from './errors.js';
import { type FieldErrors, refuse, type Result } from './result.js';

/** Functioneel beheer is for admins only: anyone else gets the same 403 as any page they may not see. */
export function requireAdmin(actor: Actor): void {
  if (actor.user.role !== 'admin') throw forbidden();
}

export interface ConflictRow {
  label: string;
  stored: string;
  mine: string;
}

/** What views/admin/conflict.ejs shows above the form. */
export interface Conflict {
  title: string;
  text: string;
  rows: ConflictRow[];
}

/**
 * A refused save of an admin form: someone else saved the record in between (`versionMissing` false, a 409),
 * or the form did not say which version it edited (an old or tampered form, a 400). Nothing was saved.
 */
export type StaleSave = { kind: 'stale'; message: string; conflict: Conflict; versionMissing: boolean };

/** Why an admin write was not done: input the stored data refuses (shown next to the fields), or a stale save. */
export type AdminRefusal = { kind: 'invalid'; errors: FieldErrors } | StaleSave;

export type AdminResult<T> = Result<T, AdminRefusal>;

export function staleSave(version: number | null, conflict: Conflict): { ok: false; refusal: StaleSave } {
  return refuse<StaleSave>({ kind: 'stale', message: conflict.title, conflict, versionMissing: version === null });
}

/** Rows for the fields where what is stored now differs from what the admin typed. */
export function differences(fields: [label: string, stored: string, mine: string][]): ConflictRow[] {
  return fields.filter(([, stored, mine]) => stored.trim() !== mine.trim()).map(([label, stored, mine]) => ({ label, stored, mine }));
}

/**
 * The message for a refused save. `version` null: the form did not say which version it edited, so nothing
 * can be compared safely; otherwise someone else saved in between.
 */
export function conflictFor(version: number | null, what: string, rows: ConflictRow[]): Conflict {
  const again = 'pas zo nodig uw invoer aan en klik opnieuw op ‘Opslaan’';
  if (version === null) {
    return {
      title: 'Niet opgeslagen: controleer eerst wat nu is opgeslagen',
      text: `Koers kon niet nagaan of u de laatste gegevens van ${what} bewerkte. Er is niets gewijzigd. Uw invoer staat hieronder nog; vergelijk die met wat nu is opgeslagen, ${again}.`,
      rows,
    };
  }
  return {
    title: `Niet opgeslagen: iemand anders heeft ${what} intussen gewijzigd`,
    text: `Nadat u dit formulier opende, heeft een andere beheerder ${what} opgeslagen. Uw wijziging is niet opgeslagen; uw invoer staat hieronder nog. Vergelijk die met wat nu is opgeslagen, ${again}.`,
    rows,
  };
}

/** The details of the audit row of a refused save: which version the form had, and which is stored now. */
export function refusedVersion(version: number | null, current: number): string {
  return `${version === null ? 'geen geldige versie' : `versie ${version} verouderd`} (nu ${current})`;
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
