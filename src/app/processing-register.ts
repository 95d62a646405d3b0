// The register of processing activities (verwerkingsregister, AVG art. 30) for the admin and the functionaris
// gegevensbescherming: the entries of src/domain/processing-register.ts with how often each activity occurs in
// the audit log, and any activity in the audit log without an entry (there should be none). CSV and JSON too.
import { auditActivityCounts } from '../db/audit.js';
import { retentionRulesOn } from '../db/retention.js';
import { describeRule, RETENTION_KINDS, type RetentionKind } from '../domain/retention.js';
import { isRegisteredActivity, processingRegister, type RegisterEntry } from '../domain/processing-register.js';
import type { Actor } from './actor.js';
import { requireAdmin } from './admin.js';
import { csvCell, UTF8_BOM } from './caseload-csv.js';
import type { Deps } from './deps.js';

export interface RegisterRow extends RegisterEntry {
  auditRows: number;
  lastLoggedAt: string | null;
  /** The retention rules in force today for the entry's kinds, in words (from the admin retention rules). */
  rulesInForce: string[];
}

const isRetentionKind = (k: string): k is RetentionKind => (RETENTION_KINDS as readonly string[]).includes(k);

function registerRows(deps: Deps, today: string): { rows: RegisterRow[]; unregistered: string[] } {
  const counts = auditActivityCounts(deps.db);
  const { rules, versionId } = retentionRulesOn(deps.db, today);
  const byActivity = new Map(counts.map((c) => [c.activity, c]));
  const rows = processingRegister().map((e) => ({
    ...e,
    auditRows: byActivity.get(e.activity)?.rows ?? 0,
    lastLoggedAt: byActivity.get(e.activity)?.last ?? null,
    rulesInForce: e.retention.keys.filter(isRetentionKind).map((k) => describeRule(k, rules, versionId)),
  }));
  return { rows, unregistered: counts.map((c) => c.activity).filter((a) => !isRegisteredActivity(a)) };
}

/** The register page (admin only). */
export function loadProcessingRegisterPage(deps: Deps, actor: Actor) {
  requireAdmin(actor);
  const register = registerRows(deps, actor.today);
  actor.audit('verwerkingsregister-bekeken', 'beheer');
  return { ...register, generatedOn: actor.today };
}

const CSV_COLUMNS: [string, (r: RegisterRow) => string | number][] = [
  ['Verwerkingsactiviteit (code)', (r) => r.activity],
  ['Naam', (r) => r.name],
  ['Doel', (r) => r.purpose],
  ['Grondslag', (r) => r.legalGround.join(' | ')],
  ['Bijzondere of strafrechtelijke gegevens', (r) => r.specialCategories ?? 'Geen'],
  ['Categorieën gegevens', (r) => r.dataCategories.join(' | ')],
  ['Categorieën betrokkenen', (r) => r.dataSubjects.join(' | ')],
  ['Ontvangers', (r) => r.recipients.join(' | ')],
  ['Bewaarregel', (r) => r.retention.keys.join(', ')],
  ['Bewaartermijn', (r) => r.retention.text],
  ['Bewaarregels nu in werking', (r) => r.rulesInForce.join(' | ')],
  ['Regels in de auditlog', (r) => r.auditRows],
];

/** The register as a download (admin only): CSV (';', UTF-8 with BOM, safe cells) or JSON. */
export function exportProcessingRegister(deps: Deps, actor: Actor, format: 'csv' | 'json') {
  requireAdmin(actor);
  const { rows, unregistered } = registerRows(deps, actor.today);
  actor.audit('verwerkingsregister-gedownload', 'beheer', { details: format });
  const fileName = `verwerkingsregister-${actor.today}.${format}`;
  if (format === 'json') {
    return { fileName, body: JSON.stringify({ verwerkingsregister: rows, opgesteldOp: actor.today, nietInRegister: unregistered }, null, 2) };
  }
  const lines = [CSV_COLUMNS.map(([h]) => csvCell(h)).join(';'), ...rows.map((r) => CSV_COLUMNS.map(([, f]) => csvCell(f(r))).join(';'))];
  return { fileName, body: Buffer.concat([UTF8_BOM, Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]) };
}
