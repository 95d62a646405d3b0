import { describe, expect, it } from 'vitest';
import { demoDatabase } from '../helpers/demo-db.js';

describe('demo clients', () => {
  it('creates about 40 clients in every phase, spread over the teams and consulenten', async () => {
    const { db } = await demoDatabase('2027-03-15T09:00:00.000Z');
    const phases = db.prepare('SELECT DISTINCT phase FROM client_status ORDER BY phase').pluck().all();
    expect(phases).toEqual(
      ['CLOSED', 'INTAKE', 'IN_PROGRESS', 'PIP', 'PRE_END_HELD', 'READY_FOR_END', 'READY_FOR_PRE_END', 'ROUTE_CHOICE'].sort(),
    );
    const count = db.prepare("SELECT COUNT(*) FROM clients WHERE client_number LIKE 'K-%'").pluck().get() as number;
    expect(count).toBeGreaterThanOrEqual(38);
    const perUser = db
      .prepare('SELECT u.username, COUNT(*) AS n FROM clients c JOIN users u ON u.id = c.consulent_id GROUP BY u.username ORDER BY u.username')
      .all() as { username: string; n: number }[];
    expect(perUser.map((r) => r.username)).toEqual(['consulent', 'consulent2', 'consulent3']);
    expect(db.prepare('SELECT DISTINCT route FROM client_status WHERE route IS NOT NULL ORDER BY route').pluck().all()).toEqual([
      'B1',
      'ONDERWIJS',
      'Z',
    ]);
    // a PIP overdue (no PIP, due date passed), an overdue conversation and an overdue agreement
    expect(db.prepare("SELECT COUNT(*) FROM client_status WHERE pip_set_on IS NULL AND pip_due_on < '2027-03-15'").pluck().get()).toBeGreaterThan(0);
    expect(db.prepare("SELECT COUNT(*) FROM client_status WHERE next_conversation_due < '2027-03-15'").pluck().get()).toBeGreaterThan(0);
    expect(db.prepare("SELECT COUNT(*) FROM client_status WHERE open_agreement_due_min < '2027-03-15'").pluck().get()).toBeGreaterThan(0);
    // several PIP versions, decisions of each kind the brief asks for, a timeline for everyone
    expect(db.prepare('SELECT MAX(version_no) FROM pip_versions').pluck().get()).toBe(3);
    const kinds = db.prepare("SELECT DISTINCT kind FROM decisions WHERE client_id IN (SELECT id FROM clients WHERE client_number LIKE 'K-%')").pluck().all();
    expect(kinds).toEqual(expect.arrayContaining(['CLOSURE', 'INSTRUMENT', 'KNM_COMPLETED', 'MAP_COMPLETED', 'PVT_COMPLETED', 'SUBSTITUTION']));
    expect(db.prepare("SELECT COUNT(*) FROM clients c WHERE c.client_number LIKE 'K-%' AND NOT EXISTS (SELECT 1 FROM client_events e WHERE e.client_id = c.id)").pluck().get()).toBe(0);
    // BSNs that are present pass the elfproef; some clients only have an address
    const { isValidBsn } = await import('../../src/domain/index.js');
    const bsns = db.prepare("SELECT bsn FROM clients WHERE bsn IS NOT NULL AND client_number LIKE 'K-%'").pluck().all() as string[];
    expect(bsns.length).toBeGreaterThan(5);
    expect(bsns.every(isValidBsn)).toBe(true);
    expect(db.prepare('SELECT COUNT(*) FROM clients WHERE phone IS NULL AND email IS NULL').pluck().get()).toBeGreaterThan(2);
    // hours in the future would be wrong
    expect(db.prepare("SELECT COUNT(*) FROM hour_entries WHERE period_end > '2027-03-15'").pluck().get()).toBe(0);
  });
});
