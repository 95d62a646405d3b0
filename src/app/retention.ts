// Retention and deletion (issue 20): the daily job (and `npm run retention`) lists what is due into a batch; a
// teamleider or admin approves it (four eyes: not the person who made the list); then each dossier's personal data
// is removed in its own transaction, with a tombstone in the audit log, and the other kinds are purged. A legal
// hold on a dossier stops its deletion until it is lifted.
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { appendAudit } from '../db/audit.js';
import { CLOSURE_LABELS, type ClosureType } from '../db/closures.js';
import {
  anonymiseDossier,
  approveBatch,
  batchItems,
  closedDossiers,
  compactDatabase,
  dossierFacts,
  findBatch,
  hasActiveHold,
  insertBatch,
  insertBatchItem,
  insertLegalHold,
  LEGAL_HOLD_KINDS,
  type LegalHoldKind,
  liftLegalHold,
  listLegalHolds,
  markBatchDone,
  openBatch,
  PURGERS,
  recentBatches,
  type RemovedCounts,
  retentionRulesOn,
  setItemOutcome,
  TOMBSTONE_ACTION,
} from '../db/retention.js';
import type { DocumentFiles } from '../db/document-files.js';
import { cutoffOf, describeRule, dossierRetention, RETENTION_KIND_LABELS, type RetentionKind } from '../domain/retention.js';
import { formatDate } from '../lib/format.js';
import { todayOf } from '../lib/clock.js';
import type { Actor } from './actor.js';
import type { Deps } from './deps.js';
import { loadDossierPage } from './dossier-page.js';
import { forbidden, notFound } from './errors.js';
import { invalid, ok, type Parsed, refuse, type Result, stale } from './result.js';

export { LEGAL_HOLD_KINDS };
export type { LegalHoldKind };

export const LEGAL_HOLD_LABELS: Record<LegalHoldKind, string> = {
  BEZWAAR: 'Bezwaar',
  BEROEP: 'Beroep',
  INSPECTIE: 'Verzoek van de inspectie',
};

/** Who made a batch when it was not a person. */
export type JobVia = 'dagelijkse taak' | 'npm run retention';

export interface RetentionDeps extends Deps {
  files: DocumentFiles;
}

function requireApprover(actor: Actor): void {
  if (actor.user.role !== 'teamleider' && actor.user.role !== 'admin') throw forbidden();
}

// ---- proposing -------------------------------------------------------------------------------------------------

export interface Proposal {
  batchId: number | null;
  /** Dossiers newly put on the list. */
  dossiers: number;
  /** Other records due, per kind. */
  records: { kind: RetentionKind; label: string; count: number }[];
  /** A batch was already waiting; new dossiers were added to it. */
  addedToOpen: boolean;
}

/**
 * Lists what is due on `today` into the batch waiting for approval (a new one when none waits). Dossiers on a
 * legal hold, already listed or already removed are left out. `by` is the person who asks for the list, or the job.
 */
function propose(deps: Deps, today: string, nowIso: string, by: { userId: number } | { via: JobVia }): Proposal {
  const { db } = deps;
  const { rules, versionId } = retentionRulesOn(db, today);
  return db.transaction((): Proposal => {
    const open = openBatch(db);
    const listed = new Set(open ? batchItems(db, open.id).filter((i) => i.clientId !== null).map((i) => i.clientId) : []);
    const due = closedDossiers(db)
      .map((d) => ({ d, r: dossierRetention(rules, d, today) }))
      .filter(({ d, r }) => r.due && !listed.has(d.clientId));
    const records = (Object.keys(PURGERS) as RetentionKind[])
      .map((kind) => ({ kind, label: RETENTION_KIND_LABELS[kind], count: PURGERS[kind]!.count(db, cutoffOf(rules, kind as 'AUDIT_LOG', today)) }))
      .filter((r) => r.count > 0);
    if (open) {
      for (const { d, r } of due) insertBatchItem(db, open.id, { kind: 'DOSSIER', clientId: d.clientId, dueOn: r.dueOn, rule: describeRule('DOSSIER', rules, versionId, d.closureReason), count: null });
      if (due.length) db.prepare('UPDATE retention_batches SET version = version + 1 WHERE id = ?').run(open.id);
      return { batchId: open.id, dossiers: due.length, records, addedToOpen: true };
    }
    if (!due.length && !records.length) return { batchId: null, dossiers: 0, records, addedToOpen: false };
    const batchId = insertBatch(db, {
      proposedOn: today,
      proposedBy: 'userId' in by ? by.userId : null,
      proposedVia: 'via' in by ? by.via : 'handmatig',
      now: nowIso,
    });
    for (const { d, r } of due) insertBatchItem(db, batchId, { kind: 'DOSSIER', clientId: d.clientId, dueOn: r.dueOn, rule: describeRule('DOSSIER', rules, versionId, d.closureReason), count: null });
    for (const rec of records) insertBatchItem(db, batchId, { kind: rec.kind, clientId: null, dueOn: null, rule: describeRule(rec.kind, rules, versionId), count: rec.count });
    return { batchId, dossiers: due.length, records, addedToOpen: false };
  })();
}

/** The daily job and `npm run retention`: not a person, so any teamleider or admin may approve its list. */
export function runRetentionJob(deps: Deps, via: JobVia): Proposal {
  const now = deps.clock.now().toISOString();
  const proposal = propose(deps, todayOf(deps.clock), now, { via });
  if (proposal.batchId !== null) {
    appendAudit(deps.db, {
      traceId: randomUUID(),
      action: 'bewaarlijst-gemaakt',
      activity: 'beheer',
      startedAt: now,
      endedAt: now,
      outcome: 'ok',
      userId: null,
      username: via,
      clientId: null,
      details: `lijst ${proposal.batchId}: ${proposal.dossiers} dossier(s)${proposal.records.map((r) => `, ${r.count} ${r.kind}`).join('')}`,
    });
  }
  return proposal;
}

/** A teamleider or admin makes the list now; someone else must approve it. */
export function proposeRetentionBatch(deps: Deps, actor: Actor): Result<{ message: string }> {
  requireApprover(actor);
  if (openBatch(deps.db)) return refuse({ kind: 'conflict', message: 'Er wacht al een lijst op goedkeuring. Keur die eerst goed.' });
  const p = propose(deps, actor.today, actor.nowIso, { userId: actor.user.id });
  if (p.batchId === null) return ok({ message: 'Er is vandaag niets dat vernietigd moet worden.' });
  actor.audit('bewaarlijst-gemaakt', 'beheer', { details: `lijst ${p.batchId}: ${p.dossiers} dossier(s)` });
  return ok({ message: `De lijst is gemaakt: ${p.dossiers} ${p.dossiers === 1 ? 'dossier' : 'dossiers'}. Een andere teamleider of beheerder moet hem goedkeuren.` });
}

// ---- the approval page -------------------------------------------------------------------------------------------

const closureLabel = (reason: string | null) => (reason && reason in CLOSURE_LABELS ? CLOSURE_LABELS[reason as ClosureType] : '–');

/** The batch waiting for approval, whether this user may approve it, and the batches done before. */
export function loadRetentionPage(deps: Deps, actor: Actor) {
  requireApprover(actor);
  const { db } = deps;
  const open = openBatch(db) ?? null;
  const items = open ? batchItems(db, open.id) : [];
  const ownList = open !== null && open.proposedBy === actor.user.id;
  const { rules, versionId } = retentionRulesOn(db, actor.today);
  actor.audit('bewaarlijst-bekeken', 'beheer', { details: open ? `lijst ${open.id}` : 'geen lijst' });
  return {
    batch: open,
    dossiers: items
      .filter((i) => i.kind === 'DOSSIER')
      .map((i) => ({ ...i, closureLabel: closureLabel(i.closureReason), onHold: i.clientId !== null && hasActiveHold(db, i.clientId) })),
    records: items.filter((i) => i.kind !== 'DOSSIER').map((i) => ({ ...i, label: RETENTION_KIND_LABELS[i.kind] })),
    canApprove: open !== null && !ownList,
    ownList,
    proposer: open ? (open.proposedByName ?? open.proposedVia) : null,
    done: recentBatches(db).map((b) => ({ ...b, items: batchItems(db, b.id).map((i) => ({ ...i, label: RETENTION_KIND_LABELS[i.kind] })) })),
    rulesText: describeRule('DOSSIER', rules, versionId),
  };
}

// ---- approving and deleting ----------------------------------------------------------------------------------------

export interface ApproveForm {
  version: number;
}

function removedSummary(c: RemovedCounts, files: number): string {
  const tables = Object.entries(c.textRows);
  const rows = tables.reduce((n, [, k]) => n + k, 0);
  const parts = [
    'naam, BSN, cliëntnummer, adres en contactgegevens (geboortedatum: alleen het jaar bewaard)',
    `vrije tekst in ${rows} rij(en) van ${tables.length} tabel(len): ${tables.map(([t]) => t).join(', ') || 'geen'}`,
    `${c.documents} document(en) met ${c.documentVersions} versie(s) en ${files} bestand(en)`,
  ];
  if (c.auditDetails) parts.push(`persoonsgegevens in ${c.auditDetails} auditregel(s)`);
  if (c.importDrafts) parts.push(`${c.importDrafts} importconcept(en)`);
  if (c.sessions) parts.push(`${c.sessions} sessie(s)`);
  if (c.restrictedNotes) parts.push(`${c.restrictedNotes} afgeschermde notitie(s)`);
  return parts.join('; ');
}

/**
 * Approves the batch and carries it out. Four eyes: the person who made the list may not approve it (the job is
 * not a person). Each dossier in one transaction: checked again (still closed, due under the rules in force today,
 * no legal hold), its personal data removed, a tombstone in the audit log; a dossier that no longer qualifies is
 * skipped with the reason. Then the other kinds per their terms, and the database file is compacted.
 */
export function approveRetentionBatch(deps: RetentionDeps, actor: Actor, rawBatchId: unknown, form: Parsed<ApproveForm>): Result<{ message: string }> {
  requireApprover(actor);
  const { db } = deps;
  const id = Number(rawBatchId);
  const batch = Number.isSafeInteger(id) ? findBatch(db, id) : undefined;
  if (!batch) throw notFound();
  if (!form.ok) return invalid(form.errors);
  if (batch.status !== 'PROPOSED') return stale('Deze lijst is al goedgekeurd en uitgevoerd.');
  if (batch.proposedBy === actor.user.id) {
    actor.audit('bewaarlijst-goedkeuren-geweigerd', 'beheer', { outcome: 'error', details: `lijst ${batch.id}: eigen lijst` });
    return refuse({ kind: 'conflict', message: 'U heeft deze lijst zelf gemaakt. Een andere teamleider of beheerder moet hem goedkeuren (vier ogen).' });
  }
  if (!db.transaction(() => approveBatch(db, batch.id, form.data.version, actor.user.id, actor.nowIso))()) {
    return stale('De lijst is intussen aangevuld of gewijzigd. Bekijk hem opnieuw en keur dan goed.');
  }
  actor.audit('bewaarlijst-goedgekeurd', 'beheer', { details: `lijst ${batch.id}` });
  const today = actor.today;
  const { rules, versionId } = retentionRulesOn(db, today);
  const proposer = batch.proposedByName ? `${batch.proposedByName}` : `de ${batch.proposedVia}`;
  let removed = 0;
  let skipped = 0;
  const files: string[] = [];
  for (const item of batchItems(db, batch.id)) {
    if (item.kind === 'DOSSIER' && item.clientId !== null) {
      const clientId = item.clientId;
      const out = db.transaction(() => {
        const facts = dossierFacts(db, clientId);
        const r = facts ? dossierRetention(rules, facts, today) : null;
        let why: string | null = null;
        if (!facts || !facts.closedOn) why = 'Het dossier is weer open.';
        else if (facts.anonymisedOn) why = 'Het dossier was al vernietigd.';
        else if (r?.held) why = 'Er ligt een juridische blokkade op het dossier.';
        else if (!r?.due) why = `Nog niet aan de beurt volgens de regels van vandaag (vanaf ${formatDate(r?.dueOn ?? null)}).`;
        if (why) {
          setItemOutcome(db, item.id, 'SKIPPED', why);
          return { done: false, files: [] as string[] };
        }
        const rule = describeRule('DOSSIER', rules, versionId, facts!.closureReason);
        const { counts, files: gone } = anonymiseDossier(db, clientId, today);
        const what = removedSummary(counts, gone.length);
        appendAudit(db, {
          traceId: randomUUID(),
          action: TOMBSTONE_ACTION,
          activity: 'beheer',
          startedAt: actor.nowIso,
          endedAt: actor.nowIso,
          outcome: 'ok',
          userId: actor.user.id,
          username: actor.user.username,
          clientId,
          details: `Vernietigd op ${today}: ${what}. Regel: ${rule}. Goedgekeurd door ${actor.user.displayName} (${actor.user.role}); lijst ${batch.id} gemaakt door ${proposer} op ${batch.proposedOn}.`,
        });
        setItemOutcome(db, item.id, 'DONE', what);
        return { done: true, files: gone };
      })();
      if (out.done) removed++;
      else skipped++;
      files.push(...out.files);
    } else if (item.kind !== 'DOSSIER') {
      const purger = PURGERS[item.kind];
      if (!purger) {
        db.transaction(() => setItemOutcome(db, item.id, 'SKIPPED', 'Geen gegevens van deze soort in deze installatie.'))();
        continue;
      }
      db.transaction(() => {
        const n = purger.purge(db, cutoffOf(rules, item.kind as 'AUDIT_LOG', today));
        setItemOutcome(db, item.id, 'DONE', `${n} verwijderd`);
      })();
    }
  }
  // Files after the commits: a file still used by another document stays (anonymiseDossier only returns unused ones).
  for (const sha of files) rmSync(deps.files.pathOf(sha), { force: true });
  db.transaction(() => markBatchDone(db, batch.id, actor.nowIso))();
  compactDatabase(db);
  const msg = `De lijst is goedgekeurd en uitgevoerd: ${removed} ${removed === 1 ? 'dossier' : 'dossiers'} vernietigd${skipped ? `, ${skipped} overgeslagen` : ''}.`;
  return ok({ message: msg });
}

// ---- the dossier: retention and legal holds -------------------------------------------------------------------------

export interface HoldForm {
  kind: LegalHoldKind;
  reason: string;
}

export interface LiftForm {
  liftReason: string;
}

/** The dossier's retention: when it is due under today's rules, and its legal holds. */
export function retentionPageModel(deps: Deps, actor: Actor, clientId: unknown) {
  const page = loadDossierPage(deps, actor, clientId, (dossier) => [{ href: `${dossier}/closure`, label: 'Afsluiten' }, { label: 'Bewaren' }]);
  const { db } = deps;
  const facts = dossierFacts(db, page.client.id)!;
  const { rules, versionId } = retentionRulesOn(db, actor.today);
  const r = dossierRetention(rules, { ...facts, closedOn: page.client.closedOn }, actor.today);
  const holds = listLegalHolds(db, page.client.id);
  return {
    ...page,
    retention: r,
    anonymisedOn: facts.anonymisedOn,
    rule: describeRule('DOSSIER', rules, versionId, facts.closureReason),
    holds: holds.map((h) => ({ ...h, label: LEGAL_HOLD_LABELS[h.kind] })),
    activeHolds: holds.filter((h) => !h.liftedOn).length,
    kindOptions: LEGAL_HOLD_KINDS.map((k) => ({ value: k, label: LEGAL_HOLD_LABELS[k] })),
  };
}

export function loadRetentionDossierPage(deps: Deps, actor: Actor, clientId: unknown) {
  const page = retentionPageModel(deps, actor, clientId);
  actor.audit('bewaartermijn-bekeken', 'afronding', { clientId: page.client.id });
  return page;
}

/** Places a legal hold (open or closed dossier): the dossier is not deleted while it lasts. */
export function placeLegalHold(deps: Deps, actor: Actor, clientId: unknown, form: Parsed<HoldForm>): Result<{ message: string }> {
  const page = loadDossierPage(deps, actor, clientId, () => []);
  if (!form.ok) return invalid(form.errors);
  const { db } = deps;
  if (dossierFacts(db, page.client.id)?.anonymisedOn) return refuse({ kind: 'conflict', message: 'Dit dossier is al vernietigd.' });
  const id = db.transaction(() =>
    insertLegalHold(db, { clientId: page.client.id, kind: form.data.kind, reason: form.data.reason, placedOn: actor.today, userId: actor.user.id, now: actor.nowIso }),
  )();
  actor.audit('blokkade-geplaatst', 'afronding', { clientId: page.client.id, details: `blokkade ${id}: ${form.data.kind}` });
  return ok({ message: `De juridische blokkade (${LEGAL_HOLD_LABELS[form.data.kind].toLowerCase()}) is vastgelegd. Het dossier wordt niet vernietigd zolang die geldt.` });
}

/** Lifts a legal hold with a reason. */
export function liftHold(deps: Deps, actor: Actor, clientId: unknown, holdId: unknown, form: Parsed<LiftForm>): Result<{ message: string }> {
  const page = loadDossierPage(deps, actor, clientId, () => []);
  const id = Number(holdId);
  if (!Number.isSafeInteger(id) || !listLegalHolds(deps.db, page.client.id).some((h) => h.id === id)) throw notFound();
  if (!form.ok) return invalid(form.errors);
  const lifted = deps.db.transaction(() =>
    liftLegalHold(deps.db, { id, clientId: page.client.id, reason: form.data.liftReason, liftedOn: actor.today, userId: actor.user.id }),
  )();
  if (!lifted) return stale('Deze blokkade is intussen al opgeheven.');
  actor.audit('blokkade-opgeheven', 'afronding', { clientId: page.client.id, details: `blokkade ${id}` });
  return ok({ message: 'De blokkade is opgeheven.' });
}
