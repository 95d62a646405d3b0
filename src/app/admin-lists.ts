// Functioneel beheer: the reference lists (leefdomeinen, activity kinds, providers). Items are added,
// edited and (de)activated, never deleted: dossiers refer to them.
import {
  createItem,
  findItem,
  type ListItem,
  type ListItemInput,
  type ListKind,
  listItems,
  nameTaken,
  PROVIDER_KIND_LABELS,
  PROVIDER_KINDS,
  setItemActive,
  updateItem,
} from '../db/lists.js';
import { toId } from './access.js';
import type { Actor } from './actor.js';
import {
  type AdminResult,
  capitalise,
  type Conflict,
  conflictFor,
  differences,
  refusedVersion,
  requireAdmin,
  staleSave,
} from './admin.js';
import type { Deps } from './deps.js';
import { notFound } from './errors.js';
import { invalid, ok, type Parsed } from './result.js';

export { PROVIDER_KINDS, type ListItemInput, type ListKind };

export interface ListConfig {
  kind: ListKind;
  slug: string;
  title: string;
  singular: string;
}

export const LISTS: ListConfig[] = [
  { kind: 'leefdomeinen', slug: 'leefdomeinen', title: 'Leefdomeinen', singular: 'leefdomein' },
  { kind: 'activity_kinds', slug: 'activiteiten', title: 'Soorten participatieactiviteiten', singular: 'soort activiteit' },
  { kind: 'providers', slug: 'aanbieders', title: 'Aanbieders', singular: 'aanbieder' },
];

/** The list a URL names, or undefined. */
export const findList = (slug: unknown): ListConfig | undefined => LISTS.find((l) => l.slug === slug);

const KIND_OPTIONS = PROVIDER_KINDS.map((k) => ({ value: k, label: PROVIDER_KIND_LABELS[k] }));

function listOf(slug: unknown): ListConfig {
  const config = findList(slug);
  if (!config) throw notFound();
  return config;
}

function itemOf(deps: Deps, config: ListConfig, rawId: unknown): ListItem {
  const id = toId(rawId);
  const item = id === null ? undefined : findItem(deps.db, config.kind, id);
  if (!item) throw notFound(`Deze ${config.singular} bestaat niet.`);
  return item;
}

/** All three lists with their items, in use first. */
export function loadListsPage(deps: Deps, actor: Actor) {
  requireAdmin(actor);
  return {
    lists: LISTS.map((l) => ({ ...l, items: listItems(deps.db, l.kind) })),
    kindLabels: PROVIDER_KIND_LABELS,
    conflict: null as Conflict | null,
  };
}

/** The form for a new item (`rawItemId` null) or an existing one, with the values it starts with. */
export function loadListItemPage(deps: Deps, actor: Actor, slug: unknown, rawItemId: unknown) {
  requireAdmin(actor);
  const config = listOf(slug);
  const item = rawItemId === null ? null : itemOf(deps, config, rawItemId);
  const label = `${capitalise(config.singular)} ${item ? 'wijzigen' : 'toevoegen'}`;
  const values: Record<string, unknown> = item
    ? { name: item.name, sortOrder: item.sortOrder, kind: item.kind, contact: item.contact, version: item.version }
    : { sortOrder: config.kind === 'leefdomeinen' ? String(nextSortOrder(deps)) : '' };
  return { config, item, label, kindOptions: KIND_OPTIONS, conflict: null as Conflict | null, values };
}

function nextSortOrder(deps: Deps): number {
  return Math.max(0, ...listItems(deps.db, 'leefdomeinen').map((l) => l.sortOrder ?? 0)) + 1;
}

/** Adds an item to a list; a name already in the list (any case) is refused. */
export function addListItem(deps: Deps, actor: Actor, slug: unknown, form: Parsed<ListItemInput>): AdminResult<{ message: string }> {
  requireAdmin(actor);
  const config = listOf(slug);
  if (!form.ok) return invalid(form.errors);
  const input = form.data;
  const { db } = deps;
  const id = db.transaction(() => (nameTaken(db, config.kind, input.name) ? null : createItem(db, config.kind, input)))();
  if (id === null) return nameRefused(config, input);
  actor.audit('lijst-toegevoegd', 'beheer', { details: `${config.kind} ${id}: ${input.name}` });
  return ok({ message: `${capitalise(config.singular)} "${input.name}" is toegevoegd.` });
}

/** Changes an item; refused when someone else saved it after the form was loaded (`version`). */
export function changeListItem(
  deps: Deps,
  actor: Actor,
  slug: unknown,
  rawItemId: unknown,
  version: number | null,
  form: Parsed<ListItemInput>,
): AdminResult<{ message: string }> {
  requireAdmin(actor);
  const config = listOf(slug);
  const item = itemOf(deps, config, rawItemId);
  if (!form.ok) return invalid(form.errors);
  const input = form.data;
  const { db } = deps;
  const result = db.transaction((): 'taken' | 'saved' | 'stale' => {
    if (nameTaken(db, config.kind, input.name, item.id)) return 'taken';
    return version !== null && updateItem(db, config.kind, item.id, version, input) ? 'saved' : 'stale';
  })();
  if (result === 'taken') return nameRefused(config, input);
  if (result === 'stale') {
    const fresh = findItem(db, config.kind, item.id)!;
    auditRefusal(actor, config, fresh, version, 'wijzigen');
    return staleSave(version, conflictFor(version, `deze ${config.singular}`, itemDifferences(config, fresh, input)));
  }
  actor.audit('lijst-gewijzigd', 'beheer', { details: `${config.kind} ${item.id}: ${input.name}` });
  return ok({ message: `${capitalise(config.singular)} "${input.name}" is gewijzigd.` });
}

/**
 * Takes an item out of use (existing dossiers keep it; new choices no longer show it) or back in. Refused
 * when the overview it was chosen from is stale (`version`).
 */
export function setListItemActive(
  deps: Deps,
  actor: Actor,
  slug: unknown,
  rawItemId: unknown,
  version: number | null,
  active: boolean,
): AdminResult<{ message: string }> {
  requireAdmin(actor);
  const config = listOf(slug);
  const item = itemOf(deps, config, rawItemId);
  const { db } = deps;
  const done = version !== null && db.transaction(() => setItemActive(db, config.kind, item.id, version, active))();
  if (!done) {
    auditRefusal(actor, config, item, version, active ? 'aanzetten' : 'uitzetten');
    const what = `${config.singular} "${item.name}"`;
    const state = active ? 'weer in gebruik' : 'uitgezet';
    return staleSave(version, {
      title: `Niet ${active ? 'aangezet' : 'uitgezet'}: ${version === null ? 'controleer eerst de lijst' : `iemand anders heeft ${what} intussen gewijzigd`}`,
      text:
        item.active === active
          ? `${capitalise(what)} is intussen al ${state}. U hoeft niets meer te doen.`
          : `Er is niets gewijzigd. Hieronder ziet u de lijst zoals die nu is opgeslagen; kies zo nodig opnieuw ‘${active ? 'Weer gebruiken' : 'Uitzetten'}’ bij ${what}.`,
      rows: [],
    });
  }
  actor.audit(active ? 'lijst-geactiveerd' : 'lijst-gedeactiveerd', 'beheer', { details: `${config.kind} ${item.id}: ${item.name}` });
  return ok({
    message: active
      ? `${capitalise(config.singular)} "${item.name}" is weer in gebruik.`
      : `${capitalise(config.singular)} "${item.name}" is uitgezet. Bestaande dossiers houden deze waarde; nieuwe keuzes tonen hem niet meer.`,
  });
}

function nameRefused(config: ListConfig, input: ListItemInput) {
  return invalid({ name: `Er is al een ${config.singular} met de naam "${input.name}". Kies een andere naam.` });
}

/** A refused stale (or version-less) save: audited as an error, nothing changes. */
function auditRefusal(actor: Actor, config: ListConfig, item: ListItem, version: number | null, action: string) {
  actor.audit('lijst-wijziging-geweigerd', 'beheer', {
    outcome: 'error',
    details: `${config.kind} ${item.id}: ${action} geweigerd, ${refusedVersion(version, item.version)}`,
  });
}

/** Fields where the stored item differs from what the admin typed (for the conflict message). */
function itemDifferences(config: ListConfig, stored: ListItem, input: ListItemInput) {
  const fields: [string, string, string][] = [['Naam', stored.name, input.name]];
  if (config.kind === 'leefdomeinen') fields.push(['Volgorde', String(stored.sortOrder ?? ''), String(input.sortOrder ?? '')]);
  if (config.kind === 'providers') {
    fields.push(
      ['Soort aanbieder', stored.kind ? PROVIDER_KIND_LABELS[stored.kind] : '', input.kind ? PROVIDER_KIND_LABELS[input.kind] : ''],
      ['Contact', stored.contact ?? '', input.contact ?? ''],
    );
  }
  return differences(fields);
}
