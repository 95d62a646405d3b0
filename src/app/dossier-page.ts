// The read model and the closed-dossier refusal shared by the dossier pages outside the progress tabs (language
// and exams, closure and termijn): one access-checked client with how its trajectory ended, and the breadcrumbs.
import type { ClientRef } from '../db/clients.js';
import { type Closure, closedDossierMessage, closedState, closureLabelInSentence, findClosure } from '../db/closures.js';
import type { ProcessingActivity } from '../domain/processing-activities.js';
import { loadClient } from './access.js';
import type { Actor } from './actor.js';
import type { ClosedRefusal } from './client-page.js';
import type { Deps } from './deps.js';

export interface Crumb {
  href?: string;
  label: string;
}

export interface DossierPage {
  client: ClientRef;
  today: string;
  /** The closure decision in force, for a closed dossier. */
  closure: Closure | undefined;
  /** How the trajectory ended, inside a sentence ("overleden"); '' while it is open. */
  closureLabel: string;
  breadcrumbs: Crumb[];
}

/**
 * Loads the client (access checked, see `loadClient`) with its closure. `trail` gives the breadcrumbs after
 * "Cliënten › name", from the path of the client's dossier (`/clients/:id`).
 */
export function loadDossierPage(deps: Deps, actor: Actor, rawClientId: unknown, trail: (dossier: string) => Crumb[]): DossierPage {
  const client = loadClient(deps, actor, rawClientId);
  const closure = findClosure(deps.db, client.id);
  const dossier = `/clients/${client.id}`;
  return {
    client,
    today: actor.today,
    closure,
    closureLabel: closureLabelInSentence(closure?.type),
    breadcrumbs: [
      { href: '/clients', label: 'Cliënten' },
      { href: dossier, label: `${client.firstName} ${client.lastName}` },
      ...trail(dossier),
    ],
  };
}

/**
 * A closed dossier stays readable but takes no new work: the refusal (with how and when it was closed) and its
 * audit row under the page's processing activity, or null while the dossier is open.
 */
export function refuseClosedDossier(deps: Deps, actor: Actor, client: ClientRef, activity: ProcessingActivity): ClosedRefusal | null {
  if (!client.closedOn) return null;
  actor.audit('wijziging-geweigerd-afgesloten', activity, { clientId: client.id, outcome: 'error' });
  const closureType = closedState(deps.db, client.id)?.closureType ?? null;
  return { kind: 'closed', message: closedDossierMessage(client.closedOn, closureType) };
}
