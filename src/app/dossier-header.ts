import { findClientDetail, findClientStatus } from '../db/clients.js';
import { CLOSURE_LABELS } from '../db/closures.js';
import { listRouteDecisions } from '../db/routes.js';
import { DOELGROEP_LABELS, PHASE_LABELS, type Phase, ROUTE_LABELS, type Route } from '../domain/index.js';
import type { Deps } from './deps.js';
import { NO_CLIENT_ACCESS, notFound } from './errors.js';

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

/** The header of a client the caller has already loaded through `loadClient` (access checked). */
export function loadDossierHeader(deps: Deps, clientId: number): DossierHeader {
  const { db } = deps;
  const c = findClientDetail(db, clientId);
  if (!c) throw notFound(NO_CLIENT_ACCESS);
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
