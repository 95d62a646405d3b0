import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';

// Route × role → expected status for GET pages. Feature work adds rows here; client-specific pages are
// covered per feature (own team / other team) and in the per-client matrix.
type Who = 'consulent' | 'teamleider' | 'admin';
const MATRIX: { path: string; expect: Record<Who, number> }[] = [
  { path: '/', expect: { consulent: 200, teamleider: 200, admin: 200 } },
  { path: '/account/password', expect: { consulent: 200, teamleider: 200, admin: 200 } },
  { path: '/accessibility', expect: { consulent: 200, teamleider: 200, admin: 200 } },
  { path: '/admin/enforcement-rules', expect: { consulent: 403, teamleider: 403, admin: 200 } },
  { path: '/clients', expect: { consulent: 200, teamleider: 200, admin: 403 } },
  { path: '/clients/new', expect: { consulent: 200, teamleider: 200, admin: 403 } },
  { path: '/hours/import', expect: { consulent: 200, teamleider: 403, admin: 403 } },
  { path: '/duo', expect: { consulent: 200, teamleider: 200, admin: 403 } },
  { path: '/agenda', expect: { consulent: 200, teamleider: 403, admin: 403 } },
  { path: '/caseload', expect: { consulent: 200, teamleider: 200, admin: 403 } },
  { path: '/caseload/export.csv', expect: { consulent: 200, teamleider: 200, admin: 403 } },
  { path: '/team/approvals', expect: { consulent: 403, teamleider: 200, admin: 403 } },
  { path: '/team/figures', expect: { consulent: 403, teamleider: 200, admin: 403 } },
  { path: '/team/stations', expect: { consulent: 403, teamleider: 200, admin: 403 } },
  { path: '/team/discretion', expect: { consulent: 403, teamleider: 200, admin: 403 } },
  { path: '/team/figures/export.csv', expect: { consulent: 403, teamleider: 200, admin: 403 } },
  { path: '/team/figures/export.json', expect: { consulent: 403, teamleider: 200, admin: 403 } },
  { path: '/team/placements', expect: { consulent: 403, teamleider: 200, admin: 403 } },
  { path: '/team/costs', expect: { consulent: 403, teamleider: 200, admin: 403 } },
  { path: '/admin/rules', expect: { consulent: 403, teamleider: 403, admin: 200 } },
  { path: '/admin/rules/new', expect: { consulent: 403, teamleider: 403, admin: 200 } },
  { path: '/admin/lists', expect: { consulent: 403, teamleider: 403, admin: 200 } },
  { path: '/admin/users', expect: { consulent: 403, teamleider: 403, admin: 200 } },
  { path: '/admin/users/new', expect: { consulent: 403, teamleider: 403, admin: 200 } },
  { path: '/admin/teams', expect: { consulent: 403, teamleider: 403, admin: 200 } },
  { path: '/admin/audit', expect: { consulent: 403, teamleider: 403, admin: 200 } },
  { path: '/admin/letters', expect: { consulent: 403, teamleider: 403, admin: 200 } },
  { path: '/admin/letters/pip-beschikking', expect: { consulent: 403, teamleider: 403, admin: 200 } },
  { path: '/admin/letters/afzender', expect: { consulent: 403, teamleider: 403, admin: 200 } },
  { path: '/admin/documents', expect: { consulent: 403, teamleider: 403, admin: 200 } },
  { path: '/admin/documents/types/1', expect: { consulent: 403, teamleider: 403, admin: 200 } },
  { path: '/admin/targets', expect: { consulent: 403, teamleider: 403, admin: 200 } },
  { path: '/admin/processing-register', expect: { consulent: 403, teamleider: 403, admin: 200 } },
  { path: '/admin/processing-register/export.csv', expect: { consulent: 403, teamleider: 403, admin: 200 } },
  { path: '/admin/processing-register/export.json', expect: { consulent: 403, teamleider: 403, admin: 200 } },
  { path: '/team/restricted-notes', expect: { consulent: 403, teamleider: 200, admin: 403 } },
  { path: '/admin/retention', expect: { consulent: 403, teamleider: 403, admin: 200 } },
  { path: '/retention', expect: { consulent: 403, teamleider: 200, admin: 200 } },
];

describe('access matrix (route × role)', async () => {
  const ctx = await buildTestApp();
  const agents = {
    consulent: await ctx.login('consulent'),
    teamleider: await ctx.login('teamleider'),
    admin: await ctx.login('admin'),
  };
  for (const row of MATRIX) {
    for (const who of Object.keys(row.expect) as Who[]) {
      it(`${who} GET ${row.path} → ${row.expect[who]}`, async () => {
        const res = await agents[who].agent.get(row.path);
        expect(res.status).toBe(row.expect[who]);
      });
    }
  }
  it.each(MATRIX.filter((r) => r.path !== '/accessibility').map((r) => r.path))(
    'anonymous GET %s → redirect to log-in',
    async (path) => {
      const { default: request } = await import('supertest');
      const res = await request(ctx.app).get(path);
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/login');
    },
  );
});
