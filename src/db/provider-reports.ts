// Plain SQL for providers' reports on referrals (per referral and period). Orchestration: src/app/provider-reports.ts.
import { type Db, prepared } from './connection.js';

export type ReportStatus = 'SUBMITTED' | 'ACCEPTED' | 'REJECTED' | 'REPLACED';
export type CompletedComponent = 'KNM' | 'MAP' | 'PVT' | 'CERTIFICATE';

export interface ReportLevel {
  skill: string;
  level: string;
}

export interface NewReport {
  referralId: number;
  clientId: number;
  providerId: number;
  periodKind: 'MONTH' | 'WEEK';
  periodStart: string;
  periodEnd: string;
  hoursPlanned: number;
  hoursAttended: number;
  excusedHours: number;
  excusedReason: string | null;
  unexcusedHours: number;
  progressNote: string | null;
  levels: ReportLevel[];
  completed: CompletedComponent | null;
  dropoutRisk: boolean;
  dropoutNote: string | null;
  importKey: string;
  activityKindId: number | null;
  source: 'GRID' | 'CSV';
}

export interface ProviderReport extends NewReport {
  id: number;
  status: ReportStatus;
  rejectReason: string | null;
  submittedBy: number;
  submittedAt: string;
  decidedAt: string | null;
  hourEntryId: number | null;
  version: number;
  providerName: string;
  component: string;
  clientNumber: string;
  firstName: string;
  lastName: string;
  consulentId: number | null;
  teamId: number;
}

interface Row extends Omit<ProviderReport, 'levels' | 'dropoutRisk'> {
  levels: string;
  dropoutRisk: number;
}

const SELECT = `SELECT pr.id, pr.referral_id AS referralId, pr.client_id AS clientId, pr.provider_id AS providerId,
  pr.period_kind AS periodKind, pr.period_start AS periodStart, pr.period_end AS periodEnd, pr.hours_planned AS hoursPlanned,
  pr.hours_attended AS hoursAttended, pr.activity_kind_id AS activityKindId, pr.excused_hours AS excusedHours, pr.excused_reason AS excusedReason,
  pr.unexcused_hours AS unexcusedHours, pr.progress_note AS progressNote, pr.levels, pr.completed, pr.dropout_risk AS dropoutRisk,
  pr.dropout_note AS dropoutNote, pr.import_key AS importKey, pr.source, pr.status, pr.reject_reason AS rejectReason,
  pr.submitted_by AS submittedBy, pr.submitted_at AS submittedAt, pr.decided_at AS decidedAt, pr.hour_entry_id AS hourEntryId,
  pr.version, p.name AS providerName, r.component, c.client_number AS clientNumber, c.first_name AS firstName,
  c.last_name AS lastName, c.consulent_id AS consulentId, c.team_id AS teamId
  FROM provider_reports pr JOIN providers p ON p.id = pr.provider_id JOIN referrals r ON r.id = pr.referral_id
  JOIN clients c ON c.id = pr.client_id`;

const toReport = (r: Row): ProviderReport => ({ ...r, levels: JSON.parse(r.levels) as ReportLevel[], dropoutRisk: r.dropoutRisk === 1 });

export function findReport(db: Db, id: number): ProviderReport | undefined {
  const r = prepared(db, `${SELECT} WHERE pr.id = ?`).get(id) as Row | undefined;
  return r && toReport(r);
}

/** The live (submitted or accepted) or last rejected report of a referral for a period. */
export function reportsOfReferralPeriod(db: Db, referralId: number, periodStart: string, periodEnd: string): ProviderReport[] {
  return (
    prepared(db, `${SELECT} WHERE pr.referral_id = ? AND pr.period_start = ? AND pr.period_end = ? ORDER BY pr.id DESC`).all(
      referralId,
      periodStart,
      periodEnd,
    ) as Row[]
  ).map(toReport);
}

export function listReportsOfProvider(db: Db, providerId: number, limit = 200): ProviderReport[] {
  return (
    prepared(db, `${SELECT} WHERE pr.provider_id = ? AND pr.status <> 'REPLACED' ORDER BY pr.period_end DESC, c.last_name, pr.id DESC LIMIT ?`).all(
      providerId,
      limit,
    ) as Row[]
  ).map(toReport);
}

/** Submitted reports waiting for a decision, of the given clients' consulent (or the whole team). */
export function listSubmittedReports(db: Db, teamId: number, consulentId: number | null): ProviderReport[] {
  return (
    prepared(
      db,
      `${SELECT} WHERE pr.status = 'SUBMITTED' AND c.team_id = ? AND (? IS NULL OR c.consulent_id = ?) ORDER BY pr.submitted_at, pr.id`,
    ).all(teamId, consulentId, consulentId) as Row[]
  ).map(toReport);
}

export function listClientReports(db: Db, clientId: number): ProviderReport[] {
  return (prepared(db, `${SELECT} WHERE pr.client_id = ? AND pr.status <> 'REPLACED' ORDER BY pr.period_end DESC, pr.id DESC`).all(clientId) as Row[]).map(
    toReport,
  );
}

export function insertReport(db: Db, r: NewReport, userId: number, nowIso: string): number {
  const res = db
    .prepare(
      `INSERT INTO provider_reports (referral_id, client_id, provider_id, period_kind, period_start, period_end, hours_planned,
         hours_attended, activity_kind_id, excused_hours, excused_reason, unexcused_hours, progress_note, levels, completed,
         dropout_risk, dropout_note, import_key, source, submitted_by, submitted_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      r.referralId,
      r.clientId,
      r.providerId,
      r.periodKind,
      r.periodStart,
      r.periodEnd,
      r.hoursPlanned,
      r.hoursAttended,
      r.activityKindId,
      r.excusedHours,
      r.excusedReason,
      r.unexcusedHours,
      r.progressNote,
      JSON.stringify(r.levels),
      r.completed,
      r.dropoutRisk ? 1 : 0,
      r.dropoutNote,
      r.importKey,
      r.source,
      userId,
      nowIso,
    );
  return Number(res.lastInsertRowid);
}

/** A corrected report replaces the rejected one(s) of its referral and period. */
export function markRejectedReplaced(db: Db, referralId: number, periodStart: string, periodEnd: string): void {
  db.prepare(
    `UPDATE provider_reports SET status = 'REPLACED', version = version + 1
     WHERE referral_id = ? AND period_start = ? AND period_end = ? AND status = 'REJECTED'`,
  ).run(referralId, periodStart, periodEnd);
}

/** The consulent's decision; false when the report was no longer submitted or its version moved on. */
export function decideReport(
  db: Db,
  id: number,
  version: number,
  decision: { status: 'ACCEPTED' | 'REJECTED'; rejectReason: string | null; hourEntryId: number | null },
  userId: number,
  nowIso: string,
): boolean {
  return (
    db
      .prepare(
        `UPDATE provider_reports SET status = ?, reject_reason = ?, hour_entry_id = ?, decided_by = ?, decided_at = ?,
           version = version + 1
         WHERE id = ? AND version = ? AND status = 'SUBMITTED'`,
      )
      .run(decision.status, decision.rejectReason, decision.hourEntryId, userId, nowIso, id, version).changes === 1
  );
}

/** Links the hour entry registered from an accepted report back to it (the provider is its source). */
export function linkHourToReport(db: Db, hourEntryId: number, reportId: number): void {
  db.prepare('UPDATE hour_entries SET provider_report_id = ? WHERE id = ?').run(reportId, hourEntryId);
}

/**
 * The caseload facts of a client from providers' reports (see migration 0161): dreigende uitval in the latest live
 * report, and a level of A1 or higher or a completed component accepted in the last 30 days.
 */
export function providerSignalFacts(db: Db, clientId: number): { dropout_risk_on: string | null; provider_milestone_until: string | null } {
  const latest = prepared(
    db,
    `SELECT period_end AS periodEnd, dropout_risk AS dropoutRisk FROM provider_reports
     WHERE client_id = ? AND status IN ('SUBMITTED', 'ACCEPTED') ORDER BY period_end DESC, id DESC LIMIT 1`,
  ).get(clientId) as { periodEnd: string; dropoutRisk: number } | undefined;
  const milestone = prepared(
    db,
    `SELECT date(MAX(decided_at), '+30 days') FROM provider_reports
     WHERE client_id = ? AND status = 'ACCEPTED'
       AND (completed IS NOT NULL OR EXISTS (SELECT 1 FROM json_each(levels) l WHERE json_extract(l.value, '$.level') IN ('A1', 'A2', 'B1', 'B2')))`,
  )
    .pluck()
    .get(clientId) as string | null;
  return { dropout_risk_on: latest?.dropoutRisk ? latest.periodEnd : null, provider_milestone_until: milestone };
}

/** The reports (not replaced) of the given referrals, for the performance figures. */
export function reportsOfReferrals(db: Db, referralIds: number[]): ProviderReport[] {
  if (!referralIds.length) return [];
  return (
    db.prepare(`${SELECT} WHERE pr.referral_id IN (SELECT value FROM json_each(?)) ORDER BY pr.id`).all(JSON.stringify(referralIds)) as Row[]
  ).map(toReport);
}
