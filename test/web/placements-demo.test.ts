import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { aftercareOverdueForTeam } from '../../src/db/placements.js';
import { loadEligibility } from '../../src/db/progress.js';
import { createApp } from '../../src/web/app.js';
import { loginAs } from '../helpers/app.js';
import { demoDatabase } from '../helpers/demo-db.js';

describe('placements demo data', () => {
  it('has every kind of placement and a Z-route client with structural paid work', async () => {
    const { db, clock } = await demoDatabase();
    const kinds = db.prepare('SELECT DISTINCT kind FROM placements ORDER BY kind').pluck().all();
    expect(kinds).toEqual(['BETAALD_WERK', 'BETAALD_WERK_LKS', 'LEERWERKTRAJECT', 'STAGE', 'VRIJWILLIGERSWERK', 'WERKERVARINGSPLEK']);
    const idris = db.prepare(`SELECT id, team_id AS teamId FROM clients WHERE client_number = 'D-1009'`).get() as {
      id: number;
      teamId: number;
    };
    expect(loadEligibility(db, idris.id, '2026-11-24').progress.totals.attended.PAID_WORK).toBe(276);
    expect(aftercareOverdueForTeam(db, idris.teamId, '2026-11-24').map((o) => o.clientId)).toEqual([idris.id]);
    const app = createApp({ db, clock });
    const { agent } = await loginAs(app, 'consulent', DEMO_PASSWORD);
    const page = await agent.get(`/clients/${idris.id}/placements`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Overweeg vervanging van taaluren door betaald werk (leidraad)');
    expect(page.text).toContain('Nazorg te laat');
    expect(page.text).toContain('276 uur, telt als betaald werk');
    const lead = await loginAs(app, 'teamleider', DEMO_PASSWORD);
    const team = await lead.agent.get('/team/placements');
    expect(team.status).toBe(200);
    expect(team.text).toContain('Zorgcentrum De Linde'); // the werkervaringsplek ends within 4 weeks
    expect(team.text).toContain('Idris Omar');
  });
});
