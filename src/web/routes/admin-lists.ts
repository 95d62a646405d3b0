import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import {
  createItem,
  findItem,
  type ListItem,
  type ListKind,
  listItems,
  nameTaken,
  PROVIDER_KIND_LABELS,
  PROVIDER_KINDS,
  type ProviderKind,
  setItemActive,
  updateItem,
} from '../../db/lists.js';
import { type ConflictRow, conflictFor, differences, formVersion, typed } from '../admin-conflict.js';
import type { Services } from '../services.js';
import { notFound } from '../http-errors.js';
import { requireRole } from '../middleware/auth.js';
import { choice, idParam, optionalText, parseInput, requiredNumber, requiredText } from '../validation.js';

interface ListConfig {
  kind: ListKind;
  slug: string;
  title: string;
  singular: string;
  schema: z.ZodType<{ name: string; sortOrder?: number; kind?: (typeof PROVIDER_KINDS)[number]; contact?: string | null }>;
}

const LISTS: ListConfig[] = [
  {
    kind: 'leefdomeinen',
    slug: 'leefdomeinen',
    title: 'Leefdomeinen',
    singular: 'leefdomein',
    schema: z.object({
      name: requiredText('de naam', 100),
      sortOrder: requiredNumber('de volgorde', { integer: true, min: 0, max: 999 }),
    }),
  },
  {
    kind: 'activity_kinds',
    slug: 'activiteiten',
    title: 'Soorten participatieactiviteiten',
    singular: 'soort activiteit',
    schema: z.object({ name: requiredText('de naam', 100) }),
  },
  {
    kind: 'providers',
    slug: 'aanbieders',
    title: 'Aanbieders',
    singular: 'aanbieder',
    schema: z.object({
      name: requiredText('de naam', 150),
      kind: choice('het soort aanbieder', PROVIDER_KINDS),
      contact: optionalText('het contact', 500),
    }),
  },
];

const KIND_OPTIONS = PROVIDER_KINDS.map((k) => ({ value: k, label: PROVIDER_KIND_LABELS[k] }));

function configOf(slug: unknown): ListConfig {
  const config = LISTS.find((l) => l.slug === slug);
  if (!config) throw notFound();
  return config;
}

function itemOf(services: Services, config: ListConfig, rawId: unknown): ListItem {
  const id = idParam.safeParse(rawId);
  const item = id.success ? findItem(services.db, config.kind, id.data) : undefined;
  if (!item) throw notFound(`Deze ${config.singular} bestaat niet.`);
  return item;
}

/** Functioneel beheer: leefdomeinen, activity kinds and providers. Add, edit, (de)activate; never delete. */
export function adminListsRouter(services: Services): Router {
  const { db } = services;
  const router = Router();
  router.use(requireRole('admin'));

  function renderLists(res: Response, extra: Record<string, unknown> = {}, status = 200) {
    res.status(status).render('admin/lists', {
      title: 'Lijsten',
      breadcrumbs: [{ href: '/', label: 'Beheer' }, { label: 'Lijsten' }],
      lists: LISTS.map((l) => ({ ...l, items: listItems(db, l.kind) })),
      kindLabels: PROVIDER_KIND_LABELS,
      conflict: null,
      ...extra,
    });
  }

  router.get('/', (_req, res) => renderLists(res));

  /** A refused stale (or version-less) save: audited as an error, nothing changes. */
  function refuse(req: Request, config: ListConfig, item: ListItem, version: number | null, action: string) {
    req.audit('lijst-wijziging-geweigerd', 'beheer', {
      outcome: 'error',
      details: `${config.kind} ${item.id}: ${action} geweigerd, ${version === null ? 'geen geldige versie' : `versie ${version} verouderd`} (nu ${item.version})`,
    });
  }

  function renderForm(res: Response, config: ListConfig, item: ListItem | null, extra: Record<string, unknown>, status = 200) {
    const label = item ? `${capitalise(config.singular)} wijzigen` : `${capitalise(config.singular)} toevoegen`;
    res.status(status).render('admin/list-form', {
      title: label,
      heading: label,
      breadcrumbs: [{ href: '/', label: 'Beheer' }, { href: '/admin/lists', label: 'Lijsten' }, { label }],
      config,
      item,
      kindOptions: KIND_OPTIONS,
      errors: {},
      conflict: null,
      ...extra,
    });
  }

  function save(req: Request, res: Response, config: ListConfig, item: ListItem | null) {
    const values = req.body ?? {};
    const parsed = parseInput(config.schema, values);
    if (!parsed.ok) {
      renderForm(res, config, item, { values, errors: parsed.errors }, 400);
      return;
    }
    const input = parsed.data;
    const version = item ? formVersion(values) : null;
    const result = db.transaction((): number | null | 'stale' => {
      if (nameTaken(db, config.kind, input.name, item?.id)) return null;
      if (item) {
        return version !== null && updateItem(db, config.kind, item.id, version, input) ? item.id : 'stale';
      }
      return createItem(db, config.kind, input);
    })();
    if (result === 'stale') {
      // Nothing saved: the form again with what the admin typed, what is stored now, and the current version.
      const fresh = findItem(db, config.kind, item!.id)!;
      refuse(req, config, fresh, version, 'wijzigen');
      renderForm(
        res,
        config,
        fresh,
        {
          values: { ...values, version: fresh.version },
          conflict: conflictFor(version, `deze ${config.singular}`, itemDifferences(config, fresh, values, input)),
        },
        version === null ? 400 : 409,
      );
      return;
    }
    if (result === null) {
      renderForm(
        res,
        config,
        item,
        { values, errors: { name: `Er is al een ${config.singular} met de naam "${input.name}". Kies een andere naam.` } },
        400,
      );
      return;
    }
    req.audit(item ? 'lijst-gewijzigd' : 'lijst-toegevoegd', 'beheer', {
      details: `${config.kind} ${result}: ${input.name}`,
    });
    req.session.flash = {
      kind: 'ok',
      message: `${capitalise(config.singular)} "${input.name}" is ${item ? 'gewijzigd' : 'toegevoegd'}.`,
    };
    res.redirect(303, `/admin/lists#${config.slug}`);
  }

  router.get('/:list/new', (req, res) => {
    const config = configOf(req.params.list);
    renderForm(res, config, null, { values: { sortOrder: config.kind === 'leefdomeinen' ? String(nextSort(db)) : '' } });
  });

  router.post('/:list/new', (req, res) => {
    save(req, res, configOf(req.params.list), null);
  });

  router.get('/:list/:id', (req, res) => {
    const config = configOf(req.params.list);
    const item = itemOf(services, config, req.params.id);
    renderForm(res, config, item, {
      values: { name: item.name, sortOrder: item.sortOrder, kind: item.kind, contact: item.contact, version: item.version },
    });
  });

  router.post('/:list/:id', (req, res) => {
    const config = configOf(req.params.list);
    save(req, res, config, itemOf(services, config, req.params.id));
  });

  router.post('/:list/:id/active', (req, res) => {
    const config = configOf(req.params.list);
    const item = itemOf(services, config, req.params.id);
    const active = req.body?.active === '1';
    const version = formVersion(req.body);
    const done = version !== null && db.transaction(() => setItemActive(db, config.kind, item.id, version, active))();
    if (!done) {
      refuse(req, config, item, version, active ? 'aanzetten' : 'uitzetten');
      const what = `${config.singular} "${item.name}"`;
      const state = active ? 'weer in gebruik' : 'uitgezet';
      renderLists(
        res,
        {
          conflict: {
            title: `Niet ${active ? 'aangezet' : 'uitgezet'}: ${version === null ? 'controleer eerst de lijst' : `iemand anders heeft ${what} intussen gewijzigd`}`,
            text:
              item.active === active
                ? `${capitalise(what)} is intussen al ${state}. U hoeft niets meer te doen.`
                : `Er is niets gewijzigd. Hieronder ziet u de lijst zoals die nu is opgeslagen; kies zo nodig opnieuw ‘${active ? 'Weer gebruiken' : 'Uitzetten'}’ bij ${what}.`,
            rows: [],
          },
        },
        version === null ? 400 : 409,
      );
      return;
    }
    req.audit(active ? 'lijst-geactiveerd' : 'lijst-gedeactiveerd', 'beheer', {
      details: `${config.kind} ${item.id}: ${item.name}`,
    });
    req.session.flash = {
      kind: 'ok',
      message: active
        ? `${capitalise(config.singular)} "${item.name}" is weer in gebruik.`
        : `${capitalise(config.singular)} "${item.name}" is uitgezet. Bestaande dossiers houden deze waarde; nieuwe keuzes tonen hem niet meer.`,
    };
    res.redirect(303, `/admin/lists#${config.slug}`);
  });

  return router;
}

/** Fields where the stored item differs from what the admin typed (for the conflict message). */
function itemDifferences(
  config: ListConfig,
  stored: ListItem,
  values: Record<string, unknown>,
  input: { sortOrder?: number; kind?: ProviderKind; contact?: string | null },
): ConflictRow[] {
  const fields: [string, string, string][] = [['Naam', stored.name, typed(values.name)]];
  if (config.kind === 'leefdomeinen') fields.push(['Volgorde', String(stored.sortOrder ?? ''), String(input.sortOrder ?? '')]);
  if (config.kind === 'providers') {
    fields.push(
      ['Soort aanbieder', stored.kind ? PROVIDER_KIND_LABELS[stored.kind] : '', input.kind ? PROVIDER_KIND_LABELS[input.kind] : ''],
      ['Contact', stored.contact ?? '', input.contact ?? ''],
    );
  }
  return differences(fields);
}

function nextSort(db: Services['db']): number {
  return Math.max(0, ...listItems(db, 'leefdomeinen').map((l) => l.sortOrder ?? 0)) + 1;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
