import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { rulesInForce } from '../../db/rules.js';
import { createTeam, findTeam, listTeamsWithCounts, type Team, teamNameTaken, updateTeam } from '../../db/teams.js';
import { todayOf } from '../../lib/clock.js';
import { type Conflict, conflictFor, differences, formVersion, typed } from '../admin-conflict.js';
import type { Services } from '../services.js';
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

  function renderForm(
    res: Response,
    team: Team | null,
    values: Record<string, unknown>,
    errors = {},
    status = 200,
    conflict: Conflict | null = null,
  ) {
    const label = team ? `Team ${team.name} wijzigen` : 'Team toevoegen';
    res.status(status).render('admin/team-form', {
      title: label,
      heading: label,
      breadcrumbs: crumbs(team ? team.name : 'Team toevoegen'),
      team,
      values,
      errors,
      conflict,
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
    const version = team ? formVersion(values) : null;
    const id = db.transaction((): number | 'taken' | 'stale' => {
      if (teamNameTaken(db, name, team?.id)) return 'taken';
      if (team) {
        return version !== null && updateTeam(db, team.id, version, { name, caseloadNorm }) ? team.id : 'stale';
      }
      return createTeam(db, name, clock.now().toISOString(), caseloadNorm);
    })();
    if (id === 'taken') {
      renderForm(res, team, values, { name: `Er is al een team met de naam "${name}". Kies een andere naam.` }, 400);
      return;
    }
    if (id === 'stale') {
      // Nothing saved: the form again with what the admin typed, what is stored now, and the current version.
      const fresh = findTeam(db, team!.id)!;
      const norm = (n: number | null) => (n === null ? `Standaard (${defaultNorm()})` : String(n));
      const rows = differences([
        ['Naam', fresh.name, typed(values.name)],
        ['Caseloadnorm', norm(fresh.caseloadNorm), norm(caseloadNorm)],
      ]);
      req.audit('team-wijziging-geweigerd', 'beheer', {
        outcome: 'error',
        details: `team ${fresh.id}: wijzigen geweigerd, ${version === null ? 'geen geldige versie' : `versie ${version} verouderd`} (nu ${fresh.version})`,
      });
      renderForm(
        res,
        fresh,
        { ...values, version: fresh.version },
        {},
        version === null ? 400 : 409,
        conflictFor(version, `team ${fresh.name}`, rows),
      );
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
    renderForm(res, team, { name: team.name, caseloadNorm: team.caseloadNorm ?? '', version: team.version });
  });
  router.post('/:id', (req, res) => save(req, res, teamOf(req.params.id)));

  return router;
}
