import type { Doelgroep } from '../domain/index.js';
import { type Db, prepared, preparedRows } from './connection.js';

/** The fields every client page needs to decide access and to show the header. */
export interface ClientRef {
  id: number;
  clientNumber: string;
  firstName: string;
  lastName: string;
  doelgroep: Doelgroep;
  teamId: number;
  consulentId: number | null;
  closedOn: string | null;
  version: number;
}

export function findClientRef(db: Db, id: number): ClientRef | undefined {
  return preparedRows<ClientRef>(
    db,
    `SELECT id, client_number AS clientNumber, first_name AS firstName, last_name AS lastName, doelgroep,
       team_id AS teamId, consulent_id AS consulentId, closed_on AS closedOn, version
     FROM clients WHERE id = ?`,
  ).get(id);
}

// ---- Registration, details, list --------------------------------------------------------------

export const DOELGROEPEN = ['ASIELSTATUSHOUDER', 'GEZINSMIGRANT', 'OVERIGE_MIGRANT'] as const;

/** The registration fields a consulent edits. */
export interface ClientInput {
  firstName: string;
  lastName: string;
  birthDate: string;
  bsn: string | null;
  clientNumber: string;
  doelgroep: Doelgroep;
  linkedOn: string;
  address: string | null;
  postcode: string | null;
  city: string | null;
  phone: string | null;
  email: string | null;
  preferredLanguage: string | null;
  interpreterNeeded: boolean;
  consulentId: number | null;
}

export interface ClientDetail extends ClientInput {
  id: number;
  teamId: number;
  teamName: string;
  consulentName: string | null;
  closedOn: string | null;
  closureReason: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

const DETAIL_SQL = `
SELECT c.id, c.client_number AS clientNumber, c.first_name AS firstName, c.last_name AS lastName,
  c.birth_date AS birthDate, c.bsn, c.doelgroep, c.linked_on AS linkedOn, c.address, c.postcode, c.city, c.phone,
  c.email, c.preferred_language AS preferredLanguage, c.interpreter_needed AS interpreterNeeded, c.team_id AS teamId,
  t.name AS teamName, c.consulent_id AS consulentId, u.display_name AS consulentName, c.closed_on AS closedOn,
  c.closure_reason AS closureReason, c.version, c.created_at AS createdAt, c.updated_at AS updatedAt
FROM clients c JOIN teams t ON t.id = c.team_id LEFT JOIN users u ON u.id = c.consulent_id
WHERE c.id = ?`;

export function findClientDetail(db: Db, id: number): ClientDetail | undefined {
  const row = preparedRows<Omit<ClientDetail, 'interpreterNeeded'> & { interpreterNeeded: number }>(db, DETAIL_SQL).get(id);
  return row && { ...row, interpreterNeeded: row.interpreterNeeded === 1 };
}

/** Which unique fields are already used by another client: 'bsn' and/or 'clientNumber'. */
export function duplicateFields(db: Db, input: Pick<ClientInput, 'bsn' | 'clientNumber'>, exceptId: number | null): {
  bsn: boolean;
  clientNumber: boolean;
} {
  const other = exceptId ?? 0;
  const byNumber = prepared(db, 'SELECT 1 FROM clients WHERE client_number = ? AND id <> ?').get(input.clientNumber, other);
  const byBsn = input.bsn ? prepared(db, 'SELECT 1 FROM clients WHERE bsn = ? AND id <> ?').get(input.bsn, other) : undefined;
  return { bsn: byBsn !== undefined, clientNumber: byNumber !== undefined };
}

export function createClient(db: Db, input: ClientInput, teamId: number, nowIso: string): number {
  const r = prepared(
    db,
    `INSERT INTO clients (client_number, first_name, last_name, birth_date, bsn, doelgroep, linked_on, address, postcode,
       city, phone, email, preferred_language, interpreter_needed, team_id, consulent_id, created_at, updated_at)
     VALUES (@clientNumber, @firstName, @lastName, @birthDate, @bsn, @doelgroep, @linkedOn, @address, @postcode, @city,
       @phone, @email, @preferredLanguage, @interpreterNeeded, @teamId, @consulentId, @now, @now)`,
  ).run({ ...input, interpreterNeeded: input.interpreterNeeded ? 1 : 0, teamId, now: nowIso });
  return Number(r.lastInsertRowid);
}

/** Updates when the row still has `version`; returns false when someone else changed it meanwhile. */
export function updateClient(db: Db, id: number, version: number, input: ClientInput, nowIso: string): boolean {
  const r = prepared(
    db,
    `UPDATE clients SET client_number = @clientNumber, first_name = @firstName, last_name = @lastName,
       birth_date = @birthDate, bsn = @bsn, doelgroep = @doelgroep, linked_on = @linkedOn, address = @address,
       postcode = @postcode, city = @city, phone = @phone, email = @email, preferred_language = @preferredLanguage,
       interpreter_needed = @interpreterNeeded, consulent_id = @consulentId, version = version + 1, updated_at = @now
     WHERE id = @id AND version = @version`,
  ).run({ ...input, interpreterNeeded: input.interpreterNeeded ? 1 : 0, now: nowIso, id, version });
  return r.changes === 1;
}

export interface ClientListFilter {
  teamId: number;
  /** Only this consulent's clients; null = the whole team. */
  consulentId: number | null;
  /** Name or client number (part of), or an exact BSN (only matched for `bsnOwnerId`'s own clients). */
  q: string | null;
  bsnOwnerId: number | null;
  includeClosed: boolean;
  limit: number;
  offset: number;
}

export interface ClientListRow {
  id: number;
  clientNumber: string;
  firstName: string;
  lastName: string;
  doelgroep: Doelgroep;
  consulentName: string | null;
  phase: string | null;
  route: string | null;
  pipDueOn: string | null;
  pipSetOn: string | null;
  termijnEnd: string | null;
  nextConversationDue: string | null;
  closedOn: string | null;
}

function listWhere(f: ClientListFilter): { sql: string; params: Record<string, unknown> } {
  const where = ['c.team_id = @teamId'];
  const params: Record<string, unknown> = { teamId: f.teamId };
  if (f.consulentId !== null) {
    where.push('c.consulent_id = @consulentId');
    params.consulentId = f.consulentId;
  }
  if (!f.includeClosed) where.push('c.closed_on IS NULL');
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    params.like = like;
    const parts = [
      "(c.first_name || ' ' || c.last_name) LIKE @like ESCAPE '\\'",
      "(c.last_name || ', ' || c.first_name) LIKE @like ESCAPE '\\'",
      "c.client_number LIKE @like ESCAPE '\\'",
    ];
    if (f.bsnOwnerId !== null && /^\d{9}$/.test(f.q)) {
      parts.push('(c.bsn = @bsn AND c.consulent_id = @bsnOwnerId)');
      params.bsn = f.q;
      params.bsnOwnerId = f.bsnOwnerId;
    }
    where.push(`(${parts.join(' OR ')})`);
  }
  return { sql: where.join(' AND '), params };
}

export function listClients(db: Db, f: ClientListFilter): { rows: ClientListRow[]; total: number } {
  const { sql, params } = listWhere(f);
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM clients c WHERE ${sql}`).get(params) as { n: number }).n;
  const rows = db
    .prepare(
      `SELECT c.id, c.client_number AS clientNumber, c.first_name AS firstName, c.last_name AS lastName, c.doelgroep,
         u.display_name AS consulentName, s.phase, s.route, s.pip_due_on AS pipDueOn, s.pip_set_on AS pipSetOn,
         s.termijn_end AS termijnEnd, s.next_conversation_due AS nextConversationDue, c.closed_on AS closedOn
       FROM clients c LEFT JOIN users u ON u.id = c.consulent_id LEFT JOIN client_status s ON s.client_id = c.id
       WHERE ${sql}
       ORDER BY c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE, c.id LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: f.limit, offset: f.offset }) as ClientListRow[];
  return { rows, total };
}

// ---- Overview (dossier header and panels) -----------------------------------------------------

export interface ClientStatusRow {
  phase: string;
  route: string | null;
  intake_started_on: string | null;
  intake_completed_on: string | null;
  pip_set_on: string | null;
  pip_due_on: string | null;
  termijn_end: string | null;
  language_hours: number;
  participation_total: number;
  paid_work_hours: number;
  language_norm: number | null;
  participation_norm: number | null;
  at_risk: number;
  language_expected_on: string | null;
  participation_expected_on: string | null;
  last_hours_on: string | null;
  last_conversation_on: string | null;
  next_conversation_due: string | null;
  pre_end_held_on: string | null;
  end_held_on: string | null;
  closed_on: string | null;
}

export function findClientStatus(db: Db, clientId: number): ClientStatusRow | undefined {
  return preparedRows<ClientStatusRow>(db, 'SELECT * FROM client_status WHERE client_id = ?').get(clientId);
}

export interface OpenAgreement {
  id: number;
  description: string;
  owner: string;
  dueOn: string;
  status: string;
}

/** Agreements not yet realised, earliest due first. */
export function listOpenAgreements(db: Db, clientId: number, limit = 5): OpenAgreement[] {
  return preparedRows<OpenAgreement>(
    db,
    `SELECT id, description, owner, due_on AS dueOn, status FROM agreements
     WHERE client_id = ? AND status IN ('OPEN', 'LOOPT_ACHTER') ORDER BY due_on, id LIMIT ?`,
  ).all(clientId, limit);
}

export function countOpenAgreements(db: Db, clientId: number): number {
  return (
    prepared(db, "SELECT COUNT(*) AS n FROM agreements WHERE client_id = ? AND status IN ('OPEN', 'LOOPT_ACHTER')").get(
      clientId,
    ) as { n: number }
  ).n;
}

/** The latest voortgangsgesprek (or other conversation), for the overview. */
export function lastConversation(db: Db, clientId: number): { kind: string; heldOn: string } | undefined {
  return prepared(
    db,
    'SELECT kind, held_on AS heldOn FROM conversations WHERE client_id = ? ORDER BY held_on DESC, id DESC LIMIT 1',
  ).get(clientId) as { kind: string; heldOn: string } | undefined;
}
