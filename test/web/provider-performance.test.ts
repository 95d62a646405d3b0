import { describe, expect, it } from 'vitest';
import { providerLight, reportOnTime } from '../../src/domain/report-periods.js';
import { buildTestApp } from '../helpers/app.js';
import { addProvider, addProviderUser, addReferral, sensitiveClient } from '../helpers/provider.js';

// October 2026 is due on 10 November (providerReportDueDays 10 in the default rules). The report is submitted with
// the clock on the day before, on, and after the due day; the team lead looks on 20 November.
async function submittedOn(day: string) {
  const ctx = await buildTestApp({ now: `${day}T10:00:00.000Z` });
  const school = addProvider(ctx, 'Taalschool De Brug');
  await addProviderUser(ctx, 'aanbieder', school);
  const client = sensitiveClient(ctx, 'Timelyova', '123456782');
  const referral = addReferral(ctx, client, school, { startOn: '2026-10-01', endOn: '2027-06-30' });
  const p = await ctx.login('aanbieder');
  const res = await p.agent.post('/portal/reports').type('form').send({ _csrf: p.csrf, period: '2026-10', [`r${referral}_gepland`]: '40', [`r${referral}_uren`]: '38' });
  expect(res.status).toBe(303);
  ctx.clock.set('2026-11-20T10:00:00.000Z');
  const t = await ctx.login('teamleider');
  const page = await t.agent.get('/team/providers');
  expect(page.status).toBe(200);
  const own = await (await ctx.login('aanbieder')).agent.get('/portal/figures');
  expect(own.status).toBe(200);
  return { team: page.text, own: own.text };
}

describe('provider performance: on time at the boundary (clock injected)', () => {
  it('submitted the day before the due day: on time, green', async () => {
    const { team, own } = await submittedOn('2026-11-09');
    expect(team).toContain('1 van 1');
    expect(team).toContain('koers-badge--ok">Groen');
    expect(own).toContain('koers-badge--ok">Groen');
    expect(own).not.toContain('123456782');
  });
  it('submitted on the due day: on time, green', async () => {
    const { team } = await submittedOn('2026-11-10');
    expect(team).toContain('koers-badge--ok">Groen');
  });
  it('submitted the day after: late, red', async () => {
    const { team } = await submittedOn('2026-11-11');
    expect(team).toContain('0 van 1');
    expect(team).toContain('koers-badge--bad">Rood');
  });
  it('the rules: due day inclusive; the light thresholds', () => {
    expect(reportOnTime('2026-11-10', { end: '2026-10-31' }, 10)).toBe(true);
    expect(reportOnTime('2026-11-11', { end: '2026-10-31' }, 10)).toBe(false);
    expect(providerLight(10, 9, 1, 10)).toBe('green');
    expect(providerLight(10, 8, 0, 10)).toBe('orange');
    expect(providerLight(10, 6, 0, 10)).toBe('red');
    expect(providerLight(0, 0, 0, 0)).toBe('none');
  });
});
