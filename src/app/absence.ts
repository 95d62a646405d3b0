import { clientAbsence, excusedAbsenceExists, insertExcusedAbsence, listExcusedAbsences } from '../db/absence.js';
import { openCaseOf } from '../db/enforcement.js';
import { EXCUSED_REASON_KINDS, EXCUSED_REASON_LABELS, type ExcusedReasonKind, ROUTE_LABELS } from '../domain/index.js';
import { loadClient } from './access.js';
import type { Actor } from './actor.js';
import type { Deps } from './deps.js';
import { changeDossier } from './dossier-write.js';
import { monthLabel } from './labels.js';
import { invalid, ok, type Parsed, refuse, type Result } from './result.js';

/** The excused-absence form as the web layer parsed it (the last day may be left out: then one day). */
export interface ExcusedAbsenceForm {
  fromDate: string;
  toDate: string | null;
  hours: number;
  reasonKind: ExcusedReasonKind;
  note: string | null;
}

const CLOSED_EXCUSED =
  'Het inburgeringstraject van deze cliënt is afgesloten. U kunt geen geoorloofd verzuim meer vastleggen.';

/**
 * The absence page of a client: absence per month over the last six months, the excused absence recorded and
 * the open handhavingstraject, if any. `audit: false` when the page is shown again after a refused form (the
 * refusal has its own audit row, or none, as before).
 */
export function loadAbsencePage(deps: Deps, actor: Actor, clientId: unknown, options: { audit?: boolean } = {}) {
  const client = loadClient(deps, actor, clientId);
  const { db } = deps;
  const absence = clientAbsence(db, client.id, actor.today);
  if (options.audit ?? true) actor.audit('verzuim-bekeken', 'handhaving', { clientId: client.id });
  return {
    breadcrumbs: [
      { href: '/clients', label: 'Cliënten' },
      { href: `/clients/${client.id}`, label: `${client.firstName} ${client.lastName}` },
      { label: 'Verzuim' },
    ],
    client,
    absence,
    routeLabel: absence.route ? ROUTE_LABELS[absence.route] : null,
    monthLabel,
    currentPeriod: actor.today.slice(0, 7),
    excused: listExcusedAbsences(db, client.id),
    reasonLabels: EXCUSED_REASON_LABELS,
    reasonOptions: EXCUSED_REASON_KINDS.map((k) => ({ value: k, label: EXCUSED_REASON_LABELS[k] })),
    openCase: openCaseOf(db, client.id) ?? null,
    activeTab: 'enforcement',
  };
}

/**
 * Records excused absence (it does not count in the absence percentage). A closed trajectory is refused
 * before the input is looked at; the same days, hours and reason twice (a double submit) are refused.
 */
export function recordExcusedAbsence(
  deps: Deps,
  actor: Actor,
  clientId: unknown,
  form: Parsed<ExcusedAbsenceForm>,
): Result<{ id: number }> {
  const client = loadClient(deps, actor, clientId);
  if (client.closedOn) return refuse({ kind: 'closed' as const, message: CLOSED_EXCUSED });
  if (!form.ok) {
    actor.audit('geoorloofd-verzuim-vastleggen', 'handhaving', { clientId: client.id, outcome: 'error' });
    return invalid(form.errors);
  }
  const v = form.data;
  const record = { clientId: client.id, fromDate: v.fromDate, toDate: v.toDate ?? v.fromDate, hours: v.hours, reasonKind: v.reasonKind, note: v.note };
  if (excusedAbsenceExists(deps.db, record)) {
    return invalid({ _form: 'Dit geoorloofd verzuim (zelfde dagen, uren en reden) is al vastgelegd. Er is niets dubbel opgeslagen.' });
  }
  const summary = `Verzuim: ${String(v.hours).replace('.', ',')} uur geoorloofd afwezig (${EXCUSED_REASON_LABELS[v.reasonKind].toLowerCase()})`;
  const saved = changeDossier(deps, actor, client.id, () => {
    const id = insertExcusedAbsence(deps.db, record, actor.user.id, actor.nowIso);
    return {
      value: id,
      events: [{ kind: 'EXCUSED_ABSENCE', summary, refTable: 'excused_absences', refId: id, occurredOn: record.fromDate }],
    };
  })!;
  actor.audit('geoorloofd-verzuim-vastgelegd', 'handhaving', { clientId: client.id });
  return ok({ id: saved.value });
}
