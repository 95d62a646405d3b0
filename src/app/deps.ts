import type { Db } from '../db/connection.js';
import type { Clock } from '../lib/clock.js';

/** What every use case is handed: the database and the clock (the only source of "now"). */
export interface Deps {
  db: Db;
  clock: Clock;
}
