// Fixtures for the provider portal: a provider from the list, a user of the role `aanbieder` linked to it, a
// referral, and a client whose intake holds health and finances (to assert they never reach a provider page).
import { createUser } from '../../src/db/users.js';
import { linkProviderUser } from '../../src/db/referrals.js';
import type { TestContext } from './app.js';
import { testPasswordHash } from './app.js';
import { insertClient } from './fixtures.js';

const NOW = '2026-01-01T00:00:00.000Z';

export function addProvider(ctx: Pick<TestContext, 'db'>, name: string, kind = 'TAALAANBIEDER'): number {
  return Number(ctx.db.prepare('INSERT INTO providers (name, kind) VALUES (?, ?)').run(name, kind).lastInsertRowid);
}

export async function addProviderUser(ctx: Pick<TestContext, 'db' | 'users'>, username: string, providerId: number | null): Promise<number> {
  const id = createUser(ctx.db, { username, displayName: `Test ${username}`, role: 'aanbieder', teamId: null, passwordHash: await testPasswordHash() }, NOW);
  if (providerId !== null) linkProviderUser(ctx.db, id, providerId, ctx.users.admin, NOW);
  return id;
}

export function addReferral(
  ctx: Pick<TestContext, 'db' | 'users'>,
  clientId: number,
  providerId: number,
  opts: { status?: string; startOn?: string; endOn?: string; component?: string; hoursPerWeek?: number } = {},
): number {
  return Number(
    ctx.db
      .prepare(
        `INSERT INTO referrals (client_id, provider_id, component, start_on, end_on, hours_per_week, status, created_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        clientId,
        providerId,
        opts.component ?? 'LANGUAGE',
        opts.startOn ?? '2026-09-01',
        opts.endOn ?? '2027-06-30',
        opts.hoursPerWeek ?? 10,
        opts.status ?? 'CONFIRMED',
        ctx.users.consulent,
        NOW,
        NOW,
      ).lastInsertRowid,
  );
}

/** A client of team A with a BSN and an intake that records health and finances. */
export function sensitiveClient(ctx: Pick<TestContext, 'db' | 'teamA' | 'users'>, lastName: string, bsn: string): number {
  const id = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent, lastName, bsn });
  ctx.db
    .prepare(
      `INSERT INTO intakes (client_id, started_on, completed_on, health, finances, created_at, updated_at)
       VALUES (?, '2025-01-13', '2025-02-03', 'Geheime-gezondheid-XYZ', 'Geheime-schulden-XYZ', ?, ?)`,
    )
    .run(id, NOW, NOW);
  return id;
}
