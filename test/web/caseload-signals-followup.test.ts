// The caseload signals of issues 10 and 12 (absence, enforcement step overdue, exam result missing, B1 without
// exam, verlenging) on the consulent's and the teamleider's pages, each at its boundary with the clock moved,
// and cleared by the action that answers it (through the real forms, so every write path refreshes the status).
import { beforeEach, describe, expect, it } from 'vitest';
import { refreshClientStatus } from '../../src/db/client-status.js';
import { buildTestApp, type LoggedInAgent, type TestContext } from '../helpers/app.js';
import { addConversation, addHours, chooseRoute, completeIntake, insertClient, setPip, status } from '../helpers/fixtures.js';

const TODAY = '2026-11-24';

/** The signal badges in the caseload row of a client, as text ('' when the row has none). */
async function badgesOf(who: LoggedInAgent, clientId: number, path = '/caseload'): Promise<string> {
  const res = await who.agent.get(path);
  expect(res.status).toBe(200);
  const row = new RegExp(`<tr[^>]*>(?:(?!</tr>).)*href="/clients/${clientId}"(?:(?!</tr>).)*</tr>`, 's').exec(res.text);
  expect(row, `row of client ${clientId}`).not.toBeNull();
  return [...row![0].matchAll(/class="koers-badge[^"]*">([^<]+)</g)].map((m) => m[1]).join(' | ');
}

/** The count on the signal tile with this label. */
async function tileCount(who: LoggedInAgent, label: string, path = '/'): Promise<number> {
  const res = await who.agent.get(path);
  const m = new RegExp(`koers-tile__count">(\\d+)</span>\\s*<span class="koers-tile__label">${label}<`).exec(res.text);
  expect(m, `tile ${label}`).not.toBeNull();
  return Number(m![1]);
}

function client(ctx: TestContext, route: 'B1' | 'Z' | 'ONDERWIJS', pipOn = '2025-03-03', lastName = 'Signaal'): number {
  const id = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent, firstName: 'Noor', lastName });
  completeIntake(ctx.db, id);
  chooseRoute(ctx.db, id, route, ctx.users.consulent);
  setPip(ctx.db, id, ctx.users.consulent, pipOn);
  addConversation(ctx.db, id, 'VOORTGANG', '2026-11-01', ctx.users.consulent);
  refreshClientStatus(ctx.db, id, TODAY);
  return id;
}

/** Language hours with planned hours in one month (period end decides the month, as everywhere in Koers). */
function attendance(ctx: TestContext, id: number, planned: number, attended: number, periodEnd = '2026-11-20') {
  addHours(ctx.db, id, 'LANGUAGE', attended, ctx.users.consulent, periodEnd, `${periodEnd.slice(0, 8)}01`, planned);
  refreshClientStatus(ctx.db, id, TODAY);
}

describe('caseload signals for absence, enforcement, exams and extension', () => {
  let ctx: TestContext;
  let consulent: LoggedInAgent;
  let teamleider: LoggedInAgent;
  beforeEach(async () => {
    ctx = await buildTestApp();
    consulent = await ctx.login('consulent');
    teamleider = await ctx.login('teamleider');
  });

  it('absence above the route threshold: 30.0% no signal, 30.1% signal; excused absence clears it', async () => {
    const at = client(ctx, 'Z', '2025-03-03', 'Precies');
    const above = client(ctx, 'Z', '2025-03-03', 'Erboven');
    attendance(ctx, at, 1000, 700);
    attendance(ctx, above, 1000, 699);
    expect(status(ctx.db, at)).toMatchObject({ absence_period: '2026-11', absence_pct: 30, absence_signal: 0 });
    expect(status(ctx.db, above)).toMatchObject({ absence_period: '2026-11', absence_pct: 30.1, absence_signal: 1 });
    expect(await badgesOf(consulent, at)).not.toContain('Verzuim');
    expect(await badgesOf(consulent, above)).toContain('Verzuim boven de grens');
    expect(await tileCount(teamleider, 'Verzuim boven de grens')).toBe(1);
    const filtered = await teamleider.agent.get('/caseload?signal=ABSENCE');
    expect(filtered.text).toContain('Erboven');
    expect(filtered.text).not.toContain('Precies');

    const post = await consulent.agent
      .post(`/clients/${above}/absence/excused`)
      .type('form')
      .send({ _csrf: consulent.csrf, fromDate: '2026-11-10', toDate: '2026-11-11', hours: '5', reasonKind: 'ZIEKTE', note: '' });
    expect(post.status).toBe(303);
    expect(status(ctx.db, above)).toMatchObject({ absence_pct: 29.6, absence_signal: 0 });
    expect(await tileCount(teamleider, 'Verzuim boven de grens')).toBe(0);
  });

  it('absence: the onderwijsroute threshold is 20%; last month counts when this month has no plan, two months back does not', async () => {
    const onderwijs = client(ctx, 'ONDERWIJS', '2025-03-03', 'Onderwijs');
    attendance(ctx, onderwijs, 100, 79.9);
    expect(status(ctx.db, onderwijs)).toMatchObject({ absence_pct: 20.1, absence_signal: 1 });
    const lastMonth = client(ctx, 'B1', '2025-03-03', 'Vorigemaand');
    attendance(ctx, lastMonth, 100, 60, '2026-10-31');
    expect(status(ctx.db, lastMonth)).toMatchObject({ absence_period: '2026-10', absence_pct: 40, absence_signal: 1 });
    const older = client(ctx, 'B1', '2025-03-03', 'Oudemaand');
    attendance(ctx, older, 100, 10, '2026-09-30');
    expect(status(ctx.db, older)).toMatchObject({ absence_period: null, absence_signal: 0 });
    // A good month after a bad one clears the signal: the latest month with a plan counts.
    attendance(ctx, lastMonth, 100, 95, '2026-11-20');
    expect(status(ctx.db, lastMonth)).toMatchObject({ absence_period: '2026-11', absence_pct: 5, absence_signal: 0 });
    const badges = await badgesOf(consulent, onderwijs);
    expect(badges).toContain('Verzuim boven de grens');
  });

  it('enforcement: the next step due today is no signal, a day later it is; recording the step clears it; absence then waits for the case', async () => {
    const id = client(ctx, 'Z', '2025-03-03', 'Handhaving');
    attendance(ctx, id, 100, 50);
    expect(await badgesOf(consulent, id)).toContain('Verzuim boven de grens');
    const open = await consulent.agent
      .post(`/clients/${id}/enforcement`)
      .type('form')
      .send({ _csrf: consulent.csrf, trigger: 'HANDMATIG', reason: 'Verzuim in november', openedOn: '2026-11-10' });
    expect(open.status).toBe(303);
    // Opening + 14 days = 24 November: due today.
    expect(status(ctx.db, id)).toMatchObject({ enforcement_case_open: 1, enforcement_next_step: 'INFORMATIE', enforcement_next_due: TODAY });
    let badges = await badgesOf(consulent, id);
    expect(badges).not.toContain('Verzuim boven de grens'); // the open case is the follow-up now
    expect(badges).not.toContain('Handhavingsstap te laat');
    let home = await consulent.agent.get('/');
    expect(home.text).toContain('Handhaving: volgende stappen');
    expect(home.text).toMatch(/Informatie over rechten en plichten<\/td>\s*<td>\s*24 november 2026\s*<span class="koers-badge koers-badge--warn">Deze week/);

    ctx.clock.advanceDays(1);
    consulent = await ctx.login('consulent');
    teamleider = await ctx.login('teamleider');
    expect(await badgesOf(consulent, id)).toContain('Handhavingsstap te laat');
    expect(await tileCount(teamleider, 'Handhavingsstap te laat')).toBe(1);
    home = await consulent.agent.get('/');
    expect(home.text).toMatch(/24 november 2026\s*<span class="koers-badge koers-badge--bad">Te laat/);

    const caseId = ctx.db.prepare('SELECT id FROM enforcement_cases WHERE client_id = ?').pluck().get(id) as number;
    const done = await consulent.agent
      .post(`/clients/${id}/enforcement/${caseId}/steps`)
      .type('form')
      .send({ _csrf: consulent.csrf, kind: 'INFORMATIE', date: '2026-11-25', note: 'Brief en folder meegegeven' });
    expect(done.status).toBe(303);
    expect(status(ctx.db, id)).toMatchObject({ enforcement_next_step: 'GESPREK', enforcement_next_due: '2026-12-09' });
    badges = await badgesOf(consulent, id);
    expect(badges).not.toContain('Handhavingsstap te laat');
    expect(await tileCount(teamleider, 'Handhavingsstap te laat')).toBe(0);
    home = await consulent.agent.get('/');
    expect(home.text).toMatch(/Gesprek over het verzuim<\/td>\s*<td>\s*9 december 2026\s*<\/td>/);
  });

  it("the enforcement agenda shows only the consulent's own clients; other teams see nothing", async () => {
    const id = client(ctx, 'Z', '2025-03-03', 'Eigenaar');
    await consulent.agent
      .post(`/clients/${id}/enforcement`)
      .type('form')
      .send({ _csrf: consulent.csrf, trigger: 'HANDMATIG', reason: 'Niet verschenen', openedOn: '2026-10-01' });
    expect((await consulent.agent.get('/')).text).toContain('Eigenaar, Noor');
    const colleague = await ctx.login('consulent2');
    const home2 = await colleague.agent.get('/');
    expect(home2.text).not.toContain('Handhaving: volgende stappen');
    expect(home2.text).not.toContain('Eigenaar');
    const other = await ctx.login('otherTeamleider');
    const page = await other.agent.get('/caseload?signal=ENFORCEMENT_OVERDUE');
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('Eigenaar');
    expect(await tileCount(other, 'Handhavingsstap te laat')).toBe(0);
    expect(await tileCount(teamleider, 'Handhavingsstap te laat')).toBe(1);
  });

  it('exam without a result: 55 days after the exam no signal, 56 days (8 weeks) signal; entering the result clears it', async () => {
    const id = client(ctx, 'B1', '2025-03-03', 'Examen');
    const post = await consulent.agent
      .post(`/clients/${id}/language/exams`)
      .type('form')
      .send({ _csrf: consulent.csrf, part: 'WRITING', examLevel: 'B1', registeredOn: '2026-08-01', examOn: '2026-09-30' });
    expect(post.status).toBe(303);
    expect(status(ctx.db, id)).toMatchObject({ exams_registered: 1, exam_no_result_since: '2026-09-30' });
    expect(await badgesOf(consulent, id)).not.toContain('Examenuitslag ontbreekt');
    ctx.clock.advanceDays(1);
    consulent = await ctx.login('consulent');
    teamleider = await ctx.login('teamleider');
    expect(await badgesOf(consulent, id)).toContain('Examenuitslag ontbreekt');
    expect(await tileCount(teamleider, 'Examenuitslag ontbreekt')).toBe(1);
    const exam = ctx.db.prepare('SELECT id, version FROM exams WHERE client_id = ?').get(id) as { id: number; version: number };
    const result = await consulent.agent
      .post(`/clients/${id}/language/exams/${exam.id}`)
      .type('form')
      .send({ _csrf: consulent.csrf, result: 'PASSED', resultNote: '', version: String(exam.version) });
    expect(result.status).toBe(303);
    expect(status(ctx.db, id).exam_no_result_since).toBeNull();
    expect(await badgesOf(consulent, id)).not.toContain('Examenuitslag ontbreekt');
  });

  it('B1-route without any exam: termijn ending in 9 months and a day no signal, a day later signal; registering an exam clears it', async () => {
    // PIP 25 August 2024 → termijn ends 25 August 2027 = 24 November 2026 + 9 months + 1 day.
    const id = client(ctx, 'B1', '2024-08-25', 'Zonderexamen');
    const z = client(ctx, 'Z', '2024-08-25', 'Zroute');
    expect(status(ctx.db, id).termijn_end).toBe('2027-08-25');
    expect(await badgesOf(consulent, id)).not.toContain('Nog geen examen aangemeld');
    ctx.clock.advanceDays(1);
    consulent = await ctx.login('consulent');
    teamleider = await ctx.login('teamleider');
    expect(await badgesOf(consulent, id)).toContain('Nog geen examen aangemeld');
    expect(await badgesOf(consulent, z)).not.toContain('Nog geen examen aangemeld'); // only the B1-route
    expect(await tileCount(teamleider, 'Nog geen examen aangemeld')).toBe(1);
    const post = await consulent.agent
      .post(`/clients/${id}/language/exams`)
      .type('form')
      .send({ _csrf: consulent.csrf, part: 'READING', examLevel: 'B1', registeredOn: '2026-11-25', examOn: '2027-03-15' });
    expect(post.status).toBe(303);
    expect(await badgesOf(consulent, id)).not.toContain('Nog geen examen aangemeld');
  });

  it('verlenging: an at-risk client is a signal from 30 months into the termijn until an extension is decided', async () => {
    const id = client(ctx, 'Z', '2024-05-25', 'Verlenging');
    addHours(ctx.db, id, 'LANGUAGE', 440, ctx.users.consulent, '2026-06-30', '2024-06-01');
    addHours(ctx.db, id, 'LANGUAGE', 60, ctx.users.consulent, '2026-11-20', '2026-09-05');
    addHours(ctx.db, id, 'PARTICIPATION', 800, ctx.users.consulent, '2026-06-30', '2024-06-01');
    refreshClientStatus(ctx.db, id, TODAY);
    expect(status(ctx.db, id)).toMatchObject({ at_risk: 1, extended: 0 });
    expect(await badgesOf(consulent, id)).not.toContain('Verlenging overwegen'); // 30 months are reached tomorrow
    ctx.clock.advanceDays(1);
    consulent = await ctx.login('consulent');
    teamleider = await ctx.login('teamleider');
    expect(await badgesOf(consulent, id)).toContain('Verlenging overwegen');
    expect(await tileCount(teamleider, 'Verlenging overwegen')).toBe(1);
    const csv = await teamleider.agent.get('/caseload/export.csv?signal=EXTENSION');
    expect(csv.text).toContain('Verlenging');
    expect(csv.text).toContain('Verlenging overwegen');
    const ok = await consulent.agent
      .post(`/clients/${id}/closure/extension`)
      .type('form')
      .send({ _csrf: consulent.csrf, months: '12', extendedOn: '2026-11-25', extensionReason: 'Lange ziekte' });
    expect(ok.status).toBe(303);
    expect(status(ctx.db, id)).toMatchObject({ extended: 1 });
    expect(await badgesOf(consulent, id)).not.toContain('Verlenging overwegen');
  });

  it('an admin shortening the due days of enforcement steps moves the open cases\' due dates and their signal', async () => {
    const id = client(ctx, 'Z', '2025-03-03', 'Regels');
    await consulent.agent
      .post(`/clients/${id}/enforcement`)
      .type('form')
      .send({ _csrf: consulent.csrf, trigger: 'HANDMATIG', reason: 'Niet verschenen', openedOn: '2026-11-14' });
    expect(status(ctx.db, id).enforcement_next_due).toBe('2026-11-28');
    const admin = await ctx.login('admin');
    const days = { opening: '7', INFORMATIE: '14', GESPREK: '42', WAARSCHUWINGSGESPREK: '42', HOOR_EN_WEDERHOOR: '14', BESLUIT: '7', VERBETERTERMIJN: '7' };
    const res = await admin.agent
      .post('/admin/enforcement-rules')
      .type('form')
      .send({
        _csrf: admin.csrf,
        effectiveFrom: TODAY,
        'fineAmounts.0': '50',
        'fineAmounts.1': '100',
        'fineAmounts.2': '150',
        'fineAmounts.3': '250',
        stopOfferAfterFines: 'on',
        improvementWeeks: '6',
        ...Object.fromEntries(Object.entries(days).map(([k, v]) => [`dueDays.${k}`, v])),
        note: 'Sneller eerste contact',
      });
    expect(res.status).toBe(303);
    expect(status(ctx.db, id).enforcement_next_due).toBe('2026-11-21');
    expect(await badgesOf(consulent, id)).toContain('Handhavingsstap te laat');
  });
});
