import type { Request } from 'express';
import { type ClientRef, findClientRef } from '../db/clients.js';
import type { User } from '../db/users.js';
import type { Services } from './services.js';
import { forbidden, notFound } from './http-errors.js';
import { idParam } from './validation.js';

/**
 * Who may see a client's dossier: consulenten and teamleiders of the client's team. Admins manage rules
 * and users but do not read dossiers. Checked on every request, per client.
 */
export function canAccessClient(user: User, client: Pick<ClientRef, 'teamId'>): boolean {
  return (user.role === 'consulent' || user.role === 'teamleider') && user.teamId === client.teamId;
}

/** Only the client's own consulent sees the BSN unmasked. */
export function canSeeFullBsn(user: User, client: Pick<ClientRef, 'consulentId'>): boolean {
  return user.role === 'consulent' && client.consulentId === user.id;
}

/**
 * Loads the client named by a route parameter for the signed-in user. Another team's client, or an id that
 * does not exist, gives the same 404 (no hint that it exists); an admin gets a 403.
 */
export function loadClientForRequest(req: Request, services: Services, rawId: unknown): ClientRef {
  const user = req.user;
  if (!user) throw forbidden();
  if (user.role === 'admin') throw forbidden('Functioneel beheerders hebben geen toegang tot dossiers van cliënten.');
  const id = idParam.safeParse(rawId);
  if (!id.success) throw notFound('Deze cliënt bestaat niet of u heeft geen toegang.');
  const client = findClientRef(services.db, id.data);
  if (!client || !canAccessClient(user, client)) {
    req.audit('dossier-geweigerd', 'aanmelding', { clientId: client ? client.id : null, outcome: 'error' });
    throw notFound('Deze cliënt bestaat niet of u heeft geen toegang.');
  }
  return client;
}
