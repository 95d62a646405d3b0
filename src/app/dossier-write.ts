import { refreshClientStatus } from '../db/client-status.js';
import { addClientEvent } from '../db/timeline.js';
import type { Actor } from './actor.js';
import type { Deps } from './deps.js';

/** A line in the dossier timeline for a change; the business date defaults to the actor's today. */
export interface DossierEvent {
  kind: string;
  summary: string;
  refTable?: string | null;
  refId?: number | null;
  occurredOn?: string;
}

/**
 * Runs one change of a client's dossier as one transaction: the write, its timeline event(s) and the refresh of
 * the client's derived status (`client_status`), so that no half of it can be saved. `write` returns the
 * result with the events to record, or `null` when it did not write (e.g. a stale version): then nothing is
 * recorded and `null` is returned. An exception rolls everything back.
 */
export function changeDossier<T>(
  deps: Deps,
  actor: Actor,
  clientId: number,
  write: () => { value: T; events: DossierEvent[] } | null,
): { value: T } | null {
  const { db } = deps;
  return db.transaction(() => {
    const done = write();
    if (done === null) return null;
    for (const e of done.events) {
      addClientEvent(
        db,
        {
          clientId,
          occurredOn: e.occurredOn ?? actor.today,
          kind: e.kind,
          summary: e.summary,
          refTable: e.refTable ?? null,
          refId: e.refId ?? null,
          userId: actor.user.id,
        },
        actor.nowIso,
      );
    }
    refreshClientStatus(db, clientId, actor.today);
    return { value: done.value };
  })();
}
