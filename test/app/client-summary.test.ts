import { describe, expect, it } from 'vitest';
import { loadClientSummaryPage } from '../../src/app/client-summary.js';
import { UseCaseError } from '../../src/app/errors.js';
import { actorFor, auditActions } from '../helpers/actor.js';
import { buildTestApp } from '../helpers/app.js';
import { addAgreement, addHours, zRouteClient } from '../helpers/fixtures.js';

describe('client summary use case (no HTTP)', () => {
  it('gives the bars, what is done and the open agreements, with a view audit row; not for another team', async () => {
    const ctx = await buildTestApp();
    const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    addHours(ctx.db, id, 'LANGUAGE', 420, ctx.users.consulent);
    addAgreement(ctx.db, id, '2026-12-15', ctx.users.consulent);
    addAgreement(ctx.db, id, '2026-12-16', ctx.users.consulent, 'GEREALISEERD');
    const page = loadClientSummaryPage(ctx, actorFor(ctx, ctx.users.teamleider), id);
    expect(page.bars[0]).toEqual({ label: 'Taalles', actual: 420, norm: 800 });
    expect(page.done.map((d) => d.done)).toEqual([false, false, false]);
    expect(page.openAgreements.map((a) => a.dueOn)).toEqual(['2026-12-15']);
    expect(page.goingWell).toBeNull();
    expect(auditActions(ctx, id)).toEqual(['samenvatting-bekeken']);
    expect(() => loadClientSummaryPage(ctx, actorFor(ctx, ctx.users.otherConsulent), id)).toThrow(UseCaseError);
    expect(auditActions(ctx, id)).toEqual(['samenvatting-bekeken', 'dossier-geweigerd']);
  });
});
