import { createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import {
  advanceTotpStep,
  clearSecondFactor,
  countUnusedRecoveryCodes,
  findTotp,
  listPasskeys,
  loadSecondFactorPolicy,
  replaceRecoveryCodes,
  saveSecondFactorPolicy,
  saveTotp,
  useRecoveryCode,
} from '../db/sign-in.js';
import { findUserById, ROLE_LABELS, ROLES, type Role, type User } from '../db/users.js';
import type { Actor } from './actor.js';
import type { Deps } from './deps.js';
import { forbidden, notFound } from './errors.js';
import { invalid, ok, type Parsed, refuse, type Result } from './result.js';
import type { SignInDeps } from './sign-in-context.js';

// TOTP (RFC 6238) as every authenticator app does it: SHA-1, 6 digits, 30-second steps. One step either side
// is accepted for clock drift; a step once accepted is never accepted again (no reuse within the window).
const PERIOD = 30;
const WINDOW = 1;
const ISSUER = 'Koers';
const RECOVERY_CODES = 10;

function totpFor(username: string, secretBase32: string): TOTP {
  return new TOTP({ issuer: ISSUER, label: username, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secretBase32) });
}

/** The time step a valid code belongs to, or null when the code is wrong (at `nowMs`). */
export function totpStep(username: string, secretBase32: string, code: string, nowMs: number): number | null {
  const delta = totpFor(username, secretBase32).validate({ token: code, timestamp: nowMs, window: WINDOW });
  return delta === null ? null : Math.floor(nowMs / 1000 / PERIOD) + delta;
}

/** Recovery codes: 10 random characters (50 bits) in two groups, from an alphabet without look-alikes. */
function newRecoveryCode(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  let out = '';
  for (const b of randomBytes(10)) out += alphabet[b % alphabet.length];
  return `${out.slice(0, 5)}-${out.slice(5)}`;
}

/** Codes are random and long, so a fast hash is enough (no password to stretch); spaces and case are ignored. */
export function hashRecoveryCode(code: string): string {
  const normal = code.toLowerCase().replace(/[^a-z0-9]/g, '');
  return createHash('sha256').update(`koers-recovery:${normal}`).digest('hex');
}

// ---- Policy

/** The roles the admin sets the requirement for (for the policy form). */
export const POLICY_ROLES: readonly Role[] = ROLES;

/** Whether a user signing in with a password must have a second factor: always in production, else per role. */
export function secondFactorRequired(deps: Pick<SignInDeps, 'db' | 'production'>, role: Role): boolean {
  return deps.production || loadSecondFactorPolicy(deps.db)[role];
}

/** A user who signed in with a password but has no second factor while one is required: may only enrol. */
export function mustEnrol(deps: Pick<SignInDeps, 'db' | 'production'>, user: User, authMethod: string | undefined): boolean {
  if (authMethod === 'oidc' || authMethod === 'passkey') return false;
  return !user.hasSecondFactor && secondFactorRequired(deps, user.role);
}

export function loadPolicyPage(deps: SignInDeps, actor: Actor) {
  if (actor.user.role !== 'admin') throw forbidden();
  const policy = loadSecondFactorPolicy(deps.db);
  return {
    production: deps.production,
    roles: ROLES.map((role) => ({ role, label: ROLE_LABELS[role], required: deps.production || policy[role] })),
  };
}

/** The admin sets per role whether a second factor is required. In production it cannot be switched off. */
export function setPolicy(deps: SignInDeps, actor: Actor, form: Parsed<{ required: Role[] }>): Result {
  if (actor.user.role !== 'admin') throw forbidden();
  if (!form.ok) return invalid(form.errors);
  if (deps.production) {
    actor.audit('tweede-factor-beleid-geweigerd', 'beheer', { outcome: 'error', details: 'productie: altijd verplicht' });
    return refuse({ kind: 'conflict', message: 'In productie is een tweede factor voor elk lokaal account verplicht; dat kan niet uit.' });
  }
  const policy = Object.fromEntries(ROLES.map((r) => [r, form.data.required.includes(r)])) as Record<Role, boolean>;
  saveSecondFactorPolicy(deps.db, policy, actor.nowIso);
  actor.audit('tweede-factor-beleid-gewijzigd', 'beheer', {
    details: `verplicht voor: ${form.data.required.join(', ') || 'geen rol'}`,
  });
  return ok();
}

// ---- The user's own second factor

export function loadSecondFactorPage(deps: SignInDeps, actor: Actor) {
  const totp = findTotp(deps.db, actor.user.id);
  return {
    totpEnrolledAt: totp?.enrolledAt ?? null,
    recoveryCodesLeft: countUnusedRecoveryCodes(deps.db, actor.user.id),
    passkeys: listPasskeys(deps.db, actor.user.id).map((p) => ({ id: p.id, name: p.name, createdAt: p.createdAt, lastUsedAt: p.lastUsedAt })),
    required: secondFactorRequired(deps, actor.user.role),
  };
}

/** A fresh secret for the authenticator app, its otpauth:// URI and the QR code of it as SVG (made here, no service). */
export async function startTotpEnrolment(actor: Actor, existingSecret?: string) {
  const secret = existingSecret ?? new Secret({ size: 20 }).base32;
  const uri = totpFor(actor.user.username, secret).toString();
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return { secret, uri, qrSvg: svg, secretGroups: secret.match(/.{1,4}/g)?.join(' ') ?? secret };
}

/**
 * Confirms enrolment with a code from the app: saves the secret, makes new recovery codes (shown once) and ends the
 * user's other sessions (a new factor means earlier sessions were signed in with less).
 */
export function confirmTotpEnrolment(
  deps: SignInDeps,
  actor: Actor,
  currentSid: string,
  pendingSecret: string | undefined,
  form: Parsed<{ code: string }>,
): Result<{ recoveryCodes: string[] }> {
  if (!pendingSecret) return invalid({ _form: 'De instelling is verlopen. Begin opnieuw.' });
  if (!form.ok) return invalid(form.errors);
  const step = totpStep(actor.user.username, pendingSecret, form.data.code, deps.clock.now().getTime());
  if (step === null) {
    actor.audit('tweede-factor-instellen-mislukt', 'toegang', { outcome: 'error' });
    return invalid({ code: 'Deze code klopt niet. Controleer de tijd op uw telefoon en typ de code die de app nu toont.' });
  }
  const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
  deps.db.transaction(() => {
    saveTotp(deps.db, actor.user.id, pendingSecret, step, actor.nowIso);
    replaceRecoveryCodes(deps.db, actor.user.id, codes.map(hashRecoveryCode), actor.nowIso);
  })();
  const ended = deps.sessionStore.destroyOthersForUser(actor.user.id, currentSid);
  actor.audit('tweede-factor-ingesteld', 'toegang', { details: `authenticator-app; ${ended} andere sessie(s) beëindigd` });
  return ok({ recoveryCodes: codes });
}

/** New recovery codes (the old ones stop working). */
export function renewRecoveryCodes(deps: SignInDeps, actor: Actor): Result<{ recoveryCodes: string[] }> {
  if (!findTotp(deps.db, actor.user.id)?.secret) return refuse({ kind: 'conflict', message: 'Stel eerst een authenticator-app in.' });
  const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
  replaceRecoveryCodes(deps.db, actor.user.id, codes.map(hashRecoveryCode), actor.nowIso);
  actor.audit('herstelcodes-vernieuwd', 'toegang');
  return ok({ recoveryCodes: codes });
}

/**
 * Checks a code at log-in: a TOTP code (6 digits) for a step not used before, or an unused recovery code (then used
 * up). Returns how it was proven, or null.
 */
export function checkSecondFactorCode(deps: Deps, user: User, rawCode: string): 'authenticator-app' | 'herstelcode' | null {
  const code = rawCode.replace(/\s+/g, '');
  const nowMs = deps.clock.now().getTime();
  if (/^\d{6}$/.test(code)) {
    const totp = findTotp(deps.db, user.id);
    if (!totp?.secret) return null;
    const step = totpStep(user.username, totp.secret, code, nowMs);
    return step !== null && advanceTotpStep(deps.db, user.id, step) ? 'authenticator-app' : null;
  }
  return useRecoveryCode(deps.db, user.id, hashRecoveryCode(code), new Date(nowMs).toISOString()) ? 'herstelcode' : null;
}

/** The admin removes a user's second factor (lost phone): audited, all their sessions end, they enrol again. */
export function adminResetSecondFactor(deps: SignInDeps, actor: Actor, rawUserId: unknown): Result<User> {
  if (actor.user.role !== 'admin') throw forbidden();
  const id = Number(rawUserId);
  const subject = Number.isSafeInteger(id) ? findUserById(deps.db, id) : undefined;
  if (!subject) throw notFound('Deze gebruiker bestaat niet.');
  deps.db.transaction(() => clearSecondFactor(deps.db, subject.id, actor.nowIso))();
  deps.sessionStore.destroyForUser(subject.id);
  actor.audit('tweede-factor-gereset', 'beheer', { details: `gebruiker ${subject.id}; alle sessies beëindigd` });
  return ok(subject);
}
