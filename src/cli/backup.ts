// Makes a consistent copy of the live database with SQLite's online backup API, and a copy of the document
// files beside it; safe while the app is running. Usage: npm run backup [-- target-file]
import { resolve } from 'node:path';
import { format } from 'date-fns';
import { backupAll } from '../db/backup.js';
import { openDatabase } from '../db/connection.js';

const databasePath = resolve(process.env.DATABASE_PATH ?? 'data/koers.db');
const documentsPath = resolve(process.env.DOCUMENTS_PATH ?? 'data/documents');
const target = resolve(process.argv[2] ?? `backups/koers-${format(new Date(), 'yyyyMMdd-HHmmss')}.db`);

const db = openDatabase(databasePath);
const done = await backupAll(db, documentsPath, target);
db.close();
console.log(`Back-up gemaakt: ${done.database}`);
console.log(`Documenten (${done.files} bestanden): ${done.documents}`);
