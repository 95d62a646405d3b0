import type { Eligibility } from '../db/progress.js';
import { participationTotal } from '../domain/index.js';
import { formatHours } from '../lib/format.js';

export interface HourBar {
  label: string;
  actual: number;
  norm: number | null;
  note?: string;
}

/** The bars of the progress panel: attended hours per kind against the norms in force. */
export function hourBars(e: Eligibility): HourBar[] {
  const a = e.progress.totals.attended;
  const bars: HourBar[] = [{ label: 'Taalles', actual: a.LANGUAGE, norm: e.norms.languageHours }];
  if (e.route === 'Z' && e.progress.snapshot) {
    const total = participationTotal(e.progress.snapshot, e.rules.z);
    const extra = total - a.PARTICIPATION - a.MAP - a.PAID_WORK;
    bars.push({
      label: 'Participatie (totaal)',
      actual: total,
      norm: e.norms.participationHours,
      note: `Activiteiten ${formatHours(a.PARTICIPATION)}, MAP ${formatHours(a.MAP)}, betaald werk ${formatHours(a.PAID_WORK)}${extra > 0 ? `, besluiten ${formatHours(extra)}` : ''}`,
    });
    if (e.norms.paidWorkHours) bars.push({ label: 'Waarvan betaald werk', actual: a.PAID_WORK, norm: e.norms.paidWorkHours });
  } else {
    bars.push({ label: 'Participatie', actual: a.PARTICIPATION + a.MAP, norm: e.norms.participationHours });
    bars.push({ label: 'Betaald werk', actual: a.PAID_WORK, norm: null });
  }
  bars.push({ label: 'KNM', actual: a.KNM, norm: null }, { label: 'PVT', actual: a.PVT, norm: null });
  return bars;
}

/** Absence per kind where planned hours were reported: (planned − attended) / planned. */
export function absencePct(attended: number, planned: number | null): number | null {
  if (planned === null || planned <= 0) return null;
  return Math.max(0, Math.round(((planned - attended) / planned) * 100));
}
