// Functioneel beheer: which provider (from the provider list) a user of the role `aanbieder` works for.
import { findUserById } from '../db/users.js';
import { listProviders } from '../db/hours.js';
import { linkProviderUser, listProviderUsers, unlinkProviderUser } from '../db/referrals.js';
import { toId } from './access.js';
import type { Actor } from './actor.js';
import { requireAdmin } from './admin.js';
import type { Deps } from './deps.js';
import { notFound } from './errors.js';
import { invalid, ok, type Parsed, type Result } from './result.js';

export function loadProviderUsersPage(deps: Deps, actor: Actor) {
  requireAdmin(actor);
  const users = listProviderUsers(deps.db);
  return {
    users,
    userOptions: users.map((u) => ({ value: String(u.userId), label: `${u.displayName} (${u.username})` })),
    providerOptions: listProviders(deps.db).map((p) => ({ value: String(p.id), label: p.name })),
  };
}

/** Links a provider user to a provider (or moves them to another one). */
export function linkProviderAccount(
  deps: Deps,
  actor: Actor,
  form: Parsed<{ userId: number; providerId: number }>,
): Result<{ message: string }> {
  requireAdmin(actor);
  if (!form.ok) return invalid(form.errors);
  const { userId, providerId } = form.data;
  const user = findUserById(deps.db, userId);
  const provider = listProviders(deps.db).find((p) => p.id === providerId);
  const errors: Record<string, string> = {};
  if (!user || user.role !== 'aanbieder') errors.userId = 'Kies een gebruiker met de rol aanbieder';
  if (!provider) errors.providerId = 'Kies een aanbieder uit de lijst';
  if (!user || !provider || Object.keys(errors).length) return invalid(errors);
  deps.db.transaction(() => linkProviderUser(deps.db, user.id, provider.id, actor.user.id, actor.nowIso))();
  actor.audit('aanbieder-gebruiker-gekoppeld', 'beheer', { details: `gebruiker ${user.id} (${user.username}) → aanbieder ${provider.id} (${provider.name})` });
  return ok({ message: `${user.displayName} werkt nu voor ${provider.name}.` });
}

export function unlinkProviderAccount(deps: Deps, actor: Actor, rawUserId: unknown): { message: string } {
  requireAdmin(actor);
  const id = toId(rawUserId);
  const user = id === null ? undefined : findUserById(deps.db, id);
  if (!user) throw notFound('Deze gebruiker bestaat niet.');
  const done = deps.db.transaction(() => unlinkProviderUser(deps.db, user.id))();
  if (done) actor.audit('aanbieder-gebruiker-ontkoppeld', 'beheer', { details: `gebruiker ${user.id} (${user.username})` });
  return { message: `${user.displayName} is niet meer aan een aanbieder gekoppeld.` };
}
