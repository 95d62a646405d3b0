// Demo data for absence and enforcement: fictional clients in team "Inburgering Noord" for user consulent.
import { addDays, addMonths, format, startOfMonth } from 'date-fns';
import { nl } from 'date-fns/locale/nl';
import { DEFAULT_ENFORCEMENT_RULES } from '../domain/index.js';
import type { Clock } from '../lib/clock.js';
import { todayOf } from '../lib/clock.js';
import { refreshClientStatus } from '../db/client-status.js';
import type { Db } from '../db/connection.js';

const iso = (d: Date) => format(d, 'yyyy-MM-dd');

interface DemoClient {
  number: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  route: 'B1' | 'Z';
  address: string;
  postcode: string;
  city: string;
}

function insertDemoClient(db: Db, c: DemoClient, teamId: number, consulentId: number, today: Date, nowIso: string): number {
  const linked = iso(addMonths(today, -14));
  const r = db
    .prepare(
      `INSERT INTO clients (client_number, first_name, last_name, birth_date, doelgroep, linked_on, address, postcode, city,
         preferred_language, team_id, consulent_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'ASIELSTATUSHOUDER', ?, ?, ?, ?, 'Arabisch', ?, ?, ?, ?)`,
    )
    .run(c.number, c.firstName, c.lastName, c.birthDate, linked, c.address, c.postcode, c.city, teamId, consulentId, nowIso, nowIso);
  const id = Number(r.lastInsertRowid);
  const intakeStart = iso(addMonths(today, -13));
  const intakeDone = iso(addDays(addMonths(today, -13), 14));
  db.prepare(
    `INSERT INTO intakes (client_id, started_on, completed_on, leerbaarheid_score, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(id, intakeStart, intakeDone, c.route === 'B1' ? 33 : 18, nowIso, nowIso);
  db.prepare(
    `INSERT INTO route_decisions (client_id, kind, decided_on, route, advised_route, decided_by, created_at)
     VALUES (?, 'CHOICE', ?, ?, ?, ?, ?)`,
  ).run(id, intakeDone, c.route, c.route, consulentId, nowIso);
  db.prepare(
    `INSERT INTO pip_versions (client_id, version_no, vastgesteld_on, revision_reason, content, created_by, created_at)
     VALUES (?, 1, ?, 'FIRST', '{}', ?, ?)`,
  ).run(id, iso(addMonths(today, -12)), consulentId, nowIso);
  db.prepare(
    `INSERT INTO client_events (client_id, occurred_on, kind, summary, user_id, created_at) VALUES (?, ?, 'CLIENT_REGISTERED', ?, ?, ?)`,
  ).run(id, linked, 'Aangemeld bij de gemeente', consulentId, nowIso);
  return id;
}

/** Language lessons per month for the last six months: planned hours and attended hours. */
function addMonthlyLessons(db: Db, clientId: number, userId: number, today: Date, attendedPerMonth: number[], planned: number, nowIso: string): void {
  const insert = db.prepare(
    `INSERT INTO hour_entries (client_id, kind, period_start, period_end, hours, planned_hours, organisation, note, created_by, created_at, updated_at)
     VALUES (?, 'LANGUAGE', ?, ?, ?, ?, 'Taalschool De Brug', 'Maandrapportage taalschool', ?, ?, ?)`,
  );
  attendedPerMonth.forEach((attended, i) => {
    const start = startOfMonth(addMonths(today, i - attendedPerMonth.length + 1));
    const isCurrent = i === attendedPerMonth.length - 1;
    // The current month is reported up to today; earlier months up to their 28th.
    const end = isCurrent ? today : addDays(start, 27);
    insert.run(clientId, iso(start), iso(end), attended, planned, userId, nowIso, nowIso);
  });
}

/**
 * Two demo clients: one with absence rising over the last months (B1-route, above 30% lately) and one
 * with an open handhavingstraject where information and the first conversation are done and the
 * warning conversation is due (a few days late).
 */
export function seedEnforcementDemo(db: Db, clock: Clock): void {
  const teamId = db.prepare("SELECT id FROM teams WHERE name = 'Inburgering Noord'").pluck().get() as number | undefined;
  const consulentId = db.prepare("SELECT id FROM users WHERE username = 'consulent'").pluck().get() as number | undefined;
  if (!teamId || !consulentId) return;
  const today = new Date(`${todayOf(clock)}T12:00:00`);
  const nowIso = clock.now().toISOString();

  const rising = insertDemoClient(
    db,
    { number: 'DEMO-HH-001', firstName: 'Samira', lastName: 'Haddad', birthDate: '1994-03-12', route: 'B1', address: 'Populierenlaan 14', postcode: '1031 AB', city: 'Noorddorp' },
    teamId,
    consulentId,
    today,
    nowIso,
  );
  // 48 planned hours a month; absence 6%, 10%, 19%, 25%, 35%, then 42%.
  addMonthlyLessons(db, rising, consulentId, today, [45, 43, 39, 36, 31, 28], 48, nowIso);
  const twoMonthsAgo = startOfMonth(addMonths(today, -2));
  db.prepare(
    `INSERT INTO excused_absences (client_id, from_date, to_date, hours, reason_kind, note, created_by, created_at)
     VALUES (?, ?, ?, 4, 'ZIEKTE', 'Griep; ziekmelding bij de taalschool gedaan', ?, ?)`,
  ).run(rising, iso(addDays(twoMonthsAgo, 8)), iso(addDays(twoMonthsAgo, 9)), consulentId, nowIso);

  const inCase = insertDemoClient(
    db,
    { number: 'DEMO-HH-002', firstName: 'Dawit', lastName: 'Tesfay', birthDate: '1988-09-30', route: 'Z', address: 'Kastanjestraat 3', postcode: '1032 CD', city: 'Noorddorp' },
    teamId,
    consulentId,
    today,
    nowIso,
  );
  addMonthlyLessons(db, inCase, consulentId, today, [30, 28, 26, 30, 32, 20], 40, nowIso);
  const conversationOn = addDays(today, -(DEFAULT_ENFORCEMENT_RULES.dueDays.GESPREK + 3));
  const informedOn = addDays(conversationOn, -10);
  const openedOn = addDays(informedOn, -2);
  const c = db
    .prepare(
      `INSERT INTO enforcement_cases (client_id, opened_on, trigger, trigger_period, trigger_pct, reason, created_by, created_at, updated_at)
       VALUES (?, ?, 'VERZUIM', ?, 35, ?, ?, ?, ?)`,
    )
    .run(inCase, iso(openedOn), format(addMonths(openedOn, -1), 'yyyy-MM'), `Verzuim 35% in ${format(addMonths(openedOn, -1), 'MMMM yyyy', { locale: nl })} (grens 30%)`, consulentId, nowIso, nowIso);
  const caseId = Number(c.lastInsertRowid);
  const step = db.prepare(
    `INSERT INTO enforcement_steps (case_id, client_id, kind, step_date, note, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const event = db.prepare(
    `INSERT INTO client_events (client_id, occurred_on, kind, summary, ref_table, ref_id, user_id, created_at)
     VALUES (?, ?, 'HANDHAVING', ?, ?, ?, ?, ?)`,
  );
  event.run(inCase, iso(openedOn), 'Handhaving: traject geopend (verzuimsignaal)', 'enforcement_cases', caseId, consulentId, nowIso);
  const s1 = step.run(caseId, inCase, 'INFORMATIE', iso(informedOn), 'Rechten en plichten uitgelegd met tolk (Tigrinya); folder meegegeven.', consulentId, nowIso);
  event.run(inCase, iso(informedOn), 'Handhaving: informatie over rechten en plichten gegeven', 'enforcement_steps', Number(s1.lastInsertRowid), consulentId, nowIso);
  const s2 = step.run(
    caseId,
    inCase,
    'GESPREK',
    iso(conversationOn),
    'Verzuim besproken. Reden: werkt in de ochtend bij een uitzendbureau. Afspraak: lessen naar de middaggroep; taalschool regelt dit.',
    consulentId,
    nowIso,
  );
  event.run(inCase, iso(conversationOn), 'Handhaving: gesprek over het verzuim gevoerd', 'enforcement_steps', Number(s2.lastInsertRowid), consulentId, nowIso);

  refreshClientStatus(db, rising, todayOf(clock));
  refreshClientStatus(db, inCase, todayOf(clock));
}
