// The team's management pages (figures, cohorts, lead times, discretion, the monitor export) read every client of
// the team; their page models stay the same until the team's data changes. They are kept per team against the
// team's data version (migration 0200: triggers on the clients, their status, the team's people, the rules and
// the targets), so a view after any change computes afresh and a view without one costs the page shell. The key
// names the figure and its inputs (period, today); an entry also expires after a few minutes, and the map is
// bounded. Not inside a transaction (the transaction may change the data it reads).
import { teamDataVersion } from '../db/team-data-version.js';
import type { Deps } from './deps.js';

const MAX_AGE_MS = 5 * 60_000;
const MAX_ENTRIES = 300;

interface Kept {
  version: number;
  at: number;
  value: unknown;
}

const kept = new WeakMap<Deps['db'], Map<string, Kept>>();

export function keptForTeam<T>(deps: Deps, teamId: number, key: string, compute: () => T): T {
  const { db } = deps;
  if (db.inTransaction) return compute();
  let entries = kept.get(db);
  if (!entries) kept.set(db, (entries = new Map()));
  const id = `${teamId}|${key}`;
  const version = teamDataVersion(db, teamId);
  const now = performance.now();
  const hit = entries.get(id);
  if (hit && hit.version === version && now - hit.at < MAX_AGE_MS) return hit.value as T;
  const value = compute();
  entries.delete(id);
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  entries.set(id, { version, at: now, value });
  return value;
}
