// The periods a provider reports over: a calendar month ('2026-10') or an ISO week ('2026-W44', Monday to Sunday,
// for intensive trajectories). Pure: no I/O, "today" is a parameter.
import { addDays, endOfMonth, formatISO, getISOWeek, getISOWeekYear, parseISO, setISOWeek, startOfISOWeek, subMonths } from 'date-fns';

export interface ReportPeriod {
  kind: 'MONTH' | 'WEEK';
  /** '2026-10' or '2026-W44' */
  key: string;
  start: string;
  end: string;
}

const iso = (d: Date) => formatISO(d, { representation: 'date' });

/** The period of a key, or null when the key is not a month or week. */
export function periodOfKey(key: string): ReportPeriod | null {
  let m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
  if (m) {
    const start = parseISO(`${key}-01`);
    return { kind: 'MONTH', key, start: iso(start), end: iso(endOfMonth(start)) };
  }
  m = /^(\d{4})-W(0[1-9]|[1-4]\d|5[0-3])$/.exec(key);
  if (m) {
    const monday = startOfISOWeek(setISOWeek(parseISO(`${m[1]}-01-04`), Number(m[2])));
    if (getISOWeekYear(monday) !== Number(m[1])) return null;
    return { kind: 'WEEK', key, start: iso(monday), end: iso(addDays(monday, 6)) };
  }
  return null;
}

/** The period that exactly spans start..end (a whole month or a Monday-to-Sunday week), or null. */
export function periodOfDates(start: string, end: string): ReportPeriod | null {
  const month = periodOfKey(start.slice(0, 7));
  if (month && month.start === start && month.end === end) return month;
  const d = parseISO(start);
  const week = periodOfKey(`${getISOWeekYear(d)}-W${String(getISOWeek(d)).padStart(2, '0')}`);
  if (week && week.start === start && week.end === end) return week;
  return null;
}

/** The month before today's: what a provider usually reports on. */
export function previousMonth(today: string): ReportPeriod {
  return periodOfKey(iso(subMonths(parseISO(today), 1)).slice(0, 7))!;
}

/** The day a report on the period is due: `dueDays` days after the period's end. */
export function reportDueOn(period: Pick<ReportPeriod, 'end'>, dueDays: number): string {
  return iso(addDays(parseISO(period.end), dueDays));
}

/** On time when submitted on or before the due day. */
export function reportOnTime(submittedOn: string, period: Pick<ReportPeriod, 'end'>, dueDays: number): boolean {
  return submittedOn <= reportDueOn(period, dueDays);
}

/** The months (periods) of `months` in which a referral running startOn..endOn needs a monthly report. */
export function monthsToReport(referral: { startOn: string; endOn: string }, months: ReportPeriod[]): ReportPeriod[] {
  return months.filter((m) => referral.startOn <= m.end && referral.endOn >= m.start);
}

/** The last `count` whole months before today's month, oldest first. */
export function lastMonths(today: string, count: number): ReportPeriod[] {
  const out: ReportPeriod[] = [];
  for (let i = count; i >= 1; i -= 1) out.push(periodOfKey(iso(subMonths(parseISO(today), i)).slice(0, 7))!);
  return out;
}

export type TrafficLight = 'green' | 'orange' | 'red' | 'none';

/**
 * A provider's traffic light: green when at least 90% of the reports due were on time and at most 10% were sent
 * back; red below 70% on time or above 25% sent back; orange in between; none when nothing was due yet.
 */
export function providerLight(due: number, onTime: number, rejected: number, submitted: number): TrafficLight {
  if (due === 0) return 'none';
  const onTimeShare = onTime / due;
  const rejectedShare = submitted ? rejected / submitted : 0;
  if (onTimeShare >= 0.9 && rejectedShare <= 0.1) return 'green';
  if (onTimeShare < 0.7 || rejectedShare > 0.25) return 'red';
  return 'orange';
}
