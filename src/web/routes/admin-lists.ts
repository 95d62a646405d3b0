import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import {
  addListItem,
  changeListItem,
  findList,
  type ListItemInput,
  type ListKind,
  loadListItemPage,
  loadListsPage,
  PROVIDER_KINDS,
  setListItemActive,
} from '../../app/admin-lists.js';
import { actorOf } from '../actor.js';
import { adminOnly, formVersion, showAdminRefusal } from '../admin-conflict.js';
import type { Services } from '../services.js';
import { choice, optionalText, parseInput, requiredNumber, requiredText } from '../validation.js';

const SCHEMAS: Record<ListKind, z.ZodType<ListItemInput>> = {
  leefdomeinen: z.object({
    name: requiredText('de naam', 100),
    sortOrder: requiredNumber('de volgorde', { integer: true, min: 0, max: 999 }),
  }),
  activity_kinds: z.object({ name: requiredText('de naam', 100) }),
  providers: z.object({
    name: requiredText('de naam', 150),
    kind: choice('het soort aanbieder', PROVIDER_KINDS),
    contact: optionalText('het contact', 500),
  }),
};

/** The item form of the list a URL names (an unknown list is refused by the use case before it looks at this). */
function parseItemForm(slug: unknown, body: unknown) {
  const list = findList(slug);
  return list ? parseInput(SCHEMAS[list.kind], body) : { ok: false as const, errors: {} };
}

/** Functioneel beheer: leefdomeinen, activity kinds and providers. Add, edit, (de)activate; never delete. */
export function adminListsRouter(services: Services): Router {
  const router = Router();
  router.use(adminOnly(services));

  function renderLists(req: Request, res: Response, status = 200, extra: Record<string, unknown> = {}) {
    res.status(status).render('admin/lists', {
      title: 'Lijsten',
      breadcrumbs: [{ href: '/', label: 'Beheer' }, { label: 'Lijsten' }],
      ...loadListsPage(services, actorOf(req, services)),
      ...extra,
    });
  }

  type FormPage = ReturnType<typeof loadListItemPage>;
  function renderForm(req: Request, res: Response, itemId: unknown, status = 200, extra: (page: FormPage) => object = () => ({})) {
    const page = loadListItemPage(services, actorOf(req, services), req.params.list, itemId);
    res.status(status).render('admin/list-form', {
      title: page.label,
      heading: page.label,
      breadcrumbs: [{ href: '/', label: 'Beheer' }, { href: '/admin/lists', label: 'Lijsten' }, { label: page.label }],
      ...page,
      errors: {},
      ...extra(page),
    });
  }

  router.get('/', (req, res) => renderLists(req, res));

  router.get('/:list/new', (req, res) => renderForm(req, res, null));

  router.post('/:list/new', (req, res) => {
    const result = addListItem(services, actorOf(req, services), req.params.list, parseItemForm(req.params.list, req.body));
    if (!result.ok) {
      showAdminRefusal(result.refusal, (status, shown) => renderForm(req, res, null, status, () => ({ values: req.body ?? {}, ...shown })));
      return;
    }
    req.session.flash = { kind: 'ok', message: result.value.message };
    res.redirect(303, `/admin/lists#${req.params.list}`);
  });

  router.get('/:list/:id', (req, res) => renderForm(req, res, req.params.id));

  router.post('/:list/:id', (req, res) => {
    const actor = actorOf(req, services);
    const form = parseItemForm(req.params.list, req.body);
    const result = changeListItem(services, actor, req.params.list, req.params.id, formVersion(req.body), form);
    if (!result.ok) {
      // A stale save shows what the admin typed (not lost) with the stored version, so a second save is deliberate.
      showAdminRefusal(result.refusal, (status, shown) =>
        renderForm(req, res, req.params.id, status, (page) => ({
          values: shown.conflict ? { ...req.body, version: page.item!.version } : (req.body ?? {}),
          ...shown,
        })),
      );
      return;
    }
    req.session.flash = { kind: 'ok', message: result.value.message };
    res.redirect(303, `/admin/lists#${req.params.list}`);
  });

  router.post('/:list/:id/active', (req, res) => {
    const active = req.body?.active === '1';
    const actor = actorOf(req, services);
    const result = setListItemActive(services, actor, req.params.list, req.params.id, formVersion(req.body), active);
    if (!result.ok) {
      showAdminRefusal(result.refusal, (status, shown) => renderLists(req, res, status, shown));
      return;
    }
    req.session.flash = { kind: 'ok', message: result.value.message };
    res.redirect(303, `/admin/lists#${req.params.list}`);
  });

  return router;
}
