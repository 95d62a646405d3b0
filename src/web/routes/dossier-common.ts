import type { Request, Response } from 'express';
import { type ClientRef, findClientDetail, findClientStatus } from '../../db/clients.js';
import { CLOSURE_LABELS } from '../../db/closures.js';
import type { Db } from '../../db/connection.js';
import { listRouteDecisions } from '../../db/routes.js';
import { DOELGROEP_LABELS, PHASE_LABELS, type Phase, ROUTE_LABELS, type Route } from '../../domain/index.js';
import { canSeeFullBsn } from '../client-access.js';
import { notFound } from '../http-errors.js';

/** What the dossier header shows on every tab of a client's dossier. */
export interface DossierHeader {
  id: number;
  name: string;
  clientNumber: string;
  doelgroepLabel: string;
  routeLabel: string | null;
  routePending: boolean;
  phase: string;
  phaseLabel: string;
  termijnEnd: string | null;
  pipDueOn: string | null;
  pipSet: boolean;
  consulentName: string | null;
  interpreterNeeded: boolean;
  preferredLanguage: string | null;
  closedOn: string | null;
  /** How the trajectory ended (CLOSURE_LABELS), for a closed dossier. */
  closureLabel: string | null;
}

export function loadDossierHeader(db: Db, clientId: number): DossierHeader {
  const c = findClientDetail(db, clientId);
  if (!c) throw notFound('Deze cliënt bestaat niet of u heeft geen toegang.');
  const s = findClientStatus(db, clientId);
  const decisions = listRouteDecisions(db, clientId).filter((d) => d.approvalStatus !== 'REJECTED');
  const last = decisions.at(-1);
  const phase = (s?.phase ?? 'INTAKE') as Phase;
  return {
    id: c.id,
    name: `${c.firstName} ${c.lastName}`,
    clientNumber: c.clientNumber,
    doelgroepLabel: DOELGROEP_LABELS[c.doelgroep],
    routeLabel: last ? ROUTE_LABELS[last.route as Route] : null,
    routePending: last?.approvalStatus === 'PENDING',
    phase,
    phaseLabel: PHASE_LABELS[phase] ?? phase,
    termijnEnd: s?.termijn_end ?? null,
    pipDueOn: s?.pip_due_on ?? null,
    pipSet: (s?.pip_set_on ?? null) !== null,
    consulentName: c.consulentName,
    interpreterNeeded: c.interpreterNeeded,
    preferredLanguage: c.preferredLanguage,
    closedOn: c.closedOn,
    closureLabel: c.closureReason ? ((CLOSURE_LABELS as Record<string, string>)[c.closureReason] ?? null) : null,
  };
}

/** BSN as this user may see it: full for the client's own consulent, masked for everyone else. */
export function bsnFor(req: Request, client: Pick<ClientRef, 'consulentId'>, bsn: string | null, mask: (s: string) => string) {
  if (!bsn) return null;
  return req.user && canSeeFullBsn(req.user, client) ? bsn : mask(bsn);
}

export const CLOSED_MESSAGE =
  'Dit dossier is afgesloten. U kunt alles nog lezen, maar niets meer wijzigen of toevoegen.';

/** Closed dossiers are read-only: a form post is refused with a clear message (409). Returns true when refused. */
export function refuseIfClosed(res: Response, client: Pick<ClientRef, 'closedOn' | 'id'>): boolean {
  if (!client.closedOn) return false;
  res.status(409).render('clients/closed', { title: 'Dossier afgesloten', message: CLOSED_MESSAGE, clientId: client.id });
  return true;
}

export { ROUTE_LABELS };
