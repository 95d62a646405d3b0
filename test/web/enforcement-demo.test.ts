import { describe, expect, it } from 'vitest';
import { caseloadPage, clientSignals, DEFAULT_FILTER, type Signal, signalCounts, signalParams } from '../../src/db/caseload.js';
import type { Db } from '../../src/db/connection.js';
import { demoDatabase } from '../helpers/demo-db.js';
import { status } from '../helpers/fixtures.js';

/** The open clients of a team with this caseload signal (the one source: client_status). */
function withSignal(db: Db, teamId: number, signal: Signal, today: string) {
  return caseloadPage(db, { teamId }, { ...DEFAULT_FILTER, signal }, signalParams(db, today), 1, 1000).rows;
}

describe('demo data for absence and enforcement', () => {
  it('has a client with rising absence and a client whose warning conversation is overdue, in Inburgering Noord', async () => {
    const { db } = await demoDatabase();
    const noord = db.prepare("SELECT id FROM teams WHERE name = 'Inburgering Noord'").pluck().get() as number;
    const consulent = db.prepare("SELECT id FROM users WHERE username = 'consulent'").pluck().get() as number;

    const absence = withSignal(db, noord, 'ABSENCE', '2026-11-24');
    const samira = absence.find((r) => `${r.firstName} ${r.lastName}` === 'Samira Haddad');
    expect(samira?.consulentId).toBe(consulent);
    // client_status keeps the current month only (see currentAbsence); October's signal was in the old six-month list.
    expect(status(db, samira!.id)).toMatchObject({ absence_period: '2026-11', absence_signal: 1, enforcement_case_open: 0 });
    expect(clientSignals(db, samira!.id, '2026-11-24')).toContain('ABSENCE');

    const cases = withSignal(db, noord, 'ENFORCEMENT_OVERDUE', '2026-11-24');
    expect(cases).toHaveLength(1);
    expect(`${cases[0]!.firstName} ${cases[0]!.lastName}`).toBe('Dawit Tesfay');
    // Three days overdue: due on 21 November.
    expect(status(db, cases[0]!.id)).toMatchObject({ enforcement_next_step: 'WAARSCHUWINGSGESPREK', enforcement_next_due: '2026-11-21' });
  });

  it("puts every follow-up signal on the demo teamleider's caseload tiles", async () => {
    const { db } = await demoDatabase();
    const noord = db.prepare("SELECT id FROM teams WHERE name = 'Inburgering Noord'").pluck().get() as number;
    const counts = signalCounts(db, { teamId: noord }, DEFAULT_FILTER, signalParams(db, '2026-11-24'));
    for (const signal of ['ABSENCE', 'ENFORCEMENT_OVERDUE', 'EXAM_NO_RESULT', 'B1_NO_EXAM', 'EXTENSION'] as const) {
      expect(counts[signal], signal).toBeGreaterThan(0);
    }
  });
});
