// Who a provider user is and what they may reach: only the referrals of their own organisation, only while a
// referral runs (proposed or confirmed, end date not passed, trajectory not closed). Everything else is refused
// as not found, with an audit row of the refusal, so ids tried directly reveal nothing.
import { findClientRef } from '../db/clients.js';
import { findReferral, type ProviderRef, type Referral } from '../db/referrals.js';
import { providerOfUser } from '../db/referrals.js';
import { toId } from './access.js';
import type { Actor, AuditOptions } from './actor.js';
import type { Deps } from './deps.js';
import { forbidden, notFound } from './errors.js';

export const NO_REFERRAL = 'Deze verwijzing bestaat niet of u heeft er geen toegang (meer) toe.';

/** The provider organisation of the actor; anyone who is not a linked provider user is forbidden. */
export function requireProvider(deps: Deps, actor: Actor): ProviderRef {
  if (actor.user.role !== 'aanbieder') throw forbidden();
  const provider = providerOfUser(deps.db, actor.user.id);
  if (!provider || !provider.active) {
    throw forbidden('Uw account is nog niet aan een aanbieder gekoppeld. Vraag de functioneel beheerder van de gemeente.');
  }
  return provider;
}

/** Audit details that say for which provider the user acted. */
export function providerDetails(provider: ProviderRef, extra?: string): string {
  return `aanbieder ${provider.id} (${provider.name})${extra ? `: ${extra}` : ''}`;
}

/** An audit row of a provider user, naming the provider. */
export function auditProvider(actor: Actor, provider: ProviderRef, action: string, options: AuditOptions & { extra?: string } = {}) {
  const { extra, ...rest } = options;
  actor.audit(action, 'voortgang', { ...rest, details: providerDetails(provider, extra) });
}

/** Whether a referral runs on `today` for its provider (so the provider may see and report on it). */
export function referralRuns(r: Pick<Referral, 'status' | 'endOn'>, today: string): boolean {
  return (r.status === 'PROPOSED' || r.status === 'CONFIRMED') && r.endOn >= today;
}

/**
 * A referral of the actor's provider that still runs; another provider's referral, an ended, declined or
 * withdrawn one, or a closed trajectory gives the same not-found.
 */
export function loadProviderReferral(deps: Deps, actor: Actor, provider: ProviderRef, rawId: unknown): Referral {
  const id = toId(rawId);
  const referral = id === null ? undefined : findReferral(deps.db, id);
  const client = referral ? findClientRef(deps.db, referral.clientId) : undefined;
  if (!referral || !client || referral.providerId !== provider.id || !referralRuns(referral, actor.today) || client.closedOn) {
    auditProvider(actor, provider, 'verwijzing-geweigerd', {
      clientId: referral && referral.providerId === provider.id ? referral.clientId : null,
      outcome: 'error',
      extra: `verwijzing ${id ?? '?'}`,
    });
    throw notFound(NO_REFERRAL);
  }
  return referral;
}
