// Direct-SQL fixtures for tests: put a client in any state without going through the forms.
import { refreshClientStatus } from '../../src/db/client-status.js';
import type { Db } from '../../src/db/connection.js';
import type { HourKind } from '../../src/db/progress.js';
import type { ClientForm } from '../../src/app/clients.js';
import type { Route } from '../../src/domain/index.js';

const NOW = '2026-01-01T00:00:00.000Z';
let counter = 0;

export interface ClientFixture {
  teamId: number;
  consulentId: number | null;
  firstName?: string;
  lastName?: string;
  doelgroep?: 'ASIELSTATUSHOUDER' | 'GEZINSMIGRANT' | 'OVERIGE_MIGRANT';
  linkedOn?: string;
  bsn?: string | null;
}

export function insertClient(db: Db, c: ClientFixture): number {
  counter += 1;
  const r = db
    .prepare(
      `INSERT INTO clients (client_number, first_name, last_name, birth_date, bsn, doelgroep, linked_on, team_id,
         consulent_id, created_at, updated_at)
       VALUES (?, ?, ?, '1990-05-17', ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      `T-${String(counter).padStart(5, '0')}-${Math.random().toString(36).slice(2, 6)}`,
      c.firstName ?? 'Testa',
      c.lastName ?? `Cliënt ${counter}`,
      c.bsn ?? null,
      c.doelgroep ?? 'ASIELSTATUSHOUDER',
      c.linkedOn ?? '2025-01-06',
      c.teamId,
      c.consulentId,
      NOW,
      NOW,
    );
  return Number(r.lastInsertRowid);
}

export function completeIntake(db: Db, clientId: number, startedOn = '2025-01-13', completedOn: string | null = '2025-02-03'): void {
  db.prepare(
    `INSERT INTO intakes (client_id, started_on, completed_on, leerbaarheid_score, created_at, updated_at)
     VALUES (?, ?, ?, 20, ?, ?)`,
  ).run(clientId, startedOn, completedOn, NOW, NOW);
}

export function chooseRoute(db: Db, clientId: number, route: Route, userId: number, decidedOn = '2025-02-10'): void {
  db.prepare(
    `INSERT INTO route_decisions (client_id, kind, decided_on, route, advised_route, decided_by, created_at)
     VALUES (?, 'CHOICE', ?, ?, ?, ?, ?)`,
  ).run(clientId, decidedOn, route, route, userId, NOW);
}

export function setPip(db: Db, clientId: number, userId: number, vastgesteldOn = '2025-03-03'): void {
  const versionNo =
    ((db.prepare('SELECT MAX(version_no) FROM pip_versions WHERE client_id = ?').pluck().get(clientId) as number | null) ??
      0) + 1;
  db.prepare(
    `INSERT INTO pip_versions (client_id, version_no, vastgesteld_on, revision_reason, content, created_by, created_at)
     VALUES (?, ?, ?, ?, '{}', ?, ?)`,
  ).run(clientId, versionNo, vastgesteldOn, versionNo === 1 ? 'FIRST' : 'OTHER', userId, NOW);
}

export function addHours(
  db: Db,
  clientId: number,
  kind: HourKind,
  hours: number,
  userId: number,
  periodEnd = '2026-10-31',
  periodStart = '2026-10-01',
  plannedHours: number | null = null,
): number {
  const r = db
    .prepare(
      `INSERT INTO hour_entries (client_id, kind, period_start, period_end, hours, planned_hours, created_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(clientId, kind, periodStart, periodEnd, hours, plannedHours, userId, NOW, NOW);
  return Number(r.lastInsertRowid);
}

export function addDecision(
  db: Db,
  clientId: number,
  kind: string,
  userId: number,
  data: Record<string, unknown> = {},
  decidedOn = '2026-10-01',
): number {
  const r = db
    .prepare(
      `INSERT INTO decisions (client_id, kind, decided_on, reason, data, decided_by, created_at)
       VALUES (?, ?, ?, 'Testbesluit', ?, ?, ?)`,
    )
    .run(clientId, kind, decidedOn, JSON.stringify(data), userId, NOW);
  return Number(r.lastInsertRowid);
}

export function addConversation(db: Db, clientId: number, kind: 'VOORTGANG' | 'PRE_EIND' | 'EIND', heldOn: string, userId: number): number {
  const r = db
    .prepare(
      `INSERT INTO conversations (client_id, kind, held_on, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .run(clientId, kind, heldOn, userId, NOW, NOW);
  return Number(r.lastInsertRowid);
}

export function addAgreement(db: Db, clientId: number, dueOn: string, userId: number, status = 'OPEN'): number {
  const r = db
    .prepare(
      `INSERT INTO agreements (client_id, description, owner, due_on, status, created_by, created_at, updated_at)
       VALUES (?, 'Testafspraak', 'CLIENT', ?, ?, ?, ?, ?)`,
    )
    .run(clientId, dueOn, status, userId, NOW, NOW);
  return Number(r.lastInsertRowid);
}

/** A Z-route client with PIP set, ready for hours; status refreshed for `today`. */
export function zRouteClient(db: Db, teamId: number, consulentId: number, today = '2026-11-24'): number {
  const id = insertClient(db, { teamId, consulentId });
  completeIntake(db, id);
  chooseRoute(db, id, 'Z', consulentId);
  setPip(db, id, consulentId);
  refreshClientStatus(db, id, today);
  return id;
}

export function status(db: Db, clientId: number): Record<string, unknown> {
  return db.prepare('SELECT * FROM client_status WHERE client_id = ?').get(clientId) as Record<string, unknown>;
}

/**
 * Milestones of a client with a PIP of 2025-03-03 on track on 2026-11-24 (issue 24): PVT completed, MAP
 * registered in time, the year-1 conversations held. Status not refreshed.
 */
export function milestonesOnTrack(db: Db, clientId: number, userId: number): void {
  addDecision(db, clientId, 'PVT_COMPLETED', userId, {}, '2025-12-01');
  db.prepare(
    `INSERT INTO milestone_records (client_id, code, done_on, note, created_by, created_at) VALUES (?, 'MAP_REGISTERED', '2026-01-10', NULL, ?, ?)`,
  ).run(clientId, userId, NOW);
  for (const heldOn of ['2025-06-02', '2025-09-01', '2025-12-01']) addConversation(db, clientId, 'VOORTGANG', heldOn, userId);
}

/** A valid registration form of a client, as the web layer parses it (for the client use cases). */
export function clientFormData(over: Partial<ClientForm> = {}): ClientForm {
  return {
    firstName: 'Amina',
    lastName: 'Haddad',
    birthDate: '1991-03-14',
    bsn: null,
    clientNumber: 'K-1001',
    doelgroep: 'ASIELSTATUSHOUDER',
    linkedOn: '2026-10-01',
    address: 'Lindelaan 4',
    postcode: '1234 AB',
    city: 'Koersdam',
    phone: '06 12345678',
    email: null,
    preferredLanguage: 'Arabisch',
    interpreterNeeded: true,
    consulentId: null,
    ...over,
  };
}
