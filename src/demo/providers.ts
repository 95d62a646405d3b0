// Demo data of the provider portal (issue 17): users of two providers (log in as `aanbieder` for Taalschool De
// Brug, `participatie` for the participation provider), referrals in every state, and reports submitted,
// accepted, rejected and overdue. Reports go through the use cases, as a provider and a consulent would.
import { format, parseISO, subDays, subMonths } from 'date-fns';
import { actorAt } from '../app/actor.js';
import { acceptReport, submitReportGrid, rejectReport } from '../app/provider-reports.js';
import type { Db } from '../db/connection.js';
import { insertReferral, linkProviderUser, type ReferralComponent } from '../db/referrals.js';
import { createUser, findUserById, findUserByUsername } from '../db/users.js';
import { type Clock, todayOf } from '../lib/clock.js';

const iso = (d: Date) => format(d, 'yyyy-MM-dd');

export function seedProvidersDemo(db: Db, clock: Clock, passwordHash: string): void {
  const now = clock.now().toISOString();
  const today = todayOf(clock);
  const providerId = (name: string) => db.prepare('SELECT id FROM providers WHERE name = ?').pluck().get(name) as number;
  const school = providerId('Taalschool De Brug');
  const coach = providerId('Stichting Nieuwkomers en Taal (participatiecoach)');
  const admin = findUserByUsername(db, 'admin')!;
  const consulent = findUserByUsername(db, 'consulent')!;
  const users = db.transaction(() => {
    const a = createUser(db, { username: 'aanbieder', displayName: 'Lotte Smit (Taalschool De Brug)', role: 'aanbieder', teamId: null, passwordHash }, now);
    const p = createUser(db, { username: 'participatie', displayName: 'Youssef El Amrani (SNT)', role: 'aanbieder', teamId: null, passwordHash }, now);
    linkProviderUser(db, a, school, admin.id, now);
    linkProviderUser(db, p, coach, admin.id, now);
    return { school: a, coach: p };
  })();

  const clients = db
    .prepare(`SELECT id FROM clients WHERE consulent_id = ? AND closed_on IS NULL ORDER BY id LIMIT 8`)
    .pluck()
    .all(consulent.id) as number[];
  if (clients.length < 7) return;
  const start = iso(subMonths(parseISO(today), 3));
  const end = iso(subDays(subMonths(parseISO(today), -6), 0));
  const refer = (clientId: number, provider: number, component: ReferralComponent, status = 'CONFIRMED', endOn = end, reason: string | null = null) =>
    db.transaction(() => {
      const id = insertReferral(db, clientId, { providerId: provider, component, startOn: start, endOn, hoursPerWeek: 10, hoursTotal: null, note: null }, consulent.id, now);
      if (status !== 'PROPOSED') {
        db.prepare('UPDATE referrals SET status = ?, decline_reason = ?, responded_at = ? WHERE id = ?').run(status, reason, now, id);
      }
      return id;
    })();
  const [a, b, c, d, e, f, g] = clients as [number, number, number, number, number, number, number];
  const ra = refer(a, school, 'LANGUAGE');
  const rb = refer(b, school, 'LANGUAGE');
  const rc = refer(c, coach, 'KNM');
  refer(d, school, 'LANGUAGE', 'PROPOSED');
  refer(e, school, 'KNM', 'DECLINED', end, 'Geen plek in de KNM-groep tot maart');
  refer(f, coach, 'MAP', 'WITHDRAWN');
  refer(g, school, 'LANGUAGE', 'CONFIRMED', iso(subMonths(parseISO(today), 1)));

  const actor = (userId: number) => actorAt(findUserById(db, userId)!, clock, () => {});
  const month = (n: number) => iso(subMonths(parseISO(today), n)).slice(0, 7);
  const grid = (userId: number, period: string, rows: Record<number, Record<string, string>>) => submitReportGrid({ db, clock }, actor(userId), period, rows);
  const latest = (referral: number) => db.prepare('SELECT id, version FROM provider_reports WHERE referral_id = ? ORDER BY id DESC LIMIT 1').get(referral) as { id: number; version: number };

  // Two months ago: accepted for client A (with a level), none for B (overdue).
  grid(users.school, month(2), { [ra]: { gepland: '40', uren: '38', geoorloofd: '2', reden: 'Tandarts', niveaus: 'spreken A1, lezen A1', voortgang: 'Doet goed mee.' } });
  acceptReport({ db, clock }, actor(consulent.id), latest(ra).id, latest(ra).version);
  // Last month: submitted for A (A2 reached), rejected for B, submitted with dreigende uitval for C.
  grid(users.school, month(1), {
    [ra]: { gepland: '40', uren: '36', ongeoorloofd: '4', niveaus: 'spreken A2', voortgang: 'Spreekt steeds vrijer.' },
    [rb]: { gepland: '40', uren: '40', voortgang: 'Volledig aanwezig.' },
  });
  rejectReport({ db, clock }, actor(consulent.id), latest(rb).id, latest(rb).version, { ok: true, data: { reason: 'Er vielen twee lessen uit; pas de geplande uren aan.' } });
  grid(users.coach, month(1), { [rc]: { gepland: '16', uren: '6', ongeoorloofd: '10', uitval: 'ja', uitval_toelichting: 'Al drie weken niet geweest; geen contact.' } });
}
