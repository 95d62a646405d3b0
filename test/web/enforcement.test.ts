import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { caseloadPage, clientSignals, DEFAULT_FILTER, signalParams } from '../../src/db/caseload.js';
import { buildTestApp, type LoggedInAgent, type TestContext, withCharacters } from '../helpers/app.js';
import { addHours, chooseRoute, completeIntake, insertClient, setPip, status } from '../helpers/fixtures.js';

function client(ctx: TestContext, teamId = ctx.teamA, consulentId = ctx.users.consulent): number {
  const id = insertClient(ctx.db, { teamId, consulentId, firstName: 'Yusuf', lastName: 'Handhaving' });
  completeIntake(ctx.db, id);
  chooseRoute(ctx.db, id, 'B1', consulentId);
  setPip(ctx.db, id, consulentId);
  ctx.db.prepare("UPDATE clients SET address = 'Lindelaan 12', postcode = '1234 AB', city = 'Noorddorp' WHERE id = ?").run(id);
  return id;
}

async function openCase(ctx: TestContext, who: LoggedInAgent, id: number, openedOn = '2026-08-31'): Promise<number> {
  const res = await who.agent
    .post(`/clients/${id}/enforcement`)
    .type('form')
    .send({ _csrf: who.csrf, trigger: 'HANDMATIG', reason: 'Ongewenst gedrag in de les', openedOn });
  expect(res.status).toBe(303);
  return ctx.db.prepare('SELECT id FROM enforcement_cases WHERE client_id = ? AND closed_on IS NULL').pluck().get(id) as number;
}

async function step(who: LoggedInAgent, id: number, caseId: number, fields: Record<string, string>) {
  return who.agent.post(`/clients/${id}/enforcement/${caseId}/steps`).type('form').send({ _csrf: who.csrf, ...fields });
}

describe('enforcement case /clients/:id/enforcement', () => {
  let ctx: TestContext;
  let consulent: LoggedInAgent;
  beforeEach(async () => {
    ctx = await buildTestApp({ now: '2026-11-24T09:00:00.000Z' });
    consulent = await ctx.login('consulent');
  });

  it('opens a case by hand only with a reason, audited and on the timeline', async () => {
    const id = client(ctx);
    const none = await consulent.agent.post(`/clients/${id}/enforcement`).type('form').send({ _csrf: consulent.csrf, trigger: 'HANDMATIG', reason: '' });
    expect(none.status).toBe(400);
    expect(none.text).toContain('Vul de reden in waarom u een handhavingstraject opent');
    await openCase(ctx, consulent, id, '2026-11-24');
    const page = await consulent.agent.get(`/clients/${id}/enforcement`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Lopend handhavingstraject');
    expect(page.text).toContain('Ongewenst gedrag in de les');
    expect(page.text).toContain('Volgende stap: Informatie over rechten en plichten');
    expect(page.text).toContain('8 december 2026'); // 14 days after opening
    expect(ctx.db.prepare("SELECT summary FROM client_events WHERE client_id = ? AND kind = 'HANDHAVING'").pluck().all(id)).toEqual([
      'Handhaving: traject geopend (met de hand)',
    ]);
    expect(ctx.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'handhaving-geopend' AND activity = 'handhaving' AND client_id = ?").pluck().get(id)).toBe(1);
    const closedClient = client(ctx);
    ctx.db.prepare("UPDATE clients SET closed_on = '2026-11-01' WHERE id = ?").run(closedClient);
    const closed = await consulent.agent.post(`/clients/${closedClient}/enforcement`).type('form').send({ _csrf: consulent.csrf, trigger: 'HANDMATIG', reason: 'x' });
    expect(closed.status).toBe(400);
    expect(closed.text).toContain('U kunt geen handhavingstraject meer openen');
    expect((await consulent.agent.get(`/clients/${closedClient}/enforcement`)).text).toContain('Het inburgeringstraject is afgesloten op 1 november 2026');
    const again = await consulent.agent.post(`/clients/${id}/enforcement`).type('form').send({ _csrf: consulent.csrf, trigger: 'HANDMATIG', reason: 'Nog een' });
    expect(again.status).toBe(400);
    expect(ctx.db.prepare('SELECT COUNT(*) FROM enforcement_cases WHERE client_id = ?').pluck().get(id)).toBe(1);
  });

  it('a closed client: steps other than closing the case are refused, closing is allowed', async () => {
    const id = client(ctx);
    const caseId = await openCase(ctx, consulent, id);
    ctx.db.prepare("UPDATE clients SET closed_on = '2026-11-20' WHERE id = ?").run(id);
    const refused = await step(consulent, id, caseId, { kind: 'INFORMATIE', date: '2026-11-21' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('U kunt dit handhavingstraject alleen nog afsluiten');
    const close = await step(consulent, id, caseId, { kind: 'AFSLUITING', date: '2026-11-21', note: 'Inburgering afgesloten (verhuisd)' });
    expect(close.status).toBe(303);
    expect(ctx.db.prepare('SELECT closed_on FROM enforcement_cases WHERE id = ?').pluck().get(caseId)).toBe('2026-11-21');
  });

  it('opens a case from the absence signal, with the month and percentage as reason', async () => {
    const id = client(ctx);
    const refused = await consulent.agent.post(`/clients/${id}/enforcement`).type('form').send({ _csrf: consulent.csrf, trigger: 'VERZUIM' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Er is geen verzuimsignaal');
    addHours(ctx.db, id, 'LANGUAGE', 699, ctx.users.consulent, '2026-10-28', '2026-10-01', 1000);
    const res = await consulent.agent.post(`/clients/${id}/enforcement`).type('form').send({ _csrf: consulent.csrf, trigger: 'VERZUIM' });
    expect(res.status).toBe(303);
    const row = ctx.db.prepare('SELECT trigger, trigger_period, trigger_pct, reason FROM enforcement_cases WHERE client_id = ?').get(id);
    expect(row).toEqual({ trigger: 'VERZUIM', trigger_period: '2026-10', trigger_pct: 30.1, reason: 'Verzuim 30,1% in oktober 2026 (grens 30%)' });
  });

  it('records steps in order; skipping needs a reason; a decision without hearing is refused even with a reason', async () => {
    const id = client(ctx);
    const caseId = await openCase(ctx, consulent, id);
    expect((await step(consulent, id, caseId, { kind: 'INFORMATIE', date: '2026-11-02', note: 'Folder in het Arabisch meegegeven' })).status).toBe(303);

    const skip = await step(consulent, id, caseId, { kind: 'WAARSCHUWINGSGESPREK', date: '2026-11-05', note: 'Waarschuwing gegeven' });
    expect(skip.status).toBe(400);
    expect(skip.text).toContain('U slaat over: gesprek over het verzuim. Vul in waarom.');
    expect(skip.text).toContain('Waarschuwing gegeven'); // input kept

    const decision = await step(consulent, id, caseId, { kind: 'BESLUIT', date: '2026-11-05', skipReason: 'Haast', decisionKind: 'BOETE', amount: '50' });
    expect(decision.status).toBe(400);
    expect(decision.text).toContain('Een sanctie zonder hoor en wederhoor is niet rechtmatig');

    const withReason = await step(consulent, id, caseId, { kind: 'WAARSCHUWINGSGESPREK', date: '2026-11-05', note: 'Waarschuwing gegeven', skipReason: 'Taalaanbieder voerde het eerste gesprek al' });
    expect(withReason.status).toBe(303);
    const steps = ctx.db.prepare('SELECT kind, skipped, skip_reason FROM enforcement_steps WHERE case_id = ? ORDER BY id').all(caseId);
    expect(steps).toEqual([
      { kind: 'INFORMATIE', skipped: 0, skip_reason: null },
      { kind: 'GESPREK', skipped: 1, skip_reason: 'Taalaanbieder voerde het eerste gesprek al' },
      { kind: 'WAARSCHUWINGSGESPREK', skipped: 0, skip_reason: 'Taalaanbieder voerde het eerste gesprek al' },
    ]);
    expect(ctx.db.prepare("SELECT summary FROM client_events WHERE client_id = ? AND kind = 'HANDHAVING' ORDER BY id").pluck().all(id)).toEqual([
      'Handhaving: traject geopend (met de hand)',
      'Handhaving: informatie over rechten en plichten gegeven',
      'Handhaving: waarschuwingsgesprek gevoerd (overgeslagen: gesprek over het verzuim)',
    ]);
    const page = await consulent.agent.get(`/clients/${id}/enforcement`);
    expect(page.text).toContain('Overgeslagen');
    expect(page.text).toContain('Volgende stap: Hoor en wederhoor');
    const skippedId = ctx.db.prepare('SELECT id FROM enforcement_steps WHERE case_id = ? AND skipped = 1').pluck().get(caseId);
    expect((await consulent.agent.get(`/clients/${id}/enforcement/${caseId}/steps/${skippedId}/letter`)).status).toBe(404);
  });

  it('fines escalate over the client history (€50 then €100); deviating needs a reason; a fine is no payment', async () => {
    const id = client(ctx);
    const run = async (amount: string, date: (n: number) => string) => {
      const caseId = await openCase(ctx, consulent, id);
      for (const [i, kind] of ['INFORMATIE', 'GESPREK', 'WAARSCHUWINGSGESPREK', 'HOOR_EN_WEDERHOOR'].entries()) {
        expect((await step(consulent, id, caseId, { kind, date: date(i) })).status).toBe(303);
      }
      return { caseId, res: await step(consulent, id, caseId, { kind: 'BESLUIT', date: date(4), decisionKind: 'BOETE', amount }) };
    };
    const first = await run('50', (i) => `2026-10-0${i + 1}`);
    expect(first.res.status).toBe(303);
    expect((await step(consulent, id, first.caseId, { kind: 'AFSLUITING', date: '2026-10-06', note: 'Komt weer' })).status).toBe(303);

    const page = await consulent.agent.get(`/clients/${id}/enforcement`);
    expect(page.text).toContain('Afgesloten trajecten');

    const second = await run('75', (i) => `2026-11-0${i + 1}`);
    expect(second.res.status).toBe(400);
    expect(withCharacters(second.res.text)).toContain('U wijkt af van het standaardbedrag (€ 100). Vul in waarom.');
    expect(second.res.text).toContain('value="75"');
    const withReason = await step(consulent, id, second.caseId, { kind: 'BESLUIT', date: '2026-11-05', decisionKind: 'BOETE', amount: '75', deviationReason: 'Schulden, afgestemd met schuldhulp' });
    expect(withReason.status).toBe(303);
    const fine = ctx.db.prepare("SELECT amount, default_amount, deviation_reason FROM enforcement_steps WHERE case_id = ? AND kind = 'BESLUIT'").get(second.caseId);
    expect(fine).toEqual({ amount: 75, default_amount: 100, deviation_reason: 'Schulden, afgestemd met schuldhulp' });
    const after = await consulent.agent.get(`/clients/${id}/enforcement`);
    expect(withCharacters(after.text)).toContain('Boete (Wet inburgering 2021), € 75');
    expect(withCharacters(after.text)).toContain('(standaard € 100)');
    expect(after.text).toContain('Dit is geen betaling');
    expect(withCharacters(after.text)).toContain('Standaard voor de 3e keer: <strong>boete van € 150</strong>');
  });

  it('verbetertermijn ends 6 weeks later by default; overdue next step is a signal from the day after the due date', async () => {
    const id = client(ctx);
    const caseId = await openCase(ctx, consulent, id);
    for (const [kind, date] of [['INFORMATIE', '2026-09-01'], ['GESPREK', '2026-09-08'], ['WAARSCHUWINGSGESPREK', '2026-10-01'], ['HOOR_EN_WEDERHOOR', '2026-10-08']] as const) {
      expect((await step(consulent, id, caseId, { kind, date })).status).toBe(303);
    }
    // Hearing on 8 October: decision due 14 days later, on 22 October.
    // The caseload's ENFORCEMENT_OVERDUE signal (client_status), the one source of "step overdue".
    expect(status(ctx.db, id)).toMatchObject({ enforcement_next_step: 'BESLUIT', enforcement_next_due: '2026-10-22' });
    expect(clientSignals(ctx.db, id, '2026-10-22')).not.toContain('ENFORCEMENT_OVERDUE');
    expect(clientSignals(ctx.db, id, '2026-10-23')).toContain('ENFORCEMENT_OVERDUE');
    const overdue = (teamId: number, today: string) =>
      caseloadPage(ctx.db, { teamId }, { ...DEFAULT_FILTER, signal: 'ENFORCEMENT_OVERDUE' }, signalParams(ctx.db, today), 1).rows.map((r) => r.id);
    expect(overdue(ctx.teamA, '2026-10-22')).toEqual([]);
    expect(overdue(ctx.teamA, '2026-10-23')).toEqual([id]);
    expect(overdue(ctx.teamB, '2026-10-23')).toEqual([]);

    expect((await step(consulent, id, caseId, { kind: 'BESLUIT', date: '2026-11-10', decisionKind: 'BOETE', amount: '50' })).status).toBe(303);
    expect((await step(consulent, id, caseId, { kind: 'VERBETERTERMIJN', date: '2026-11-12' })).status).toBe(303);
    const end = ctx.db.prepare("SELECT improvement_end_date FROM enforcement_steps WHERE case_id = ? AND kind = 'VERBETERTERMIJN'").pluck().get(caseId);
    expect(end).toBe('2026-12-24');
    // Due 7 days after the end: 31 December. On that day on time, the day after overdue (clock injected).
    ctx.clock.set('2026-12-31T09:00:00.000Z');
    let page = await (await ctx.login('consulent')).agent.get(`/clients/${id}/enforcement`);
    expect(page.text).toContain('31 december 2026');
    expect(page.text).not.toContain('Te laat');
    ctx.clock.set('2027-01-01T09:00:00.000Z');
    page = await (await ctx.login('consulent')).agent.get(`/clients/${id}/enforcement`);
    expect(page.text).toContain('Te laat');
    expect(page.text).toContain('1 dag over de uiterste datum');
  });

  it('prints a letter with name, address, date and amount in plain Dutch', async () => {
    const id = client(ctx);
    const caseId = await openCase(ctx, consulent, id);
    for (const [kind, date] of [['INFORMATIE', '2026-11-01'], ['GESPREK', '2026-11-02'], ['WAARSCHUWINGSGESPREK', '2026-11-03'], ['HOOR_EN_WEDERHOOR', '2026-11-04']] as const) {
      await step(consulent, id, caseId, { kind, date });
    }
    await step(consulent, id, caseId, { kind: 'BESLUIT', date: '2026-11-05', decisionKind: 'BOETE', amount: '50' });
    const stepId = ctx.db.prepare("SELECT id FROM enforcement_steps WHERE case_id = ? AND kind = 'BESLUIT'").pluck().get(caseId);
    const res = await consulent.agent.get(`/clients/${id}/enforcement/${caseId}/steps/${stepId}/letter`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Yusuf Handhaving');
    expect(res.text).toContain('Lindelaan 12');
    expect(res.text).toContain('1234 AB');
    expect(res.text).toContain('24 november 2026');
    expect(withCharacters(res.text)).toContain('Daarom krijgt u een boete van € 50.');
    expect(res.text).toContain('bezwaar maken');
    expect(res.text).toMatch(/<link rel="stylesheet" href="\/assets\/print\.\w{10}\.css" media="print">/);
    const warningId = ctx.db.prepare("SELECT id FROM enforcement_steps WHERE case_id = ? AND kind = 'WAARSCHUWINGSGESPREK'").pluck().get(caseId);
    const warning = await consulent.agent.get(`/clients/${id}/enforcement/${caseId}/steps/${warningId}/letter`);
    expect(warning.text).toContain('Dit is een waarschuwing.');
    expect((await consulent.agent.get(`/clients/${id}/enforcement/${caseId}/steps/999/letter`)).status).toBe(404);
    expect(ctx.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'handhaving-brief-bekeken' AND client_id = ?").pluck().get(id)).toBe(2);
  });

  it('renders a letter for every kind of step and decision', async () => {
    const id = client(ctx);
    const caseId = await openCase(ctx, consulent, id);
    const steps: [Record<string, string>, string][] = [
      [{ kind: 'INFORMATIE', date: '2026-09-01' }, 'Wat moet u doen?'],
      [{ kind: 'GESPREK', date: '2026-09-02', note: 'Les naar de middag' }, 'Les naar de middag'],
      [{ kind: 'WAARSCHUWINGSGESPREK', date: '2026-09-03' }, 'Dit is een waarschuwing.'],
      [{ kind: 'HOOR_EN_WEDERHOOR', date: '2026-09-04' }, 'binnen 14 dagen'],
      [{ kind: 'BESLUIT', date: '2026-09-05', decisionKind: 'GEEN_SANCTIE', decisionReason: 'Mantelzorg, nu geregeld' }, 'U krijgt geen boete.'],
      [{ kind: 'VERBETERTERMIJN', date: '2026-09-06' }, 'U heeft tot en met 18 oktober 2026.'],
      [{ kind: 'HOOR_EN_WEDERHOOR', date: '2026-10-20' }, 'hoor en wederhoor'],
      [{ kind: 'BESLUIT', date: '2026-10-21', decisionKind: 'MAATREGEL', decisionReason: 'Verlaging van de uitkering met 5% gedurende 1 maand' }, 'Participatiewet'],
      [{ kind: 'AFSLUITING', date: '2026-10-22', note: 'Aanwezigheid verbeterd' }, 'Wij sluiten het traject over uw aanwezigheid af.'],
    ];
    for (const [fields, text] of steps) {
      expect((await step(consulent, id, caseId, fields)).status).toBe(303);
      const stepId = ctx.db.prepare('SELECT MAX(id) FROM enforcement_steps WHERE case_id = ?').pluck().get(caseId);
      const letter = await consulent.agent.get(`/clients/${id}/enforcement/${caseId}/steps/${stepId}/letter`);
      expect(letter.status).toBe(200);
      expect(letter.text).toContain(text);
    }
    expect(ctx.db.prepare('SELECT closed_on FROM enforcement_cases WHERE id = ?').pluck().get(caseId)).toBe('2026-10-22');
  });

  it('after four fines the default is stopping the offer, with its own letter', async () => {
    const id = client(ctx);
    for (let round = 0; round < 5; round += 1) {
      const m = String(round + 5).padStart(2, '0');
      const caseId = await openCase(ctx, consulent, id, `2026-${m}-01`);
      for (const [i, kind] of ['INFORMATIE', 'GESPREK', 'WAARSCHUWINGSGESPREK', 'HOOR_EN_WEDERHOOR'].entries()) {
        await step(consulent, id, caseId, { kind, date: `2026-${m}-0${i + 1}` });
      }
      const page = await consulent.agent.get(`/clients/${id}/enforcement`);
      if (round < 4) {
        expect(withCharacters(page.text)).toContain(`boete van € ${[50, 100, 150, 250][round]}`);
        await step(consulent, id, caseId, { kind: 'BESLUIT', date: `2026-${m}-05`, decisionKind: 'BOETE', amount: String([50, 100, 150, 250][round]) });
        await step(consulent, id, caseId, { kind: 'AFSLUITING', date: `2026-${m}-06`, note: 'Afgerond' });
      } else {
        expect(page.text).toContain('Standaard voor de 5e keer: <strong>aanbod stoppen</strong>');
        expect((await step(consulent, id, caseId, { kind: 'BESLUIT', date: `2026-${m}-05`, decisionKind: 'AANBOD_STOPPEN' })).status).toBe(303);
        const stepId = ctx.db.prepare('SELECT MAX(id) FROM enforcement_steps WHERE case_id = ?').pluck().get(caseId);
        const letter = await consulent.agent.get(`/clients/${id}/enforcement/${caseId}/steps/${stepId}/letter`);
        expect(letter.text).toContain('Daarom stoppen wij uw lessen.');
        const after = await consulent.agent.get(`/clients/${id}/enforcement`);
        expect(after.text).toContain('Volgende stap: Afsluiting');
      }
    }
  });

  it('access: other team 404 (page, step, letter) without data, admin 403, anonymous to log-in', async () => {
    const id = client(ctx);
    const caseId = await openCase(ctx, consulent, id);
    await step(consulent, id, caseId, { kind: 'INFORMATIE', date: '2026-11-01' });
    const stepId = ctx.db.prepare('SELECT id FROM enforcement_steps WHERE case_id = ?').pluck().get(caseId);
    const other = await ctx.login('otherConsulent');
    for (const path of [`/clients/${id}/enforcement`, `/clients/${id}/enforcement/${caseId}/steps/${stepId}/letter`]) {
      const res = await other.agent.get(path);
      expect(res.status).toBe(404);
      expect(res.text).not.toContain('Handhaving');
    }
    const post = await step(other, id, caseId, { kind: 'GESPREK', date: '2026-11-02' });
    expect(post.status).toBe(404);
    // A case id of another client under this client's URL is not found either.
    const otherClient = client(ctx, ctx.teamB, ctx.users.otherConsulent);
    const otherCase = await openCase(ctx, other, otherClient);
    expect((await step(consulent, id, otherCase, { kind: 'INFORMATIE', date: '2026-11-02' })).status).toBe(404);
    expect(ctx.db.prepare('SELECT COUNT(*) FROM enforcement_steps').pluck().get()).toBe(1);
    const admin = await ctx.login('admin');
    expect((await admin.agent.get(`/clients/${id}/enforcement`)).status).toBe(403);
    const anon = await request(ctx.app).get(`/clients/${id}/enforcement`);
    expect(anon.status).toBe(303);
    expect(anon.headers.location).toBe('/login');
  });
});

describe('admin page /admin/enforcement-rules', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await buildTestApp();
  });

  const valid = {
    effectiveFrom: '2026-12-01',
    'fineAmounts.0': '60',
    'fineAmounts.1': '120',
    'fineAmounts.2': '180',
    'fineAmounts.3': '300',
    stopOfferAfterFines: 'on',
    improvementWeeks: '4',
    'dueDays.opening': '10',
    'dueDays.INFORMATIE': '14',
    'dueDays.GESPREK': '42',
    'dueDays.WAARSCHUWINGSGESPREK': '42',
    'dueDays.HOOR_EN_WEDERHOOR': '14',
    'dueDays.BESLUIT': '7',
    'dueDays.VERBETERTERMIJN': '7',
    note: 'Bedragen 2027',
  };

  it('shows the defaults and refuses invalid input with Dutch messages next to the fields, keeping the input', async () => {
    const admin = await ctx.login('admin');
    const page = await admin.agent.get('/admin/enforcement-rules');
    expect(page.status).toBe(200);
    expect(withCharacters(page.text)).toContain('€ 50, € 100, € 150, € 250, daarna aanbod stoppen');
    const res = await admin.agent
      .post('/admin/enforcement-rules')
      .type('form')
      .send({ _csrf: admin.csrf, ...valid, 'fineAmounts.1': '40', 'dueDays.GESPREK': 'veel' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Het aantal dagen moet een getal zijn');
    expect(res.text).toContain('value="veel"');
    const res2 = await admin.agent.post('/admin/enforcement-rules').type('form').send({ _csrf: admin.csrf, ...valid, 'fineAmounts.1': '40', improvementWeeks: '0' });
    expect(res2.status).toBe(400);
    expect(res2.text).toMatch(/id="veld-fineAmounts-1-fout">.*Boetebedrag 2: mag niet lager zijn dan boetebedrag 1/s);
    expect(res2.text).toContain('Verbetertermijn: moet minimaal 1 week zijn');
    expect(res2.text).toContain('value="40"');
    const past = await admin.agent.post('/admin/enforcement-rules').type('form').send({ _csrf: admin.csrf, ...valid, effectiveFrom: '2026-01-01' });
    expect(past.status).toBe(400);
    expect(past.text).toContain('De ingangsdatum mag niet in het verleden liggen');
    expect(ctx.db.prepare('SELECT COUNT(*) FROM enforcement_rule_versions').pluck().get()).toBe(0);
  });

  it('stores a new version that applies from its date on the client page', async () => {
    const admin = await ctx.login('admin');
    const res = await admin.agent.post('/admin/enforcement-rules').type('form').send({ _csrf: admin.csrf, ...valid });
    expect(res.status).toBe(303);
    expect(ctx.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'handhavingsregels-gewijzigd' AND activity = 'beheer'").pluck().get()).toBe(1);
    const consulent = await ctx.login('consulent');
    const id = client(ctx);
    await openCase(ctx, consulent, id);
    expect(withCharacters((await consulent.agent.get(`/clients/${id}/enforcement`)).text)).toContain('boete van € 50');
    ctx.clock.set('2026-12-01T09:00:00.000Z');
    const later = await ctx.login('consulent');
    const page = await later.agent.get(`/clients/${id}/enforcement`);
    expect(withCharacters(page.text)).toContain('boete van € 60');
    expect(page.text).toContain('4 weken na de datum');
  });

  it('is for admins only', async () => {
    const c = await ctx.login('consulent');
    expect((await c.agent.post('/admin/enforcement-rules').type('form').send({ _csrf: c.csrf, ...valid })).status).toBe(403);
    expect(ctx.db.prepare('SELECT COUNT(*) FROM enforcement_rule_versions').pluck().get()).toBe(0);
  });
});
