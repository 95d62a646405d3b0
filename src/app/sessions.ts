import { createHash } from 'node:crypto';
import { setPasswordLogin } from '../db/sign-in.js';
import { findUserById, type User } from '../db/users.js';
import type { Actor } from './actor.js';
import { forbidden, notFound } from './errors.js';
import { ok, refuse, type Result } from './result.js';
import type { SignInDeps } from './sign-in-context.js';

/**
 * A session as its owner sees it. The session id itself never leaves the server: pages name a session by a hash of
 * it (`handle`), which cannot be turned back into a cookie.
 */
export interface SessionView {
  handle: string;
  device: string;
  method: string;
  since: string | null;
  lastActive: string;
  current: boolean;
}

const METHOD_LABELS: Record<string, string> = {
  password: 'Wachtwoord',
  oidc: 'Via de gemeente (single sign-on)',
  passkey: 'Passkey',
};

export function sessionHandle(sid: string): string {
  return createHash('sha256').update(`koers-session:${sid}`).digest('base64url').slice(0, 22);
}

/** "Firefox op Windows": the browser and system from a User-Agent header, roughly, for people to recognise. */
export function describeDevice(userAgent: string | undefined): string {
  const ua = userAgent ?? '';
  if (!ua) return 'Onbekend apparaat';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /(Chrome|Chromium|HeadlessChrome)\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : null;
  const system = /Windows/.test(ua)
    ? 'Windows'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Mac OS X/.test(ua)
        ? 'macOS'
        : /Android/.test(ua)
          ? 'Android'
          : /Linux/.test(ua)
            ? 'Linux'
            : null;
  if (browser && system) return `${browser} op ${system}`;
  return browser ?? system ?? ua.slice(0, 60);
}

function viewsOf(deps: SignInDeps, userId: number, currentSid: string | null): SessionView[] {
  return deps.sessionStore.listForUser(userId).map(({ sid, data, expiresAt }) => {
    // A session's expiry is its last request plus the idle time-out (within the store's touch slack).
    const idleMs = data.cookie?.originalMaxAge ?? 30 * 60_000;
    return {
      handle: sessionHandle(sid),
      device: describeDevice(data.userAgent),
      method: METHOD_LABELS[data.authMethod ?? 'password'] ?? 'Wachtwoord',
      since: data.since ?? null,
      lastActive: new Date(expiresAt - idleMs).toISOString(),
      current: sid === currentSid,
    };
  });
}

/** "Mijn sessies": the user's live sessions, this one first. */
export function loadMySessions(deps: SignInDeps, actor: Actor, currentSid: string) {
  const sessions = viewsOf(deps, actor.user.id, currentSid).sort((a, b) => Number(b.current) - Number(a.current));
  return { sessions };
}

/** Ends one of the user's other sessions (named by its handle). */
export function endMySession(deps: SignInDeps, actor: Actor, currentSid: string, handle: unknown): Result<undefined> {
  const target = deps.sessionStore.listForUser(actor.user.id).find((s) => sessionHandle(s.sid) === handle);
  if (!target) return refuse({ kind: 'conflict', message: 'Deze sessie bestaat niet meer.' });
  if (target.sid === currentSid) return refuse({ kind: 'conflict', message: 'Uw huidige sessie beëindigt u met Uitloggen.' });
  deps.sessionStore.destroy(target.sid);
  actor.audit('sessie-beeindigd', 'toegang', { details: `eigen sessie ${describeDevice(target.data.userAgent)}` });
  return ok();
}

/** Ends all of the user's sessions except this one. */
export function endMyOtherSessions(deps: SignInDeps, actor: Actor, currentSid: string): Result<number> {
  const ended = deps.sessionStore.destroyOthersForUser(actor.user.id, currentSid);
  actor.audit('sessies-beeindigd', 'toegang', { details: `${ended} andere sessie(s) van zichzelf` });
  return ok(ended);
}

function subjectOf(deps: SignInDeps, actor: Actor, rawUserId: unknown): User {
  if (actor.user.role !== 'admin') throw forbidden();
  const id = Number(rawUserId);
  const subject = Number.isSafeInteger(id) && id > 0 ? findUserById(deps.db, id) : undefined;
  if (!subject) throw notFound('Deze gebruiker bestaat niet.');
  return subject;
}

/** The admin's view of a user's sessions (count and last activity; on the user's edit page). */
export function loadUserSessions(deps: SignInDeps, actor: Actor, rawUserId: unknown) {
  const subject = subjectOf(deps, actor, rawUserId);
  return { subject, sessions: viewsOf(deps, subject.id, null) };
}

/** The admin ends every session of a user (e.g. a lost laptop). */
export function adminEndSessions(deps: SignInDeps, actor: Actor, rawUserId: unknown): Result<{ subject: User; ended: number }> {
  const subject = subjectOf(deps, actor, rawUserId);
  const ended = deps.sessionStore.listForUser(subject.id).length;
  deps.sessionStore.destroyForUser(subject.id);
  actor.audit('sessies-beeindigd', 'beheer', { details: `gebruiker ${subject.id}: ${ended} sessie(s) beëindigd` });
  return ok({ subject, ended });
}

/** The admin allows or stops password log-in for a user (who then signs in only through the IdP). */
export function adminSetPasswordLogin(
  deps: SignInDeps,
  actor: Actor,
  rawUserId: unknown,
  allowed: boolean,
): Result<User> {
  const subject = subjectOf(deps, actor, rawUserId);
  if (subject.id === actor.user.id && !allowed) {
    return refuse({ kind: 'conflict', message: 'U kunt wachtwoord-inloggen niet voor uw eigen account uitzetten.' });
  }
  setPasswordLogin(deps.db, subject.id, allowed, actor.nowIso);
  // Sessions signed in with the password end with it; single sign-on sessions stay.
  if (!allowed) {
    for (const s of deps.sessionStore.listForUser(subject.id)) if (s.data.authMethod !== 'oidc') deps.sessionStore.destroy(s.sid);
  }
  actor.audit('wachtwoord-inloggen-gewijzigd', 'beheer', {
    details: `gebruiker ${subject.id}: wachtwoord-inloggen ${allowed ? 'aan' : 'uit (alleen via de gemeente)'}`,
  });
  return ok(subject);
}
