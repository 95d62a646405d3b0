import {
  deleteHour,
  findHour,
  type HourEntry,
  type HourInput,
  hourHistory,
  insertHour,
  listActivityKinds,
  listHours,
  listProviders,
  updateHour,
} from '../db/hours.js';
import { findPlacement, hourKindOfPlacement, PLACEMENT_KIND_LABELS, placementsForHours } from '../db/placements.js';
import { HOUR_KINDS, type HourKind } from '../db/progress.js';
import { formatDate, formatHours } from '../lib/format.js';
import { toId } from './access.js';
import type { Actor } from './actor.js';
import { type ClientPage, closedRefusal, loadClientPage } from './client-page.js';
import type { Deps } from './deps.js';
import { changeDossier, type DossierEvent } from './dossier-write.js';
import { conflict, notFound } from './errors.js';
import { absencePct, hourBars } from './hour-bars.js';
import { HOUR_KIND_LABELS, HOUR_SOURCE_LABELS } from './labels.js';
import { type FieldErrors, invalid, ok, type Parsed, type Result, stale } from './result.js';

/** The kinds of hours, for the form's schema. */
export { HOUR_KINDS };
export type { HourKind };

/** The hour form as the web layer parsed it; the kind may be left out when a placement gives it. */
export interface HourForm extends Omit<HourInput, 'kind' | 'placementId'> {
  kind: HourKind | null;
  placementId: number | null;
}

export function describeHours(e: Pick<HourInput, 'hours' | 'kind' | 'periodStart' | 'periodEnd'>): string {
  return `${formatHours(e.hours)} uur ${HOUR_KIND_LABELS[e.kind].toLowerCase()} (${formatDate(e.periodStart)} t/m ${formatDate(e.periodEnd)})`;
}

function hoursEvent(summary: string, id: number): DossierEvent {
  return { kind: 'HOURS', summary, refTable: 'hour_entries', refId: id };
}

function placementOptions(deps: Deps, clientId: number, includeId: number | null) {
  return placementsForHours(deps.db, clientId, includeId).map((p) => ({
    value: p.id,
    label: `${PLACEMENT_KIND_LABELS[p.kind]} bij ${p.organisation}`,
  }));
}

/** The hours page of a client: entries, bars against the norms, and the lists of the add form. */
export function loadHoursPage(deps: Deps, actor: Actor, clientId: unknown) {
  const page = loadClientPage(deps, actor, clientId);
  const { db } = deps;
  actor.audit('uren-bekeken', 'voortgang', { clientId: page.client.id });
  return {
    ...page,
    entries: listHours(db, page.client.id),
    bars: hourBars(page.eligibility),
    activityKinds: listActivityKinds(db),
    providers: listProviders(db),
    placements: placementOptions(deps, page.client.id, null),
    kindLabels: HOUR_KIND_LABELS,
    sourceLabels: HOUR_SOURCE_LABELS,
    absencePct,
  };
}

function loadEntry(deps: Deps, page: ClientPage, rawId: unknown): HourEntry {
  const id = toId(rawId);
  const entry = id === null ? undefined : findHour(deps.db, page.client.id, id);
  if (!entry) throw notFound('Deze urenregel bestaat niet.');
  return entry;
}

/** The edit page of one hour entry with its history. */
export function loadHourEditPage(deps: Deps, actor: Actor, clientId: unknown, hourId: unknown) {
  const page = loadClientPage(deps, actor, clientId);
  const entry = loadEntry(deps, page, hourId);
  const { db } = deps;
  actor.audit('urenregel-bekeken', 'voortgang', { clientId: page.client.id });
  return {
    ...page,
    entry,
    history: hourHistory(db, entry.id),
    activityKinds: listActivityKinds(db, entry.activityKindId),
    providers: listProviders(db, entry.providerId),
    placements: placementOptions(deps, page.client.id, entry.placementId ?? null),
    kindLabels: HOUR_KIND_LABELS,
    sourceLabels: HOUR_SOURCE_LABELS,
  };
}

/** The form values of a stored entry, as the edit form shows them. */
export function hourEntryValues(e: HourEntry): Record<string, unknown> {
  return {
    kind: e.kind,
    activityKindId: e.activityKindId ?? '',
    periodStart: e.periodStart,
    periodEnd: e.periodEnd,
    hours: formatHours(e.hours).replace(/\./g, ''),
    plannedHours: e.plannedHours === null ? '' : formatHours(e.plannedHours).replace(/\./g, ''),
    providerId: e.providerId ?? '',
    organisation: e.organisation ?? '',
    note: e.note ?? '',
    placementId: e.placementId ?? '',
    version: e.version,
  };
}

/**
 * The rules of an hour entry that need today and the stored lists: hours made at a participation placement take
 * their kind from the placement (paid work or participation); participation needs an activity kind unless a
 * placement says what it was; list entries must exist.
 */
export function checkHourForm(deps: Deps, clientId: number, today: string, form: Parsed<HourForm>): Result<HourInput> {
  if (!form.ok) return invalid(form.errors);
  const d = form.data;
  const { db } = deps;
  const placement = d.placementId === null ? undefined : findPlacement(db, clientId, d.placementId);
  const kind = placement ? hourKindOfPlacement(placement.kind) : d.kind;
  const errors: FieldErrors = {};
  if (kind === null) errors.kind = 'Kies een soort uren';
  if (d.periodEnd < d.periodStart) errors.periodEnd = 'De einddatum mag niet voor de begindatum liggen';
  else if (d.periodEnd > today) errors.periodEnd = `De einddatum mag niet na vandaag (${formatDate(today)}) liggen`;
  if (d.plannedHours !== null && d.plannedHours < d.hours) {
    errors.plannedHours = 'Het aantal geplande uren mag niet kleiner zijn dan het aantal gevolgde uren';
  }
  if (d.placementId !== null && !placement) errors.placementId = 'Kies een plaats uit de lijst';
  let activityKindId: number | null = null;
  if (kind === 'PARTICIPATION' && !(placement && d.activityKindId === null)) {
    if (d.activityKindId === null) errors.activityKindId = 'Kies de activiteit: die is verplicht bij participatie';
    else if (!listActivityKinds(db, d.activityKindId).some((k) => k.id === d.activityKindId)) {
      errors.activityKindId = 'Kies een activiteit uit de lijst';
    } else activityKindId = d.activityKindId;
  }
  if (d.providerId !== null && !listProviders(db, d.providerId).some((p) => p.id === d.providerId)) {
    errors.providerId = 'Kies een aanbieder uit de lijst';
  }
  if (Object.keys(errors).length || kind === null) return invalid(errors);
  return ok({ ...d, kind, activityKindId });
}

/** Records hours of a client. */
export function recordHours(deps: Deps, actor: Actor, clientId: unknown, form: Parsed<HourForm>): Result<{ summary: string }> {
  const page = loadClientPage(deps, actor, clientId);
  const closed = closedRefusal(actor, page.client, 'uren');
  if (closed) return { ok: false, refusal: closed };
  const checked = checkHourForm(deps, page.client.id, actor.today, form);
  if (!checked.ok) return checked;
  const input = checked.value;
  changeDossier(deps, actor, page.client.id, () => {
    const id = insertHour(deps.db, page.client.id, input, actor.user.id, actor.nowIso);
    return { value: id, events: [hoursEvent(`Uren vastgelegd: ${describeHours(input)}`, id)] };
  });
  actor.audit('uren-toegevoegd', 'voortgang', { clientId: page.client.id });
  return ok({ summary: describeHours(input) });
}

/** Changes an hour entry; refused when someone else saved it in between (`version`). */
export function changeHours(
  deps: Deps,
  actor: Actor,
  clientId: unknown,
  hourId: unknown,
  version: number,
  form: Parsed<HourForm>,
): Result<{ summary: string }> {
  const page = loadClientPage(deps, actor, clientId);
  const closed = closedRefusal(actor, page.client, 'uren');
  if (closed) return { ok: false, refusal: closed };
  const entry = loadEntry(deps, page, hourId);
  if (entry.deletedAt) throw conflict('Deze urenregel is verwijderd en kan niet meer worden gewijzigd.');
  const checked = checkHourForm(deps, page.client.id, actor.today, form);
  if (!checked.ok) return checked;
  const input = checked.value;
  const saved = changeDossier(deps, actor, page.client.id, () =>
    updateHour(deps.db, page.client.id, entry.id, version, input, actor.user.id, actor.nowIso)
      ? { value: entry.id, events: [hoursEvent(`Uren gewijzigd: ${describeHours(entry)} → ${describeHours(input)}`, entry.id)] }
      : null,
  );
  if (!saved) {
    const fresh = findHour(deps.db, page.client.id, entry.id)!;
    return stale(
      `Iemand anders heeft deze urenregel intussen gewijzigd; uw wijziging is niet opgeslagen. Nu opgeslagen: ${describeHours(fresh)}. Hieronder staat wat u invulde: sla opnieuw op om dat te bewaren.`,
    );
  }
  actor.audit('uren-gewijzigd', 'voortgang', { clientId: page.client.id });
  return ok({ summary: describeHours(input) });
}

/** Removes an hour entry (kept in its history with the reason). */
export function removeHours(
  deps: Deps,
  actor: Actor,
  clientId: unknown,
  hourId: unknown,
  form: Parsed<{ reason: string; version: number }>,
): Result<{ summary: string }> {
  const page = loadClientPage(deps, actor, clientId);
  const closed = closedRefusal(actor, page.client, 'uren');
  if (closed) return { ok: false, refusal: closed };
  const entry = loadEntry(deps, page, hourId);
  if (entry.deletedAt) throw conflict('Deze urenregel is al verwijderd.');
  if (!form.ok) return invalid(form.errors);
  const { reason, version } = form.data;
  const removed = changeDossier(deps, actor, page.client.id, () =>
    deleteHour(deps.db, page.client.id, entry.id, version, reason, actor.user.id, actor.nowIso)
      ? { value: entry.id, events: [hoursEvent(`Uren verwijderd: ${describeHours(entry)}. Reden: ${reason}`, entry.id)] }
      : null,
  );
  if (!removed) {
    throw conflict('Iemand anders heeft deze urenregel intussen gewijzigd. Er is niets verwijderd; open de regel opnieuw.');
  }
  actor.audit('uren-verwijderd', 'voortgang', { clientId: page.client.id });
  return ok({ summary: describeHours(entry) });
}
