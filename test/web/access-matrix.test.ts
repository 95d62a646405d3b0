import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { insertClient } from '../helpers/fixtures.js';
import { addProvider, addProviderUser, addReferral } from '../helpers/provider.js';

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
  { path: '/admin/provider-users', expect: { consulent: 403, teamleider: 403, admin: 200 } },
  { path: '/portal', expect: { consulent: 403, teamleider: 403, admin: 403 } },
  { path: '/portal/reports', expect: { consulent: 403, teamleider: 403, admin: 403 } },
  { path: '/portal/figures', expect: { consulent: 403, teamleider: 403, admin: 403 } },
  { path: '/team/providers', expect: { consulent: 403, teamleider: 200, admin: 403 } },
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

// The provider role (issue 17): deny by default. Every row above, and every route any router declares (read from
// the route files, with the prefix app.ts mounts them under), is refused for a provider user (403/404) with no
// client data in the body; only its portal, its account pages and the public pages are open.
const PROVIDER_OPEN: Record<string, number> = {
  '/': 303,
  '/account/password': 200,
  '/accessibility': 200,
  '/portal': 200,
  '/portal/reports': 200,
  '/portal/figures': 200,
};

function declaredRoutes(): { method: 'get' | 'post'; path: string }[] {
  const root = join(import.meta.dirname, '..', '..', 'src', 'web');
  const app = readFileSync(join(root, 'app.ts'), 'utf8');
  const prefixOf = new Map<string, string>();
  for (const m of app.matchAll(/import \{([^}]+)\} from '\.\/routes\/([\w-]+)\.js'/g)) {
    for (const name of m[1]!.split(',').map((n) => n.trim())) {
      const mount = new RegExp(`app\\.use\\('([^']+)', ${name}\\(`).exec(app);
      if (mount) prefixOf.set(m[2]!, mount[1]!);
    }
  }
  const routes: { method: 'get' | 'post'; path: string }[] = [];
  for (const file of readdirSync(join(root, 'routes'))) {
    const src = readFileSync(join(root, 'routes', file), 'utf8');
    const prefix = prefixOf.get(file.replace(/\.ts$/, '')) ?? '';
    for (const m of src.matchAll(/router\.(get|post)\(\s*['`]([^'`$]*)['`]/g)) {
      const path = `${prefix}${m[2] === '/' && prefix ? '' : m[2]}`.replace(/:[A-Za-z]+/g, '1') || '/';
      routes.push({ method: m[1] as 'get' | 'post', path });
    }
    // Routers built by a helper declare their page with its full path (src/web/effective-dated-admin.ts: GET and POST).
    for (const m of src.matchAll(/effectiveDatedAdminRouter\(services, \{[^}]*?path: '([^']+)'/g)) {
      routes.push({ method: 'get', path: m[1]! }, { method: 'post', path: m[1]! });
    }
  }
  return routes;
}

const PUBLIC_OR_OWN = /^\/(login|logout|accessibility|privacy|health|healthz|ready|account|portal|calendar|favicon|css|js)(\/|$|\.)/;

describe('access matrix: the provider role (aanbieder)', async () => {
  const ctx = await buildTestApp();
  const provider = addProvider(ctx, 'Taalschool Matrix');
  await addProviderUser(ctx, 'aanbieder', provider);
  const client = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent, lastName: 'Matrixova', bsn: '123456782' });
  addReferral(ctx, client, provider);
  const { agent, csrf } = await ctx.login('aanbieder');

  it.each(MATRIX.map((r) => r.path))('aanbieder GET %s', async (path) => {
    const res = await agent.get(path);
    expect(res.status).toBe(PROVIDER_OPEN[path] ?? 403);
    if (path === '/') expect(res.headers.location).toBe('/portal');
  });

  const routes = declaredRoutes().filter((r) => !PUBLIC_OR_OWN.test(r.path) && r.path !== '/');
  it('finds the routers\' routes', () => {
    expect(routes.length).toBeGreaterThan(150);
    expect(routes.some((r) => r.path === '/admin/rules/new')).toBe(true);
    expect(routes.some((r) => r.path === '/clients/1/hours')).toBe(true);
    expect(routes.filter((r) => r.path === '/admin/targets' || r.path === '/admin/retention')).toHaveLength(4);
  });
  it.each(routes.map((r) => [r.method.toUpperCase(), r.path]))('aanbieder %s %s → 403, no data', async (method, path) => {
    const res = method === 'GET' ? await agent.get(path) : await agent.post(path).type('form').send({ _csrf: csrf });
    expect([403, 404]).toContain(res.status);
    expect(res.text).not.toContain('Matrixova');
    expect(res.text).not.toContain('123456782');
  });
});
