// Lists what is due under the retention rules into the batch that waits for approval (like the daily job of the
// server). Nothing is deleted here: a teamleider or admin approves the batch on /retention. Usage: npm run retention
import { resolve } from 'node:path';
import { runRetentionJob } from '../app/retention.js';
import { openDatabase } from '../db/connection.js';
import { migrate } from '../db/migrate.js';
import { systemClock } from '../lib/clock.js';

const databasePath = resolve(process.env.DATABASE_PATH ?? 'data/koers.db');
const db = openDatabase(databasePath);
migrate(db);
const p = runRetentionJob({ db, clock: systemClock }, 'npm run retention');
db.close();
if (p.batchId === null) {
  console.log('Er is vandaag niets dat volgens de bewaartermijnen vernietigd moet worden.');
} else {
  console.log(
    p.addedToOpen
      ? `Lijst ${p.batchId} wacht al op goedkeuring; ${p.dossiers} dossier(s) toegevoegd.`
      : `Gemaakt: lijst ${p.batchId} met ${p.dossiers} dossier(s) om te vernietigen.`,
  );
  for (const r of p.records) console.log(`  ${r.label}: ${r.count}`);
  console.log('Een teamleider of beheerder keurt de lijst goed op /retention; pas dan wordt er iets verwijderd.');
}
