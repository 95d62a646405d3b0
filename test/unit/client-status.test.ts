import { describe, expect, it } from 'vitest';
import { refreshClientStatus } from '../../src/db/client-status.js';
import { loadEligibility } from '../../src/db/progress.js';
import { buildTestApp } from '../helpers/app.js';
import {
  addAgreement,
  addConversation,
  addDecision,
  addHours,
  chooseRoute,
  completeIntake,
  insertClient,
  status,
  zRouteClient,
} from '../helpers/fixtures.js';

const TODAY = '2026-11-24';

describe('client status (derived, for caseload pages)', () => {
  it('follows the phases from intake to PIP', async () => {
    const { db, teamA, users } = await buildTestApp();
    const id = insertClient(db, { teamId: teamA, consulentId: users.consulent });
    refreshClientStatus(db, id, TODAY);
    expect(status(db, id).phase).toBe('INTAKE');
    completeIntake(db, id, '2026-09-01', '2026-09-15');
    refreshClientStatus(db, id, TODAY);
    expect(status(db, id)).toMatchObject({ phase: 'ROUTE_CHOICE', pip_due_on: '2026-11-10' }); // 10 weeks after intake start
    chooseRoute(db, id, 'Z', users.consulent);
    refreshClientStatus(db, id, TODAY);
    expect(status(db, id).phase).toBe('PIP');
  });

  it('counts hours per the domain and marks the pre-end check at 400/300 + PVT', async () => {
    const { db, teamA, users } = await buildTestApp();
    const id = zRouteClient(db, teamA, users.consulent);
    addHours(db, id, 'LANGUAGE', 399, users.consulent);
    addHours(db, id, 'PARTICIPATION', 250, users.consulent);
    addHours(db, id, 'MAP', 50, users.consulent);
    addDecision(db, id, 'PVT_COMPLETED', users.consulent);
    refreshClientStatus(db, id, TODAY);
    expect(status(db, id)).toMatchObject({ pre_end_eligible: 0, phase: 'IN_PROGRESS', participation_total: 300 });
    addHours(db, id, 'LANGUAGE', 1, users.consulent);
    refreshClientStatus(db, id, TODAY);
    expect(status(db, id)).toMatchObject({ pre_end_eligible: 1, phase: 'READY_FOR_PRE_END', language_hours: 400 });
  });

  it('applies substitution and counted instruments like the domain module', async () => {
    const { db, teamA, users } = await buildTestApp();
    const id = zRouteClient(db, teamA, users.consulent);
    addDecision(db, id, 'SUBSTITUTION', users.consulent, { hours: 200 });
    addDecision(db, id, 'INSTRUMENT', users.consulent, { code: 'RTS', attendancePct: 75 });
    const e = loadEligibility(db, id, TODAY);
    expect(e.norms).toEqual({ languageHours: 600, participationHours: 1000, paidWorkHours: 200 });
    expect(e.progress.snapshot?.instruments).toEqual([{ code: 'RTS', attendancePct: 75, hours: undefined, counted: true }]);
    refreshClientStatus(db, id, TODAY);
    expect(status(db, id).participation_total).toBe(120);
  });

  it('ignores deleted hours and revoked decisions', async () => {
    const { db, teamA, users } = await buildTestApp();
    const id = zRouteClient(db, teamA, users.consulent);
    const h = addHours(db, id, 'LANGUAGE', 500, users.consulent);
    const d = addDecision(db, id, 'GUIDANCE_HOURS', users.consulent);
    db.prepare("UPDATE hour_entries SET deleted_at = '2026-11-01' WHERE id = ?").run(h);
    db.prepare("UPDATE decisions SET revoked_on = '2026-11-01' WHERE id = ?").run(d);
    refreshClientStatus(db, id, TODAY);
    expect(status(db, id)).toMatchObject({ language_hours: 0, participation_total: 0 });
  });

  it('derives termijn end, next conversation, open agreements and the pre-end held phase', async () => {
    const { db, teamA, users } = await buildTestApp();
    const id = zRouteClient(db, teamA, users.consulent); // PIP 2025-03-03, asielstatushouder: every 3 months
    addConversation(db, id, 'VOORTGANG', '2026-09-01', users.consulent);
    addAgreement(db, id, '2026-12-01', users.consulent);
    addAgreement(db, id, '2026-11-01', users.consulent, 'GEREALISEERD');
    addConversation(db, id, 'PRE_EIND', '2026-10-01', users.consulent);
    refreshClientStatus(db, id, TODAY);
    expect(status(db, id)).toMatchObject({
      termijn_end: '2028-03-03',
      last_conversation_on: '2026-10-01',
      next_conversation_due: '2027-01-01',
      open_agreement_due_min: '2026-12-01',
      phase: 'PRE_END_HELD',
    });
  });

  it('forecasts at risk when the pace of the last 12 weeks misses the termijn', async () => {
    const { db, teamA, users } = await buildTestApp();
    const id = zRouteClient(db, teamA, users.consulent); // termijn ends 2028-03-03
    addHours(db, id, 'LANGUAGE', 100, users.consulent, '2025-06-30', '2025-04-01'); // outside the window
    addHours(db, id, 'LANGUAGE', 12, users.consulent, '2026-10-31'); // 1 hour a week
    addHours(db, id, 'PARTICIPATION', 600, users.consulent, '2026-11-20');
    refreshClientStatus(db, id, TODAY);
    expect(status(db, id).at_risk).toBe(1);
    addHours(db, id, 'LANGUAGE', 300, users.consulent, '2026-11-20'); // 312 in 12 weeks: 26/week
    refreshClientStatus(db, id, TODAY);
    expect(status(db, id)).toMatchObject({ at_risk: 0 });
  });
});
