import type { Role } from './users.js';
import { type Db, prepared } from './connection.js';

// Plain SQL for sign-in: the password-log-in switch, TOTP, recovery codes, passkeys and the per-role policy.
// The rules (what is accepted when) live in src/app/second-factor.ts and src/app/passkeys.ts.

export function setPasswordLogin(db: Db, userId: number, allowed: boolean, nowIso: string): void {
  db.prepare('UPDATE users SET password_login = ?, updated_at = ? WHERE id = ?').run(allowed ? 1 : 0, nowIso, userId);
}

export interface TotpState {
  secret: string | null;
  lastStep: number | null;
  enrolledAt: string | null;
}

export function findTotp(db: Db, userId: number): TotpState | undefined {
  const row = prepared(db, 'SELECT totp_secret, totp_last_step, totp_enrolled_at FROM users WHERE id = ?').get(userId) as
    | { totp_secret: string | null; totp_last_step: number | null; totp_enrolled_at: string | null }
    | undefined;
  return row && { secret: row.totp_secret, lastStep: row.totp_last_step, enrolledAt: row.totp_enrolled_at };
}

export function saveTotp(db: Db, userId: number, secret: string, step: number, nowIso: string): void {
  db.prepare('UPDATE users SET totp_secret = ?, totp_last_step = ?, totp_enrolled_at = ?, updated_at = ? WHERE id = ?').run(
    secret,
    step,
    nowIso,
    nowIso,
    userId,
  );
}

/** Records the accepted step only when it is later than the last one; false when the code was already used. */
export function advanceTotpStep(db: Db, userId: number, step: number): boolean {
  const r = prepared(
    db,
    'UPDATE users SET totp_last_step = ? WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)',
  ).run(step, userId, step);
  return r.changes === 1;
}

/** Removes every second factor of a user: TOTP, recovery codes and passkeys. */
export function clearSecondFactor(db: Db, userId: number, nowIso: string): void {
  db.prepare(
    'UPDATE users SET totp_secret = NULL, totp_last_step = NULL, totp_enrolled_at = NULL, updated_at = ? WHERE id = ?',
  ).run(nowIso, userId);
  db.prepare('DELETE FROM recovery_codes WHERE user_id = ?').run(userId);
  db.prepare('DELETE FROM passkeys WHERE user_id = ?').run(userId);
}

export function replaceRecoveryCodes(db: Db, userId: number, hashes: string[], nowIso: string): void {
  db.prepare('DELETE FROM recovery_codes WHERE user_id = ?').run(userId);
  const insert = db.prepare('INSERT INTO recovery_codes (user_id, code_hash, created_at) VALUES (?, ?, ?)');
  for (const h of hashes) insert.run(userId, h, nowIso);
}

/** Marks an unused recovery code as used; false when there is no such unused code. */
export function useRecoveryCode(db: Db, userId: number, hash: string, nowIso: string): boolean {
  const r = db
    .prepare('UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL')
    .run(nowIso, userId, hash);
  return r.changes === 1;
}

export function countUnusedRecoveryCodes(db: Db, userId: number): number {
  return db.prepare('SELECT COUNT(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL').pluck().get(userId) as number;
}

// ---- Per-role policy

export function loadSecondFactorPolicy(db: Db): Record<Role, boolean> {
  const rows = prepared(db, 'SELECT role, required FROM second_factor_policy').all() as { role: Role; required: number }[];
  const policy: Record<Role, boolean> = { consulent: false, teamleider: false, admin: false, aanbieder: false };
  for (const r of rows) policy[r.role] = r.required === 1;
  return policy;
}

export function saveSecondFactorPolicy(db: Db, policy: Record<Role, boolean>, nowIso: string): void {
  const upsert = db.prepare(
    `INSERT INTO second_factor_policy (role, required, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (role) DO UPDATE SET required = excluded.required, updated_at = excluded.updated_at`,
  );
  for (const [role, required] of Object.entries(policy)) upsert.run(role, required ? 1 : 0, nowIso);
}

// ---- Passkeys

export interface Passkey {
  id: number;
  userId: number;
  credentialId: string;
  publicKey: Uint8Array;
  counter: number;
  transports: string[];
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

interface PasskeyRow {
  id: number;
  user_id: number;
  credential_id: string;
  public_key: Buffer;
  counter: number;
  transports: string | null;
  name: string;
  created_at: string;
  last_used_at: string | null;
}

function toPasskey(r: PasskeyRow): Passkey {
  return {
    id: r.id,
    userId: r.user_id,
    credentialId: r.credential_id,
    publicKey: new Uint8Array(r.public_key),
    counter: r.counter,
    transports: r.transports ? (JSON.parse(r.transports) as string[]) : [],
    name: r.name,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
  };
}

export function listPasskeys(db: Db, userId: number): Passkey[] {
  return (db.prepare('SELECT * FROM passkeys WHERE user_id = ? ORDER BY id').all(userId) as PasskeyRow[]).map(toPasskey);
}

export function findPasskeyByCredentialId(db: Db, credentialId: string): Passkey | undefined {
  const row = db.prepare('SELECT * FROM passkeys WHERE credential_id = ?').get(credentialId) as PasskeyRow | undefined;
  return row && toPasskey(row);
}

export function insertPasskey(
  db: Db,
  p: { userId: number; credentialId: string; publicKey: Uint8Array; counter: number; transports: string[]; name: string },
  nowIso: string,
): number {
  const r = db
    .prepare(
      'INSERT INTO passkeys (user_id, credential_id, public_key, counter, transports, name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    .run(p.userId, p.credentialId, Buffer.from(p.publicKey), p.counter, JSON.stringify(p.transports), p.name, nowIso);
  return Number(r.lastInsertRowid);
}

export function markPasskeyUsed(db: Db, id: number, counter: number, nowIso: string): void {
  db.prepare('UPDATE passkeys SET counter = ?, last_used_at = ? WHERE id = ?').run(counter, nowIso, id);
}

export function deletePasskey(db: Db, userId: number, id: number): boolean {
  return db.prepare('DELETE FROM passkeys WHERE id = ? AND user_id = ?').run(id, userId).changes === 1;
}
