import { beforeEach, describe, expect, it } from 'vitest';
import { UseCaseError } from '../../src/app/errors.js';
import {
  type AfschalenForm,
  decideAfschalen,
  type ExamForm,
  loadExamPage,
  loadLanguagePage,
  type LevelForm,
  recordExamResult,
  recordLevel,
  registerExam,
} from '../../src/app/language.js';
import { refreshClientStatus } from '../../src/db/client-status.js';
import { findExam, listAfschalen, listExams, listLevels } from '../../src/db/language.js';
import { listClientEvents } from '../../src/db/timeline.js';
import { actorFor, auditActions, closeClientDirectly } from '../helpers/actor.js';
import { buildTestApp, type TestContext } from '../helpers/app.js';
import { addHours, chooseRoute, completeIntake, insertClient, setPip, status } from '../helpers/fixtures.js';
import { addExam } from '../helpers/use-case-fixtures.js';

const TODAY = '2026-11-24';
const NOW = '2026-11-24T09:00:00.000Z';

const level = (over: Partial<LevelForm> = {}): { ok: true; data: LevelForm } => ({
  ok: true,
  data: { skill: 'SPEAKING', level: 'A2', source: 'PROVIDER_TEST', measuredOn: '2026-11-20', note: null, ...over },
});

const exam = (over: Partial<ExamForm> = {}): { ok: true; data: ExamForm } => ({
  ok: true,
  data: { part: 'READING', examLevel: 'B1', registeredOn: '2026-08-01', examOn: '2026-09-29', result: null, resultNote: null, ...over },
});

const afschalen = (over: Partial<AfschalenForm> = {}): { ok: true; data: AfschalenForm } => ({
  ok: true,
  data: { afschalenSkill: 'SPEAKING', decidedOn: '2026-11-20', reason: 'Spreken blijft op A2', exception: false, exceptionReason: null, ...over },
});

const errorOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof UseCaseError ? `${e.kind}: ${e.message}` : String(e);
  }
  return 'served';
};

describe('language use cases (no HTTP)', () => {
  let ctx: TestContext;
  let clientId: number;
  beforeEach(async () => {
    ctx = await buildTestApp();
    clientId = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent });
    completeIntake(ctx.db, clientId);
    chooseRoute(ctx.db, clientId, 'B1', ctx.users.consulent);
    setPip(ctx.db, clientId, ctx.users.consulent, '2024-08-24'); // termijn ends 2027-08-24: within 9 months
    refreshClientStatus(ctx.db, clientId, TODAY);
  });

  it('records a level with a timeline event and an audit row', () => {
    const r = recordLevel(ctx, actorFor(ctx, ctx.users.consulent), clientId, level());
    expect(r).toEqual({ ok: true, value: { message: 'Taalniveau spreken (A2) is vastgelegd.' } });
    expect(listLevels(ctx.db, clientId)).toMatchObject([{ skill: 'SPEAKING', level: 'A2', measuredOn: '2026-11-20' }]);
    expect(listClientEvents(ctx.db, clientId, 1)[0]).toMatchObject({
      kind: 'LANGUAGE_LEVEL',
      occurredOn: '2026-11-20',
      summary: 'Taalniveau Spreken: A2 (tussentoets taalaanbieder, 20 november 2026)',
    });
    expect(auditActions(ctx, clientId)).toEqual(['taalniveau-vastgelegd']);
  });

  it('registers an exam: attempt in the timeline, the status (and so the B1 signal) follows, audit row', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    expect(status(ctx.db, clientId).exams_registered).toBe(0);
    expect(loadLanguagePage(ctx, actor, clientId).signals).toEqual([
      { signal: 'B1_NO_EXAM', date: '2027-08-24', message: 'De termijn eindigt op 24 augustus 2027 en er is nog geen enkel examen aangemeld' },
    ]);
    expect(registerExam(ctx, actor, clientId, exam())).toEqual({ ok: true, value: { message: 'Het examen Lezen is vastgelegd.' } });
    expect(status(ctx.db, clientId)).toMatchObject({ exams_registered: 1, exam_no_result_since: '2026-09-29' });
    expect(listClientEvents(ctx.db, clientId, 1)[0]).toMatchObject({
      kind: 'EXAM',
      occurredOn: '2026-08-01',
      summary: 'Examen lezen B1 aangemeld voor 29 september 2026 (poging 1)',
    });
    // 56 days after the exam without a result: the caseload's EXAM_NO_RESULT, said per exam on this page
    expect(loadLanguagePage(ctx, actor, clientId).signals).toEqual([
      {
        signal: 'EXAM_NO_RESULT',
        date: '2026-09-29',
        message: 'Examen lezen B1 van 29 september 2026: na 8 weken nog geen uitslag vastgelegd',
      },
    ]);
    expect(auditActions(ctx, clientId)).toEqual(['taal-examens-bekeken', 'examen-aangemeld', 'taal-examens-bekeken']);
  });

  it('records an exam result (not before the exam date) and refuses a stale version, keeping what is stored', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    const id = addExam(ctx.db, clientId, { ...exam().data, level: 'B1' }, ctx.users.consulent, NOW);
    const planned = addExam(ctx.db, clientId, { ...exam().data, level: 'B1', examOn: '2026-12-15' }, ctx.users.consulent, NOW);
    const version = findExam(ctx.db, clientId, id)!.version;
    const early = recordExamResult(ctx, actor, clientId, planned, { ok: true, data: { result: 'PASSED', resultNote: null, version: 1 } });
    expect(!early.ok && early.refusal).toEqual({
      kind: 'invalid',
      errors: { result: 'Het examen is nog niet geweest; een uitslag kan pas na de examendatum' },
    });
    const r = recordExamResult(ctx, actor, clientId, id, { ok: true, data: { result: 'PASSED', resultNote: 'DUO', version } });
    expect(r).toEqual({ ok: true, value: { message: 'De uitslag is opgeslagen.' } });
    expect(findExam(ctx.db, clientId, id)).toMatchObject({ result: 'PASSED', resultNote: 'DUO', version: version + 1 });
    expect(status(ctx.db, clientId).exam_no_result_since).toBe('2026-12-15');
    expect(listClientEvents(ctx.db, clientId, 1)[0]).toMatchObject({
      kind: 'EXAM',
      occurredOn: TODAY,
      summary: 'Uitslag Examen lezen B1 van 29 september 2026 (poging 1): gehaald',
    });
    expect(errorOf(() => recordExamResult(ctx, actor, clientId, id, { ok: true, data: { result: 'FAILED', resultNote: null, version } }))).toBe(
      'conflict: Iemand anders heeft deze uitslag net gewijzigd. Ga terug, vernieuw de pagina en probeer het opnieuw.',
    );
    expect(findExam(ctx.db, clientId, id)!.result).toBe('PASSED');
    expect(errorOf(() => loadExamPage(ctx, actor, clientId, 99999))).toBe('not-found: Dit examen bestaat niet (meer).');
    expect(auditActions(ctx, clientId)).toEqual(['examenuitslag-vastgelegd', 'examen-bekeken']);
  });

  it('afschalen: refused below the hours with an audit row; with an exception saved, counted and in the timeline', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    addHours(ctx.db, clientId, 'LANGUAGE', 420, ctx.users.consulent);
    const refused = decideAfschalen(ctx, actor, clientId, afschalen());
    expect(!refused.ok && refused.refusal.kind === 'invalid' && refused.refusal.errors.exception).toContain(
      'Afschalen kan pas na 600 uur taalles; de cliënt heeft 420 uur gevolgd',
    );
    expect(listAfschalen(ctx.db, clientId)).toEqual([]);
    const r = decideAfschalen(ctx, actor, clientId, afschalen({ exception: true, exceptionReason: 'Advies huisarts' }));
    expect(r).toEqual({ ok: true, value: { message: 'Spreken is afgeschaald naar A2. Maak nu een nieuwe PIP-versie.' } });
    expect(listAfschalen(ctx.db, clientId)).toMatchObject([{ skill: 'SPEAKING', languageHours: 420, exception: true }]);
    expect(listClientEvents(ctx.db, clientId, 1)[0]!.summary).toBe(
      'Besluit: spreken afgeschaald naar A2 na 420 uur taalles. Reden: Spreken blijft op A2. Uitzondering op de urengrens: Advies huisarts',
    );
    const twice = decideAfschalen(ctx, actor, clientId, afschalen({ exception: true, exceptionReason: 'x' }));
    expect(!twice.ok && twice.refusal).toEqual({ kind: 'invalid', errors: { afschalenSkill: 'Spreken is al afgeschaald naar A2.' } });
    expect(auditActions(ctx, clientId)).toEqual(['afschalen-geweigerd', 'afschalen-besloten', 'afschalen-geweigerd']);
  });

  it('refuses a closed dossier (after the input, as before) with how it was closed, and saves nothing', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    const id = addExam(ctx.db, clientId, { ...exam().data, level: 'B1' }, ctx.users.consulent, NOW);
    closeClientDirectly(ctx, clientId);
    const closed = {
      kind: 'closed',
      message: 'Dit dossier is afgesloten op 1 november 2026 (inburgering afgerond). U kunt het dossier nog lezen, maar niets nieuws vastleggen.',
    };
    expect(recordLevel(ctx, actor, clientId, level())).toEqual({ ok: false, refusal: closed });
    expect(registerExam(ctx, actor, clientId, exam())).toEqual({ ok: false, refusal: closed });
    expect(recordExamResult(ctx, actor, clientId, id, { ok: true, data: { result: 'PASSED', resultNote: null, version: 1 } })).toEqual({
      ok: false,
      refusal: closed,
    });
    expect(decideAfschalen(ctx, actor, clientId, afschalen({ exception: true, exceptionReason: 'x' }))).toEqual({ ok: false, refusal: closed });
    expect(recordLevel(ctx, actor, clientId, { ok: false, errors: { skill: 'Kies een vaardigheid' } })).toEqual({
      ok: false,
      refusal: { kind: 'invalid', errors: { skill: 'Kies een vaardigheid' } },
    });
    expect(listLevels(ctx.db, clientId)).toEqual([]);
    expect(listExams(ctx.db, clientId)).toHaveLength(1);
    expect(findExam(ctx.db, clientId, id)!.result).toBeNull();
    expect(auditActions(ctx, clientId)).toEqual(Array<string>(4).fill('wijziging-geweigerd-afgesloten'));
    // and the page says no signal for a closed dossier (the caseload's predicates skip closed clients)
    refreshClientStatus(ctx.db, clientId, TODAY);
    expect(loadLanguagePage(ctx, actor, clientId).signals).toEqual([]);
  });

  it('does not serve another team, and says nothing about whether the client exists', () => {
    const none = 'not-found: Deze cliënt bestaat niet of u heeft geen toegang.';
    const id = addExam(ctx.db, clientId, { ...exam().data, level: 'B1' }, ctx.users.consulent, NOW);
    const other = actorFor(ctx, ctx.users.otherConsulent);
    expect(errorOf(() => loadLanguagePage(ctx, other, clientId))).toBe(none);
    expect(errorOf(() => loadExamPage(ctx, other, clientId, id))).toBe(none);
    expect(errorOf(() => recordLevel(ctx, other, clientId, level()))).toBe(none);
    expect(errorOf(() => registerExam(ctx, other, clientId, exam()))).toBe(none);
    expect(errorOf(() => recordExamResult(ctx, other, clientId, id, { ok: true, data: { result: 'PASSED', resultNote: null, version: 1 } }))).toBe(none);
    expect(errorOf(() => decideAfschalen(ctx, other, clientId, afschalen()))).toBe(none);
    expect(errorOf(() => loadLanguagePage(ctx, actorFor(ctx, ctx.users.admin), clientId))).toMatch(/^forbidden/);
    expect(listLevels(ctx.db, clientId)).toEqual([]);
    expect(findExam(ctx.db, clientId, id)!.result).toBeNull();
    expect(auditActions(ctx, clientId)).toEqual(Array<string>(6).fill('dossier-geweigerd'));
  });
});
