import { findTotp, listPasskeys } from '../db/sign-in.js';
import { findUserById, findUserByUsername, setPassword, type User } from '../db/users.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../lib/passwords.js';
import type { Actor } from './actor.js';
import { invalid, ok, type Parsed, refuse, type Result } from './result.js';
import { checkSecondFactorCode } from './second-factor.js';
import { auditVisitor, type SignInDeps, throttledMessage, type Visitor } from './sign-in-context.js';

/** How long a visitor who gave the right password has to give the second factor. */
export const PENDING_LOGIN_MINUTES = 5;

export const WRONG_PASSWORD = 'De gebruikersnaam of het wachtwoord klopt niet.';
export const WRONG_CODE = 'Deze code klopt niet (of is al gebruikt). Probeer het opnieuw met de code die de app nu toont.';

export type LoginRefusal =
  | { kind: 'invalid'; errors: Record<string, string> }
  | { kind: 'throttled'; wait: number; message: string }
  | { kind: 'wrong'; message: string }
  | { kind: 'password-login-off'; message: string };

/** The password was right: either signed in, or the second factor comes next. */
export type LoginStep = { kind: 'signed-in'; user: User } | { kind: 'second-factor'; user: User };

/** Only same-site relative paths are followed after log-in. */
export function safeReturnTo(value: string | undefined): string {
  return value?.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/';
}

/**
 * Log-in with username and password. Every attempt is audited; failures count against the throttle (per account
 * and address), which is checked first. A user with a second factor gets `second-factor` (not yet signed in).
 */
export async function passwordLogin(
  deps: SignInDeps,
  visitor: Visitor,
  form: Parsed<{ username: string; password: string }>,
): Promise<Result<LoginStep, LoginRefusal>> {
  if (!form.ok) return refuse({ kind: 'invalid', errors: form.errors });
  const { username, password } = form.data;
  const wait = await deps.limiter.retryAfter(username, visitor.ip);
  if (wait > 0) {
    auditVisitor(deps, visitor, null, 'inloggen-geblokkeerd', { outcome: 'error', details: `gebruikersnaam: ${username}` });
    return refuse({ kind: 'throttled', wait, message: throttledMessage(wait) });
  }
  const found = findUserByUsername(deps.db, username);
  const good = await verifyPassword(password, found?.passwordHash ?? DUMMY_HASH);
  if (!found || !good || !found.active) {
    await deps.limiter.recordFailure(username, visitor.ip);
    auditVisitor(deps, visitor, null, 'inloggen-mislukt', {
      outcome: 'error',
      details: found ? `gebruiker ${found.id}` : `onbekende gebruikersnaam`,
    });
    return refuse({ kind: 'wrong', message: WRONG_PASSWORD });
  }
  const { passwordHash: _hash, ...user } = found;
  if (!user.passwordLogin) {
    auditVisitor(deps, visitor, user, 'inloggen-mislukt', { outcome: 'error', details: 'wachtwoord-inloggen staat uit (alleen via de gemeente)' });
    return refuse({
      kind: 'password-login-off',
      message: 'Voor uw account is inloggen met een wachtwoord uitgezet. Log in via de knop hierboven.',
    });
  }
  await deps.limiter.recordSuccess(username, visitor.ip);
  if (user.hasSecondFactor) {
    auditVisitor(deps, visitor, user, 'inloggen-wachtwoord-juist', { details: 'tweede factor gevraagd' });
    return ok({ kind: 'second-factor', user });
  }
  return ok({ kind: 'signed-in', user });
}

/** The signed-in audit row, written once the session belongs to the user. */
export function auditSignedIn(deps: SignInDeps, visitor: Visitor, user: User, how: string | null): void {
  auditVisitor(deps, visitor, user, 'inloggen', how ? { details: how } : {});
}

/** The user waiting for their second factor, while that wait is fresh and the account still active. */
export function pendingUser(deps: SignInDeps, pending: { userId: number; at: string } | undefined): User | null {
  if (!pending) return null;
  const age = deps.clock.now().getTime() - new Date(pending.at).getTime();
  if (!(age >= 0 && age <= PENDING_LOGIN_MINUTES * 60_000)) return null;
  const user = findUserById(deps.db, pending.userId);
  return user?.active && user.passwordLogin ? user : null;
}

/** Which second factors the waiting user can use (what the second-step page offers). */
export function secondStepOptions(deps: SignInDeps, user: User) {
  return { totp: Boolean(findTotp(deps.db, user.id)?.secret), passkeys: listPasskeys(deps.db, user.id).length > 0 };
}

/**
 * The second step: a code from the authenticator app or a recovery code. Wrong codes count against the same
 * throttle as wrong passwords (per account and address).
 */
export async function secondFactorLogin(
  deps: SignInDeps,
  visitor: Visitor,
  user: User,
  form: Parsed<{ code: string }>,
): Promise<Result<{ user: User; how: string }, LoginRefusal>> {
  if (!form.ok) return refuse({ kind: 'invalid', errors: form.errors });
  const wait = await deps.limiter.retryAfter(user.username, visitor.ip);
  if (wait > 0) {
    auditVisitor(deps, visitor, user, 'inloggen-geblokkeerd', { outcome: 'error', details: 'tweede factor' });
    return refuse({ kind: 'throttled', wait, message: throttledMessage(wait) });
  }
  const how = checkSecondFactorCode(deps, user, form.data.code);
  if (!how) {
    await deps.limiter.recordFailure(user.username, visitor.ip);
    auditVisitor(deps, visitor, user, 'tweede-factor-mislukt', { outcome: 'error' });
    return refuse({ kind: 'wrong', message: WRONG_CODE });
  }
  await deps.limiter.recordSuccess(user.username, visitor.ip);
  return ok({ user, how: `wachtwoord + ${how}` });
}

export type PasswordChangeRefusal =
  | { kind: 'invalid'; errors: Record<string, string> }
  | { kind: 'throttled'; wait: number; message: string };

/**
 * The user changes their own password. Guessing the current password from a borrowed session counts against the
 * same limits as log-ins. Their other sessions end.
 */
export async function changeOwnPassword(
  deps: SignInDeps,
  actor: Actor,
  visitor: Visitor,
  currentSid: string,
  form: Parsed<{ current: string; next: string }>,
): Promise<Result<undefined, PasswordChangeRefusal>> {
  if (!form.ok) return invalid(form.errors);
  const user = actor.user;
  const wait = await deps.limiter.retryAfter(user.username, visitor.ip);
  if (wait > 0) {
    actor.audit('wachtwoord-wijzigen-geblokkeerd', 'toegang', { outcome: 'error' });
    return refuse({ kind: 'throttled', wait, message: throttledMessage(wait) });
  }
  const withHash = findUserByUsername(deps.db, user.username);
  if (!withHash || !(await verifyPassword(form.data.current, withHash.passwordHash))) {
    await deps.limiter.recordFailure(user.username, visitor.ip);
    actor.audit('wachtwoord-wijzigen-mislukt', 'toegang', { outcome: 'error' });
    return invalid({ current: 'Het huidige wachtwoord klopt niet' });
  }
  await deps.limiter.recordSuccess(user.username, visitor.ip);
  setPassword(deps.db, user.id, await hashPassword(form.data.next), false, actor.nowIso);
  const ended = deps.sessionStore.destroyOthersForUser(user.id, currentSid);
  actor.audit('wachtwoord-gewijzigd', 'toegang', ended ? { details: `${ended} andere sessie(s) beëindigd` } : {});
  return ok();
}
