import type { Request, Response } from 'express';
import type { Actor } from '../app/actor.js';
import type { Deps } from '../app/deps.js';
import type { FieldErrors, Result } from '../app/result.js';
import { actorOf } from './actor.js';
import { showRefusal } from './refusals.js';

/** The state of the page's forms: the messages, what was typed, and which form they belong to (opened). */
export interface FormState {
  errors?: FieldErrors;
  values?: unknown;
  form?: string;
}

/**
 * A dossier page that holds several small forms (language and exams, closure and termijn, an exam's result):
 * `render` shows it (titled `title` – client name) with the state of one form; `finish` ends a form's POST the one way these pages do. A saved
 * write redirects with its message; a refused one shows the page again (loaded by `model`, without a second view
 * audit row) with the messages and what was typed: invalid 400, stale 409, and a closed dossier 409 with why.
 */
export function dossierFormPage<P extends { client: { firstName: string; lastName: string } }>(
  deps: Deps,
  view: string,
  model: (deps: Deps, actor: Actor, req: Request) => P,
  title: (page: P) => string,
) {
  function render(res: Response, page: P, status = 200, state: FormState = {}): void {
    res.status(status).render(view, {
      title: `${title(page)} – ${page.client.firstName} ${page.client.lastName}`,
      ...page,
      form: state.form ?? null,
      errors: state.errors ?? {},
      values: state.values ?? {},
    });
  }

  function finish(req: Request, res: Response, result: Result<{ message: string }>, redirectTo: string, form?: string): void {
    if (!result.ok) {
      const again = (status: number, errors: FieldErrors) =>
        render(res, model(deps, actorOf(req, deps), req), status, { errors, values: req.body, form });
      showRefusal(result.refusal, { form: again, closed: (message) => again(409, { _form: message }) });
      return;
    }
    req.session.flash = { kind: 'ok', message: result.value.message };
    res.redirect(303, redirectTo);
  }

  return { render, finish };
}
