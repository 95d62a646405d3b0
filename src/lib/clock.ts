/** The only source of "now" in the app; tests inject a fixed or movable clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can set and move. */
export function fixedClock(iso: string): Clock & { set(iso: string): void; advanceDays(days: number): void } {
  let current = new Date(iso);
  return {
    now: () => new Date(current),
    set(next: string) {
      current = new Date(next);
    },
    advanceDays(days: number) {
      current = new Date(current.getTime() + days * 86_400_000);
    },
  };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Today's date as yyyy-MM-dd in the server's local time zone (as date-fns formats it; without its cost). */
export function todayOf(clock: Clock): string {
  const d = clock.now();
  if (Number.isNaN(d.getTime())) throw new RangeError('Invalid time value');
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1, 2)}-${pad(d.getDate(), 2)}`;
}
