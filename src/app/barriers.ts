// The barriers register of a client (issue 21): the current status per kind, its history, and recording changes
// on its own page or at a voortgangsgesprek (see recordVoortgangsgesprek).
import { addBarrierStatus, listBarrierHistory } from '../db/barriers.js';
import {
  BARRIER_KIND_LABELS,
  BARRIER_KINDS,
  BARRIER_STATUS_LABELS,
  BARRIER_STATUSES,
  type BarrierKind,
  type BarrierStatus,
  barrierChanges,
  currentBarriers,
  NOT_FILLED_IN,
} from '../domain/index.js';
import { formatDate } from '../lib/format.js';
import type { Actor } from './actor.js';
import { closedRefusal, loadClientPage } from './client-page.js';
import type { Deps } from './deps.js';
import { loadDossierHeader } from './dossier-header.js';
import { changeDossier, type DossierEvent } from './dossier-write.js';
import { invalid, ok, type Parsed, type Result } from './result.js';

export { BARRIER_KINDS, BARRIER_STATUSES };
export type { BarrierKind, BarrierStatus };

/** Chosen statuses per kind (a kind left out or unchanged records nothing). */
export type BarrierChoice = Partial<Record<BarrierKind, BarrierStatus>>;

export interface BarrierForm {
  statusOn: string;
  statuses: BarrierChoice;
  note: string | null;
}

/** The form field of a kind's radio group. */
export const barrierField = (kind: BarrierKind) => `barrier_${kind}`;

const statusOptions = BARRIER_STATUSES.map((s) => ({ value: s, label: BARRIER_STATUS_LABELS[s] }));

/** The current statuses of a client as of `asOf`, with labels, for the barriers page and the conversation form. */
export function barrierPanel(deps: Deps, clientId: number, asOf: string) {
  const current = currentBarriers(listBarrierHistory(deps.db, clientId), asOf);
  return current.map((c) => ({
    ...c,
    field: barrierField(c.kind),
    label: BARRIER_KIND_LABELS[c.kind],
    statusLabel: c.status ? BARRIER_STATUS_LABELS[c.status] : NOT_FILLED_IN,
  }));
}

/** The form values showing the current statuses (so leaving them records nothing). */
export function barrierValues(panel: ReturnType<typeof barrierPanel>): Record<string, string> {
  return Object.fromEntries(panel.map((b) => [b.field, b.status ?? '']));
}

function summaryOf(changes: { kind: BarrierKind; status: BarrierStatus }[]): string {
  const parts = changes.map((c) => `${BARRIER_KIND_LABELS[c.kind].toLowerCase()}: ${BARRIER_STATUS_LABELS[c.status].toLowerCase()}`);
  return `Belemmeringen bijgewerkt (${parts.join('; ')})`;
}

/**
 * Inside a dossier change: records the statuses that differ from the current ones on `statusOn`, and returns the
 * timeline event (none when nothing changed).
 */
export function writeBarrierChanges(
  deps: Deps,
  actor: Actor,
  clientId: number,
  chosen: BarrierChoice,
  statusOn: string,
  note: string | null,
  conversationId: number | null,
): { changed: number; events: DossierEvent[] } {
  const changes = barrierChanges(currentBarriers(listBarrierHistory(deps.db, clientId), statusOn), chosen);
  if (changes.length === 0) return { changed: 0, events: [] };
  let first = 0;
  for (const c of changes) {
    const id = addBarrierStatus(deps.db, { clientId, ...c, statusOn, note, conversationId, userId: actor.user.id }, actor.nowIso);
    first ||= id;
  }
  return {
    changed: changes.length,
    events: [{ kind: 'BARRIERS', summary: summaryOf(changes), refTable: 'client_barriers', refId: first, occurredOn: statusOn }],
  };
}

/** The barriers page: where each kind stands today, the history, and the form. */
export function loadBarriersPage(deps: Deps, actor: Actor, clientId: unknown) {
  const page = loadClientPage(deps, actor, clientId);
  actor.audit('belemmeringen-bekeken', 'voortgang', { clientId: page.client.id });
  const panel = barrierPanel(deps, page.client.id, page.today);
  return {
    ...page,
    header: loadDossierHeader(deps, page.client.id),
    barriers: panel,
    history: listBarrierHistory(deps.db, page.client.id),
    statusOptions,
    BARRIER_KIND_LABELS,
    BARRIER_STATUS_LABELS,
    initialValues: { statusOn: page.today, ...barrierValues(panel) } as Record<string, unknown>,
  };
}

/** Records changed barrier statuses on a date; at least one must change. */
export function recordBarriers(deps: Deps, actor: Actor, clientId: unknown, form: Parsed<BarrierForm>): Result<{ changed: number }> {
  const page = loadClientPage(deps, actor, clientId);
  const closed = closedRefusal(actor, page.client, 'belemmeringen');
  if (closed) return { ok: false, refusal: closed };
  if (!form.ok) return invalid(form.errors);
  const f = form.data;
  if (f.statusOn > actor.today) return invalid({ statusOn: `De datum mag niet na vandaag (${formatDate(actor.today)}) liggen` });
  const clientIdOk = page.client.id;
  const saved = changeDossier(deps, actor, clientIdOk, () => {
    const w = writeBarrierChanges(deps, actor, clientIdOk, f.statuses, f.statusOn, f.note, null);
    return w.changed ? { value: w.changed, events: w.events } : null;
  });
  if (!saved) return invalid({ [barrierField(BARRIER_KINDS[0])]: 'Er is niets veranderd: kies bij minstens één belemmering een andere stand' });
  actor.audit('belemmeringen-vastgelegd', 'voortgang', { clientId: clientIdOk });
  return ok({ changed: saved.value });
}
