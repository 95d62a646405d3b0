import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_FILTER, loadCaseloadPage } from '../../src/app/caseload.js';
import { changeTargetGroup, loadTargetGroupPage, type TargetGroupFacts } from '../../src/app/target-group.js';
import { loadTeamFiguresPage } from '../../src/app/team.js';
import { refreshClientStatus } from '../../src/db/client-status.js';
import { findTargetGroupFacts } from '../../src/db/target-group.js';
import type { TargetGroup } from '../../src/domain/index.js';
import { listClientEvents } from '../../src/db/timeline.js';
import { actorFor, auditActions, closeClientDirectly } from '../helpers/actor.js';
import { buildTestApp, type TestContext } from '../helpers/app.js';
import { insertClient } from '../helpers/fixtures.js';

const facts = (over: Partial<TargetGroupFacts> = {}): { ok: true; data: TargetGroupFacts } => ({
  ok: true,
  data: { pwUitkering: true, pwUitkeringSince: '2026-03-01', laaggeletterd: false, ondertussengroep: false, ...over },
});

describe('target-group facts', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await buildTestApp(); // today 24 November 2026
  });

  it('saves the facts with a timeline event and an audit row; refuses a stale version, a missing or future date, a closed dossier', () => {
    const id = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent });
    const actor = actorFor(ctx, ctx.users.consulent);
    expect(findTargetGroupFacts(ctx.db, id)).toEqual({ pwUitkering: null, pwUitkeringSince: null, laaggeletterd: null, ondertussengroep: false });
    expect(changeTargetGroup(ctx, actor, id, 1, facts({ pwUitkeringSince: null }))).toEqual({
      ok: false,
      refusal: { kind: 'invalid', errors: { pwUitkeringSince: 'Vul in sinds wanneer de cliënt de uitkering heeft' } },
    });
    expect(changeTargetGroup(ctx, actor, id, 1, facts({ pwUitkeringSince: '2026-11-25' }))).toMatchObject({ ok: false, refusal: { kind: 'invalid' } });
    expect(changeTargetGroup(ctx, actor, id, 1, facts({ pwUitkeringSince: '2026-11-24' }))).toEqual({ ok: true, value: { clientId: id } });
    expect(findTargetGroupFacts(ctx.db, id)).toEqual({ pwUitkering: true, pwUitkeringSince: '2026-11-24', laaggeletterd: false, ondertussengroep: false });
    expect(listClientEvents(ctx.db, id)[0]!.summary).toBe(
      'Doelgroepkenmerken vastgelegd (uitkering Participatiewet: ja sinds 24 november 2026; laaggeletterd in eigen taal: nee)',
    );
    expect(changeTargetGroup(ctx, actor, id, 1, facts())).toMatchObject({ ok: false, refusal: { kind: 'stale' } });
    expect(auditActions(ctx, id)).toEqual(['doelgroepkenmerken-gewijzigd']);
    closeClientDirectly(ctx, id);
    expect(changeTargetGroup(ctx, actor, id, 2, facts())).toMatchObject({ ok: false, refusal: { kind: 'closed' } });
  });

  it('computes jongere from the birth date: under 27 until the day before the 27th birthday', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    const id = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent });
    ctx.db.prepare("UPDATE clients SET birth_date = '1999-11-25' WHERE id = ?").run(id); // 27 tomorrow
    expect(loadTargetGroupPage(ctx, actor, id).jongere).toBe(true);
    ctx.db.prepare("UPDATE clients SET birth_date = '1999-11-24' WHERE id = ?").run(id); // 27 today
    expect(loadTargetGroupPage(ctx, actor, id).jongere).toBe(false);
  });

  it('shows the no-lever hint for a gezinsmigrant without uitkering only', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    const gezin = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent, doelgroep: 'GEZINSMIGRANT' });
    expect(loadTargetGroupPage(ctx, actor, gezin).noLever).toBe(false); // not known yet
    changeTargetGroup(ctx, actor, gezin, 1, facts({ pwUitkering: false, pwUitkeringSince: null }));
    expect(loadTargetGroupPage(ctx, actor, gezin).noLever).toBe(true);
    const asiel = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent });
    changeTargetGroup(ctx, actor, asiel, 1, facts({ pwUitkering: false, pwUitkeringSince: null }));
    expect(loadTargetGroupPage(ctx, actor, asiel).noLever).toBe(false);
  });

  it('filters the caseload and counts the figures per target group', () => {
    const actor = actorFor(ctx, ctx.users.consulent);
    const ids = {
      uitkering: insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent }),
      laag: insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent }),
      gezin: insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent, doelgroep: 'GEZINSMIGRANT' }),
      jong: insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent }),
    };
    changeTargetGroup(ctx, actor, ids.uitkering, 1, facts());
    changeTargetGroup(ctx, actor, ids.laag, 1, facts({ pwUitkering: null, pwUitkeringSince: null, laaggeletterd: true, ondertussengroep: true }));
    changeTargetGroup(ctx, actor, ids.gezin, 1, facts({ pwUitkering: false, pwUitkeringSince: null }));
    ctx.db.prepare("UPDATE clients SET birth_date = '2001-01-01' WHERE id = ?").run(ids.jong);
    refreshClientStatus(ctx.db, ids.jong, '2026-11-24'); // on the caseload like every registered client
    const listed = (group: TargetGroup) =>
      new Set(loadCaseloadPage(ctx, actor, { filter: { ...DEFAULT_FILTER, group }, page: 1, notices: [] }).cl.list.rows.map((r) => r.id));
    expect(listed('PW_UITKERING')).toEqual(new Set([ids.uitkering]));
    expect(listed('LAAGGELETTERD')).toEqual(new Set([ids.laag]));
    expect(listed('ONDERTUSSENGROEP')).toEqual(new Set([ids.laag]));
    expect(listed('GEZINSMIGRANT_ZONDER_UITKERING')).toEqual(new Set([ids.gezin]));
    expect(listed('JONGERE')).toEqual(new Set([ids.jong]));
    const figures = loadTeamFiguresPage(ctx, actorFor(ctx, ctx.users.teamleider), { ok: true, data: { from: null, to: null } });
    expect(figures.targetGroups).toMatchObject({ PW_UITKERING: 1, LAAGGELETTERD: 1, ONDERTUSSENGROEP: 1, GEZINSMIGRANT_ZONDER_UITKERING: 1, JONGERE: 1 });
  });
});
