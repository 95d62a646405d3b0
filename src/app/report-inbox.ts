// The inbox of providers' reports on the start page (consulent: own clients; teamleider: the team's).
import { describeReport, loadReportInbox } from './provider-reports.js';
import type { Actor } from './actor.js';
import type { Deps } from './deps.js';

export function reportInboxOf(deps: Deps, actor: Actor) {
  const reports = loadReportInbox(deps, actor);
  return reports.map((r) => ({
    id: r.id,
    clientName: `${r.firstName} ${r.lastName}`,
    providerName: r.providerName,
    what: describeReport(r),
    dropoutRisk: r.dropoutRisk,
    submittedAt: r.submittedAt,
  }));
}
