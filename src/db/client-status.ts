// TEMPORARY STUB on branch admin until src/db/client-status.ts lands on main (replaced by the merge).
import type { Db } from './connection.js';

export function refreshAllClientStatuses(_db: Db, _today: string): void {}
