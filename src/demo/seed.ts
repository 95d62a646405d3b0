import type { Clock } from '../lib/clock.js';
import { hashPassword } from '../lib/passwords.js';
import type { Db } from '../db/connection.js';
import { createTeam } from '../db/teams.js';
import { seedEnforcementDemo } from './enforcement.js';
import { countUsers, createUser } from '../db/users.js';
import { seedDemoClients } from './clients.js';
import { seedProgressDemo } from './progress.js';
import { seedExamDemo } from './exams.js';
import { seedPlacementsDemo } from './placements.js';
import { seedCalendarDemo } from './calendar.js';
import { seedContactsDemo } from './contacts.js';
import { seedBarriersDemo, seedTargetGroupDemo } from './barriers.js';
import { seedTargetsDemo } from './targets.js';
import { seedRestrictedNotesDemo } from './restricted-notes.js';
import { seedRetentionDemo } from './retention.js';
import { seedWeeklyPlanCostsDemo } from './weekly-plan-costs.js';
import { seedProvidersDemo } from './providers.js';

export const DEMO_PASSWORD = 'demo-wachtwoord';

export interface DemoSeedResult {
  seeded: boolean;
  logins: { username: string; role: string }[];
}

/**
 * Fills an empty database with fictional demo data: two teams, users for every role and clients in
 * every phase. Does nothing when any user exists. Never called in production.
 */
export async function seedDemoData(db: Db, clock: Clock): Promise<DemoSeedResult> {
  if (countUsers(db) > 0) return { seeded: false, logins: [] };
  const now = clock.now().toISOString();
  const hash = await hashPassword(DEMO_PASSWORD);
  const logins = [
    { username: 'consulent', role: 'consulent' },
    { username: 'teamleider', role: 'teamleider' },
    { username: 'admin', role: 'admin' },
    { username: 'consulent2', role: 'consulent' },
    { username: 'aanbieder', role: 'aanbieder' },
  ];
  db.transaction(() => {
    const noord = createTeam(db, 'Inburgering Noord', now, 80);
    const zuid = createTeam(db, 'Inburgering Zuid', now, 80);
    createUser(db, { username: 'consulent', displayName: 'Sanne de Vries', role: 'consulent', teamId: noord, passwordHash: hash }, now);
    createUser(db, { username: 'teamleider', displayName: 'Ahmed Bakker', role: 'teamleider', teamId: noord, passwordHash: hash }, now);
    createUser(db, { username: 'admin', displayName: 'Femke Jansen', role: 'admin', teamId: null, passwordHash: hash }, now);
    createUser(db, { username: 'consulent2', displayName: 'Joris van Dam', role: 'consulent', teamId: zuid, passwordHash: hash }, now);
    createUser(db, { username: 'consulent3', displayName: 'Mila Visser', role: 'consulent', teamId: noord, passwordHash: hash }, now);
    db.prepare(
      `INSERT INTO providers (name, kind, contact) VALUES
        ('Taalschool De Brug', 'TAALAANBIEDER', 'info@debrug.example'),
        ('Taalhuis Noord', 'TAALAANBIEDER', 'planning@taalhuisnoord.example'),
        ('Stichting Nieuwkomers en Taal (participatiecoach)', 'PARTICIPATIECOACH', 'coaches@snt.example'),
        ('Vrijwilligerscentrale', 'OVERIG', 'match@vrijwilligers.example')`,
    ).run();
  })();
  seedDemoClients(db, clock);
  seedProgressDemo(db, clock);
  seedExamDemo(db, clock);
  db.transaction(() => seedEnforcementDemo(db, clock))();
  seedPlacementsDemo(db, clock);
  seedCalendarDemo(db, clock);
  seedContactsDemo(db, clock);
  seedBarriersDemo(db, clock);
  seedTargetGroupDemo(db);
  seedTargetsDemo(db, clock);
  seedRestrictedNotesDemo(db, clock);
  seedRetentionDemo(db, clock);
  seedWeeklyPlanCostsDemo(db, clock);
  seedProvidersDemo(db, clock, hash);
  return { seeded: true, logins };
}
