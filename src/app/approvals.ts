import {
  APPROVAL_TABLES,
  APPROVAL_TYPES,
  type ApprovalType,
  findPendingApproval,
  listPendingApprovals,
  setApprovalStatus,
} from '../db/approvals.js';
import type { ProcessingActivity } from '../domain/processing-activities.js';
import { toId } from './access.js';
import type { Actor } from './actor.js';
import type { Deps } from './deps.js';
import { changeDossier } from './dossier-write.js';
import { forbidden, notFound } from './errors.js';
import { type FieldErrors, invalid, ok, type Parsed, type Result } from './result.js';

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

/**
 * Approves or rejects one pending route choice, decision or conversation of a client of the teamleider's own team:
 * the status with who and the note, a timeline event and the client's status, in one go. Another team's item, an
 * unknown one or one already decided is not found (and nothing changes). The only refusal is invalid input. Like
 * before, a pending item of a closed dossier can still be decided.
 */
export function decideApproval(
  deps: Deps,
  actor: Actor,
  rawType: unknown,
  rawId: unknown,
  form: Parsed<ApprovalForm>,
): Result<{ message: string }, { kind: 'invalid'; errors: FieldErrors }> {
  const teamId = teamOf(actor);
  const id = toId(rawId);
  if (!isApprovalType(rawType) || id === null) throw notFound(NOT_PENDING);
  const type = rawType;
  if (!form.ok) return invalid(form.errors);
  const { outcome, note } = form.data;
  const approve = outcome === 'APPROVE';
  const item = findPendingApproval(deps.db, type, id, teamId);
  if (!item) throw notFound(NOT_PENDING);
  const verb = approve ? 'goedgekeurd' : 'afgekeurd';
  const done = changeDossier(deps, actor, item.clientId, () =>
    setApprovalStatus(deps.db, { type, id, approve, note, userId: actor.user.id })
      ? {
          value: item,
          events: [
            {
              kind: 'APPROVAL',
              summary: `${item.label} ${verb} door ${actor.user.displayName}${note ? `: ${note}` : ''}`,
              refTable: APPROVAL_TABLES[type],
              refId: id,
            },
          ],
        }
      : null,
  );
  if (!done) throw notFound(NOT_PENDING);
  actor.audit(approve ? 'goedgekeurd' : 'afgekeurd', ACTIVITY[type], { clientId: item.clientId, details: `${type} ${id}` });
  return ok({ message: `${item.label} is ${verb}.` });
}
