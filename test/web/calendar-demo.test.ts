import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { createApp } from '../../src/web/app.js';
import { loginAs } from '../helpers/app.js';
import { demoDatabase } from '../helpers/demo-db.js';

describe('calendar demo data (issue 24)', () => {
  it('shows overdue milestones, a no-show signal, this week on the start page and unsent DUO lines', async () => {
    const { db, clock } = await demoDatabase();
    const count = (sql: string) => db.prepare(sql).pluck().get() as number;
    expect(count('SELECT COUNT(*) FROM client_status WHERE closed_on IS NULL AND milestone_due_min < ?'.replace('?', "'2026-11-24'"))).toBeGreaterThan(0);
    expect(count('SELECT COUNT(*) FROM client_status WHERE no_show_signal = 1')).toBe(1);
    expect(count('SELECT COUNT(*) FROM duo_ledger WHERE passed_on IS NULL')).toBeGreaterThanOrEqual(4);
    const app = createApp({ db, clock });
    const { agent } = await loginAs(app, 'consulent', DEMO_PASSWORD);
    const start = await agent.get('/');
    expect(start.text).toContain('Mijn gesprekken deze week');
    expect(start.text).toContain('tolk nog boeken');
    expect((await agent.get('/caseload?signal=NO_SHOW')).text).toContain('Niet verschenen op afspraken');
    expect((await agent.get('/caseload?signal=MILESTONE_OVERDUE')).text).toContain('Mijlpaal te laat');
    const duo = await agent.get('/duo');
    expect(duo.text).toContain('30 dagen');
    expect(duo.text).toContain('Registreren');
  });
});
