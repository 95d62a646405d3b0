// Barriers register over time (issue 21; seed 003 L1164: 49% of the pilot participants had a barrier at the
// intake, many only showed later). Per kind a status with a date; "geen" (NONE) is recorded, so it differs
// from "niet ingevuld" (no status at all). Pure.

export const BARRIER_KINDS = [
  'CHILDCARE',
  'HEALTH',
  'PSYCHOLOGICAL',
  'DEBTS',
  'HOUSING',
  'FAMILY_REUNIFICATION',
  'TRAVEL',
  'DIGITAL_SKILLS',
] as const;
export type BarrierKind = (typeof BARRIER_KINDS)[number];

export const BARRIER_KIND_LABELS: Record<BarrierKind, string> = {
  CHILDCARE: 'Kinderopvang',
  HEALTH: 'Lichamelijke gezondheid',
  PSYCHOLOGICAL: 'Psychische klachten',
  DEBTS: 'Schulden of geldzorgen',
  HOUSING: 'Huisvesting',
  FAMILY_REUNIFICATION: 'Gezinshereniging',
  TRAVEL: 'Reistijd of vervoer',
  DIGITAL_SKILLS: 'Digitale vaardigheden',
};

export const BARRIER_STATUSES = ['PRESENT', 'RESOLVED', 'NONE'] as const;
export type BarrierStatus = (typeof BARRIER_STATUSES)[number];

export const BARRIER_STATUS_LABELS: Record<BarrierStatus, string> = {
  PRESENT: 'Speelt',
  RESOLVED: 'Opgelost',
  NONE: 'Geen',
};

/** Shown for a kind without any status: not asked or not filled in, which is not the same as "geen". */
export const NOT_FILLED_IN = 'Niet ingevuld';

export interface BarrierStatusEntry {
  kind: BarrierKind;
  status: BarrierStatus;
  statusOn: string;
  /** Order of recording (a later row on the same day wins). */
  id: number;
}

export interface CurrentBarrier {
  kind: BarrierKind;
  status: BarrierStatus | null;
  since: string | null;
}

/** The status of every kind as of `asOf` (the latest on or before that date; null = niet ingevuld), in list order. */
export function currentBarriers(history: readonly BarrierStatusEntry[], asOf: string): CurrentBarrier[] {
  return BARRIER_KINDS.map((kind) => {
    let latest: BarrierStatusEntry | null = null;
    for (const e of history) {
      if (e.kind !== kind || e.statusOn > asOf) continue;
      if (!latest || e.statusOn > latest.statusOn || (e.statusOn === latest.statusOn && e.id > latest.id)) latest = e;
    }
    return { kind, status: latest?.status ?? null, since: latest?.statusOn ?? null };
  });
}

/**
 * The statuses to record from a form: only the kinds whose chosen status differs from the current one (an
 * unchanged or unanswered kind records nothing, so the history holds changes only).
 */
export function barrierChanges(
  current: readonly CurrentBarrier[],
  chosen: Partial<Record<BarrierKind, BarrierStatus>>,
): { kind: BarrierKind; status: BarrierStatus }[] {
  const out: { kind: BarrierKind; status: BarrierStatus }[] = [];
  for (const kind of BARRIER_KINDS) {
    const status = chosen[kind];
    if (!status) continue;
    if (current.find((c) => c.kind === kind)?.status !== status) out.push({ kind, status });
  }
  return out;
}
