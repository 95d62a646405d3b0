import { beforeEach, describe, expect, it } from 'vitest';
import { addRuleVersion, loadNewRulesPage, loadRulesPage, loadRuleVersionPage, previewRuleVersion, type RuleVersionForm } from '../../src/app/admin-rules.js';
import { UseCaseError } from '../../src/app/errors.js';
import { readRuleGroups, RULE_FIELDS, RULE_GROUPS } from '../../src/app/rule-fields.js';
import { listRuleSetVersions, rulesInForce } from '../../src/db/rules.js';
import { DEFAULT_RULE_SET, type RuleSet } from '../../src/domain/index.js';
import { actorFor } from '../helpers/actor.js';
import { buildTestApp, type TestContext } from '../helpers/app.js';
import { addDecision, addHours, status, zRouteClient } from '../helpers/fixtures.js';

/** The default rules with a stricter pre-eindgesprek: 500 language hours (the advised 600 stays). */
const stricter = (): RuleSet => ({
  ...DEFAULT_RULE_SET,
  z: { ...DEFAULT_RULE_SET.z, preEnd: { ...DEFAULT_RULE_SET.z.preEnd, minLanguageHours: 500 } },
});

const form = (over: Partial<RuleVersionForm> = {}) => ({
  ok: true as const,
  data: { rules: stricter(), effectiveFrom: '2026-11-24', note: 'Strenger', ...over },
});

const adminAudit = (ctx: TestContext) =>
  ctx.db.prepare("SELECT action, outcome, details FROM audit_log WHERE activity = 'beheer' ORDER BY id").all() as { action: string; outcome: string; details: string }[];

const errorOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof UseCaseError ? `${e.kind}: ${e.message}` : String(e);
  }
  return 'served';
};

describe('admin rule use cases (no HTTP)', () => {
  let ctx: TestContext;
  let client: number;
  beforeEach(async () => {
    ctx = await buildTestApp(); // 24 November 2026
    client = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    addHours(ctx.db, client, 'LANGUAGE', 450, ctx.users.consulent);
    addHours(ctx.db, client, 'PARTICIPATION', 320, ctx.users.consulent);
    addDecision(ctx.db, client, 'PVT_COMPLETED', ctx.users.consulent);
    const { refreshAllClientStatuses } = await import('../../src/db/client-status.js');
    refreshAllClientStatuses(ctx.db, '2026-11-24');
  });

  it('saves a version in force today, recomputes the client statuses under it, with an audit row', () => {
    expect(status(ctx.db, client).pre_end_eligible).toBe(1);
    const r = addRuleVersion(ctx, actorFor(ctx, ctx.users.admin), form());
    const saved = listRuleSetVersions(ctx.db).at(-1)!;
    expect(r).toEqual({ ok: true, value: { id: saved.id, message: 'De nieuwe regels zijn opgeslagen en gelden nu.' } });
    expect(saved).toMatchObject({ effectiveFrom: '2026-11-24', note: 'Strenger', createdBy: ctx.users.admin });
    expect(rulesInForce(ctx.db, '2026-11-24').z.preEnd.minLanguageHours).toBe(500);
    expect(status(ctx.db, client).pre_end_eligible).toBe(0);
    expect(adminAudit(ctx)).toEqual([{ action: 'regels-gewijzigd', outcome: 'ok', details: `versie ${saved.id}, ingangsdatum 2026-11-24` }]);
    const later = addRuleVersion(ctx, actorFor(ctx, ctx.users.admin), form({ effectiveFrom: '2027-01-01' }));
    expect(later.ok && later.value.message).toBe('De nieuwe regels zijn opgeslagen. Ze gelden vanaf 1 januari 2027.');
  });

  it('previews without saving, and refuses invalid input without saving', () => {
    const admin = actorFor(ctx, ctx.users.admin);
    const preview = previewRuleVersion(ctx, admin, form());
    expect(preview.ok && preview.value).toMatchObject({
      effectiveFrom: '2026-11-24',
      today: '2026-11-24',
      later: [],
      diffs: [
        { group: 'Z-route: voorwaarden pre-eindgesprek', label: 'Minimum taalles-uren', before: '400 uur', after: '500 uur' },
      ],
      clientCount: 1,
    });
    expect(preview.ok && preview.value.changed).toHaveLength(1);
    const invalid = { ok: false as const, errors: { effectiveFrom: 'Vul de ingangsdatum in' } };
    expect(addRuleVersion(ctx, admin, invalid)).toEqual({ ok: false, refusal: { kind: 'invalid', errors: invalid.errors } });
    expect(previewRuleVersion(ctx, admin, invalid)).toEqual({ ok: false, refusal: { kind: 'invalid', errors: invalid.errors } });
    expect(listRuleSetVersions(ctx.db)).toHaveLength(1);
    expect(status(ctx.db, client).pre_end_eligible).toBe(1);
    expect(adminAudit(ctx)).toEqual([]);
  });

  it('shows the overview and one version; a version that does not exist is not found', () => {
    const admin = actorFor(ctx, ctx.users.admin);
    addRuleVersion(ctx, admin, form({ effectiveFrom: '2027-01-01' }));
    const page = loadRulesPage(ctx, admin);
    expect(page.current!.id).toBe(listRuleSetVersions(ctx.db)[0]!.id);
    expect(page.upcoming.map((v) => v.effectiveFrom)).toEqual(['2027-01-01']);
    expect(page.history[0]!.changes).toHaveLength(1);
    const version = loadRuleVersionPage(ctx, admin, String(page.upcoming[0]!.id));
    expect(version.diffs.map((d) => d.after)).toEqual(['500 uur']);
    expect(errorOf(() => loadRuleVersionPage(ctx, admin, 999))).toBe('not-found: Deze versie van de regels bestaat niet.');
    expect(errorOf(() => loadRuleVersionPage(ctx, admin, 'abc'))).toBe('not-found: Deze versie van de regels bestaat niet.');
  });

  it('serves admins only', () => {
    for (const who of [ctx.users.consulent, ctx.users.teamleider]) {
      const actor = actorFor(ctx, who);
      expect(errorOf(() => loadRulesPage(ctx, actor))).toBe('forbidden: U heeft geen toegang tot deze pagina.');
      expect(errorOf(() => loadNewRulesPage(ctx, actor))).toMatch(/^forbidden/);
      expect(errorOf(() => loadRuleVersionPage(ctx, actor, 1))).toMatch(/^forbidden/);
      expect(errorOf(() => previewRuleVersion(ctx, actor, form()))).toMatch(/^forbidden/);
      expect(errorOf(() => addRuleVersion(ctx, actor, form()))).toMatch(/^forbidden/);
    }
    expect(listRuleSetVersions(ctx.db)).toHaveLength(1);
    expect(adminAudit(ctx)).toEqual([]);
  });
});

describe('the rule editor description', () => {
  it('has a field for every rule except the instruments (their own table), each once', () => {
    const leaves = (o: unknown, path = ''): string[] =>
      typeof o === 'object' && o !== null && !Array.isArray(o)
        ? Object.entries(o).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k))
        : [path];
    const rules = leaves(DEFAULT_RULE_SET).filter((p) => p !== 'z.instruments');
    expect(RULE_FIELDS.map((f) => f.name).sort()).toEqual(rules.sort());
    expect(RULE_GROUPS.map((g) => g.id)).toContain('z-other'); // the instrument table follows this group
  });

  it('reads a group and its fields, with units and hints only where given', () => {
    const groups = readRuleGroups(`
      # g | Groep
      general.caseloadNorm | int | Caseloadnorm | klanten | Een hint.
      general.approvals.routeDeviation | bool | Afwijken
      general.pipDeadlineStart | choice | Start
    `);
    expect(groups).toEqual([
      {
        id: 'g',
        title: 'Groep',
        fields: [
          { name: 'general.caseloadNorm', label: 'Caseloadnorm', kind: 'int', unit: 'klanten', hint: 'Een hint.' },
          { name: 'general.approvals.routeDeviation', label: 'Afwijken', kind: 'bool' },
          { name: 'general.pipDeadlineStart', label: 'Start', kind: 'choice', options: expect.any(Array) },
        ],
      },
    ]);
  });

  it.each([
    ['an unknown rule', '# g | G\ngeneral.nope | int | Nee | weken', /general\.nope is not a int rule/],
    ['the wrong kind', '# g | G\ngeneral.approvals.routeDeviation | int | Ja | weken', /is not a int rule/],
    ['hours as a yes/no field', '# g | G\nz.end.languageHours | bool | Uren', /is not a bool rule/],
    ['a number without a unit', '# g | G\ngeneral.caseloadNorm | int | Norm', /a number needs a unit/],
    ['a yes/no field with a unit', '# g | G\ngeneral.approvals.routeDeviation | bool | Ja | stuks', /has no unit/],
    ['an unknown kind', '# g | G\ngeneral.caseloadNorm | getal | Norm | stuks', /unknown kind getal/],
    ['a field named twice', '# g | G\ngeneral.caseloadNorm | int | A | x\ngeneral.caseloadNorm | int | B | x', /appears twice/],
    ['a group named twice', '# g | G\n# g | H', /group g appears twice/],
    ['a field before any group', 'general.caseloadNorm | int | Norm | x', /before the first group/],
    ['a choice without options', '# g | G\ngeneral.pipDeadlineStart | choice | Start', /not a choice rule with options/, {}],
  ] as const)('refuses %s', (_what, description, error, choices?) => {
    expect(() => readRuleGroups(description, choices)).toThrow(error);
  });
});
