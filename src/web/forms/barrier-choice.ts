// The barrier radios (one group per kind, field `barrier_<KIND>`), shared by the barriers page and the
// voortgangsgesprek form: each may be left empty (nothing recorded for that kind).
import { z } from 'zod';
import { BARRIER_KINDS, BARRIER_STATUSES, type BarrierChoice, barrierField } from '../../app/barriers.js';

const status = z.preprocess((v) => (v === '' ? undefined : v), z.enum(BARRIER_STATUSES, { error: 'Kies speelt, opgelost of geen' }).optional());

export const barrierShape = Object.fromEntries(BARRIER_KINDS.map((k) => [barrierField(k), status])) as Record<string, typeof status>;

/** The chosen statuses out of a parsed form with `barrierShape`. */
export function barrierChoiceOf(parsed: Record<string, unknown>): BarrierChoice {
  const out: BarrierChoice = {};
  for (const k of BARRIER_KINDS) {
    const v = parsed[barrierField(k)];
    if (typeof v === 'string') out[k] = v as (typeof BARRIER_STATUSES)[number];
  }
  return out;
}
