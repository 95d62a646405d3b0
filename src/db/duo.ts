import { type Db, prepared } from './connection.js';

export const DUO_FACTS = [
  'ROUTE_CHOSEN',
  'PIP_SET',
  'ROUTE_CHANGED',
  'AFSCHALEN',
  'PVT_COMPLETED',
  'MAP_COMPLETED',
  'VERLENGING',
  'COMPLETED',
  'ONTHEFFING',
  'CLOSURE',
] as const;
export type DuoFact = (typeof DUO_FACTS)[number];

export interface DuoLedgerLine {
  id: number;
  clientId: number;
  fact: DuoFact;
  factOn: string;
  data: Record<string, unknown>;
  summary: string;
  passedOn: string | null;
  passedByName: string | null;
  version: number;
  createdAt: string;
}

export interface DuoWorklistLine extends DuoLedgerLine {
  clientNumber: string;
  firstName: string;
  lastName: string;
  consulentName: string | null;
}

const COLUMNS = `l.id, l.client_id AS clientId, l.fact, l.fact_on AS factOn, l.data, l.summary, l.passed_on AS passedOn,
  p.display_name AS passedByName, l.version, l.created_at AS createdAt`;

type Row<T> = Omit<T, 'data'> & { data: string };
const parse = <T extends DuoLedgerLine>(r: Row<T>): T => ({ ...r, data: JSON.parse(r.data) as Record<string, unknown> }) as T;

export function insertDuoLine(
  db: Db,
  line: { clientId: number; fact: DuoFact; factOn: string; data: Record<string, unknown>; summary: string; refTable: string | null; refId: number | null },
  userId: number,
  nowIso: string,
): number {
  const r = prepared(
    db,
    `INSERT INTO duo_ledger (client_id, fact, fact_on, data, summary, ref_table, ref_id, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(line.clientId, line.fact, line.factOn, JSON.stringify(line.data), line.summary, line.refTable, line.refId, userId, nowIso);
  return Number(r.lastInsertRowid);
}

export function listDuoLines(db: Db, clientId: number): DuoLedgerLine[] {
  const rows = prepared(
    db,
    `SELECT ${COLUMNS} FROM duo_ledger l LEFT JOIN users p ON p.id = l.passed_by WHERE l.client_id = ? ORDER BY l.id DESC`,
  ).all(clientId) as Row<DuoLedgerLine>[];
  return rows.map(parse);
}

export function findDuoLine(db: Db, clientId: number, id: number): DuoLedgerLine | undefined {
  const row = prepared(
    db,
    `SELECT ${COLUMNS} FROM duo_ledger l LEFT JOIN users p ON p.id = l.passed_by WHERE l.client_id = ? AND l.id = ?`,
  ).get(clientId, id) as Row<DuoLedgerLine> | undefined;
  return row && parse(row);
}

/** The team's lines not yet passed on to DUO, oldest first. */
export function duoWorklist(db: Db, teamId: number): DuoWorklistLine[] {
  const rows = prepared(
    db,
    `SELECT ${COLUMNS}, c.client_number AS clientNumber, c.first_name AS firstName, c.last_name AS lastName,
       u.display_name AS consulentName
     FROM duo_ledger l JOIN clients c ON c.id = l.client_id LEFT JOIN users u ON u.id = c.consulent_id
       LEFT JOIN users p ON p.id = l.passed_by
     WHERE c.team_id = ? AND l.passed_on IS NULL ORDER BY l.created_at, l.id`,
  ).all(teamId) as Row<DuoWorklistLine>[];
  return rows.map(parse);
}

/** Marks a line passed on; false when stale or passed on already. */
export function markDuoLinePassed(db: Db, clientId: number, id: number, version: number, passedOn: string, userId: number): boolean {
  return (
    db
      .prepare(
        `UPDATE duo_ledger SET passed_on = ?, passed_by = ?, version = version + 1
         WHERE client_id = ? AND id = ? AND version = ? AND passed_on IS NULL`,
      )
      .run(passedOn, userId, clientId, id, version).changes === 1
  );
}

// ---- incoming DUO signals ----

export const DUO_SIGNAL_KINDS = ['NEW_INBURGERINGSPLICHTIGE', 'KENNISGEVING', 'CORRECTION', 'EXAM_RESULT'] as const;
export type DuoSignalKind = (typeof DUO_SIGNAL_KINDS)[number];

export interface DuoSignal {
  id: number;
  teamId: number;
  clientId: number | null;
  kind: DuoSignalKind;
  receivedOn: string;
  bsn: string | null;
  dutyStartOn: string | null;
  note: string | null;
  createdAt: string;
}

const SIGNAL_COLUMNS = `id, team_id AS teamId, client_id AS clientId, kind, received_on AS receivedOn, bsn,
  duty_start_on AS dutyStartOn, note, created_at AS createdAt`;

export function insertDuoSignal(
  db: Db,
  s: { teamId: number; clientId: number | null; kind: DuoSignalKind; receivedOn: string; bsn: string | null; dutyStartOn: string | null; note: string | null },
  userId: number,
  nowIso: string,
): number {
  const r = db
    .prepare(
      `INSERT INTO duo_signals (team_id, client_id, kind, received_on, bsn, duty_start_on, note, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(s.teamId, s.clientId, s.kind, s.receivedOn, s.bsn, s.dutyStartOn, s.note, userId, nowIso);
  return Number(r.lastInsertRowid);
}

export function listClientDuoSignals(db: Db, clientId: number): DuoSignal[] {
  return prepared(db, `SELECT ${SIGNAL_COLUMNS} FROM duo_signals WHERE client_id = ? ORDER BY received_on DESC, id DESC`).all(clientId) as DuoSignal[];
}

/** New inburgeringsplichtigen of a team not yet registered as a client (no client with that BSN). */
export function openNewInburgeringsplichtigen(db: Db, teamId: number): DuoSignal[] {
  return prepared(
    db,
    `SELECT ${SIGNAL_COLUMNS} FROM duo_signals s
     WHERE s.team_id = ? AND s.kind = 'NEW_INBURGERINGSPLICHTIGE' AND s.client_id IS NULL
       AND NOT EXISTS (SELECT 1 FROM clients c WHERE c.bsn = s.bsn)
     ORDER BY s.received_on, s.id`,
  ).all(teamId) as DuoSignal[];
}

export function findTeamDuoSignal(db: Db, teamId: number, id: number): DuoSignal | undefined {
  return prepared(db, `SELECT ${SIGNAL_COLUMNS} FROM duo_signals WHERE team_id = ? AND id = ?`).get(teamId, id) as DuoSignal | undefined;
}

/**
 * The DUO fact an approved route choice or decision makes (null when it makes none): it waited for the
 * teamleider, so it goes to DUO on approval.
 */
export function factOfApproved(
  db: Db,
  type: 'route' | 'decision' | 'conversation',
  id: number,
): { fact: DuoFact; factOn: string; route: string | null; refTable: string } | null {
  if (type === 'route') {
    const r = prepared(db, 'SELECT kind, route, decided_on AS decidedOn FROM route_decisions WHERE id = ?').get(id) as
      | { kind: string; route: string; decidedOn: string }
      | undefined;
    return r ? { fact: r.kind === 'CHANGE' ? 'ROUTE_CHANGED' : 'ROUTE_CHOSEN', factOn: r.decidedOn, route: r.route, refTable: 'route_decisions' } : null;
  }
  if (type === 'decision') {
    const d = prepared(db, 'SELECT kind, decided_on AS decidedOn FROM decisions WHERE id = ?').get(id) as { kind: string; decidedOn: string } | undefined;
    if (d && (d.kind === 'PVT_COMPLETED' || d.kind === 'MAP_COMPLETED')) return { fact: d.kind, factOn: d.decidedOn, route: null, refTable: 'decisions' };
  }
  return null;
}
