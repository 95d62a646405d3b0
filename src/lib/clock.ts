import { format } from 'date-fns';

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

/** Today's date as yyyy-MM-dd in the server's local time zone. */
export function todayOf(clock: Clock): string {
  return format(clock.now(), 'yyyy-MM-dd');
}
