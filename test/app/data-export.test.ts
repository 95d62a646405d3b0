import { beforeEach, describe, expect, it } from 'vitest';
import { exportClientData } from '../../src/app/data-export.js';
import { UseCaseError } from '../../src/app/errors.js';
import { actorFor, auditActions } from '../helpers/actor.js';
import { buildTestApp, type TestContext } from '../helpers/app.js';
import { insertClient } from '../helpers/fixtures.js';

describe('data export use case (no HTTP)', () => {
  let ctx: TestContext;
  let clientId: number;
  beforeEach(async () => {
    ctx = await buildTestApp();
    clientId = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent, bsn: '123456782' });
  });

  it('exports the client’s records with who and when, the BSN in full only for the own consulent', () => {
    const own = exportClientData(ctx, actorFor(ctx, ctx.users.consulent), clientId);
    expect(own.document).toMatchObject({
      geexporteerdOp: '2026-11-24T09:00:00.000Z',
      geexporteerdDoor: 'Test consulent',
      client: { id: clientId, bsn: '123456782' },
    });
    expect(own.clientNumber).toMatch(/^T-/);
    expect(exportClientData(ctx, actorFor(ctx, ctx.users.teamleider), clientId).document.client.bsn).toBe('*****6782');
    expect(auditActions(ctx, clientId)).toEqual(['gegevens-geexporteerd', 'gegevens-geexporteerd']);
  });

  it('does not serve another team or an admin', () => {
    expect(() => exportClientData(ctx, actorFor(ctx, ctx.users.otherConsulent), clientId)).toThrow(UseCaseError);
    expect(() => exportClientData(ctx, actorFor(ctx, ctx.users.admin), clientId)).toThrow(/Functioneel beheerders/);
    expect(auditActions(ctx, clientId)).toEqual(['dossier-geweigerd']);
  });
});
