// The chart of one skill's language levels over time: geometry for a server-rendered SVG and a spoken summary.
import { format, parseISO } from 'date-fns';
import { nl } from 'date-fns/locale/nl';
import { LEVEL_NAMES, LEVEL_SCALE, LEVEL_SKILL_LABELS, type LevelMeasurement, type LevelSkill } from '../db/language.js';
import type { Level } from '../domain/index.js';

export interface LevelChart {
  skill: LevelSkill;
  label: string;
  width: number;
  height: number;
  ariaLabel: string;
  points: { x: number; y: number; level: Level; date: string }[];
  polyline: string;
  yTicks: { y: number; label: string }[];
  xTicks: { x: number; label: string; anchor: 'start' | 'middle' | 'end' }[];
  plot: { left: number; right: number; top: number; bottom: number };
}

const CHART = { width: 360, height: 168, left: 52, right: 16, top: 12, bottom: 34 };

function monthYear(iso: string): string {
  return format(parseISO(iso), 'MMMM yyyy', { locale: nl });
}

/** Chart geometry and a spoken summary for one skill's measurements (oldest first); null without data. */
export function levelChart(skill: LevelSkill, measurements: LevelMeasurement[]): LevelChart | null {
  if (measurements.length === 0) return null;
  const label = LEVEL_SKILL_LABELS[skill];
  const { width, height, left, right, top, bottom } = CHART;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const steps = LEVEL_SCALE.length - 1;
  const yOf = (level: Level) => top + (steps - LEVEL_SCALE.indexOf(level)) * (plotH / steps);
  const t = (d: string) => parseISO(d).getTime();
  const t0 = t(measurements[0]!.measuredOn);
  const t1 = t(measurements[measurements.length - 1]!.measuredOn);
  const xOf = (d: string) => (t1 === t0 ? left + plotW / 2 : left + ((t(d) - t0) / (t1 - t0)) * plotW);
  const points = measurements.map((m) => ({
    x: Math.round(xOf(m.measuredOn) * 10) / 10,
    y: Math.round(yOf(m.level) * 10) / 10,
    level: m.level,
    date: m.measuredOn,
  }));
  const first = measurements[0]!;
  const last = measurements[measurements.length - 1]!;
  const ariaLabel =
    measurements.length === 1
      ? `${label}: ${LEVEL_NAMES[first.level]} (${monthYear(first.measuredOn)}), één meting`
      : `${label}: van ${LEVEL_NAMES[first.level]} (${monthYear(first.measuredOn)}) naar ${LEVEL_NAMES[last.level]} (${monthYear(last.measuredOn)})`;
  const short = (d: string) => format(parseISO(d), 'MMM yyyy', { locale: nl });
  const xTicks: LevelChart['xTicks'] =
    t1 === t0
      ? [{ x: left + plotW / 2, label: short(first.measuredOn), anchor: 'middle' }]
      : [
          { x: left, label: short(first.measuredOn), anchor: 'start' },
          { x: left + plotW, label: short(last.measuredOn), anchor: 'end' },
        ];
  return {
    skill,
    label,
    width,
    height,
    ariaLabel,
    points,
    polyline: points.map((p) => `${p.x},${p.y}`).join(' '),
    yTicks: LEVEL_SCALE.map((l) => ({ y: yOf(l), label: LEVEL_NAMES[l] })),
    xTicks,
    plot: { left, right: left + plotW, top, bottom: top + plotH },
  };
}
