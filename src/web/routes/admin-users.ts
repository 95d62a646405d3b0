import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import {
  type AccountForm,
  addUser,
  changeUser,
  loadNewUserPage,
  loadUserPage,
  loadUsersPage,
  type NewUserForm,
  type PasswordShown,
  resetPassword,
  type Role,
  ROLES,
  setAccountActive,
} from '../../app/admin-users.js';
import type { Parsed } from '../../app/result.js';
import { actorOf } from '../actor.js';
import { adminOnly, formVersion, showAdminRefusal } from '../admin-conflict.js';
import type { Services } from '../services.js';
import { choice, parseInput, requiredText } from '../validation.js';

const optionalPassword = z.preprocess(
  (v) => (typeof v === 'string' ? v : ''),
  z
    .string()
    .max(200, 'Het wachtwoord mag maximaal 200 tekens zijn')
    .refine((v) => v === '' || v.length >= 12, 'Het wachtwoord moet minstens 12 tekens lang zijn (of laat het leeg)'),
);

// The team is one of the form's options (a team id, or empty for none); the use case checks that it exists.
const teamChoice = z.preprocess(
  (v) => (typeof v === 'string' ? v : Array.isArray(v) ? String(v[0] ?? '') : ''),
  z
    .string()
    .refine((v) => v === '' || /^[1-9]\d{0,14}$/.test(v), { message: 'Kies een geldig team' })
    .transform((v) => (v === '' ? null : v)),
);

const accountSchema: z.ZodType<AccountForm> = z
  .object({
    displayName: requiredText('de naam', 100),
    role: choice('een rol', ROLES as unknown as readonly [Role, ...Role[]]),
    teamId: teamChoice,
  })
  .superRefine((v, ctx) => {
    if (v.role === 'admin' && v.teamId) {
      ctx.addIssue({ code: 'custom', path: ['teamId'], message: 'Een functioneel beheerder hoort niet bij een team: kies geen team' });
    }
    if (v.role === 'aanbieder' && v.teamId) {
      ctx.addIssue({ code: 'custom', path: ['teamId'], message: 'Een gebruiker van een aanbieder hoort niet bij een team: kies geen team' });
    }
    if (v.role !== 'admin' && v.role !== 'aanbieder' && !v.teamId) {
      ctx.addIssue({ code: 'custom', path: ['teamId'], message: 'Kies het team van deze consulent of teamleider' });
    }
  });

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

/** The new-user form: log-in name and password, then name, role and team, each part checked on its own. */
function parseNewUser(body: unknown): Parsed<NewUserForm> {
  const extra = parseInput(newUserExtra, body);
  const account = parseInput(accountSchema, body);
  if (extra.ok && account.ok) return { ok: true, data: { ...extra.data, ...account.data } };
  return { ok: false, errors: { ...(extra.ok ? {} : extra.errors), ...(account.ok ? {} : account.errors) } };
}

const passwordResetSchema = z.object({ password: optionalPassword });

const crumbs = (label: string) => [
  { href: '/', label: 'Beheer' },
  { href: '/admin/users', label: 'Gebruikers' },
  { label },
];

/** Functioneel beheer: user accounts. Never deleted; deactivated users cannot log in and lose their sessions. */
export function adminUsersRouter(services: Services): Router {
  const router = Router();
  router.use(adminOnly(services));

  router.get('/', (req, res) => {
    res.render('admin/users', {
      title: 'Gebruikers',
      breadcrumbs: [{ href: '/', label: 'Beheer' }, { label: 'Gebruikers' }],
      ...loadUsersPage(services, actorOf(req, services)),
    });
  });

  function renderNew(req: Request, res: Response, values: Record<string, unknown>, errors: Record<string, string> = {}, status = 200) {
    res.status(status).render('admin/user-new', {
      title: 'Gebruiker toevoegen',
      breadcrumbs: crumbs('Gebruiker toevoegen'),
      ...loadNewUserPage(services, actorOf(req, services)),
      values,
      errors,
    });
  }

  /** The page that shows a new password once (never cached). */
  function renderPassword(res: Response, status: number, title: string, crumb: string, shown: PasswordShown) {
    res.set('Cache-Control', 'no-store');
    res.status(status).render('admin/user-password', { title, breadcrumbs: crumbs(crumb), ...shown });
  }

  router.get('/new', (req, res) => renderNew(req, res, { role: 'consulent' }));

  router.post('/new', async (req, res) => {
    const values = { ...(req.body ?? {}), password: '' }; // a typed password is never sent back
    const username = typeof req.body?.username === 'string' ? req.body.username.trim() : '';
    const result = await addUser(services, actorOf(req, services), username, parseNewUser(req.body));
    if (!result.ok) {
      showAdminRefusal(result.refusal, (status, shown) => renderNew(req, res, values, shown.errors, status));
      return;
    }
    renderPassword(res, 201, 'Gebruiker aangemaakt', 'Gebruiker aangemaakt', result.value);
  });

  type EditPage = ReturnType<typeof loadUserPage>;
  function renderEdit(req: Request, res: Response, status = 200, extra: (page: EditPage) => object = () => ({})) {
    const page = loadUserPage(services, actorOf(req, services), req.params.id);
    res.status(status).render('admin/user-edit', {
      title: `Gebruiker ${page.subject.displayName}`,
      breadcrumbs: crumbs(page.subject.displayName),
      ...page,
      errors: {},
      ...extra(page),
    });
  }

  router.get('/:id', (req, res) => renderEdit(req, res));

  router.post('/:id', (req, res) => {
    const actor = actorOf(req, services);
    const result = changeUser(services, actor, req.params.id, formVersion(req.body), parseInput(accountSchema, req.body));
    if (!result.ok) {
      // Nothing saved: the form again with what the admin typed and, after a clash, the current version.
      showAdminRefusal(result.refusal, (status, shown) =>
        renderEdit(req, res, status, (page) => ({
          values: shown.conflict ? { ...req.body, version: page.subject.version } : (req.body ?? {}),
          ...shown,
        })),
      );
      return;
    }
    req.session.flash = { kind: 'ok', message: result.value.message };
    res.redirect(303, `/admin/users/${result.value.userId}`);
  });

  router.post('/:id/active', (req, res) => {
    const actor = actorOf(req, services);
    const result = setAccountActive(services, actor, req.params.id, formVersion(req.body), req.body?.active === '1');
    if (!result.ok) {
      showAdminRefusal(result.refusal, (status, shown) => renderEdit(req, res, status, () => shown));
      return;
    }
    req.session.flash = { kind: 'ok', message: result.value.message };
    res.redirect(303, `/admin/users/${result.value.userId}`);
  });

  router.post('/:id/password', async (req, res) => {
    const actor = actorOf(req, services);
    const result = await resetPassword(services, actor, req.params.id, parseInput(passwordResetSchema, req.body));
    if (!result.ok) {
      showAdminRefusal(result.refusal, (status, shown) => renderEdit(req, res, status, () => shown));
      return;
    }
    renderPassword(res, 200, 'Tijdelijk wachtwoord ingesteld', result.value.subject.displayName, result.value);
  });

  return router;
}
