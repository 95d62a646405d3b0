import { addDays, endOfMonth, format, startOfMonth, subMonths } from 'date-fns';
import { type Clock, todayOf } from '../lib/clock.js';
import { insertAgreement } from '../db/agreements.js';
import { refreshClientStatus } from '../db/client-status.js';
import type { Db } from '../db/connection.js';
import { closeAfterEindgesprek, insertConversation } from '../db/conversations.js';
import { insertHour } from '../db/hours.js';
import { addClientEvent } from '../db/timeline.js';
import type { HourKind } from '../db/progress.js';

interface DemoClient {
  number: string;
  first: string;
  last: string;
  language: number;
  participation: number;
  map?: number;
  paidWork?: number;
  /** attended / planned for language hours; 1 = no absence */
  attendance?: number;
  decisions?: { kind: string; data?: Record<string, unknown>; reason: string }[];
  extra?: 'PRE_EIND' | 'EIND' | 'VOORTGANG';
}

/** Z-route clients around every threshold of the leidraad (seed 000), for demos and manual testing. */
const CLIENTS: DemoClient[] = [
  { number: 'D-1001', first: 'Amina', last: 'Yusuf', language: 399, participation: 300, decisions: [pvt()], extra: 'VOORTGANG' },
  { number: 'D-1002', first: 'Bilal', last: 'Haddad', language: 400, participation: 300, decisions: [pvt()], attendance: 0.85 },
  { number: 'D-1003', first: 'Chen', last: 'Wei', language: 599, participation: 320, decisions: [pvt()] },
  { number: 'D-1004', first: 'Dawit', last: 'Tesfaye', language: 600, participation: 320, decisions: [pvt()] },
  { number: 'D-1005', first: 'Esra', last: 'Kaya', language: 500, participation: 299, decisions: [pvt()], attendance: 0.65 },
  { number: 'D-1006', first: 'Farah', last: 'Ali', language: 500, participation: 300, decisions: [pvt()] },
  { number: 'D-1007', first: 'Goran', last: 'Petrović', language: 800, participation: 759, map: 40, decisions: [pvt(), knm(), map()] },
  { number: 'D-1008', first: 'Hana', last: 'Mahmoud', language: 800, participation: 760, map: 40, decisions: [pvt(), knm(), map()] },
  { number: 'D-1009', first: 'Idris', last: 'Omar', language: 620, participation: 400, decisions: [] },
  {
    number: 'D-1010',
    first: 'Jamal',
    last: 'Nasser',
    language: 450,
    participation: 200,
    decisions: [
      pvt(),
      {
        kind: 'INSTRUMENT',
        data: { code: 'RTS', attendancePct: 75, effect: ['Telt mee als participatie: 120 uur (75% van 160)'] },
        reason: 'Deelgenomen aan Rotterdamse Taalstart; eindrapport 75% aanwezig. Afgestemd met de coach.',
      },
    ],
  },
  {
    number: 'D-1011',
    first: 'Karim',
    last: 'Saleh',
    language: 680,
    participation: 500,
    paidWork: 150,
    decisions: [
      pvt(),
      {
        kind: 'SUBSTITUTION',
        data: {
          hours: 120,
          effect: ['Taalnorm wordt 680, participatienorm 920, waarvan minstens 120 uur betaald werk'],
        },
        reason: 'Werkt structureel 16 uur per week in de logistiek.',
      },
    ],
  },
  { number: 'D-1012', first: 'Layla', last: 'Rahimi', language: 650, participation: 420, decisions: [pvt()], extra: 'PRE_EIND' },
  {
    number: 'D-1013',
    first: 'Mohammed',
    last: 'Idris',
    language: 800,
    participation: 760,
    map: 40,
    decisions: [pvt(), knm(), map()],
    extra: 'EIND',
  },
];

function pvt() {
  return { kind: 'PVT_COMPLETED', reason: 'Participatieverklaring ondertekend.' };
}
function knm() {
  return { kind: 'KNM_COMPLETED', reason: 'KNM-cursus afgerond (certificaat aanbieder).' };
}
function map() {
  return { kind: 'MAP_COMPLETED', reason: 'MAP afgerond, 40 uur praktijk.' };
}

const iso = (d: Date) => format(d, 'yyyy-MM-dd');

/**
 * Adds progress demo data (Z-route clients with hours, decisions, conversations, agreements) to team
 * "Inburgering Noord", consulent "consulent". Skips when the team or user is missing or the data exists.
 */
export function seedProgressDemo(db: Db, clock: Clock): number {
  const team = db.prepare("SELECT id FROM teams WHERE name = 'Inburgering Noord'").pluck().get() as number | undefined;
  const user = db.prepare("SELECT id FROM users WHERE username = 'consulent'").pluck().get() as number | undefined;
  if (!team || !user) return 0;
  if (db.prepare("SELECT 1 FROM clients WHERE client_number = 'D-1001'").get()) return 0;
  const today = todayOf(clock);
  const now = clock.now();
  const nowIso = now.toISOString();
  const leefdomeinen = db.prepare('SELECT id FROM leefdomeinen WHERE active = 1 ORDER BY sort_order').pluck().all() as number[];
  const vrijwilligerswerk = db.prepare("SELECT id FROM activity_kinds WHERE name = 'Vrijwilligerswerk'").pluck().get() as number;
  const taalschool = db.prepare("SELECT id FROM providers WHERE name = 'Taalschool De Brug'").pluck().get() as number | undefined;
  const linkedOn = iso(subMonths(now, 26));
  const intakeStart = iso(addDays(subMonths(now, 26), 7));
  const intakeDone = iso(addDays(subMonths(now, 26), 28));
  const pipOn = iso(subMonths(now, 24));

  db.transaction(() => {
    for (const c of CLIENTS) {
      const id = Number(
        db
          .prepare(
            `INSERT INTO clients (client_number, first_name, last_name, birth_date, doelgroep, linked_on, team_id, consulent_id,
               preferred_language, created_at, updated_at)
             VALUES (?, ?, ?, '1988-03-14', 'ASIELSTATUSHOUDER', ?, ?, ?, 'Arabisch', ?, ?)`,
          )
          .run(c.number, c.first, c.last, linkedOn, team, user, nowIso, nowIso).lastInsertRowid,
      );
      const intakeId = Number(
        db
          .prepare(
            `INSERT INTO intakes (client_id, started_on, completed_on, leerbaarheid_score, leerbaarheid_on, updated_by, created_at, updated_at)
             VALUES (?, ?, ?, 18, ?, ?, ?, ?)`,
          )
          .run(id, intakeStart, intakeDone, intakeStart, user, nowIso, nowIso).lastInsertRowid,
      );
      leefdomeinen.forEach((ld, i) => {
        db.prepare('INSERT INTO intake_scores (intake_id, leefdomein_id, score) VALUES (?, ?, ?)').run(intakeId, ld, 2 + (i % 3));
      });
      db.prepare(
        `INSERT INTO route_decisions (client_id, kind, decided_on, route, advised_route, decided_by, created_at)
         VALUES (?, 'CHOICE', ?, 'Z', 'Z', ?, ?)`,
      ).run(id, intakeDone, user, nowIso);
      db.prepare(
        `INSERT INTO pip_versions (client_id, version_no, vastgesteld_on, revision_reason, content, created_by, created_at)
         VALUES (?, 1, ?, 'FIRST', '{"route":"Z"}', ?, ?)`,
      ).run(id, pipOn, user, nowIso);

      const spread = (kind: HourKind, total: number, months: number, attendance = 1) => {
        let left = total;
        for (let m = 1; m <= months && left > 0; m++) {
          const chunk = m === months ? left : Math.min(left, Math.ceil(total / months));
          const month = subMonths(now, m);
          insertHour(
            db,
            id,
            {
              kind,
              activityKindId: kind === 'PARTICIPATION' ? vrijwilligerswerk : null,
              periodStart: iso(startOfMonth(month)),
              periodEnd: iso(endOfMonth(month)),
              hours: chunk,
              plannedHours: kind === 'LANGUAGE' && attendance < 1 ? Math.round(chunk / attendance) : kind === 'LANGUAGE' ? chunk : null,
              providerId: kind === 'LANGUAGE' ? (taalschool ?? null) : null,
              organisation: kind === 'PARTICIPATION' ? 'Buurthuis De Ster' : kind === 'PAID_WORK' ? 'Logistiek Noord BV' : null,
              note: null,
            },
            user,
            nowIso,
          );
          left -= chunk;
        }
      };
      spread('LANGUAGE', c.language, 20, c.attendance ?? 0.92);
      spread('PARTICIPATION', c.participation, 18);
      if (c.map) spread('MAP', c.map, 2);
      if (c.paidWork) spread('PAID_WORK', c.paidWork, 6);
      for (const d of c.decisions ?? []) {
        db.prepare(
          `INSERT INTO decisions (client_id, kind, decided_on, reason, data, decided_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        ).run(id, d.kind, iso(subMonths(now, 2)), d.reason, JSON.stringify(d.data ?? {}), user, nowIso);
      }
      const scores = leefdomeinen.map((ld, i) => ({ leefdomeinId: ld, score: 3 + (i % 3 === 0 ? 1 : 0), note: null }));
      const voortgangOn = iso(subMonths(now, 2));
      insertConversation(
        db,
        id,
        {
          kind: 'VOORTGANG',
          heldOn: voortgangOn,
          participants: { client: true, consulent: true, coachName: 'Karin de Boer', interpreterName: null },
          content: {
            languageDevelopment: 'Spreekt en begrijpt eenvoudige gesprekken.',
            participation: 'Vrijwilligerswerk in het buurthuis.',
            goingWell: 'Komt elke week naar de les en helpt mee in het buurthuis.',
            barriers: c.attendance && c.attendance < 0.8 ? 'Veel afwezig door zorg voor de kinderen.' : null,
          },
        },
        scores,
        user,
        nowIso,
      );
      if (c.extra === 'PRE_EIND') {
        const heldOn = iso(subMonths(now, 1));
        const cid = insertConversation(
          db,
          id,
          {
            kind: 'PRE_EIND',
            heldOn,
            participants: { client: true, consulent: true, lead: 'CONSULENT', coachName: 'Karin de Boer', interpreterName: 'Youssef (taalassistent)' },
            content: {
              languageDevelopment: 'Van A0 naar A1 op spreken en luisteren.',
              participationSoFar: 'Vrijwilligerswerk in het buurthuis, 8 uur per week.',
              stillNeeded: 'Nog 150 uur taal en 380 uur participatie; KNM en MAP afronden.',
              futurePlan: ['WERKERVARINGSPLEK', 'TAALVERWERVING'],
              steps: 'Werkervaringsplek in de zorg zoeken; daarna mogelijk leerwerktraject.',
              endInfoGiven: true,
              readBack: true,
              sharedWithCoach: true,
              debrief: 'Gemotiveerd; coach zoekt een werkervaringsplek.',
            },
          },
          scores,
          user,
          nowIso,
        );
        insertAgreement(db, id, cid, { description: 'Werkervaringsplek in de zorg zoeken', owner: 'COACH', dueOn: iso(addDays(now, 30)) }, user, nowIso);
        insertAgreement(db, id, cid, { description: 'Aanmelden voor de KNM-cursus', owner: 'CLIENT', dueOn: iso(addDays(now, -7)) }, user, nowIso);
        insertAgreement(db, id, cid, { description: 'Taalaanbod WEB uitzoeken', owner: 'CONSULENT', dueOn: iso(addDays(now, 45)) }, user, nowIso);
      }
      if (c.extra === 'EIND') {
        const heldOn = iso(addDays(now, -14));
        insertConversation(
          db,
          id,
          {
            kind: 'EIND',
            heldOn,
            participants: { client: true, consulent: true, coachName: null, interpreterName: null },
            content: {
              portfolioLanguage: 'A2 lezen en luisteren behaald.',
              portfolioZelfredzaamheid: 'Regelt zelf zijn post en betalingen.',
              portfolioParticipation: 'Branchecertificaat heftruck.',
              outcome: 'PLACE',
              outcomeDetail: 'Werkt 24 uur per week in een magazijn.',
              naturalisationWish: 'JA',
              certificateOn: heldOn,
              conditionsMet: true,
            },
          },
          [],
          user,
          nowIso,
        );
        closeAfterEindgesprek(db, id, heldOn, user, nowIso);
        addClientEvent(
          db,
          { clientId: id, occurredOn: heldOn, kind: 'CLOSED', summary: 'Traject afgesloten na het eindgesprek.', userId: user },
          nowIso,
        );
      }
      if (c.number === 'D-1001') {
        insertAgreement(db, id, null, { description: 'Oefenen met de taalapp, 3 keer per week', owner: 'CLIENT', dueOn: iso(addDays(now, 21)) }, user, nowIso);
      }
      refreshClientStatus(db, id, today);
    }
  })();
  return CLIENTS.length;
}
