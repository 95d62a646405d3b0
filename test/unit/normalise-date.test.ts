// normaliseDate (src/web/validation.ts) reads the dates typed in forms without date-fns; it must accept and
// refuse exactly what the date-fns version did.
import { isValid, parse, parseISO } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { normaliseDate } from '../../src/web/validation.js';

function withDateFns(value: string): string | null {
  const v = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const d = parseISO(v);
    return isValid(d) && d.toISOString().slice(0, 10) === v ? v : null;
  }
  if (/^\d{1,2}-\d{1,2}-\d{4}$/.test(v)) {
    const d = parse(v, 'd-M-yyyy', new Date(2000, 0, 1));
    if (!isValid(d)) return null;
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  }
  return null;
}

describe('normaliseDate', () => {
  it('accepts and refuses what the date-fns reading did, for both forms and every day of 2023-2025', () => {
    const inputs = ['', 'morgen', ' 2026-02-28 ', '2026-02-29', '2024-02-29', '2026-13-01', '2026-00-10', '2026-01-00', '31-4-2026',
      '30-4-2026', '1-1-2026', '01-01-2026', '29-2-2024', '29-02-2023', '2026-1-01', '1-13-2026', '0-1-2026', '12-12-12345', '1000-01-01'];
    for (let t = Date.UTC(2023, 0, 1); t <= Date.UTC(2025, 11, 31); t += 86_400_000) {
      const d = new Date(t);
      inputs.push(d.toISOString().slice(0, 10), `${d.getUTCDate()}-${d.getUTCMonth() + 1}-${d.getUTCFullYear()}`);
    }
    for (const v of inputs) expect(normaliseDate(v), v).toBe(withDateFns(v));
  });
});
