import {
  DEFAULT_ENFORCEMENT_RULES,
  type DecisionKind,
  type EnforcementCaseFacts,
  type EnforcementRules,
  parseEnforcementRules,
  ruleSetInForce,
  type StepKind,
} from '../domain/index.js';
import type { Db } from './connection.js';

// ---- Enforcement rule versions (effective-dated, like rule_set_versions) ----------------------------

export interface EnforcementRuleVersion {
  id: number;
  effectiveFrom: string;
  rules: EnforcementRules;
  note: string | null;
  createdByName: string | null;
  createdAt: string;
}

interface RuleRow {
  id: number;
  effective_from: string;
  rules: string;
  note: string | null;
  created_by_name: string | null;
  created_at: string;
}

export function listEnforcementRuleVersions(db: Db): EnforcementRuleVersion[] {
  const rows = db
    .prepare(
      `SELECT v.id, v.effective_from, v.rules, v.note, u.display_name AS created_by_name, v.created_at
       FROM enforcement_rule_versions v LEFT JOIN users u ON u.id = v.created_by ORDER BY v.effective_from, v.id`,
    )
    .all() as RuleRow[];
  return rows.map((row) => {
    const parsed = parseEnforcementRules(JSON.parse(row.rules));
    if (!parsed.ok) throw new Error(`enforcement rule version ${row.id} in the database is invalid`);
    return {
      id: row.id,
      effectiveFrom: row.effective_from,
      rules: parsed.value,
      note: row.note,
      createdByName: row.created_by_name,
      createdAt: row.created_at,
    };
  });
}

/** The enforcement rules in force on a date; the defaults when no version was stored. */
export function enforcementRulesInForce(db: Db, date: string): EnforcementRules {
  return ruleSetInForce(listEnforcementRuleVersions(db), date)?.rules ?? DEFAULT_ENFORCEMENT_RULES;
}

export function addEnforcementRuleVersion(
  db: Db,
  v: { effectiveFrom: string; rules: EnforcementRules; note: string | null; createdBy: number },
  nowIso: string,
): number {
  const parsed = parseEnforcementRules(v.rules);
  if (!parsed.ok) throw new Error('invalid enforcement rules');
  const r = db
    .prepare('INSERT INTO enforcement_rule_versions (effective_from, rules, note, created_by, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(v.effectiveFrom, JSON.stringify(parsed.value), v.note, v.createdBy, nowIso);
  return Number(r.lastInsertRowid);
}

// ---- Cases and steps ----------------------------------------------------------------------------------

export interface EnforcementStep {
  id: number;
  caseId: number;
  kind: StepKind;
  date: string;
  note: string | null;
  skipped: boolean;
  skipReason: string | null;
  decisionKind: DecisionKind | null;
  amount: number | null;
  defaultAmount: number | null;
  deviationReason: string | null;
  decisionReason: string | null;
  improvementEndDate: string | null;
  createdByName: string;
  createdAt: string;
}

export interface EnforcementCase {
  id: number;
  clientId: number;
  openedOn: string;
  trigger: 'VERZUIM' | 'HANDMATIG';
  triggerPeriod: string | null;
  triggerPct: number | null;
  reason: string;
  closedOn: string | null;
  createdByName: string;
  steps: EnforcementStep[];
}

const CASE_SQL = `SELECT c.id, c.client_id AS clientId, c.opened_on AS openedOn, c.trigger, c.trigger_period AS triggerPeriod,
  c.trigger_pct AS triggerPct, c.reason, c.closed_on AS closedOn, u.display_name AS createdByName
  FROM enforcement_cases c JOIN users u ON u.id = c.created_by`;

const STEP_SQL = `SELECT s.id, s.case_id AS caseId, s.kind, s.step_date AS date, s.note, s.skipped, s.skip_reason AS skipReason,
  s.decision_kind AS decisionKind, s.amount, s.default_amount AS defaultAmount, s.deviation_reason AS deviationReason,
  s.decision_reason AS decisionReason, s.improvement_end_date AS improvementEndDate, u.display_name AS createdByName,
  s.created_at AS createdAt
  FROM enforcement_steps s JOIN users u ON u.id = s.created_by`;

type StepRow = Omit<EnforcementStep, 'skipped'> & { skipped: number };

function withSteps(db: Db, cases: Omit<EnforcementCase, 'steps'>[]): EnforcementCase[] {
  if (cases.length === 0) return [];
  const rows = db
    .prepare(`${STEP_SQL} WHERE s.case_id IN (SELECT value FROM json_each(?)) ORDER BY s.id`)
    .all(JSON.stringify(cases.map((c) => c.id))) as StepRow[];
  return cases.map((c) => ({
    ...c,
    steps: rows.filter((r) => r.caseId === c.id).map((r) => ({ ...r, skipped: r.skipped === 1 })),
  }));
}

/** The client's cases, the open one first, then newest first. */
export function listCases(db: Db, clientId: number): EnforcementCase[] {
  const cases = db
    .prepare(`${CASE_SQL} WHERE c.client_id = ? ORDER BY c.closed_on IS NULL DESC, c.opened_on DESC, c.id DESC`)
    .all(clientId) as Omit<EnforcementCase, 'steps'>[];
  return withSteps(db, cases);
}

/** A case of this client (another client's case id gives undefined). */
export function findCase(db: Db, clientId: number, caseId: number): EnforcementCase | undefined {
  const c = db.prepare(`${CASE_SQL} WHERE c.id = ? AND c.client_id = ?`).get(caseId, clientId) as
    | Omit<EnforcementCase, 'steps'>
    | undefined;
  return c ? withSteps(db, [c])[0] : undefined;
}

export function openCaseOf(db: Db, clientId: number): EnforcementCase | undefined {
  return listCases(db, clientId).find((c) => c.closedOn === null);
}

/** Ids of the clients with an open case (their status follows the enforcement rules in force). */
export function clientsWithOpenCase(db: Db): number[] {
  return db.prepare('SELECT DISTINCT client_id FROM enforcement_cases WHERE closed_on IS NULL ORDER BY client_id').pluck().all() as number[];
}

/** Fines recorded in the client's other cases: the escalation of default amounts counts across the history. */
function otherFines(db: Db, clientId: number, caseId: number): number {
  return db
    .prepare(
      `SELECT COUNT(*) FROM enforcement_steps
       WHERE client_id = ? AND case_id <> ? AND kind = 'BESLUIT' AND skipped = 0 AND decision_kind = 'BOETE'`,
    )
    .pluck()
    .get(clientId, caseId) as number;
}

/** The facts the domain rules need about a case. */
export function caseFacts(db: Db, c: EnforcementCase): EnforcementCaseFacts {
  return {
    openedOn: c.openedOn,
    closed: c.closedOn !== null,
    steps: c.steps.map((s) => ({
      kind: s.kind,
      date: s.date,
      skipped: s.skipped,
      decisionKind: s.decisionKind,
      amount: s.amount,
      improvementEndDate: s.improvementEndDate,
    })),
    priorFineCount: otherFines(db, c.clientId, c.id),
  };
}

export interface NewCase {
  clientId: number;
  openedOn: string;
  trigger: 'VERZUIM' | 'HANDMATIG';
  triggerPeriod: string | null;
  triggerPct: number | null;
  reason: string;
}

/** Opens a case; the caller writes its timeline event in the same transaction. */
export function insertCase(db: Db, c: NewCase, userId: number, nowIso: string): number {
  const r = db
    .prepare(
      `INSERT INTO enforcement_cases (client_id, opened_on, trigger, trigger_period, trigger_pct, reason, created_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(c.clientId, c.openedOn, c.trigger, c.triggerPeriod, c.triggerPct, c.reason, userId, nowIso, nowIso);
  return Number(r.lastInsertRowid);
}

export interface NewStep {
  kind: StepKind;
  date: string;
  note: string | null;
  skipped: StepKind[];
  skipReason: string | null;
  decisionKind: DecisionKind | null;
  amount: number | null;
  defaultAmount: number | null;
  deviationReason: string | null;
  decisionReason: string | null;
  improvementEndDate: string | null;
}

/**
 * Records a validated step: first a row per skipped step (with the reason), then the step itself; an
 * AFSLUITING closes the case. Returns the step's id; the caller writes its timeline event in the same transaction.
 */
export function insertStep(db: Db, c: EnforcementCase, s: NewStep, userId: number, nowIso: string): number {
  const insert = db.prepare(
    `INSERT INTO enforcement_steps (case_id, client_id, kind, step_date, note, skipped, skip_reason, decision_kind, amount,
       default_amount, deviation_reason, decision_reason, improvement_end_date, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const kind of s.skipped) {
    insert.run(c.id, c.clientId, kind, s.date, null, 1, s.skipReason, null, null, null, null, null, null, userId, nowIso);
  }
  const r = insert.run(
    c.id,
    c.clientId,
    s.kind,
    s.date,
    s.note,
    0,
    s.skipped.length > 0 ? s.skipReason : null,
    s.decisionKind,
    s.amount,
    s.defaultAmount,
    s.deviationReason,
    s.decisionReason,
    s.improvementEndDate,
    userId,
    nowIso,
  );
  const id = Number(r.lastInsertRowid);
  if (s.kind === 'AFSLUITING') {
    db.prepare('UPDATE enforcement_cases SET closed_on = ?, version = version + 1, updated_at = ? WHERE id = ?').run(s.date, nowIso, c.id);
  } else {
    db.prepare('UPDATE enforcement_cases SET version = version + 1, updated_at = ? WHERE id = ?').run(nowIso, c.id);
  }
  return id;
}

/** Name and address for a letter. */
export interface LetterAddressee {
  firstName: string;
  lastName: string;
  address: string | null;
  postcode: string | null;
  city: string | null;
  clientNumber: string;
}

export function letterAddressee(db: Db, clientId: number): LetterAddressee {
  return db
    .prepare(
      `SELECT first_name AS firstName, last_name AS lastName, address, postcode, city, client_number AS clientNumber
       FROM clients WHERE id = ?`,
    )
    .get(clientId) as LetterAddressee;
}
