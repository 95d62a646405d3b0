import { type Db, prepared } from './connection.js';
import type { HourKind } from './progress.js';

/** What one hour entry holds (the form input and the stored facts). */
export interface HourInput {
  kind: HourKind;
  activityKindId: number | null;
  periodStart: string;
  periodEnd: string;
  hours: number;
  plannedHours: number | null;
  providerId: number | null;
  organisation: string | null;
  note: string | null;
  /** The participation placement the hours were made at (issue 11); its kind decides the hour kind. */
  placementId?: number | null;
}

export interface HourEntry extends HourInput {
  id: number;
  clientId: number;
  activityKindName: string | null;
  providerName: string | null;
  placementName: string | null;
  source: 'MANUAL' | 'IMPORT';
  importKey: string | null;
  deletedAt: string | null;
  version: number;
  createdByName: string | null;
  createdAt: string;
  updatedAt: string;
}

const SELECT = `SELECT h.id, h.client_id AS clientId, h.kind, h.activity_kind_id AS activityKindId,
  a.name AS activityKindName, h.period_start AS periodStart, h.period_end AS periodEnd, h.hours,
  h.planned_hours AS plannedHours, h.provider_id AS providerId, p.name AS providerName, h.placement_id AS placementId,
  pl.organisation AS placementName, h.organisation, h.note,
  h.source, h.import_key AS importKey, h.deleted_at AS deletedAt, h.version, u.display_name AS createdByName,
  h.created_at AS createdAt, h.updated_at AS updatedAt
FROM hour_entries h
LEFT JOIN activity_kinds a ON a.id = h.activity_kind_id
LEFT JOIN providers p ON p.id = h.provider_id
LEFT JOIN placements pl ON pl.id = h.placement_id
LEFT JOIN users u ON u.id = h.created_by`;

/** An hour entry as the client's list of hours shows it. */
export interface HourListRow {
  id: number;
  kind: HourKind;
  activityKindName: string | null;
  periodStart: string;
  periodEnd: string;
  hours: number;
  plannedHours: number | null;
  /** Who delivered the hours: the provider, else the organisation typed, else the placement's organisation. */
  party: string | null;
  placementId: number | null;
  source: 'MANUAL' | 'IMPORT';
}

type RawListRow = [number, HourKind, string | null, string, string, number, number | null, string | null, number | null, 'MANUAL' | 'IMPORT'];

/**
 * The client's hour entries that are not removed, newest period first, with the columns the list shows: a
 * client has a row a week for years, and reading every column of each (the full HourEntry, findHour) was most
 * of the hours page's own time.
 */
export function listHours(db: Db, clientId: number): HourListRow[] {
  const raw = prepared(
    db,
    `SELECT h.id, h.kind, a.name, h.period_start, h.period_end, h.hours, h.planned_hours,
       COALESCE(NULLIF(p.name, ''), NULLIF(h.organisation, ''), NULLIF(pl.organisation, '')), h.placement_id, h.source
     FROM hour_entries h
     LEFT JOIN activity_kinds a ON a.id = h.activity_kind_id
     LEFT JOIN providers p ON p.id = h.provider_id
     LEFT JOIN placements pl ON pl.id = h.placement_id
     WHERE h.client_id = ? AND h.deleted_at IS NULL ORDER BY h.period_end DESC, h.id DESC`,
  )
    .raw(true)
    .all(clientId) as RawListRow[];
  return raw.map((r) => ({
    id: r[0],
    kind: r[1],
    activityKindName: r[2],
    periodStart: r[3],
    periodEnd: r[4],
    hours: r[5],
    plannedHours: r[6],
    party: r[7],
    placementId: r[8],
    source: r[9],
  }));
}

export function findHour(db: Db, clientId: number, id: number): HourEntry | undefined {
  return prepared(db, `${SELECT} WHERE h.client_id = ? AND h.id = ?`).get(clientId, id) as HourEntry | undefined;
}

/** What history rows keep of an entry: the facts, not the joins. */
function snapshotOf(e: HourInput): Record<string, unknown> {
  return {
    kind: e.kind,
    activityKindId: e.activityKindId,
    periodStart: e.periodStart,
    periodEnd: e.periodEnd,
    hours: e.hours,
    plannedHours: e.plannedHours,
    providerId: e.providerId,
    organisation: e.organisation,
    note: e.note,
    placementId: e.placementId ?? null,
  };
}

function addHistory(
  db: Db,
  hourEntryId: number,
  change: 'CREATE' | 'UPDATE' | 'DELETE',
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  reason: string | null,
  userId: number,
  nowIso: string,
): void {
  db.prepare(
    `INSERT INTO hour_entry_history (hour_entry_id, change, before_json, after_json, reason, changed_by, changed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    hourEntryId,
    change,
    before ? JSON.stringify(before) : null,
    after ? JSON.stringify(after) : null,
    reason,
    userId,
    nowIso,
  );
}

export function insertHour(
  db: Db,
  clientId: number,
  input: HourInput,
  userId: number,
  nowIso: string,
  importInfo: { importId: number | null; importKey: string } | null = null,
): number {
  const r = db
    .prepare(
      `INSERT INTO hour_entries (client_id, kind, activity_kind_id, period_start, period_end, hours, planned_hours,
         provider_id, organisation, note, source, import_id, import_key, created_by, created_at, updated_at, placement_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      clientId,
      input.kind,
      input.activityKindId,
      input.periodStart,
      input.periodEnd,
      input.hours,
      input.plannedHours,
      input.providerId,
      input.organisation,
      input.note,
      importInfo ? 'IMPORT' : 'MANUAL',
      importInfo?.importId ?? null,
      importInfo?.importKey ?? null,
      userId,
      nowIso,
      nowIso,
      input.placementId ?? null,
    );
  const id = Number(r.lastInsertRowid);
  addHistory(db, id, 'CREATE', null, snapshotOf(input), importInfo ? 'Import' : null, userId, nowIso);
  return id;
}

/** Updates an entry if nobody changed it since `version`; false when the version is stale. */
export function updateHour(
  db: Db,
  clientId: number,
  id: number,
  version: number,
  input: HourInput,
  userId: number,
  nowIso: string,
): boolean {
  const before = findHour(db, clientId, id);
  if (!before || before.deletedAt) return false;
  const r = db
    .prepare(
      `UPDATE hour_entries SET kind = ?, activity_kind_id = ?, period_start = ?, period_end = ?, hours = ?,
         planned_hours = ?, provider_id = ?, organisation = ?, note = ?, placement_id = ?, version = version + 1,
         updated_at = ?
       WHERE id = ? AND client_id = ? AND version = ? AND deleted_at IS NULL`,
    )
    .run(
      input.kind,
      input.activityKindId,
      input.periodStart,
      input.periodEnd,
      input.hours,
      input.plannedHours,
      input.providerId,
      input.organisation,
      input.note,
      input.placementId ?? null,
      nowIso,
      id,
      clientId,
      version,
    );
  if (r.changes !== 1) return false;
  addHistory(db, id, 'UPDATE', snapshotOf(before), snapshotOf(input), null, userId, nowIso);
  return true;
}

/** Soft delete with a reason; false when the version is stale or the entry is already removed. */
export function deleteHour(
  db: Db,
  clientId: number,
  id: number,
  version: number,
  reason: string,
  userId: number,
  nowIso: string,
): boolean {
  const before = findHour(db, clientId, id);
  if (!before || before.deletedAt) return false;
  const r = db
    .prepare(
      `UPDATE hour_entries SET deleted_at = ?, version = version + 1, updated_at = ?
       WHERE id = ? AND client_id = ? AND version = ? AND deleted_at IS NULL`,
    )
    .run(nowIso, nowIso, id, clientId, version);
  if (r.changes !== 1) return false;
  addHistory(db, id, 'DELETE', snapshotOf(before), null, reason, userId, nowIso);
  return true;
}

export interface HourHistoryRow {
  id: number;
  change: 'CREATE' | 'UPDATE' | 'DELETE';
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  reason: string | null;
  changedByName: string | null;
  changedAt: string;
}

export function hourHistory(db: Db, hourEntryId: number): HourHistoryRow[] {
  const rows = db
    .prepare(
      `SELECT h.id, h.change, h.before_json, h.after_json, h.reason, u.display_name AS changedByName, h.changed_at AS changedAt
       FROM hour_entry_history h LEFT JOIN users u ON u.id = h.changed_by
       WHERE h.hour_entry_id = ? ORDER BY h.id`,
    )
    .all(hourEntryId) as {
    id: number;
    change: HourHistoryRow['change'];
    before_json: string | null;
    after_json: string | null;
    reason: string | null;
    changedByName: string | null;
    changedAt: string;
  }[];
  return rows.map((r) => ({
    id: r.id,
    change: r.change,
    before: r.before_json ? (JSON.parse(r.before_json) as Record<string, unknown>) : null,
    after: r.after_json ? (JSON.parse(r.after_json) as Record<string, unknown>) : null,
    reason: r.reason,
    changedByName: r.changedByName,
    changedAt: r.changedAt,
  }));
}

export interface ListItem {
  id: number;
  name: string;
}

export function listActivityKinds(db: Db, includeId: number | null = null): ListItem[] {
  return prepared(db, 'SELECT id, name FROM activity_kinds WHERE active = 1 OR id = ? ORDER BY name').all(includeId) as ListItem[];
}

export function listProviders(db: Db, includeId: number | null = null): ListItem[] {
  return prepared(db, 'SELECT id, name FROM providers WHERE active = 1 OR id = ? ORDER BY name').all(includeId) as ListItem[];
}

/** The trajectory is closed (eindgesprek held or closed otherwise): no new work, dossier stays readable. */
export function clientClosedOn(db: Db, clientId: number): string | null {
  return (db.prepare('SELECT closed_on FROM clients WHERE id = ?').pluck().get(clientId) as string | null) ?? null;
}
