import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { refreshClientStatus } from '../../src/db/client-status.js';
import { buildTestApp, withoutCsrfToken } from '../helpers/app.js';
import { addExam, addLevel } from '../helpers/use-case-fixtures.js';
import {
  addAgreement,
  addConversation,
  addDecision,
  addHours,
  chooseRoute,
  completeIntake,
  insertClient,
  setPip,
  status,
} from '../helpers/fixtures.js';

const TODAY = '2026-11-24';
const NOW = '2026-11-24T09:00:00.000Z';
const BSN = '123456782';

async function setup(route: 'B1' | 'Z' = 'B1', pipOn = '2025-03-03') {
  const ctx = await buildTestApp();
  const { db, teamA, users } = ctx;
  const mk = (firstName = 'Amina', lastName = 'Haddad', bsn: string | null = null) => {
    const id = insertClient(db, { teamId: teamA, consulentId: users.consulent, firstName, lastName, bsn });
    completeIntake(db, id);
    chooseRoute(db, id, route, users.consulent);
    setPip(db, id, users.consulent, pipOn);
    refreshClientStatus(db, id, TODAY);
    return id;
  };
  const { agent, csrf } = await ctx.login('consulent');
  return { ...ctx, mk, agent, csrf };
}

const EXTRA: Record<string, Record<string, string>> = {
  COMPLETED: { overrideReason: 'Examens bij andere gemeente gehaald, papieren onderweg' },
  ONTHEFFING: { ontheffingGround: 'MEDICAL' },
  VERHUIZING: { newMunicipality: 'Utrecht' },
};

describe('closure page /clients/:id/closure', () => {
  it('each way of ending closes the trajectory; the pages stay readable and the forms then refuse', async () => {
    const { db, mk, agent, csrf } = await setup();
    for (const type of ['COMPLETED', 'ONTHEFFING', 'VRIJSTELLING', 'VERHUIZING', 'TERMIJN_ENDED', 'DECEASED', 'LEFT_COUNTRY']) {
      const id = mk('Cliënt', type);
      const res = await agent
        .post(`/clients/${id}/closure`)
        .type('form')
        .send({ _csrf: csrf, type, closedOn: '2026-11-20', reason: `Reden ${type}`, ...EXTRA[type] });
      expect(res.status, type).toBe(303);
      expect(db.prepare('SELECT closed_on, closure_reason FROM clients WHERE id = ?').get(id), type).toEqual({
        closed_on: '2026-11-20',
        closure_reason: type,
      });
      const decision = db.prepare(`SELECT reason, data FROM decisions WHERE client_id = ? AND kind = 'CLOSURE'`).get(id) as {
        reason: string;
        data: string;
      };
      expect(decision.reason).toBe(`Reden ${type}`);
      expect(JSON.parse(decision.data).type).toBe(type);
      expect(status(db, id)).toMatchObject({ phase: 'CLOSED', closed_on: '2026-11-20' });
      expect(db.prepare(`SELECT COUNT(*) FROM client_events WHERE client_id = ? AND kind = 'CLOSURE'`).pluck().get(id)).toBe(1);

      const page = await agent.get(`/clients/${id}/closure`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('Dit traject is afgesloten op 20 november 2026');
      expect(page.text).toContain(`Reden ${type}`);
      expect(page.text).not.toContain(`action="/clients/${id}/closure"`);
      expect((await agent.get(`/clients/${id}/language`)).status).toBe(200);

      const again = await agent
        .post(`/clients/${id}/closure`)
        .type('form')
        .send({ _csrf: csrf, type: 'DECEASED', closedOn: '2026-11-21', reason: 'nogmaals' });
      expect(again.status).toBe(409);
      expect(again.text).toContain('Dit dossier is afgesloten op 20 november 2026');
      const ext = await agent
        .post(`/clients/${id}/closure/extension`)
        .type('form')
        .send({ _csrf: csrf, months: '6', extendedOn: '2026-11-21', extensionReason: 'x' });
      expect(ext.status).toBe(409);
      const level = await agent
        .post(`/clients/${id}/language/levels`)
        .type('form')
        .send({ _csrf: csrf, skill: 'READING', level: 'A2', source: 'PROVIDER_TEST', measuredOn: '2026-11-21' });
      expect(level.status).toBe(409);
      expect(level.text).toContain('U kunt het dossier nog lezen, maar niets nieuws vastleggen.');
    }
    expect(db.prepare(`SELECT COUNT(*) FROM decisions WHERE kind = 'CLOSURE'`).pluck().get()).toBe(7);
    expect(db.prepare(`SELECT COUNT(*) FROM audit_log WHERE action = 'traject-afgesloten' AND activity = 'afronding'`).pluck().get()).toBe(7);
  });

  it('the dossier of a closed trajectory does not ask for a next conversation or call agreements overdue after the closing day', async () => {
    const { db, users, mk, agent, csrf, clock, login } = await setup('Z');
    const id = mk('Gesloten', 'Dossier');
    addConversation(db, id, 'VOORTGANG', '2026-10-01', users.consulent);
    addAgreement(db, id, '2026-11-10', users.consulent); // overdue when closing
    addAgreement(db, id, '2026-12-01', users.consulent); // due after the closing day
    refreshClientStatus(db, id, TODAY);
    const res = await agent.post(`/clients/${id}/closure`).type('form').send({ _csrf: csrf, type: 'DECEASED', closedOn: '2026-11-20', reason: 'Bericht van de familie' });
    expect(res.status).toBe(303);
    clock.set('2027-01-15T09:00:00.000Z');
    const later = await login('consulent'); // weeks later: a new session
    const page = await later.agent.get(`/clients/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Dit dossier is afgesloten op 20 november 2026: overleden.');
    expect(page.text).toContain('Afspraken die openstonden bij het afsluiten');
    expect(page.text).toContain('Geen: het traject is afgesloten');
    expect([...page.text.matchAll(/koers-badge--bad">verlopen</g)]).toHaveLength(1);
  });

  it('a teamleider can withdraw a closure made by mistake, with a reason; the consulent cannot; the dossier is open again', async () => {
    const { db, users, mk, agent, csrf, login } = await setup('Z');
    const id = mk('Verkeerd', 'Afgesloten');
    const closed = await agent.post(`/clients/${id}/closure`).type('form').send({ _csrf: csrf, type: 'LEFT_COUNTRY', closedOn: '2026-11-20', reason: 'Verkeerde cliënt gekozen' });
    expect(closed.status).toBe(303);
    const consulentPage = await agent.get(`/clients/${id}/closure`);
    expect(consulentPage.text).toContain('Uw teamleider kan de afsluiting intrekken');
    expect(consulentPage.text).not.toContain('/closure/reopen');
    const refused = await agent.post(`/clients/${id}/closure/reopen`).type('form').send({ _csrf: csrf, reopenReason: 'Zelf doen' });
    expect(refused.status).toBe(403);
    expect(status(db, id).closed_on).toBe('2026-11-20');

    const tl = await login('teamleider');
    const page = await tl.agent.get(`/clients/${id}/closure`);
    expect(page.text).toContain('action="/clients/' + id + '/closure/reopen"');
    const empty = await tl.agent.post(`/clients/${id}/closure/reopen`).type('form').send({ _csrf: tl.csrf, reopenReason: '' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Vul de reden om de afsluiting in te trekken in');
    expect(status(db, id).closed_on).toBe('2026-11-20');
    const ok = await tl.agent.post(`/clients/${id}/closure/reopen`).type('form').send({ _csrf: tl.csrf, reopenReason: 'Afgesloten bij de verkeerde cliënt' });
    expect(ok.status).toBe(303);
    expect(db.prepare('SELECT closed_on, closure_reason FROM clients WHERE id = ?').get(id)).toEqual({ closed_on: null, closure_reason: null });
    expect(status(db, id)).toMatchObject({ closed_on: null });
    expect(status(db, id).phase).not.toBe('CLOSED');
    expect(db.prepare(`SELECT revoked_on, revoked_by, revoke_reason FROM decisions WHERE client_id = ? AND kind = 'CLOSURE'`).get(id)).toEqual({
      revoked_on: TODAY,
      revoked_by: users.teamleider,
      revoke_reason: 'Afgesloten bij de verkeerde cliënt',
    });
    expect(db.prepare(`SELECT summary FROM client_events WHERE client_id = ? AND kind = 'CLOSURE' ORDER BY id DESC LIMIT 1`).pluck().get(id)).toBe(
      'Afsluiting ingetrokken (was: vertrokken uit Nederland op 20 november 2026). Reden: Afgesloten bij de verkeerde cliënt.',
    );
    expect(db.prepare(`SELECT COUNT(*) FROM audit_log WHERE action = 'afsluiting-ingetrokken' AND client_id = ?`).pluck().get(id)).toBe(1);
    // New work is possible again.
    const hours = await agent.post(`/clients/${id}/hours`).type('form').send({ _csrf: csrf, kind: 'LANGUAGE', periodStart: '2026-11-01', periodEnd: '2026-11-20', hours: '10' });
    expect(hours.status).toBe(303);
    const again = await tl.agent.post(`/clients/${id}/closure/reopen`).type('form').send({ _csrf: tl.csrf, reopenReason: 'Nog eens' });
    expect(again.status).toBe(409);
    expect(again.text).toContain('Dit traject is niet afgesloten.');
  });

  it('validates the form and keeps the input; ontheffing needs a ground, verhuizing a municipality', async () => {
    const { mk, agent, csrf } = await setup();
    const id = mk();
    const empty = await agent.post(`/clients/${id}/closure`).type('form').send({ _csrf: csrf, reason: 'Iets' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Kies hoe het traject eindigt');
    expect(empty.text).toContain('>Iets</textarea>');
    const future = await agent
      .post(`/clients/${id}/closure`)
      .type('form')
      .send({ _csrf: csrf, type: 'VRIJSTELLING', closedOn: '2026-12-01', reason: 'Diploma' });
    expect(future.status).toBe(400);
    expect(future.text).toContain('De datum van afsluiten mag niet in de toekomst liggen');
    const noGround = await agent
      .post(`/clients/${id}/closure`)
      .type('form')
      .send({ _csrf: csrf, type: 'ONTHEFFING', closedOn: '2026-11-20', reason: 'Ziek' });
    expect(noGround.status).toBe(400);
    expect(noGround.text).toContain('Kies de grond voor de ontheffing');
    const noTown = await agent
      .post(`/clients/${id}/closure`)
      .type('form')
      .send({ _csrf: csrf, type: 'VERHUIZING', closedOn: '2026-11-20', reason: 'Verhuisd' });
    expect(noTown.status).toBe(400);
    expect(noTown.text).toContain('Vul de nieuwe gemeente in');
  });

  it('COMPLETED shows the domain check and is refused when it fails, unless an override reason is given', async () => {
    const { db, users, mk, agent, csrf } = await setup();
    const id = mk();
    const page = await agent.get(`/clients/${id}/closure`);
    expect(page.text).toContain('Lezen: nog geen examen op B1 gehaald');
    expect(page.text).toContain('KNM nog niet afgerond');
    const body = { _csrf: csrf, type: 'COMPLETED', closedOn: '2026-11-20', reason: 'Klaar' };
    const refused = await agent.post(`/clients/${id}/closure`).type('form').send(body);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('De cliënt voldoet (nog) niet aan de eisen om af te ronden');
    expect(db.prepare('SELECT closed_on FROM clients WHERE id = ?').pluck().get(id)).toBeNull();

    // B1 requirements met: four skills at B1 + KNM, MAP, PVT → no override needed
    const done = mk('Bilal', 'Klaar');
    for (const part of ['READING', 'LISTENING', 'WRITING', 'SPEAKING'] as const) {
      addExam(db, done, { part, level: 'B1', registeredOn: '2026-01-05', examOn: '2026-03-02', result: 'PASSED', resultNote: null }, users.consulent, NOW);
    }
    for (const kind of ['KNM_COMPLETED', 'MAP_COMPLETED', 'PVT_COMPLETED']) addDecision(db, done, kind, users.consulent);
    const donePage = await agent.get(`/clients/${done}/closure`);
    expect(donePage.text).toContain('Spreken: examen gehaald op B1');
    expect((await agent.post(`/clients/${done}/closure`).type('form').send(body)).status).toBe(303);

    // Z-route: the eindgesprek held is what completes it
    const z = await setup('Z');
    const zid = z.mk();
    const zRefused = await z.agent.post(`/clients/${zid}/closure`).type('form').send({ ...body, _csrf: z.csrf });
    expect(zRefused.status).toBe(400);
    addConversation(z.db, zid, 'EIND', '2026-11-18', z.users.consulent);
    const zPage = await z.agent.get(`/clients/${zid}/closure`);
    expect(zPage.text).toContain('Eindgesprek gehouden op 18 november 2026');
    expect((await z.agent.post(`/clients/${zid}/closure`).type('form').send({ ...body, _csrf: z.csrf })).status).toBe(303);

    const override = await agent
      .post(`/clients/${id}/closure`)
      .type('form')
      .send({ ...body, overrideReason: 'Diploma uit het buitenland erkend' });
    expect(override.status).toBe(303);
    const data = JSON.parse(db.prepare(`SELECT data FROM decisions WHERE client_id = ? AND kind = 'CLOSURE'`).pluck().get(id) as string);
    expect(data).toEqual({ type: 'COMPLETED', overrideReason: 'Diploma uit het buitenland erkend' });
  });

  it('verlenging: refused before 30 months with the reason, allowed after; termijn end and forecast change', async () => {
    const { db, users, mk, agent: firstAgent, csrf: firstCsrf, clock, login } = await setup('Z', '2024-05-25');
    let agent = firstAgent;
    const csrf = firstCsrf;
    const id = mk();
    addHours(db, id, 'LANGUAGE', 440, users.consulent, '2026-06-30', '2024-06-01');
    addHours(db, id, 'LANGUAGE', 60, users.consulent, '2026-11-20', '2026-09-05');
    addHours(db, id, 'PARTICIPATION', 800, users.consulent, '2026-06-30', '2024-06-01');
    refreshClientStatus(db, id, TODAY);
    expect(status(db, id)).toMatchObject({ termijn_end: '2027-05-25', at_risk: 1 });
    const body = { _csrf: csrf, months: '12', extendedOn: '2026-11-24', extensionReason: 'Lange ziekte' };
    const early = await agent.post(`/clients/${id}/closure/extension`).type('form').send(body);
    expect(early.status).toBe(400);
    expect(early.text).toContain('Verlengen kan pas vanaf 25 november 2026: 30 maanden na de start van de termijn op 25 mei 2024.');
    expect(early.text).toContain('Lange ziekte');
    const tooMany = await agent.post(`/clients/${id}/closure/extension`).type('form').send({ ...body, months: '25' });
    expect(tooMany.status).toBe(400);
    expect(tooMany.text).toContain('Het aantal maanden mag niet groter zijn dan 24');

    clock.set('2026-11-25T09:00:00.000Z');
    const next = await login('consulent'); // a day later: a new session
    agent = next.agent;
    body._csrf = next.csrf;
    const signalPage = await agent.get(`/clients/${id}/closure`);
    expect(signalPage.text).toContain('Overweeg verlenging.');
    const ok = await agent.post(`/clients/${id}/closure/extension`).type('form').send({ ...body, extendedOn: '2026-11-25' });
    expect(ok.status).toBe(303);
    expect(status(db, id)).toMatchObject({ termijn_end: '2028-05-25', at_risk: 0 });
    const page = await agent.get(`/clients/${id}/closure`);
    expect(page.text).toContain('25 mei 2028');
    expect(page.text).toContain('12 maanden, besloten op 25 november 2026. Reden: Lange ziekte');
    expect(page.text).not.toContain('Overweeg verlenging.');
  });

  it('verhuizing leads to a handover summary with what the new municipality needs; BSN only for the own consulent', async () => {
    const { db, users, mk, agent, csrf, ...ctx } = await setup();
    const id = mk('Amina', 'Haddad', BSN);
    db.prepare(
      `UPDATE clients SET address = 'Dorpsstraat 4', postcode = '1234 AB', city = 'Noordwijk', phone = '06-12345678',
         email = 'amina@example.org', preferred_language = 'Arabisch', interpreter_needed = 1 WHERE id = ?`,
    ).run(id);
    addHours(db, id, 'LANGUAGE', 512.5, users.consulent);
    addHours(db, id, 'PARTICIPATION', 40, users.consulent);
    addLevel(db, id, { skill: 'CONVERSATION', level: 'A2', source: 'PROGRESS_REPORT', measuredOn: '2026-10-01', note: null }, users.consulent, NOW);
    addExam(db, id, { part: 'LISTENING', level: 'B1', registeredOn: '2026-01-05', examOn: '2026-03-02', result: 'FAILED', resultNote: null }, users.consulent, NOW);
    addAgreement(db, id, '2026-12-15', users.consulent);
    addAgreement(db, id, '2026-10-15', users.consulent, 'GEREALISEERD');
    const closed = await agent
      .post(`/clients/${id}/closure`)
      .type('form')
      .send({ _csrf: csrf, type: 'VERHUIZING', closedOn: '2026-11-20', reason: 'Verhuisd naar familie', newMunicipality: 'Utrecht' });
    expect(closed.status).toBe(303);
    expect(closed.headers.location).toBe(`/clients/${id}/closure/handover`);

    const res = await agent.get(`/clients/${id}/closure/handover`);
    expect(res.status).toBe(200);
    for (const text of [
      'Overdracht inburgering',
      'voor de gemeente <strong>Utrecht</strong>',
      'B1-route (gekozen op 10 februari 2025)',
      'Versie 1 van 3 maart 2025',
      '3 maart 2025 tot 3 maart 2028',
      '512,5',
      'Gesprekken voeren</td><td>A2',
      'Luisteren</td><td>B1</td><td class="koers-num">1</td>',
      'Niet gehaald',
      'Testafspraak',
      '15-12-2026',
      'Dorpsstraat 4, 1234 AB Noordwijk',
      '06-12345678',
      'amina@example.org',
      'Arabisch',
      '<dt>Tolk nodig</dt><dd>Ja</dd>',
      BSN,
    ]) {
      expect(res.text, text).toContain(text);
    }
    expect(res.text).not.toContain('15-10-2026'); // realised agreements are not open
    expect(db.prepare(`SELECT activity FROM audit_log WHERE action = 'overdracht-bekeken'`).pluck().get()).toBe('afronding');

    for (const who of ['teamleider', 'consulent2']) {
      const other = await ctx.login(who);
      const page = await other.agent.get(`/clients/${id}/closure/handover`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('Dorpsstraat 4');
      expect(page.text).not.toContain(BSN);
      expect(withoutCsrfToken(page.text)).not.toContain('6782');
      expect(page.text).toContain('Alleen zichtbaar voor de eigen consulent');
    }
  });

  it('access: other team → 404 without data, admin → 403, anonymous → log-in', async () => {
    const { mk, ...ctx } = await setup();
    const id = mk('Amina', 'Haddad', BSN);
    const other = await ctx.login('otherTeamleider');
    for (const path of [`/clients/${id}/closure`, `/clients/${id}/closure/handover`]) {
      const res = await other.agent.get(path);
      expect(res.status).toBe(404);
      expect(res.text).not.toContain('Haddad');
      expect(res.text).not.toContain(BSN);
    }
    const post = await other.agent
      .post(`/clients/${id}/closure`)
      .type('form')
      .send({ _csrf: other.csrf, type: 'DECEASED', closedOn: '2026-11-20', reason: 'x' });
    expect(post.status).toBe(404);
    expect(ctx.db.prepare('SELECT closed_on FROM clients WHERE id = ?').pluck().get(id)).toBeNull();
    const admin = await ctx.login('admin');
    expect((await admin.agent.get(`/clients/${id}/closure`)).status).toBe(403);
    expect((await admin.agent.get(`/clients/${id}/closure/handover`)).status).toBe(403);
    const anon = await request(ctx.app).get(`/clients/${id}/closure/handover`);
    expect(anon.status).toBe(303);
    expect(anon.headers.location).toBe('/login');
  });
});
