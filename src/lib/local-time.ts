// Wall-clock times of appointments are kept as Dutch local time ('yyyy-MM-ddTHH:mm', Europe/Amsterdam);
// calendars get them in UTC, so a subscriber in any time zone sees the right moment, summer time included.

export const LOCAL_TIME_ZONE = 'Europe/Amsterdam';

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: LOCAL_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** The offset of Dutch local time from UTC at the moment `utcMs`, in milliseconds. */
function offsetAt(utcMs: number): number {
  const p = Object.fromEntries(parts.formatToParts(new Date(utcMs)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** The moment of a Dutch wall-clock time 'yyyy-MM-ddTHH:mm'. Throws on another format. */
export function localToDate(local: string): Date {
  const m = LOCAL.exec(local);
  if (!m) throw new RangeError(`not a local date-time: ${local}`);
  const guess = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  const first = guess - offsetAt(guess);
  return new Date(guess - offsetAt(first));
}
