import { beforeEach, describe, expect, it } from 'vitest';
import type { AgreementRows } from '../../src/app/agreements.js';
import { type CaseMeetingInput, loadCaseMeetingsPage, recordCaseMeeting } from '../../src/app/case-meetings.js';
import { UseCaseError } from '../../src/app/errors.js';
import { agreementsOfCaseMeetings, listCaseMeetings } from '../../src/db/case-meetings.js';
import { listClientEvents } from '../../src/db/timeline.js';
import { actorFor, auditActions, closeClientDirectly } from '../helpers/actor.js';
import { buildTestApp, type TestContext } from '../helpers/app.js';
import { status, zRouteClient } from '../helpers/fixtures.js';

const meeting = (over: Partial<CaseMeetingInput> = {}): { ok: true; data: CaseMeetingInput } => ({
  ok: true,
  data: {
    heldOn: '2026-11-20',
    placementId: null,
    withProvider: false,
    withJobCoach: true,
    withEmployer: true,
    otherParticipants: 'Taalcoach Noor',
    notes: 'Gaat goed op de werkvloer; vaktaal blijft lastig.',
    ...over,
  },
});

const twoAgreements: AgreementRows = {
  rows: [
    { description: 'Woordenlijst bakkerij oefenen', owner: 'CLIENT', dueOn: '2026-12-15' },
    { description: 'Werkgever plant evaluatie', owner: 'PROVIDER', dueOn: '2027-01-10' },
  ],
  errors: {},
};
const none: AgreementRows = { rows: [], errors: {} };

describe('case meeting use cases (no HTTP)', () => {
  let ctx: TestContext;
  let clientId: number;
  beforeEach(async () => {
    ctx = await buildTestApp();
    clientId = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
  });

  it('records a meeting with its agreements, a timeline event, a fresh status and an audit row', () => {
    const r = recordCaseMeeting(ctx, actorFor(ctx, ctx.users.consulent), clientId, twoAgreements, meeting());
    expect(r).toEqual({ ok: true, value: { message: 'Casusoverleg van 20 november 2026 opgeslagen.' } });
    const [m] = listCaseMeetings(ctx.db, clientId);
    expect(m).toMatchObject({ heldOn: '2026-11-20', withJobCoach: true, withProvider: false, otherParticipants: 'Taalcoach Noor' });
    expect(agreementsOfCaseMeetings(ctx.db, clientId).map((a) => [a.caseMeetingId, a.description, a.status])).toEqual([
      [m!.id, 'Woordenlijst bakkerij oefenen', 'OPEN'],
      [m!.id, 'Werkgever plant evaluatie', 'OPEN'],
    ]);
    expect(listClientEvents(ctx.db, clientId, 1)[0]).toMatchObject({
      kind: 'CASE_MEETING',
      summary: 'Casusoverleg op 20 november 2026, 2 afspraken gemaakt',
      occurredOn: '2026-11-20',
      refTable: 'case_meetings',
      refId: m!.id,
    });
    expect(status(ctx.db, clientId).open_agreement_due_min).toBe('2026-12-15');
    expect(auditActions(ctx, clientId)).toEqual(['casusoverleg-vastgelegd']);
  });

  it('refuses rules that need today and the stored data, with the agreement rows\' messages, and saves nothing', () => {
    const rows: AgreementRows = { rows: [], errors: { agreement_0_owner: 'Afspraak 1: kies wie het doet' } };
    const r = recordCaseMeeting(
      ctx,
      actorFor(ctx, ctx.users.consulent),
      clientId,
      rows,
      meeting({ heldOn: '2026-11-30', placementId: 999, withJobCoach: false, withEmployer: false, otherParticipants: null }),
    );
    expect(r).toEqual({
      ok: false,
      refusal: {
        kind: 'invalid',
        errors: {
          heldOn: 'De datum van het overleg mag niet na vandaag (24 november 2026) liggen',
          placementId: 'Kies een plaats uit de lijst',
          withProvider: 'Kies wie er meededen, of vul de andere deelnemers in',
          agreement_0_owner: 'Afspraak 1: kies wie het doet',
        },
      },
    });
    // In the order of the form's checks (the error summary lists them in this order).
    expect(Object.keys(!r.ok && r.refusal.kind === 'invalid' ? r.refusal.errors : {})).toEqual(['heldOn', 'placementId', 'withProvider', 'agreement_0_owner']);
    // Input errors and agreement row errors come together.
    const both = recordCaseMeeting(ctx, actorFor(ctx, ctx.users.consulent), clientId, rows, { ok: false, errors: { notes: 'Vul de aantekeningen in' } });
    expect(!both.ok && both.refusal).toEqual({
      kind: 'invalid',
      errors: { notes: 'Vul de aantekeningen in', agreement_0_owner: 'Afspraak 1: kies wie het doet' },
    });
    expect(listCaseMeetings(ctx.db, clientId)).toHaveLength(0);
    expect(agreementsOfCaseMeetings(ctx.db, clientId)).toHaveLength(0);
  });

  it('refuses a closed dossier before looking at the input, with an audit row of the refusal', () => {
    closeClientDirectly(ctx, clientId);
    const r = recordCaseMeeting(ctx, actorFor(ctx, ctx.users.consulent), clientId, twoAgreements, meeting());
    expect(!r.ok && r.refusal).toMatchObject({ kind: 'closed', message: expect.stringContaining('U kunt geen casusoverleggen meer vastleggen') });
    expect(listCaseMeetings(ctx.db, clientId)).toHaveLength(0);
    expect(auditActions(ctx, clientId)).toEqual(['wijziging-geweigerd-afgesloten']);
  });

  it('does not serve another team, and says nothing about whether the client exists', () => {
    const other = actorFor(ctx, ctx.users.otherConsulent);
    const err = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e instanceof UseCaseError ? `${e.kind}: ${e.message}` : String(e);
      }
      return 'served';
    };
    const noAccess = 'not-found: Deze cliënt bestaat niet of u heeft geen toegang.';
    expect(err(() => recordCaseMeeting(ctx, other, clientId, none, meeting()))).toBe(noAccess);
    expect(err(() => loadCaseMeetingsPage(ctx, other, clientId))).toBe(noAccess);
    expect(err(() => loadCaseMeetingsPage(ctx, other, 999999))).toBe(noAccess);
    expect(err(() => loadCaseMeetingsPage(ctx, actorFor(ctx, ctx.users.admin), clientId))).toMatch(/^forbidden/);
    expect(listCaseMeetings(ctx.db, clientId)).toHaveLength(0);
    expect(auditActions(ctx, clientId)).toEqual(['dossier-geweigerd', 'dossier-geweigerd']);
  });
});
