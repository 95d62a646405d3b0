import { describe, expect, it } from 'vitest';
import { refreshClientStatus } from '../../src/db/client-status.js';
import { closeClientTrajectory, extendClientTermijn } from '../../src/app/closure.js';
import { decideAfschalen, languagePageModel, recordExamResult } from '../../src/app/language.js';
import type { Result } from '../../src/app/result.js';
import { levelChart } from '../../src/app/level-chart.js';
import { caseloadPage, clientSignals, DEFAULT_FILTER, type Signal, signalParams } from '../../src/db/caseload.js';
import { assertOpen, ClientClosedError, type NewExtension } from '../../src/db/closures.js';
import type { Db } from '../../src/db/connection.js';
import { levelHistory, listAfschalen, listExams, type NewAfschalen, type NewExam } from '../../src/db/language.js';
import { loadEligibility } from '../../src/db/progress.js';
import { todayOf } from '../../src/lib/clock.js';
import { actorFor } from '../helpers/actor.js';
import { buildTestApp } from '../helpers/app.js';
import {
  addDecision,
  addHours,
  chooseRoute,
  completeIntake,
  insertClient,
  setPip,
  status,
  zRouteClient,
} from '../helpers/fixtures.js';
import { addExam, addLevel } from '../helpers/use-case-fixtures.js';

const TODAY = '2026-11-24';
const NOW = '2026-11-24T09:00:00.000Z';

// The signals come from one source: the caseload's predicates on client_status (SIGNAL_SQL), read for a team's
// list (caseloadPage) or for one client (clientSignals, what the dossier pages show).
// The field errors of a refused use case ({} when it was saved).
const errorsOf = (r: Result<unknown>): Record<string, string> => (!r.ok && r.refusal.kind === 'invalid' ? r.refusal.errors : {});

const withSignal = (db: Db, teamId: number, signal: Signal, today: string) =>
  caseloadPage(db, { teamId }, { ...DEFAULT_FILTER, signal }, signalParams(db, today), 1).rows.map((r) => r.id);

async function setup() {
  const ctx = await buildTestApp();
  const { db, teamA, users } = ctx;
  const b1Client = (pipOn = '2025-03-03') => {
    const id = insertClient(db, { teamId: teamA, consulentId: users.consulent });
    completeIntake(db, id);
    chooseRoute(db, id, 'B1', users.consulent);
    setPip(db, id, users.consulent, pipOn);
    refreshClientStatus(db, id, TODAY);
    return id;
  };
  const exam = (clientId: number, e: Partial<NewExam>) =>
    addExam(
      db,
      clientId,
      { part: 'READING', level: 'B1', registeredOn: '2026-01-05', examOn: '2026-03-02', result: null, resultNote: null, ...e },
      users.consulent,
      NOW,
    );
  // Afschalen as the consulent does it (decideAfschalen), with the decision's fields.
  const afschalen = (clientId: number, input: NewAfschalen) =>
    decideAfschalen(ctx, actorFor(ctx, users.consulent), clientId, {
      ok: true,
      data: { ...input, afschalenSkill: input.skill },
    });
  return { ...ctx, b1Client, exam, afschalen };
}

describe('language levels', () => {
  it('keeps the history per skill oldest first, whatever the order of entry', async () => {
    const { db, users, b1Client } = await setup();
    const id = b1Client();
    const add = (skill: 'SPEAKING' | 'READING', level: 'PRE_A1' | 'A1' | 'A2', measuredOn: string) =>
      addLevel(db, id, { skill, level, source: 'PROVIDER_TEST', measuredOn, note: null }, users.consulent, NOW);
    add('SPEAKING', 'A1', '2026-10-12');
    add('SPEAKING', 'PRE_A1', '2025-03-20');
    add('READING', 'A2', '2026-01-10');
    add('SPEAKING', 'A1', '2025-11-01');
    const h = levelHistory(db, id);
    expect(h.SPEAKING.map((m) => [m.measuredOn, m.level])).toEqual([
      ['2025-03-20', 'PRE_A1'],
      ['2025-11-01', 'A1'],
      ['2026-10-12', 'A1'],
    ]);
    expect(h.READING).toHaveLength(1);
    expect(h.CONVERSATION).toEqual([]);
    const events = db.prepare(`SELECT summary FROM client_events WHERE client_id = ? AND kind = 'LANGUAGE_LEVEL'`).pluck().all(id);
    expect(events).toContain('Taalniveau Spreken: A1 (tussentoets taalaanbieder, 12 oktober 2026)');
  });

  it('builds chart data: time on x, the 0-4 scale on y, and a spoken summary', async () => {
    const { db, users, b1Client } = await setup();
    const id = b1Client();
    for (const [level, on] of [
      ['PRE_A1', '2025-03-20'],
      ['A1', '2025-11-01'],
      ['A1', '2026-10-12'],
    ] as const) {
      addLevel(db, id, { skill: 'SPEAKING', level, source: 'PROGRESS_REPORT', measuredOn: on, note: null }, users.consulent, NOW);
    }
    const chart = levelChart('SPEAKING', levelHistory(db, id).SPEAKING);
    expect(chart).not.toBeNull();
    expect(chart!.ariaLabel).toBe('Spreken: van pre-A1 (maart 2025) naar A1 (oktober 2026)');
    const [p0, p1, p2] = chart!.points;
    expect(p0!.x).toBe(chart!.plot.left);
    expect(p2!.x).toBe(chart!.plot.right);
    expect(p0!.x < p1!.x && p1!.x < p2!.x).toBe(true);
    // pre-A1 is the bottom line (rank 0), A1 one step (a quarter of the height) higher
    expect(p0!.y).toBe(chart!.plot.bottom);
    const step = (chart!.plot.bottom - chart!.plot.top) / 4;
    expect(p1!.y).toBeCloseTo(chart!.plot.bottom - step, 0);
    expect(p1!.y).toBe(p2!.y);
    expect(chart!.yTicks.map((t) => t.label)).toEqual(['pre-A1', 'A1', 'A2', 'B1', 'B2']);
    expect(chart!.polyline.split(' ')).toHaveLength(3);

    const single = levelChart('LISTENING', [{ id: 1, skill: 'LISTENING', level: 'A2', source: 'EXAM', measuredOn: '2026-05-04', note: null }]);
    expect(single!.ariaLabel).toBe('Luisteren: A2 (mei 2026), één meting');
    expect(levelChart('WRITING', [])).toBeNull();
  });
});

describe('exams', () => {
  it('numbers attempts per part in order of exam date', async () => {
    const ctx = await setup();
    const { db, users, b1Client, exam } = ctx;
    const id = b1Client();
    const second = exam(id, { examOn: '2026-06-01', registeredOn: '2026-04-01' });
    exam(id, { part: 'LISTENING', examOn: '2026-04-01' });
    const first = exam(id, { examOn: '2026-03-02', result: 'FAILED' }); // entered later, earlier date
    exam(id, { part: 'KNM', level: 'B1' }); // KNM never has a level
    const exams = listExams(db, id);
    const byId = new Map(exams.map((e) => [e.id, e]));
    expect(byId.get(first)!.attempt).toBe(1);
    expect(byId.get(second)!.attempt).toBe(2);
    expect(exams.find((e) => e.part === 'LISTENING')!.attempt).toBe(1);
    expect(exams.find((e) => e.part === 'KNM')!.level).toBeNull();
    // result edited later, with a version check
    const e2 = byId.get(second)!;
    const actor = actorFor(ctx, users.consulent);
    const result = (r: 'PASSED' | 'FAILED') => recordExamResult(ctx, actor, id, second, { ok: true, data: { result: r, resultNote: null, version: e2.version } });
    expect(result('PASSED').ok).toBe(true);
    expect(() => result('FAILED')).toThrow('Iemand anders heeft deze uitslag net gewijzigd');
    expect(listExams(db, id).find((e) => e.id === second)!.result).toBe('PASSED');
  });

  it('signals an exam without result from 8 weeks after the exam date (boundary day)', async () => {
    const ctx = await setup();
    const { db, teamA, teamB, users, clock, b1Client, exam } = ctx;
    const id = b1Client();
    exam(id, { examOn: '2026-09-29', registeredOn: '2026-08-01' }); // + 56 days = 2026-11-24
    exam(id, { part: 'WRITING', examOn: '2026-09-01', registeredOn: '2026-08-01', result: 'PASSED' });
    expect(withSignal(db, teamA, 'EXAM_NO_RESULT', '2026-11-23')).toEqual([]);
    expect(clientSignals(db, id, '2026-11-23')).not.toContain('EXAM_NO_RESULT');
    expect(withSignal(db, teamA, 'EXAM_NO_RESULT', '2026-11-24')).toEqual([id]);
    expect(clientSignals(db, id, '2026-11-24')).toContain('EXAM_NO_RESULT');
    // the language page names the overdue exam (clock on 2026-11-24), and nothing the day before
    const signals = languagePageModel(ctx, actorFor(ctx, users.consulent), id).signals;
    expect(signals).toHaveLength(1);
    expect(signals[0]).toMatchObject({ signal: 'EXAM_NO_RESULT', date: '2026-09-29' });
    expect(signals[0]!.message).toContain('na 8 weken nog geen uitslag');
    clock.set('2026-11-23T09:00:00.000Z');
    expect(languagePageModel(ctx, actorFor(ctx, users.consulent), id).signals).toEqual([]);
    expect(withSignal(db, teamB, 'EXAM_NO_RESULT', '2026-11-24')).toEqual([]);
  });

  it('signals a B1-route client without any exam whose termijn ends within 9 months (boundary day)', async () => {
    const { db, teamA, users, b1Client, exam } = await setup();
    const id = b1Client('2024-08-24'); // termijn ends 2027-08-24 = 2026-11-24 + 9 months
    const z = zRouteClient(db, teamA, users.consulent);
    db.prepare(`UPDATE pip_versions SET vastgesteld_on = '2024-08-24' WHERE client_id = ?`).run(z);
    refreshClientStatus(db, z, TODAY);
    expect(status(db, id).termijn_end).toBe('2027-08-24');
    expect(withSignal(db, teamA, 'B1_NO_EXAM', '2026-11-23')).toEqual([]);
    expect(clientSignals(db, id, '2026-11-23')).not.toContain('B1_NO_EXAM');
    expect(withSignal(db, teamA, 'B1_NO_EXAM', '2026-11-24')).toEqual([id]); // the Z-route client is not listed
    expect(clientSignals(db, id, '2026-11-24')).toContain('B1_NO_EXAM');
    expect(clientSignals(db, z, '2026-11-24')).not.toContain('B1_NO_EXAM');
    exam(id, { examOn: '2026-12-10', registeredOn: '2026-11-20' });
    expect(withSignal(db, teamA, 'B1_NO_EXAM', '2026-11-24')).toEqual([]);
    expect(clientSignals(db, id, '2026-11-24')).not.toContain('B1_NO_EXAM');
  });
});

describe('afschalen to A2', () => {
  it('is refused below 600 language hours, allowed with a recorded exception, and allowed at 600', async () => {
    const { db, teamA, users, b1Client, afschalen } = await setup();
    const base = { decidedOn: '2026-11-20', reason: 'Maximale inspanning, spreken blijft op A2', exception: false, exceptionReason: null };
    const low = b1Client();
    addHours(db, low, 'LANGUAGE', 599, users.consulent);
    const refused = afschalen(low, { ...base, skill: 'SPEAKING' });
    expect(refused.ok).toBe(false);
    expect(errorsOf(refused).exception).toContain('Afschalen kan pas na 600 uur taalles; de cliënt heeft 599 uur gevolgd');
    expect(listAfschalen(db, low)).toEqual([]);

    const withException = afschalen(low, { ...base, skill: 'SPEAKING', exception: true, exceptionReason: 'Medische beperking, advies arts' });
    expect(withException.ok).toBe(true);
    const [decision] = listAfschalen(db, low);
    expect(decision).toMatchObject({ skill: 'SPEAKING', exception: true, exceptionReason: 'Medische beperking, advies arts', languageHours: 599 });
    const data = JSON.parse(db.prepare(`SELECT data FROM decisions WHERE client_id = ? AND kind = 'AFSCHALEN'`).pluck().get(low) as string);
    expect(data).toMatchObject({ skill: 'SPEAKING', exception: true });
    expect(loadEligibility(db, low, TODAY).progress.afgeschaaldSkills).toEqual(['SPEAKING']);
    // the same skill twice is refused
    expect(afschalen(low, { ...base, skill: 'SPEAKING', exception: true, exceptionReason: 'x' }).ok).toBe(false);

    const enough = b1Client();
    addHours(db, enough, 'LANGUAGE', 600, users.consulent);
    expect(afschalen(enough, { ...base, skill: 'WRITING' }).ok).toBe(true);

    const z = zRouteClient(db, teamA, users.consulent);
    addHours(db, z, 'LANGUAGE', 700, users.consulent);
    const notB1 = afschalen(z, { ...base, skill: 'WRITING' });
    expect(errorsOf(notB1)._form).toBe('Afschalen naar A2 kan alleen in de B1-route.');
  });
});

describe('B1 completion through loadEligibility (passedExams reads the exams table)', () => {
  it('passes with four skills at B1, or with A2 on an afgeschaald skill', async () => {
    const { db, users, b1Client, exam, afschalen } = await setup();
    const done = (id: number) => {
      for (const kind of ['KNM_COMPLETED', 'MAP_COMPLETED', 'PVT_COMPLETED']) addDecision(db, id, kind, users.consulent);
    };
    const all = b1Client();
    done(all);
    for (const part of ['READING', 'LISTENING', 'WRITING'] as const) exam(all, { part, result: 'PASSED' });
    exam(all, { part: 'SPEAKING', result: 'FAILED' });
    expect(loadEligibility(db, all, TODAY).end!.eligible).toBe(false);
    exam(all, { part: 'SPEAKING', examOn: '2026-06-01', result: 'PASSED' });
    expect(loadEligibility(db, all, TODAY).end!.eligible).toBe(true);

    const a2 = b1Client();
    done(a2);
    for (const part of ['READING', 'LISTENING', 'WRITING'] as const) exam(a2, { part, result: 'PASSED' });
    exam(a2, { part: 'SPEAKING', level: 'A2', result: 'PASSED' });
    const before = loadEligibility(db, a2, TODAY).end!;
    expect(before.eligible).toBe(false);
    expect(before.conditions.find((c) => c.code === 'EXAM_SPEAKING')!.message).toContain('hoogste: A2');
    addHours(db, a2, 'LANGUAGE', 650, users.consulent);
    expect(
      afschalen(a2, { skill: 'SPEAKING', decidedOn: '2026-11-01', reason: 'Na 650 uur', exception: false, exceptionReason: null }).ok,
    ).toBe(true);
    expect(loadEligibility(db, a2, TODAY).end!.eligible).toBe(true);
    expect(status(db, a2).end_eligible).toBe(1);
  });
});

describe('closing and extending', () => {
  it('closes with closed_on set; assertOpen then refuses with a Dutch message', async () => {
    const ctx = await setup();
    const { db, users, b1Client } = ctx;
    const id = b1Client();
    expect(() => assertOpen(db, id)).not.toThrow();
    const r = closeClientTrajectory(ctx, actorFor(ctx, users.consulent), id, {
      ok: true,
      data: { type: 'LEFT_COUNTRY', closedOn: '2026-11-10', reason: 'Terug naar land van herkomst', overrideReason: null, ontheffingGround: null, newMunicipality: null },
    });
    expect(r.ok).toBe(true);
    expect(db.prepare('SELECT closed_on, closure_reason FROM clients WHERE id = ?').get(id)).toEqual({
      closed_on: '2026-11-10',
      closure_reason: 'LEFT_COUNTRY',
    });
    expect(status(db, id).phase).toBe('CLOSED');
    expect(() => assertOpen(db, id)).toThrow(ClientClosedError);
    expect(() => assertOpen(db, id)).toThrow('Dit dossier is afgesloten op 10 november 2026 (vertrokken uit Nederland)');
  });

  it('verlenging: refused before 30 months, allowed after; moves termijn_end and the forecast', async () => {
    const ctx = await setup();
    const { db, teamA, users } = ctx;
    const id = zRouteClient(db, teamA, users.consulent);
    // Extending as the consulent does it (extendClientTermijn), with the decision's fields.
    const extendTermijn = (input: NewExtension) =>
      extendClientTermijn(ctx, actorFor(ctx, users.consulent), id, {
        ok: true,
        data: { months: input.months, extendedOn: input.decidedOn, extensionReason: input.reason },
      });
    db.prepare(`UPDATE pip_versions SET vastgesteld_on = '2024-05-24' WHERE client_id = ?`).run(id); // 30 months before TODAY
    addHours(db, id, 'LANGUAGE', 440, users.consulent, '2026-06-30', '2024-06-01');
    addHours(db, id, 'LANGUAGE', 60, users.consulent, '2026-11-20', '2026-09-05'); // 5 h/week over 12 weeks
    addHours(db, id, 'PARTICIPATION', 800, users.consulent, '2026-06-30', '2024-06-01');
    refreshClientStatus(db, id, TODAY);
    expect(status(db, id)).toMatchObject({ termijn_end: '2027-05-24', at_risk: 1, language_expected_on: '2028-01-18' });

    const input = { months: 12, decidedOn: '2026-11-23', reason: 'Ziekte, lessen gemist' };
    const early = extendTermijn(input);
    expect(errorsOf(early).extendedOn).toBe(
      'Verlengen kan pas vanaf 24 november 2026: 30 maanden na de start van de termijn op 24 mei 2024.',
    );
    expect(withSignal(db, teamA, 'EXTENSION', '2026-11-23')).toEqual([]);
    expect(clientSignals(db, id, '2026-11-23')).not.toContain('EXTENSION');
    expect(withSignal(db, teamA, 'EXTENSION', TODAY)).toEqual([id]); // exactly 30 months into the termijn
    expect(clientSignals(db, id, TODAY)).toContain('EXTENSION');

    expect(extendTermijn({ ...input, decidedOn: TODAY }).ok).toBe(true);
    expect(status(db, id)).toMatchObject({ termijn_end: '2028-05-24', at_risk: 0 });
    expect(withSignal(db, teamA, 'EXTENSION', TODAY)).toEqual([]);
    expect(clientSignals(db, id, TODAY)).not.toContain('EXTENSION');
    const summary = db.prepare(`SELECT summary FROM client_events WHERE client_id = ? ORDER BY id DESC LIMIT 1`).pluck().get(id);
    expect(summary).toBe('Besluit: termijn verlengd met 12 maanden, nieuw einde 24 mei 2028. Reden: Ziekte, lessen gemist.');
  });
});

describe('demo data (issue 12)', () => {
  it('creates B1-route clients with exam histories (and one without any exam) and a closed dossier of every ending kind, once', async () => {
    const { db, clock } = await buildTestApp();
    const { seedExamDemo } = await import('../../src/demo/exams.js');
    seedExamDemo(db, clock);
    seedExamDemo(db, clock);
    const b1 = db
      .prepare(`SELECT client_id, end_eligible FROM client_status WHERE route = 'B1' AND closed_on IS NULL ORDER BY client_id`)
      .all() as { client_id: number; end_eligible: number }[];
    expect(b1).toHaveLength(3);
    expect(b1[0]!.end_eligible).toBe(1); // all four skills at B1 + KNM, MAP, PVT
    expect(listAfschalen(db, b1[1]!.client_id)).toMatchObject([{ skill: 'SPEAKING', languageHours: 650, exception: false }]);
    expect(db.prepare('SELECT closure_reason FROM clients WHERE closed_on IS NOT NULL ORDER BY closure_reason').pluck().all()).toEqual([
      'COMPLETED',
      'DECEASED',
      'LEFT_COUNTRY',
      'ONTHEFFING',
      'TERMIJN_ENDED',
      'VERHUIZING',
      'VRIJSTELLING',
    ]);
    const team = db.prepare('SELECT team_id FROM clients LIMIT 1').pluck().get() as number;
    expect(withSignal(db, team, 'EXAM_NO_RESULT', todayOf(clock))).toHaveLength(1);
    expect(withSignal(db, team, 'EXTENSION', todayOf(clock))).toHaveLength(1);
    expect(withSignal(db, team, 'B1_NO_EXAM', todayOf(clock))).toEqual([b1[2]!.client_id]);
  });
});
