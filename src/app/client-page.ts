import type { ClientRef } from '../db/clients.js';
import { type Eligibility, loadEligibility } from '../db/progress.js';
import { ROUTE_LABELS } from '../domain/index.js';
import { formatDate } from '../lib/format.js';
import { loadClient } from './access.js';
import type { Actor } from './actor.js';
import type { Deps } from './deps.js';

/** What every progress page of one client needs: access-checked client, today, and where the client stands. */
export interface ClientPage {
  client: ClientRef;
  today: string;
  nowIso: string;
  eligibility: Eligibility;
  routeLabel: string | null;
}

/** Loads the client (access checked, see `loadClient`) with its eligibility as of the actor's today. */
export function loadClientPage(deps: Deps, actor: Actor, rawClientId: unknown): ClientPage {
  const client = loadClient(deps, actor, rawClientId);
  const eligibility = loadEligibility(deps.db, client.id, actor.today);
  return {
    client,
    today: actor.today,
    nowIso: actor.nowIso,
    eligibility,
    routeLabel: eligibility.route ? ROUTE_LABELS[eligibility.route] : null,
  };
}

/** The general message of a closed, read-only dossier. */
export const CLOSED_MESSAGE =
  'Dit dossier is afgesloten. U kunt alles nog lezen, maar niets meer wijzigen of toevoegen.';

export function closedMessage(client: ClientRef, what: string): string {
  return `Het traject van ${client.firstName} ${client.lastName} is afgesloten op ${formatDate(client.closedOn)}. U kunt geen ${what} meer vastleggen. Het dossier blijft leesbaar.`;
}

export type ClosedRefusal = { kind: 'closed'; message: string };

/**
 * Closed trajectories stay readable, but no new hours, decisions or conversations can be recorded. Returns the
 * refusal (and writes its audit row) when the client is closed, else null. `what` names what cannot be recorded.
 */
export function closedRefusal(actor: Actor, client: ClientRef, what: string): ClosedRefusal | null {
  if (!client.closedOn) return null;
  actor.audit('wijziging-geweigerd-afgesloten', 'voortgang', { clientId: client.id, outcome: 'error' });
  return { kind: 'closed', message: closedMessage(client, what) };
}
