// Optimistic concurrency on the functioneel-beheer forms (users, teams, lists): each form carries the version
// of the record it was loaded with; a save with another version is refused and the form is shown again with
// what the admin typed next to what is stored now (views/admin/conflict.ejs).

/** The version a form was loaded with: a positive whole number, or null when it is missing or garbage. */
export function formVersion(body: unknown): number | null {
  const raw = (body as Record<string, unknown> | undefined)?.version;
  const text = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
  return /^[1-9]\d{0,14}$/.test(text) ? Number(text) : null;
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

/** Rows for the fields where what is stored now differs from what the admin typed. */
export function differences(fields: [label: string, stored: string, mine: string][]): ConflictRow[] {
  return fields.filter(([, stored, mine]) => stored.trim() !== mine.trim()).map(([label, stored, mine]) => ({ label, stored, mine }));
}

/** A form value as text (forms send strings; a repeated field sends an array). */
export function typed(value: unknown): string {
  if (Array.isArray(value)) return typed(value[0]);
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/**
 * The message for a refused save. `version` null: the form did not say which version it edited (an old
 * or tampered form), so nothing can be compared safely; otherwise someone else saved in between.
 */
export function conflictFor(
  version: number | null,
  what: string,
  rows: ConflictRow[],
  again = 'pas zo nodig uw invoer aan en klik opnieuw op ‘Opslaan’',
): Conflict {
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
