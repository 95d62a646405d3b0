import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { deletePasskey, findPasskeyByCredentialId, insertPasskey, listPasskeys, markPasskeyUsed } from '../db/sign-in.js';
import type { User } from '../db/users.js';
import type { Actor } from './actor.js';
import { ok, refuse, type Result } from './result.js';
import { auditVisitor, type SignInDeps, throttledMessage, type Visitor } from './sign-in-context.js';

/**
 * Passkeys (WebAuthn) with @simplewebauthn/server, as the phishing-resistant second factor: the browser signs the
 * server's challenge for Koers's own origin, so a look-alike site gets nothing it can use.
 */
export interface RelyingParty {
  /** The host name browsers see (e.g. koers.gemeente.nl). */
  id: string;
  /** The origin browsers see (e.g. https://koers.gemeente.nl). */
  origin: string;
}

const RP_NAME = 'Koers';

/** Loaded on first use, not at start (about 10 MB resident that most servers never need). */
const webauthn = () => import('@simplewebauthn/server');

export type PasskeyRefusal = { kind: 'invalid'; message: string } | { kind: 'throttled'; wait: number; message: string };

/** Options for the browser's navigator.credentials.create(); the challenge is kept in the session by the caller. */
export async function passkeyRegistrationOptions(deps: SignInDeps, actor: Actor, rp: RelyingParty) {
  const existing = listPasskeys(deps.db, actor.user.id);
  return (await webauthn()).generateRegistrationOptions({
    rpName: RP_NAME,
    rpID: rp.id,
    userName: actor.user.username,
    userDisplayName: actor.user.displayName,
    userID: new TextEncoder().encode(`koers-user-${actor.user.id}`),
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports as never })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  });
}

/** Verifies the browser's answer and stores the passkey; the user's other sessions end (a new factor). */
export async function registerPasskey(
  deps: SignInDeps,
  actor: Actor,
  rp: RelyingParty,
  currentSid: string,
  expectedChallenge: string | undefined,
  response: unknown,
  rawName: unknown,
): Promise<Result<{ id: number }, PasskeyRefusal>> {
  if (!expectedChallenge) return refuse({ kind: 'invalid', message: 'De aanvraag is verlopen. Probeer het opnieuw.' });
  const name = (typeof rawName === 'string' ? rawName.trim() : '').slice(0, 60) || 'Passkey';
  let verified;
  try {
    verified = await (await webauthn()).verifyRegistrationResponse({
      response: response as RegistrationResponseJSON,
      expectedChallenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: false,
    });
  } catch {
    verified = null;
  }
  if (!verified?.verified || !verified.registrationInfo) {
    actor.audit('passkey-toevoegen-mislukt', 'toegang', { outcome: 'error' });
    return refuse({ kind: 'invalid', message: 'De passkey kon niet worden gecontroleerd. Probeer het opnieuw.' });
  }
  const { credential } = verified.registrationInfo;
  if (findPasskeyByCredentialId(deps.db, credential.id)) {
    return refuse({ kind: 'invalid', message: 'Deze passkey is al toegevoegd.' });
  }
  const id = insertPasskey(
    deps.db,
    {
      userId: actor.user.id,
      credentialId: credential.id,
      publicKey: credential.publicKey,
      counter: credential.counter,
      transports: credential.transports ?? [],
      name,
    },
    actor.nowIso,
  );
  const ended = deps.sessionStore.destroyOthersForUser(actor.user.id, currentSid);
  actor.audit('tweede-factor-ingesteld', 'toegang', { details: `passkey "${name}"; ${ended} andere sessie(s) beëindigd` });
  return ok({ id });
}

export function removePasskey(deps: SignInDeps, actor: Actor, rawId: unknown): Result<undefined, PasskeyRefusal> {
  const id = Number(rawId);
  if (!Number.isSafeInteger(id) || !deletePasskey(deps.db, actor.user.id, id)) {
    return refuse({ kind: 'invalid', message: 'Deze passkey bestaat niet (meer).' });
  }
  actor.audit('passkey-verwijderd', 'toegang', { details: `passkey ${id}` });
  return ok();
}

/** Options for navigator.credentials.get() at the second step of a log-in: only this user's passkeys. */
export async function passkeyLoginOptions(deps: SignInDeps, user: User, rp: RelyingParty) {
  return (await webauthn()).generateAuthenticationOptions({
    rpID: rp.id,
    allowCredentials: listPasskeys(deps.db, user.id).map((p) => ({ id: p.credentialId, transports: p.transports as never })),
    userVerification: 'preferred',
  });
}

/**
 * The second step with a passkey: the signature over the challenge must verify with a passkey of this user, and the
 * signature counter must not go back (a cloned authenticator). Failures count against the log-in throttle.
 */
export async function passkeyLogin(
  deps: SignInDeps,
  visitor: Visitor,
  user: User,
  rp: RelyingParty,
  expectedChallenge: string | undefined,
  response: unknown,
): Promise<Result<{ user: User; how: string }, PasskeyRefusal>> {
  const wait = await deps.limiter.retryAfter(user.username, visitor.ip);
  if (wait > 0) {
    auditVisitor(deps, visitor, user, 'inloggen-geblokkeerd', { outcome: 'error', details: 'passkey' });
    return refuse({ kind: 'throttled', wait, message: throttledMessage(wait) });
  }
  const credentialId = (response as { id?: unknown } | null)?.id;
  const passkey = typeof credentialId === 'string' ? findPasskeyByCredentialId(deps.db, credentialId) : undefined;
  let verified = null;
  if (expectedChallenge && passkey && passkey.userId === user.id) {
    try {
      verified = await (await webauthn()).verifyAuthenticationResponse({
        response: response as AuthenticationResponseJSON,
        expectedChallenge,
        expectedOrigin: rp.origin,
        expectedRPID: rp.id,
        credential: {
          id: passkey.credentialId,
          publicKey: passkey.publicKey as Uint8Array<ArrayBuffer>,
          counter: passkey.counter,
          transports: passkey.transports as never,
        },
        requireUserVerification: false,
      });
    } catch {
      verified = null;
    }
  }
  if (!passkey || !verified?.verified) {
    await deps.limiter.recordFailure(user.username, visitor.ip);
    auditVisitor(deps, visitor, user, 'tweede-factor-mislukt', { outcome: 'error', details: 'passkey' });
    return refuse({ kind: 'invalid', message: 'De passkey kon niet worden gecontroleerd. Probeer het opnieuw of gebruik een code.' });
  }
  markPasskeyUsed(deps.db, passkey.id, verified.authenticationInfo.newCounter, deps.clock.now().toISOString());
  await deps.limiter.recordSuccess(user.username, visitor.ip);
  return ok({ user, how: `wachtwoord + passkey "${passkey.name}"` });
}
