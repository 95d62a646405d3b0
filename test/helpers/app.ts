import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { type Db, openDatabase } from '../../src/db/connection.js';
import { migrate } from '../../src/db/migrate.js';
import { ensureDefaultRuleSet } from '../../src/db/rules.js';
import { createTeam } from '../../src/db/teams.js';
import { createUser, type Role } from '../../src/db/users.js';
import { fixedClock } from '../../src/lib/clock.js';
import { hashPasswordWithCost } from '../../src/lib/passwords.js';
import { type AppConfig, createApp } from '../../src/web/app.js';

export const TEST_PASSWORD = 'test-wachtwoord-123';
let cachedHash: Promise<string> | undefined;
export const testPasswordHash = () => {
  // Low scrypt cost for the fixture users only (see hashPasswordWithCost); test/unit checks the real cost.
  cachedHash ??= hashPasswordWithCost(TEST_PASSWORD, { n: 2 ** 10, r: 8, p: 1 });
  return cachedHash;
};

export type TestClock = ReturnType<typeof fixedClock>;

export interface TestUsers {
  consulent: number; // team A
  consulent2: number; // team A, another consulent
  teamleider: number; // team A
  admin: number;
  otherConsulent: number; // team B
  otherTeamleider: number; // team B
}

export interface TestContext {
  app: Express;
  db: Db;
  clock: TestClock;
  teamA: number;
  teamB: number;
  users: TestUsers;
  /** Where this app keeps document files (a fresh temporary path; created on the first upload). */
  documentsPath: string;
  /** A supertest agent logged in as `username`, with the session's CSRF token at hand. */
  login(username: keyof TestUsers | string): Promise<LoggedInAgent>;
}

export interface LoggedInAgent {
  agent: ReturnType<typeof request.agent>;
  csrf: string;
}

export const START = '2026-11-24T09:00:00.000Z';

/** Builds the real app on an in-memory database with two teams and a user for every role. */
export async function buildTestApp(options: { now?: string; config?: Partial<AppConfig> } = {}): Promise<TestContext> {
  const db = openDatabase(':memory:');
  migrate(db);
  const clock = fixedClock(options.now ?? START);
  const now = clock.now().toISOString();
  ensureDefaultRuleSet(db, now);
  const hash = await testPasswordHash();
  const teamA = createTeam(db, 'Team A', now, 80);
  const teamB = createTeam(db, 'Team B', now, 80);
  const mk = (username: string, role: Role, teamId: number | null) =>
    createUser(db, { username, displayName: `Test ${username}`, role, teamId, passwordHash: hash }, now);
  const users: TestUsers = {
    consulent: mk('consulent', 'consulent', teamA),
    consulent2: mk('consulent2', 'consulent', teamA),
    teamleider: mk('teamleider', 'teamleider', teamA),
    admin: mk('admin', 'admin', null),
    otherConsulent: mk('otherConsulent', 'consulent', teamB),
    otherTeamleider: mk('otherTeamleider', 'teamleider', teamB),
  };
  const documentsPath = options.config?.documentsPath ?? join(tmpdir(), `koers-test-documents-${randomUUID()}`);
  const app = createApp({ db, clock, config: { sessionSecret: 'test-secret', ...options.config, documentsPath } });
  return {
    app,
    db,
    clock,
    teamA,
    teamB,
    users,
    documentsPath,
    login: (username) => loginAs(app, username),
  };
}

/**
 * The page with the numeric character references the view engine writes for template text above U+00FF
 * (`&#8594;` for →, see oneByteText) read back as characters, for assertions on wording.
 */
export function withCharacters(html: string): string {
  return html.replace(/&#(\d+);/g, (ref, code: string) => (Number(code) > 0xff ? String.fromCodePoint(Number(code)) : ref));
}

/**
 * The page without its CSRF token's value: the token is 128 random hex digits, so a check that a short number
 * (the last digits of a BSN) is not on a page would fail by chance in about one session in 500.
 */
export function withoutCsrfToken(html: string): string {
  return html.replace(/name="_csrf" value="[0-9a-f]+"/g, 'name="_csrf" value=""');
}

export function csrfFrom(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m?.[1]) throw new Error('no CSRF token in page');
  return m[1];
}

export async function loginAs(app: Express, username: string, password = TEST_PASSWORD): Promise<LoggedInAgent> {
  const agent = request.agent(app);
  const page = await agent.get('/login');
  const res = await agent
    .post('/login')
    .type('form')
    .send({ username, password, _csrf: csrfFrom(page.text) });
  if (res.status !== 303) throw new Error(`login as ${username} failed: ${res.status}`);
  const home = await agent.get('/account/password');
  // A user who must first set up a second factor is sent there; that page has the session's token too.
  const landing = home.status === 303 && home.headers.location ? await agent.get(home.headers.location) : home;
  return { agent, csrf: csrfFrom(landing.text) };
}
