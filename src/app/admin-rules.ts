// Functioneel beheer: the route rules and hour norms, versioned by effective date. A new version is never an
// edit of an old one, so there is no version clash to refuse: later versions keep their own dates.
import { refreshAllClientStatuses } from '../db/client-status.js';
import { computeRuleImpact } from '../db/rule-impact.js';
import { addRuleSetVersion, listRuleSetVersions, rulesInForce, type StoredRuleSetVersion } from '../db/rules.js';
import type { RuleSet } from '../domain/index.js';
import { formatDate } from '../lib/format.js';
import { toId } from './access.js';
import type { Actor } from './actor.js';
import { requireAdmin } from './admin.js';
import type { Deps } from './deps.js';
import { notFound } from './errors.js';
import { type FieldErrors, invalid, ok, type Parsed, type Result } from './result.js';
import { diffRuleSets, RULE_GROUPS, ruleLines } from './rule-fields.js';

/** A new version of the rules as the form gives it: the complete rule set, from when, and why. */
export interface RuleVersionForm {
  rules: RuleSet;
  effectiveFrom: string;
  note: string;
}

type Invalid = { kind: 'invalid'; errors: FieldErrors };

type VersionStatus = 'geldt' | 'toekomst' | 'vervangen';

/** Which version is in force today, which are still to come and which were replaced. */
function withStatus(versions: StoredRuleSetVersion[], today: string) {
  let inForce: StoredRuleSetVersion | undefined;
  for (const v of versions) if (v.effectiveFrom <= today) inForce = v; // ordered by date, then id
  return versions.map((v) => ({
    ...v,
    status: (v === inForce ? 'geldt' : v.effectiveFrom > today ? 'toekomst' : 'vervangen') as VersionStatus,
  }));
}

/** The overview: the rules in force today, the versions to come, and the history with what each changed. */
export function loadRulesPage(deps: Deps, actor: Actor) {
  requireAdmin(actor);
  const versions = withStatus(listRuleSetVersions(deps.db), actor.today);
  return {
    today: actor.today,
    lines: ruleLines(rulesInForce(deps.db, actor.today)),
    current: versions.find((v) => v.status === 'geldt'),
    upcoming: versions.filter((v) => v.status === 'toekomst'),
    history: versions.map((v, i) => ({ ...v, changes: i === 0 ? null : diffRuleSets(versions[i - 1]!.rules, v.rules) })).reverse(),
  };
}

/** The editor: its field groups and the rules in force today (what the form starts from). */
export function loadNewRulesPage(deps: Deps, actor: Actor) {
  requireAdmin(actor);
  return { groups: RULE_GROUPS, rules: rulesInForce(deps.db, actor.today), impact: null };
}

/** One version with what it changed against the one before. */
export function loadRuleVersionPage(deps: Deps, actor: Actor, rawVersionId: unknown) {
  requireAdmin(actor);
  const id = toId(rawVersionId);
  const versions = withStatus(listRuleSetVersions(deps.db), actor.today);
  const index = id === null ? -1 : versions.findIndex((v) => v.id === id);
  const version = versions[index];
  if (!version) throw notFound('Deze versie van de regels bestaat niet.');
  const previous = index > 0 ? versions[index - 1] : undefined;
  return {
    version,
    previous,
    diffs: previous ? diffRuleSets(previous.rules, version.rules) : [],
    lines: ruleLines(version.rules),
  };
}

/**
 * What a new version would change, without saving: the differences with today's rules, the versions after its
 * date (they keep their own dates, so they end its period), and the current clients whose pre-eindgesprek or
 * eindgesprek would come out differently.
 */
export function previewRuleVersion(deps: Deps, actor: Actor, form: Parsed<RuleVersionForm>) {
  requireAdmin(actor);
  if (!form.ok) return invalid(form.errors);
  const { rules, effectiveFrom } = form.data;
  const current = rulesInForce(deps.db, actor.today);
  const later = listRuleSetVersions(deps.db).filter((v) => v.effectiveFrom > effectiveFrom);
  return ok({
    effectiveFrom,
    today: actor.today,
    later,
    diffs: diffRuleSets(current, rules),
    ...computeRuleImpact(deps.db, actor.today, current, rules),
  });
}

/** Saves a new version and recomputes every client's status under it, in one transaction. */
export function addRuleVersion(
  deps: Deps,
  actor: Actor,
  form: Parsed<RuleVersionForm>,
): Result<{ id: number; message: string }, Invalid> {
  requireAdmin(actor);
  if (!form.ok) return invalid(form.errors);
  const { rules, effectiveFrom, note } = form.data;
  const { db } = deps;
  const id = db.transaction(() => {
    const newId = addRuleSetVersion(db, { effectiveFrom, rules, note, createdBy: actor.user.id }, actor.nowIso);
    refreshAllClientStatuses(db, actor.today);
    return newId;
  })();
  actor.audit('regels-gewijzigd', 'beheer', { details: `versie ${id}, ingangsdatum ${effectiveFrom}` });
  return ok({
    id,
    message:
      effectiveFrom > actor.today
        ? `De nieuwe regels zijn opgeslagen. Ze gelden vanaf ${formatDate(effectiveFrom)}.`
        : 'De nieuwe regels zijn opgeslagen en gelden nu.',
  });
}
