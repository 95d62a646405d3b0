import { type Request, type Response, Router } from 'express';
import type { RuleSet } from '../../domain/index.js';
import { refreshAllClientStatuses } from '../../db/client-status.js';
import { computeRuleImpact } from '../../db/rule-impact.js';
import { addRuleSetVersion, listRuleSetVersions, rulesInForce, type StoredRuleSetVersion } from '../../db/rules.js';
import { todayOf } from '../../lib/clock.js';
import type { Services } from '../services.js';
import { notFound } from '../http-errors.js';
import { requireRole } from '../middleware/auth.js';
import { idParam } from '../validation.js';
import { formatDate } from '../view-helpers.js';
import {
  diffRuleSets,
  type FormValues,
  parseRuleForm,
  RULE_GROUPS,
  ruleLines,
  valuesFromBody,
  valuesFromRuleSet,
} from './admin-rules-form.js';

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

const BREADCRUMBS = [
  { href: '/', label: 'Beheer' },
  { href: '/admin/rules', label: 'Regels' },
];

/** Functioneel beheer: the route rules and hour norms, versioned by effective date. */
export function adminRulesRouter(services: Services): Router {
  const { db, clock } = services;
  const router = Router();
  router.use(requireRole('admin'));

  router.get('/', (_req, res) => {
    const today = todayOf(clock);
    const versions = withStatus(listRuleSetVersions(db), today);
    res.render('admin/rules', {
      title: 'Regels en urennormen',
      breadcrumbs: [{ href: '/', label: 'Beheer' }, { label: 'Regels' }],
      today,
      lines: ruleLines(rulesInForce(db, today)),
      current: versions.find((v) => v.status === 'geldt'),
      upcoming: versions.filter((v) => v.status === 'toekomst'),
      history: versions
        .map((v, i) => ({ ...v, changes: i === 0 ? null : diffRuleSets(versions[i - 1]!.rules, v.rules) }))
        .reverse(),
    });
  });

  function renderForm(res: Response, values: FormValues, extra: Record<string, unknown> = {}, status = 200) {
    res.status(status).render('admin/rules-form', {
      title: 'Nieuwe versie van de regels',
      breadcrumbs: [...BREADCRUMBS, { label: 'Nieuwe versie' }],
      groups: RULE_GROUPS,
      values,
      errors: {},
      impact: null,
      ...extra,
    });
  }

  router.get('/new', (_req, res) => {
    const today = todayOf(clock);
    renderForm(res, { ...valuesFromRuleSet(rulesInForce(db, today)), effectiveFrom: '', note: '' });
  });

  router.post('/new', (req: Request, res) => {
    const today = todayOf(clock);
    const values = valuesFromBody(req.body ?? {});
    const parsed = parseRuleForm(values);
    if (!parsed.ok) {
      renderForm(res, values, { errors: parsed.errors }, 400);
      return;
    }
    const current = rulesInForce(db, today);
    if (req.body?.action !== 'save') {
      renderForm(res, values, { impact: previewImpact(current, parsed.rules, parsed.effectiveFrom, today) });
      return;
    }
    const id = db.transaction(() => {
      const newId = addRuleSetVersion(
        db,
        { effectiveFrom: parsed.effectiveFrom, rules: parsed.rules, note: parsed.note, createdBy: req.user!.id },
        clock.now().toISOString(),
      );
      refreshAllClientStatuses(db, today);
      return newId;
    })();
    req.audit('regels-gewijzigd', 'beheer', { details: `versie ${id}, ingangsdatum ${parsed.effectiveFrom}` });
    req.session.flash = {
      kind: 'ok',
      message:
        parsed.effectiveFrom > today
          ? `De nieuwe regels zijn opgeslagen. Ze gelden vanaf ${formatDate(parsed.effectiveFrom)}.`
          : 'De nieuwe regels zijn opgeslagen en gelden nu.',
    };
    res.redirect(303, `/admin/rules/versions/${id}`);
  });

  function previewImpact(current: RuleSet, next: RuleSet, effectiveFrom: string, today: string) {
    // Versions that start after this one keep their own dates, so they end this version's period.
    const later = listRuleSetVersions(db).filter((v) => v.effectiveFrom > effectiveFrom);
    return {
      effectiveFrom,
      today,
      later,
      diffs: diffRuleSets(current, next),
      ...computeRuleImpact(db, today, current, next),
    };
  }

  router.get('/versions/:id', (req, res) => {
    const id = idParam.safeParse(req.params.id);
    const today = todayOf(clock);
    const versions = withStatus(listRuleSetVersions(db), today);
    const index = id.success ? versions.findIndex((v) => v.id === id.data) : -1;
    const version = versions[index];
    if (!version) throw notFound('Deze versie van de regels bestaat niet.');
    const previous = index > 0 ? versions[index - 1] : undefined;
    res.render('admin/rules-version', {
      title: `Regels vanaf ${formatDate(version.effectiveFrom)}`,
      breadcrumbs: [...BREADCRUMBS, { label: `Versie ${version.id}` }],
      version,
      previous,
      diffs: previous ? diffRuleSets(previous.rules, version.rules) : [],
      lines: ruleLines(version.rules),
    });
  });

  return router;
}
