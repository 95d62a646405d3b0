import { describe, expect, it } from 'vitest';
import {
  DOELGROEP_LABELS,
  derivePhase,
  isValidBsn,
  maskBsn,
  PHASE_LABELS,
  type Phase,
  type PhaseFacts,
  ROUTE_LABELS,
} from '../../../src/domain/index.js';

describe('isValidBsn', () => {
  it.each<[string, boolean]>([
    ['123456782', true],
    ['111222333', true],
    ['123456789', false],
    ['000000000', false],
    ['12345678', false],
    ['1234567820', false],
    ['12345678a', false],
    [' 123456782', false],
    ['', false],
  ])('%j is valid: %s', (bsn, valid) => {
    expect(isValidBsn(bsn)).toBe(valid);
  });
});

describe('maskBsn', () => {
  it.each<[string, string]>([
    ['123456782', '*****6782'],
    [' 111222333 ', '*****2333'],
    ['1234', '****'],
  ])('%j → %j', (bsn, masked) => {
    expect(maskBsn(bsn)).toBe(masked);
  });
});

describe('derivePhase', () => {
  const none: PhaseFacts = {
    intakeCompleted: false,
    routeChosen: false,
    pipSet: false,
    preEndEligible: false,
    preEndHeld: false,
    endEligible: false,
    closed: false,
  };
  const running: PhaseFacts = { ...none, intakeCompleted: true, routeChosen: true, pipSet: true };

  it.each<[string, PhaseFacts, Phase]>([
    ['nothing done', none, 'INTAKE'],
    ['intake done', { ...none, intakeCompleted: true }, 'ROUTE_CHOICE'],
    ['route chosen', { ...none, intakeCompleted: true, routeChosen: true }, 'PIP'],
    ['PIP set', running, 'IN_PROGRESS'],
    ['pre-end conditions met', { ...running, preEndEligible: true }, 'READY_FOR_PRE_END'],
    ['pre-end held', { ...running, preEndEligible: true, preEndHeld: true }, 'PRE_END_HELD'],
    ['end conditions met', { ...running, preEndEligible: true, preEndHeld: true, endEligible: true }, 'READY_FOR_END'],
    ['end conditions met on a non-Z route', { ...running, endEligible: true }, 'READY_FOR_END'],
    ['closed wins', { ...running, endEligible: true, closed: true }, 'CLOSED'],
    ['closed wins even early', { ...none, closed: true }, 'CLOSED'],
  ])('%s → %s', (_name, facts, phase) => {
    expect(derivePhase(facts)).toBe(phase);
  });
});

describe('labels', () => {
  it('are Dutch', () => {
    expect(PHASE_LABELS).toEqual({
      INTAKE: 'Intake',
      ROUTE_CHOICE: 'Routekeuze',
      PIP: 'PIP opstellen',
      IN_PROGRESS: 'Loopt',
      READY_FOR_PRE_END: 'Klaar voor pre-eindgesprek',
      PRE_END_HELD: 'Pre-eindgesprek gehouden',
      READY_FOR_END: 'Klaar voor eindgesprek',
      CLOSED: 'Afgesloten',
    });
    expect(ROUTE_LABELS).toEqual({ B1: 'B1-route', ONDERWIJS: 'Onderwijsroute', Z: 'Z-route' });
    expect(DOELGROEP_LABELS).toEqual({
      ASIELSTATUSHOUDER: 'Asielstatushouder',
      GEZINSMIGRANT: 'Gezinsmigrant',
      OVERIGE_MIGRANT: 'Overige migrant',
    });
  });
});
