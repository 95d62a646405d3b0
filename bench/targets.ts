// The pages the benchmark measures. Edit this list freely.
// `as`: whose session is used (the bench teamleider leads team 1, the bench consulent works in team 1).
// Placeholders, filled in by bench/run.ts from the generated data:
//   {clientId}      a client of the bench consulent (so also of the teamleider's team)
//   {consulentId}   the bench consulent's user id
//   {consulentUsername} the bench consulent's username (the audit viewer's user filter)
//   {deepPage}      a page near the end of the team caseload (see DEEP_PAGE_SIZE below)
//   {today}, {monthAgo}  the data set's today and 30 days before (yyyy-MM-dd)
// The caseload pages read the query parameters page, route, phase, signal, q and consulent (signal values:
// PIP_LATE, CONVERSATION_OVERDUE, AGREEMENTS_OVERDUE, NO_HOURS, AT_RISK, TERMIJN_ENDING, READY_PRE_END, READY_END).
// A target that answers 404 is recorded as missing (the page has not landed yet), not measured.

import type { GeneratedDataset } from './generate.js';

export type BenchRole = 'teamleider' | 'consulent' | 'admin';

export interface BenchTarget {
  name: string;
  url: string;
  as: BenchRole;
}

export const TARGETS: BenchTarget[] = [
  { name: 'caseload-team', url: '/', as: 'teamleider' },
  { name: 'caseload-team-deep-page', url: '/?page={deepPage}', as: 'teamleider' },
  { name: 'caseload-team-route-phase', url: '/?route=Z&phase=IN_PROGRESS', as: 'teamleider' },
  { name: 'caseload-team-signal', url: '/?signal=CONVERSATION_OVERDUE', as: 'teamleider' },
  { name: 'caseload-team-search', url: '/?q=Hassan', as: 'teamleider' },
  { name: 'caseload-team-consulent', url: '/?consulent={consulentId}', as: 'teamleider' },
  { name: 'caseload-consulent', url: '/', as: 'consulent' },
  { name: 'client-dossier', url: '/clients/{clientId}', as: 'consulent' },
  { name: 'client-pip', url: '/clients/{clientId}/pip', as: 'consulent' },
  { name: 'client-hours', url: '/clients/{clientId}/hours', as: 'consulent' },
  { name: 'client-conversations', url: '/clients/{clientId}/conversations', as: 'consulent' },
  // Management information (issue 22): targets, trend and cohorts; lead times per station.
  { name: 'team-figures', url: '/team/figures', as: 'teamleider' },
  { name: 'team-stations', url: '/team/stations', as: 'teamleider' },
  { name: 'team-discretion', url: '/team/discretion', as: 'teamleider' },
  // Functioneel beheer: the audit log (the largest table), newest first, and filtered by user, action and period.
  { name: 'admin-audit', url: '/admin/audit', as: 'admin' },
  { name: 'admin-audit-filtered', url: '/admin/audit?user={consulentUsername}&action=dossier-bekeken&from={monthAgo}&to={today}', as: 'admin' },
  { name: 'caseload-export-csv', url: '/caseload/export.csv', as: 'teamleider' },
  // A signed-in page with (next to) nothing on it: the cost of session, user, CSRF, headers, audit row and the
  // page shell (head, navigation, footer) that every page pays. The bench team has no items waiting.
  { name: 'page-shell-approvals-empty', url: '/team/approvals', as: 'teamleider' },
];

/** The yardstick: every page's CPU per request and p50 are reported as a ratio to this page's, same run. */
export const SHELL_TARGET = 'page-shell-approvals-empty';

/** Rows per caseload page assumed for {deepPage}: the deep page is about 80% into the team's open clients. */
const DEEP_PAGE_SIZE = 50;

/** A target's URL with its placeholders filled in from the generated data set. */
export function fillTarget(url: string, data: GeneratedDataset, teamClients: number): string {
  const deepPage = Math.max(2, Math.floor((teamClients * 0.8) / DEEP_PAGE_SIZE));
  return url
    .replaceAll('{clientId}', String(data.sampleClientIds[0] ?? 1))
    .replaceAll('{consulentId}', String(data.consulent.id))
    .replaceAll('{consulentUsername}', encodeURIComponent(data.consulent.username))
    .replaceAll('{deepPage}', String(deepPage))
    .replaceAll('{today}', data.today)
    .replaceAll('{monthAgo}', new Date(Date.parse(`${data.today}T00:00:00Z`) - 30 * 86_400_000).toISOString().slice(0, 10));
}
