import { type ClientRef, findClientRef } from '../db/clients.js';
import type { User } from '../db/users.js';
import type { Actor } from './actor.js';
import type { Deps } from './deps.js';
import { forbidden, NO_CLIENT_ACCESS, notFound } from './errors.js';

/**
 * Who may see a client's dossier: consulenten and teamleiders of the client's team. Admins manage rules
 * and users but do not read dossiers. Checked on every use case, per client.
 */
export function canAccessClient(user: User, client: Pick<ClientRef, 'teamId'>): boolean {
  return (user.role === 'consulent' || user.role === 'teamleider') && user.teamId === client.teamId;
}

/** Only the client's own consulent sees the BSN unmasked. */
export function canSeeFullBsn(user: User, client: Pick<ClientRef, 'consulentId'>): boolean {
  return user.role === 'consulent' && client.consulentId === user.id;
}

/** The BSN as this user may see it: full for the client's own consulent, masked for everyone else. */
export function bsnFor(user: User, client: Pick<ClientRef, 'consulentId'>, bsn: string | null, mask: (s: string) => string) {
  if (!bsn) return null;
  return canSeeFullBsn(user, client) ? bsn : mask(bsn);
}

/** A positive whole number from a URL or form (read as the web layer's `idParam` reads it), or null. */
export function toId(raw: unknown): number | null {
  const n = typeof raw === 'number' || typeof raw === 'string' ? Number(raw) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/**
 * Loads a client for the actor. Another team's client, or an id that does not exist, gives the same
 * not-found (no hint that it exists) and an audit row of the refusal; an admin is forbidden.
 */
export function loadClient(deps: Deps, actor: Actor, rawId: unknown): ClientRef {
  if (actor.user.role === 'admin') throw forbidden('Functioneel beheerders hebben geen toegang tot dossiers van cliënten.');
  const id = toId(rawId);
  if (id === null) throw notFound(NO_CLIENT_ACCESS);
  const client = findClientRef(deps.db, id);
  if (!client || !canAccessClient(actor.user, client)) {
    actor.audit('dossier-geweigerd', 'aanmelding', { clientId: client ? client.id : null, outcome: 'error' });
    throw notFound(NO_CLIENT_ACCESS);
  }
  return client;
}
