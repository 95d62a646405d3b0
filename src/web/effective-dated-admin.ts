// The router of an admin page that keeps a versioned set of numbers with an effective date (targets, retention
// terms): the page shows the versions and a flat form prefilled from the set in force; a refused form comes back
// with what was typed and the messages next to the fields; a saved version redirects with its message.
import { type Request, type Response, Router } from 'express';
import type { z } from 'zod';
import type { Actor } from '../app/actor.js';
import type { FieldErrors, Parsed, Result } from '../app/result.js';
import { actorOf } from './actor.js';
import { adminOnly } from './admin-conflict.js';
import type { Services } from './services.js';
import { parseInput } from './validation.js';

export interface EffectiveDatedAdminPage<Page extends { current: Set }, Set, Form> {
  view: string;
  title: string;
  crumb: string;
  /** Where the router is mounted (the redirect after saving). */
  path: string;
  load(services: Services, actor: Actor): Page;
  add(services: Services, actor: Actor, form: Parsed<Form>): Result<{ message: string }, { kind: 'invalid'; errors: FieldErrors }>;
  formSchema: z.ZodType<Form>;
  /** The flat form values of a set (one field per number). */
  valuesOf(set: Set): Record<string, unknown>;
  /** Every field of the form besides effectiveFrom and note, to give back what was typed. */
  fields: readonly string[];
}

export function effectiveDatedAdminRouter<Page extends { current: Set }, Set, Form>(
  services: Services,
  def: EffectiveDatedAdminPage<Page, Set, Form>,
): Router {
  const router = Router();
  router.use(adminOnly(services));

  function render(req: Request, res: Response, status: number, values?: Record<string, unknown>, errors: FieldErrors = {}) {
    const page = def.load(services, actorOf(req, services));
    res.status(status).render(def.view, {
      title: def.title,
      breadcrumbs: [{ href: '/', label: 'Beheer' }, { label: def.crumb }],
      ...page,
      values: values ?? { ...def.valuesOf(page.current), effectiveFrom: '', note: '' },
      errors,
    });
  }

  router.get('/', (req, res) => render(req, res, 200));

  router.post('/', (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const result = def.add(services, actorOf(req, services), parseInput(def.formSchema, body));
    if (!result.ok) {
      const keys = ['effectiveFrom', 'note', ...def.fields];
      render(req, res, 400, Object.fromEntries(keys.map((k) => [k, typeof body[k] === 'string' ? body[k] : ''])), result.refusal.errors);
      return;
    }
    req.session.flash = { kind: 'ok', message: result.value.message };
    res.redirect(303, def.path);
  });

  return router;
}
