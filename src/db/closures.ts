// Every way a trajectory ends (CLOSURE decisions), extension of the termijn, the handover summary (issue 12).
// SQL and the read models of these pages. The use cases (closing, extending, reopening) are in src/app/closure.ts:
// their rules that need the stored data, the timeline lines, and through changeDossier the transaction, the timeline
// event, the client_status refresh; and the audit row.
import { addMonths, format, parseISO } from 'date-fns';
import type { Condition, Doelgroep, Route } from '../domain/index.js';
import { formatDate } from '../lib/format.js';
import { type Db, prepared } from './connection.js';
import { type HourTotals, hourTotals, loadEligibility } from './progress.js';
import { rulesInForce } from './rules.js';

export type ClosureType =
  | 'COMPLETED'
  | 'ONTHEFFING'
  | 'VRIJSTELLING'
  | 'VERHUIZING'
  | 'TERMIJN_ENDED'
  | 'DECEASED'
  | 'LEFT_COUNTRY'
  | 'DUO_WITHDRAWN';
export const CLOSURE_TYPES: readonly ClosureType[] = [
  'COMPLETED',
  'ONTHEFFING',
  'VRIJSTELLING',
  'VERHUIZING',
  'TERMIJN_ENDED',
  'DECEASED',
  'LEFT_COUNTRY',
  'DUO_WITHDRAWN',
];
export const CLOSURE_LABELS: Record<ClosureType, string> = {
  COMPLETED: 'Inburgering afgerond',
  ONTHEFFING: 'Ontheffing',
  VRIJSTELLING: 'Vrijstelling (diploma)',
  VERHUIZING: 'Verhuisd naar een andere gemeente',
  TERMIJN_ENDED: 'Termijn verstreken zonder afronding',
  DECEASED: 'Overleden',
  LEFT_COUNTRY: 'Vertrokken uit Nederland',
  DUO_WITHDRAWN: 'Ingetrokken door DUO (correctiesignaal)',
};
export const CLOSURE_HINTS: Record<ClosureType, string> = {
  COMPLETED: 'Eindgesprek gehouden, of voldaan aan de eisen van de B1-route of onderwijsroute.',
  ONTHEFFING: 'Om medische redenen, of na aantoonbare inspanning.',
  VRIJSTELLING: 'De cliënt heeft een diploma waarmee de inburgeringsplicht vervalt.',
  VERHUIZING: 'De nieuwe gemeente neemt het over; u krijgt een overdrachtsoverzicht.',
  TERMIJN_ENDED: 'Voor opvolging door handhaving.',
  DECEASED: '',
  LEFT_COUNTRY: '',
  DUO_WITHDRAWN: 'DUO heeft de inburgeraar ten onrechte aan de gemeente gekoppeld. Het dossier wordt vernietigd zodra een teamleider of beheerder de lijst goedkeurt.',
};
export type OntheffingGround = 'MEDICAL' | 'EFFORT';
export const ONTHEFFING_GROUNDS: readonly OntheffingGround[] = ['MEDICAL', 'EFFORT'];
export const ONTHEFFING_LABELS: Record<OntheffingGround, string> = {
  MEDICAL: 'Medische redenen',
  EFFORT: 'Na aantoonbare inspanning',
};

/** The label inside a sentence: "Vertrokken uit Nederland" → "vertrokken uit Nederland". */
export function closureLabelInSentence(type: string | null | undefined): string {
  if (!type || !(type in CLOSURE_LABELS)) return '';
  const label = CLOSURE_LABELS[type as ClosureType];
  return label.charAt(0).toLowerCase() + label.slice(1);
}

// ---- closed dossiers ---------------------------------------------------------------------------

/** Why new work on a closed dossier is refused (Dutch, safe to show). */
export function closedDossierMessage(closedOn: string, closureType: string | null): string {
  const label = closureLabelInSentence(closureType);
  const why = label ? ` (${label})` : '';
  return `Dit dossier is afgesloten op ${formatDate(closedOn)}${why}. U kunt het dossier nog lezen, maar niets nieuws vastleggen.`;
}

/** Thrown when new work is recorded on a closed dossier. The message is Dutch and safe to show. */
export class ClientClosedError extends Error {
  readonly status = 409;
  constructor(
    readonly closedOn: string,
    readonly closureType: string | null,
  ) {
    super(closedDossierMessage(closedOn, closureType));
    this.name = 'ClientClosedError';
  }
}

export interface ClosedState {
  closedOn: string;
  closureType: string | null;
}

/** When and how the client's trajectory was closed; undefined while it is open. */
export function closedState(db: Db, clientId: number): ClosedState | undefined {
  const row = prepared(db, 'SELECT closed_on, closure_reason FROM clients WHERE id = ?').get(clientId) as
    | { closed_on: string | null; closure_reason: string | null }
    | undefined;
  return row?.closed_on ? { closedOn: row.closed_on, closureType: row.closure_reason } : undefined;
}

/** Throws ClientClosedError when the client's trajectory is closed. Call it inside every write's transaction. */
export function assertOpen(db: Db, clientId: number): void {
  const closed = closedState(db, clientId);
  if (closed) throw new ClientClosedError(closed.closedOn, closed.closureType);
}

export interface Closure {
  id: number;
  type: ClosureType;
  decidedOn: string;
  reason: string;
  data: Record<string, unknown>;
  decidedByName: string | null;
}

/** The closure decision in force (the latest), if the dossier is closed. */
export function findClosure(db: Db, clientId: number): Closure | undefined {
  const row = prepared(
    db,
    `SELECT d.id, d.decided_on AS decidedOn, d.reason, d.data, u.display_name AS decidedByName
     FROM decisions d LEFT JOIN users u ON u.id = d.decided_by
     WHERE d.client_id = ? AND d.kind = 'CLOSURE' AND d.revoked_on IS NULL ORDER BY d.decided_on DESC, d.id DESC LIMIT 1`,
  ).get(clientId) as { id: number; decidedOn: string; reason: string; data: string; decidedByName: string | null } | undefined;
  if (!row) return undefined;
  const data = JSON.parse(row.data) as Record<string, unknown>;
  return { ...row, type: data.type as ClosureType, data };
}

export interface CompletionCheck {
  route: Route | null;
  met: boolean;
  /** Dutch lines explaining the check, one per condition. */
  conditions: Pick<Condition, 'met' | 'message'>[];
  endHeldOn: string | null;
}

/**
 * Is the trajectory completed? Z-route: the eindgesprek was held (with the end conditions shown).
 * B1-route and onderwijsroute: the domain's completion check.
 */
export function completionCheck(db: Db, clientId: number, today: string): CompletionCheck {
  const e = loadEligibility(db, clientId, today);
  const endHeldOn = prepared(
    db,
    `SELECT MAX(held_on) FROM conversations WHERE client_id = ? AND kind = 'EIND'`,
  )
    .pluck()
    .get(clientId) as string | null;
  const conditions = (e.end?.conditions ?? []).map((c) => ({ met: c.met, message: c.message }));
  if (!e.route) {
    return { route: null, met: false, conditions: [{ met: false, message: 'Er is nog geen route gekozen' }], endHeldOn };
  }
  if (e.route === 'Z') {
    conditions.unshift({
      met: endHeldOn !== null,
      message: endHeldOn ? `Eindgesprek gehouden op ${formatDate(endHeldOn)}` : 'Het eindgesprek is nog niet gehouden',
    });
    return { route: e.route, met: endHeldOn !== null, conditions, endHeldOn };
  }
  return { route: e.route, met: e.end?.eligible ?? false, conditions, endHeldOn };
}

export interface NewClosure {
  type: ClosureType;
  decidedOn: string;
  reason: string;
  overrideReason: string | null;
  ontheffingGround: OntheffingGround | null;
  newMunicipality: string | null;
}

/** Inserts the CLOSURE decision and closes the client (clients.closed_on/closure_reason). Returns the decision id. */
export function insertClosure(db: Db, clientId: number, input: NewClosure, userId: number, now: string): number {
  const data: Record<string, unknown> = { type: input.type };
  if (input.type === 'COMPLETED' && input.overrideReason) data.overrideReason = input.overrideReason;
  if (input.type === 'ONTHEFFING') data.ground = input.ontheffingGround;
  if (input.type === 'VERHUIZING') data.newMunicipality = input.newMunicipality;
  const id = Number(
    prepared(
      db,
      `INSERT INTO decisions (client_id, kind, decided_on, reason, data, decided_by, created_at)
       VALUES (?, 'CLOSURE', ?, ?, ?, ?, ?)`,
    ).run(clientId, input.decidedOn, input.reason, JSON.stringify(data), userId, now).lastInsertRowid,
  );
  prepared(
    db,
    `UPDATE clients SET closed_on = ?, closure_reason = ?, version = version + 1, updated_at = ? WHERE id = ?`,
  ).run(input.decidedOn, input.type, now, clientId);
  return id;
}

/**
 * Withdraws a closure: the CLOSURE decision is revoked with the reason (it stays in the history) and the
 * dossier is open again.
 */
export function revokeClosure(db: Db, clientId: number, closureId: number, reason: string, userId: number, today: string, now: string): void {
  prepared(db, 'UPDATE decisions SET revoked_on = ?, revoked_by = ?, revoke_reason = ? WHERE id = ? AND client_id = ?').run(
    today,
    userId,
    reason,
    closureId,
    clientId,
  );
  prepared(db, 'UPDATE clients SET closed_on = NULL, closure_reason = NULL, version = version + 1, updated_at = ? WHERE id = ?').run(
    now,
    clientId,
  );
}

// ---- extension of the termijn -----------------------------------------------------------------

export interface Extension {
  id: number;
  decidedOn: string;
  months: number;
  reason: string;
}

export function listExtensions(db: Db, clientId: number): Extension[] {
  const rows = prepared(
    db,
    `SELECT id, decided_on AS decidedOn, reason, data FROM decisions
     WHERE client_id = ? AND kind = 'TERMIJN_EXTENSION' AND revoked_on IS NULL
       AND approval_status IN ('NOT_REQUIRED', 'APPROVED') ORDER BY decided_on, id`,
  ).all(clientId) as { id: number; decidedOn: string; reason: string; data: string }[];
  return rows.map((r) => ({ id: r.id, decidedOn: r.decidedOn, reason: r.reason, months: Number(JSON.parse(r.data).months) }));
}

export interface TermijnInfo {
  start: string | null;
  end: string | null;
  /** First date an extension may be decided: start + rules.general.extensionFromMonths. */
  extensionFrom: string | null;
  extensionFromMonths: number;
  extensions: Extension[];
  atRisk: boolean;
}

export function termijnInfo(db: Db, clientId: number, today: string): TermijnInfo {
  const months = rulesInForce(db, today).general.extensionFromMonths;
  const s = prepared(db, 'SELECT pip_set_on, termijn_end, at_risk FROM client_status WHERE client_id = ?').get(clientId) as
    | { pip_set_on: string | null; termijn_end: string | null; at_risk: number }
    | undefined;
  const start =
    s?.pip_set_on ??
    (prepared(db, 'SELECT MIN(vastgesteld_on) FROM pip_versions WHERE client_id = ?').pluck().get(clientId) as string | null);
  return {
    start,
    end: s?.termijn_end ?? null,
    extensionFrom: start ? format(addMonths(parseISO(start), months), 'yyyy-MM-dd') : null,
    extensionFromMonths: months,
    extensions: listExtensions(db, clientId),
    atRisk: s?.at_risk === 1,
  };
}

export interface NewExtension {
  months: number;
  decidedOn: string;
  reason: string;
}

/** Inserts a TERMIJN_EXTENSION decision; returns its id. */
export function insertExtension(db: Db, clientId: number, input: NewExtension, userId: number, now: string): number {
  return Number(
    prepared(
      db,
      `INSERT INTO decisions (client_id, kind, decided_on, reason, data, decided_by, created_at)
       VALUES (?, 'TERMIJN_EXTENSION', ?, ?, ?, ?, ?)`,
    ).run(clientId, input.decidedOn, input.reason, JSON.stringify({ months: input.months }), userId, now).lastInsertRowid,
  );
}

// ---- handover summary (verhuizing) -------------------------------------------------------------

export interface HandoverSummary {
  client: {
    id: number;
    clientNumber: string;
    firstName: string;
    lastName: string;
    birthDate: string;
    bsn: string | null;
    doelgroep: Doelgroep;
    linkedOn: string;
    address: string | null;
    postcode: string | null;
    city: string | null;
    phone: string | null;
    email: string | null;
    preferredLanguage: string | null;
    interpreterNeeded: boolean;
    consulentName: string | null;
    teamName: string;
  };
  route: { route: Route; decidedOn: string; reason: string | null } | null;
  pip: {
    versionNo: number;
    vastgesteldOn: string;
    revisionReason: string;
    revisionNote: string | null;
    content: Record<string, unknown>;
    firstOn: string;
    versions: number;
  } | null;
  termijn: TermijnInfo;
  hours: HourTotals;
  decisions: { kind: string; decidedOn: string; reason: string; data: Record<string, unknown> }[];
  openAgreements: { description: string; owner: string; dueOn: string; status: string }[];
  closure: Closure | undefined;
}

export function handoverSummary(db: Db, clientId: number, today: string): HandoverSummary | undefined {
  const c = prepared(
    db,
    `SELECT c.id, c.client_number AS clientNumber, c.first_name AS firstName, c.last_name AS lastName,
       c.birth_date AS birthDate, c.bsn, c.doelgroep, c.linked_on AS linkedOn, c.address, c.postcode, c.city, c.phone,
       c.email, c.preferred_language AS preferredLanguage, c.interpreter_needed AS interpreterNeeded,
       u.display_name AS consulentName, t.name AS teamName
     FROM clients c JOIN teams t ON t.id = c.team_id LEFT JOIN users u ON u.id = c.consulent_id WHERE c.id = ?`,
  ).get(clientId) as (Omit<HandoverSummary['client'], 'interpreterNeeded'> & { interpreterNeeded: number }) | undefined;
  if (!c) return undefined;
  const route = prepared(
    db,
    `SELECT route, decided_on AS decidedOn, reason FROM route_decisions
     WHERE client_id = ? AND approval_status <> 'REJECTED' ORDER BY decided_on DESC, id DESC LIMIT 1`,
  ).get(clientId) as HandoverSummary['route'] | undefined;
  const pipRow = prepared(
    db,
    `SELECT version_no AS versionNo, vastgesteld_on AS vastgesteldOn, revision_reason AS revisionReason,
       revision_note AS revisionNote, content,
       (SELECT MIN(vastgesteld_on) FROM pip_versions p2 WHERE p2.client_id = p.client_id) AS firstOn,
       (SELECT COUNT(*) FROM pip_versions p3 WHERE p3.client_id = p.client_id) AS versions
     FROM pip_versions p WHERE client_id = ? ORDER BY version_no DESC LIMIT 1`,
  ).get(clientId) as (Omit<NonNullable<HandoverSummary['pip']>, 'content'> & { content: string }) | undefined;
  const decisions = (
    prepared(
      db,
      `SELECT kind, decided_on AS decidedOn, reason, data FROM decisions
       WHERE client_id = ? AND revoked_on IS NULL AND approval_status IN ('NOT_REQUIRED', 'APPROVED')
       ORDER BY decided_on, id`,
    ).all(clientId) as { kind: string; decidedOn: string; reason: string; data: string }[]
  ).map((d) => ({ ...d, data: JSON.parse(d.data) as Record<string, unknown> }));
  const openAgreements = prepared(
    db,
    `SELECT description, owner, due_on AS dueOn, status FROM agreements
     WHERE client_id = ? AND status IN ('OPEN', 'LOOPT_ACHTER') ORDER BY due_on, id`,
  ).all(clientId) as HandoverSummary['openAgreements'];
  let content: Record<string, unknown> = {};
  if (pipRow) {
    try {
      const parsed = JSON.parse(pipRow.content) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) content = parsed as Record<string, unknown>;
    } catch {
      content = {};
    }
  }
  return {
    client: { ...c, interpreterNeeded: c.interpreterNeeded === 1 },
    route: route ?? null,
    pip: pipRow ? { ...pipRow, content } : null,
    termijn: termijnInfo(db, clientId, today),
    hours: hourTotals(db, clientId),
    decisions,
    openAgreements,
    closure: findClosure(db, clientId),
  };
}
