import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { refreshClientStatus } from '../../src/db/client-status.js';
import { listExams } from '../../src/db/language.js';
import { loadProgress } from '../../src/db/progress.js';
import { buildTestApp } from '../helpers/app.js';
import { addExam, addLevel, closeTrajectory } from '../helpers/use-case-fixtures.js';
import { addHours, chooseRoute, completeIntake, insertClient, setPip } from '../helpers/fixtures.js';

const TODAY = '2026-11-24';
const NOW = '2026-11-24T09:00:00.000Z';

async function setup() {
  const ctx = await buildTestApp();
  const { db, teamA, users } = ctx;
  const id = insertClient(db, { teamId: teamA, consulentId: users.consulent, firstName: 'Yonas', lastName: 'Tesfaye' });
  completeIntake(db, id);
  chooseRoute(db, id, 'B1', users.consulent);
  setPip(db, id, users.consulent);
  refreshClientStatus(db, id, TODAY);
  const { agent, csrf } = await ctx.login('consulent');
  return { ...ctx, id, agent, csrf };
}

describe('language page /clients/:id/language', () => {
  it('shows a chart per skill with a summary, the numbers in a table, and exams with attempts', async () => {
    const { db, users, id, agent } = await setup();
    for (const [level, on] of [
      ['PRE_A1', '2025-03-20'],
      ['A1', '2026-10-12'],
    ] as const) {
      addLevel(db, id, { skill: 'SPEAKING', level, source: 'PROVIDER_TEST', measuredOn: on, note: null }, users.consulent, NOW);
    }
    const e = { part: 'READING' as const, level: 'B1' as const, registeredOn: '2026-01-05', resultNote: null };
    addExam(db, id, { ...e, examOn: '2026-03-02', result: 'FAILED' }, users.consulent, NOW);
    addExam(db, id, { ...e, examOn: '2026-09-29', registeredOn: '2026-08-01', result: null }, users.consulent, NOW);
    const res = await agent.get(`/clients/${id}/language`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<h1>Taal en examens');
    expect(res.text).toContain('role="img" aria-label="Spreken: van pre-A1 (maart 2025) naar A1 (oktober 2026)"');
    expect(res.text).toContain('<caption class="koers-visually-hidden">Spreken: alle metingen</caption>');
    expect(res.text).not.toMatch(/style="/);
    expect(res.text).toContain('Gesprekken voeren');
    // attempt 2 of reading, and the 8-week signal (exam 29-09-2026, today 24-11-2026)
    expect(res.text).toMatch(/<td class="koers-num">2<\/td>\s*<td>01-08-2026<\/td>/);
    expect(res.text).toMatch(/<td class="koers-num">1<\/td>\s*<td>05-01-2026<\/td>/);
    expect(res.text).toContain('na 8 weken nog geen uitslag vastgelegd');
    expect(res.text).toContain('Nog geen uitslag');
    const audit = db.prepare(`SELECT activity FROM audit_log WHERE action = 'taal-examens-bekeken' AND client_id = ?`).pluck().all(id);
    expect(audit).toEqual(['voortgang']);
  });

  it('records a level; a date in the future is refused and the input kept', async () => {
    const { db, id, agent, csrf } = await setup();
    const bad = await agent
      .post(`/clients/${id}/language/levels`)
      .type('form')
      .send({ _csrf: csrf, skill: 'WRITING', level: 'A2', source: 'PROGRESS_REPORT', measuredOn: '2026-11-25', note: 'Rapport De Brug' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('De datum van de meting mag niet in de toekomst liggen');
    expect(bad.text).toContain('Rapport De Brug');
    expect(bad.text).toMatch(/<option value="WRITING" selected>/);
    const unknown = await agent
      .post(`/clients/${id}/language/levels`)
      .type('form')
      .send({ _csrf: csrf, skill: 'DANCING', level: 'C1', source: 'PROGRESS_REPORT', measuredOn: '2026-11-20' });
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('Kies een vaardigheid');
    expect(unknown.text).toContain('Kies een niveau');

    const ok = await agent
      .post(`/clients/${id}/language/levels`)
      .type('form')
      .send({ _csrf: csrf, skill: 'WRITING', level: 'A2', source: 'PROGRESS_REPORT', measuredOn: '24-11-2026', note: '' });
    expect(ok.status).toBe(303);
    expect(db.prepare('SELECT skill, level, measured_on FROM language_levels WHERE client_id = ?').get(id)).toEqual({
      skill: 'WRITING',
      level: 'A2',
      measured_on: '2026-11-24',
    });
    expect(db.prepare(`SELECT COUNT(*) FROM client_events WHERE client_id = ? AND kind = 'LANGUAGE_LEVEL'`).pluck().get(id)).toBe(1);
    expect(db.prepare(`SELECT activity FROM audit_log WHERE action = 'taalniveau-vastgelegd'`).pluck().get()).toBe('voortgang');
  });

  it('registers exams (level required except KNM) and edits the result later', async () => {
    const { db, id, agent, csrf } = await setup();
    const noLevel = await agent
      .post(`/clients/${id}/language/exams`)
      .type('form')
      .send({ _csrf: csrf, part: 'SPEAKING', examLevel: '', registeredOn: '2026-11-01', examOn: '2026-10-01' });
    expect(noLevel.status).toBe(400);
    expect(noLevel.text).toContain('Kies het niveau van het examen (A2, B1 of B2)');
    expect(noLevel.text).toContain('De examendatum kan niet voor de aanmelddatum liggen');

    const futureResult = await agent
      .post(`/clients/${id}/language/exams`)
      .type('form')
      .send({ _csrf: csrf, part: 'SPEAKING', examLevel: 'B1', registeredOn: '2026-11-01', examOn: '2026-12-15', result: 'PASSED' });
    expect(futureResult.status).toBe(400);
    expect(futureResult.text).toContain('Het examen is nog niet geweest; laat de uitslag leeg');

    for (const body of [
      { part: 'KNM', examLevel: '', registeredOn: '2026-09-01', examOn: '2026-10-01' },
      { part: 'SPEAKING', examLevel: 'B1', registeredOn: '2026-09-01', examOn: '2026-10-02', result: 'FAILED' },
      { part: 'SPEAKING', examLevel: 'B1', registeredOn: '2026-11-01', examOn: '2026-12-15' },
    ]) {
      const r = await agent.post(`/clients/${id}/language/exams`).type('form').send({ _csrf: csrf, ...body });
      expect(r.status).toBe(303);
    }
    const exams = listExams(db, id);
    const knm = exams.find((e) => e.part === 'KNM')!;
    expect(knm.level).toBeNull();
    expect(exams.filter((e) => e.part === 'SPEAKING').map((e) => e.attempt)).toEqual([2, 1]);

    const page = await agent.get(`/clients/${id}/language/exams/${knm.id}`);
    expect(page.status).toBe(200);
    const knmBefore = loadProgress(db, id).knmCompleted;
    const saved = await agent
      .post(`/clients/${id}/language/exams/${knm.id}`)
      .type('form')
      .send({ _csrf: csrf, result: 'PASSED', resultNote: 'Uitslag DUO', version: String(knm.version) });
    expect(knmBefore).toBe(false);
    expect(saved.status).toBe(303);
    expect(listExams(db, id).find((e) => e.id === knm.id)).toMatchObject({ result: 'PASSED', resultNote: 'Uitslag DUO' });
    // A passed KNM exam counts as KNM completed for the completion check, without a separate decision.
    expect(loadProgress(db, id).knmCompleted).toBe(true);
    // a stale version is a conflict, not a silent overwrite
    const stale = await agent
      .post(`/clients/${id}/language/exams/${knm.id}`)
      .type('form')
      .send({ _csrf: csrf, result: 'FAILED', version: String(knm.version) });
    expect(stale.status).toBe(409);
    const planned = exams.find((e) => e.examOn === '2026-12-15')!;
    const early = await agent
      .post(`/clients/${id}/language/exams/${planned.id}`)
      .type('form')
      .send({ _csrf: csrf, result: 'PASSED', version: String(planned.version) });
    expect(early.status).toBe(400);
    expect(early.text).toContain('een uitslag kan pas na de examendatum');
    const knmPage = await agent.get(`/clients/${id}/language`);
    expect(knmPage.text).toContain('Het KNM-examen is gehaald: dat telt als KNM afgerond');
  });

  it('afschalen: refused below 600 hours with the reason in Dutch; with an exception it is saved and asks for a new PIP version', async () => {
    const { db, users, id, agent, csrf } = await setup();
    addHours(db, id, 'LANGUAGE', 420, users.consulent);
    const body = { _csrf: csrf, afschalenSkill: 'SPEAKING', decidedOn: '2026-11-20', reason: 'Spreken blijft steken op A2' };
    const refused = await agent.post(`/clients/${id}/language/afschalen`).type('form').send(body);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Afschalen kan pas na 600 uur taalles; de cliënt heeft 420 uur gevolgd');
    expect(refused.text).toContain('Spreken blijft steken op A2');
    const noReason = await agent.post(`/clients/${id}/language/afschalen`).type('form').send({ ...body, exception: 'on' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('Vul de reden voor de uitzondering in');
    expect(db.prepare(`SELECT COUNT(*) FROM decisions WHERE kind = 'AFSCHALEN'`).pluck().get()).toBe(0);

    const saved = await agent
      .post(`/clients/${id}/language/afschalen`)
      .type('form')
      .send({ ...body, exception: 'on', exceptionReason: 'Advies huisarts: geheugenproblemen' });
    expect(saved.status).toBe(303);
    const data = JSON.parse(db.prepare(`SELECT data FROM decisions WHERE kind = 'AFSCHALEN'`).pluck().get() as string);
    expect(data).toEqual({ skill: 'SPEAKING', languageHours: 420, exception: true, exceptionReason: 'Advies huisarts: geheugenproblemen' });
    const page = await agent.get(saved.headers.location!.replace(/#.*/, ''));
    expect(page.text).toContain(`href="/clients/${id}/pip">Maak een nieuwe PIP-versie (reden: afschalen naar A2)</a>`);
    expect(page.text).toContain('Uitzondering');
    // a PIP version for afschalen made afterwards clears the call to action
    db.prepare(
      `INSERT INTO pip_versions (client_id, version_no, vastgesteld_on, revision_reason, content, created_by, created_at)
       VALUES (?, 2, '2026-11-24', 'AFSCHALEN', '{}', ?, '2026-11-24T10:00:00.000Z')`,
    ).run(id, users.consulent);
    expect((await agent.get(`/clients/${id}/language`)).text).not.toContain('Maak een nieuwe PIP-versie');
  });

  it('a closed dossier stays readable but the forms refuse with a clear message', async () => {
    const { db, users, id, agent, csrf } = await setup();
    addExam(db, id, { part: 'READING', level: 'B1', registeredOn: '2026-01-05', examOn: '2026-03-02', result: null, resultNote: null }, users.consulent, NOW);
    closeTrajectory(
      db,
      id,
      { type: 'DECEASED', decidedOn: '2026-11-02', reason: 'Bericht van familie', overrideReason: null, ontheffingGround: null, newMunicipality: null },
      users.consulent,
      NOW,
    );
    const page = await agent.get(`/clients/${id}/language`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Dit traject is afgesloten op 2 november 2026 (overleden)');
    expect(page.text).not.toContain('action="/clients/' + id + '/language/levels"');
    const post = await agent
      .post(`/clients/${id}/language/levels`)
      .type('form')
      .send({ _csrf: csrf, skill: 'WRITING', level: 'A2', source: 'PROGRESS_REPORT', measuredOn: '2026-11-20' });
    expect(post.status).toBe(409);
    expect(post.text).toContain('Dit dossier is afgesloten op 2 november 2026 (overleden). U kunt het dossier nog lezen, maar niets nieuws vastleggen.');
    const examId = listExams(db, id)[0]!.id;
    const result = await agent
      .post(`/clients/${id}/language/exams/${examId}`)
      .type('form')
      .send({ _csrf: csrf, result: 'PASSED', version: '1' });
    expect(result.status).toBe(409);
    expect(db.prepare('SELECT COUNT(*) FROM language_levels').pluck().get()).toBe(0);
    expect(listExams(db, id)[0]!.result).toBeNull();
  });

  it('access: other team → 404 without data, admin → 403, anonymous → log-in', async () => {
    const ctx = await setup();
    const other = await ctx.login('otherConsulent');
    const res = await other.agent.get(`/clients/${ctx.id}/language`);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('Tesfaye');
    const post = await other.agent
      .post(`/clients/${ctx.id}/language/levels`)
      .type('form')
      .send({ _csrf: other.csrf, skill: 'WRITING', level: 'A2', source: 'PROGRESS_REPORT', measuredOn: '2026-11-20' });
    expect(post.status).toBe(404);
    const admin = await ctx.login('admin');
    expect((await admin.agent.get(`/clients/${ctx.id}/language`)).status).toBe(403);
    const anon = await request(ctx.app).get(`/clients/${ctx.id}/language`);
    expect(anon.status).toBe(303);
    expect(anon.headers.location).toBe('/login');
    const teamleider = await ctx.login('teamleider');
    expect((await teamleider.agent.get(`/clients/${ctx.id}/language`)).status).toBe(200);
    expect((await ctx.agent.get(`/clients/${ctx.id}/language/exams/9999`)).status).toBe(404);
  });
});
