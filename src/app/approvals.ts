import {
  APPROVAL_TABLES,
  APPROVAL_TYPES,
  type ApprovalType,
  findPendingApproval,
  listPendingApprovals,
  setApprovalStatus,
} from '../db/approvals.js';
import { findClientRef } from '../db/clients.js';
import { findConversation } from '../db/conversations.js';
import { factOfApproved } from '../db/duo.js';
import { ROUTE_LABELS, type Route } from '../domain/index.js';
import type { ProcessingActivity } from '../domain/processing-activities.js';
import { formatDate } from '../lib/format.js';
import { toId } from './access.js';
import type { Actor } from './actor.js';
import type { Deps } from './deps.js';
import { closeAfterEnd } from './conversations.js';
import { changeDossier, type DossierEvent } from './dossier-write.js';
import { recordDuoFact } from './duo.js';
import { forbidden, notFound } from './errors.js';
import { type FieldErrors, invalid, ok, type Parsed, refuse, type Result } from './result.js';

export type { ApprovalType };

/** The teamleider's decision on one item as the web layer parsed it; a rejection needs a note. */
export interface ApprovalForm {
  outcome: 'APPROVE' | 'REJECT';
  note: string | null;
}

const ACTIVITY: Record<ApprovalType, ProcessingActivity> = {
  route: 'intake',
  decision: 'voortgang',
  conversation: 'afronding',
};

const NOT_PENDING = 'Dit item bestaat niet of wacht niet meer op goedkeuring.';

/** Approving an item of a closed trajectory would change a read-only dossier; rejecting clears it from the list. */
export const CLOSED_APPROVAL =
  'Het traject van deze cliënt is afgesloten: u kunt dit niet meer goedkeuren. Keur het af met een toelichting om het van de lijst te halen.';

/** Four eyes are a teamleider's: the team whose items they decide on. */
function teamOf(actor: Actor): number {
  if (actor.user.role !== 'teamleider' || actor.user.teamId === null) throw forbidden();
  return actor.user.teamId;
}

/** The team's items waiting for approval, oldest first. */
export function loadApprovalsPage(deps: Deps, actor: Actor) {
  const items = listPendingApprovals(deps.db, teamOf(actor));
  actor.audit('goedkeuringen-bekeken', 'caseload', { details: `${items.length} open` });
  return { breadcrumbs: [{ href: '/', label: 'Team' }, { label: 'Goedkeuren' }], items };
}

const isApprovalType = (raw: unknown): raw is ApprovalType => (APPROVAL_TYPES as readonly unknown[]).includes(raw);

/** An approved route choice or PVT/MAP decision goes to DUO now (it waited for the teamleider). */
function recordApprovedFact(deps: Deps, actor: Actor, clientId: number, type: ApprovalType, id: number): void {
  const f = factOfApproved(deps.db, type, id);
  if (!f) return;
  const data = f.route ? { route: ROUTE_LABELS[f.route as Route] } : {};
  recordDuoFact(deps, actor, clientId, { fact: f.fact, factOn: f.factOn, data, refTable: f.refTable, refId: id });
}

/**
 * An approved eindgesprek held without all conditions met closes the trajectory, exactly as recording it with the
 * conditions met does (the eindgesprek is the formal close, ../shared/DOMAIN.md; src/app/conversations.ts).
 */
function closeIfEindgesprek(deps: Deps, actor: Actor, clientId: number, type: ApprovalType, id: number): DossierEvent[] {
  if (type !== 'conversation') return [];
  const c = findConversation(deps.db, clientId, id);
  if (!c || c.kind !== 'EIND') return [];
  const certificateOn = typeof c.content.certificateOn === 'string' ? c.content.certificateOn : null;
  return closeAfterEnd(deps, actor, clientId, id, { heldOn: c.heldOn, certificateOn, overrideReason: c.overrideReason });
}

/**
 * Approves or rejects one pending route choice, decision or conversation of a client of the teamleider's own team:
 * the status with who and the note, a timeline event and the client's status, in one go. Another team's item, an
 * unknown one or one already decided is not found (and nothing changes). Refusals: invalid input, and approving
 * an item of a closed trajectory (`closed`; rejecting it is allowed, to clear the list). Approving an eindgesprek
 * closes the trajectory.
 */
export function decideApproval(
  deps: Deps,
  actor: Actor,
  rawType: unknown,
  rawId: unknown,
  form: Parsed<ApprovalForm>,
): Result<{ message: string }, { kind: 'invalid'; errors: FieldErrors } | { kind: 'closed'; message: string }> {
  const teamId = teamOf(actor);
  const id = toId(rawId);
  if (!isApprovalType(rawType) || id === null) throw notFound(NOT_PENDING);
  const type = rawType;
  if (!form.ok) return invalid(form.errors);
  const { outcome, note } = form.data;
  const approve = outcome === 'APPROVE';
  const item = findPendingApproval(deps.db, type, id, teamId);
  if (!item) throw notFound(NOT_PENDING);
  if (approve && findClientRef(deps.db, item.clientId)?.closedOn) {
    actor.audit('wijziging-geweigerd-afgesloten', ACTIVITY[type], { clientId: item.clientId, outcome: 'error', details: `${type} ${id}` });
    return refuse({ kind: 'closed', message: CLOSED_APPROVAL });
  }
  const verb = approve ? 'goedgekeurd' : 'afgekeurd';
  const done = changeDossier(deps, actor, item.clientId, () => {
    if (!setApprovalStatus(deps.db, { type, id, approve, note, userId: actor.user.id })) return null;
    if (approve) recordApprovedFact(deps, actor, item.clientId, type, id);
    const approval: DossierEvent = {
      kind: 'APPROVAL',
      summary: `${item.label} ${verb} door ${actor.user.displayName}${note ? `: ${note}` : ''}`,
      refTable: APPROVAL_TABLES[type],
      refId: id,
    };
    const closing = approve ? closeIfEindgesprek(deps, actor, item.clientId, type, id) : [];
    return { value: closing[0]?.occurredOn ?? null, events: [approval, ...closing] };
  });
  if (!done) throw notFound(NOT_PENDING);
  actor.audit(approve ? 'goedgekeurd' : 'afgekeurd', ACTIVITY[type], { clientId: item.clientId, details: `${type} ${id}` });
  const closedOn = done.value;
  return ok({ message: `${item.label} is ${verb}.${closedOn ? ` Het traject is afgesloten op ${formatDate(closedOn)}.` : ''}` });
}
