// The weekly plan of a client (issue 21): entries, the maximum hours per week and the available times.
import type { PlanActivity } from '../domain/index.js';
import { type Db, prepared } from './connection.js';

export interface PlanEntry {
  id: number;
  activity: PlanActivity;
  label: string;
  place: string | null;
  weekday: number;
  start: string;
  end: string;
  dayPart: 'OCHTEND' | 'MIDDAG' | 'AVOND' | null;
  placementId: number | null;
  version: number;
}

export type PlanEntryInput = Omit<PlanEntry, 'id' | 'version'>;

export interface AvailabilityWindow {
  id: number;
  weekday: number;
  start: string;
  end: string;
}

export interface PlanSettings {
  maxHoursPerWeek: number | null;
  availabilityNote: string | null;
  version: number;
}

const ENTRY = `SELECT id, activity, label, place, weekday, start_time AS start, end_time AS end, day_part AS dayPart,
  placement_id AS placementId, version FROM weekly_plan_entries`;

export function listPlanEntries(db: Db, clientId: number): PlanEntry[] {
  return prepared(db, `${ENTRY} WHERE client_id = ? ORDER BY weekday, start_time, id`).all(clientId) as PlanEntry[];
}

export function findPlanEntry(db: Db, clientId: number, id: number): PlanEntry | undefined {
  return prepared(db, `${ENTRY} WHERE client_id = ? AND id = ?`).get(clientId, id) as PlanEntry | undefined;
}

export function insertPlanEntry(db: Db, clientId: number, e: PlanEntryInput, userId: number, nowIso: string): number {
  const r = prepared(
    db,
    `INSERT INTO weekly_plan_entries (client_id, activity, label, place, weekday, start_time, end_time, day_part, placement_id,
       created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(clientId, e.activity, e.label, e.place, e.weekday, e.start, e.end, e.dayPart, e.placementId, userId, nowIso, nowIso);
  return Number(r.lastInsertRowid);
}

/** Changes an entry when it is still at `version`; false when someone else changed it in between. */
export function updatePlanEntry(db: Db, clientId: number, id: number, version: number, e: PlanEntryInput, nowIso: string): boolean {
  return (
    prepared(
      db,
      `UPDATE weekly_plan_entries SET activity = ?, label = ?, place = ?, weekday = ?, start_time = ?, end_time = ?, day_part = ?,
         version = version + 1, updated_at = ? WHERE client_id = ? AND id = ? AND version = ?`,
    ).run(e.activity, e.label, e.place, e.weekday, e.start, e.end, e.dayPart, nowIso, clientId, id, version).changes === 1
  );
}

export function deletePlanEntry(db: Db, clientId: number, id: number): boolean {
  return prepared(db, 'DELETE FROM weekly_plan_entries WHERE client_id = ? AND id = ?').run(clientId, id).changes === 1;
}

export function findPlanSettings(db: Db, clientId: number): PlanSettings {
  return (
    (prepared(db, 'SELECT max_hours_per_week AS maxHoursPerWeek, availability_note AS availabilityNote, version FROM weekly_plans WHERE client_id = ?').get(
      clientId,
    ) as PlanSettings | undefined) ?? { maxHoursPerWeek: null, availabilityNote: null, version: 0 }
  );
}

/** Saves the maximum and the note; `version` 0 creates the row. False when someone else saved in between. */
export function savePlanSettings(
  db: Db,
  clientId: number,
  version: number,
  s: { maxHoursPerWeek: number | null; availabilityNote: string | null },
  userId: number,
  nowIso: string,
): boolean {
  if (version === 0) {
    const r = prepared(
      db,
      `INSERT INTO weekly_plans (client_id, max_hours_per_week, availability_note, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (client_id) DO NOTHING`,
    ).run(clientId, s.maxHoursPerWeek, s.availabilityNote, userId, nowIso);
    return r.changes === 1;
  }
  return (
    prepared(
      db,
      `UPDATE weekly_plans SET max_hours_per_week = ?, availability_note = ?, version = version + 1, updated_by = ?, updated_at = ?
       WHERE client_id = ? AND version = ?`,
    ).run(s.maxHoursPerWeek, s.availabilityNote, userId, nowIso, clientId, version).changes === 1
  );
}

export function listAvailability(db: Db, clientId: number): AvailabilityWindow[] {
  return prepared(
    db,
    'SELECT id, weekday, start_time AS start, end_time AS end FROM weekly_plan_availability WHERE client_id = ? ORDER BY weekday, start_time',
  ).all(clientId) as AvailabilityWindow[];
}

export function insertAvailability(db: Db, clientId: number, w: Omit<AvailabilityWindow, 'id'>, userId: number, nowIso: string): number {
  const r = prepared(
    db,
    'INSERT INTO weekly_plan_availability (client_id, weekday, start_time, end_time, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(clientId, w.weekday, w.start, w.end, userId, nowIso);
  return Number(r.lastInsertRowid);
}

export function deleteAvailability(db: Db, clientId: number, id: number): boolean {
  return prepared(db, 'DELETE FROM weekly_plan_availability WHERE client_id = ? AND id = ?').run(clientId, id).changes === 1;
}
