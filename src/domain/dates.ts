import { format, isValid, parseISO } from 'date-fns';
import { DomainInputError } from './errors.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Throws unless s is a real calendar date written as 'yyyy-MM-dd'. */
export function assertDate(field: string, label: string, s: unknown): asserts s is string {
  if (typeof s !== 'string' || !ISO_DATE.test(s) || !isValid(parseISO(s)) || format(parseISO(s), 'yyyy-MM-dd') !== s) {
    throw new DomainInputError(field, `${label}: geen geldige datum (nu: ${String(s)}); gebruik jjjj-mm-dd.`);
  }
}

export function toDate(field: string, label: string, s: string): Date {
  assertDate(field, label, s);
  return parseISO(s);
}

export function toIso(d: Date): string {
  return format(d, 'yyyy-MM-dd');
}
