import { formatHours } from './errors.js';
import type { Condition, ConditionCode, EligibilityResult } from './types.js';

/** An hour condition: met when actual >= required. `what` is the Dutch noun, e.g. 'taalles'. */
export function hoursCondition(
  code: ConditionCode,
  what: string,
  actual: number,
  required: number,
): Condition {
  const met = actual >= required;
  const message = met
    ? `Voldoende ${what}: ${formatHours(actual)} van ${formatHours(required)} uur`
    : `Nog ${formatHours(required - actual)} uur ${what} nodig (${formatHours(actual)} van ${formatHours(required)})`;
  return { code, met, required, actual, message };
}

/** A yes/no condition; `label` is the Dutch name, e.g. 'PVT'. */
export function doneCondition(code: ConditionCode, label: string, done: boolean): Condition {
  return {
    code,
    met: done,
    required: true,
    actual: done,
    message: done ? `${label} afgerond` : `${label} nog niet afgerond`,
  };
}

export function result(conditions: Condition[], notes: string[] = []): EligibilityResult {
  return { eligible: conditions.every((c) => c.met), conditions, notes };
}
