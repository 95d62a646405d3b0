// TEMPORARY (issue 16): the old progress-page helpers for the routes not yet moved onto src/app. Removed once no
// route imports it; new code uses loadClientPage/closedRefusal (src/app/client-page.ts) and src/web/refusals.ts.
import type { Request, Response } from 'express';
import { type ClientPage, closedMessage, loadClientPage } from '../app/client-page.js';
import { actorOf } from './actor.js';
import type { Services } from './services.js';

export type { ClientPage } from '../app/client-page.js';
export { hourBars, absencePct } from '../app/hour-bars.js';
export { HOUR_KIND_LABELS } from '../app/labels.js';

export function clientPage(req: Request, services: Services): ClientPage {
  return loadClientPage(services, actorOf(req, services), req.params.id);
}

export function refuseWhenClosed(req: Request, res: Response, page: ClientPage, what: string): boolean {
  if (!page.client.closedOn) return false;
  req.audit('wijziging-geweigerd-afgesloten', 'voortgang', { clientId: page.client.id, outcome: 'error' });
  res.status(409).render('hours/closed', { title: 'Traject afgesloten', ...page, message: closedMessage(page.client, what) });
  return true;
}
