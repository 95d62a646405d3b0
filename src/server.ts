import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { refreshStaleClientStatuses } from './db/client-status.js';
import { startCheckpointer } from './db/checkpointer.js';
import { openDatabase, optimizeStatistics } from './db/connection.js';
import { DEMO_PASSWORD, seedDemoData } from './demo/seed.js';
import { migrate } from './db/migrate.js';
import { ensureDefaultRuleSet } from './db/rules.js';
import { getOrCreateSessionSecret } from './db/settings.js';
import { systemClock, todayOf } from './lib/clock.js';
import { createApp } from './web/app.js';
import { createHttpServer } from './web/http-server.js';
import { ensureAssets } from './web/asset-build.js';
import { oidcSettingsFromEnv } from './app/oidc.js';
import { runRetentionJob } from './app/retention.js';

// The only place that reads the environment.
const env = process.env;
const production = env.NODE_ENV === 'production';
const port = Number(env.PORT ?? 3000);
const databasePath = resolve(env.DATABASE_PATH ?? 'data/koers.db');
const documentsPath = resolve(env.DOCUMENTS_PATH ?? 'data/documents');

// The stylesheet and scripts the pages link, built when an input changed (src/web/asset-build.ts).
if ((await ensureAssets()).built) console.log('Stylesheet en scripts opgebouwd (public/assets/).');

mkdirSync(dirname(databasePath), { recursive: true });
const db = openDatabase(databasePath);
const { applied } = migrate(db);
if (applied.length) console.log(`Migraties toegepast: ${applied.join(', ')}`);
// Table statistics for the planner (see optimizeStatistics).
optimizeStatistics(db);
// The write-ahead log is copied back into the file on a worker thread, not inside a request (src/db/checkpointer.ts).
const checkpointer = startCheckpointer(db);

const clock = systemClock;
ensureDefaultRuleSet(db, clock.now().toISOString());
if (!production) {
  const demo = await seedDemoData(db, clock);
  if (demo.seeded) {
    console.log('Demogegevens aangemaakt. Inloggen kan met (wachtwoord voor allemaal: %s):', DEMO_PASSWORD);
    for (const l of demo.logins) console.log(`  ${l.username.padEnd(12)} ${l.role}`);
  }
}

// Time-dependent status (forecasts, rules in force) moves daily: recompute what was not computed today.
// In batches, alongside the requests; one run at a time.
let refreshing = false;
function refreshStatuses(): void {
  if (refreshing) return;
  refreshing = true;
  const started = performance.now();
  refreshStaleClientStatuses(db, todayOf(clock))
    .then((n) => {
      if (n) console.log(`Status van ${n} cliënten bijgewerkt in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    })
    .catch((err: unknown) => console.error('Bijwerken van de cliëntstatus mislukt:', err))
    .finally(() => {
      refreshing = false;
    });
}
refreshStatuses();
setInterval(refreshStatuses, 60 * 60_000).unref();

// Retention (issue 20): once a day list what is due into the batch a teamleider or admin approves on /retention.
// Nothing is deleted without that approval.
function listRetention(): void {
  try {
    const p = runRetentionJob({ db, clock }, 'dagelijkse taak');
    if (p.dossiers) console.log(`Bewaartermijnen: ${p.dossiers} dossier(s) op lijst ${p.batchId}; wacht op goedkeuring.`);
  } catch (err) {
    console.error('Bewaartermijnen nagaan mislukt:', err);
  }
}
listRetention();
setInterval(listRetention, 24 * 60 * 60_000).unref();

const app = createApp({
  db,
  clock,
  config: {
    sessionSecret: env.SESSION_SECRET ?? getOrCreateSessionSecret(db),
    sessionIdleMinutes: Number(env.SESSION_IDLE_MINUTES ?? 30),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    upgradeInsecureRequests: production,
    documentsPath,
    production,
    // Single sign-on when OIDC_ISSUER is set; start-up stops here when the settings are incomplete or not https.
    oidc: oidcSettingsFromEnv(env),
    publicUrl: env.PUBLIC_URL?.trim() || undefined,
  },
});

const server = createHttpServer(app).listen(port, () => {
  console.log(`Koers draait op http://localhost:${port} (database: ${databasePath})`);
  if (!production) console.log(`Demo-inlog: consulent, teamleider, admin, aanbieder – wachtwoord ${DEMO_PASSWORD}`);
});

function shutdown() {
  server.close(() => {
    void checkpointer.stop().finally(() => {
      db.close();
      process.exit(0);
    });
  });
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}
