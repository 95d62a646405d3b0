// Functioneel beheer: user accounts. Never deleted (the audit log and dossiers name them); a deactivated user
// cannot log in and loses their sessions. An admin cannot change their own role, switch off their own account
// or reset their own password here.
import { randomBytes } from 'node:crypto';
import type { SqliteSessionStore } from '../db/session-store.js';
import { listTeams } from '../db/teams.js';
import {
  countOpenClientsOf,
  createUser,
  findUserById,
  listUsers,
  ROLE_LABELS,
  ROLES,
  type Role,
  setPassword,
  setUserActive,
  type User,
  updateUser,
  usernameTaken,
} from '../db/users.js';
import { hashPassword } from '../lib/passwords.js';
import { toId } from './access.js';
import type { Actor } from './actor.js';
import { type AdminResult, type Conflict, conflictFor, differences, refusedVersion, requireAdmin, staleSave } from './admin.js';
import type { Deps } from './deps.js';
import { notFound } from './errors.js';
import { type FieldErrors, invalid, ok, type Parsed } from './result.js';

export { ROLES, type Role };

/** The user use cases also end sessions (on deactivation and a password reset). */
export interface UserAdminDeps extends Deps {
  sessionStore: Pick<SqliteSessionStore, 'destroyForUser'>;
}

/** Name, role and team, as the new-user and edit forms give them (`teamId` as the form's option value). */
export interface AccountForm {
  displayName: string;
  role: Role;
  teamId: string | null;
}

/** A new account: `password` '' means "make a temporary one". */
export interface NewUserForm extends AccountForm {
  username: string;
  password: string;
}

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

/** A temporary password: 16 characters from an alphabet without look-alikes (no 0/O, 1/l/I). */
export function temporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(16);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8, 12)}-${out.slice(12)}`;
}

const teamOptions = (deps: Deps) => listTeams(deps.db).map((t) => ({ value: String(t.id), label: t.name }));

const usernameInUse = (username: string) => `De gebruikersnaam "${username}" is al in gebruik. Kies een andere.`;

function userOf(deps: Deps, rawId: unknown): User {
  const id = toId(rawId);
  const user = id === null ? undefined : findUserById(deps.db, id);
  if (!user) throw notFound('Deze gebruiker bestaat niet.');
  return user;
}

/** The chosen team must be one of the stored teams (the form only offers those). */
function teamError(deps: Deps, teamId: string | null): FieldErrors {
  return teamId === null || teamOptions(deps).some((t) => t.value === teamId) ? {} : { teamId: 'Kies een geldig team' };
}

export function loadUsersPage(deps: Deps, actor: Actor) {
  requireAdmin(actor);
  return { users: listUsers(deps.db), roleLabels: ROLE_LABELS };
}

export function loadNewUserPage(deps: Deps, actor: Actor) {
  requireAdmin(actor);
  return { roleOptions: ROLE_OPTIONS, teamOptions: teamOptions(deps) };
}

/** One account: its form (values as stored), whether it is the admin's own, and their open clients. */
export function loadUserPage(deps: Deps, actor: Actor, rawUserId: unknown) {
  requireAdmin(actor);
  const user = userOf(deps, rawUserId);
  const values: Record<string, unknown> = {
    displayName: user.displayName,
    role: user.role,
    teamId: user.teamId ? String(user.teamId) : '',
    version: user.version,
  };
  return {
    subject: user,
    isSelf: user.id === actor.user.id,
    openClients: countOpenClientsOf(deps.db, user.id),
    roleOptions: ROLE_OPTIONS,
    teamOptions: teamOptions(deps),
    roleLabels: ROLE_LABELS,
    values,
    conflict: null as Conflict | null,
  };
}

/** A new or reset password as its page shows it once: the temporary password only when Koers made it. */
export interface PasswordShown {
  subject: User;
  heading: string;
  password: string | null;
}

/**
 * Creates an account that must choose its own password at first log-in. `typedUsername` is the user name
 * as typed (trimmed): a name already in use is reported together with the form's other errors.
 */
export async function addUser(
  deps: Deps,
  actor: Actor,
  typedUsername: string,
  form: Parsed<NewUserForm>,
): Promise<AdminResult<PasswordShown>> {
  requireAdmin(actor);
  const errors: FieldErrors = form.ok ? teamError(deps, form.data.teamId) : { ...form.errors };
  if (!errors.username && usernameTaken(deps.db, typedUsername)) errors.username = usernameInUse(typedUsername);
  if (!form.ok || Object.keys(errors).length) return invalid(errors);
  const { username, displayName, role, teamId } = form.data;
  const generated = form.data.password === '';
  const password = generated ? temporaryPassword() : form.data.password;
  const passwordHash = await hashPassword(password);
  const { db } = deps;
  let id: number;
  try {
    const user = { username, displayName, role, teamId: teamId ? Number(teamId) : null, passwordHash, mustChangePassword: true };
    id = db.transaction(() => createUser(db, user, actor.nowIso))();
  } catch (err) {
    // taken by someone else while the password was being hashed
    if ((err as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw err;
    return invalid({ username: usernameInUse(typedUsername) });
  }
  actor.audit('gebruiker-aangemaakt', 'beheer', { details: `gebruiker ${id} (${username}), rol ${role}` });
  return ok({ subject: findUserById(db, id)!, heading: `${displayName} is aangemaakt`, password: generated ? password : null });
}

/** Changes name, role and team; refused when someone else saved the account after the form was loaded. */
export function changeUser(
  deps: Deps,
  actor: Actor,
  rawUserId: unknown,
  version: number | null,
  form: Parsed<AccountForm>,
): AdminResult<{ userId: number; message: string }> {
  requireAdmin(actor);
  const user = userOf(deps, rawUserId);
  if (!form.ok) return invalid(form.errors);
  const { displayName, role } = form.data;
  const wrongTeam = teamError(deps, form.data.teamId);
  if (wrongTeam.teamId) return invalid(wrongTeam);
  if (user.id === actor.user.id && role !== 'admin') {
    return invalid({ role: 'U kunt uw eigen rol niet wijzigen; vraag een andere functioneel beheerder' });
  }
  const teamId = form.data.teamId ? Number(form.data.teamId) : null;
  const { db } = deps;
  const saved = version !== null && db.transaction(() => updateUser(db, user.id, version, { displayName, role, teamId }, actor.nowIso))();
  if (!saved) {
    const fresh = findUserById(db, user.id)!;
    const teamLabel = (id: string | null) => teamOptions(deps).find((t) => t.value === id)?.label ?? 'Geen team';
    const rows = differences([
      ['Naam', fresh.displayName, displayName],
      ['Rol', ROLE_LABELS[fresh.role], ROLE_LABELS[role]],
      ['Team', fresh.teamName ?? 'Geen team', teamLabel(form.data.teamId)],
    ]);
    auditRefusal(actor, user.id, version, fresh.version, 'wijzigen');
    return staleSave(version, conflictFor(version, `de gegevens van ${fresh.displayName}`, rows));
  }
  const changes = [
    user.displayName !== displayName ? 'naam' : null,
    user.role !== role ? `rol ${user.role} → ${role}` : null,
    user.teamId !== teamId ? `team ${user.teamId ?? '-'} → ${teamId ?? '-'}` : null,
  ].filter(Boolean);
  actor.audit('gebruiker-gewijzigd', 'beheer', { details: `gebruiker ${user.id}: ${changes.join(', ') || 'geen wijziging'}` });
  return ok({ userId: user.id, message: `De gegevens van ${displayName} zijn opgeslagen.` });
}

/**
 * Switches an account off (it can no longer log in and its sessions end at once) or back on. Refused when
 * the page it was chosen on is stale (`version`), or for the admin's own account.
 */
export function setAccountActive(
  deps: UserAdminDeps,
  actor: Actor,
  rawUserId: unknown,
  version: number | null,
  active: boolean,
): AdminResult<{ userId: number; message: string }> {
  requireAdmin(actor);
  const user = userOf(deps, rawUserId);
  if (!active && user.id === actor.user.id) return invalid({ _form: 'U kunt uw eigen account niet uitzetten.' });
  const { db } = deps;
  const done =
    version !== null &&
    db.transaction(() => {
      if (!setUserActive(db, user.id, version, active, actor.nowIso)) return false;
      if (!active) deps.sessionStore.destroyForUser(user.id);
      return true;
    })();
  if (!done) {
    const fresh = findUserById(db, user.id)!;
    const verb = active ? 'aangezet' : 'uitgezet';
    const button = active ? 'Account weer aanzetten' : 'Account uitzetten';
    const name = fresh.displayName;
    const text =
      fresh.active === active
        ? `Het account van ${name} is intussen al ${verb}. U hoeft niets meer te doen.`
        : version === null
          ? `Koers kon niet nagaan of u de laatste gegevens van ${name} zag. Er is niets gewijzigd. Controleer hieronder hoe het account er nu voor staat en kies zo nodig opnieuw ‘${button}’.`
          : `Nadat u deze pagina opende, heeft een andere beheerder de gegevens van ${name} gewijzigd. Er is niets gewijzigd. Controleer hieronder hoe het account er nu voor staat en kies zo nodig opnieuw ‘${button}’.`;
    auditRefusal(actor, user.id, version, fresh.version, active ? 'aanzetten' : 'uitzetten');
    return staleSave(version, {
      title: version === null ? `Niet ${verb}: controleer eerst hoe het account er nu voor staat` : `Niet ${verb}: iemand anders heeft ${name} intussen gewijzigd`,
      text,
      rows: [],
    });
  }
  actor.audit(active ? 'gebruiker-geactiveerd' : 'gebruiker-gedeactiveerd', 'beheer', { details: `gebruiker ${user.id}` });
  return ok({
    userId: user.id,
    message: active
      ? `${user.displayName} kan weer inloggen.`
      : `Het account van ${user.displayName} is uitgezet: inloggen kan niet meer en open sessies zijn beëindigd.`,
  });
}

/**
 * Sets a temporary password (typed, or made by Koers when `password` is ''): the old one stops working, open
 * sessions end, and the user must choose their own at the next log-in.
 */
export async function resetPassword(
  deps: UserAdminDeps,
  actor: Actor,
  rawUserId: unknown,
  form: Parsed<{ password: string }>,
): Promise<AdminResult<PasswordShown>> {
  requireAdmin(actor);
  const user = userOf(deps, rawUserId);
  if (user.id === actor.user.id) return invalid({ _form: 'Uw eigen wachtwoord wijzigt u via Wachtwoord wijzigen.' });
  if (!form.ok) return invalid(form.errors);
  const generated = form.data.password === '';
  const password = generated ? temporaryPassword() : form.data.password;
  const passwordHash = await hashPassword(password);
  const { db } = deps;
  db.transaction(() => {
    setPassword(db, user.id, passwordHash, true, actor.nowIso);
    deps.sessionStore.destroyForUser(user.id);
  })();
  actor.audit('wachtwoord-hersteld', 'beheer', { details: `gebruiker ${user.id}` });
  return ok({ subject: findUserById(db, user.id)!, heading: `Tijdelijk wachtwoord voor ${user.displayName}`, password: generated ? password : null });
}

/** A refused stale (or version-less) save: audited as an error, nothing else changes. */
function auditRefusal(actor: Actor, id: number, version: number | null, current: number, action: string) {
  actor.audit('gebruiker-wijziging-geweigerd', 'beheer', {
    outcome: 'error',
    details: `gebruiker ${id}: ${action} geweigerd, ${refusedVersion(version, current)}`,
  });
}
