// The weekly plan of a client (issue 21, "roosterpuzzel"): the PIP's activities on weekdays, and the warnings
// when they do not fit: two activities at once, more hours than the client's maximum per week, or an activity
// outside the times the client is available (childcare or school hours). Pure: no I/O, no clock.

/** 1 = maandag … 7 = zondag (ISO weekday). */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const WEEKDAY_LABELS: Record<Weekday, string> = {
  1: 'maandag',
  2: 'dinsdag',
  3: 'woensdag',
  4: 'donderdag',
  5: 'vrijdag',
  6: 'zaterdag',
  7: 'zondag',
};

export const PLAN_ACTIVITIES = ['TAALLES', 'PARTICIPATIE', 'MAP', 'KNM', 'PVT', 'COACHING', 'OVERIG'] as const;
export type PlanActivity = (typeof PLAN_ACTIVITIES)[number];

/** A day part fills in its times when the consulent gives no times of its own. */
export const DAY_PARTS = { OCHTEND: ['09:00', '12:00'], MIDDAG: ['13:00', '17:00'], AVOND: ['18:30', '21:30'] } as const;
export type DayPart = keyof typeof DAY_PARTS;

export interface PlanBlock {
  id?: number;
  weekday: number;
  /** 'HH:MM', 24 hours. */
  start: string;
  end: string;
  label: string;
}

export interface PlanWindow {
  weekday: number;
  start: string;
  end: string;
}

export type PlanWarning =
  | { kind: 'OVERLAP'; a: PlanBlock; b: PlanBlock }
  | { kind: 'OVER_MAX'; totalMinutes: number; maxMinutes: number }
  | { kind: 'OUTSIDE_AVAILABLE'; block: PlanBlock };

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export const isTime = (s: string) => TIME.test(s);

/** Minutes since midnight of 'HH:MM'. */
export function toMinutes(hhmm: string): number {
  const m = TIME.exec(hhmm);
  if (!m) throw new Error(`Not a time: ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export const blockMinutes = (b: Pick<PlanBlock, 'start' | 'end'>) => toMinutes(b.end) - toMinutes(b.start);

/** Two blocks clash when they share time on the same day; one ending when the other starts is no clash. */
export function overlaps(a: PlanBlock, b: PlanBlock): boolean {
  return a.weekday === b.weekday && toMinutes(a.start) < toMinutes(b.end) && toMinutes(b.start) < toMinutes(a.end);
}

const inside = (b: PlanBlock, w: PlanWindow) =>
  b.weekday === w.weekday && toMinutes(w.start) <= toMinutes(b.start) && toMinutes(b.end) <= toMinutes(w.end);

/**
 * The warnings of a week plan. `maxHoursPerWeek` null: no maximum known. `available` empty: no available times
 * recorded (then no block is "outside"); otherwise a block must lie fully within one window on its day.
 */
export function weeklyPlanWarnings(
  blocks: readonly PlanBlock[],
  limits: { maxHoursPerWeek: number | null; available: readonly PlanWindow[] },
): PlanWarning[] {
  const warnings: PlanWarning[] = [];
  const sorted = [...blocks].sort((x, y) => x.weekday - y.weekday || toMinutes(x.start) - toMinutes(y.start));
  sorted.forEach((a, i) => {
    for (const b of sorted.slice(i + 1)) if (overlaps(a, b)) warnings.push({ kind: 'OVERLAP', a, b });
  });
  const totalMinutes = blocks.reduce((sum, b) => sum + blockMinutes(b), 0);
  if (limits.maxHoursPerWeek !== null) {
    const maxMinutes = Math.round(limits.maxHoursPerWeek * 60);
    if (totalMinutes > maxMinutes) warnings.push({ kind: 'OVER_MAX', totalMinutes, maxMinutes });
  }
  if (limits.available.length) {
    for (const b of sorted) if (!limits.available.some((w) => inside(b, w))) warnings.push({ kind: 'OUTSIDE_AVAILABLE', block: b });
  }
  return warnings;
}

export interface PlanComponent {
  activity: PlanActivity;
  label: string;
  hoursPerWeek: number;
}

/**
 * A first week from the PIP's components and the active placements, for the consulent to adjust: language in
 * the mornings from Monday, participation in the afternoons from Monday, other components on Friday; each
 * component's hours rounded to whole blocks of at most a day part. Never two blocks at once.
 */
export function proposeWeek(components: readonly PlanComponent[]): (PlanBlock & { activity: PlanActivity })[] {
  const out: (PlanBlock & { activity: PlanActivity })[] = [];
  const taken = (b: PlanBlock) => out.some((o) => overlaps(o, b));
  const place = (c: PlanComponent, part: DayPart, days: number[]) => {
    let left = Math.round(c.hoursPerWeek * 60);
    const [from, to] = DAY_PARTS[part];
    const partMinutes = toMinutes(to) - toMinutes(from);
    for (const weekday of days) {
      if (left <= 0) break;
      const minutes = Math.min(left, partMinutes);
      const endMin = toMinutes(from) + minutes;
      const block = { weekday, start: from, end: `${String(Math.floor(endMin / 60)).padStart(2, '0')}:${String(endMin % 60).padStart(2, '0')}`, label: c.label };
      if (taken(block)) continue;
      out.push({ ...block, activity: c.activity });
      left -= minutes;
    }
  };
  for (const c of components) {
    if (c.hoursPerWeek <= 0) continue;
    if (c.activity === 'TAALLES') place(c, 'OCHTEND', [1, 2, 3, 4, 5]);
    else if (c.activity === 'PARTICIPATIE') place(c, 'MIDDAG', [1, 2, 3, 4, 5]);
    else place(c, 'MIDDAG', [5, 4, 3, 2, 1]);
  }
  return out;
}
