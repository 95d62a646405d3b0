import { describe, expect, it } from 'vitest';
import { formatDateShort, formatHours } from '../../src/web/view-helpers.js';

const intl = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });

describe('formatHours', () => {
  it('writes hours the Dutch way, one decimal at most', () => {
    expect(formatHours(1234.5)).toBe('1.234,5');
    expect(formatHours(800)).toBe('800');
    expect(formatHours(2.25)).toBe('2,3');
    expect(formatHours(null)).toBe('–');
    expect(formatHours(undefined)).toBe('–');
  });

  it('gives what Intl gives, also when a value comes again from the kept strings, -0 included', () => {
    const values = [0, -0, -0.04, 0.04, 0.05, 1.45, -2.25, 1e6 + 0.55, Number.NaN, Number.POSITIVE_INFINITY];
    for (let i = 0; i < 2000; i++) values.push(Math.round(Math.random() * 20000) / 4, Math.random() * 1000 - 500);
    for (const round of [1, 2]) {
      for (const v of values) expect(formatHours(v), `${v}, round ${round}`).toBe(intl.format(v));
    }
  });
});

describe('formatDateShort', () => {
  it('writes a stored date as dd-MM-yyyy and leaves what is not a date to the fallback', () => {
    expect(formatDateShort('2026-11-24')).toBe('24-11-2026');
    expect(formatDateShort('2024-02-29')).toBe('29-02-2024');
    expect(formatDateShort('2026-02-30')).toBe('–');
    expect(formatDateShort('2026-13-01')).toBe('–');
    expect(formatDateShort(null)).toBe('–');
    expect(formatDateShort('', 'geen')).toBe('geen');
    expect(formatDateShort('2026-11-24T10:00:00')).toBe('24-11-2026');
    expect(formatDateShort('2026-1a-01')).toBe('–');
    expect(formatDateShort('2026/11/24')).toBe('–');
    expect(formatDateShort('0000-02-29')).toBe('29-02-0000');
  });
});
