import type { Deps } from '../app/deps.js';
import type { SqliteSessionStore } from '../db/session-store.js';

/** What the routers are handed: the use cases' dependencies plus the session store (log-out, sessions). */
export interface Services extends Deps {
  sessionStore: SqliteSessionStore;
}
