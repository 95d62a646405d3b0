/**
 * Authorization matrix for every client-specific route (issue 9, security).
 *
 * The rule: a client's dossier is read and changed only by consulenten and teamleiders of the client's
 * own team. Admins (functioneel beheer) manage rules, lists and users but do not read dossiers: they get
 * a 403. Anyone from another team gets a 404 that is byte-for-byte the answer for an id that does not
 * exist, so an id cannot be used to find out whether a client exists; the body never contains the
 * client's name, number or BSN. Anonymous requests are sent to /login. A refused POST (with a valid CSRF
 * token of the refused user's own session) changes nothing in the database.
 */
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { refreshClientStatus } from '../../src/db/client-status.js';
import { buildTestApp, type LoggedInAgent, type TestContext, withoutCsrfToken } from '../helpers/app.js';
import { snapshotDb } from '../helpers/db-snapshot.js';
import {
  addAgreement,
  addConversation,
  addDecision,
  addHours,
  completeIntake,
  chooseRoute,
  insertClient,
  setPip,
} from '../helpers/fixtures.js';

const FIRST = 'Zwaantje';
const LAST = 'Geheimnaam';
const BSN = '111222333'; // passes the elfproef

// Every GET page of a client dossier (path after /clients/:id), with what its own team sees.
const GET_PAGES = [
  '',
  '/details',
  '/contact',
  '/barriers',
  '/target-group',
  '/edit',
  '/intake',
  '/route',
  '/pip',
  '/pip/new',
  '/pip/versions/1',
  '/pip/compare',
  '/pip/share',
  '/pip/print',
  '/hours',
  '/decisions',
  '/conversations',
  '/conversations/new',
  '/pre-end',
  '/end',
  '/agreements',
  '/summary',
  '/language',
  '/closure',
  '/closure/handover',
  '/absence',
  '/enforcement',
  '/data-export.json',
  '/planning',
  '/appointments/new',
  '/duo',
  '/documents',
  '/letters',
  '/letters/pip-beschikking',
  '/letters/uitnodiging-voortgang',
  '/letters/afsprakenplan',
  '/restricted-notes',
];

interface Setup {
  ctx: TestContext;
  clientId: number;
  clientNumber: string;
  hourId: number;
  agreementId: number;
  conversationId: number;
  decisionId: number;
  agents: Record<'consulent' | 'teamleider' | 'admin' | 'otherConsulent' | 'otherTeamleider', LoggedInAgent>;
}

async function setup(): Promise<Setup> {
  const ctx = await buildTestApp();
  const c = ctx.users.consulent;
  const clientId = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: c, firstName: FIRST, lastName: LAST, bsn: BSN });
  completeIntake(ctx.db, clientId);
  chooseRoute(ctx.db, clientId, 'Z', c);
  setPip(ctx.db, clientId, c);
  setPip(ctx.db, clientId, c, '2025-09-01');
  const hourId = addHours(ctx.db, clientId, 'PARTICIPATION', 12, c);
  const conversationId = addConversation(ctx.db, clientId, 'VOORTGANG', '2026-06-01', c);
  const agreementId = addAgreement(ctx.db, clientId, '2026-12-01', c);
  const decisionId = addDecision(ctx.db, clientId, 'GUIDANCE_HOURS', c, { hours: 10 });
  refreshClientStatus(ctx.db, clientId, '2026-11-24');
  const clientNumber = ctx.db.prepare('SELECT client_number FROM clients WHERE id = ?').pluck().get(clientId) as string;
  const agents = {
    consulent: await ctx.login('consulent'),
    teamleider: await ctx.login('teamleider'),
    admin: await ctx.login('admin'),
    otherConsulent: await ctx.login('otherConsulent'),
    otherTeamleider: await ctx.login('otherTeamleider'),
  };
  return { ctx, clientId, clientNumber, hourId, agreementId, conversationId, decisionId, agents };
}

function expectNoLeak(s: Setup, page: string) {
  // The session's CSRF token once contained the BSN's last four digits (a red run); it is no data of the client.
  const body = withoutCsrfToken(page);
  expect(body).not.toContain(FIRST);
  expect(body).not.toContain(LAST);
  expect(body).not.toContain(s.clientNumber);
  expect(body).not.toContain(BSN);
  expect(body).not.toContain(BSN.slice(-4));
}

describe('authorization matrix: GET pages of a client dossier', async () => {
  let s: Setup;
  beforeAll(async () => {
    s = await setup();
  });

  it.each(GET_PAGES)('consulent and teamleider of the own team read /clients/:id%s (200, with the name)', async (p) => {
    for (const who of ['consulent', 'teamleider'] as const) {
      const res = await s.agents[who].agent.get(`/clients/${s.clientId}${p}`);
      expect(res.status, `${who} ${p}`).toBe(200);
      expect(res.text).toContain(LAST);
    }
  });

  it.each(GET_PAGES)('consulent and teamleider of another team get a 404 without data on /clients/:id%s', async (p) => {
    for (const who of ['otherConsulent', 'otherTeamleider'] as const) {
      const res = await s.agents[who].agent.get(`/clients/${s.clientId}${p}`);
      expect(res.status, `${who} ${p}`).toBe(404);
      expectNoLeak(s, res.text);
      // The same answer as for an id that does not exist: no hint that this client exists.
      const missing = await s.agents[who].agent.get(`/clients/987654${p}`);
      expect(missing.status).toBe(404);
      expect(res.text).toBe(missing.text);
    }
  });

  it.each(GET_PAGES)('admin gets a 403 without data on /clients/:id%s', async (p) => {
    const res = await s.agents.admin.agent.get(`/clients/${s.clientId}${p}`);
    expect(res.status).toBe(403);
    expectNoLeak(s, res.text);
  });

  it.each(GET_PAGES)('anonymous GET /clients/:id%s is sent to /login', async (p) => {
    const res = await request(s.ctx.app).get(`/clients/${s.clientId}${p}`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login');
    expectNoLeak(s, res.text);
  });

  it('sub-records of the client (conversation, enforcement letter, exam) are refused the same way', async () => {
    const paths = [
      `/clients/${s.clientId}/conversations/${s.conversationId}`,
      `/clients/${s.clientId}/conversations/${s.conversationId}/afsprakenplan`,
      `/clients/${s.clientId}/hours/${s.hourId}/edit`,
    ];
    for (const p of paths) {
      expect((await s.agents.consulent.agent.get(p)).status, p).toBe(200);
      const other = await s.agents.otherConsulent.agent.get(p);
      expect(other.status, p).toBe(404);
      expectNoLeak(s, other.text);
      expect((await s.agents.admin.agent.get(p)).status, p).toBe(403);
    }
  });

  it('a sub-record id of this client used under another client of the own team is not found', async () => {
    const mine = insertClient(s.ctx.db, { teamId: s.ctx.teamA, consulentId: s.ctx.users.consulent });
    const res = await s.agents.consulent.agent.get(`/clients/${mine}/conversations/${s.conversationId}`);
    expect(res.status).toBe(404);
    expectNoLeak(s, res.text);
    const hours = await s.agents.consulent.agent.get(`/clients/${mine}/hours/${s.hourId}/edit`);
    expect(hours.status).toBe(404);
    expectNoLeak(s, hours.text);
  });

  it('malformed and huge ids give the same Dutch 404 without internals', async () => {
    for (const id of ['abc', '0', '-1', '1.5', '99999999999999999999', '1%27%20OR%201%3D1']) {
      const res = await s.agents.consulent.agent.get(`/clients/${id}`);
      expect(res.status, id).toBe(404);
      expect(res.text).toContain('bestaat niet');
      expect(res.text).not.toMatch(/SqliteError|RangeError|ZodError|at .*\.(ts|js):\d+|stack/i);
    }
  });
});

// Every POST action on a client dossier, with a body that the own consulent could save.
function postActions(s: Setup): { path: string; body: Record<string, string> }[] {
  const id = s.clientId;
  return [
    { path: `/clients/${id}/edit`, body: { firstName: 'Overschreven', lastName: LAST, birthDate: '1990-05-17', clientNumber: s.clientNumber, doelgroep: 'ASIELSTATUSHOUDER', linkedOn: '2025-01-06', version: '1' } },
    { path: `/clients/${id}/contact-attempts`, body: { attemptedOn: '2026-11-20', channel: 'TELEFOON', reached: 'ja', note: 'x' } },
    { path: `/clients/${id}/barriers`, body: { statusOn: '2026-11-20', barrier_DEBTS: 'PRESENT' } },
    { path: `/clients/${id}/target-group`, body: { pwUitkering: 'nee', version: '1' } },
    { path: `/clients/${id}/weekly-plan/entries`, body: { activity: 'TAALLES', label: 'Taalles', weekday: '1', dayPart: 'OCHTEND' } },
    { path: `/clients/${id}/weekly-plan/limits`, body: { maxHoursPerWeek: '10', version: '0' } },
    { path: `/clients/${id}/weekly-plan/availability`, body: { availWeekday: '1', availStart: '08:30', availEnd: '14:30' } },
    { path: `/clients/${id}/costs`, body: { component: 'TOLK', kind: 'KOSTEN', amountCents: '90', bookedOn: '2026-11-20', description: 'Tolk' } },
    { path: `/clients/${id}/intake`, body: { educationHistory: 'Overschreven' } },
    { path: `/clients/${id}/route`, body: { route: 'B1', reason: 'x' } },
    { path: `/clients/${id}/route/change`, body: { route: 'B1', reason: 'x' } },
    { path: `/clients/${id}/pip`, body: { vastgesteldOn: '2026-11-20', revisionReason: 'OTHER' } },
    { path: `/clients/${id}/hours`, body: { kind: 'LANGUAGE', periodStart: '2026-11-01', periodEnd: '2026-11-20', hours: '10' } },
    { path: `/clients/${id}/hours/${s.hourId}/edit`, body: { kind: 'PARTICIPATION', periodStart: '2026-10-01', periodEnd: '2026-10-31', hours: '99', version: '1' } },
    { path: `/clients/${id}/hours/${s.hourId}/delete`, body: { reason: 'weg', version: '1' } },
    { path: `/clients/${id}/decisions`, body: { kind: 'GUIDANCE_HOURS', hours: '5', decidedOn: '2026-11-20', reason: 'x' } },
    { path: `/clients/${id}/decisions/${s.decisionId}/revoke`, body: { reason: 'x' } },
    { path: `/clients/${id}/conversations/new`, body: { heldOn: '2026-11-20', clientPresent: 'on', goingWell: 'x' } },
    { path: `/clients/${id}/pre-end`, body: { heldOn: '2026-11-20', coachName: 'x' } },
    { path: `/clients/${id}/end`, body: { heldOn: '2026-11-20' } },
    { path: `/clients/${id}/agreements`, body: { agreement_0_description: 'Nieuwe afspraak', agreement_0_owner: 'CLIENT', agreement_0_due: '2026-12-20' } },
    { path: `/clients/${id}/agreements/${s.agreementId}/status`, body: { status: 'GEREALISEERD', version: '1' } },
    { path: `/clients/${id}/language/levels`, body: { skill: 'LEZEN', level: 'A2', assessedOn: '2026-11-20' } },
    { path: `/clients/${id}/language/exams`, body: { skill: 'LEZEN', level: 'A2', examOn: '2026-11-20' } },
    { path: `/clients/${id}/language/exams/1`, body: { result: 'PASSED' } },
    { path: `/clients/${id}/language/afschalen`, body: { reason: 'x' } },
    { path: `/clients/${id}/closure`, body: { closedOn: '2026-11-20', reason: 'x' } },
    { path: `/clients/${id}/closure/extension`, body: { reason: 'x' } },
    { path: `/clients/${id}/closure/reopen`, body: { reopenReason: 'x' } },
    { path: `/clients/${id}/absence/excused`, body: { from: '2026-11-01', to: '2026-11-02', reason: 'x' } },
    { path: `/clients/${id}/enforcement`, body: { kind: 'x' } },
    { path: `/clients/${id}/enforcement/1/steps`, body: { kind: 'x' } },
    { path: `/clients/${id}/restricted-notes`, body: { kind: 'MEDISCH', notedOn: '2026-11-20', body: 'x' } },
  ];
}

describe('authorization matrix: POST actions on a client dossier', async () => {
  let s: Setup;
  beforeAll(async () => {
    s = await setup();
  });

  it('every POST from a consulent or teamleider of another team is a 404 and changes nothing', async () => {
    for (const who of ['otherConsulent', 'otherTeamleider'] as const) {
      const { agent, csrf } = s.agents[who];
      for (const a of postActions(s)) {
        const before = snapshotDb(s.ctx.db);
        const res = await agent.post(a.path).type('form').send({ _csrf: csrf, ...a.body });
        expect(res.status, `${who} ${a.path}`).toBe(404);
        expectNoLeak(s, res.text);
        expect(snapshotDb(s.ctx.db), `${who} ${a.path}`).toEqual(before);
      }
    }
  });

  it('every POST from an admin is a 403 and changes nothing', async () => {
    const { agent, csrf } = s.agents.admin;
    for (const a of postActions(s)) {
      const before = snapshotDb(s.ctx.db);
      const res = await agent.post(a.path).type('form').send({ _csrf: csrf, ...a.body });
      expect(res.status, a.path).toBe(403);
      expectNoLeak(s, res.text);
      expect(snapshotDb(s.ctx.db), a.path).toEqual(before);
    }
  });

  it('every anonymous POST is refused and changes nothing', async () => {
    for (const a of postActions(s)) {
      const before = snapshotDb(s.ctx.db);
      const res = await request(s.ctx.app).post(a.path).type('form').send(a.body);
      expect([303, 403], a.path).toContain(res.status);
      expectNoLeak(s, res.text);
      expect(snapshotDb(s.ctx.db), a.path).toEqual(before);
    }
  });

  it('a POST to an id that does not exist gives the same 404 as another team\'s client', async () => {
    const { agent, csrf } = s.agents.otherConsulent;
    const body = { _csrf: csrf, kind: 'LANGUAGE', periodStart: '2026-11-01', periodEnd: '2026-11-20', hours: '10' };
    const other = await agent.post(`/clients/${s.clientId}/hours`).type('form').send(body);
    const missing = await agent.post('/clients/987654/hours').type('form').send(body);
    expect(other.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(other.text).toBe(missing.text);
  });

  it('the same bodies do get through for the own consulent (so the refusals above are about access)', async () => {
    const { agent, csrf } = s.agents.consulent;
    const hours = await agent
      .post(`/clients/${s.clientId}/hours`)
      .type('form')
      .send({ _csrf: csrf, kind: 'LANGUAGE', periodStart: '2026-11-01', periodEnd: '2026-11-20', hours: '10' });
    expect(hours.status).toBe(303);
    const agreement = await agent
      .post(`/clients/${s.clientId}/agreements`)
      .type('form')
      .send({ _csrf: csrf, agreement_0_description: 'Nieuwe afspraak', agreement_0_owner: 'CLIENT', agreement_0_due: '2026-12-20' });
    expect(agreement.status).toBe(303);
    const status = await agent
      .post(`/clients/${s.clientId}/agreements/${s.agreementId}/status`)
      .type('form')
      .send({ _csrf: csrf, status: 'GEREALISEERD', version: '1' });
    expect(status.status).toBe(303);
    const n = s.ctx.db.prepare("SELECT COUNT(*) FROM agreements WHERE description = 'Nieuwe afspraak'").pluck().get();
    expect(n).toBe(1);
  });
});
