import { assertOpen } from '../db/closures.js';
import {
  activatePlacement as setPlacementActive,
  activePlacementsOfTeam,
  aftercareOverdueForTeam,
  type Checkin,
  endPlacement as setPlacementEnded,
  findCheckin,
  findPlacement,
  hasSubstitutionDecision,
  insertPlacement,
  isCheckinOverdue,
  isPaidKind,
  LANGUAGE_SUPPORT_LABELS,
  listCheckins,
  listPlacements,
  loadReadiness,
  PLACEMENT_KIND_LABELS,
  PLACEMENT_KINDS,
  PLACEMENT_STATUS_LABELS,
  type Placement,
  type PlacementInput,
  placementsEndingSoon,
  READINESS_LABELS,
  type ReadinessItem,
  readinessComplete,
  saveReadiness,
  structuralPaidPlacement,
  updateCheckin,
  updatePlacement,
} from '../db/placements.js';
import { findTeam } from '../db/teams.js';
import { zRouteNorms } from '../domain/index.js';
import { formatDate, formatHours } from '../lib/format.js';
import { toId } from './access.js';
import type { Actor } from './actor.js';
import { linkedDocumentsOf } from './documents.js';
import { type ClientPage, closedRefusal, loadClientPage } from './client-page.js';
import type { Deps } from './deps.js';
import { changeDossier, type DossierEvent } from './dossier-write.js';
import { conflict, forbidden, notFound } from './errors.js';
import { invalid, ok, type Parsed, type Result, stale } from './result.js';

// The option lists of the placement forms, for the web layer's schemas.
export {
  LANGUAGE_SUPPORTS,
  PLACEMENT_KINDS,
  type PlacementInput,
  READINESS_ITEMS,
  READINESS_LABELS,
  type ReadinessItem,
} from '../db/placements.js';

const labels = {
  kindLabels: PLACEMENT_KIND_LABELS,
  supportLabels: LANGUAGE_SUPPORT_LABELS,
  statusLabels: PLACEMENT_STATUS_LABELS,
  readinessLabels: READINESS_LABELS,
};

/** "vrijwilligerswerk bij Buurthuis": a placement in a timeline summary or message. */
export function describePlacement(p: Pick<PlacementInput, 'kind' | 'organisation'>): string {
  return `${PLACEMENT_KIND_LABELS[p.kind].toLowerCase()} bij ${p.organisation}`;
}

function placementEvent(summary: string, refId: number, refTable = 'placements'): DossierEvent {
  return { kind: 'PLACEMENT', summary, refTable, refId };
}

const STALE_ACTION = 'Iemand anders heeft deze plaats intussen gewijzigd. Er is niets veranderd; open de pagina opnieuw.';

export interface SubstitutionSuggestion {
  placement: Placement;
  hours: number;
  languageFrom: number;
  languageTo: number;
  participationFrom: number;
  participationTo: number;
  paidWork: number;
}

/**
 * The leidraad's suggestion for a Z-route client with structural paid work (an active paid placement for at
 * least `structuralPaidWorkWeeks` weeks) and no substitution decision yet: the norms with and without the
 * maximum substitution.
 */
export function substitutionSuggestion(deps: Deps, page: ClientPage): SubstitutionSuggestion | null {
  const e = page.eligibility;
  if (e.route !== 'Z') return null;
  const placement = structuralPaidPlacement(deps.db, page.client.id, page.today, e.rules.general.structuralPaidWorkWeeks);
  if (!placement || hasSubstitutionDecision(deps.db, page.client.id)) return null;
  const hours = e.rules.z.maxSubstitutionHours;
  const without = zRouteNorms(0, e.rules.z);
  const withS = zRouteNorms(hours, e.rules.z);
  return {
    placement,
    hours,
    languageFrom: without.languageHours,
    languageTo: withS.languageHours,
    participationFrom: without.participationHours,
    participationTo: withS.participationHours,
    paidWork: withS.paidWorkHours,
  };
}

/** The participation page of a client: placements, after-care check-ins, readiness and the substitution hint. */
export function loadPlacementsPage(deps: Deps, actor: Actor, clientId: unknown) {
  const page = loadClientPage(deps, actor, clientId);
  const { db } = deps;
  const checkins = listCheckins(db, page.client.id);
  const placements = listPlacements(db, page.client.id);
  const overdue = checkins.filter(
    (c) => isCheckinOverdue(c, page.today) && placements.find((p) => p.id === c.placementId)?.status === 'ACTIEF',
  );
  const view = {
    ...page,
    ...labels,
    placements,
    checkinsOf: (id: number) => checkins.filter((c) => c.placementId === id),
    isOverdue: (c: { dueOn: string; doneOn: string | null }) => isCheckinOverdue(c, page.today),
    overdue,
    readiness: loadReadiness(db, page.client.id),
    suggestion: substitutionSuggestion(deps, page),
    isPaidKind,
    documentsOf: linkedDocumentsOf(deps, actor, page.client, 'placements'),
  };
  actor.audit('participatie-bekeken', 'voortgang', { clientId: page.client.id });
  return view;
}

function loadPlacement(deps: Deps, page: ClientPage, rawId: unknown): Placement {
  const id = toId(rawId);
  const p = id === null ? undefined : findPlacement(deps.db, page.client.id, id);
  if (!p) throw notFound('Deze plaats bestaat niet.');
  return p;
}

/** The edit page of one placement. */
export function loadPlacementEditPage(deps: Deps, actor: Actor, clientId: unknown, placementId: unknown) {
  const page = loadClientPage(deps, actor, clientId);
  const placement = loadPlacement(deps, page, placementId);
  actor.audit('plaats-bekeken', 'voortgang', { clientId: page.client.id });
  return { ...page, ...labels, placement };
}

/** The form values of a stored placement, as the edit form shows them. */
export function placementValues(p: Placement): Record<string, unknown> {
  return {
    kind: p.kind,
    organisation: p.organisation,
    contactPerson: p.contactPerson ?? '',
    jobCoach: p.jobCoach ?? '',
    startOn: p.startOn,
    plannedEndOn: p.plannedEndOn ?? '',
    hoursPerWeek: formatHours(p.hoursPerWeek).replace(/\./g, ''),
    languageSupport: p.languageSupport,
    note: p.note ?? '',
    version: p.version,
  };
}

/** Adds a placement (in preparation). */
export function recordPlacement(deps: Deps, actor: Actor, clientId: unknown, form: Parsed<PlacementInput>): Result<{ summary: string }> {
  const page = loadClientPage(deps, actor, clientId);
  const closed = closedRefusal(actor, page.client, 'plaatsen');
  if (closed) return { ok: false, refusal: closed };
  if (!form.ok) return invalid(form.errors);
  const input = form.data;
  changeDossier(deps, actor, page.client.id, () => {
    assertOpen(deps.db, page.client.id);
    const id = insertPlacement(deps.db, page.client.id, input, actor.user.id, actor.nowIso);
    return { value: id, events: [placementEvent(`Plaats toegevoegd: ${describePlacement(input)} (in voorbereiding)`, id)] };
  });
  actor.audit('plaats-toegevoegd', 'voortgang', { clientId: page.client.id });
  return ok({ summary: describePlacement(input) });
}

/**
 * Changes the facts of a placement that has not ended; refused when someone else saved it in between
 * (`version`), and when hours registered at it would change from paid work to participation or back.
 */
export function changePlacement(
  deps: Deps,
  actor: Actor,
  clientId: unknown,
  placementId: unknown,
  version: number,
  form: Parsed<PlacementInput>,
): Result<{ summary: string }> {
  const page = loadClientPage(deps, actor, clientId);
  const closed = closedRefusal(actor, page.client, 'plaatsen');
  if (closed) return { ok: false, refusal: closed };
  const p = loadPlacement(deps, page, placementId);
  if (p.status === 'BEEINDIGD') throw conflict('Deze plaats is beëindigd en kan niet meer worden gewijzigd.');
  if (!form.ok) return invalid(form.errors);
  const input = form.data;
  if (p.hoursRegistered > 0 && isPaidKind(p.kind) !== isPaidKind(input.kind)) {
    const counted = isPaidKind(p.kind) ? 'betaald werk' : 'participatie';
    return invalid({
      kind: `Op deze plek zijn al uren geregistreerd die tellen als ${counted}. Kies een soort die ook zo telt, of beëindig deze plek en voeg een nieuwe toe`,
    });
  }
  const saved = changeDossier(deps, actor, page.client.id, () => {
    assertOpen(deps.db, page.client.id);
    if (!updatePlacement(deps.db, page.client.id, p.id, version, input, actor.nowIso)) return null;
    return { value: p.id, events: [placementEvent(`Plaats gewijzigd: ${describePlacement(input)}`, p.id)] };
  });
  if (!saved) {
    return stale('Iemand anders heeft deze plaats intussen gewijzigd. Hieronder staat de nieuwe versie; uw wijziging is niet opgeslagen.');
  }
  actor.audit('plaats-gewijzigd', 'voortgang', { clientId: page.client.id });
  return ok({ summary: describePlacement(input) });
}

/**
 * Makes a placement in preparation active. When the basics are not in order ("basis op orde" not all
 * confirmed) a reason is required, and recorded. A paid placement gets its default after-care check-ins.
 */
export function activatePlacement(
  deps: Deps,
  actor: Actor,
  clientId: unknown,
  placementId: unknown,
  form: Parsed<{ version: number; activationReason: string | null }>,
): Result<{ summary: string }> {
  const page = loadClientPage(deps, actor, clientId);
  const closed = closedRefusal(actor, page.client, 'plaatsen');
  if (closed) return { ok: false, refusal: closed };
  const p = loadPlacement(deps, page, placementId);
  if (p.status !== 'IN_VOORBEREIDING') throw conflict('Alleen een plaats in voorbereiding kan actief worden gemaakt.');
  if (!form.ok) return invalid(form.errors);
  const ready = readinessComplete(loadReadiness(deps.db, page.client.id));
  if (!ready && !form.data.activationReason) {
    return invalid({
      activationReason:
        'De basis is nog niet op orde: bevestig eerst alle punten van de checklist, of vul de reden in waarom de plaats toch start',
    });
  }
  const reason = ready ? null : form.data.activationReason;
  const saved = changeDossier(deps, actor, page.client.id, () => {
    assertOpen(deps.db, page.client.id);
    if (!setPlacementActive(deps.db, page.client.id, p.id, form.data.version, actor.today, reason, actor.user.id, actor.nowIso)) return null;
    const summary = `Plaats actief: ${describePlacement(p)}${reason ? `. Basis nog niet op orde; reden: ${reason}` : ''}`;
    return { value: p.id, events: [placementEvent(summary, p.id)] };
  });
  if (!saved) throw conflict(STALE_ACTION);
  actor.audit('plaats-actief', 'voortgang', { clientId: page.client.id });
  return ok({ summary: describePlacement(p) });
}

/** Ends a placement, on a date from its start up to today, with a reason. */
export function endPlacement(
  deps: Deps,
  actor: Actor,
  clientId: unknown,
  placementId: unknown,
  form: Parsed<{ version: number; endedOn: string; endReason: string }>,
): Result<{ summary: string }> {
  const page = loadClientPage(deps, actor, clientId);
  const closed = closedRefusal(actor, page.client, 'plaatsen');
  if (closed) return { ok: false, refusal: closed };
  const p = loadPlacement(deps, page, placementId);
  if (p.status === 'BEEINDIGD') throw conflict('Deze plaats is al beëindigd.');
  if (!form.ok) return invalid(form.errors);
  const d = form.data;
  if (d.endedOn < p.startOn) return invalid({ endedOn: 'De einddatum mag niet voor de startdatum liggen' });
  if (d.endedOn > actor.today) return invalid({ endedOn: `De einddatum mag niet na vandaag (${formatDate(actor.today)}) liggen` });
  const saved = changeDossier(deps, actor, page.client.id, () => {
    assertOpen(deps.db, page.client.id);
    if (!setPlacementEnded(deps.db, page.client.id, p.id, d.version, d.endedOn, d.endReason, actor.nowIso)) return null;
    const summary = `Plaats beëindigd: ${describePlacement(p)} per ${formatDate(d.endedOn)}. Reden: ${d.endReason}`;
    return { value: p.id, events: [placementEvent(summary, p.id)] };
  });
  if (!saved) throw conflict(STALE_ACTION);
  actor.audit('plaats-beeindigd', 'voortgang', { clientId: page.client.id });
  return ok({ summary: describePlacement(p) });
}

/** The "basis op orde" checklist: one answer (and an optional note) per item. */
export interface ReadinessForm {
  answers: { item: ReadinessItem; confirmed: boolean; note: string | null }[];
}

/** Saves the "basis op orde" checklist. */
export function confirmReadiness(
  deps: Deps,
  actor: Actor,
  clientId: unknown,
  form: Parsed<ReadinessForm>,
): Result<{ confirmed: number; total: number }> {
  const page = loadClientPage(deps, actor, clientId);
  const closed = closedRefusal(actor, page.client, 'checklist');
  if (closed) return { ok: false, refusal: closed };
  if (!form.ok) return invalid(form.errors);
  const { answers } = form.data;
  const yes = answers.filter((a) => a.confirmed).length;
  changeDossier(deps, actor, page.client.id, () => {
    assertOpen(deps.db, page.client.id);
    saveReadiness(deps.db, page.client.id, answers, actor.user.id, actor.nowIso);
    return { value: null, events: [{ kind: 'PLACEMENT', summary: `Basis op orde bijgewerkt: ${yes} van ${answers.length} punten bevestigd` }] };
  });
  actor.audit('basis-op-orde-bevestigd', 'voortgang', { clientId: page.client.id });
  return ok({ confirmed: yes, total: answers.length });
}

/** An after-care check-in as the web layer parsed it: moved to another date, or done with a note. */
export interface CheckinForm {
  version: number;
  dueOn: string;
  done: boolean;
  note: string | null;
}

/** Plans an after-care check-in on another date, or marks it done (what came out of it is required). */
export function updateAftercare(
  deps: Deps,
  actor: Actor,
  clientId: unknown,
  checkinId: unknown,
  form: Parsed<CheckinForm>,
): Result<{ done: boolean; dueOn: string; placementId: number }> {
  const page = loadClientPage(deps, actor, clientId);
  const closed = closedRefusal(actor, page.client, 'nazorg');
  if (closed) return { ok: false, refusal: closed };
  const id = toId(checkinId);
  const c: Checkin | undefined = id === null ? undefined : findCheckin(deps.db, page.client.id, id);
  if (!c) throw notFound('Dit nazorgmoment bestaat niet.');
  if (!form.ok) return invalid(form.errors);
  const d = form.data;
  if (d.done && !d.note) return invalid({ note: 'Vul in wat er uit het nazorgmoment kwam' });
  const doneOn = d.done ? (c.doneOn ?? actor.today) : null;
  const p = findPlacement(deps.db, page.client.id, c.placementId)!;
  const saved = changeDossier(deps, actor, page.client.id, () => {
    assertOpen(deps.db, page.client.id);
    if (!updateCheckin(deps.db, c.id, d.version, { dueOn: d.dueOn, doneOn, note: d.note }, actor.user.id, actor.nowIso)) return null;
    const summary = doneOn
      ? `Nazorg gedaan (${describePlacement(p)}): ${d.note ?? ''}`
      : `Nazorgmoment (${describePlacement(p)}) gepland op ${formatDate(d.dueOn)}`;
    return { value: c.id, events: [placementEvent(summary, c.id, 'placement_checkins')] };
  });
  if (!saved) throw conflict('Iemand anders heeft dit nazorgmoment intussen gewijzigd. Er is niets veranderd; open de pagina opnieuw.');
  actor.audit('nazorg-bijgewerkt', 'voortgang', { clientId: page.client.id });
  return ok({ done: doneOn !== null, dueOn: d.dueOn, placementId: c.placementId });
}

/** The team lead's overview of the team's placements: per kind, per employer, ending soon, after-care overdue. */
export function loadTeamPlacementsPage(deps: Deps, actor: Actor) {
  const user = actor.user;
  if (user.role !== 'teamleider' || user.teamId === null) throw forbidden();
  const teamId = user.teamId;
  const { db } = deps;
  const today = actor.today;
  const active = activePlacementsOfTeam(db, teamId);
  const perKind = PLACEMENT_KINDS.map((k) => ({
    kind: k,
    label: PLACEMENT_KIND_LABELS[k],
    count: active.filter((p) => p.kind === k).length,
    hours: active.filter((p) => p.kind === k).reduce((s, p) => s + p.hoursPerWeek, 0),
  }));
  const employers = new Map<string, { organisation: string; count: number; paid: number }>();
  for (const p of active) {
    const key = p.organisation.trim().toLowerCase();
    const e = employers.get(key) ?? { organisation: p.organisation, count: 0, paid: 0 };
    e.count += 1;
    if (isPaidKind(p.kind)) e.paid += 1;
    employers.set(key, e);
  }
  const view = {
    team: findTeam(db, teamId),
    today,
    total: active.length,
    perKind,
    perEmployer: [...employers.values()].sort((a, b) => b.count - a.count || a.organisation.localeCompare(b.organisation, 'nl')),
    endingSoon: placementsEndingSoon(db, teamId, today, 28),
    overdue: aftercareOverdueForTeam(db, teamId, today),
    kindLabels: PLACEMENT_KIND_LABELS,
    statusLabels: PLACEMENT_STATUS_LABELS,
  };
  actor.audit('participatie-team-bekeken', 'caseload', {});
  return view;
}
