// The weekly plan of a client (issue 21): the PIP's activities on weekdays with times, the client's maximum hours
// per week and available times (childcare, school), the clash warnings, and a printable week for the client.
import { listPlacements, PLACEMENT_KIND_LABELS } from '../db/placements.js';
import { latestPipVersion } from '../db/pips.js';
import {
  type AvailabilityWindow,
  deleteAvailability,
  deletePlanEntry,
  findPlanEntry,
  findPlanSettings,
  insertAvailability,
  insertPlanEntry,
  listAvailability,
  listPlanEntries,
  type PlanEntry,
  type PlanEntryInput,
  savePlanSettings,
  updatePlanEntry,
} from '../db/weekly-plans.js';
import {
  blockMinutes,
  DAY_PARTS,
  type DayPart,
  PLAN_ACTIVITIES,
  type PlanActivity,
  type PlanComponent,
  type PlanWarning,
  proposeWeek,
  WEEKDAY_LABELS,
  WEEKDAYS,
  type Weekday,
  weeklyPlanWarnings,
} from '../domain/index.js';
import { formatHours } from '../lib/format.js';
import { loadClient, toId } from './access.js';
import type { Actor } from './actor.js';
import { CLOSED_MESSAGE } from './client-page.js';
import type { Deps } from './deps.js';
import { loadDossierHeader } from './dossier-header.js';
import { changeDossier } from './dossier-write.js';
import { conflict, notFound } from './errors.js';
import { type FieldErrors, invalid, ok, type Parsed, refuse, type Result, stale } from './result.js';

export { PLAN_ACTIVITIES, WEEKDAYS };
export type { PlanActivity, DayPart };

export const PLAN_ACTIVITY_LABELS: Record<PlanActivity, string> = {
  TAALLES: 'Taalles',
  PARTICIPATIE: 'Participatie of werk',
  MAP: 'MAP (werk en meedoen)',
  KNM: 'KNM (kennis van de Nederlandse maatschappij)',
  PVT: 'Participatieverklaring (PVT)',
  COACHING: 'Coaching of begeleiding',
  OVERIG: 'Iets anders',
};
export const DAY_PART_LABELS: Record<DayPart, string> = { OCHTEND: 'Ochtend', MIDDAG: 'Middag', AVOND: 'Avond' };
export const DAY_PARTS_LIST = Object.keys(DAY_PARTS) as DayPart[];

/** An entry as the web layer parsed it: a day part, or times of its own (or both: the times win). */
export interface PlanEntryForm {
  activity: PlanActivity;
  label: string;
  place: string | null;
  weekday: Weekday;
  dayPart: DayPart | null;
  start: string | null;
  end: string | null;
}

export interface PlanLimitsForm {
  maxHoursPerWeek: number | null;
  availabilityNote: string | null;
}

export interface AvailabilityForm {
  weekday: Weekday;
  start: string;
  end: string;
}

type ClosedRefusal = { kind: 'closed'; message: string };
const closed = () => refuse<ClosedRefusal>({ kind: 'closed', message: CLOSED_MESSAGE });

const day = (n: number) => WEEKDAY_LABELS[n as Weekday];
const span = (e: { start: string; end: string }) => `${e.start}–${e.end}`;

/** The warning in plain Dutch. */
export function warningText(w: PlanWarning): string {
  switch (w.kind) {
    case 'OVERLAP':
      return `Op ${day(w.a.weekday)} zijn twee activiteiten tegelijk: ${w.a.label} (${span(w.a)}) en ${w.b.label} (${span(w.b)}).`;
    case 'OVER_MAX':
      return `Samen ${formatHours(w.totalMinutes / 60)} uur per week: meer dan het maximum van ${formatHours(w.maxMinutes / 60)} uur voor deze cliënt.`;
    case 'OUTSIDE_AVAILABLE':
      return `${w.block.label} op ${day(w.block.weekday)} (${span(w.block)}) valt buiten de tijden waarop de cliënt kan (kinderopvang of school).`;
  }
}

/** What the PIP and the active placements say the week holds: the components a proposal is made from. */
function planComponents(deps: Deps, clientId: number, today: string): (PlanComponent & { placementId: number | null })[] {
  const pip = latestPipVersion(deps.db, clientId)?.content;
  const out: (PlanComponent & { placementId: number | null })[] = [];
  if (pip?.hoursPerWeekLanguage) {
    out.push({ activity: 'TAALLES', label: `Taalles${pip.taalaanbiederName ? ` bij ${pip.taalaanbiederName}` : ''}`, hoursPerWeek: pip.hoursPerWeekLanguage, placementId: null });
  }
  const placements = listPlacements(deps.db, clientId).filter((p) => p.status === 'ACTIEF' && p.startOn <= today && (!p.plannedEndOn || p.plannedEndOn >= today));
  for (const p of placements) {
    out.push({ activity: 'PARTICIPATIE', label: `${PLACEMENT_KIND_LABELS[p.kind]} bij ${p.organisation}`, hoursPerWeek: p.hoursPerWeek, placementId: p.id });
  }
  if (!placements.length && pip?.hoursPerWeekParticipation) {
    out.push({
      activity: 'PARTICIPATIE',
      label: `Participatie${pip.participatiecoachName ? ` met ${pip.participatiecoachName}` : ''}`,
      hoursPerWeek: pip.hoursPerWeekParticipation,
      placementId: null,
    });
  }
  if (pip?.mapThemes) out.push({ activity: 'MAP', label: 'MAP (werk en meedoen)', hoursPerWeek: 2, placementId: null });
  if (pip?.knm) out.push({ activity: 'KNM', label: 'KNM-les', hoursPerWeek: 2, placementId: null });
  return out;
}

function weekView(entries: PlanEntry[], available: AvailabilityWindow[], maxHoursPerWeek: number | null) {
  const warnings = weeklyPlanWarnings(entries, { maxHoursPerWeek, available });
  const clashIds = new Set(
    warnings.flatMap((w) => (w.kind === 'OVERLAP' ? [w.a.id, w.b.id] : w.kind === 'OUTSIDE_AVAILABLE' ? [w.block.id] : [])),
  );
  const totalMinutes = entries.reduce((s, e) => s + blockMinutes(e), 0);
  return {
    days: WEEKDAYS.map((d) => ({ weekday: d, label: WEEKDAY_LABELS[d], entries: entries.filter((e) => e.weekday === d) })),
    warnings: warnings.map(warningText),
    clashIds,
    totalHours: formatHours(totalMinutes / 60),
  };
}

const options = {
  activityOptions: PLAN_ACTIVITIES.map((a) => ({ value: a, label: PLAN_ACTIVITY_LABELS[a] })),
  weekdayOptions: WEEKDAYS.map((d) => ({ value: d, label: WEEKDAY_LABELS[d].replace(/^./, (c) => c.toUpperCase()) })),
  dayPartOptions: DAY_PARTS_LIST.map((p) => ({ value: p, label: `${DAY_PART_LABELS[p]} (${DAY_PARTS[p][0]}–${DAY_PARTS[p][1]})` })),
  PLAN_ACTIVITY_LABELS,
};

/** The weekly plan page: the week, its warnings, the proposal from the PIP, the limits and the forms. */
export function loadWeeklyPlanPage(deps: Deps, actor: Actor, clientId: unknown) {
  const ref = loadClient(deps, actor, clientId);
  const entries = listPlanEntries(deps.db, ref.id);
  const settings = findPlanSettings(deps.db, ref.id);
  const available = listAvailability(deps.db, ref.id);
  const components = planComponents(deps, ref.id, actor.today);
  actor.audit('weekplan-bekeken', 'voortgang', { clientId: ref.id });
  return {
    client: ref,
    header: loadDossierHeader(deps, ref.id),
    entries,
    settings,
    available: available.map((w) => ({ ...w, label: `${day(w.weekday)} ${span(w)}` })),
    components: components.map((c) => `${c.label}: ${formatHours(c.hoursPerWeek)} uur per week`),
    canPrefill: entries.length === 0 && components.length > 0,
    ...weekView(entries, available, settings.maxHoursPerWeek),
    ...options,
    limitValues: {
      maxHoursPerWeek: settings.maxHoursPerWeek === null ? '' : formatHours(settings.maxHoursPerWeek).replace(/\./g, ''),
      availabilityNote: settings.availabilityNote ?? '',
      version: settings.version,
    } as Record<string, unknown>,
    today: actor.today,
  };
}

/** The week for the client to take home: plain Dutch, large type. */
export function loadWeeklyPlanPrint(deps: Deps, actor: Actor, clientId: unknown) {
  const ref = loadClient(deps, actor, clientId);
  const entries = listPlanEntries(deps.db, ref.id);
  actor.audit('weekplan-afgedrukt', 'voortgang', { clientId: ref.id });
  return {
    client: ref,
    days: WEEKDAYS.map((d) => ({ label: WEEKDAY_LABELS[d].replace(/^./, (c) => c.toUpperCase()), entries: entries.filter((e) => e.weekday === d) })).filter(
      (d) => d.entries.length > 0,
    ),
    today: actor.today,
  };
}

function loadEntry(deps: Deps, clientId: number, rawId: unknown): PlanEntry {
  const id = toId(rawId);
  const entry = id === null ? undefined : findPlanEntry(deps.db, clientId, id);
  if (!entry) throw notFound('Deze activiteit staat niet (meer) in het weekplan.');
  return entry;
}

/** The edit page of one entry. */
export function loadPlanEntryPage(deps: Deps, actor: Actor, clientId: unknown, entryId: unknown) {
  const ref = loadClient(deps, actor, clientId);
  const entry = loadEntry(deps, ref.id, entryId);
  actor.audit('weekplan-bekeken', 'voortgang', { clientId: ref.id });
  return {
    client: ref,
    header: loadDossierHeader(deps, ref.id),
    entry,
    ...options,
    entryValues: { ...entry, dayPart: entry.dayPart ?? '', place: entry.place ?? '' } as Record<string, unknown>,
    today: actor.today,
  };
}

/** The day part gives the times unless the consulent typed times of their own. */
function checkEntry(form: Parsed<PlanEntryForm>): Result<PlanEntryInput> {
  if (!form.ok) return invalid(form.errors);
  const d = form.data;
  const errors: FieldErrors = {};
  let start = d.start;
  let end = d.end;
  if (start === null && end === null) {
    if (d.dayPart === null) errors.dayPart = 'Kies een dagdeel, of vul de begintijd en de eindtijd in';
    else [start, end] = DAY_PARTS[d.dayPart];
  } else if (start === null) errors.start = 'Vul ook de begintijd in (bijvoorbeeld 09:00)';
  else if (end === null) errors.end = 'Vul ook de eindtijd in (bijvoorbeeld 12:00)';
  else if (end <= start) errors.end = 'De eindtijd moet na de begintijd liggen';
  if (Object.keys(errors).length || start === null || end === null) return invalid(errors);
  return ok({ activity: d.activity, label: d.label, place: d.place, weekday: d.weekday, start, end, dayPart: d.dayPart, placementId: null });
}

const describe = (e: Pick<PlanEntryInput, 'label' | 'weekday' | 'start' | 'end'>) => `${e.label} op ${day(e.weekday)} ${span(e)}`;
const planEvent = (summary: string, id: number) => ({ kind: 'WEEKLY_PLAN', summary, refTable: 'weekly_plan_entries', refId: id });

export function addPlanEntry(deps: Deps, actor: Actor, clientId: unknown, form: Parsed<PlanEntryForm>): Result<{ summary: string }> {
  const ref = loadClient(deps, actor, clientId);
  if (ref.closedOn) return closed();
  const checked = checkEntry(form);
  if (!checked.ok) return checked;
  const input = checked.value;
  changeDossier(deps, actor, ref.id, () => {
    const id = insertPlanEntry(deps.db, ref.id, input, actor.user.id, actor.nowIso);
    return { value: id, events: [planEvent(`Weekplan: ${describe(input)} toegevoegd`, id)] };
  });
  actor.audit('weekplan-gewijzigd', 'voortgang', { clientId: ref.id });
  return ok({ summary: describe(input) });
}

export function changePlanEntry(
  deps: Deps,
  actor: Actor,
  clientId: unknown,
  entryId: unknown,
  version: number,
  form: Parsed<PlanEntryForm>,
): Result<{ summary: string }> {
  const ref = loadClient(deps, actor, clientId);
  if (ref.closedOn) return closed();
  const entry = loadEntry(deps, ref.id, entryId);
  const checked = checkEntry(form);
  if (!checked.ok) return checked;
  const input = { ...checked.value, placementId: entry.placementId };
  const saved = changeDossier(deps, actor, ref.id, () =>
    Number.isInteger(version) && updatePlanEntry(deps.db, ref.id, entry.id, version, input, actor.nowIso)
      ? { value: entry.id, events: [planEvent(`Weekplan: ${describe(entry)} → ${describe(input)}`, entry.id)] }
      : null,
  );
  if (!saved) return stale('Iemand anders heeft deze activiteit intussen gewijzigd; uw wijziging is niet opgeslagen. Hieronder staat wat u invulde: sla opnieuw op om dat te bewaren.');
  actor.audit('weekplan-gewijzigd', 'voortgang', { clientId: ref.id });
  return ok({ summary: describe(input) });
}

export function removePlanEntry(deps: Deps, actor: Actor, clientId: unknown, entryId: unknown): Result<{ summary: string }> {
  const ref = loadClient(deps, actor, clientId);
  if (ref.closedOn) return closed();
  const entry = loadEntry(deps, ref.id, entryId);
  changeDossier(deps, actor, ref.id, () =>
    deletePlanEntry(deps.db, ref.id, entry.id) ? { value: entry.id, events: [planEvent(`Weekplan: ${describe(entry)} verwijderd`, entry.id)] } : null,
  );
  actor.audit('weekplan-gewijzigd', 'voortgang', { clientId: ref.id });
  return ok({ summary: describe(entry) });
}

/** Fills an empty week from the PIP and the active placements; the consulent then moves days and times. */
export function prefillWeeklyPlan(deps: Deps, actor: Actor, clientId: unknown): Result<{ count: number }> {
  const ref = loadClient(deps, actor, clientId);
  if (ref.closedOn) return closed();
  const components = planComponents(deps, ref.id, actor.today);
  if (!components.length) throw conflict('Er staat nog niets in het PIP of bij de plaatsingen om het weekplan mee te vullen.');
  const count = changeDossier(deps, actor, ref.id, () => {
    if (listPlanEntries(deps.db, ref.id).length) return null;
    const blocks = proposeWeek(components);
    for (const b of blocks) {
      const placementId = components.find((c) => c.label === b.label)?.placementId ?? null;
      const dayPart = (Object.keys(DAY_PARTS) as DayPart[]).find((p) => DAY_PARTS[p][0] === b.start && DAY_PARTS[p][1] === b.end) ?? null;
      insertPlanEntry(deps.db, ref.id, { activity: b.activity, label: b.label, place: null, weekday: b.weekday, start: b.start, end: b.end, dayPart, placementId }, actor.user.id, actor.nowIso);
    }
    return { value: blocks.length, events: [{ kind: 'WEEKLY_PLAN', summary: `Weekplan ingevuld vanuit het PIP en de plaatsingen (${blocks.length} activiteiten)` }] };
  });
  if (!count) throw conflict('Het weekplan is al gevuld. Pas de activiteiten aan of verwijder ze eerst.');
  actor.audit('weekplan-gewijzigd', 'voortgang', { clientId: ref.id });
  return ok({ count: count.value });
}

export function savePlanLimits(deps: Deps, actor: Actor, clientId: unknown, version: number, form: Parsed<PlanLimitsForm>): Result<{ clientId: number }> {
  const ref = loadClient(deps, actor, clientId);
  if (ref.closedOn) return closed();
  if (!form.ok) return invalid(form.errors);
  const f = form.data;
  const saved = changeDossier(deps, actor, ref.id, () =>
    Number.isInteger(version) && savePlanSettings(deps.db, ref.id, version, f, actor.user.id, actor.nowIso)
      ? {
          value: ref.id,
          events: [
            {
              kind: 'WEEKLY_PLAN',
              summary: `Weekplan: maximum ${f.maxHoursPerWeek === null ? 'niet vastgelegd' : `${formatHours(f.maxHoursPerWeek)} uur per week`}`,
            },
          ],
        }
      : null,
  );
  if (!saved) return stale('Iemand anders heeft het maximum of de toelichting intussen gewijzigd; uw wijziging is niet opgeslagen. Sla opnieuw op om uw invoer te bewaren.');
  actor.audit('weekplan-gewijzigd', 'voortgang', { clientId: ref.id });
  return ok({ clientId: ref.id });
}

export function addAvailability(deps: Deps, actor: Actor, clientId: unknown, form: Parsed<AvailabilityForm>): Result<{ summary: string }> {
  const ref = loadClient(deps, actor, clientId);
  if (ref.closedOn) return closed();
  if (!form.ok) return invalid(form.errors);
  const w = form.data;
  if (w.end <= w.start) return invalid({ availEnd: 'De eindtijd moet na de begintijd liggen' });
  const summary = `${day(w.weekday)} ${span(w)}`;
  changeDossier(deps, actor, ref.id, () => {
    const id = insertAvailability(deps.db, ref.id, w, actor.user.id, actor.nowIso);
    return { value: id, events: [{ kind: 'WEEKLY_PLAN', summary: `Weekplan: cliënt kan op ${summary}`, refTable: 'weekly_plan_availability', refId: id }] };
  });
  actor.audit('weekplan-gewijzigd', 'voortgang', { clientId: ref.id });
  return ok({ summary });
}

export function removeAvailability(deps: Deps, actor: Actor, clientId: unknown, windowId: unknown): Result<{ clientId: number }> {
  const ref = loadClient(deps, actor, clientId);
  if (ref.closedOn) return closed();
  const id = toId(windowId);
  const window = id === null ? undefined : listAvailability(deps.db, ref.id).find((w) => w.id === id);
  if (!window) throw notFound('Deze tijd staat niet (meer) in het weekplan.');
  changeDossier(deps, actor, ref.id, () =>
    deleteAvailability(deps.db, ref.id, window.id)
      ? { value: window.id, events: [{ kind: 'WEEKLY_PLAN', summary: `Weekplan: tijd ${day(window.weekday)} ${span(window)} verwijderd` }] }
      : null,
  );
  actor.audit('weekplan-gewijzigd', 'voortgang', { clientId: ref.id });
  return ok({ clientId: ref.id });
}
