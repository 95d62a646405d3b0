// Plain SQL for the provider portal's organisations and referrals: which provider a user of the role `aanbieder`
// works for, and the referrals (verwijzingen) of clients to providers. No orchestration (see src/app/referrals.ts).
import { type Db, prepared } from './connection.js';

export const REFERRAL_COMPONENTS = ['LANGUAGE', 'PARTICIPATION', 'MAP', 'KNM', 'PVT', 'JOB_COACHING'] as const;
export type ReferralComponent = (typeof REFERRAL_COMPONENTS)[number];
export type ReferralStatus = 'PROPOSED' | 'CONFIRMED' | 'DECLINED' | 'WITHDRAWN';

export interface ProviderRef {
  id: number;
  name: string;
  kind: string;
  active: boolean;
}

/** The provider a user works for (role `aanbieder`), or undefined when the admin has not linked one. */
export function providerOfUser(db: Db, userId: number): ProviderRef | undefined {
  const row = prepared(
    db,
    `SELECT p.id, p.name, p.kind, p.active FROM provider_users pu JOIN providers p ON p.id = pu.provider_id WHERE pu.user_id = ?`,
  ).get(userId) as (Omit<ProviderRef, 'active'> & { active: number }) | undefined;
  return row && { ...row, active: row.active === 1 };
}

export interface ProviderUserRow {
  userId: number;
  username: string;
  displayName: string;
  active: boolean;
  providerId: number | null;
  providerName: string | null;
}

/** Every user of the role `aanbieder` with the provider they are linked to (if any). */
export function listProviderUsers(db: Db): ProviderUserRow[] {
  const rows = db
    .prepare(
      `SELECT u.id AS userId, u.username, u.display_name AS displayName, u.active, pu.provider_id AS providerId,
         p.name AS providerName
       FROM users u LEFT JOIN provider_users pu ON pu.user_id = u.id LEFT JOIN providers p ON p.id = pu.provider_id
       WHERE u.role = 'aanbieder' ORDER BY p.name IS NULL, p.name, u.display_name`,
    )
    .all() as (Omit<ProviderUserRow, 'active'> & { active: number })[];
  return rows.map((r) => ({ ...r, active: r.active === 1 }));
}

export function linkProviderUser(db: Db, userId: number, providerId: number, byUserId: number, nowIso: string): void {
  db.prepare(
    `INSERT INTO provider_users (user_id, provider_id, linked_by, linked_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (user_id) DO UPDATE SET provider_id = excluded.provider_id, linked_by = excluded.linked_by, linked_at = excluded.linked_at`,
  ).run(userId, providerId, byUserId, nowIso);
}

export function unlinkProviderUser(db: Db, userId: number): boolean {
  return db.prepare('DELETE FROM provider_users WHERE user_id = ?').run(userId).changes === 1;
}

export interface ReferralInput {
  providerId: number;
  component: ReferralComponent;
  startOn: string;
  endOn: string;
  hoursPerWeek: number | null;
  hoursTotal: number | null;
  note: string | null;
}

export interface Referral extends ReferralInput {
  id: number;
  clientId: number;
  providerName: string;
  status: ReferralStatus;
  declineReason: string | null;
  respondedAt: string | null;
  version: number;
  createdAt: string;
}

const REFERRAL_SELECT = `SELECT r.id, r.client_id AS clientId, r.provider_id AS providerId, p.name AS providerName,
  r.component, r.start_on AS startOn, r.end_on AS endOn, r.hours_per_week AS hoursPerWeek, r.hours_total AS hoursTotal,
  r.note, r.status, r.decline_reason AS declineReason, r.responded_at AS respondedAt, r.version, r.created_at AS createdAt
  FROM referrals r JOIN providers p ON p.id = r.provider_id`;

export function insertReferral(db: Db, clientId: number, input: ReferralInput, userId: number, nowIso: string): number {
  const r = db
    .prepare(
      `INSERT INTO referrals (client_id, provider_id, component, start_on, end_on, hours_per_week, hours_total, note,
         created_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      clientId,
      input.providerId,
      input.component,
      input.startOn,
      input.endOn,
      input.hoursPerWeek,
      input.hoursTotal,
      input.note,
      userId,
      nowIso,
      nowIso,
    );
  return Number(r.lastInsertRowid);
}

export function listClientReferrals(db: Db, clientId: number): Referral[] {
  return db.prepare(`${REFERRAL_SELECT} WHERE r.client_id = ? ORDER BY r.start_on DESC, r.id DESC`).all(clientId) as Referral[];
}

export function findReferral(db: Db, id: number): Referral | undefined {
  return db.prepare(`${REFERRAL_SELECT} WHERE r.id = ?`).get(id) as Referral | undefined;
}

/** A provider's answer to a proposed referral; false when it was no longer proposed or the version moved on. */
export function respondToReferral(
  db: Db,
  id: number,
  version: number,
  answer: { status: 'CONFIRMED' | 'DECLINED'; declineReason: string | null },
  userId: number,
  nowIso: string,
): boolean {
  return (
    db
      .prepare(
        `UPDATE referrals SET status = ?, decline_reason = ?, responded_by = ?, responded_at = ?, updated_at = ?,
           version = version + 1
         WHERE id = ? AND version = ? AND status = 'PROPOSED'`,
      )
      .run(answer.status, answer.declineReason, userId, nowIso, nowIso, id, version).changes === 1
  );
}

export function withdrawReferral(db: Db, id: number, version: number, nowIso: string): boolean {
  return (
    db
      .prepare(
        `UPDATE referrals SET status = 'WITHDRAWN', updated_at = ?, version = version + 1
         WHERE id = ? AND version = ? AND status IN ('PROPOSED', 'CONFIRMED')`,
      )
      .run(nowIso, id, version).changes === 1
  );
}

/** What a provider may see of a referred client: name and client number only (never the BSN or health data). */
export interface ProviderReferralRow extends Referral {
  clientNumber: string;
  firstName: string;
  lastName: string;
}

/**
 * The referrals a provider sees: its own, proposed or confirmed, still running on `today` (end date not passed),
 * of clients whose trajectory is not closed.
 */
export function listRunningReferralsOfProvider(db: Db, providerId: number, today: string): ProviderReferralRow[] {
  return db
    .prepare(
      `${REFERRAL_SELECT.replace('FROM referrals r', ', c.client_number AS clientNumber, c.first_name AS firstName, c.last_name AS lastName FROM referrals r JOIN clients c ON c.id = r.client_id')}
       WHERE r.provider_id = ? AND r.status IN ('PROPOSED', 'CONFIRMED') AND r.end_on >= ? AND c.closed_on IS NULL
       ORDER BY r.status = 'CONFIRMED', c.last_name, c.first_name, r.id`,
    )
    .all(providerId, today) as ProviderReferralRow[];
}

/** Confirmed referrals (with their provider) overlapping from..to; of one team's clients, or of one provider. */
export function referralsForFigures(db: Db, from: string, to: string, scope: { teamId: number } | { providerId: number }): Referral[] {
  const where = 'teamId' in scope ? 'c.team_id = ?' : 'r.provider_id = ?';
  return db
    .prepare(
      `${REFERRAL_SELECT} JOIN clients c ON c.id = r.client_id
       WHERE r.status = 'CONFIRMED' AND r.start_on <= ? AND r.end_on >= ? AND ${where} ORDER BY p.name, r.id`,
    )
    .all(to, from, 'teamId' in scope ? scope.teamId : scope.providerId) as Referral[];
}
