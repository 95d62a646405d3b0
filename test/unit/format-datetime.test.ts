import { addDays, format, parseISO, startOfISOWeek } from 'date-fns';
import { nl } from 'date-fns/locale/nl';
import { describe, expect, it } from 'vitest';
import { formatDate, formatDateShort, formatDateTime, isoWeekDays } from '../../src/lib/format.js';

describe('formatDateTime', () => {
  it('writes what date-fns writes for the same instant, in the process time zone, for every month and around summer time', () => {
    const values = [
      '2026-01-05T08:03:00.000Z',
      '2026-03-29T00:59:59.999Z',
      '2026-03-29T01:00:00.000Z',
      '2026-10-25T00:30:00.000Z',
      '2026-10-25T01:30:00.000Z',
      '2024-02-29T23:59:00Z',
      '2026-12-31T23:00:00.5Z',
      ...Array.from({ length: 12 }, (_, m) => `2026-${String(m + 1).padStart(2, '0')}-15T12:34:56.000Z`),
    ];
    for (const v of values) expect(formatDateTime(v), v).toBe(format(parseISO(v), "d MMMM yyyy 'om' HH:mm", { locale: nl }));
    // Other ISO forms still go through parseISO; nothing gives the fallback.
    expect(formatDateTime('2026-11-24T10:15')).toBe(format(parseISO('2026-11-24T10:15'), "d MMMM yyyy 'om' HH:mm", { locale: nl }));
    expect(formatDateTime('geen datum')).toBe('–');
    expect(formatDateTime(null, '')).toBe('');
  });
});

describe('formatDate and formatDateShort of stored dates', () => {
  it('write what date-fns writes, for every day of 2023-2026, and the fallback for what is not a date', () => {
    for (let t = Date.UTC(2023, 0, 1); t <= Date.UTC(2026, 11, 31); t += 86_400_000) {
      const iso = new Date(t).toISOString().slice(0, 10);
      expect(formatDate(iso), iso).toBe(format(parseISO(iso), 'd MMMM yyyy', { locale: nl }));
      expect(formatDateShort(iso), iso).toBe(format(parseISO(iso), 'dd-MM-yyyy', { locale: nl }));
    }
    for (const bad of ['2026-02-29', '2026-13-01', '2026-00-10', '2026-1-01', 'geen datum', '']) {
      expect(formatDate(bad), bad).toBe('–');
      expect(formatDateShort(bad), bad).toBe('–');
    }
    expect(formatDate('0999-03-04')).toBe(format(parseISO('0999-03-04'), 'd MMMM yyyy', { locale: nl }));
    expect(formatDate(null, '')).toBe('');
  });
});

describe('isoWeekDays', () => {
  it('gives the Monday-to-Sunday week of every day of 2024-2026 with the labels date-fns writes', () => {
    for (let t = Date.UTC(2024, 0, 1); t <= Date.UTC(2026, 11, 31); t += 86_400_000) {
      const date = new Date(t).toISOString().slice(0, 10);
      const monday = startOfISOWeek(parseISO(date));
      const expected = Array.from({ length: 7 }, (_, i) => {
        const d = addDays(monday, i);
        return { date: format(d, 'yyyy-MM-dd'), label: format(d, 'EEEE d MMMM', { locale: nl }) };
      });
      expect(isoWeekDays(date), date).toEqual(expected);
    }
  });
});
