// Functioneel beheer: the retention rules (issue 20), versioned by effective date like the rules and targets. A new
// version is never an edit of an old one; the version in force on the day of a check applies.
import { CLOSURE_LABELS, CLOSURE_TYPES } from '../db/closures.js';
import { insertRetentionVersion, listRetentionVersions, retentionRulesOn, retentionVersionOn } from '../db/retention.js';
import { RETENTION_KIND_LABELS, RETENTION_KINDS, type RetentionRules } from '../domain/retention.js';
import { formatDate } from '../lib/format.js';
import type { Actor } from './actor.js';
import { requireAdmin } from './admin.js';
import type { Deps } from './deps.js';
import { type FieldErrors, invalid, ok, type Parsed, type Result } from './result.js';

export { CLOSURE_TYPES };

export interface RetentionVersionForm {
  rules: RetentionRules;
  effectiveFrom: string;
  note: string | null;
}

/** The rules in force today with their terms in words, the versions (newest first), the closing reasons. */
export function loadRetentionRulesPage(deps: Deps, actor: Actor) {
  requireAdmin(actor);
  const today = actor.today;
  const versions = listRetentionVersions(deps.db);
  const { rules, versionId } = retentionRulesOn(deps.db, today);
  actor.audit('bewaartermijnen-bekeken', 'beheer');
  return {
    current: rules,
    currentVersionId: versionId,
    kinds: RETENTION_KINDS.map((k) => ({ kind: k, label: RETENTION_KIND_LABELS[k] })),
    reasons: CLOSURE_TYPES.map((t) => ({ value: t, label: CLOSURE_LABELS[t], years: rules.dossierYearsByReason[t] ?? null })),
    versions: [...versions].reverse().map((v) => ({
      ...v,
      status: v.id === versionId ? 'geldt' : v.effectiveFrom > today ? 'toekomst' : 'vervangen',
    })),
  };
}

/** Saves a new version of the retention rules; one version per effective date. */
export function addRetentionVersion(
  deps: Deps,
  actor: Actor,
  form: Parsed<RetentionVersionForm>,
): Result<{ id: number; message: string }, { kind: 'invalid'; errors: FieldErrors }> {
  requireAdmin(actor);
  if (!form.ok) return invalid(form.errors);
  const { rules, effectiveFrom, note } = form.data;
  const { db } = deps;
  if (retentionVersionOn(db, effectiveFrom)) {
    return invalid({ effectiveFrom: `Er is al een versie die ingaat op ${formatDate(effectiveFrom)}. Kies een andere ingangsdatum.` });
  }
  const id = db.transaction(() => insertRetentionVersion(db, { effectiveFrom, rules, note, createdBy: actor.user.id, now: actor.nowIso }))();
  actor.audit('bewaartermijnen-gewijzigd', 'beheer', { details: `versie ${id}, ingangsdatum ${effectiveFrom}` });
  return ok({
    id,
    message:
      effectiveFrom > actor.today
        ? `De nieuwe bewaartermijnen zijn opgeslagen. Ze gelden vanaf ${formatDate(effectiveFrom)}.`
        : 'De nieuwe bewaartermijnen zijn opgeslagen en gelden nu.',
  });
}
