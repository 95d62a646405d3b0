// Makes a consistent copy of the live database with SQLite's online backup API,
// safe while the app is running. Usage: npm run backup [-- target-file]
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { format } from 'date-fns';
import { backupDatabase } from '../db/backup.js';
import { openDatabase } from '../db/connection.js';

const databasePath = resolve(process.env.DATABASE_PATH ?? 'data/koers.db');
const target = resolve(process.argv[2] ?? `backups/koers-${format(new Date(), 'yyyyMMdd-HHmmss')}.db`);

mkdirSync(dirname(target), { recursive: true });
const db = openDatabase(databasePath);
await backupDatabase(db, target);
db.close();
console.log(`Back-up gemaakt: ${target}`);
