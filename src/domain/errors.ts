/**
 * Thrown when a domain function gets input it cannot work with.
 * The message is Dutch and meant for the consulent; `field` names the input field
 * (the property path, e.g. 'instruments[1].attendancePct') for the web layer.
 */
export class DomainInputError extends Error {
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.name = 'DomainInputError';
    this.field = field;
  }
}

/** Formats an hour number for a Dutch message: whole numbers as is, fractions with a decimal comma. */
export function formatHours(n: number): string {
  const rounded = Math.round(n * 100) / 100;
  return String(rounded).replace('.', ',');
}
