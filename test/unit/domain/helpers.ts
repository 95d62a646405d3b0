import type { ProgressSnapshot } from '../../../src/domain/index.js';

/** A Z-route snapshot that meets nothing; tests override what they need. */
export function snapshot(over: Partial<ProgressSnapshot> = {}): ProgressSnapshot {
  return {
    route: 'Z',
    languageHours: 0,
    participationHours: 0,
    paidWorkHours: 0,
    instruments: [],
    countGuidanceConversations: false,
    substitutionHours: 0,
    knmCompleted: false,
    mapCompleted: false,
    pvtCompleted: false,
    ...over,
  };
}

/** Runs fn and returns the thrown error, failing when nothing is thrown. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error, but none was thrown');
}
