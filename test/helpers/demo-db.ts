// A fresh in-memory database with the migrations, the default rules and the demo data seeded at `now`.
import { type Db, openDatabase } from '../../src/db/connection.js';
import { seedDemoData } from '../../src/demo/seed.js';
import { migrate } from '../../src/db/migrate.js';
import { ensureDefaultRuleSet } from '../../src/db/rules.js';
import { type Clock, fixedClock } from '../../src/lib/clock.js';

export async function demoDatabase(now = '2026-11-24T09:00:00.000Z'): Promise<{ db: Db; clock: Clock }> {
  const db = openDatabase(':memory:');
  migrate(db);
  const clock = fixedClock(now);
  ensureDefaultRuleSet(db, clock.now().toISOString());
  await seedDemoData(db, clock);
  return { db, clock };
}
