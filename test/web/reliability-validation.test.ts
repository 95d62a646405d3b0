// Bad input on the main forms: a Dutch message next to the field (aria-invalid), status 400, nothing saved,
// and everything else the user typed is still in the form.
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { snapshotDb } from '../helpers/db-snapshot.js';
import { expectFieldError, expectKept } from '../helpers/form-assertions.js';
import { addAgreement, addHours, insertClient, zRouteClient } from '../helpers/fixtures.js';

const LONG = 'x'.repeat(5000);
const DUTCH = /\b(vul|kies|moet|mag|maximaal|niet|geen|ongeldig|datum|getal|bestaat|klopt)\b/i;

describe('reliability: bad input keeps what was typed', async () => {
  const ctx = await buildTestApp();
  const { agent, csrf } = await ctx.login('consulent');

  async function postBad(path: string, body: Record<string, string>) {
    const before = snapshotDb(ctx.db);
    const res = await agent.post(path).type('form').send({ _csrf: csrf, ...body });
    expect(res.status).toBe(400);
    expect(snapshotDb(ctx.db)).toEqual(before);
    return res.text;
  }

  const client = (o: Record<string, string>) => ({
    firstName: 'Amina',
    lastName: 'Haddad',
    birthDate: '1991-03-14',
    bsn: '',
    clientNumber: 'K-7001',
    doelgroep: 'ASIELSTATUSHOUDER',
    linkedOn: '2026-10-01',
    address: 'Lindelaan 4',
    city: 'Koersdam',
    ...o,
  });

  it('client registration: missing, too long, impossible date, BSN failing the elfproef', async () => {
    const html = await postBad('/clients/new', client({ lastName: '', firstName: LONG, birthDate: '2026-02-31', bsn: '123456789', linkedOn: '31-02-2026' }));
    expectFieldError(html, 'lastName', DUTCH);
    expectFieldError(html, 'firstName', /100/);
    expectFieldError(html, 'birthDate', DUTCH);
    expectFieldError(html, 'linkedOn', DUTCH);
    expectFieldError(html, 'bsn', /elfproef|BSN|klopt/i);
    expectKept(html, 'address', 'Lindelaan 4');
    expectKept(html, 'city', 'Koersdam');
    expectKept(html, 'bsn', '123456789');
  });

  it('client edit: wrong type in a choice, too long address', async () => {
    const id = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent });
    const html = await postBad(`/clients/${id}/edit`, client({ doelgroep: 'MARSMANNETJE', address: LONG, version: '1' }));
    expectFieldError(html, 'doelgroep', DUTCH);
    expectFieldError(html, 'address', /200/);
    expectKept(html, 'city', 'Koersdam');
    expectKept(html, 'lastName', 'Haddad');
  });

  it('intake: score out of range and not a number, impossible date', async () => {
    const id = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent });
    const html = await postBad(`/clients/${id}/intake`, {
      educationHistory: 'Basisschool in Eritrea, 6 jaar',
      leerbaarheidScore: 'veel',
      leerbaarheidOn: '2026-02-31',
      languagesSpoken: LONG,
    });
    expectFieldError(html, 'leerbaarheidScore', DUTCH);
    expectFieldError(html, 'leerbaarheidOn', DUTCH);
    expectFieldError(html, 'languagesSpoken', /500/);
    expectKept(html, 'educationHistory', 'Basisschool in Eritrea, 6 jaar');
  });

  it('PIP: missing goal, negative hours, impossible date', async () => {
    const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    const html = await postBad(`/clients/${id}/pip`, {
      vastgesteldOn: '2026-11-02',
      revisionReason: 'OTHER',
      languageGoal: '',
      participationGoals: 'Vrijwilligerswerk bij de voedselbank',
      hoursPerWeekLanguage: '-3',
      pvtSigningPlannedOn: '31-02-2026',
    });
    expectFieldError(html, 'languageGoal', DUTCH);
    expectFieldError(html, 'hoursPerWeekLanguage', DUTCH);
    expectFieldError(html, 'pvtSigningPlannedOn', DUTCH);
    expectKept(html, 'participationGoals', 'Vrijwilligerswerk bij de voedselbank');
  });

  it('hours: negative hours, not a number, impossible date, too long organisation', async () => {
    const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    let html = await postBad(`/clients/${id}/hours`, {
      kind: 'LANGUAGE',
      periodStart: '2026-11-01',
      periodEnd: '2026-02-31',
      hours: '-4',
      organisation: LONG,
      note: 'Lessen in de bibliotheek',
    });
    expectFieldError(html, 'hours', DUTCH);
    expectFieldError(html, 'periodEnd', DUTCH);
    expectFieldError(html, 'organisation', /200/);
    expectKept(html, 'note', 'Lessen in de bibliotheek');
    html = await postBad(`/clients/${id}/hours`, { kind: 'LANGUAGE', periodStart: '2026-11-01', periodEnd: '2026-11-20', hours: 'tien', organisation: 'Taalhuis' });
    expectFieldError(html, 'hours', DUTCH);
    expectKept(html, 'organisation', 'Taalhuis');
  });

  it('voortgangsgesprek: impossible date keeps the notes', async () => {
    const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    const html = await postBad(`/clients/${id}/conversations/new`, {
      heldOn: '31-02-2026',
      clientPresent: 'on',
      goingWell: 'Spreekt al veel meer Nederlands',
      coachName: LONG,
    });
    expectFieldError(html, 'heldOn', DUTCH);
    expectFieldError(html, 'coachName', /200/);
    expectKept(html, 'goingWell', 'Spreekt al veel meer Nederlands');
  });

  it('agreement: impossible date and too long description keep the owner and the other row', async () => {
    const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    const html = await postBad(`/clients/${id}/agreements`, { agreement_0_description: 'Bibliotheekpas halen', agreement_0_owner: 'CLIENT', agreement_0_due: '2026-02-31' });
    expect(html).toMatch(DUTCH);
    expect(html).toContain('aria-invalid="true"');
    expectKept(html, 'agreement_0_description', 'Bibliotheekpas halen');
    const long = await postBad(`/clients/${id}/agreements`, { agreement_0_description: LONG, agreement_0_owner: 'CLIENT', agreement_0_due: '2026-12-20' });
    expect(long).toContain('maximaal 1000 tekens');
  });

  it('hour entry edit and agreement status: wrong types are refused without a crash', async () => {
    const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    const hourId = addHours(ctx.db, id, 'LANGUAGE', 4, ctx.users.consulent);
    const agreementId = addAgreement(ctx.db, id, '2026-12-20', ctx.users.consulent);
    const html = await postBad(`/clients/${id}/hours/${hourId}/edit`, { kind: 'LANGUAGE', periodStart: '2026-10-01', periodEnd: '2026-10-31', hours: '1e999', note: 'Ingevuld', version: '1' });
    expectFieldError(html, 'hours', DUTCH);
    expectKept(html, 'note', 'Ingevuld');
    const status = await postBad(`/clients/${id}/agreements/${agreementId}/status`, { status: 'WEG', note: 'Toelichting', version: '1' });
    expect(status).toMatch(DUTCH);
  });
});

describe('reliability: fields sent as arrays or objects (wrong type)', async () => {
  const ctx = await buildTestApp();
  const { agent, csrf } = await ctx.login('consulent');
  it.each([
    ['/clients/new', 'lastName'],
    ['/clients/new', 'birthDate'],
    ['HOURS', 'hours'],
    ['HOURS', 'note'],
    ['AGREEMENTS', 'agreement_0_description'],
    ['/caseload/filters', 'name'],
  ])('POST %s with %s[] gives a 400 or a safe refusal, never a 500', async (path, field) => {
    const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    const url = path === 'HOURS' ? `/clients/${id}/hours` : path === 'AGREEMENTS' ? `/clients/${id}/agreements` : path;
    const before = snapshotDb(ctx.db);
    const original = console.error;
    console.error = () => undefined;
    try {
      const res = await agent
        .post(url)
        .type('form')
        .send(`_csrf=${csrf}&kind=LANGUAGE&periodStart=2026-11-01&periodEnd=2026-11-20&${field}[]=a&${field}[]=b&${field}[x]=c`);
      expect(res.status).toBe(400);
      expect(res.text).not.toMatch(/TypeError|at .*\.(ts|js):\d+/);
    } finally {
      console.error = original;
    }
    expect(snapshotDb(ctx.db)).toEqual(before);
  });
});
