import { format } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { migrate } from '../../src/db/migrate.js';
import { addRuleSetVersion, ensureDefaultRuleSet, rulesInForce } from '../../src/db/rules.js';
import { DEFAULT_RULE_SET } from '../../src/domain/index.js';
import { fixedClock, todayOf } from '../../src/lib/clock.js';

describe('todayOf', () => {
  it('is the local calendar date as date-fns writes it', () => {
    const clock = fixedClock('2026-11-24T09:00:00.000Z');
    const times = ['2026-11-24T00:00:00', '2026-12-31T23:59:59.999', '2024-02-29T12:00:00', '0999-01-05T10:00:00', '2026-03-29T02:30:00'];
    for (let i = 0; i < 500; i++) times.push(new Date(Date.UTC(1990, 0, 1) + Math.floor(Math.random() * 60 * 365 * 86_400_000)).toISOString());
    for (const t of times) {
      clock.set(t);
      expect(todayOf(clock), t).toBe(format(clock.now(), 'yyyy-MM-dd'));
    }
    clock.set('not a date');
    expect(() => todayOf(clock)).toThrow(RangeError);
  });
});

describe('rulesInForce', () => {
  it('follows the versions by date, also after a new version, and keeps refusing a bad date', () => {
    const db = openDatabase(':memory:');
    migrate(db);
    ensureDefaultRuleSet(db, '2026-01-01T00:00:00.000Z');
    expect(rulesInForce(db, '2027-06-01').general.caseloadNorm).toBe(DEFAULT_RULE_SET.general.caseloadNorm);
    const rules = structuredClone(DEFAULT_RULE_SET);
    rules.general.caseloadNorm = 95;
    addRuleSetVersion(db, { effectiveFrom: '2027-01-01', rules, note: null, createdBy: null }, '2026-02-01T00:00:00.000Z');
    expect(rulesInForce(db, '2027-06-01').general.caseloadNorm).toBe(95);
    expect(rulesInForce(db, '2026-12-31').general.caseloadNorm).toBe(DEFAULT_RULE_SET.general.caseloadNorm);
    expect(rulesInForce(db, '2027-01-01').general.caseloadNorm).toBe(95);
    for (let i = 0; i < 2; i++) expect(() => rulesInForce(db, '2027-02-30')).toThrow(/geen geldige datum/);
  });
});
