import { type Request, type Response, Router } from 'express';
import {
  addRuleVersion,
  loadNewRulesPage,
  loadRulesPage,
  loadRuleVersionPage,
  previewRuleVersion,
} from '../../app/admin-rules.js';
import type { FieldErrors } from '../../app/result.js';
import { actorOf } from '../actor.js';
import { adminOnly } from '../admin-conflict.js';
import { type FormValues, parseRuleForm, valuesFromBody, valuesFromRuleSet } from '../forms/admin-rules-form.js';
import type { Services } from '../services.js';
import { formatDate } from '../view-helpers.js';

const BREADCRUMBS = [
  { href: '/', label: 'Beheer' },
  { href: '/admin/rules', label: 'Regels' },
];

/** Functioneel beheer: the route rules and hour norms, versioned by effective date. */
export function adminRulesRouter(services: Services): Router {
  const router = Router();
  router.use(adminOnly(services));

  router.get('/', (req, res) => {
    res.render('admin/rules', {
      title: 'Regels en urennormen',
      breadcrumbs: [{ href: '/', label: 'Beheer' }, { label: 'Regels' }],
      ...loadRulesPage(services, actorOf(req, services)),
    });
  });

  type FormPage = ReturnType<typeof loadNewRulesPage>;
  function renderForm(req: Request, res: Response, status: number, extra: (page: FormPage) => { values: FormValues } & object) {
    const page = loadNewRulesPage(services, actorOf(req, services));
    res.status(status).render('admin/rules-form', {
      title: 'Nieuwe versie van de regels',
      breadcrumbs: [...BREADCRUMBS, { label: 'Nieuwe versie' }],
      ...page,
      errors: {},
      ...extra(page),
    });
  }

  router.get('/new', (req, res) => {
    renderForm(req, res, 200, (page) => ({ values: { ...valuesFromRuleSet(page.rules), effectiveFrom: '', note: '' } }));
  });

  router.post('/new', (req, res) => {
    const actor = actorOf(req, services);
    const values = valuesFromBody(req.body ?? {});
    const form = parseRuleForm(values);
    const refused = (errors: FieldErrors) => renderForm(req, res, 400, () => ({ values, errors }));
    if (req.body?.action !== 'save') {
      const preview = previewRuleVersion(services, actor, form);
      if (!preview.ok) refused(preview.refusal.errors);
      else renderForm(req, res, 200, () => ({ values, impact: preview.value }));
      return;
    }
    const result = addRuleVersion(services, actor, form);
    if (!result.ok) {
      refused(result.refusal.errors);
      return;
    }
    req.session.flash = { kind: 'ok', message: result.value.message };
    res.redirect(303, `/admin/rules/versions/${result.value.id}`);
  });

  router.get('/versions/:id', (req, res) => {
    const page = loadRuleVersionPage(services, actorOf(req, services), req.params.id);
    res.render('admin/rules-version', {
      title: `Regels vanaf ${formatDate(page.version.effectiveFrom)}`,
      breadcrumbs: [...BREADCRUMBS, { label: `Versie ${page.version.id}` }],
      ...page,
    });
  });

  return router;
}
