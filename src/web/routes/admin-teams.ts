import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { addTeam, changeTeam, loadTeamPage, loadTeamsPage, type TeamForm } from '../../app/admin-teams.js';
import { actorOf } from '../actor.js';
import { adminOnly, formVersion, showAdminRefusal } from '../admin-conflict.js';
import type { Services } from '../services.js';
import { optionalNumber, parseInput, requiredText } from '../validation.js';

const teamSchema: z.ZodType<TeamForm> = z.object({
  name: requiredText('de naam van het team', 100),
  caseloadNorm: optionalNumber('de caseloadnorm', { integer: true, min: 1, max: 1000 }),
});

const crumbs = (label: string) => [
  { href: '/', label: 'Beheer' },
  { href: '/admin/users', label: 'Gebruikers' },
  { href: '/admin/teams', label: 'Teams' },
  { label },
];

/** Functioneel beheer: teams, their names and caseload norms. */
export function adminTeamsRouter(services: Services): Router {
  const router = Router();
  router.use(adminOnly(services));

  router.get('/', (req, res) => {
    res.render('admin/teams', {
      title: 'Teams',
      breadcrumbs: [{ href: '/', label: 'Beheer' }, { href: '/admin/users', label: 'Gebruikers' }, { label: 'Teams' }],
      ...loadTeamsPage(services, actorOf(req, services)),
    });
  });

  type FormPage = ReturnType<typeof loadTeamPage>;
  function renderForm(req: Request, res: Response, teamId: unknown, status = 200, extra: (page: FormPage) => object = () => ({})) {
    const page = loadTeamPage(services, actorOf(req, services), teamId);
    res.status(status).render('admin/team-form', {
      title: page.heading,
      breadcrumbs: crumbs(page.team ? page.team.name : 'Team toevoegen'),
      ...page,
      errors: {},
      ...extra(page),
    });
  }

  router.get('/new', (req, res) => renderForm(req, res, null));

  router.post('/new', (req, res) => {
    const result = addTeam(services, actorOf(req, services), parseInput(teamSchema, req.body));
    if (!result.ok) {
      showAdminRefusal(result.refusal, (status, shown) => renderForm(req, res, null, status, () => ({ values: req.body ?? {}, ...shown })));
      return;
    }
    req.session.flash = { kind: 'ok', message: result.value.message };
    res.redirect(303, '/admin/teams');
  });

  router.get('/:id', (req, res) => renderForm(req, res, req.params.id));

  router.post('/:id', (req, res) => {
    const actor = actorOf(req, services);
    const result = changeTeam(services, actor, req.params.id, formVersion(req.body), parseInput(teamSchema, req.body));
    if (!result.ok) {
      // A stale save shows what the admin typed (not lost) with the stored version, so a second save is deliberate.
      showAdminRefusal(result.refusal, (status, shown) =>
        renderForm(req, res, req.params.id, status, (page) => ({
          values: shown.conflict ? { ...req.body, version: page.team!.version } : (req.body ?? {}),
          ...shown,
        })),
      );
      return;
    }
    req.session.flash = { kind: 'ok', message: result.value.message };
    res.redirect(303, '/admin/teams');
  });

  return router;
}
