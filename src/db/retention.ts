// Retention (issue 20): the versioned retention rules, legal holds, the batches of what is due, and the SQL that
// removes personal data. The use cases (proposing, approving, holds) are in src/app/retention.ts.
import {
  DEFAULT_RETENTION_RULES,
  type RetentionKind,
  type RetentionRules,
  type RetentionVersion,
  retentionRulesInForce,
  retentionRulesSchema,
  scrubJson,
} from '../domain/retention.js';
import { type Db, prepared } from './connection.js';
import { forgetAuditActions } from './audit.js';

// ---- rule versions -------------------------------------------------------------------------------------------

export interface StoredRetentionVersion extends RetentionVersion {
  note: string | null;
  createdByName: string | null;
  createdAt: string;
}

interface VersionRow {
  id: number;
  effective_from: string;
  rules: string;
  note: string | null;
  created_by_name: string | null;
  created_at: string;
}

/** All versions, oldest effective date first. */
export function listRetentionVersions(db: Db): StoredRetentionVersion[] {
  const rows = prepared(
    db,
    `SELECT r.id, r.effective_from, r.rules, r.note, u.display_name AS created_by_name, r.created_at
     FROM retention_versions r LEFT JOIN users u ON u.id = r.created_by ORDER BY r.effective_from`,
  ).all() as VersionRow[];
  return rows.map((r) => {
    const parsed = retentionRulesSchema.safeParse(JSON.parse(r.rules));
    if (!parsed.success) throw new Error(`retention version ${r.id} in the database is invalid`);
    return { id: r.id, effectiveFrom: r.effective_from, rules: parsed.data, note: r.note, createdByName: r.created_by_name, createdAt: r.created_at };
  });
}

export function retentionVersionOn(db: Db, effectiveFrom: string): { id: number } | undefined {
  return prepared(db, 'SELECT id FROM retention_versions WHERE effective_from = ?').get(effectiveFrom) as { id: number } | undefined;
}

export function insertRetentionVersion(db: Db, v: { effectiveFrom: string; rules: RetentionRules; note: string | null; createdBy: number; now: string }): number {
  return Number(
    prepared(db, 'INSERT INTO retention_versions (effective_from, rules, note, created_by, created_at) VALUES (?, ?, ?, ?, ?)').run(
      v.effectiveFrom,
      JSON.stringify(v.rules),
      v.note,
      v.createdBy,
      v.now,
    ).lastInsertRowid,
  );
}

/** The rules in force on `date` and their version (null: the defaults). */
export function retentionRulesOn(db: Db, date: string): { rules: RetentionRules; versionId: number | null } {
  return retentionRulesInForce(listRetentionVersions(db), date);
}

export { DEFAULT_RETENTION_RULES };

// ---- legal holds ---------------------------------------------------------------------------------------------

export type LegalHoldKind = 'BEZWAAR' | 'BEROEP' | 'INSPECTIE';
export const LEGAL_HOLD_KINDS: readonly LegalHoldKind[] = ['BEZWAAR', 'BEROEP', 'INSPECTIE'];

export interface LegalHold {
  id: number;
  kind: LegalHoldKind;
  reason: string;
  placedOn: string;
  placedByName: string | null;
  liftedOn: string | null;
  liftedByName: string | null;
  liftReason: string | null;
}

export function listLegalHolds(db: Db, clientId: number): LegalHold[] {
  return prepared(
    db,
    `SELECT h.id, h.kind, h.reason, h.placed_on AS placedOn, p.display_name AS placedByName, h.lifted_on AS liftedOn,
            l.display_name AS liftedByName, h.lift_reason AS liftReason
     FROM legal_holds h LEFT JOIN users p ON p.id = h.placed_by LEFT JOIN users l ON l.id = h.lifted_by
     WHERE h.client_id = ? ORDER BY h.placed_on DESC, h.id DESC`,
  ).all(clientId) as LegalHold[];
}

export function hasActiveHold(db: Db, clientId: number): boolean {
  return prepared(db, 'SELECT 1 FROM legal_holds WHERE client_id = ? AND lifted_on IS NULL').get(clientId) !== undefined;
}

export function insertLegalHold(db: Db, h: { clientId: number; kind: LegalHoldKind; reason: string; placedOn: string; userId: number; now: string }): number {
  return Number(
    prepared(db, 'INSERT INTO legal_holds (client_id, kind, reason, placed_on, placed_by, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      h.clientId,
      h.kind,
      h.reason,
      h.placedOn,
      h.userId,
      h.now,
    ).lastInsertRowid,
  );
}

/** Lifts an active hold; returns false when it was not active (lifted meanwhile, or another client's). */
export function liftLegalHold(db: Db, h: { id: number; clientId: number; reason: string; liftedOn: string; userId: number }): boolean {
  return (
    prepared(db, 'UPDATE legal_holds SET lifted_on = ?, lifted_by = ?, lift_reason = ? WHERE id = ? AND client_id = ? AND lifted_on IS NULL').run(
      h.liftedOn,
      h.userId,
      h.reason,
      h.id,
      h.clientId,
    ).changes === 1
  );
}

// ---- dossiers that may become due ----------------------------------------------------------------------------

export interface ClosedDossier {
  clientId: number;
  teamId: number;
  closedOn: string;
  closureReason: string | null;
  onHold: boolean;
  anonymisedOn: string | null;
}

/** Closed dossiers whose personal data is still there. */
export function closedDossiers(db: Db): ClosedDossier[] {
  const rows = prepared(
    db,
    `SELECT c.id AS clientId, c.team_id AS teamId, c.closed_on AS closedOn, c.closure_reason AS closureReason, c.anonymised_on AS anonymisedOn,
            EXISTS (SELECT 1 FROM legal_holds h WHERE h.client_id = c.id AND h.lifted_on IS NULL) AS onHold
     FROM clients c WHERE c.closed_on IS NOT NULL AND c.anonymised_on IS NULL ORDER BY c.closed_on, c.id`,
  ).all() as (Omit<ClosedDossier, 'onHold'> & { onHold: number })[];
  return rows.map((r) => ({ ...r, onHold: r.onHold === 1 }));
}

export function dossierFacts(db: Db, clientId: number): ClosedDossier | undefined {
  const r = prepared(
    db,
    `SELECT c.id AS clientId, c.team_id AS teamId, c.closed_on AS closedOn, c.closure_reason AS closureReason, c.anonymised_on AS anonymisedOn,
            EXISTS (SELECT 1 FROM legal_holds h WHERE h.client_id = c.id AND h.lifted_on IS NULL) AS onHold
     FROM clients c WHERE c.id = ?`,
  ).get(clientId) as (Omit<ClosedDossier, 'onHold' | 'closedOn'> & { closedOn: string | null; onHold: number }) | undefined;
  if (!r) return undefined;
  return { ...r, closedOn: r.closedOn as string, onHold: r.onHold === 1 };
}

// ---- batches -------------------------------------------------------------------------------------------------

export interface RetentionBatch {
  id: number;
  proposedOn: string;
  proposedBy: number | null;
  proposedByName: string | null;
  proposedVia: string;
  status: 'PROPOSED' | 'DONE';
  approvedBy: number | null;
  approvedByName: string | null;
  approvedAt: string | null;
  doneAt: string | null;
  version: number;
}

const BATCH_SELECT = `SELECT b.id, b.proposed_on AS proposedOn, b.proposed_by AS proposedBy, p.display_name AS proposedByName,
  b.proposed_via AS proposedVia, b.status, b.approved_by AS approvedBy, a.display_name AS approvedByName, b.approved_at AS approvedAt,
  b.done_at AS doneAt, b.version
  FROM retention_batches b LEFT JOIN users p ON p.id = b.proposed_by LEFT JOIN users a ON a.id = b.approved_by`;

export function openBatch(db: Db): RetentionBatch | undefined {
  return prepared(db, `${BATCH_SELECT} WHERE b.status = 'PROPOSED'`).get() as RetentionBatch | undefined;
}

export function findBatch(db: Db, id: number): RetentionBatch | undefined {
  return prepared(db, `${BATCH_SELECT} WHERE b.id = ?`).get(id) as RetentionBatch | undefined;
}

export function recentBatches(db: Db, limit = 10): RetentionBatch[] {
  return prepared(db, `${BATCH_SELECT} WHERE b.status = 'DONE' ORDER BY b.id DESC LIMIT ?`).all(limit) as RetentionBatch[];
}

export function insertBatch(db: Db, b: { proposedOn: string; proposedBy: number | null; proposedVia: string; now: string }): number {
  return Number(
    prepared(db, 'INSERT INTO retention_batches (proposed_on, proposed_by, proposed_via, created_at) VALUES (?, ?, ?, ?)').run(
      b.proposedOn,
      b.proposedBy,
      b.proposedVia,
      b.now,
    ).lastInsertRowid,
  );
}

export interface NewBatchItem {
  kind: RetentionKind;
  clientId: number | null;
  dueOn: string | null;
  rule: string;
  count: number | null;
}

export function insertBatchItem(db: Db, batchId: number, i: NewBatchItem): void {
  prepared(db, 'INSERT INTO retention_batch_items (batch_id, kind, client_id, due_on, rule, count) VALUES (?, ?, ?, ?, ?, ?)').run(
    batchId,
    i.kind,
    i.clientId,
    i.dueOn,
    i.rule,
    i.count,
  );
}

export interface BatchItem {
  id: number;
  kind: RetentionKind;
  clientId: number | null;
  clientNumber: string | null;
  teamName: string | null;
  closedOn: string | null;
  closureReason: string | null;
  dueOn: string | null;
  rule: string;
  count: number | null;
  status: 'PENDING' | 'DONE' | 'SKIPPED';
  outcome: string | null;
}

export function batchItems(db: Db, batchId: number): BatchItem[] {
  return prepared(
    db,
    `SELECT i.id, i.kind, i.client_id AS clientId, c.client_number AS clientNumber, t.name AS teamName, c.closed_on AS closedOn,
            c.closure_reason AS closureReason, i.due_on AS dueOn, i.rule, i.count, i.status, i.outcome
     FROM retention_batch_items i LEFT JOIN clients c ON c.id = i.client_id LEFT JOIN teams t ON t.id = c.team_id
     WHERE i.batch_id = ? ORDER BY i.kind <> 'DOSSIER', i.due_on, i.id`,
  ).all(batchId) as BatchItem[];
}

/** Marks the batch approved; false when it is no longer the version the approver saw. */
export function approveBatch(db: Db, id: number, version: number, userId: number, now: string): boolean {
  return (
    prepared(db, `UPDATE retention_batches SET approved_by = ?, approved_at = ?, version = version + 1 WHERE id = ? AND version = ? AND status = 'PROPOSED'`).run(
      userId,
      now,
      id,
      version,
    ).changes === 1
  );
}

export function setItemOutcome(db: Db, itemId: number, status: 'DONE' | 'SKIPPED', outcome: string): void {
  prepared(db, 'UPDATE retention_batch_items SET status = ?, outcome = ? WHERE id = ?').run(status, outcome, itemId);
}

export function markBatchDone(db: Db, id: number, now: string): void {
  prepared(db, `UPDATE retention_batches SET status = 'DONE', done_at = ?, version = version + 1 WHERE id = ?`).run(now, id);
}

// ---- removing a dossier's personal data ----------------------------------------------------------------------

/**
 * Every free-text column of every table that holds a client's data, by the client's own rows (client_id). A new
 * table with a client_id must be added here (or to NO_PERSONAL_TEXT): test/app/retention.test.ts checks that every
 * table with a client_id column is covered.
 */
export const CLIENT_TEXT: Record<string, readonly string[]> = {
  agreements: ['description'],
  appointments: ['place', 'others', 'outcome_reason', 'interpreter_language'],
  case_meetings: ['other_participants', 'notes'],
  client_barriers: ['note'],
  client_events: ['summary'],
  provider_reports: ['excused_reason', 'progress_note', 'dropout_note', 'reject_reason', 'import_key'],
  referrals: ['note', 'decline_reason'],
  cost_lines: ['description', 'reason', 'over_budget_reason', 'cancel_reason'],
  contact_attempts: ['note'],
  conversations: ['participants', 'content', 'override_reason', 'approval_note'],
  decisions: ['reason', 'revoke_reason', 'approval_note'],
  duo_ledger: ['summary'],
  duo_signals: ['bsn', 'note'],
  enforcement_cases: ['reason'],
  enforcement_steps: ['note', 'skip_reason', 'deviation_reason', 'decision_reason'],
  exams: ['result_note'],
  excused_absences: ['note'],
  hour_entries: ['organisation', 'note', 'import_key'],
  intakes: [
    'education_history',
    'highest_education',
    'work_history',
    'languages_spoken',
    'literacy',
    'health',
    'barrier_notes',
    'family',
    'finances',
    'wishes_work',
    'wishes_education',
  ],
  language_levels: ['note'],
  legal_holds: ['reason', 'lift_reason'],
  milestone_records: ['note'],
  pip_versions: ['revision_note'],
  placement_readiness: ['note'],
  placements: ['organisation', 'contact_person', 'job_coach', 'language_support', 'activation_reason', 'end_reason', 'note'],
  route_decisions: ['reason', 'not_b1_reason', 'not_onderwijs_reason', 'not_z_reason', 'approval_note'],
  weekly_plan_entries: ['label', 'place'],
  weekly_plans: ['availability_note'],
};

/** JSON columns with structure the figures may read: free text in them is blanked, codes/dates/numbers stay. */
export const CLIENT_JSON: Record<string, readonly string[]> = {
  provider_reports: ['levels'],
  decisions: ['data'],
  duo_ledger: ['data'],
  pip_versions: ['content'],
  route_decisions: ['advice_reasons'],
};

/** Rows of child tables, reached through their parent's client_id. */
const CHILD_TEXT: { table: string; parentKey: string; parent: string; columns: readonly string[]; json?: readonly string[] }[] = [
  { table: 'agreement_status_history', parentKey: 'agreement_id', parent: 'agreements', columns: ['note'] },
  { table: 'conversation_scores', parentKey: 'conversation_id', parent: 'conversations', columns: ['note'] },
  { table: 'hour_entry_history', parentKey: 'hour_entry_id', parent: 'hour_entries', columns: ['reason'], json: ['before_json', 'after_json'] },
  { table: 'intake_scores', parentKey: 'intake_id', parent: 'intakes', columns: ['note'] },
  { table: 'placement_checkins', parentKey: 'placement_id', parent: 'placements', columns: ['note'] },
];

/** Tables with a client_id that hold no personal text (facts the figures count), or are handled on their own. */
export const NO_PERSONAL_TEXT: readonly string[] = [
  'clients',
  'client_status',
  'documents',
  'retention_batch_items',
  'audit_log',
  // Restricted notes and their openings are deleted whole: the figures count none of them.
  'restricted_notes',
  'restricted_note_access',
  // Weekdays and times only.
  'weekly_plan_availability',
];

const notNullCache = new WeakMap<Db, Map<string, Set<string>>>();
function notNullColumns(db: Db, table: string): Set<string> {
  let cache = notNullCache.get(db);
  if (!cache) notNullCache.set(db, (cache = new Map()));
  let set = cache.get(table);
  if (!set) {
    const cols = db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; notnull: number }[];
    set = new Set(cols.filter((c) => c.notnull).map((c) => c.name));
    cache.set(table, set);
  }
  return set;
}

/** Sets the columns to NULL ('' where NOT NULL) on the rows matching `where`. Identifiers are constants above. */
function blank(db: Db, table: string, columns: readonly string[], where: string, params: unknown[]): number {
  const nn = notNullColumns(db, table);
  const set = columns.map((c) => `"${c}" = ${nn.has(c) ? "''" : 'NULL'}`).join(', ');
  return db.prepare(`UPDATE "${table}" SET ${set} WHERE ${where}`).run(...params).changes;
}

function scrubJsonColumns(db: Db, table: string, columns: readonly string[], where: string, params: unknown[]): number {
  let n = 0;
  for (const col of columns) {
    const rows = db.prepare(`SELECT rowid AS rid, "${col}" AS v FROM "${table}" WHERE ${where} AND "${col}" IS NOT NULL`).all(...params) as { rid: number; v: string }[];
    const update = db.prepare(`UPDATE "${table}" SET "${col}" = ? WHERE rowid = ?`);
    for (const r of rows) {
      let scrubbed: string;
      try {
        scrubbed = JSON.stringify(scrubJson(JSON.parse(r.v)));
      } catch {
        scrubbed = notNullColumns(db, table).has(col) ? '' : 'null';
      }
      update.run(scrubbed, r.rid);
      n++;
    }
  }
  return n;
}

export interface RemovedCounts {
  /** Rows whose free text was blanked, per table. */
  textRows: Record<string, number>;
  documents: number;
  documentVersions: number;
  /** Audit rows in which a personal value (name, BSN, client number) was blanked out of the details. */
  auditDetails: number;
  importDrafts: number;
  sessions: number;
  /** Restricted notes deleted (with their openings). */
  restrictedNotes: number;
}

/**
 * Removes the personal data of one dossier, irreversibly: the client's name, BSN, client number, address and
 * contact data are overwritten (the birth date keeps only its year), every free-text column of every table with
 * the client's rows is blanked, JSON keeps only codes/dates/numbers, the documents' rows go (their files are
 * returned for the caller to delete after the commit when no other document uses them), and personal values
 * are blanked out of audit details, import drafts and sessions. What the figures count stays: the rows with
 * their dates, kinds, hours, outcomes, the route, and client_status. Call inside a transaction.
 */
export function anonymiseDossier(db: Db, clientId: number, today: string): { counts: RemovedCounts; files: string[] } {
  const c = db.prepare('SELECT first_name, last_name, bsn, client_number, email, phone FROM clients WHERE id = ?').get(clientId) as
    | { first_name: string; last_name: string; bsn: string | null; client_number: string; email: string | null; phone: string | null }
    | undefined;
  if (!c) throw new Error(`no client ${clientId}`);
  const values = [`${c.first_name} ${c.last_name}`, c.bsn, c.client_number, c.email, c.phone].filter((v): v is string => !!v && v.trim().length >= 4);

  const textRows: Record<string, number> = {};
  for (const [table, cols] of Object.entries(CLIENT_TEXT)) {
    const n = blank(db, table, cols, 'client_id = ?', [clientId]);
    if (n) textRows[table] = n;
  }
  for (const [table, cols] of Object.entries(CLIENT_JSON)) scrubJsonColumns(db, table, cols, 'client_id = ?', [clientId]);
  for (const ch of CHILD_TEXT) {
    const where = `"${ch.parentKey}" IN (SELECT id FROM "${ch.parent}" WHERE client_id = ?)`;
    const n = blank(db, ch.table, ch.columns, where, [clientId]);
    if (ch.json) scrubJsonColumns(db, ch.table, ch.json, where, [clientId]);
    if (n) textRows[ch.table] = n;
  }

  // Documents and letters: the rows go; files are deleted by the caller once no other document refers to them.
  const shas = db
    .prepare('SELECT DISTINCT v.sha256 FROM document_versions v JOIN documents d ON d.id = v.document_id WHERE d.client_id = ?')
    .pluck()
    .all(clientId) as string[];
  db.prepare('UPDATE appointments SET invitation_document_id = NULL WHERE client_id = ?').run(clientId);
  const documentVersions = db.prepare('DELETE FROM document_versions WHERE document_id IN (SELECT id FROM documents WHERE client_id = ?)').run(clientId).changes;
  const documents = db.prepare('DELETE FROM documents WHERE client_id = ?').run(clientId).changes;
  const stillUsed = db.prepare('SELECT 1 FROM document_versions WHERE sha256 = ?').pluck();
  const files = shas.filter((s) => stillUsed.get(s) === undefined);

  // Restricted notes (Meldcode, medical, justice): nothing in them is needed for statistics; the rows go.
  db.prepare('DELETE FROM restricted_note_access WHERE client_id = ?').run(clientId);
  const restrictedNotes = db.prepare('DELETE FROM restricted_notes WHERE client_id = ?').run(clientId).changes;

  // Personal values in audit details (e.g. a search term), import drafts and sessions.
  let auditDetails = 0;
  let importDrafts = 0;
  let sessions = 0;
  withRetentionPermit(db, () => {
    for (const v of values) {
      auditDetails += db.prepare("UPDATE audit_log SET details = replace(details, ?, '[verwijderd]') WHERE instr(details, ?) > 0").run(v, v).changes;
    }
  });
  for (const v of values) {
    importDrafts += db.prepare('DELETE FROM hour_import_drafts WHERE instr(rows_json, ?) > 0').run(v).changes;
    sessions += db.prepare('DELETE FROM sessions WHERE instr(data, ?) > 0').run(v).changes;
  }

  blank(db, 'clients', ['bsn', 'address', 'postcode', 'city', 'phone', 'email', 'preferred_language'], 'id = ?', [clientId]);
  db.prepare(
    `UPDATE clients SET first_name = '', last_name = 'Vernietigd dossier', client_number = 'VERNIETIGD-' || id,
       birth_date = substr(birth_date, 1, 4) || '-01-01', anonymised_on = ?, version = version + 1 WHERE id = ?`,
  ).run(today, clientId);
  return { counts: { textRows, documents, documentVersions, auditDetails, importDrafts, sessions, restrictedNotes }, files };
}

/** Runs fn with the audit log's retention permit (see migration 0170); call inside a transaction. */
export function withRetentionPermit<T>(db: Db, fn: () => T): T {
  if (!db.inTransaction) throw new Error('withRetentionPermit needs a transaction');
  db.prepare('INSERT INTO retention_permit (id) VALUES (1)').run();
  try {
    return fn();
  } finally {
    db.prepare('DELETE FROM retention_permit').run();
  }
}

// ---- other kinds: the purgers --------------------------------------------------------------------------------

/** The actions of tombstones: kept whatever the audit term, so a deletion stays accountable. */
export const TOMBSTONE_ACTION = 'dossier-vernietigd';

export interface Purger {
  /** How many records are due (dated before the cut-off, a yyyy-MM-dd). */
  count(db: Db, cutoff: string): number;
  /** Deletes them; returns how many. Runs inside a transaction. */
  purge(db: Db, cutoff: string): number;
}

const msOf = (date: string) => Date.parse(`${date}T00:00:00.000Z`);
const AUDIT_DUE = `started_at < ? AND action <> '${TOMBSTONE_ACTION}'
  AND (client_id IS NULL OR client_id NOT IN (SELECT client_id FROM legal_holds WHERE lifted_on IS NULL))`;

/**
 * The purgers per kind of record (other than the dossier itself, which is anonymised per client). A kind without
 * an entry has nothing to purge in this installation; add one line here when its table exists (e.g. the rejected
 * provider reports of the provider portal).
 */
const REJECTED_DUE = `status IN ('REJECTED', 'REPLACED') AND decided_at < ?
  AND (progress_note IS NOT NULL OR excused_reason IS NOT NULL OR dropout_note IS NOT NULL OR reject_reason IS NOT NULL OR levels <> '[]')`;

function purgeAudit(db: Db, sql: string, cutoff: string): number {
  const changes = prepared(db, sql).run(cutoff).changes;
  forgetAuditActions(db);
  return changes;
}

export const PURGERS: Partial<Record<RetentionKind, Purger>> = {
  AUDIT_LOG: {
    count: (db, cutoff) => prepared(db, `SELECT COUNT(*) FROM audit_log WHERE ${AUDIT_DUE}`).pluck().get(cutoff) as number,
    purge: (db, cutoff) => withRetentionPermit(db, () => purgeAudit(db, `DELETE FROM audit_log WHERE ${AUDIT_DUE}`, cutoff)),
  },
  SIGN_IN: {
    count: (db, cutoff) => prepared(db, `SELECT COUNT(*) FROM audit_log WHERE activity = 'toegang' AND ${AUDIT_DUE}`).pluck().get(cutoff) as number,
    purge: (db, cutoff) =>
      withRetentionPermit(db, () => purgeAudit(db, `DELETE FROM audit_log WHERE activity = 'toegang' AND ${AUDIT_DUE}`, cutoff)),
  },
  SESSIONS: {
    count: (db, cutoff) => prepared(db, 'SELECT COUNT(*) FROM sessions WHERE expires_at < ?').pluck().get(msOf(cutoff)) as number,
    purge: (db, cutoff) => prepared(db, 'DELETE FROM sessions WHERE expires_at < ?').run(msOf(cutoff)).changes,
  },
  IMPORT_DRAFTS: {
    count: (db, cutoff) => prepared(db, 'SELECT COUNT(*) FROM hour_import_drafts WHERE created_at < ?').pluck().get(cutoff) as number,
    purge: (db, cutoff) => prepared(db, 'DELETE FROM hour_import_drafts WHERE created_at < ?').run(cutoff).changes,
  },
  // Rejected provider reports (and rejected ones replaced by a correction): their free text goes; the row stays
  // with its period, hours and status, because the providers' figures count reports rejected.
  REJECTED_PROVIDER_REPORTS: {
    count: (db, cutoff) => prepared(db, `SELECT COUNT(*) FROM provider_reports WHERE ${REJECTED_DUE}`).pluck().get(cutoff) as number,
    purge: (db, cutoff) =>
      prepared(
        db,
        `UPDATE provider_reports SET progress_note = NULL, excused_reason = NULL, dropout_note = NULL, reject_reason = NULL,
           levels = '[]', version = version + 1 WHERE ${REJECTED_DUE}`,
      ).run(cutoff).changes,
  },
};

/** After a batch: deleted pages are zeroed (secure_delete), the WAL is folded in and emptied, the file rebuilt. */
export function compactDatabase(db: Db): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('VACUUM');
  db.pragma('wal_checkpoint(TRUNCATE)');
}

/** Tombstones (deletions) of a client, for the access-request export. */
export function tombstonesOf(db: Db, clientId: number): { at: string; by: string | null; details: string | null }[] {
  return prepared(db, `SELECT started_at AS at, username AS by, details FROM audit_log WHERE client_id = ? AND action = ? ORDER BY id`).all(
    clientId,
    TOMBSTONE_ACTION,
  ) as { at: string; by: string | null; details: string | null }[];
}
