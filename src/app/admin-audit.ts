// Functioneel beheer: the audit log, read-only, filtered and paged. Looking at it is itself audited.
import { type AuditFilter, type AuditListRow, countAudit, listAuditActions, queryAudit } from '../db/audit.js';
import { findUserByUsername } from '../db/users.js';
import { PROCESSING_ACTIVITIES } from '../domain/processing-activities.js';
import type { Actor } from './actor.js';
import { requireAdmin } from './admin.js';
import type { Deps } from './deps.js';
import { type FieldErrors, invalid, ok, type Parsed, type Result } from './result.js';

export const AUDIT_PAGE_SIZE = 50;
/**
 * The viewer counts and pages through at most this many matching rows (40 pages): the log grows with every
 * view, and a page must cost the same on a log of ten million rows as on one of ten thousand. Beyond it the
 * page says "more than" and asks for a narrower filter (user, client, action or period). Counting up to the
 * cap is the viewer's largest cost when a filter matches many rows (10,000 rows: about 1 ms of the page's 4 ms at
 * bench scale 1, where a consulent's views of one month pass 10,000), so it is 2,000, not 10,000.
 */
export const AUDIT_COUNT_CAP = 2_000;

/** The filter as the form gives it; `page` null is the first page. */
export interface AuditFilterForm {
  /** A username, typed: a list of every user would grow with the node (a national node has over a thousand). */
  user: string | null;
  client: number | null;
  action: string | null;
  from: string | null;
  to: string | null;
  page: number | null;
}

/** What the filter form offers: the actions that occur and the processing activities. */
export function loadAuditFilterOptions(deps: Deps, actor: Actor) {
  requireAdmin(actor);
  return filterOptions(deps);
}

function filterOptions(deps: Deps) {
  return {
    actionOptions: listAuditActions(deps.db).map((a) => ({ value: a, label: a })),
    activities: PROCESSING_ACTIVITIES,
  };
}

export type AuditLogPage = ReturnType<typeof filterOptions> & {
  rows: AuditListRow[];
  total: number;
  /** More rows match than `total` (= AUDIT_COUNT_CAP) counts. */
  more: boolean;
  page: number;
  pages: number;
};

/**
 * One page of the audit log under a filter (a page past the end shows the last), with the filter options.
 * `filterQuery` is the filter as typed (a URL query, '' for none): the audit row of this look records it.
 */
export function searchAuditLog(
  deps: Deps,
  actor: Actor,
  form: Parsed<AuditFilterForm>,
  filterQuery: string,
): Result<AuditLogPage, { kind: 'invalid'; errors: FieldErrors }> {
  requireAdmin(actor);
  if (!form.ok) return invalid(form.errors);
  const f = form.data;
  const user = f.user === null ? undefined : findUserByUsername(deps.db, f.user);
  if (f.user !== null && !user) return invalid({ user: `Er is geen gebruiker met de gebruikersnaam "${f.user}"` });
  const filter: AuditFilter = {
    userId: user?.id,
    clientId: f.client ?? undefined,
    action: f.action ?? undefined,
    from: f.from ?? undefined,
    to: f.to ?? undefined,
  };
  const counted = countAudit(deps.db, filter, AUDIT_COUNT_CAP);
  const more = counted > AUDIT_COUNT_CAP;
  const total = Math.min(counted, AUDIT_COUNT_CAP);
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(f.page ?? 1, pages);
  const rows = queryAudit(deps.db, { ...filter, limit: AUDIT_PAGE_SIZE, offset: (page - 1) * AUDIT_PAGE_SIZE });
  actor.audit('auditlog-bekeken', 'beheer', { details: filterQuery || 'geen filter' });
  return ok({ ...filterOptions(deps), rows, total, more, page, pages });
}
