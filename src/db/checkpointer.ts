// Copies the write-ahead log back into the database file on a worker thread, so that the server's own thread
// never does it in the middle of a request.
//
// By default SQLite checkpoints inside the commit that takes the log past 1,000 pages: with an audit row per
// page view that is every 150-200 views, and that one view then waits for some 4 MB of random writes (5-8 ms on
// the bench machine, 66 ms for the log of 3,000 inserts when left to grow); every request queued behind it waits
// too. Here the server's connection has automatic checkpoints off and a worker thread, with its own connection
// to the same file, runs a PASSIVE checkpoint every interval: it copies what no reader still needs, never blocks
// the writer or the readers, and once all is copied the next write starts the log from the beginning again.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './connection.js';

export interface Checkpointer {
  /** Stops the worker after one last checkpoint; automatic checkpoints are on again. */
  stop(): Promise<void>;
}

/** The worker: CommonJS run from a string, so the server bundle needs no second file. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 1000');
db.pragma('cache_size = -512');
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (err) {
    parentPort.postMessage({ error: String(err && err.message || err) });
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.postMessage('stopped');
});
`;

/**
 * Starts checkpointing `db`'s file on a worker thread every `intervalMs` and turns off the connection's automatic
 * checkpoints. For the server's file database only (not ':memory:', which has no log).
 */
export function startCheckpointer(db: Db, intervalMs = 250): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driver, path: db.name, intervalMs },
    // A small heap: the worker only runs one statement (about 10 MB resident in all).
    resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 2 },
  });
  worker.unref();
  db.pragma('wal_autocheckpoint = 0');
  worker.on('message', (m: unknown) => {
    if (m && typeof m === 'object' && 'error' in m) console.error('Checkpoint van het databaselog mislukt:', (m as { error: string }).error);
  });
  worker.on('error', (err) => {
    // Without the worker the connection checkpoints itself again, as SQLite does by default.
    console.error('Checkpoint-thread gestopt; de server doet het weer zelf:', err);
    db.pragma('wal_autocheckpoint = 1000');
  });
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        db.pragma('wal_autocheckpoint = 1000');
        worker.once('exit', () => resolve());
        worker.once('message', () => void worker.terminate());
        worker.postMessage('stop');
      }),
  };
}
