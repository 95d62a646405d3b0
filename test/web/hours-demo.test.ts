import { describe, expect, it } from 'vitest';
import { demoDatabase } from '../helpers/demo-db.js';

describe('progress demo data', () => {
  it('puts Z-route clients just below and above each threshold', async () => {
    const { db } = await demoDatabase();
    const s = (n: string) =>
      db
        .prepare(
          `SELECT s.* FROM client_status s JOIN clients c ON c.id = s.client_id WHERE c.client_number = ?`,
        )
        .get(n) as Record<string, number | string | null>;
    expect(s('D-1001')).toMatchObject({ language_hours: 399, pre_end_eligible: 0 });
    expect(s('D-1002')).toMatchObject({ language_hours: 400, pre_end_eligible: 1 });
    expect(s('D-1005')).toMatchObject({ participation_total: 299, pre_end_eligible: 0 });
    expect(s('D-1006')).toMatchObject({ participation_total: 300, pre_end_eligible: 1 });
    expect(s('D-1007')).toMatchObject({ participation_total: 799, end_eligible: 0 });
    expect(s('D-1008')).toMatchObject({ participation_total: 800, end_eligible: 1 });
    expect(s('D-1009')).toMatchObject({ pre_end_eligible: 0 }); // PVT not done
    expect(s('D-1010')).toMatchObject({ participation_total: 320, pre_end_eligible: 1 }); // RTS 75% = 120
    expect(s('D-1011')).toMatchObject({ language_norm: 680, participation_norm: 920, paid_work_hours: 150 });
    expect(s('D-1012').pre_end_held_on).not.toBeNull();
    expect(s('D-1013')).toMatchObject({ phase: 'CLOSED' });
    const absent = db
      .prepare(
        `SELECT SUM(planned_hours) - SUM(hours) FROM hour_entries h JOIN clients c ON c.id = h.client_id
         WHERE c.client_number = 'D-1005' AND kind = 'LANGUAGE'`,
      )
      .pluck()
      .get() as number;
    expect(absent).toBeGreaterThan(200);
  });
});
