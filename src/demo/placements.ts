import { addDays, format, subDays, subMonths, subWeeks } from 'date-fns';
import { type Clock, todayOf } from '../lib/clock.js';
import { insertCaseMeeting } from '../db/case-meetings.js';
import { refreshClientStatus } from '../db/client-status.js';
import type { Db } from '../db/connection.js';
import { insertHour } from '../db/hours.js';
import {
  activatePlacement,
  endPlacement,
  hourKindOfPlacement,
  insertPlacement,
  listCheckins,
  type PlacementInput,
  READINESS_ITEMS,
  saveReadiness,
  updateCheckin,
} from '../db/placements.js';

const iso = (d: Date) => format(d, 'yyyy-MM-dd');

interface DemoPlacement {
  client: string;
  input: Omit<PlacementInput, 'startOn' | 'plannedEndOn'> & { startOn: Date; plannedEndOn: Date | null };
  state: 'IN_VOORBEREIDING' | 'ACTIEF' | 'BEEINDIGD';
  /** Registered hours per past month (newest first), booked against the placement. */
  monthlyHours?: number[];
  endReason?: string;
}

/**
 * Placements of every kind for the progress demo clients in "Inburgering Noord" (issue 11). Idris Omar (D-1009)
 * has structural paid work: an active paid placement started 14 weeks ago, paid-work hours, no substitution
 * decision yet, and one after-care check-in overdue. Skips when those clients are missing or placements exist.
 */
export function seedPlacementsDemo(db: Db, clock: Clock): number {
  const user = db.prepare("SELECT id FROM users WHERE username = 'consulent'").pluck().get() as number | undefined;
  const clientOf = (n: string) => db.prepare('SELECT id FROM clients WHERE client_number = ?').pluck().get(n) as number | undefined;
  if (!user || !clientOf('D-1009')) return 0;
  if ((db.prepare('SELECT COUNT(*) FROM placements').pluck().get() as number) > 0) return 0;
  const now = clock.now();
  const today = todayOf(clock);
  const nowIso = now.toISOString();
  const base = { contactPerson: null, jobCoach: null, note: null };

  const demo: DemoPlacement[] = [
    {
      client: 'D-1009',
      input: {
        ...base,
        kind: 'BETAALD_WERK',
        organisation: 'Bakkerij Van Dam',
        contactPerson: 'Ingrid van Dam',
        jobCoach: 'Karin de Boer',
        startOn: subWeeks(now, 14),
        plannedEndOn: addDays(subWeeks(now, 14), 364),
        hoursPerWeek: 24,
        languageSupport: 'VAKTAAL',
      },
      state: 'ACTIEF',
      monthlyHours: [96, 92, 88],
    },
    {
      client: 'D-1001',
      input: { ...base, kind: 'VRIJWILLIGERSWERK', organisation: 'Buurthuis De Ster', startOn: subMonths(now, 6), plannedEndOn: null, hoursPerWeek: 6, languageSupport: 'TAALCOACHING_OP_DE_WERKVLOER' },
      state: 'ACTIEF',
      monthlyHours: [24, 22],
    },
    {
      client: 'D-1003',
      input: { ...base, kind: 'WERKERVARINGSPLEK', organisation: 'Zorgcentrum De Linde', jobCoach: 'Peter de Wit', startOn: subMonths(now, 5), plannedEndOn: addDays(now, 20), hoursPerWeek: 16, languageSupport: 'VAKTAAL' },
      state: 'ACTIEF',
    },
    {
      client: 'D-1004',
      input: { ...base, kind: 'LEERWERKTRAJECT', organisation: 'Groenbedrijf Noord', startOn: subMonths(now, 3), plannedEndOn: addDays(subMonths(now, 3), 365), hoursPerWeek: 20, languageSupport: 'TAALCOACHING_OP_DE_WERKVLOER' },
      state: 'ACTIEF',
    },
    {
      client: 'D-1005',
      input: { ...base, kind: 'BETAALD_WERK_LKS', organisation: 'Schoonmaakbedrijf Glans', contactPerson: 'Marco Bos', startOn: addDays(now, 14), plannedEndOn: null, hoursPerWeek: 20, languageSupport: 'GEEN' },
      state: 'IN_VOORBEREIDING',
    },
    {
      client: 'D-1006',
      input: { ...base, kind: 'STAGE', organisation: 'Zorgcentrum De Linde', startOn: subMonths(now, 8), plannedEndOn: subMonths(now, 5), hoursPerWeek: 12, languageSupport: 'VAKTAAL' },
      state: 'BEEINDIGD',
      endReason: 'Stage afgerond; goede beoordeling van de begeleider.',
    },
    {
      client: 'D-1011',
      input: { ...base, kind: 'BETAALD_WERK', organisation: 'Logistiek Noord BV', startOn: subMonths(now, 8), plannedEndOn: null, hoursPerWeek: 16, languageSupport: 'GEEN' },
      state: 'ACTIEF',
    },
  ];

  let count = 0;
  db.transaction(() => {
    for (const d of demo) {
      const clientId = clientOf(d.client);
      if (!clientId) continue;
      const input: PlacementInput = { ...d.input, startOn: iso(d.input.startOn), plannedEndOn: d.input.plannedEndOn ? iso(d.input.plannedEndOn) : null };
      const id = insertPlacement(db, clientId, input, user, nowIso);
      if (d.state !== 'IN_VOORBEREIDING') activatePlacement(db, clientId, id, 1, input.startOn, null, user, nowIso);
      if (d.state === 'BEEINDIGD') endPlacement(db, clientId, id, 2, input.plannedEndOn ?? today, d.endReason ?? 'Afgerond', nowIso);
      (d.monthlyHours ?? []).forEach((hours, i) => {
        const end = subDays(now, 1 + 30 * i);
        insertHour(
          db,
          clientId,
          {
            kind: hourKindOfPlacement(input.kind),
            activityKindId: null,
            periodStart: iso(subDays(end, 29)),
            periodEnd: iso(end),
            hours,
            plannedHours: null,
            providerId: null,
            organisation: input.organisation,
            note: null,
            placementId: id,
          },
          user,
          nowIso,
        );
      });
      count += 1;
      refreshClientStatus(db, clientId, today);
    }
    // Idris: basis op orde, first after-care check-in done, the second one (3 months) overdue; one casusoverleg.
    const idris = clientOf('D-1009')!;
    saveReadiness(db, idris, READINESS_ITEMS.map((item) => ({ item, confirmed: true, note: null })), user, nowIso);
    const first = listCheckins(db, idris)[0];
    if (first) updateCheckin(db, first.id, first.version, { dueOn: first.dueOn, doneOn: first.dueOn, note: 'Gaat goed; werkgever tevreden over inzet.' }, user, nowIso);
    insertCaseMeeting(
      db,
      idris,
      {
        heldOn: iso(subWeeks(now, 3)),
        placementId: db.prepare("SELECT id FROM placements WHERE client_id = ? AND kind = 'BETAALD_WERK'").pluck().get(idris) as number,
        withProvider: false,
        withJobCoach: true,
        withEmployer: true,
        otherParticipants: null,
        notes: 'Werkt zelfstandig aan de oven. Vaktaal (recepten, hygiëneregels) nog lastig.',
      },
      [{ description: 'Woordenlijst bakkerij oefenen met de taalcoach', owner: 'CLIENT', dueOn: iso(addDays(now, 21)) }],
      user,
      nowIso,
    );
    // Karim: paid work for 8 months, every after-care check-in done.
    const karim = clientOf('D-1011');
    if (karim) {
      for (const c of listCheckins(db, karim)) {
        updateCheckin(db, c.id, c.version, { dueOn: c.dueOn, doneOn: c.dueOn, note: 'Contact met de werkgever: gaat goed.' }, user, nowIso);
      }
    }
    // Esra: basis partly in order (childcare still open).
    const esra = clientOf('D-1005');
    if (esra) {
      saveReadiness(
        db,
        esra,
        READINESS_ITEMS.map((item) => ({ item, confirmed: item !== 'CHILDCARE', note: item === 'CHILDCARE' ? 'Wachtlijst kinderopvang tot januari' : null })),
        user,
        nowIso,
      );
    }
    refreshClientStatus(db, idris, today);
  })();
  return count;
}
