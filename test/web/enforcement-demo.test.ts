import { describe, expect, it } from 'vitest';
import { absenceSignalsForTeam } from '../../src/db/absence.js';
import { DEFAULT_FILTER, signalCounts, signalParams } from '../../src/db/caseload.js';
import { enforcementSignalsForTeam } from '../../src/db/enforcement.js';
import { demoDatabase } from '../helpers/demo-db.js';

describe('demo data for absence and enforcement', () => {
  it('has a client with rising absence and a client whose warning conversation is overdue, in Inburgering Noord', async () => {
    const { db } = await demoDatabase();
    const noord = db.prepare("SELECT id FROM teams WHERE name = 'Inburgering Noord'").pluck().get() as number;
    const consulent = db.prepare("SELECT id FROM users WHERE username = 'consulent'").pluck().get() as number;

    const absence = absenceSignalsForTeam(db, noord, '2026-11-24');
    const samira = absence.find((s) => s.clientName === 'Samira Haddad');
    expect(samira?.consulentId).toBe(consulent);
    expect(samira?.signalling.map((p) => p.period)).toEqual(['2026-10', '2026-11']);
    expect(samira?.openCaseId).toBeNull();

    const cases = enforcementSignalsForTeam(db, noord, '2026-11-24');
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ clientName: 'Dawit Tesfay', overdue: true, daysOverdue: 3, next: { kind: 'WAARSCHUWINGSGESPREK' } });
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
