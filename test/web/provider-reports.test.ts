import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { chooseRoute } from '../helpers/fixtures.js';
import { addProvider, addProviderUser, addReferral, sensitiveClient } from '../helpers/provider.js';

// The clock is 24-11-2026: October 2026 is over, November is not.
async function setup() {
  const ctx = await buildTestApp();
  const school = addProvider(ctx, 'Taalschool De Brug');
  const other = addProvider(ctx, 'Werkt! Participatie', 'PARTICIPATIECOACH');
  await addProviderUser(ctx, 'aanbieder', school);
  await addProviderUser(ctx, 'andere-aanbieder', other);
  const client = sensitiveClient(ctx, 'Reportova', '123456782');
  const referral = addReferral(ctx, client, school);
  const clientNumber = ctx.db.prepare('SELECT client_number FROM clients WHERE id = ?').pluck().get(client) as string;
  return { ctx, school, client, referral, clientNumber };
}

const hours = (ctx: Awaited<ReturnType<typeof setup>>['ctx'], client: number) =>
  ctx.db.prepare('SELECT hours, planned_hours AS planned, provider_report_id AS reportId FROM hour_entries WHERE client_id = ? AND deleted_at IS NULL').all(client) as {
    hours: number;
    planned: number;
    reportId: number | null;
  }[];

describe('provider reports', () => {
  it('grid: refused with Dutch messages next to the fields, then submitted; the consulent accepts: hours, absence and level change', async () => {
    const { ctx, client, referral } = await setup();
    const p = await ctx.login('aanbieder');
    const page = await p.agent.get('/portal/reports?period=2026-10');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Reportova');
    expect(page.text).not.toContain('123456782');
    expect(page.text).not.toContain('Geheime-gezondheid-XYZ');
    const bad = await p.agent.post('/portal/reports').type('form').send({ _csrf: p.csrf, period: '2026-10', [`r${referral}_gepland`]: '40', [`r${referral}_uren`]: 'veel', [`r${referral}_geoorloofd`]: '4' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Uren &#34;veel&#34; is geen getal.');
    expect(bad.text).toContain('Reden ontbreekt; die is verplicht bij geoorloofd verzuim.');
    expect(bad.text).toContain('value="40"');
    const res = await p.agent.post('/portal/reports').type('form').send({
      _csrf: p.csrf,
      period: '2026-10',
      [`r${referral}_gepland`]: '40',
      [`r${referral}_uren`]: '30',
      [`r${referral}_geoorloofd`]: '4',
      [`r${referral}_reden`]: 'ziek',
      [`r${referral}_ongeoorloofd`]: '6',
      [`r${referral}_niveaus`]: 'spreken A2',
      [`r${referral}_uitval`]: 'ja',
      [`r${referral}_uitval_toelichting`]: 'Komt steeds later',
    });
    expect(res.status).toBe(303);
    const report = ctx.db.prepare('SELECT id, status, version FROM provider_reports WHERE referral_id = ?').get(referral) as { id: number; status: string; version: number };
    expect(report.status).toBe('SUBMITTED');
    expect(hours(ctx, client)).toEqual([]);

    const c = await ctx.login('consulent');
    const start = await c.agent.get('/');
    expect(start.text).toContain('Rapportages van aanbieders');
    expect(start.text).toContain(`/reports/${report.id}`);
    expect(start.text).toContain('dreigende uitval');
    const accept = await c.agent.post(`/reports/${report.id}/accept`).type('form').send({ _csrf: c.csrf, version: report.version });
    expect(accept.status).toBe(303);
    expect(hours(ctx, client)).toEqual([{ hours: 30, planned: 40, reportId: report.id }]);
    expect(ctx.db.prepare('SELECT hours FROM excused_absences WHERE client_id = ?').pluck().all(client)).toEqual([4]);
    expect(ctx.db.prepare(`SELECT skill || ' ' || level FROM language_levels WHERE client_id = ?`).pluck().all(client)).toEqual(['SPEAKING A2']);
    const audit = ctx.db.prepare(`SELECT details FROM audit_log WHERE action = 'aanbieder-rapportage-ingediend' AND client_id = ?`).pluck().get(client) as string;
    expect(audit).toContain('Taalschool De Brug');
    // accepted: immutable for the provider; a second accept is a conflict
    const again = await c.agent.post(`/reports/${report.id}/accept`).type('form').send({ _csrf: c.csrf, version: report.version + 1 });
    expect(again.status).toBe(409);
    const grid = await p.agent.get('/portal/reports?period=2026-10');
    expect(grid.text).not.toContain(`name="r${referral}_uren"`);
    expect(grid.text).toContain('Geaccepteerd');
  });

  it('reject → the provider sees the reason and corrects → accept; nothing counts twice', async () => {
    const { ctx, client, referral } = await setup();
    const p = await ctx.login('aanbieder');
    await p.agent.post('/portal/reports').type('form').send({ _csrf: p.csrf, period: '2026-10', [`r${referral}_gepland`]: '40', [`r${referral}_uren`]: '40' });
    const first = ctx.db.prepare('SELECT id, version FROM provider_reports WHERE referral_id = ?').get(referral) as { id: number; version: number };
    const c = await ctx.login('consulent');
    const noReason = await c.agent.post(`/reports/${first.id}/reject`).type('form').send({ _csrf: c.csrf, version: first.version });
    expect(noReason.status).toBe(400);
    await c.agent.post(`/reports/${first.id}/reject`).type('form').send({ _csrf: c.csrf, version: first.version, reason: 'Er waren twee lessen uitgevallen' });
    const grid = await p.agent.get('/portal/reports?period=2026-10');
    expect(grid.text).toContain('Er waren twee lessen uitgevallen');
    expect(grid.text).toContain(`name="r${referral}_uren"`);
    await p.agent.post('/portal/reports').type('form').send({ _csrf: p.csrf, period: '2026-10', [`r${referral}_gepland`]: '36', [`r${referral}_uren`]: '36' });
    const rows = ctx.db.prepare('SELECT id, status, version FROM provider_reports WHERE referral_id = ? ORDER BY id').all(referral) as { id: number; status: string; version: number }[];
    expect(rows.map((r) => r.status)).toEqual(['REPLACED', 'SUBMITTED']);
    await c.agent.post(`/reports/${rows[1]!.id}/accept`).type('form').send({ _csrf: c.csrf, version: rows[1]!.version });
    expect(hours(ctx, client).map((h) => h.hours)).toEqual([36]);
  });

  it('CSV through the hour import validator: problems per line and column; the same file twice counts once', async () => {
    const { ctx, client, clientNumber } = await setup();
    const p = await ctx.login('aanbieder');
    const header = 'clientnummer;soort;activiteit;van;tot;uren;gepland;aanbieder;geoorloofd;reden;ongeoorloofd;voortgang;niveaus;afgerond;uitval;uitval_toelichting';
    const badCsv = `${header}\nK-99999;taal;;01-10-2026;31-10-2026;30;40;;;;;;;;;\n${clientNumber};taal;;01-10-2026;15-10-2026;30;40;;;;;;lezen Z9;;;\n`;
    const bad = await p.agent.post('/portal/reports/upload').field('_csrf', p.csrf).attach('file', Buffer.from(badCsv), 'oktober.csv');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Cliëntnummer K-99999 is niet naar u verwezen');
    expect(bad.text).toContain('De periode moet een hele maand');
    expect(bad.text).toContain('Niveau &#34;lezen Z9&#34; is niet te lezen');
    expect(ctx.db.prepare('SELECT COUNT(*) FROM provider_reports').pluck().get()).toBe(0);
    const csv = `${header}\n${clientNumber};taal;;01-10-2026;31-10-2026;32;40;;;;8;Gaat goed;;;nee;\n`;
    const one = await p.agent.post('/portal/reports/upload').field('_csrf', p.csrf).attach('file', Buffer.from(csv), 'oktober.csv');
    expect(one.status).toBe(303);
    const two = await p.agent.post('/portal/reports/upload').field('_csrf', p.csrf).attach('file', Buffer.from(csv), 'oktober.csv');
    expect(two.status).toBe(303);
    expect(ctx.db.prepare('SELECT COUNT(*) FROM provider_reports').pluck().get()).toBe(1);
    const r = ctx.db.prepare('SELECT id, version FROM provider_reports').get() as { id: number; version: number };
    const c = await ctx.login('consulent');
    await c.agent.post(`/reports/${r.id}/accept`).type('form').send({ _csrf: c.csrf, version: r.version });
    // the consulent's own hour import of the same rows (same natural key) adds nothing
    const importCsv = `clientnummer;soort;activiteit;van;tot;uren;gepland;aanbieder\n${clientNumber};taal;;01-10-2026;31-10-2026;32;40;Taalschool De Brug\n`;
    const preview = await c.agent.post('/hours/import').field('_csrf', c.csrf).attach('file', Buffer.from(importCsv), 'import.csv');
    expect(preview.text).toMatch(/al eerder geïmporteerd|al geïmporteerd/);
    expect(hours(ctx, client).map((h) => h.hours)).toEqual([32]);
  });

  it("another provider cannot see or report on this provider's client; reports before the period ends are refused", async () => {
    const { ctx, referral, clientNumber } = await setup();
    const o = await ctx.login('andere-aanbieder');
    const grid = await o.agent.get('/portal/reports?period=2026-10');
    expect(grid.text).not.toContain('Reportova');
    const post = await o.agent.post('/portal/reports').type('form').send({ _csrf: o.csrf, period: '2026-10', [`r${referral}_gepland`]: '40', [`r${referral}_uren`]: '30' });
    expect(post.status).toBe(404);
    const csv = `clientnummer;soort;activiteit;van;tot;uren;gepland\n${clientNumber};taal;;01-10-2026;31-10-2026;30;40\n`;
    const up = await o.agent.post('/portal/reports/upload').field('_csrf', o.csrf).attach('file', Buffer.from(csv), 'x.csv');
    expect(up.status).toBe(400);
    expect(up.text).toContain('is niet naar u verwezen');
    expect(up.text).not.toContain('Reportova');
    const p = await ctx.login('aanbieder');
    const early = await p.agent.post('/portal/reports').type('form').send({ _csrf: p.csrf, period: '2026-11', [`r${referral}_gepland`]: '40', [`r${referral}_uren`]: '30' });
    expect(early.status).toBe(400);
    expect(early.text).toContain('U kunt pas rapporteren als de periode voorbij is');
    await p.agent.post('/portal/reports').type('form').send({ _csrf: p.csrf, period: '2026-10', [`r${referral}_gepland`]: '40', [`r${referral}_uren`]: '30' });
    const reportId = ctx.db.prepare('SELECT id FROM provider_reports').pluck().get() as number;
    const otherTeam = await ctx.login('otherConsulent');
    const seen = await otherTeam.agent.get(`/reports/${reportId}`);
    expect(seen.status).toBe(404);
    expect(seen.text).not.toContain('Reportova');
    expect((await otherTeam.agent.post(`/reports/${reportId}/accept`).type('form').send({ _csrf: otherTeam.csrf, version: 1 })).status).toBe(404);
    expect((await p.agent.get(`/reports/${reportId}`)).status).toBe(403);
    expect((await o.agent.get(`/reports/${reportId}`)).status).toBe(403);
  });
});

describe('signals from providers\' reports (client_status, SIGNAL_SQL)', () => {
  const signals = (ctx: Awaited<ReturnType<typeof setup>>['ctx'], client: number) =>
    ctx.db.prepare('SELECT dropout_risk_on AS dropout, provider_milestone_until AS milestone FROM client_status WHERE client_id = ?').get(client) as {
      dropout: string | null;
      milestone: string | null;
    };

  it('dreigende uitval shows on submission; a level reached on acceptance, for 30 days', async () => {
    const { ctx, client, referral } = await setup();
    chooseRoute(ctx.db, client, 'B1', ctx.users.consulent);
    const p = await ctx.login('aanbieder');
    await p.agent.post('/portal/reports').type('form').send({
      _csrf: p.csrf,
      period: '2026-10',
      [`r${referral}_gepland`]: '40',
      [`r${referral}_uren`]: '20',
      [`r${referral}_niveaus`]: 'lezen A2',
      [`r${referral}_uitval`]: 'ja',
      [`r${referral}_uitval_toelichting`]: 'Twee weken weg zonder bericht',
    });
    expect(signals(ctx, client)).toEqual({ dropout: '2026-10-31', milestone: null });
    const c = await ctx.login('consulent');
    const list = await c.agent.get('/caseload?signal=DROPOUT_RISK');
    expect(list.text).toContain('Reportova');
    const r = ctx.db.prepare('SELECT id, version FROM provider_reports').get() as { id: number; version: number };
    await c.agent.post(`/reports/${r.id}/accept`).type('form').send({ _csrf: c.csrf, version: r.version });
    expect(signals(ctx, client)).toEqual({ dropout: '2026-10-31', milestone: '2026-12-24' });
    expect((await c.agent.get('/caseload?signal=PROVIDER_MILESTONE')).text).toContain('Reportova');
    // the unexcused absence of the accepted hours (20 of 40) reaches the existing absence signal
    expect((await c.agent.get('/caseload?signal=ABSENCE')).text).toContain('Reportova');
  });
});
