// Dutch formatting of dates and numbers, shared by views (through src/web/view-helpers.ts) and by use cases
// (timeline summaries, messages).
import { format, isValid, parseISO } from 'date-fns';
import { nl } from 'date-fns/locale/nl';

/** A stored timestamp (toISOString: 'yyyy-MM-ddTHH:mm:ss.sssZ'), which Date parses exactly and fast. */
const UTC_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;

function toDate(value: string | Date | null | undefined): Date | null {
  if (!value) return null;
  const d = typeof value === 'string' ? (UTC_TIMESTAMP.test(value) ? new Date(value) : parseISO(value)) : value;
  return isValid(d) ? d : null;
}

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Whether year-month-day is a day of the (proleptic Gregorian) calendar. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return month >= 1 && month <= 12 && day >= 1 && day <= days;
}

/** The value of the ASCII digit at i of s, or -1. */
function digitAt(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** The [year, month, day] of a stored date 'yyyy-MM-dd', or null when value is not one (checked char by char: long tables). */
function storedDateParts(value: string): [number, number, number] | null {
  if (value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return null;
  const y1 = digitAt(value, 0);
  const y2 = digitAt(value, 1);
  const y3 = digitAt(value, 2);
  const y4 = digitAt(value, 3);
  const m1 = digitAt(value, 5);
  const m2 = digitAt(value, 6);
  const d1 = digitAt(value, 8);
  const d2 = digitAt(value, 9);
  if ((y1 | y2 | y3 | y4 | m1 | m2 | d1 | d2) < 0) return null;
  const parts: [number, number, number] = [y1 * 1000 + y2 * 100 + y3 * 10 + y4, m1 * 10 + m2, d1 * 10 + d2];
  return isCalendarDate(...parts) ? parts : null;
}

/** "24 november 2026" */
export function formatDate(value: string | Date | null | undefined, fallback = '–'): string {
  // Fast path for stored dates (yyyy-MM-dd), as format(d, 'd MMMM yyyy', { locale: nl }) writes them: a page
  // of the team's discretion shows hundreds.
  if (typeof value === 'string') {
    const parts = storedDateParts(value);
    if (parts !== null) return `${parts[2]} ${MONTHS[parts[1] - 1]} ${value.slice(0, 4)}`;
  }
  const d = toDate(value);
  return d ? format(d, 'd MMMM yyyy', { locale: nl }) : fallback;
}

/** "24-11-2026" for dense tables */
export function formatDateShort(value: string | Date | null | undefined, fallback = '–'): string {
  // Fast path for stored dates (yyyy-MM-dd): long tables format thousands of them.
  if (typeof value === 'string') {
    if (storedDateParts(value) !== null) return `${value.slice(8, 10)}-${value.slice(5, 7)}-${value.slice(0, 4)}`;
  }
  const d = toDate(value);
  return d ? format(d, 'dd-MM-yyyy', { locale: nl }) : fallback;
}

/** "24 november 2026 om 14:05" */
export function formatDateTime(value: string | Date | null | undefined, fallback = '–'): string {
  // As format(d, "d MMMM yyyy 'om' HH:mm", { locale: nl }), without it: the audit viewer shows 50 a page.
  const d = toDate(value);
  return d ? `${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()} om ${pad2(d.getHours())}:${pad2(d.getMinutes())}` : fallback;
}

const hoursFormat = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });
// Intl formatting costs about a microsecond a number and long tables repeat the same few values (norms,
// totals), so the formatted strings are kept: a pure function of the number, bounded in size.
const hoursMemo = new Map<number, string>();
const HOURS_MEMO_MAX = 5000;

/** "1.234,5" */
export function formatHours(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  // The Map treats -0 and 0 as one key, but Intl writes "-0": never from the memo.
  if (value === 0) return hoursFormat.format(value);
  let s = hoursMemo.get(value);
  if (s === undefined) {
    s = hoursFormat.format(value);
    if (hoursMemo.size >= HOURS_MEMO_MAX) hoursMemo.clear();
    hoursMemo.set(value, s);
  }
  return s;
}

/** Percentage 0..100 of actual against required, for bars. */
export function percentOf(actual: number, required: number | null | undefined): number {
  if (!required || required <= 0) return 100;
  return Math.max(0, Math.min(100, Math.round((actual / required) * 100)));
}

const WEEKDAYS = ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'];
const DAY_MS = 86_400_000;

/**
 * The seven stored dates (yyyy-MM-dd) of the ISO week (Monday to Sunday) of a stored date, with their Dutch
 * labels as format(d, 'EEEE d MMMM', { locale: nl }) writes them ("maandag 30 november"). Calendar arithmetic on
 * the date alone (no time zone), for the consulent's start page, which shows this week on every view.
 */
export function isoWeekDays(date: string): { date: string; label: string }[] {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  const monday = t - ((new Date(t).getUTCDay() + 6) % 7) * DAY_MS;
  const days: { date: string; label: string }[] = [];
  for (let i = 0; i < 7; i++) {
    const d = new Date(monday + i * DAY_MS);
    days.push({ date: d.toISOString().slice(0, 10), label: `${WEEKDAYS[i]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}` });
  }
  return days;
}
