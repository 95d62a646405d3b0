// Functioneel beheer: the municipality's targets and the waiting limits per step (issue 22), versioned by
// effective date like the rules. A new version is never an edit of an old one.
import { refreshAllClientStatuses } from '../db/client-status.js';
import { insertTargetVersion, listTargetVersions, targetVersionOn, targetsOn } from '../db/targets.js';
import { LEAD_STEP_LABELS, LEAD_STEPS, ROUTE_LABELS, ROUTE_TARGET_KEYS, TARGET_KEYS, TARGET_LABELS, type TargetSet } from '../domain/index.js';
import { formatDate } from '../lib/format.js';
import type { Actor } from './actor.js';
import { requireAdmin } from './admin.js';
import type { Deps } from './deps.js';
import { type FieldErrors, invalid, ok, type Parsed, type Result } from './result.js';
import { definitionOf } from './stations.js';

export interface TargetVersionForm {
  targets: TargetSet;
  effectiveFrom: string;
  note: string | null;
}

/** The targets in force today, the versions (newest first) and the definitions of each figure. */
export function loadTargetsPage(deps: Deps, actor: Actor) {
  requireAdmin(actor);
  const today = actor.today;
  const versions = listTargetVersions(deps.db);
  let inForce: (typeof versions)[number] | undefined;
  for (const v of versions) if (v.effectiveFrom <= today) inForce = v;
  const current = targetsOn(deps.db, today);
  actor.audit('doelen-bekeken', 'beheer');
  return {
    current,
    currentVersion: inForce ?? null,
    versions: [...versions].reverse().map((v) => ({ ...v, status: v === inForce ? 'geldt' : v.effectiveFrom > today ? 'toekomst' : 'vervangen' })),
    definitions: TARGET_KEYS.map((k) => ({ key: k, label: TARGET_LABELS[k], definition: definitionOf(k, current) })),
    stepLabels: LEAD_STEPS.map((s) => ({ step: s, label: LEAD_STEP_LABELS[s] })),
    routeTargets: (['B1', 'ONDERWIJS', 'Z'] as const).map((route) => ({
      route,
      label: ROUTE_LABELS[route],
      keys: ROUTE_TARGET_KEYS.map((key) => ({ key, label: TARGET_LABELS[key], field: `route_${route}_${key}`, value: current.byRoute[route][key] ?? null })),
    })),
  };
}

/** Saves a new version of the targets; one version per effective date. */
export function addTargetVersion(
  deps: Deps,
  actor: Actor,
  form: Parsed<TargetVersionForm>,
): Result<{ id: number; message: string }, { kind: 'invalid'; errors: FieldErrors }> {
  requireAdmin(actor);
  if (!form.ok) return invalid(form.errors);
  const { targets, effectiveFrom, note } = form.data;
  const { db } = deps;
  if (targetVersionOn(db, effectiveFrom)) {
    return invalid({ effectiveFrom: `Er is al een versie die ingaat op ${formatDate(effectiveFrom)}. Kies een andere ingangsdatum.` });
  }
  const id = db.transaction(() => insertTargetVersion(db, { effectiveFrom, targets, note, createdBy: actor.user.id, now: actor.nowIso }))();
  // The waiting limits are kept in client_status (the WAITING signal), like the rules' thresholds: recompute now
  // (a version that starts later is picked up by the daily refresh of statuses not computed today).
  refreshAllClientStatuses(db, actor.today);
  actor.audit('doelen-gewijzigd', 'beheer', { details: `versie ${id}, ingangsdatum ${effectiveFrom}` });
  return ok({
    id,
    message: effectiveFrom > actor.today ? `De nieuwe doelen zijn opgeslagen. Ze gelden vanaf ${formatDate(effectiveFrom)}.` : 'De nieuwe doelen zijn opgeslagen en gelden nu.',
  });
}
