import { type Clock, todayOf } from '../lib/clock.js';
import type { Db } from '../db/connection.js';
import { insertCostLine } from '../db/costs.js';
import { currentRoute } from '../db/progress.js';
import { insertAvailability, insertPlanEntry, savePlanSettings } from '../db/weekly-plans.js';
import { addClientEvent } from '../db/timeline.js';

/**
 * Issue 21: a weekly plan with a clash (participation on Tuesday runs into the language lesson, and Thursday's
 * lesson lies outside the childcare hours) and costs above 80% of the budget, both for D-1001 (Amina Yusuf);
 * smaller costs for a few other clients, so that the team's costs page shows a spread.
 */
export function seedWeeklyPlanCostsDemo(db: Db, clock: Clock): void {
  const nowIso = clock.now().toISOString();
  const today = todayOf(clock);
  const clients = db
    .prepare("SELECT id, client_number AS nr, consulent_id AS userId FROM clients WHERE closed_on IS NULL AND consulent_id IS NOT NULL AND client_number LIKE 'D-%' ORDER BY client_number")
    .all() as { id: number; nr: string; userId: number }[];
  const amina = clients.find((c) => c.nr === 'D-1001');
  const provider = (db.prepare("SELECT id FROM providers WHERE name = 'Taalschool De Brug'").pluck().get() as number | undefined) ?? null;
  const coach = (db.prepare("SELECT id FROM providers WHERE kind = 'PARTICIPATIECOACH' ORDER BY id").pluck().get() as number | undefined) ?? null;
  const daysAgo = (n: number) => new Date(clock.now().getTime() - n * 86_400_000).toISOString().slice(0, 10);
  db.transaction(() => {
    if (amina) {
      const entry = (activity: 'TAALLES' | 'PARTICIPATIE' | 'COACHING', label: string, weekday: number, start: string, end: string, place: string | null) =>
        insertPlanEntry(db, amina.id, { activity, label, place, weekday, start, end, dayPart: null, placementId: null }, amina.userId, nowIso);
      entry('TAALLES', 'Taalles bij Taalschool De Brug', 1, '09:00', '12:00', 'Stationsplein 4');
      entry('TAALLES', 'Taalles bij Taalschool De Brug', 2, '09:00', '12:00', 'Stationsplein 4');
      entry('PARTICIPATIE', 'Vrijwilligerswerk in de buurtkeuken', 2, '11:30', '15:00', 'Buurthuis De Linde');
      entry('TAALLES', 'Taalles bij Taalschool De Brug', 4, '13:00', '16:00', 'Stationsplein 4');
      entry('COACHING', 'Gesprek met de jobcoach', 5, '10:00', '11:00', null);
      savePlanSettings(db, amina.id, 0, { maxHoursPerWeek: 16, availabilityNote: 'Kinderopvang ma–vr 08:30–14:30; de school gaat om 14:45 uit.' }, amina.userId, nowIso);
      for (const d of [1, 2, 3, 4, 5]) insertAvailability(db, amina.id, { weekday: d, start: '08:30', end: '14:30' }, amina.userId, nowIso);
      addClientEvent(db, { clientId: amina.id, occurredOn: today, kind: 'WEEKLY_PLAN', summary: 'Weekplan gemaakt', refTable: null, refId: null, userId: amina.userId });
    }
    clients.slice(0, 8).forEach((c, i) => {
      const route = currentRoute(db, c.id);
      const line = (component: Parameters<typeof insertCostLine>[2]['component'], kind: 'VERPLICHTING' | 'KOSTEN', euros: number, ago: number, description: string, extra: { providerId?: number | null; reason?: string } = {}) =>
        insertCostLine(
          db,
          c.id,
          { component, kind, amountCents: euros * 100, bookedOn: daysAgo(ago), route, providerId: extra.providerId ?? null, description, reason: extra.reason ?? null, overBudgetReason: null },
          c.userId,
          nowIso,
        );
      if (c === amina) {
        line('TAALCURSUS', 'VERPLICHTING', 6_000, 200, 'Taaltraject Z-route, 12 maanden', { providerId: provider });
        line('TAALCURSUS', 'KOSTEN', 3_000, 100, 'Factuur eerste halfjaar', { providerId: provider });
        line('PARTICIPATIE', 'VERPLICHTING', 1_800, 150, 'Participatietraject met coach', { providerId: coach });
        line('KINDEROPVANG', 'KOSTEN', 450, 40, 'Eigen bijdrage kinderopvang, 3 maanden');
        line('DOORBRAAKBUDGET', 'KOSTEN', 250, 30, 'Fiets met kinderzitje', { reason: 'Zonder fiets haalt zij de kinderopvang en de taalles niet op tijd.' });
        return;
      }
      line('TAALCURSUS', 'VERPLICHTING', 3_500 + i * 400, 120 - i * 5, 'Taaltraject', { providerId: i % 2 ? provider : coach });
      if (i % 2) line('REISKOSTEN', 'KOSTEN', 60 + i * 10, 20, 'Buskaart');
      if (i % 3 === 0) line('TOLK', 'KOSTEN', 90, 15, 'Tolk bij het voortgangsgesprek');
    });
  })();
}
