import { findClientDetail, findClientStatus } from '../db/clients.js';
import { refreshClientStatus } from '../db/client-status.js';
import { activeLeefdomeinen, allLeefdomeinen } from '../db/intakes.js';
import {
  activeProviders,
  addPipVersion,
  CORE_VALUE_LABELS,
  CORE_VALUES,
  findPipVersion,
  findProvider,
  listPipVersions,
  PIP_FIELD_LABELS,
  type PipContent,
  type PipVersion,
  pipContentSchema,
  REVISION_REASON_LABELS,
  type RevisionReason,
} from '../db/pips.js';
import { currentRoute } from '../db/progress.js';
import { ROUTE_LABELS, type Route } from '../domain/index.js';
import { formatDate, formatDateShort } from '../lib/format.js';
import { loadClient } from './access.js';
import type { Actor } from './actor.js';
import { CLOSED_MESSAGE, type ClosedRefusal } from './client-page.js';
import type { Deps } from './deps.js';
import { changeDossier } from './dossier-write.js';
import { type DossierHeader, loadDossierHeader } from './dossier-header.js';
import { notFound } from './errors.js';
import { type FieldErrors, invalid, ok, type Parsed, type Result } from './result.js';

export { CORE_VALUES };
export type CoreValue = (typeof CORE_VALUES)[number];

/** Why a version after the first is made (the first one is always FIRST). */
export const LATER_REASONS = ['ROUTE_SWITCH', 'AFSCHALEN', 'MOVE', 'OTHER'] as const;
export type LaterReason = (typeof LATER_REASONS)[number];

/** Empty goal rows the form offers below the filled ones. */
const EXTRA_GOAL_ROWS = 3;

/** The plan's fields as the web layer parsed them. */
export interface PipFields {
  vastgesteldOn: string;
  revisionReason: LaterReason | null;
  revisionNote: string | null;
  taalaanbiederId: number | null;
  participatiecoachId: number | null;
  languageGoal: string;
  hoursPerWeekLanguage: number | null;
  participationGoals: string;
  hoursPerWeekParticipation: number | null;
  mapThemes: string | null;
  mapPractice: string | null;
  mapWorkingExemption: string | null;
  pvtHours: number | null;
  pvtCoreValue: CoreValue | null;
  pvtActivity: string | null;
  pvtSigningPlannedOn: string | null;
  knm: string | null;
  supportOntzorgen: string | null;
  supportBegeleiding: string | null;
  supportInterpreter: string | null;
}

/**
 * One filled goal row of the form (goal_domain_N, goal_text_N, goal_date_N), as the web layer read it: the
 * domain as typed (whether it exists needs the stored list), the goal and date, and the row's own messages
 * (`goal_text_N`, `goal_date_N`).
 */
export interface PipGoalRow {
  index: number;
  domain: string;
  goal: string;
  targetOn: string | null;
  errors: FieldErrors;
}

/**
 * The PIP form: the fields and the goal rows apart, because the form's messages show the rows' messages next to
 * the fields' even when the fields do not parse.
 */
export interface PipForm {
  fields: Parsed<PipFields>;
  goals: PipGoalRow[];
}

/** One field's value as text for the version view, the comparison, and the provider and print views. */
export function displayValue(key: keyof PipContent, c: PipContent): string {
  const v = c[key];
  if (v === null || v === undefined || v === '') return '';
  switch (key) {
    case 'route':
      return ROUTE_LABELS[v as Route];
    case 'pvtCoreValue':
      return CORE_VALUE_LABELS[v as CoreValue];
    case 'pvtSigningPlannedOn':
      return formatDate(v as string);
    case 'hoursPerWeekLanguage':
    case 'hoursPerWeekParticipation':
    case 'pvtHours':
      return `${String(v).replace('.', ',')} uur`;
    case 'domainGoals':
      return (v as PipContent['domainGoals'])
        .map((g) => `${g.leefdomein}: ${g.goal}${g.targetOn ? ` (streefdatum ${formatDateShort(g.targetOn)})` : ''}`)
        .join('\n');
    default:
      return String(v);
  }
}

const crumbs = (clientId: number, name: string, last: string, extra: { href: string; label: string }[] = []) => [
  { href: '/clients', label: 'Cliënten' },
  { href: `/clients/${clientId}`, label: name },
  ...extra,
  { label: last },
];

const pipCrumb = (clientId: number) => [{ href: `/clients/${clientId}/pip`, label: 'PIP' }];

/** The form values of a stored plan (the form of a new version starts from the latest one). */
function valuesOf(content: PipContent | null, today: string): Record<string, unknown> {
  const v: Record<string, unknown> = { vastgesteldOn: today };
  if (!content) return v;
  for (const [k, val] of Object.entries(content)) if (k !== 'domainGoals') v[k] = val === null ? '' : String(val);
  content.domainGoals.forEach((g, i) => {
    v[`goal_domain_${i}`] = String(g.leefdomeinId);
    v[`goal_text_${i}`] = g.goal;
    v[`goal_date_${i}`] = g.targetOn ?? '';
  });
  return v;
}

function noRoutePage(deps: Deps, actor: Actor, clientId: number) {
  const header = loadDossierHeader(deps, clientId);
  return { kind: 'no-route' as const, breadcrumbs: crumbs(clientId, header.name, 'PIP'), header, clientId, today: actor.today };
}

/**
 * The form of the first PIP or of a new version, filled with the latest version (or with `posted`, what the user
 * sent, after a refusal). After a route change the reason 'ROUTE_SWITCH' is preselected.
 */
function formPage(deps: Deps, actor: Actor, clientId: number, route: Route, posted: Record<string, unknown> | null) {
  const { db } = deps;
  const today = actor.today;
  const header = loadDossierHeader(deps, clientId);
  const latest = listPipVersions(db, clientId)[0] ?? null;
  const providers = activeProviders(db);
  const values = posted ?? valuesOf(latest?.content ?? null, today);
  if (!posted && latest && latest.content.route && latest.content.route !== route) values.revisionReason = 'ROUTE_SWITCH';
  let filled = 0;
  for (let i = 0; i < 100; i++) {
    if (values[`goal_text_${i}`] !== undefined || values[`goal_domain_${i}`] !== undefined) filled = i + 1;
  }
  return {
    kind: 'form' as const,
    breadcrumbs: crumbs(clientId, header.name, latest ? 'Nieuwe versie' : 'PIP opstellen', latest ? pipCrumb(clientId) : []),
    header,
    clientId,
    route,
    routePending: header.routePending,
    latest,
    nextNo: (latest?.versionNo ?? 0) + 1,
    values,
    rowCount: posted ? Math.max(filled, EXTRA_GOAL_ROWS) : filled + EXTRA_GOAL_ROWS,
    domainOptions: activeLeefdomeinen(db).map((d) => ({ value: String(d.id), label: d.name })),
    taalOptions: providers.filter((p) => p.kind === 'TAALAANBIEDER').map((p) => ({ value: String(p.id), label: p.name })),
    coachOptions: providers.filter((p) => p.kind === 'PARTICIPATIECOACH').map((p) => ({ value: String(p.id), label: p.name })),
    reasonOptions: LATER_REASONS.map((r) => ({ value: r, label: REVISION_REASON_LABELS[r] })),
    coreValueOptions: CORE_VALUES.map((c) => ({ value: c, label: CORE_VALUE_LABELS[c] })),
    pipDueOn: header.pipDueOn,
    today,
    ROUTE_LABELS,
  };
}

function versionPage(
  actor: Actor,
  header: DossierHeader,
  version: PipVersion,
  versions: PipVersion[],
  o: { isLatest: boolean; route: Route | null; needsRevision: boolean; breadcrumbs: ReturnType<typeof crumbs> },
) {
  return {
    kind: 'show' as const,
    ...o,
    header,
    clientId: header.id,
    version,
    versions,
    rows: PIP_FIELD_LABELS.map(([k, label]) => ({ label, value: displayValue(k, version.content) })),
    REVISION_REASON_LABELS,
    today: actor.today,
    ROUTE_LABELS,
  };
}

/**
 * The PIP tab: the latest version; or, without one, the form of the first PIP (once there is a route and the
 * dossier is open) or the message that a route comes first.
 */
export function loadPipPage(deps: Deps, actor: Actor, clientId: unknown) {
  const ref = loadClient(deps, actor, clientId);
  actor.audit('pip-bekeken', 'pip', { clientId: ref.id });
  const route = currentRoute(deps.db, ref.id);
  const versions = listPipVersions(deps.db, ref.id);
  const latest = versions[0];
  if (!latest) {
    if (!route || ref.closedOn) return noRoutePage(deps, actor, ref.id);
    return formPage(deps, actor, ref.id, route, null);
  }
  const header = loadDossierHeader(deps, ref.id);
  return versionPage(actor, header, latest, versions, {
    breadcrumbs: crumbs(ref.id, header.name, 'PIP'),
    isLatest: true,
    route,
    needsRevision: Boolean(route && latest.content.route && latest.content.route !== route),
  });
}

/**
 * The form of a new PIP version (or the first PIP), or the message that a route comes first. `posted` is what the
 * user sent, to show again after a refusal. A closed dossier is refused.
 */
export function loadNewPipPage(
  deps: Deps,
  actor: Actor,
  clientId: unknown,
  posted: Record<string, unknown> | null = null,
): Result<ReturnType<typeof noRoutePage> | ReturnType<typeof formPage>, ClosedRefusal> {
  const ref = loadClient(deps, actor, clientId);
  if (ref.closedOn) return { ok: false, refusal: { kind: 'closed', message: CLOSED_MESSAGE } };
  actor.audit('pip-bekeken', 'pip', { clientId: ref.id });
  const route = currentRoute(deps.db, ref.id);
  return ok(route ? formPage(deps, actor, ref.id, route, posted) : noRoutePage(deps, actor, ref.id));
}

function versionOr404(deps: Deps, clientId: number, raw: unknown): PipVersion {
  const no = Number(raw);
  const v = Number.isInteger(no) && no > 0 ? findPipVersion(deps.db, clientId, no) : undefined;
  if (!v) throw notFound('Deze versie van het PIP bestaat niet.');
  return v;
}

/** One (earlier) version of the PIP. */
export function loadPipVersionPage(deps: Deps, actor: Actor, clientId: unknown, versionNo: unknown) {
  const ref = loadClient(deps, actor, clientId);
  const version = versionOr404(deps, ref.id, versionNo);
  actor.audit('pip-bekeken', 'pip', { clientId: ref.id });
  const header = loadDossierHeader(deps, ref.id);
  const versions = listPipVersions(deps.db, ref.id);
  return versionPage(actor, header, version, versions, {
    breadcrumbs: crumbs(ref.id, header.name, `Versie ${version.versionNo}`, pipCrumb(ref.id)),
    isLatest: version.versionNo === versions[0]?.versionNo,
    route: currentRoute(deps.db, ref.id),
    needsRevision: false,
  });
}

/** Two versions side by side, field by field; by default the latest against the one before. */
export function loadPipComparePage(deps: Deps, actor: Actor, clientId: unknown, rawA: unknown, rawB: unknown) {
  const ref = loadClient(deps, actor, clientId);
  const versions = listPipVersions(deps.db, ref.id);
  if (versions.length < 2) throw notFound('Er zijn nog geen twee versies om te vergelijken.');
  const a = versionOr404(deps, ref.id, rawA ?? versions[1]!.versionNo);
  const b = versionOr404(deps, ref.id, rawB ?? versions[0]!.versionNo);
  actor.audit('pip-vergeleken', 'pip', { clientId: ref.id });
  const header = loadDossierHeader(deps, ref.id);
  const reasonOf = (v: PipVersion) => REVISION_REASON_LABELS[v.revisionReason] + (v.revisionNote ? `: ${v.revisionNote}` : '');
  const rows = [
    { label: 'Vastgesteld op', a: formatDate(a.vastgesteldOn), b: formatDate(b.vastgesteldOn) },
    { label: 'Reden', a: reasonOf(a), b: reasonOf(b) },
    ...PIP_FIELD_LABELS.map(([k, label]) => ({ label, a: displayValue(k, a.content), b: displayValue(k, b.content) })),
  ].map((r) => ({ ...r, changed: r.a !== r.b }));
  return {
    breadcrumbs: crumbs(ref.id, header.name, 'Vergelijken', pipCrumb(ref.id)),
    header,
    clientId: ref.id,
    a,
    b,
    rows,
    changedCount: rows.filter((r) => r.changed).length,
    versionOptions: versions.map((v) => ({ value: String(v.versionNo), label: `Versie ${v.versionNo} (${formatDateShort(v.vastgesteldOn)})` })),
    today: actor.today,
  };
}

/** The latest PIP for the provider (no BSN, health or finances) or for the client to print. */
export function loadPipHandout(deps: Deps, actor: Actor, clientId: unknown, kind: 'share' | 'print') {
  const ref = loadClient(deps, actor, clientId);
  const version = listPipVersions(deps.db, ref.id)[0];
  if (!version) throw notFound('Er is nog geen PIP vastgesteld.');
  actor.audit(kind === 'share' ? 'pip-aanbiederversie-bekeken' : 'pip-afdrukversie-bekeken', 'pip', { clientId: ref.id });
  const client = findClientDetail(deps.db, ref.id)!;
  const name = `${client.firstName} ${client.lastName}`;
  return {
    breadcrumbs: kind === 'share' ? crumbs(ref.id, name, 'Voor de aanbieder', pipCrumb(ref.id)) : [],
    client,
    clientId: ref.id,
    version,
    c: version.content,
    termijnEnd: findClientStatus(deps.db, ref.id)?.termijn_end ?? null,
    dv: (k: keyof PipContent) => displayValue(k, version.content),
    ROUTE_LABELS,
    CORE_VALUE_LABELS,
  };
}

/** The goal rows that can be stored; adds the messages of the rows (an unknown domain, the rows' own) to `errors`. */
function checkGoalRows(deps: Deps, rows: PipGoalRow[], errors: FieldErrors): PipContent['domainGoals'] {
  const domains = new Map(allLeefdomeinen(deps.db).map((d) => [d.id, d.name]));
  const goals: PipContent['domainGoals'] = [];
  for (const r of rows) {
    const domainId = Number(r.domain);
    const domain = r.domain ? domains.get(domainId) : undefined;
    if (domain === undefined) errors[`goal_domain_${r.index}`] = `Kies het leefdomein bij doel ${r.index + 1}`;
    Object.assign(errors, r.errors);
    if (domain !== undefined && !Object.keys(r.errors).length) {
      goals.push({ leefdomeinId: domainId, leefdomein: domain, goal: r.goal, targetOn: r.targetOn });
    }
  }
  return goals;
}

/** The rules of a PIP version that need the stored data: the reason of a later version, its date, the providers. */
function checkFields(deps: Deps, d: PipFields, latest: PipVersion | null, errors: FieldErrors): RevisionReason {
  let reason: RevisionReason = 'FIRST';
  if (latest) {
    if (!d.revisionReason) errors.revisionReason = 'Kies waarom er een nieuwe versie van het PIP komt';
    else reason = d.revisionReason;
    if (d.revisionReason === 'OTHER' && !d.revisionNote) errors.revisionNote = 'Licht de reden toe als u ‘Andere reden’ kiest';
    if (d.vastgesteldOn < latest.vastgesteldOn) {
      errors.vastgesteldOn = `De datum kan niet voor de vorige versie liggen (${formatDateShort(latest.vastgesteldOn)})`;
    }
  }
  if (d.pvtActivity && !d.pvtCoreValue) errors.pvtCoreValue = 'Koppel de PVT-activiteit aan een van de vier kernwaarden';
  if (d.taalaanbiederId !== null && findProvider(deps.db, d.taalaanbiederId)?.kind !== 'TAALAANBIEDER') {
    errors.taalaanbiederId = 'Kies een taalaanbieder uit de lijst';
  }
  if (d.participatiecoachId !== null && findProvider(deps.db, d.participatiecoachId)?.kind !== 'PARTICIPATIECOACH') {
    errors.participatiecoachId = 'Kies een participatiecoach uit de lijst';
  }
  return reason;
}

/**
 * Sets the PIP: the first version (which starts the inburgeringstermijn) or a new version with its reason. Earlier
 * versions are kept. Needs a route; without one the refusal is `invalid` with a `_form` message (the page then
 * shows that a route comes first).
 */
export function setPip(deps: Deps, actor: Actor, clientId: unknown, form: PipForm): Result<{ clientId: number; message: string }> {
  const { db } = deps;
  const client = loadClient(deps, actor, clientId);
  if (client.closedOn) return { ok: false, refusal: { kind: 'closed', message: CLOSED_MESSAGE } };
  const route = currentRoute(db, client.id);
  if (!route) return invalid({ _form: 'Voor het PIP is eerst een route nodig.' });
  const latest = listPipVersions(db, client.id)[0] ?? null;
  const errors: FieldErrors = form.fields.ok ? {} : { ...form.fields.errors };
  const goals = checkGoalRows(deps, form.goals, errors);
  const reason = form.fields.ok ? checkFields(deps, form.fields.data, latest, errors) : 'FIRST';
  if (!form.fields.ok || Object.keys(errors).length) return invalid(errors);
  const d = form.fields.data;
  const providerName = (id: number | null) => (id ? (findProvider(db, id)?.name ?? null) : null);
  const content = pipContentSchema.parse({
    route,
    taalaanbiederId: d.taalaanbiederId,
    taalaanbiederName: providerName(d.taalaanbiederId),
    participatiecoachId: d.participatiecoachId,
    participatiecoachName: providerName(d.participatiecoachId),
    languageGoal: d.languageGoal,
    participationGoals: d.participationGoals,
    hoursPerWeekLanguage: d.hoursPerWeekLanguage,
    hoursPerWeekParticipation: d.hoursPerWeekParticipation,
    domainGoals: goals,
    mapThemes: d.mapThemes,
    mapPractice: d.mapPractice,
    mapWorkingExemption: d.mapWorkingExemption,
    pvtHours: d.pvtHours,
    pvtCoreValue: d.pvtCoreValue,
    pvtActivity: d.pvtActivity,
    pvtSigningPlannedOn: d.pvtSigningPlannedOn,
    knm: d.knm,
    supportOntzorgen: d.supportOntzorgen,
    supportBegeleiding: d.supportBegeleiding,
    supportInterpreter: d.supportInterpreter,
  });
  const termijnEndNow = () => findClientStatus(db, client.id)?.termijn_end ?? null;
  const saved = changeDossier(deps, actor, client.id, () => {
    const no = addPipVersion(
      db,
      { clientId: client.id, vastgesteldOn: d.vastgesteldOn, revisionReason: reason, revisionNote: d.revisionNote, content, userId: actor.user.id },
      actor.nowIso,
    );
    let summary = `PIP versie ${no} vastgesteld: ${REVISION_REASON_LABELS[reason].toLowerCase()}`;
    if (no === 1) {
      // The first version starts the termijn, which the timeline line names: derive the status before writing it
      // (changeDossier refreshes it again after the event; the timeline does not change the status).
      refreshClientStatus(db, client.id, actor.today);
      const end = termijnEndNow();
      summary = `PIP vastgesteld (versie 1, ${ROUTE_LABELS[route]}); de inburgeringstermijn loopt tot ${end ? formatDateShort(end) : '–'}`;
    }
    // ref_id is the version number (not the row id), as it always was.
    return { value: no, events: [{ kind: 'PIP_VERSION', summary, occurredOn: d.vastgesteldOn, refTable: 'pip_versions', refId: no }] };
  });
  const versionNo = saved!.value;
  actor.audit(versionNo === 1 ? 'pip-vastgesteld' : 'pip-herzien', 'pip', { clientId: client.id });
  return ok({
    clientId: client.id,
    message:
      versionNo === 1
        ? `Het PIP is vastgesteld. De inburgeringstermijn loopt tot en met ${formatDate(termijnEndNow())}.`
        : `Versie ${versionNo} van het PIP is vastgesteld.`,
  });
}
