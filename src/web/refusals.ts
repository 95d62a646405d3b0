import type { Request, Response } from 'express';
import { loadClientPage } from '../app/client-page.js';
import type { Deps } from '../app/deps.js';
import { conflict } from '../app/errors.js';
import type { FieldErrors, Refusal } from '../app/result.js';
import { actorOf } from './actor.js';

/**
 * Shows a refused write the one way every form does: invalid input (400) and a stale version (409) re-render
 * the form with the messages and everything typed; a closed dossier gets its read-only page (409); any other
 * conflict the error page (409). `form` renders the form page with the given status and errors.
 */
export function showRefusal(
  refusal: Refusal,
  handlers: { form(status: number, errors: FieldErrors): void; closed(message: string): void },
): void {
  switch (refusal.kind) {
    case 'invalid':
      handlers.form(400, refusal.errors);
      return;
    case 'stale':
      handlers.form(409, { _form: refusal.message });
      return;
    case 'closed':
      handlers.closed(refusal.message);
      return;
    case 'conflict':
      throw conflict(refusal.message);
  }
}

/** The 409 page of a closed trajectory on the progress tabs (hours, decisions, conversations, …). */
export function renderClosedProgress(req: Request, res: Response, deps: Deps, message: string): void {
  const page = loadClientPage(deps, actorOf(req, deps), req.params.id);
  res.status(409).render('hours/closed', { title: 'Traject afgesloten', ...page, message });
}

/** The 409 page of a closed dossier on the dossier's own forms (intake, route, PIP, client data). */
export function renderClosedDossier(res: Response, clientId: number | string, message: string): void {
  res.status(409).render('clients/closed', { title: 'Dossier afgesloten', message, clientId });
}
