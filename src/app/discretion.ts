// Discretion made visible (issue 22): per consulent over a period, how often decisions use discretionary room,
// per 100 clients of their caseload, next to the team's rate, with every reason given in one list. For the
// team's reflection on equal treatment, not a ranking: consulenten are listed by name, and a caseload below
// the minimum group size is not compared.
import { caseloadInPeriod, DISCRETION_KINDS, type DiscretionKind, discretionRows } from '../db/discretion.js';
import { findUserById, listConsulentenOfTeam } from '../db/users.js';
import { MIN_GROUP_SIZE, per100 } from '../domain/index.js';
import type { Actor } from './actor.js';
import type { Deps } from './deps.js';
import { reportPeriod, startOfYear } from './report-period.js';
import { forbidden } from './errors.js';
import type { Parsed } from './result.js';
import { keptForTeam } from '../db/team-data-version.js';

export const DISCRETION_LABELS: Record<DiscretionKind, string> = {
  ROUTE_DEVIATION: 'Route anders dan het advies',
  END_OVERRIDE: 'Eindgesprek zonder alle voorwaarden',
  INSTRUMENT_COUNTED: 'Instrument meegeteld als participatie',
  ENFORCEMENT_SKIPPED: 'Handhavingsstap overgeslagen',
  FINE_DEVIATION: 'Boete anders dan het standaardbedrag',
  EXTENSION: 'Verlenging van de termijn',
  ONTHEFFING: 'Ontheffing',
};

export interface KindFigure {
  kind: DiscretionKind;
  count: number;
  per100: number | null;
}

export interface ConsulentDiscretion {
  id: number;
  name: string;
  caseload: number;
  /** False when the caseload is below the minimum group size: shown as "te weinig om te vergelijken". */
  comparable: boolean;
  kinds: KindFigure[];
}

/** The figures per consulent and for the team, and the reasons, over [from, to]. */
export function teamDiscretion(deps: Deps, teamId: number, from: string, to: string) {
  return keptForTeam(deps.db, teamId, `discretion|${from}|${to}`, () => computeDiscretion(deps, teamId, from, to));
}

function computeDiscretion(deps: Deps, teamId: number, from: string, to: string) {
  const { db } = deps;
  const consulenten = listConsulentenOfTeam(db, teamId);
  const caseloads = caseloadInPeriod(db, teamId, from, to);
  const rows = discretionRows(db, teamId, from, to);
  const count = (userId: number | null, kind: DiscretionKind) => rows.filter((r) => r.kind === kind && (userId === null || r.userId === userId)).length;
  const people: ConsulentDiscretion[] = consulenten.map((c) => {
    const caseload = caseloads.get(c.id) ?? 0;
    const comparable = caseload >= MIN_GROUP_SIZE;
    return {
      id: c.id,
      name: c.displayName,
      caseload,
      comparable,
      kinds: DISCRETION_KINDS.map((kind) => {
        const n = count(c.id, kind);
        return { kind, count: comparable ? n : 0, per100: comparable ? per100(n, caseload) : null };
      }),
    };
  });
  const teamCaseload = consulenten.reduce((s, c) => s + (caseloads.get(c.id) ?? 0), 0);
  const consulentIds = new Set(consulenten.map((c) => c.id));
  const team = DISCRETION_KINDS.map((kind) => {
    const n = rows.filter((r) => r.kind === kind && consulentIds.has(r.userId)).length;
    return { kind, count: n, per100: per100(n, teamCaseload) };
  });
  const names = new Map<number, string>();
  const nameOf = (id: number) => {
    if (!names.has(id)) names.set(id, findUserById(db, id)?.displayName ?? 'onbekend');
    return names.get(id) as string;
  };
  const reasons = rows.map((r) => ({ kind: r.kind, label: DISCRETION_LABELS[r.kind], decidedOn: r.decidedOn, by: nameOf(r.userId), reason: r.reason ?? '' }));
  return { people, team, teamCaseload, reasons, minGroup: MIN_GROUP_SIZE };
}

/** The discretion page for the teamleider; the period defaults to this year up to today. */
export function loadDiscretionPage(deps: Deps, actor: Actor, period: Parsed<{ from: string | null; to: string | null }>) {
  const { user } = actor;
  if (user.role !== 'teamleider' || user.teamId === null) throw forbidden();
  const today = actor.today;
  const { from, to, errors } = reportPeriod(period, startOfYear(today), today);
  const valid = Object.keys(errors).length === 0;
  actor.audit('beleidsruimte-bekeken', 'caseload', { details: valid ? `${from} t/m ${to}` : 'ongeldige periode' });
  return {
    errors,
    period: valid ? { from, to } : null,
    figures: valid ? teamDiscretion(deps, user.teamId, from, to) : null,
    kinds: DISCRETION_KINDS.map((k) => ({ kind: k, label: DISCRETION_LABELS[k] })),
  };
}
