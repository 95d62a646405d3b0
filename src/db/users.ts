import { type Db, prepared, preparedRows } from './connection.js';

export type Role = 'consulent' | 'teamleider' | 'admin' | 'aanbieder';
export const ROLES: readonly Role[] = ['consulent', 'teamleider', 'admin', 'aanbieder'];
export const ROLE_LABELS: Record<Role, string> = {
  consulent: 'Consulent',
  teamleider: 'Teamleider',
  admin: 'Functioneel beheerder',
  aanbieder: 'Aanbieder (taalschool, participatie)',
};

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  teamId: number | null;
  teamName: string | null;
  active: boolean;
  mustChangePassword: boolean;
  version: number;
  /** False: this user signs in only through single sign-on (OpenID Connect). */
  passwordLogin: boolean;
  /** Has an authenticator app (TOTP) or at least one passkey as a second factor. */
  hasSecondFactor: boolean;
}

export interface UserWithHash extends User {
  passwordHash: string;
}

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  team_id: number | null;
  team_name: string | null;
  active: number;
  must_change_password: number;
  version: number;
  password_hash: string;
  password_login: number;
  has_second_factor: number;
}

const SELECT = `SELECT u.id, u.username, u.display_name, u.role, u.team_id, t.name AS team_name, u.active,
  u.must_change_password, u.version, u.password_hash, u.password_login,
  (u.totp_secret IS NOT NULL OR EXISTS (SELECT 1 FROM passkeys p WHERE p.user_id = u.id)) AS has_second_factor
  FROM users u LEFT JOIN teams t ON t.id = u.team_id`;

function toUser(row: UserRow): UserWithHash {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    teamId: row.team_id,
    teamName: row.team_name,
    active: row.active === 1,
    mustChangePassword: row.must_change_password === 1,
    version: row.version,
    passwordLogin: row.password_login === 1,
    hasSecondFactor: row.has_second_factor === 1,
    passwordHash: row.password_hash,
  };
}

function withoutHash({ passwordHash: _ignored, ...user }: UserWithHash): User {
  return user;
}

export function findUserByUsername(db: Db, username: string): UserWithHash | undefined {
  const row = prepared(db, `${SELECT} WHERE u.username = ?`).get(username) as UserRow | undefined;
  return row && toUser(row);
}

export function findUserById(db: Db, id: number): User | undefined {
  const row = preparedRows<UserRow>(db, `${SELECT} WHERE u.id = ?`).get(id);
  return row && withoutHash(toUser(row));
}

export function listUsers(db: Db): User[] {
  const rows = db.prepare(`${SELECT} ORDER BY u.active DESC, u.display_name`).all() as UserRow[];
  return rows.map((r) => withoutHash(toUser(r)));
}

/** Active consulenten of a team, for assignment pickers. */
export function listConsulentenOfTeam(db: Db, teamId: number): User[] {
  const rows = prepared(
    db,
    `${SELECT} WHERE u.team_id = ? AND u.role = 'consulent' AND u.active = 1 ORDER BY u.display_name`,
  ).all(teamId) as UserRow[];
  return rows.map((r) => withoutHash(toUser(r)));
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  teamId: number | null;
  passwordHash: string;
  mustChangePassword?: boolean;
}

export function createUser(db: Db, user: NewUser, nowIso: string): number {
  const result = db
    .prepare(
      `INSERT INTO users (username, display_name, role, team_id, password_hash, must_change_password, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      user.username,
      user.displayName,
      user.role,
      user.teamId,
      user.passwordHash,
      user.mustChangePassword ? 1 : 0,
      nowIso,
      nowIso,
    );
  return Number(result.lastInsertRowid);
}

/**
 * Does not bump `version`: the version guards what an admin edits (name, role, team, active), and a user
 * choosing their own password must not make an admin's open edit form stale.
 */
export function setPassword(db: Db, userId: number, passwordHash: string, mustChange: boolean, nowIso: string): void {
  db.prepare('UPDATE users SET password_hash = ?, must_change_password = ?, updated_at = ? WHERE id = ?').run(
    passwordHash,
    mustChange ? 1 : 0,
    nowIso,
    userId,
  );
}

export function countUsers(db: Db): number {
  return db.prepare('SELECT COUNT(*) FROM users').pluck().get() as number;
}

export function usernameTaken(db: Db, username: string, exceptId?: number): boolean {
  // username is COLLATE NOCASE, so this ignores case like the UNIQUE constraint does
  return db.prepare('SELECT 1 FROM users WHERE username = ? AND id != ?').get(username.trim(), exceptId ?? 0) !== undefined;
}

/** Updates when the row still has `version`; false when someone else changed it meanwhile. */
export function updateUser(
  db: Db,
  id: number,
  version: number,
  v: { displayName: string; role: Role; teamId: number | null },
  nowIso: string,
): boolean {
  const r = db
    .prepare(
      'UPDATE users SET display_name = ?, role = ?, team_id = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?',
    )
    .run(v.displayName, v.role, v.teamId, nowIso, id, version);
  return r.changes === 1;
}

/**
 * Deactivated users cannot log in; they are never deleted (the audit log and dossiers name them).
 * False when the row no longer has `version`.
 */
export function setUserActive(db: Db, id: number, version: number, active: boolean, nowIso: string): boolean {
  const r = db
    .prepare('UPDATE users SET active = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?')
    .run(active ? 1 : 0, nowIso, id, version);
  return r.changes === 1;
}

/** Open (not closed) clients assigned to a consulent: shown before deactivating or moving them. */
export function countOpenClientsOf(db: Db, userId: number): number {
  return db.prepare('SELECT COUNT(*) FROM clients WHERE consulent_id = ? AND closed_on IS NULL').pluck().get(userId) as number;
}
