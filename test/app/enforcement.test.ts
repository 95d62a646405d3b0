import { beforeEach, describe, expect, it } from 'vitest';
import {
  changeEnforcementRules,
  type EnforcementRulesForm,
  loadEnforcementLetter,
  loadEnforcementPage,
  type OpenCaseForm,
  openEnforcementCase,
  recordEnforcementStep,
  type StepForm,
} from '../../src/app/enforcement.js';
import { UseCaseError } from '../../src/app/errors.js';
import { refreshClientStatus } from '../../src/db/client-status.js';
import { listClientEvents } from '../../src/db/timeline.js';
import { DEFAULT_ENFORCEMENT_RULES } from '../../src/domain/index.js';
import { actorFor, auditActions, closeClientDirectly } from '../helpers/actor.js';
import { buildTestApp, type TestContext } from '../helpers/app.js';
import { addHours, chooseRoute, completeIntake, insertClient, setPip, status } from '../helpers/fixtures.js';

const open = (over: Partial<OpenCaseForm> = {}): { ok: true; data: OpenCaseForm } => ({
  ok: true,
  data: { trigger: 'HANDMATIG', reason: 'Niet verschenen op de les', openedOn: '2026-11-10', ...over },
});

const step = (over: Partial<StepForm> = {}): { ok: true; data: StepForm } => ({
  ok: true,
  data: {
    kind: 'INFORMATIE',
    date: '2026-11-12',
    note: null,
    skipReason: null,
    decisionKind: null,
    amount: null,
    deviationReason: null,
    decisionReason: null,
    improvementEndDate: null,
    ...over,
  },
});

const cases = (ctx: TestContext, clientId: number) =>
  ctx.db.prepare('SELECT id, reason, closed_on AS closedOn FROM enforcement_cases WHERE client_id = ? ORDER BY id').all(clientId) as {
    id: number;
    reason: string;
    closedOn: string | null;
  }[];

function err(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof UseCaseError ? `${e.kind}: ${e.message}` : String(e);
  }
  return 'served';
}

describe('enforcement use cases (no HTTP)', () => {
  let ctx: TestContext;
  let clientId: number;
  beforeEach(async () => {
    ctx = await buildTestApp();
    clientId = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent });
    completeIntake(ctx.db, clientId);
    chooseRoute(ctx.db, clientId, 'B1', ctx.users.consulent);
    setPip(ctx.db, clientId, ctx.users.consulent);
    refreshClientStatus(ctx.db, clientId, '2026-11-24');
  });

  it('opens a case with a timeline event, the next step in the status and an audit row', () => {
    const r = openEnforcementCase(ctx, actorFor(ctx, ctx.users.consulent), clientId, open());
    expect(r.ok).toBe(true);
    expect(cases(ctx, clientId)).toEqual([{ id: expect.any(Number), reason: 'Niet verschenen op de les', closedOn: null }]);
    expect(status(ctx.db, clientId)).toMatchObject({ enforcement_case_open: 1, enforcement_next_step: 'INFORMATIE', enforcement_next_due: '2026-11-24' });
    expect(listClientEvents(ctx.db, clientId, 1)[0]).toMatchObject({
      kind: 'HANDHAVING',
      occurredOn: '2026-11-10',
      summary: 'Handhaving: traject geopend (met de hand)',
      refTable: 'enforcement_cases',
    });
    expect(auditActions(ctx, clientId)).toEqual(['handhaving-geopend']);
  });

  it('opens from the absence signal with the month and percentage as the reason; without a signal it is refused', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    const none = openEnforcementCase(ctx, actor, clientId, open({ trigger: 'VERZUIM', reason: null }));
    expect(!none.ok && none.refusal).toEqual({
      kind: 'invalid',
      errors: { _form: 'Er is geen verzuimsignaal in de laatste zes maanden. Open het traject met de hand en vul een reden in.' },
    });
    addHours(ctx.db, clientId, 'LANGUAGE', 60, ctx.users.consulent, '2026-10-28', '2026-10-01', 100);
    expect(openEnforcementCase(ctx, actor, clientId, open({ trigger: 'VERZUIM', reason: null })).ok).toBe(true);
    expect(cases(ctx, clientId)[0]!.reason).toBe('Verzuim 40% in oktober 2026 (grens 30%)');
    expect(listClientEvents(ctx.db, clientId, 1)[0]!.summary).toBe('Handhaving: traject geopend (verzuimsignaal)');
    const again = openEnforcementCase(ctx, actor, clientId, open());
    expect(!again.ok && again.refusal).toEqual({ kind: 'invalid', errors: { _form: 'Er loopt al een handhavingstraject. Sluit dat eerst af.' } });
    expect(cases(ctx, clientId)).toHaveLength(1);
  });

  it('records a step: timeline, next step in the status, audit; a step out of order is refused with an error audit row', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    openEnforcementCase(ctx, actor, clientId, open());
    const caseId = cases(ctx, clientId)[0]!.id;
    const r = recordEnforcementStep(ctx, actor, clientId, caseId, step());
    expect(r).toEqual({ ok: true, value: { kind: 'INFORMATIE', label: 'Informatie over rechten en plichten' } });
    expect(status(ctx.db, clientId)).toMatchObject({ enforcement_next_step: 'GESPREK' });
    expect(listClientEvents(ctx.db, clientId, 1)[0]).toMatchObject({ kind: 'HANDHAVING', occurredOn: '2026-11-12', refTable: 'enforcement_steps' });
    const skipped = recordEnforcementStep(ctx, actor, clientId, caseId, step({ kind: 'HOOR_EN_WEDERHOOR', date: '2026-11-13' }));
    expect(!skipped.ok && skipped.refusal.kind).toBe('invalid');
    expect(status(ctx.db, clientId)).toMatchObject({ enforcement_next_step: 'GESPREK' });
    expect(auditActions(ctx, clientId)).toEqual(['handhaving-geopend', 'handhaving-stap-vastgelegd', 'handhaving-stap-vastleggen']);
  });

  it('a closed dossier: no case can be opened, an open case can only be closed', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    openEnforcementCase(ctx, actor, clientId, open());
    const caseId = cases(ctx, clientId)[0]!.id;
    closeClientDirectly(ctx, clientId, '2026-11-20');
    const other = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent });
    closeClientDirectly(ctx, other);
    const r = openEnforcementCase(ctx, actor, other, open());
    expect(!r.ok && r.refusal).toEqual({
      kind: 'closed',
      message: 'Het inburgeringstraject van deze cliënt is afgesloten. U kunt geen handhavingstraject meer openen.',
    });
    expect(cases(ctx, other)).toEqual([]);
    const refused = recordEnforcementStep(ctx, actor, clientId, caseId, step({ date: '2026-11-21' }));
    expect(!refused.ok && refused.refusal).toEqual({
      kind: 'invalid',
      errors: { kind: 'Het inburgeringstraject van deze cliënt is afgesloten. U kunt dit handhavingstraject alleen nog afsluiten.' },
    });
    expect(recordEnforcementStep(ctx, actor, clientId, caseId, step({ kind: 'AFSLUITING', date: '2026-11-21', note: 'Verhuisd' })).ok).toBe(true);
    expect(cases(ctx, clientId)[0]!.closedOn).toBe('2026-11-21');
  });

  it('does not serve another team or another client\'s case', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    openEnforcementCase(ctx, actor, clientId, open());
    const caseId = cases(ctx, clientId)[0]!.id;
    const stepId = (recordEnforcementStep(ctx, actor, clientId, caseId, step()), ctx.db.prepare('SELECT MAX(id) FROM enforcement_steps').pluck().get());
    const other = actorFor(ctx, ctx.users.otherConsulent);
    const noAccess = 'not-found: Deze cliënt bestaat niet of u heeft geen toegang.';
    expect(err(() => openEnforcementCase(ctx, other, clientId, open()))).toBe(noAccess);
    expect(err(() => recordEnforcementStep(ctx, other, clientId, caseId, step({ kind: 'GESPREK' })))).toBe(noAccess);
    expect(err(() => loadEnforcementPage(ctx, other, clientId))).toBe(noAccess);
    expect(err(() => loadEnforcementLetter(ctx, other, clientId, caseId, stepId))).toBe(noAccess);
    expect(err(() => loadEnforcementPage(ctx, actorFor(ctx, ctx.users.admin), clientId))).toMatch(/^forbidden/);
    const second = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent });
    expect(err(() => recordEnforcementStep(ctx, actor, second, caseId, step({ kind: 'GESPREK' })))).toBe(
      'not-found: Dit handhavingstraject bestaat niet.',
    );
    expect(err(() => loadEnforcementLetter(ctx, actor, clientId, caseId, 999))).toBe('not-found: Deze brief bestaat niet.');
    expect(cases(ctx, clientId)).toHaveLength(1);
    expect(status(ctx.db, clientId)).toMatchObject({ enforcement_next_step: 'GESPREK' });
  });

  it('a new version of the rules moves the due dates of open cases (status refreshed); only admins may change them', () => {
    openEnforcementCase(ctx, actorFor(ctx, ctx.users.consulent), clientId, open());
    expect(status(ctx.db, clientId).enforcement_next_due).toBe('2026-11-24');
    const rules: { ok: true; data: EnforcementRulesForm } = {
      ok: true,
      data: {
        effectiveFrom: '2026-11-24',
        note: 'Sneller eerste contact',
        rules: { ...DEFAULT_ENFORCEMENT_RULES, fineAmounts: [...DEFAULT_ENFORCEMENT_RULES.fineAmounts], dueDays: { ...DEFAULT_ENFORCEMENT_RULES.dueDays, opening: 7 } },
      },
    };
    expect(err(() => changeEnforcementRules(ctx, actorFor(ctx, ctx.users.teamleider), rules))).toMatch(/^forbidden/);
    const past = changeEnforcementRules(ctx, actorFor(ctx, ctx.users.admin), { ...rules, data: { ...rules.data, effectiveFrom: '2026-11-23' } });
    expect(!past.ok && past.refusal.kind).toBe('invalid');
    expect(status(ctx.db, clientId).enforcement_next_due).toBe('2026-11-24');
    expect(changeEnforcementRules(ctx, actorFor(ctx, ctx.users.admin), rules)).toEqual({ ok: true, value: undefined });
    expect(status(ctx.db, clientId).enforcement_next_due).toBe('2026-11-17');
    expect(ctx.db.prepare("SELECT details FROM audit_log WHERE action = 'handhavingsregels-gewijzigd'").pluck().all()).toEqual(['ingang 2026-11-24']);
  });
});
