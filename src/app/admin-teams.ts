// Functioneel beheer: teams, their names and caseload norms (a team without its own norm follows the rules).
import { rulesInForce } from '../db/rules.js';
import { createTeam, findTeam, listTeamsWithCounts, type Team, teamNameTaken, updateTeam } from '../db/teams.js';
import { toId } from './access.js';
import type { Actor } from './actor.js';
import { type AdminResult, type Conflict, conflictFor, differences, refusedVersion, requireAdmin, staleSave } from './admin.js';
import type { Deps } from './deps.js';
import { notFound } from './errors.js';
import { invalid, ok, type Parsed } from './result.js';

export interface TeamForm {
  name: string;
  caseloadNorm: number | null;
}

const defaultNorm = (deps: Deps, actor: Actor) => rulesInForce(deps.db, actor.today).general.caseloadNorm;

function teamOf(deps: Deps, rawId: unknown): Team {
  const id = toId(rawId);
  const team = id === null ? undefined : findTeam(deps.db, id);
  if (!team) throw notFound('Dit team bestaat niet.');
  return team;
}

/** All teams with their members, and the norm of a team without its own. */
export function loadTeamsPage(deps: Deps, actor: Actor) {
  requireAdmin(actor);
  return { teams: listTeamsWithCounts(deps.db), defaultNorm: defaultNorm(deps, actor) };
}

/** The form of a new team (`rawTeamId` null) or an existing one, with the values it starts with. */
export function loadTeamPage(deps: Deps, actor: Actor, rawTeamId: unknown) {
  requireAdmin(actor);
  const team = rawTeamId === null ? null : teamOf(deps, rawTeamId);
  return {
    team,
    heading: team ? `Team ${team.name} wijzigen` : 'Team toevoegen',
    values: team ? { name: team.name, caseloadNorm: team.caseloadNorm ?? '', version: team.version } : {},
    conflict: null as Conflict | null,
    defaultNorm: defaultNorm(deps, actor),
  };
}

/** Adds a team; a name already in use (any case) is refused. */
export function addTeam(deps: Deps, actor: Actor, form: Parsed<TeamForm>): AdminResult<{ message: string }> {
  requireAdmin(actor);
  if (!form.ok) return invalid(form.errors);
  const { name, caseloadNorm } = form.data;
  const { db } = deps;
  const id = db.transaction(() => (teamNameTaken(db, name) ? null : createTeam(db, name, actor.nowIso, caseloadNorm)))();
  if (id === null) return nameRefused(name);
  return saved(actor, 'team-aangemaakt', id, form.data, 'aangemaakt');
}

/** Renames a team or sets its norm; refused when someone else saved it after the form was loaded (`version`). */
export function changeTeam(
  deps: Deps,
  actor: Actor,
  rawTeamId: unknown,
  version: number | null,
  form: Parsed<TeamForm>,
): AdminResult<{ message: string }> {
  requireAdmin(actor);
  const team = teamOf(deps, rawTeamId);
  if (!form.ok) return invalid(form.errors);
  const { name, caseloadNorm } = form.data;
  const { db } = deps;
  const result = db.transaction((): 'taken' | 'saved' | 'stale' => {
    if (teamNameTaken(db, name, team.id)) return 'taken';
    return version !== null && updateTeam(db, team.id, version, { name, caseloadNorm }) ? 'saved' : 'stale';
  })();
  if (result === 'taken') return nameRefused(name);
  if (result === 'stale') {
    const fresh = findTeam(db, team.id)!;
    const norm = (n: number | null) => (n === null ? `Standaard (${defaultNorm(deps, actor)})` : String(n));
    const rows = differences([
      ['Naam', fresh.name, name],
      ['Caseloadnorm', norm(fresh.caseloadNorm), norm(caseloadNorm)],
    ]);
    actor.audit('team-wijziging-geweigerd', 'beheer', {
      outcome: 'error',
      details: `team ${fresh.id}: wijzigen geweigerd, ${refusedVersion(version, fresh.version)}`,
    });
    return staleSave(version, conflictFor(version, `team ${fresh.name}`, rows));
  }
  return saved(actor, 'team-gewijzigd', team.id, form.data, 'gewijzigd');
}

function nameRefused(name: string) {
  return invalid({ name: `Er is al een team met de naam "${name}". Kies een andere naam.` });
}

function saved(actor: Actor, action: string, id: number, { name, caseloadNorm }: TeamForm, done: string) {
  actor.audit(action, 'beheer', { details: `team ${id}: ${name}, caseloadnorm ${caseloadNorm ?? 'standaard'}` });
  return ok({ message: `Team ${name} is ${done}.` });
}
