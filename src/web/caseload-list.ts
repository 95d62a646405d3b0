import type { Request, Response } from 'express';
import { loadCaseloadPage } from '../app/caseload.js';
import { actorOf } from './actor.js';
import { readCaseloadQuery } from './forms/caseload-query.js';
import type { Services } from './services.js';

/**
 * Renders the client list /caseload (a consulent's own clients, a teamleider's team) for the given query
 * parameters: the request's, or those of the page a refused form came from (then with `status`, `errors` and
 * `values` in `extra`). Shared by the caseload routes and the team's reassignment form.
 */
export function renderCaseloadList(
  req: Request,
  res: Response,
  services: Services,
  o: { query: Record<string, unknown>; status?: number; extra?: Record<string, unknown> },
): void {
  const actor = actorOf(req, services);
  const page = loadCaseloadPage(services, actor, readCaseloadQuery(o.query));
  res.status(o.status ?? 200).render('caseload/index', {
    title: actor.user.role === 'consulent' ? 'Mijn cliënten' : 'Cliënten van het team',
    ...page,
    ...o.extra,
  });
}
