// The number per team that goes up with every change of its clients, their status, their decisions, the team's
// people, the rules or the targets (migration 0200, kept by triggers), and what is kept against it: the
// caseload's list and counts and the team's management pages read many of the team's rows, and are the same for
// every view until that number moves.
import { type Db, prepared } from './connection.js';

export function teamDataVersion(db: Db, teamId: number): number {
  return (prepared(db, 'SELECT version FROM team_data_versions WHERE team_id = ?').pluck().get(teamId) as number | undefined) ?? 0;
}

/**
 * A kept value also expires after this long, and the map is bounded, least recently used out first: the largest
 * values are a team's caseload CSV (about 110 KB for 700 clients), the rest 5-40 KB, so at most about 20 MB.
 */
const MAX_AGE_MS = 5 * 60_000;
const MAX_ENTRIES = 200;

interface Kept {
  version: number;
  at: number;
  value: unknown;
}

const kept = new WeakMap<Db, Map<string, Kept>>();

/**
 * `compute()` for a team, or what it gave before when the team's data version is the same (so a view after any
 * change computes afresh). The key names the figure and every input besides the team's data (period, today,
 * filters). Never inside a transaction: it may read its own uncommitted writes. Callers must not change the value.
 * A write committed by another process between reading the version and computing can only make the next view
 * compute again (the triggers moved the version), never keep older data under a newer version.
 */
export function keptForTeam<T>(db: Db, teamId: number, key: string, compute: () => T): T {
  if (db.inTransaction) return compute();
  let entries = kept.get(db);
  if (!entries) kept.set(db, (entries = new Map()));
  const id = `${teamId}\n${key}`;
  const version = teamDataVersion(db, teamId);
  const now = performance.now();
  const hit = entries.get(id);
  if (hit && hit.version === version && now - hit.at < MAX_AGE_MS) {
    // Most recently used last (a Map keeps insertion order).
    entries.delete(id);
    entries.set(id, hit);
    return hit.value as T;
  }
  const value = compute();
  entries.delete(id);
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  entries.set(id, { version, at: now, value });
  return value;
}
