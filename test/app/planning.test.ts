import ICAL from 'ical.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadCalendarFeed, resetCalendarFeed, stopCalendarFeed, thisWeek } from '../../src/app/agenda.js';
import { UseCaseError } from '../../src/app/errors.js';
import {
  type AppointmentForm,
  appointmentIcsFile,
  changeAppointment,
  conversationPrefill,
  loadPlanningPage,
  type OutcomeForm,
  planAppointment,
  recordAppointmentOutcome,
  recordMilestone,
} from '../../src/app/planning.js';
import { findAppointment } from '../../src/db/appointments.js';
import { clientSignals } from '../../src/db/caseload.js';
import { refreshClientStatus } from '../../src/db/client-status.js';
import { listClientEvents } from '../../src/db/timeline.js';
import { actorFor, auditActions, closeClientDirectly } from '../helpers/actor.js';
import { buildTestApp, type TestContext } from '../helpers/app.js';
import { addDecision, milestonesOnTrack, status, zRouteClient } from '../helpers/fixtures.js';

const form = (over: Partial<AppointmentForm> = {}): { ok: true; data: AppointmentForm } => ({
  ok: true,
  data: {
    kind: 'VOORTGANG',
    startsAt: '2026-11-26T10:00',
    durationMinutes: 60,
    mode: 'OFFICE',
    place: 'Stadswinkel, spreekkamer 3',
    interpreterLanguage: 'Tigrinya',
    interpreterBooked: true,
    others: null,
    invitationSentOn: null,
    invitationMethod: null,
    acceptLateInvitation: false,
    ...over,
  },
});

const outcome = (over: Partial<OutcomeForm>): { ok: true; data: OutcomeForm } => ({
  ok: true,
  data: { outcome: 'HELD', cancelledBy: null, reason: null, version: 1, ...over },
});

describe('appointments (no HTTP)', () => {
  let ctx: TestContext;
  let clientId: number;
  beforeEach(async () => {
    ctx = await buildTestApp();
    clientId = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
  });
  const consulent = () => actorFor(ctx, ctx.users.consulent);

  function plan(over: Partial<AppointmentForm> = {}): number {
    const r = planAppointment(ctx, consulent(), clientId, form(over));
    if (!r.ok) throw new Error(JSON.stringify(r.refusal));
    return r.value.id;
  }

  it('plans a conversation in the consulent calendar with a timeline event and an audit row', () => {
    const r = planAppointment(ctx, consulent(), clientId, form());
    expect(r).toEqual({ ok: true, value: { id: expect.any(Number), message: 'Gepland: voortgangsgesprek op 26 november 2026 om 10:00.' } });
    const a = findAppointment(ctx.db, clientId, r.ok ? r.value.id : 0)!;
    expect(a).toMatchObject({ status: 'PLANNED', consulentId: ctx.users.consulent, interpreterLanguage: 'Tigrinya', interpreterBooked: true });
    expect(listClientEvents(ctx.db, clientId, 1)[0]).toMatchObject({ kind: 'APPOINTMENT', summary: expect.stringContaining('Gepland') });
    expect(auditActions(ctx, clientId)).toEqual(['afspraak-gepland']);
  });

  it('refuses a new appointment before today (yesterday refused, today allowed)', () => {
    expect(planAppointment(ctx, consulent(), clientId, form({ startsAt: '2026-11-23T10:00' }))).toMatchObject({
      ok: false,
      refusal: { kind: 'invalid', errors: { date: expect.stringContaining('niet voor vandaag') } },
    });
    expect(planAppointment(ctx, consulent(), clientId, form({ startsAt: '2026-11-24T15:00' })).ok).toBe(true);
  });

  it('warns when the invitation of an enforceable conversation goes out fewer than 14 days ahead; saved once accepted', () => {
    const late = form({ kind: 'HANDHAVING', startsAt: '2026-12-07T10:00', invitationSentOn: '2026-11-24', invitationMethod: 'REGISTERED_POST' });
    const r = planAppointment(ctx, consulent(), clientId, late);
    expect(r).toMatchObject({ ok: false, refusal: { kind: 'invalid', errors: { invitationSentOn: expect.stringContaining('13 dagen') } } });
    // 14 days ahead: no warning.
    expect(planAppointment(ctx, consulent(), clientId, form({ ...late.data, startsAt: '2026-12-08T10:00' })).ok).toBe(true);
    // A voortgangsgesprek cannot lead to enforcement: no warning.
    expect(planAppointment(ctx, consulent(), clientId, form({ ...late.data, kind: 'VOORTGANG' })).ok).toBe(true);
    expect(planAppointment(ctx, consulent(), clientId, form({ ...late.data, acceptLateInvitation: true })).ok).toBe(true);
  });

  it('the minimum days come from the rules in force (an admin change to 21 days)', () => {
    const rules = JSON.parse(ctx.db.prepare('SELECT rules FROM rule_set_versions').pluck().get() as string);
    rules.calendar = { ...rules.calendar, invitationMinDays: 21 };
    ctx.db
      .prepare("INSERT INTO rule_set_versions (effective_from, rules, note, created_at) VALUES ('2026-11-01', ?, 'test', '2026-11-01')")
      .run(JSON.stringify(rules));
    const r = planAppointment(ctx, consulent(), clientId, form({ kind: 'INTAKE', startsAt: '2026-12-08T10:00', invitationSentOn: '2026-11-24', invitationMethod: 'POST' }));
    expect(r).toMatchObject({ ok: false, refusal: { errors: { invitationSentOn: expect.stringContaining('minimaal 21 dagen') } } });
  });

  it('held → the matching conversation form, prefilled with the date and the interpreter', () => {
    const id = plan();
    expect(recordAppointmentOutcome(ctx, consulent(), clientId, id, outcome({}))).toMatchObject({
      ok: false,
      refusal: { kind: 'invalid', errors: { outcome: expect.stringContaining('26 november 2026') } },
    });
    ctx.clock.set('2026-11-26T12:00:00.000Z');
    const r = recordAppointmentOutcome(ctx, consulent(), clientId, id, outcome({}));
    expect(r).toMatchObject({ ok: true, value: { next: `/clients/${clientId}/conversations/new?afspraak=${id}` } });
    expect(findAppointment(ctx.db, clientId, id)!.status).toBe('HELD');
    expect(conversationPrefill(ctx, clientId, String(id))).toEqual({
      heldOn: '2026-11-26',
      clientPresent: 'on',
      consulentPresent: 'on',
      interpreterName: 'Tolk Tigrinya',
    });
    expect(auditActions(ctx, clientId)).toContain('afspraak-uitkomst-vastgelegd');
  });

  it('a second no-show in a row raises the caseload signal; a held appointment in between does not', () => {
    const a1 = plan({ startsAt: '2026-11-24T09:00' });
    const a2 = plan({ startsAt: '2026-11-24T11:00' });
    const a3 = plan({ startsAt: '2026-11-24T13:00' });
    recordAppointmentOutcome(ctx, consulent(), clientId, a1, outcome({ outcome: 'NO_SHOW' }));
    expect(clientSignals(ctx.db, clientId, '2026-11-24')).not.toContain('NO_SHOW');
    recordAppointmentOutcome(ctx, consulent(), clientId, a2, outcome({ outcome: 'HELD' }));
    recordAppointmentOutcome(ctx, consulent(), clientId, a3, outcome({ outcome: 'NO_SHOW' }));
    expect(status(ctx.db, clientId).no_show_streak).toBe(1);
    expect(clientSignals(ctx.db, clientId, '2026-11-24')).not.toContain('NO_SHOW');
    const a4 = plan({ startsAt: '2026-11-24T15:00' });
    recordAppointmentOutcome(ctx, consulent(), clientId, a4, outcome({ outcome: 'NO_SHOW' }));
    expect(status(ctx.db, clientId).no_show_streak).toBe(2);
    expect(clientSignals(ctx.db, clientId, '2026-11-24')).toContain('NO_SHOW');
  });

  it('cancel needs by whom and a reason, and may be done before the date', () => {
    const id = plan();
    expect(recordAppointmentOutcome(ctx, consulent(), clientId, id, outcome({ outcome: 'CANCELLED' }))).toEqual({
      ok: false,
      refusal: { kind: 'invalid', errors: { cancelledBy: 'Kies wie de afspraak heeft afgezegd', reason: 'Vul de reden van afzeggen in' } },
    });
    const r = recordAppointmentOutcome(ctx, consulent(), clientId, id, outcome({ outcome: 'CANCELLED', cancelledBy: 'CLIENT', reason: 'ziek' }));
    expect(r.ok).toBe(true);
    expect(findAppointment(ctx.db, clientId, id)).toMatchObject({ status: 'CANCELLED', cancelledBy: 'CLIENT', outcomeReason: 'ziek' });
    expect(() => recordAppointmentOutcome(ctx, consulent(), clientId, id, outcome({ outcome: 'NO_SHOW', version: 2 }))).toThrow(UseCaseError);
  });

  it('edit with optimistic locking: a stale version is refused and nothing changes', () => {
    const id = plan();
    expect(changeAppointment(ctx, consulent(), clientId, id, 1, form({ startsAt: '2026-11-27T10:00' })).ok).toBe(true);
    const r = changeAppointment(ctx, actorFor(ctx, ctx.users.consulent2), clientId, id, 1, form({ startsAt: '2026-11-28T10:00' }));
    expect(r).toMatchObject({ ok: false, refusal: { kind: 'stale', message: expect.stringContaining('27 november 2026') } });
    expect(findAppointment(ctx.db, clientId, id)).toMatchObject({ startsAt: '2026-11-27T10:00', version: 2, sequence: 1 });
  });

  it('a closed dossier refuses planning; another team does not find the client', () => {
    closeClientDirectly(ctx, clientId);
    expect(planAppointment(ctx, consulent(), clientId, form())).toMatchObject({ ok: false, refusal: { kind: 'closed' } });
    expect(() => planAppointment(ctx, actorFor(ctx, ctx.users.otherConsulent), clientId, form())).toThrow(UseCaseError);
  });

  it('the .ics of an appointment is valid iCalendar with initials and client number, no names', () => {
    const id = plan({ startsAt: '2026-11-26T10:00' });
    const file = appointmentIcsFile(ctx, consulent(), clientId, id);
    const client = ctx.db.prepare('SELECT first_name, last_name, client_number FROM clients WHERE id = ?').get(clientId) as Record<string, string>;
    const comp = new ICAL.Component(ICAL.parse(file.body));
    const events = comp.getAllSubcomponents('vevent');
    expect(events).toHaveLength(1);
    const ev = new ICAL.Event(events[0]);
    expect(ev.summary).toBe(`Voortgangsgesprek T.C. (${client.client_number})`);
    // 10:00 in Amsterdam in November (CET, UTC+1) is 09:00 UTC.
    expect(ev.startDate.toJSDate().toISOString()).toBe('2026-11-26T09:00:00.000Z');
    expect(ev.endDate.toJSDate().toISOString()).toBe('2026-11-26T10:00:00.000Z');
    expect(file.body).not.toContain(client.last_name);
    expect(file.body).not.toContain(client.first_name);
  });
});

describe('the private calendar feed', () => {
  let ctx: TestContext;
  let clientId: number;
  beforeEach(async () => {
    ctx = await buildTestApp();
    clientId = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
  });

  it('serves the consulent appointments for the right token only; a reset token stops the old link', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    planAppointment(ctx, actor, clientId, form({ startsAt: '2026-11-30T14:30' }));
    const { token } = resetCalendarFeed(ctx, actor);
    const audit = () => undefined;
    const body = loadCalendarFeed(ctx, token, audit)!;
    const events = new ICAL.Component(ICAL.parse(body)).getAllSubcomponents('vevent');
    expect(events).toHaveLength(1);
    expect(new ICAL.Event(events[0]).startDate.toJSDate().toISOString()).toBe('2026-11-30T13:30:00.000Z');
    expect(loadCalendarFeed(ctx, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, audit)).toBeNull();
    const { token: fresh } = resetCalendarFeed(ctx, actor);
    expect(loadCalendarFeed(ctx, token, audit)).toBeNull();
    expect(loadCalendarFeed(ctx, fresh, audit)).not.toBeNull();
    stopCalendarFeed(ctx, actor);
    expect(loadCalendarFeed(ctx, fresh, audit)).toBeNull();
  });

  it('summer time: 10:00 in July is 08:00 UTC', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    ctx.clock.set('2027-06-01T09:00:00.000Z');
    refreshClientStatus(ctx.db, clientId, '2027-06-01');
    planAppointment(ctx, actor, clientId, form({ startsAt: '2027-07-01T10:00' }));
    const { token } = resetCalendarFeed(ctx, actorFor(ctx, ctx.users.consulent));
    const ev = new ICAL.Event(new ICAL.Component(ICAL.parse(loadCalendarFeed(ctx, token, () => undefined)!)).getFirstSubcomponent('vevent')!);
    expect(ev.startDate.toJSDate().toISOString()).toBe('2027-07-01T08:00:00.000Z');
  });

  it('this week on the start page: Monday to Sunday of today, the consulent own appointments only', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    planAppointment(ctx, actor, clientId, form({ startsAt: '2026-11-29T10:00' })); // Sunday: this week
    planAppointment(ctx, actor, clientId, form({ startsAt: '2026-11-30T10:00' })); // Monday: next week
    const week = thisWeek(ctx, actor);
    expect(week.from).toBe('2026-11-23');
    expect(week.days.map((d) => d.date)).toEqual(['2026-11-29']);
    expect(thisWeek(ctx, actorFor(ctx, ctx.users.consulent2)).days).toEqual([]);
  });
});

describe('milestones (no HTTP)', () => {
  let ctx: TestContext;
  let clientId: number;
  beforeEach(async () => {
    ctx = await buildTestApp();
    clientId = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
  });

  it('the planning page lists the milestones with their status', () => {
    const page = loadPlanningPage(ctx, actorFor(ctx, ctx.users.consulent), clientId);
    expect(page.milestones.find((m) => m.code === 'PVT_COMPLETED')).toMatchObject({ status: 'OVERDUE', dueOn: '2026-03-03', statusLabel: 'Te laat' });
    expect(auditActions(ctx, clientId)).toEqual(['planning-bekeken']);
  });

  it('a MAP registration before A2 speaking and listening needs a reason', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    expect(recordMilestone(ctx, actor, clientId, { ok: true, data: { code: 'MAP_REGISTERED', doneOn: '2026-11-20', note: null } })).toMatchObject({
      ok: false,
      refusal: { kind: 'invalid', errors: { note: expect.stringContaining('A2') } },
    });
    const r = recordMilestone(ctx, actor, clientId, { ok: true, data: { code: 'MAP_REGISTERED', doneOn: '2026-11-20', note: 'spreekt goed Nederlands' } });
    expect(r.ok).toBe(true);
    expect(listClientEvents(ctx.db, clientId, 1)[0]).toMatchObject({ kind: 'MILESTONE' });
  });

  it('overdue milestones are a caseload signal at the boundary, with the clock moved', () => {
    milestonesOnTrack(ctx.db, clientId, ctx.users.consulent);
    refreshClientStatus(ctx.db, clientId, '2026-11-24');
    expect(clientSignals(ctx.db, clientId, '2026-11-24')).not.toContain('MILESTONE_OVERDUE');
    // MAP registered 2026-01-10: completed due 2027-01-10 (12 months).
    expect(status(ctx.db, clientId).milestone_due_min).toBe('2027-01-10');
    refreshClientStatus(ctx.db, clientId, '2027-01-10');
    expect(clientSignals(ctx.db, clientId, '2027-01-10')).not.toContain('MILESTONE_OVERDUE');
    refreshClientStatus(ctx.db, clientId, '2027-01-11');
    expect(clientSignals(ctx.db, clientId, '2027-01-11')).toContain('MILESTONE_OVERDUE');
    addDecision(ctx.db, clientId, 'MAP_COMPLETED', ctx.users.consulent, {}, '2027-01-11');
    refreshClientStatus(ctx.db, clientId, '2027-01-11');
    expect(clientSignals(ctx.db, clientId, '2027-01-11')).not.toContain('MILESTONE_OVERDUE');
  });
});
