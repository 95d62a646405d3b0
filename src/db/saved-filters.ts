import { type Db, prepared } from './connection.js';

export interface SavedFilter {
  id: number;
  name: string;
  query: string;
}

export function listSavedFilters(db: Db, userId: number): SavedFilter[] {
  return prepared(db, 'SELECT id, name, query FROM saved_filters WHERE user_id = ? ORDER BY name COLLATE NOCASE').all(
    userId,
  ) as SavedFilter[];
}

/** Saves a filter set under a name; the same name for the same user replaces the earlier one. */
export function saveFilter(db: Db, userId: number, name: string, query: string, nowIso: string): number {
  db.prepare(
    `INSERT INTO saved_filters (user_id, name, query, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (user_id, name) DO UPDATE SET query = excluded.query, created_at = excluded.created_at`,
  ).run(userId, name, query, nowIso);
  return db.prepare('SELECT id FROM saved_filters WHERE user_id = ? AND name = ?').pluck().get(userId, name) as number;
}

/** Deletes one of the user's own saved filters; returns false when it is not theirs or does not exist. */
export function deleteSavedFilter(db: Db, userId: number, id: number): boolean {
  return db.prepare('DELETE FROM saved_filters WHERE id = ? AND user_id = ?').run(id, userId).changes > 0;
}
