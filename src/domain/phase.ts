import type { Doelgroep } from './rules.js';
import type { Route } from './types.js';

export type Phase =
  | 'INTAKE'
  | 'ROUTE_CHOICE'
  | 'PIP'
  | 'IN_PROGRESS'
  | 'READY_FOR_PRE_END'
  | 'PRE_END_HELD'
  | 'READY_FOR_END'
  | 'CLOSED';

export interface PhaseFacts {
  intakeCompleted: boolean;
  routeChosen: boolean;
  pipSet: boolean;
  /** Z-route only; the caller passes false for other routes. */
  preEndEligible: boolean;
  preEndHeld: boolean;
  endEligible: boolean;
  closed: boolean;
}

/** The phase of a case, following the path in DOMAIN.md "The path of one inburgeraar". Closed wins. */
export function derivePhase(f: PhaseFacts): Phase {
  if (f.closed) return 'CLOSED';
  if (!f.intakeCompleted) return 'INTAKE';
  if (!f.routeChosen) return 'ROUTE_CHOICE';
  if (!f.pipSet) return 'PIP';
  if (f.endEligible) return 'READY_FOR_END';
  if (f.preEndHeld) return 'PRE_END_HELD';
  if (f.preEndEligible) return 'READY_FOR_PRE_END';
  return 'IN_PROGRESS';
}

export const PHASE_LABELS: Record<Phase, string> = {
  INTAKE: 'Intake',
  ROUTE_CHOICE: 'Routekeuze',
  PIP: 'PIP opstellen',
  IN_PROGRESS: 'Loopt',
  READY_FOR_PRE_END: 'Klaar voor pre-eindgesprek',
  PRE_END_HELD: 'Pre-eindgesprek gehouden',
  READY_FOR_END: 'Klaar voor eindgesprek',
  CLOSED: 'Afgesloten',
};

export const ROUTE_LABELS: Record<Route, string> = {
  B1: 'B1-route',
  ONDERWIJS: 'Onderwijsroute',
  Z: 'Z-route',
};

export const DOELGROEP_LABELS: Record<Doelgroep, string> = {
  ASIELSTATUSHOUDER: 'Asielstatushouder',
  GEZINSMIGRANT: 'Gezinsmigrant',
  OVERIGE_MIGRANT: 'Overige migrant',
};
