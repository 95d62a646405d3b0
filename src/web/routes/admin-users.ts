import { randomBytes } from 'node:crypto';
import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { listTeams } from '../../db/teams.js';
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
} from '../../db/users.js';
import { hashPassword } from '../../lib/passwords.js';
import { conflictFor, differences, formVersion, typed } from '../admin-conflict.js';
import type { Services } from '../services.js';
import { notFound } from '../http-errors.js';
import { requireRole } from '../middleware/auth.js';
import { choice, idParam, optionalChoice, parseInput, requiredText } from '../validation.js';

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

/** A temporary password: 16 characters from an alphabet without look-alikes (no 0/O, 1/l/I). */
export function temporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(16);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8, 12)}-${out.slice(12)}`;
}

const optionalPassword = z.preprocess(
  (v) => (typeof v === 'string' ? v : ''),
  z
    .string()
    .max(200, 'Het wachtwoord mag maximaal 200 tekens zijn')
    .refine((v) => v === '' || v.length >= 12, 'Het wachtwoord moet minstens 12 tekens lang zijn (of laat het leeg)'),
);

function accountSchema(teamIds: string[]) {
  return z
    .object({
      displayName: requiredText('de naam', 100),
      role: choice('een rol', ROLES as unknown as readonly [Role, ...Role[]]),
      teamId: optionalChoice('team', teamIds as [string, ...string[]]),
    })
    .superRefine((v, ctx) => {
      if (v.role === 'admin' && v.teamId) {
        ctx.addIssue({ code: 'custom', path: ['teamId'], message: 'Een functioneel beheerder hoort niet bij een team: kies geen team' });
      }
      if (v.role !== 'admin' && !v.teamId) {
        ctx.addIssue({ code: 'custom', path: ['teamId'], message: 'Kies het team van deze consulent of teamleider' });
      }
    });
}

const newUserExtra = z.object({
  username: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : ''),
    z
      .string()
      .min(1, 'Vul een gebruikersnaam in')
      .max(50, 'De gebruikersnaam mag maximaal 50 tekens zijn')
      .regex(/^[A-Za-z0-9._-]+$/, 'Gebruik in de gebruikersnaam alleen letters, cijfers, punt, streepje of _ (geen spaties)'),
  ),
  password: optionalPassword,
});

const passwordResetSchema = z.object({ password: optionalPassword });

/** Functioneel beheer: user accounts. Never deleted; deactivated users cannot log in and lose their sessions. */
export function adminUsersRouter(services: Services): Router {
  const { db, clock, sessionStore } = services;
  const router = Router();
  router.use(requireRole('admin'));
  const now = () => clock.now().toISOString();
  const teamOptions = () => listTeams(db).map((t) => ({ value: String(t.id), label: t.name }));
  const crumbs = (label: string) => [
    { href: '/', label: 'Beheer' },
    { href: '/admin/users', label: 'Gebruikers' },
    { label },
  ];

  function userOf(raw: unknown): User {
    const id = idParam.safeParse(raw);
    const user = id.success ? findUserById(db, id.data) : undefined;
    if (!user) throw notFound('Deze gebruiker bestaat niet.');
    return user;
  }

  router.get('/', (_req, res) => {
    res.render('admin/users', {
      title: 'Gebruikers',
      breadcrumbs: [{ href: '/', label: 'Beheer' }, { label: 'Gebruikers' }],
      users: listUsers(db),
      roleLabels: ROLE_LABELS,
    });
  });

  function renderNew(res: Response, values: Record<string, unknown>, errors: Record<string, string> = {}, status = 200) {
    res.status(status).render('admin/user-new', {
      title: 'Gebruiker toevoegen',
      breadcrumbs: crumbs('Gebruiker toevoegen'),
      roleOptions: ROLE_OPTIONS,
      teamOptions: teamOptions(),
      values,
      errors,
    });
  }

  router.get('/new', (_req, res) => renderNew(res, { role: 'consulent' }));

  router.post('/new', async (req, res) => {
    const values = { ...(req.body ?? {}), password: '' }; // a typed password is never sent back
    const teams = teamOptions().map((t) => t.value);
    const account = parseInput(accountSchema(teams), req.body);
    const extra = parseInput(newUserExtra, req.body);
    const errors = { ...(extra.ok ? {} : extra.errors), ...(account.ok ? {} : account.errors) };
    const username = typeof req.body?.username === 'string' ? req.body.username.trim() : '';
    if (!errors.username && usernameTaken(db, username)) {
      errors.username = `De gebruikersnaam "${username}" is al in gebruik. Kies een andere.`;
    }
    if (!account.ok || !extra.ok || Object.keys(errors).length) {
      renderNew(res, values, errors, 400);
      return;
    }
    const generated = extra.data.password === '';
    const password = generated ? temporaryPassword() : extra.data.password;
    const passwordHash = await hashPassword(password);
    const { displayName, role, teamId } = account.data;
    let id: number;
    try {
      id = createUser(
        db,
        { username: extra.data.username, displayName, role, teamId: teamId ? Number(teamId) : null, passwordHash, mustChangePassword: true },
        now(),
      );
    } catch (err) {
      // taken by someone else while the password was being hashed
      if ((err as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw err;
      renderNew(res, values, { username: `De gebruikersnaam "${username}" is al in gebruik. Kies een andere.` }, 400);
      return;
    }
    req.audit('gebruiker-aangemaakt', 'beheer', { details: `gebruiker ${id} (${extra.data.username}), rol ${role}` });
    res.set('Cache-Control', 'no-store');
    res.status(201).render('admin/user-password', {
      title: 'Gebruiker aangemaakt',
      breadcrumbs: crumbs('Gebruiker aangemaakt'),
      heading: `${displayName} is aangemaakt`,
      subject: findUserById(db, id),
      password: generated ? password : null,
    });
  });

  function renderEdit(req: Request, res: Response, user: User, extra: Record<string, unknown> = {}, status = 200) {
    res.status(status).render('admin/user-edit', {
      title: `Gebruiker ${user.displayName}`,
      breadcrumbs: crumbs(user.displayName),
      subject: user,
      isSelf: user.id === req.user!.id,
      openClients: countOpenClientsOf(db, user.id),
      roleOptions: ROLE_OPTIONS,
      teamOptions: teamOptions(),
      roleLabels: ROLE_LABELS,
      values: { displayName: user.displayName, role: user.role, teamId: user.teamId ? String(user.teamId) : '', version: user.version },
      errors: {},
      ...extra,
    });
  }

  router.get('/:id', (req, res) => renderEdit(req, res, userOf(req.params.id)));

  router.post('/:id', (req, res) => {
    const user = userOf(req.params.id);
    const values = req.body ?? {};
    const parsed = parseInput(accountSchema(teamOptions().map((t) => t.value)), values);
    if (!parsed.ok) {
      renderEdit(req, res, user, { values, errors: parsed.errors }, 400);
      return;
    }
    if (user.id === req.user!.id && parsed.data.role !== 'admin') {
      renderEdit(req, res, user, { values, errors: { role: 'U kunt uw eigen rol niet wijzigen; vraag een andere functioneel beheerder' } }, 400);
      return;
    }
    const teamId = parsed.data.teamId ? Number(parsed.data.teamId) : null;
    const version = formVersion(values);
    const saved =
      version !== null &&
      db.transaction(() => updateUser(db, user.id, version, { displayName: parsed.data.displayName, role: parsed.data.role, teamId }, now()))();
    if (!saved) {
      // Nothing saved: show the form again with what the admin typed, what is stored now, and the current version.
      const fresh = findUserById(db, user.id)!;
      const teamLabel = (id: unknown) => teamOptions().find((t) => t.value === typed(id))?.label ?? 'Geen team';
      const rows = differences([
        ['Naam', fresh.displayName, typed(values.displayName)],
        ['Rol', ROLE_LABELS[fresh.role], ROLE_LABELS[parsed.data.role]],
        ['Team', fresh.teamName ?? 'Geen team', teamLabel(values.teamId)],
      ]);
      refuse(req, user.id, version, fresh.version, 'wijzigen');
      renderEdit(
        req,
        res,
        fresh,
        { values: { ...values, version: fresh.version }, conflict: conflictFor(version, `de gegevens van ${fresh.displayName}`, rows) },
        version === null ? 400 : 409,
      );
      return;
    }
    const changes = [
      user.displayName !== parsed.data.displayName ? 'naam' : null,
      user.role !== parsed.data.role ? `rol ${user.role} → ${parsed.data.role}` : null,
      user.teamId !== teamId ? `team ${user.teamId ?? '-'} → ${teamId ?? '-'}` : null,
    ].filter(Boolean);
    req.audit('gebruiker-gewijzigd', 'beheer', { details: `gebruiker ${user.id}: ${changes.join(', ') || 'geen wijziging'}` });
    req.session.flash = { kind: 'ok', message: `De gegevens van ${parsed.data.displayName} zijn opgeslagen.` };
    res.redirect(303, `/admin/users/${user.id}`);
  });

  /** A refused stale (or version-less) save: audited as an error, nothing else changes. */
  function refuse(req: Request, id: number, version: number | null, current: number, action: string) {
    req.audit('gebruiker-wijziging-geweigerd', 'beheer', {
      outcome: 'error',
      details: `gebruiker ${id}: ${action} geweigerd, ${version === null ? 'geen geldige versie' : `versie ${version} verouderd`} (nu ${current})`,
    });
  }

  router.post('/:id/active', (req, res) => {
    const user = userOf(req.params.id);
    const active = req.body?.active === '1';
    if (!active && user.id === req.user!.id) {
      renderEdit(req, res, user, { errors: { _form: 'U kunt uw eigen account niet uitzetten.' } }, 400);
      return;
    }
    const version = formVersion(req.body);
    const done =
      version !== null &&
      db.transaction(() => {
        if (!setUserActive(db, user.id, version, active, now())) return false;
        if (!active) sessionStore.destroyForUser(user.id);
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
      refuse(req, user.id, version, fresh.version, active ? 'aanzetten' : 'uitzetten');
      renderEdit(
        req,
        res,
        fresh,
        {
          conflict: {
            title: version === null ? `Niet ${verb}: controleer eerst hoe het account er nu voor staat` : `Niet ${verb}: iemand anders heeft ${name} intussen gewijzigd`,
            text,
            rows: [],
          },
        },
        version === null ? 400 : 409,
      );
      return;
    }
    req.audit(active ? 'gebruiker-geactiveerd' : 'gebruiker-gedeactiveerd', 'beheer', { details: `gebruiker ${user.id}` });
    req.session.flash = {
      kind: 'ok',
      message: active
        ? `${user.displayName} kan weer inloggen.`
        : `Het account van ${user.displayName} is uitgezet: inloggen kan niet meer en open sessies zijn beëindigd.`,
    };
    res.redirect(303, `/admin/users/${user.id}`);
  });

  router.post('/:id/password', async (req, res) => {
    const user = userOf(req.params.id);
    if (user.id === req.user!.id) {
      renderEdit(req, res, user, { errors: { _form: 'Uw eigen wachtwoord wijzigt u via Wachtwoord wijzigen.' } }, 400);
      return;
    }
    const parsed = parseInput(passwordResetSchema, req.body);
    if (!parsed.ok) {
      renderEdit(req, res, user, { errors: parsed.errors }, 400);
      return;
    }
    const generated = parsed.data.password === '';
    const password = generated ? temporaryPassword() : parsed.data.password;
    setPassword(db, user.id, await hashPassword(password), true, now());
    sessionStore.destroyForUser(user.id);
    req.audit('wachtwoord-hersteld', 'beheer', { details: `gebruiker ${user.id}` });
    res.set('Cache-Control', 'no-store');
    res.render('admin/user-password', {
      title: 'Tijdelijk wachtwoord ingesteld',
      breadcrumbs: crumbs(user.displayName),
      heading: `Tijdelijk wachtwoord voor ${user.displayName}`,
      subject: findUserById(db, user.id),
      password: generated ? password : null,
    });
  });

  return router;
}
