import type { Db } from './connection.js';

/**
 * A consistent copy of the live database through SQLite's online backup API: safe while the app keeps
 * writing (pages are copied in steps and restarted when the source changes underneath).
 */
export async function backupDatabase(db: Db, targetPath: string): Promise<void> {
  await db.backup(targetPath);
}
