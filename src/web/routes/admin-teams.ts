import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { rulesInForce } from '../../db/rules.js';
import { createTeam, findTeam, listTeamsWithCounts, type Team, teamNameTaken, updateTeam } from '../../db/teams.js';
import { todayOf } from '../../lib/clock.js';
import type { Services } from '../app.js';
import { notFound } from '../http-errors.js';
import { requireRole } from '../middleware/auth.js';
import { idParam, optionalNumber, parseInput, requiredText } from '../validation.js';

const teamSchema = z.object({
  name: requiredText('de naam van het team', 100),
  caseloadNorm: optionalNumber('de caseloadnorm', { integer: true, min: 1, max: 1000 }),
});

/** Functioneel beheer: teams, their names and caseload norms. */
export function adminTeamsRouter(services: Services): Router {
  const { db, clock } = services;
  const router = Router();
  router.use(requireRole('admin'));
  const defaultNorm = () => rulesInForce(db, todayOf(clock)).general.caseloadNorm;
  const crumbs = (label: string) => [
    { href: '/', label: 'Beheer' },
    { href: '/admin/users', label: 'Gebruikers' },
    { href: '/admin/teams', label: 'Teams' },
    { label },
  ];

  router.get('/', (_req, res) => {
    res.render('admin/teams', {
      title: 'Teams',
      breadcrumbs: [{ href: '/', label: 'Beheer' }, { href: '/admin/users', label: 'Gebruikers' }, { label: 'Teams' }],
      teams: listTeamsWithCounts(db),
      defaultNorm: defaultNorm(),
    });
  });

  function renderForm(res: Response, team: Team | null, values: Record<string, unknown>, errors = {}, status = 200) {
    const label = team ? `Team ${team.name} wijzigen` : 'Team toevoegen';
    res.status(status).render('admin/team-form', {
      title: label,
      heading: label,
      breadcrumbs: crumbs(team ? team.name : 'Team toevoegen'),
      team,
      values,
      errors,
      defaultNorm: defaultNorm(),
    });
  }

  function save(req: Request, res: Response, team: Team | null) {
    const values = req.body ?? {};
    const parsed = parseInput(teamSchema, values);
    if (!parsed.ok) {
      renderForm(res, team, values, parsed.errors, 400);
      return;
    }
    const { name, caseloadNorm } = parsed.data;
    const id = db.transaction(() => {
      if (teamNameTaken(db, name, team?.id)) return null;
      if (team) {
        updateTeam(db, team.id, { name, caseloadNorm });
        return team.id;
      }
      return createTeam(db, name, clock.now().toISOString(), caseloadNorm);
    })();
    if (id === null) {
      renderForm(res, team, values, { name: `Er is al een team met de naam "${name}". Kies een andere naam.` }, 400);
      return;
    }
    req.audit(team ? 'team-gewijzigd' : 'team-aangemaakt', 'beheer', {
      details: `team ${id}: ${name}, caseloadnorm ${caseloadNorm ?? 'standaard'}`,
    });
    req.session.flash = { kind: 'ok', message: `Team ${name} is ${team ? 'gewijzigd' : 'aangemaakt'}.` };
    res.redirect(303, '/admin/teams');
  }

  function teamOf(raw: unknown): Team {
    const id = idParam.safeParse(raw);
    const team = id.success ? findTeam(db, id.data) : undefined;
    if (!team) throw notFound('Dit team bestaat niet.');
    return team;
  }

  router.get('/new', (_req, res) => renderForm(res, null, {}));
  router.post('/new', (req, res) => save(req, res, null));
  router.get('/:id', (req, res) => {
    const team = teamOf(req.params.id);
    renderForm(res, team, { name: team.name, caseloadNorm: team.caseloadNorm ?? '' });
  });
  router.post('/:id', (req, res) => save(req, res, teamOf(req.params.id)));

  return router;
}
