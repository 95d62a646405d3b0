// Provider performance (issue 17): per provider over the last three whole months, its referrals, hours planned vs
// delivered, the share of reports on time (due `calendar.providerReportDueDays` after the month's end), average
// attendance and reports sent back, with a traffic light. The team lead sees the providers of the team's clients;
// a provider sees its own figures.
import { reportsOfReferrals } from '../db/provider-reports.js';
import { referralsForFigures } from '../db/referrals.js';
import { rulesInForce } from '../db/rules.js';
import { lastMonths, monthsToReport, providerLight, reportDueOn, type TrafficLight } from '../domain/report-periods.js';
import type { Actor } from './actor.js';
import type { Deps } from './deps.js';
import { forbidden } from './errors.js';
import { auditProvider, requireProvider } from './provider-access.js';

export interface ProviderFigures {
  providerId: number;
  providerName: string;
  referrals: number;
  hoursPlanned: number;
  hoursDelivered: number;
  due: number;
  onTime: number;
  late: number;
  missing: number;
  rejected: number;
  submitted: number;
  attendancePct: number | null;
  light: TrafficLight;
}

export const LIGHT_LABELS: Record<TrafficLight, string> = { green: 'Groen', orange: 'Oranje', red: 'Rood', none: 'Nog niets te beoordelen' };

function figures(deps: Deps, today: string, scope: { teamId: number } | { providerId: number }) {
  const months = lastMonths(today, 3);
  const dueDays = rulesInForce(deps.db, today).calendar.providerReportDueDays;
  const referrals = referralsForFigures(deps.db, months[0]!.start, months[months.length - 1]!.end, scope);
  const reports = reportsOfReferrals(deps.db, referrals.map((r) => r.id));
  const byProvider = new Map<number, ProviderFigures>();
  for (const r of referrals) {
    const f =
      byProvider.get(r.providerId) ??
      ({ providerId: r.providerId, providerName: r.providerName, referrals: 0, hoursPlanned: 0, hoursDelivered: 0, due: 0, onTime: 0, late: 0, missing: 0, rejected: 0, submitted: 0, attendancePct: null, light: 'none' } as ProviderFigures);
    f.referrals += 1;
    for (const m of monthsToReport(r, months)) {
      const dueOn = reportDueOn(m, dueDays);
      const mine = reports.filter((x) => x.referralId === r.id && x.periodStart === m.start && x.periodEnd === m.end);
      const first = mine[0];
      for (const x of mine) {
        f.submitted += 1;
        if (x.status === 'REJECTED' || x.status === 'REPLACED') f.rejected += 1;
        if (x.status === 'ACCEPTED') {
          f.hoursPlanned += x.hoursPlanned;
          f.hoursDelivered += x.hoursAttended;
        }
      }
      if (dueOn >= today && !first) continue; // not due yet and nothing sent: not judged
      f.due += 1;
      if (!first) f.missing += 1;
      else if (first.submittedAt.slice(0, 10) <= dueOn) f.onTime += 1;
      else f.late += 1;
    }
    byProvider.set(r.providerId, f);
  }
  const rows = [...byProvider.values()].map((f) => ({
    ...f,
    attendancePct: f.hoursPlanned ? Math.round((f.hoursDelivered / f.hoursPlanned) * 100) : null,
    light: providerLight(f.due, f.onTime, f.rejected, f.submitted),
  }));
  return { rows, months, dueDays, lightLabels: LIGHT_LABELS };
}

/** The team lead's page: every provider the team's clients are referred to. */
export function loadProviderPerformance(deps: Deps, actor: Actor) {
  if (actor.user.role !== 'teamleider' || actor.user.teamId === null) throw forbidden();
  actor.audit('aanbieders-prestaties-bekeken', 'caseload');
  return figures(deps, actor.today, { teamId: actor.user.teamId });
}

/** The provider's own figures. */
export function loadOwnPerformance(deps: Deps, actor: Actor) {
  const provider = requireProvider(deps, actor);
  auditProvider(actor, provider, 'aanbieder-eigen-cijfers-bekeken');
  return { provider, ...figures(deps, actor.today, { providerId: provider.id }) };
}
