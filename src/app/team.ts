import { clientsOfTeam, consulentOfClient, DEFAULT_FILTER, setClientConsulent, signalCounts } from '../db/caseload.js';
import { rulesInForce } from '../db/rules.js';
import { teamBarrierCounts } from '../db/barriers.js';
import { teamTargetGroupCounts } from '../db/target-group.js';
import { teamFigures } from '../db/team-figures.js';
import { findUserById, listConsulentenOfTeam, type User } from '../db/users.js';
import { BARRIER_KIND_LABELS, jongereBornAfter, LIGHT_MARGIN, PHASE_LABELS, ROUTE_LABELS, TARGET_GROUP_LABELS, TARGET_GROUPS } from '../domain/index.js';
import { toId } from './access.js';
import type { Actor } from './actor.js';
import { type CaseloadQuery, caseloadListFor } from './caseload.js';
import { cohortStart, teamCohortFigures, teamTargetFigures } from './stations.js';
import { keptForTeam } from '../db/team-data-version.js';
import type { Deps } from './deps.js';
import { reportPeriod, startOfYear } from './report-period.js';
import { changeDossier } from './dossier-write.js';
import { forbidden, notFound } from './errors.js';
import { type FieldErrors, invalid, ok, type Parsed, type Result } from './result.js';

/** The teamleider's own team id; anyone else is forbidden. */
function teamOf(actor: Actor): number {
  const { user } = actor;
  if (user.role !== 'teamleider' || user.teamId === null) throw forbidden();
  return user.teamId;
}

/** A consulent of the team, or not-found (another team's consulent is never revealed). */
function consulentOfTeam(deps: Deps, teamId: number, raw: unknown): User {
  const id = toId(raw);
  const user = id === null ? undefined : findUserById(deps.db, id);
  if (user?.role !== 'consulent' || user.teamId !== teamId) throw notFound('Deze consulent bestaat niet of hoort niet bij uw team.');
  return user;
}

/** One consulent's caseload for their teamleider: its size against the norm, its signal counts and the list. */
export function loadConsulentCaseloadPage(deps: Deps, actor: Actor, consulentId: unknown, query: CaseloadQuery) {
  const teamId = teamOf(actor);
  const consulent = consulentOfTeam(deps, teamId, consulentId);
  const scope = { teamId, consulentId: consulent.id };
  const cl = caseloadListFor(deps, actor, scope, `/team/consulenten/${consulent.id}`, query);
  // The list's norm is the team's, else the one of the rules in force: the norm this page measures against.
  return { consulent, norm: cl.norm, own: signalCounts(deps.db, scope, DEFAULT_FILTER, cl.sp), cl };
}

export interface ReassignForm {
  clientIds: number[];
  reason: string;
}

const NO_CONSULENT = 'Kies de consulent die de cliënten overneemt';

/**
 * Gives clients of the team to another consulent of the team, with a reason: per client the change, a timeline
 * event and the refreshed status, all clients in one transaction, then an audit row per client. Clients already
 * with that consulent are skipped (and counted in the message). `toConsulentId` is the form's choice as sent; it
 * must be an active consulent of the team. One client of another team refuses the whole request.
 */
export function reassignClients(
  deps: Deps,
  actor: Actor,
  toConsulentId: unknown,
  form: Parsed<ReassignForm>,
): Result<{ moved: number[]; message: string }, { kind: 'invalid'; errors: FieldErrors }> {
  const teamId = teamOf(actor);
  const { db } = deps;
  const chosen = typeof toConsulentId === 'number' ? String(toConsulentId) : typeof toConsulentId === 'string' ? toConsulentId : '';
  const to = listConsulentenOfTeam(db, teamId).find((c) => String(c.id) === chosen);
  if (!form.ok || !to) {
    // The messages in the order of the form: clients, consulent, reason.
    const formErrors = form.ok ? {} : form.errors;
    const errors: FieldErrors = {};
    for (const [field, message] of Object.entries(formErrors)) {
      if (field === 'clientIds' || field.startsWith('clientIds.')) errors[field] = message;
    }
    if (!to) errors.toConsulentId = NO_CONSULENT;
    return invalid(Object.assign(errors, formErrors));
  }
  const { clientIds, reason } = form.data;
  const unique = [...new Set(clientIds)];
  const ofTeam = clientsOfTeam(db, teamId, unique);
  if (ofTeam.length !== unique.length) {
    actor.audit('overdracht-geweigerd', 'caseload', { outcome: 'error', details: 'cliënt buiten het eigen team' });
    throw forbidden('Een of meer cliënten horen niet bij uw team. Er is niets overgedragen.');
  }
  const moving = ofTeam.filter((c) => c.consulentId !== to.id).map((c) => c.id);
  db.transaction(() => {
    for (const clientId of moving) {
      changeDossier(deps, actor, clientId, () => {
        const fromId = consulentOfClient(db, clientId);
        const fromName = fromId === null ? 'geen consulent' : (findUserById(db, fromId)?.displayName ?? 'onbekend');
        setClientConsulent(db, clientId, to.id, actor.nowIso);
        return {
          value: clientId,
          events: [{ kind: 'REASSIGNED', summary: `Overgedragen van ${fromName} aan ${to.displayName}: ${reason}`, refTable: 'users', refId: to.id }],
        };
      });
    }
  })();
  for (const clientId of moving) actor.audit('client-overgedragen', 'caseload', { clientId });
  const skipped = unique.length - moving.length;
  return ok({
    moved: moving,
    message:
      `${moving.length} ${moving.length === 1 ? 'cliënt is' : 'cliënten zijn'} overgedragen aan ${to.displayName}.` +
      (skipped ? ` ${skipped} ${skipped === 1 ? 'cliënt stond' : 'cliënten stonden'} al bij deze consulent.` : ''),
  });
}

/**
 * The team's key figures over a period (default: this year up to today). A period that is not valid gives no
 * figures but its messages (`errors`); the page shows the period again.
 */
export function loadTeamFiguresPage(deps: Deps, actor: Actor, period: Parsed<{ from: string | null; to: string | null }>) {
  const teamId = teamOf(actor);
  const { db } = deps;
  const today = actor.today;
  const { from, to, errors } = reportPeriod(period, startOfYear(today), today);
  const valid = Object.keys(errors).length === 0;
  actor.audit('kengetallen-bekeken', 'caseload', { details: valid ? `${from} t/m ${to}` : 'ongeldige periode' });
  return {
    errors,
    /** The period shown, or null when it was not valid. */
    period: valid ? { from, to } : null,
    figures: valid ? keptForTeam(deps.db, teamId, `figures|${from}|${to}`, () => teamFigures(db, teamId, from, to)) : null,
    /** Each target next to its figure, with the light and the last 4 quarters (issue 22). */
    targets: valid ? teamTargetFigures(deps, teamId, from, to, today) : null,
    /** The intake cohorts of the 8 quarters up to the period's end. */
    cohorts: valid ? teamCohortFigures(deps, teamId, cohortStart(to), to) : null,
    interval: rulesInForce(db, valid ? to : today).general.conversationIntervalMonths,
    /** Open barriers per kind among the team's open clients, today; "niet ingevuld" apart from "geen". */
    barriers: keptForTeam(deps.db, teamId, `barriers|${today}`, () => teamBarrierCounts(db, teamId, today)),
    /** Open clients per target group, today. */
    targetGroups: keptForTeam(deps.db, teamId, `target-groups|${today}`, () => teamTargetGroupCounts(db, teamId, jongereBornAfter(today))),
    labels: { PHASE_LABELS, ROUTE_LABELS, BARRIER_KIND_LABELS, TARGET_GROUPS, TARGET_GROUP_LABELS },
    lightMargin: LIGHT_MARGIN,
  };
}
