// Hour import repository: the drafts kept between preview and confirmation, the import records, and the
// look-ups the row checks need. Parsing, checking and the import itself are the use cases' (src/app/hour-import.ts).
import { type Db, prepared } from './connection.js';

/** Columns of a provider's hour report, in the order of the template (also the shape of a stored draft row). */
export const IMPORT_COLUMNS = ['clientnummer', 'soort', 'activiteit', 'van', 'tot', 'uren', 'gepland', 'aanbieder'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export type RawRow = Record<ImportColumn, string>;

export interface Draft {
  id: number;
  fileName: string;
  fileSha256: string;
  rows: RawRow[];
  importedAt: string | null;
}

/** Keeps the parsed file between preview and confirmation (one draft per user and file). */
export function saveDraft(db: Db, userId: number, fileName: string, fileSha256: string, rows: RawRow[], nowIso: string): number {
  db.prepare(
    `INSERT INTO hour_import_drafts (file_name, file_sha256, rows_json, created_by, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (created_by, file_sha256) DO UPDATE SET file_name = excluded.file_name, rows_json = excluded.rows_json,
       created_at = excluded.created_at, imported_at = NULL`,
  ).run(fileName, fileSha256, JSON.stringify(rows), userId, nowIso);
  return db.prepare('SELECT id FROM hour_import_drafts WHERE created_by = ? AND file_sha256 = ?').pluck().get(userId, fileSha256) as number;
}

export function findDraft(db: Db, id: number, userId: number): Draft | undefined {
  const r = db
    .prepare(
      `SELECT id, file_name AS fileName, file_sha256 AS fileSha256, rows_json, imported_at AS importedAt
       FROM hour_import_drafts WHERE id = ? AND created_by = ?`,
    )
    .get(id, userId) as (Omit<Draft, 'rows'> & { rows_json: string }) | undefined;
  if (!r) return undefined;
  return { id: r.id, fileName: r.fileName, fileSha256: r.fileSha256, importedAt: r.importedAt, rows: JSON.parse(r.rows_json) as RawRow[] };
}

export function markDraftImported(db: Db, draftId: number, nowIso: string): void {
  db.prepare('UPDATE hour_import_drafts SET imported_at = ? WHERE id = ?').run(nowIso, draftId);
}

/** Records one import of a file; returns its id (the hour entries refer to it). */
export function insertHourImport(db: Db, draft: Pick<Draft, 'fileName' | 'fileSha256'>, rowCount: number, userId: number, nowIso: string): number {
  return Number(
    db
      .prepare('INSERT INTO hour_imports (file_name, file_sha256, row_count, imported_by, imported_at) VALUES (?, ?, ?, ?, ?)')
      .run(draft.fileName, draft.fileSha256, rowCount, userId, nowIso).lastInsertRowid,
  );
}

export interface ImportClient {
  id: number;
  team_id: number;
  closed_on: string | null;
}

/** The client with this client number, whatever its team (the check decides). */
export function findClientByNumber(db: Db, clientNumber: string): ImportClient | undefined {
  return prepared(db, 'SELECT id, team_id, closed_on FROM clients WHERE client_number = ?').get(clientNumber) as ImportClient | undefined;
}

/** Active activity kinds and providers, the names a file may use. */
export function activeImportLists(db: Db): { activities: { id: number; name: string }[]; providers: { id: number; name: string }[] } {
  return {
    activities: db.prepare('SELECT id, name FROM activity_kinds WHERE active = 1').all() as { id: number; name: string }[],
    providers: db.prepare('SELECT id, name FROM providers WHERE active = 1').all() as { id: number; name: string }[],
  };
}

/** Whether an hour entry with this import key exists (the row was imported before). */
export function importKeyExists(db: Db, importKey: string): boolean {
  return prepared(db, 'SELECT 1 FROM hour_entries WHERE import_key = ?').pluck().get(importKey) !== undefined;
}
