import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Db } from './connection.js';
import { DocumentFiles } from './document-files.js';

/**
 * A consistent copy of the live database through SQLite's online backup API: safe while the app keeps
 * writing (pages are copied in steps and restarted when the source changes underneath).
 */
export async function backupDatabase(db: Db, targetPath: string): Promise<void> {
  await db.backup(targetPath);
}

/** Where the backup of the documents goes: beside the database copy, `<name>-documents/`. */
export function documentsBackupPath(databaseTarget: string): string {
  return `${databaseTarget.replace(/\.db$/, '')}-documents`;
}

/**
 * The whole backup: the database first, then the document files. Files are written (and renamed into place)
 * before the transaction that records them commits, and are never changed afterwards, so every file the
 * database copy refers to is already in the folder when it is copied; a file added in between is copied
 * too and is harmless (nothing refers to it in the copy).
 */
export async function backupAll(db: Db, documentsPath: string, databaseTarget: string): Promise<{ database: string; documents: string; files: number }> {
  mkdirSync(dirname(databaseTarget), { recursive: true });
  await backupDatabase(db, databaseTarget);
  const documents = documentsBackupPath(databaseTarget);
  mkdirSync(documents, { recursive: true });
  const files = new DocumentFiles(documentsPath).copyTo(documents);
  return { database: databaseTarget, documents, files };
}
