// Fictional demo clients in every phase of the path (DOMAIN.md), with dates relative to the clock's today.
// Every name, number and story here is made up.
import { addDays, addMonths, addWeeks, differenceInCalendarMonths, format, parseISO, subMonths, subWeeks } from 'date-fns';
import { adviseRoute, DEFAULT_GENERAL_RULES, isValidBsn, ROUTE_LABELS, type Route } from '../domain/index.js';
import type { Clock } from '../lib/clock.js';
import { todayOf } from '../lib/clock.js';
import { refreshClientStatus } from '../db/client-status.js';
import type { Db } from '../db/connection.js';
import { addClientEvent } from '../db/timeline.js';

type Stage =
  | 'REGISTERED'
  | 'INTAKE_DRAFT'
  | 'INTAKE_DONE'
  | 'ROUTE'
  | 'PIP_OVERDUE'
  | 'IN_PROGRESS'
  | 'PRE_END_READY'
  | 'PRE_END_HELD'
  | 'END_READY'
  | 'CLOSED';
type Doelgroep = 'ASIELSTATUSHOUDER' | 'GEZINSMIGRANT' | 'OVERIGE_MIGRANT';

interface Spec {
  first: string;
  last: string;
  age: number;
  dg: 'A' | 'G' | 'O';
  who: 'consulent' | 'consulent3' | 'consulent2';
  stage: Stage;
  route?: Route;
  /** Months since the first PIP, for stages with a PIP. */
  months?: number;
  lang: string;
  interpreter?: boolean;
  /** 'address' = only an address known (seed 001: gezinsmigranten who cannot be reached). */
  contact?: 'full' | 'phone' | 'address';
  substitution?: number;
  rtsPct?: number;
  pipVersions?: number;
  switchedFrom?: Route;
  overdueConversation?: boolean;
  overdueAgreement?: boolean;
  deviates?: boolean;
  slow?: boolean;
}

const DG: Record<Spec['dg'], Doelgroep> = { A: 'ASIELSTATUSHOUDER', G: 'GEZINSMIGRANT', O: 'OVERIGE_MIGRANT' };

const SPECS: Spec[] = [
  // Team Noord, Sanne de Vries (consulent)
  { first: 'Rania', last: 'Al-Khatib', age: 34, dg: 'A', who: 'consulent', stage: 'REGISTERED', lang: 'Arabisch', interpreter: true },
  { first: 'Tesfay', last: 'Gebremedhin', age: 41, dg: 'A', who: 'consulent', stage: 'INTAKE_DRAFT', lang: 'Tigrinya', interpreter: true },
  { first: 'Siriporn', last: 'Chaiyaporn', age: 37, dg: 'G', who: 'consulent', stage: 'INTAKE_DRAFT', lang: 'Thai', contact: 'address' },
  { first: 'Omar', last: 'Haddad', age: 29, dg: 'A', who: 'consulent', stage: 'INTAKE_DONE', lang: 'Arabisch' },
  { first: 'Mariam', last: 'Rahimi', age: 23, dg: 'A', who: 'consulent', stage: 'ROUTE', route: 'ONDERWIJS', lang: 'Dari' },
  { first: 'Yonas', last: 'Tekle', age: 45, dg: 'A', who: 'consulent', stage: 'PIP_OVERDUE', route: 'Z', lang: 'Tigrinya', interpreter: true },
  { first: 'Elif', last: 'Yılmaz', age: 31, dg: 'G', who: 'consulent', stage: 'IN_PROGRESS', route: 'B1', months: 7, lang: 'Turks' },
  { first: 'Farid', last: 'Ahmadi', age: 52, dg: 'A', who: 'consulent', stage: 'IN_PROGRESS', route: 'Z', months: 9, lang: 'Dari', interpreter: true, overdueConversation: true },
  { first: 'Senait', last: 'Haile', age: 38, dg: 'A', who: 'consulent', stage: 'IN_PROGRESS', route: 'Z', months: 14, lang: 'Tigrinya', overdueAgreement: true, pipVersions: 2 },
  { first: 'Khaled', last: 'Mansour', age: 47, dg: 'A', who: 'consulent', stage: 'IN_PROGRESS', route: 'Z', months: 26, lang: 'Arabisch', slow: true },
  { first: 'Olena', last: 'Kovalenko', age: 44, dg: 'G', who: 'consulent', stage: 'IN_PROGRESS', route: 'B1', months: 12, lang: 'Oekraïens', contact: 'address', overdueConversation: true },
  { first: 'Nour', last: 'Kassab', age: 36, dg: 'A', who: 'consulent', stage: 'PRE_END_READY', route: 'Z', months: 19, lang: 'Arabisch' },
  { first: 'Helen', last: 'Berhane', age: 33, dg: 'A', who: 'consulent', stage: 'PRE_END_READY', route: 'Z', months: 17, lang: 'Tigrinya', switchedFrom: 'B1', pipVersions: 2 },
  { first: 'Ahmad', last: 'Karimi', age: 58, dg: 'A', who: 'consulent', stage: 'PRE_END_HELD', route: 'Z', months: 25, lang: 'Pasjtoe', interpreter: true, rtsPct: 75 },
  { first: 'Lina', last: 'Darwish', age: 39, dg: 'A', who: 'consulent', stage: 'END_READY', route: 'Z', months: 30, lang: 'Arabisch', pipVersions: 3 },
  { first: 'Mehmet', last: 'Demir', age: 46, dg: 'G', who: 'consulent', stage: 'END_READY', route: 'Z', months: 28, lang: 'Turks', substitution: 120 },
  { first: 'Hodan', last: 'Warsame', age: 42, dg: 'A', who: 'consulent', stage: 'CLOSED', route: 'Z', months: 34, lang: 'Somalisch' },
  { first: 'Zahra', last: 'Hosseini', age: 26, dg: 'A', who: 'consulent', stage: 'IN_PROGRESS', route: 'ONDERWIJS', months: 10, lang: 'Dari' },
  // Team Noord, Mila Visser (consulent3)
  { first: 'Abdi', last: 'Farah', age: 30, dg: 'A', who: 'consulent3', stage: 'REGISTERED', lang: 'Somalisch', contact: 'phone' },
  { first: 'Maricel', last: 'Santos', age: 35, dg: 'G', who: 'consulent3', stage: 'INTAKE_DRAFT', lang: 'Tagalog', contact: 'address' },
  { first: 'Filmon', last: 'Ghebreyesus', age: 27, dg: 'A', who: 'consulent3', stage: 'INTAKE_DONE', lang: 'Tigrinya', interpreter: true },
  { first: 'Parisa', last: 'Moradi', age: 32, dg: 'G', who: 'consulent3', stage: 'ROUTE', route: 'B1', lang: 'Farsi' },
  { first: 'Mohamed', last: 'Osman', age: 49, dg: 'A', who: 'consulent3', stage: 'PIP_OVERDUE', route: 'Z', lang: 'Arabisch', interpreter: true, deviates: true },
  { first: 'Tigist', last: 'Alemu', age: 40, dg: 'A', who: 'consulent3', stage: 'IN_PROGRESS', route: 'Z', months: 5, lang: 'Amhaars' },
  { first: 'Wei', last: 'Zhang', age: 33, dg: 'G', who: 'consulent3', stage: 'IN_PROGRESS', route: 'B1', months: 16, lang: 'Mandarijn', pipVersions: 2 },
  { first: 'Fatima', last: 'El Amrani', age: 50, dg: 'G', who: 'consulent3', stage: 'IN_PROGRESS', route: 'Z', months: 11, lang: 'Tarifit', contact: 'address', overdueAgreement: true },
  { first: 'Yousef', last: 'Alhamwi', age: 55, dg: 'A', who: 'consulent3', stage: 'PRE_END_READY', route: 'Z', months: 20, lang: 'Arabisch', interpreter: true },
  { first: 'Amal', last: 'Ibrahim', age: 37, dg: 'A', who: 'consulent3', stage: 'PRE_END_HELD', route: 'Z', months: 24, lang: 'Arabisch', overdueConversation: true },
  { first: 'Ali', last: 'Saleh', age: 44, dg: 'A', who: 'consulent3', stage: 'END_READY', route: 'Z', months: 31, lang: 'Arabisch' },
  { first: 'Grace', last: 'Mensah-de Jong', age: 36, dg: 'G', who: 'consulent3', stage: 'CLOSED', route: 'B1', months: 33, lang: 'Engels' },
  { first: 'Dmytro', last: 'Shevchenko', age: 24, dg: 'O', who: 'consulent3', stage: 'IN_PROGRESS', route: 'ONDERWIJS', months: 8, lang: 'Oekraïens' },
  { first: 'Zainab', last: 'Al-Saadi', age: 61, dg: 'A', who: 'consulent3', stage: 'IN_PROGRESS', route: 'Z', months: 22, lang: 'Arabisch', interpreter: true, slow: true },
  // Team Zuid, Joris van Dam (consulent2)
  { first: 'Ayşe', last: 'Kaya', age: 29, dg: 'G', who: 'consulent2', stage: 'INTAKE_DRAFT', lang: 'Turks' },
  { first: 'Youssef', last: 'Benali', age: 33, dg: 'G', who: 'consulent2', stage: 'ROUTE', route: 'B1', lang: 'Arabisch' },
  { first: 'Camila', last: 'Souza', age: 31, dg: 'G', who: 'consulent2', stage: 'IN_PROGRESS', route: 'B1', months: 6, lang: 'Portugees' },
  { first: 'Natalia', last: 'Ivanova', age: 48, dg: 'G', who: 'consulent2', stage: 'IN_PROGRESS', route: 'Z', months: 13, lang: 'Russisch', contact: 'address' },
  { first: 'Hamid', last: 'Noori', age: 39, dg: 'A', who: 'consulent2', stage: 'PRE_END_READY', route: 'Z', months: 18, lang: 'Dari' },
  { first: 'Priya', last: 'Raman', age: 30, dg: 'O', who: 'consulent2', stage: 'END_READY', route: 'Z', months: 29, lang: 'Tamil', substitution: 200 },
  { first: 'Samir', last: 'Aziz', age: 42, dg: 'A', who: 'consulent2', stage: 'CLOSED', route: 'Z', months: 35, lang: 'Arabisch' },
];

const LEERBAARHEID: Record<Route, number[]> = { Z: [12, 18, 21, 24, 26, 28, 15, 22], B1: [33, 35, 36, 38, 34], ONDERWIJS: [35, 37, 39, 34] };

/** Deterministic pseudo-random numbers, so the demo looks the same on every start. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const iso = (d: Date) => format(d, 'yyyy-MM-dd');
const dmy = (s: string) => s.split('-').reverse().join('-');

function bsnFrom(n: number): string | null {
  for (let k = n; k < n + 200; k++) {
    const s = String(k).padStart(9, '0');
    if (isValidBsn(s)) return s;
  }
  return null;
}

/** Creates the demo clients. Call after the demo users and providers exist. */
export function seedDemoClients(db: Db, clock: Clock): number {
  const todayStr = todayOf(clock);
  const today = parseISO(todayStr);
  const rnd = prng(20_260_124);
  const userId = (username: string) => db.prepare('SELECT id, team_id FROM users WHERE username = ?').get(username) as { id: number; team_id: number };
  const domains = db.prepare('SELECT id, name FROM leefdomeinen WHERE active = 1 ORDER BY sort_order').all() as { id: number; name: string }[];
  const kinds = db.prepare('SELECT id, name FROM activity_kinds').all() as { id: number; name: string }[];
  const kindId = (name: string) => kinds.find((k) => k.name === name)?.id ?? null;
  const providers = db.prepare('SELECT id, name, kind FROM providers').all() as { id: number; name: string; kind: string }[];
  const taal = providers.filter((p) => p.kind === 'TAALAANBIEDER');
  const coach = providers.find((p) => p.kind === 'PARTICIPATIECOACH') ?? null;

  const insertClient = db.prepare(
    `INSERT INTO clients (client_number, first_name, last_name, birth_date, bsn, doelgroep, linked_on, address, postcode, city,
       phone, email, preferred_language, interpreter_needed, team_id, consulent_id, closed_on, closure_reason, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertIntake = db.prepare(
    `INSERT INTO intakes (client_id, started_on, completed_on, education_history, highest_education, work_history, languages_spoken,
       literacy, health, barrier_childcare, barrier_family_reunification, barrier_psychological, barrier_travel_time, barrier_notes,
       family, finances, wishes_work, wishes_education, wants_education, leerbaarheid_score, leerbaarheid_on, updated_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertScore = db.prepare('INSERT INTO intake_scores (intake_id, leefdomein_id, score, note) VALUES (?, ?, ?, ?)');
  const insertRoute = db.prepare(
    `INSERT INTO route_decisions (client_id, kind, decided_on, route, advised_route, advice_reasons, reason, not_b1_reason,
       not_onderwijs_reason, not_z_reason, approval_status, decided_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertPip = db.prepare(
    `INSERT INTO pip_versions (client_id, version_no, vastgesteld_on, revision_reason, revision_note, content, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertHours = db.prepare(
    `INSERT INTO hour_entries (client_id, kind, activity_kind_id, period_start, period_end, hours, planned_hours, provider_id,
       organisation, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertDecision = db.prepare(
    `INSERT INTO decisions (client_id, kind, decided_on, reason, data, decided_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertConversation = db.prepare(
    `INSERT INTO conversations (client_id, kind, held_on, participants, content, created_by, created_at, updated_at)
     VALUES (?, ?, ?, '{}', '{}', ?, ?, ?)`,
  );
  const insertAgreement = db.prepare(
    `INSERT INTO agreements (client_id, conversation_id, description, owner, due_on, status, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAttempt = db.prepare(
    `INSERT INTO contact_attempts (client_id, attempted_on, channel, reached, note, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );

  let count = 0;
  db.transaction(() => {
    SPECS.forEach((s, index) => {
      const { id: uid, team_id: teamId } = userId(s.who);
      const doelgroep = DG[s.dg];
      const route = s.route ?? null;
      const ts = (d: string) => `${d}T10:00:00.000Z`;
      const ev = (clientId: number, on: string, kind: string, summary: string, refTable: string | null = null) =>
        addClientEvent(db, { clientId, occurredOn: on, kind, summary, refTable, userId: uid, createdAt: ts(on) });

      // ---- dates of the path, relative to today ----
      const months = s.months ?? 0;
      let pipOn: Date | null = null;
      let intakeStart: Date | null;
      let intakeDone: Date | null = null;
      let routeOn: Date | null = null;
      switch (s.stage) {
        case 'REGISTERED':
          intakeStart = null;
          break;
        case 'INTAKE_DRAFT':
          intakeStart = subWeeks(today, 2 + (index % 3));
          break;
        case 'INTAKE_DONE':
          intakeStart = subWeeks(today, 6);
          intakeDone = subWeeks(today, 1);
          break;
        case 'ROUTE':
          intakeStart = subWeeks(today, 7);
          intakeDone = subWeeks(today, 3);
          routeOn = subWeeks(today, 1);
          break;
        case 'PIP_OVERDUE':
          intakeStart = subWeeks(today, 13);
          intakeDone = subWeeks(today, 9);
          routeOn = subWeeks(today, 7);
          break;
        default:
          pipOn = subMonths(today, months);
          intakeStart = subWeeks(pipOn, 9);
          intakeDone = subWeeks(pipOn, 4);
          routeOn = subWeeks(pipOn, 2);
      }
      const linkedOn = intakeStart ? subWeeks(intakeStart, 3) : subDays(today, 10);
      const birth = iso(subMonths(today, s.age * 12 + Math.floor(rnd() * 11)));
      const contact = s.contact ?? 'full';
      const slug = `${s.first}.${s.last}`.toLowerCase().normalize('NFD').replace(/[^a-z.]/g, '');
      const closed = s.stage === 'CLOSED';
      const endOn = closed ? subMonths(today, 1) : null;

      const r = insertClient.run(
        `K-${String(2024_001 + index * 7)}`,
        s.first,
        s.last,
        birth,
        index % 3 === 0 ? bsnFrom(204_000_000 + index * 1_013) : null,
        doelgroep,
        iso(linkedOn),
        `${['Lindelaan', 'Kastanjestraat', 'Havenweg', 'Molenpad', 'Schoolstraat', 'Dijkzicht'][index % 6]} ${3 + ((index * 7) % 90)}`,
        `${3011 + (index % 40)} ${['AB', 'KL', 'ZT', 'GH', 'PR'][index % 5]}`,
        'Koersdam',
        contact === 'address' ? null : `06 ${String(20_000_000 + index * 130_417).slice(0, 8)}`,
        contact === 'full' ? `${slug}@voorbeeld.nl` : null,
        s.lang,
        s.interpreter ? 1 : 0,
        teamId,
        uid,
        endOn ? iso(endOn) : null,
        endOn ? 'COMPLETED' : null,
        ts(iso(linkedOn)),
        ts(iso(linkedOn)),
      );
      const clientId = Number(r.lastInsertRowid);
      count += 1;
      ev(clientId, iso(linkedOn), 'CLIENT_REGISTERED', `Aangemeld als ${doelgroep === 'ASIELSTATUSHOUDER' ? 'asielstatushouder' : doelgroep === 'GEZINSMIGRANT' ? 'gezinsmigrant' : 'overige migrant'}`, 'clients');

      // ---- contact attempts for clients we can only reach by address ----
      if (contact === 'address') {
        const a1 = iso(addDays(linkedOn, 5));
        insertAttempt.run(clientId, a1, 'BRIEF', 0, 'Uitnodiging voor de intake gestuurd, geen reactie', uid, ts(a1));
        ev(clientId, a1, 'CONTACT_ATTEMPT', 'Contactpoging via brief: niet bereikt', 'contact_attempts');
        const a2 = iso(addDays(linkedOn, 14));
        insertAttempt.run(clientId, a2, 'HUISBEZOEK', 0, 'Niemand thuis, kaartje achtergelaten', uid, ts(a2));
        ev(clientId, a2, 'CONTACT_ATTEMPT', 'Contactpoging via huisbezoek: niet bereikt', 'contact_attempts');
        if (intakeStart) {
          const a3 = iso(subDays(intakeStart, 2));
          insertAttempt.run(clientId, a3, 'VIA_NETWERK', 1, 'Via de partner bereikt; afspraak voor de intake gemaakt', uid, ts(a3));
          ev(clientId, a3, 'CONTACT_ATTEMPT', 'Contactpoging via netwerk (familie, buren, maatje): bereikt', 'contact_attempts');
        }
      } else if (s.stage === 'REGISTERED') {
        const a1 = iso(addDays(linkedOn, 3));
        insertAttempt.run(clientId, a1, 'TELEFOON', 1, 'Intake ingepland', uid, ts(a1));
        ev(clientId, a1, 'CONTACT_ATTEMPT', 'Contactpoging via telefoon: bereikt', 'contact_attempts');
      }

      // ---- brede intake ----
      const scoreRoute: Route = route ?? (index % 2 === 0 ? 'Z' : 'B1');
      const pool = LEERBAARHEID[scoreRoute];
      const score = pool[index % pool.length]!;
      const wantsEducation = scoreRoute === 'ONDERWIJS';
      const education = scoreRoute === 'Z' ? (index % 3 === 0 ? 'NONE' : 'PRIMARY') : scoreRoute === 'B1' ? 'SECONDARY' : 'SECONDARY';
      if (intakeStart) {
        const draft = s.stage === 'INTAKE_DRAFT';
        const ir = insertIntake.run(
          clientId,
          iso(intakeStart),
          intakeDone ? iso(intakeDone) : null,
          scoreRoute === 'Z' ? 'Enkele jaren basisschool in het land van herkomst.' : 'Middelbare school afgerond in het land van herkomst.',
          draft && index % 2 === 0 ? null : education,
          ['Werkte in de bouw.', 'Kapper in eigen zaak.', 'Zorgde voor het gezin.', 'Verkoper op de markt.', 'Boekhouder bij een handelsbedrijf.'][index % 5],
          `${s.lang} (moedertaal)${index % 4 === 0 ? ', Engels (basis)' : ''}`,
          scoreRoute === 'Z' && index % 3 === 0 ? 'ALFABETISERING_NODIG' : scoreRoute === 'Z' ? 'LATIJNS_SCHRIFT_NODIG' : 'GELETTERD',
          draft ? null : index % 4 === 1 ? 'Slaapproblemen; onder behandeling bij de huisarts.' : 'Geen bijzonderheden.',
          index % 3 === 0 ? 1 : 0,
          doelgroep === 'ASIELSTATUSHOUDER' && index % 4 === 2 ? 1 : 0,
          index % 5 === 1 ? 1 : 0,
          index % 6 === 3 ? 1 : 0,
          null,
          ['Getrouwd, drie kinderen op de basisschool.', 'Alleenstaand.', 'Woont met partner; partner werkt.', 'Gezin komt via gezinshereniging.'][index % 4],
          draft ? null : index % 5 === 2 ? 'Betalingsachterstand energie; schuldhulp gestart.' : 'Bijstandsuitkering; ontzorgen loopt.',
          ['Wil in de zorg werken.', 'Wil een eigen winkel.', 'Wil chauffeur worden.', 'Wil in de horeca werken.'][index % 4],
          wantsEducation ? 'Wil naar het mbo (verpleegkunde).' : null,
          wantsEducation ? 1 : 0,
          draft && index % 2 === 0 ? null : score,
          draft && index % 2 === 0 ? null : iso(addDays(intakeStart, 7)),
          uid,
          ts(iso(intakeStart)),
          ts(iso(intakeDone ?? intakeStart)),
        );
        const intakeId = Number(ir.lastInsertRowid);
        domains.forEach((d, i) => {
          if (draft && i > 3) return;
          const sc = Math.max(1, Math.min(5, Math.round(2 + rnd() * 2.6 + (scoreRoute === 'Z' ? -0.5 : 0.4))));
          insertScore.run(intakeId, d.id, sc, sc <= 2 ? 'Hulp nodig; opnemen in het PIP.' : null);
        });
        ev(clientId, iso(intakeStart), 'INTAKE_STARTED', 'Brede intake begonnen', 'intakes');
        if (intakeDone) ev(clientId, iso(intakeDone), 'INTAKE_COMPLETED', `Brede intake afgerond (leerbaarheidstoets ${score} van 40)`, 'intakes');
      }

      // ---- route decision(s) ----
      if (route && routeOn) {
        const advice = adviseRoute(
          { leerbaarheidScore: score, age: s.age, highestEducation: education as 'NONE', wantsEducation },
          DEFAULT_GENERAL_RULES.routeAdvice,
        );
        const first = s.switchedFrom ?? (s.deviates ? 'B1' : route);
        const advised = s.switchedFrom ? s.switchedFrom : (advice.route ?? route);
        const deviates = first !== advised;
        const why = (r: Route) =>
          r === first
            ? null
            : r === 'B1'
              ? 'Leerbaarheidstoets te laag voor B1 binnen de termijn.'
              : r === 'ONDERWIJS'
                ? wantsEducation
                  ? null
                  : 'Geen wens voor een opleiding in het mbo, hbo of wo; ook niet na uitleg.'
                : 'Kan meer dan de Z-route vraagt.';
        insertRoute.run(
          clientId,
          'CHOICE',
          iso(routeOn),
          first,
          advised,
          JSON.stringify(s.switchedFrom ? ['Leerbaarheidstoets 33 van 40: hoger dan 31, geschikt voor de B1-route'] : advice.reasons),
          deviates ? 'Heeft in het land van herkomst een vakopleiding gedaan; wil en kan meer.' : null,
          why('B1'),
          why('ONDERWIJS') ?? (first === 'ONDERWIJS' ? null : 'Wil eerst werken.'),
          why('Z'),
          'NOT_REQUIRED',
          uid,
          ts(iso(routeOn)),
        );
        ev(clientId, iso(routeOn), 'ROUTE_CHOSEN', `Route gekozen: ${ROUTE_LABELS[first]}${deviates ? ` (wijkt af van het advies ${ROUTE_LABELS[advised]})` : ' (volgens het advies)'}`, 'route_decisions');
        if (s.switchedFrom && pipOn) {
          const changeOn = iso(addMonths(pipOn, 7));
          insertRoute.run(clientId, 'CHANGE', changeOn, route, null, '[]', 'Na 7 maanden lessen blijkt B1 niet haalbaar; de taalaanbieder adviseert de Z-route.', null, null, null, 'NOT_REQUIRED', uid, ts(changeOn));
          ev(clientId, changeOn, 'ROUTE_CHANGED', `Route gewijzigd van ${ROUTE_LABELS[s.switchedFrom]} naar ${ROUTE_LABELS[route]}`, 'route_decisions');
        }
      }

      if (!pipOn || !route) {
        refreshClientStatus(db, clientId, todayStr);
        return;
      }

      // ---- PIP versions ----
      const provider = taal[index % Math.max(1, taal.length)] ?? null;
      const content = (r: Route, hoursLang: number, extra: Record<string, unknown> = {}) => ({
        route: r,
        taalaanbiederId: provider?.id ?? null,
        taalaanbiederName: provider?.name ?? null,
        participatiecoachId: coach?.id ?? null,
        participatiecoachName: coach?.name ?? null,
        languageGoal: r === 'Z' ? 'Minstens A1 op spreken, lezen, schrijven, luisteren en gesprekken voeren.' : 'B1 op lezen, luisteren, schrijven en spreken.',
        participationGoals:
          r === 'Z'
            ? 'Vrijwilligerswerk bij de voedselbank, daarna een werkervaringsplek. Doel: zelfstandig boodschappen doen en afspraken maken.'
            : 'Oriëntatie op werk in de zorg via de MAP; later een bijbaan.',
        hoursPerWeekLanguage: hoursLang,
        hoursPerWeekParticipation: r === 'Z' ? 6 : 4,
        domainGoals: domains.slice(0, 3).map((d, i) => ({
          leefdomeinId: d.id,
          leefdomein: d.name,
          goal: ['Zelf rekeningen betalen via de bank-app', 'Een cv maken en een werkervaringsplek vinden', 'Zelf een reparatieverzoek bij de woningcorporatie doen'][i]!,
          targetOn: iso(addMonths(pipOn!, 6 + i * 4)),
        })),
        mapThemes: 'Alle 8 thema’s bij de participatiecoach, in groepjes van 6.',
        mapPractice: '40 uur meelopen bij een werkgever in de buurt.',
        mapWorkingExemption: s.substitution ? 'Werkt 24 uur per week; praktijkdeel telt via het werk.' : null,
        pvtHours: 12,
        pvtCoreValue: (['VRIJHEID', 'GELIJKWAARDIGHEID', 'SOLIDARITEIT', 'PARTICIPATIE'] as const)[index % 4],
        pvtActivity: 'Gesprek met een raadslid en bezoek aan het gemeentehuis.',
        pvtSigningPlannedOn: iso(addMonths(pipOn!, 8)),
        knm: 'KNM-lessen bij de taalaanbieder, in het tweede halfjaar.',
        supportOntzorgen: doelgroep === 'ASIELSTATUSHOUDER' ? 'Vaste lasten (huur, energie, zorgverzekering) worden de eerste 6 maanden betaald.' : null,
        supportBegeleiding: 'Maatje van Vluchtelingenwerk, 1 keer per week.',
        supportInterpreter: s.interpreter ? `Tolk ${s.lang} bij voortgangsgesprekken.` : null,
        ...extra,
      });
      const firstRoute = s.switchedFrom ?? route;
      insertPip.run(clientId, 1, iso(pipOn), 'FIRST', null, JSON.stringify(content(firstRoute, 8)), uid, ts(iso(pipOn)));
      ev(clientId, iso(pipOn), 'PIP_VERSION', `PIP vastgesteld (versie 1, ${ROUTE_LABELS[firstRoute]}); de inburgeringstermijn loopt tot ${dmy(iso(addMonths(pipOn, 36)))}`, 'pip_versions');
      const versions = s.pipVersions ?? 1;
      for (let v = 2; v <= versions; v++) {
        const on = iso(addMonths(pipOn, v === 2 ? 7 : 15));
        const reason = s.switchedFrom && v === 2 ? 'ROUTE_SWITCH' : v === 3 ? 'MOVE' : 'OTHER';
        const note = reason === 'OTHER' ? 'Meer uren taal: de cliënt heeft nu kinderopvang.' : reason === 'MOVE' ? 'Verhuisd binnen de regio; route blijft gelijk.' : null;
        insertPip.run(clientId, v, on, reason, note, JSON.stringify(content(route, reason === 'OTHER' ? 12 : 10)), uid, ts(on));
        ev(clientId, on, 'PIP_VERSION', `PIP versie ${v} vastgesteld: ${reason === 'ROUTE_SWITCH' ? 'andere route (schakelen)' : reason === 'MOVE' ? 'verhuizing naar deze gemeente' : 'andere reden'}`, 'pip_versions');
      }

      // ---- hours, spread over the months since the PIP ----
      const spanMonths = Math.max(1, Math.min(months, differenceInCalendarMonths(endOn ?? today, pipOn)));
      const target = hourTargets(s, spanMonths);
      const hourEvents = new Map<string, { lang: number; part: number }>();
      const spread = (kind: string, total: number, opts: { activity?: string; startMonth?: number; months?: number; org?: string | null } = {}) => {
        if (total <= 0) return;
        const from = opts.startMonth ?? 0;
        const n = Math.max(1, Math.min(opts.months ?? spanMonths - from, spanMonths - from));
        let left = Math.round(total);
        for (let m = 0; m < n; m++) {
          const start = addMonths(pipOn!, from + m);
          const end = addDays(addMonths(start, 1), -1);
          const h = m === n - 1 ? left : Math.round(total / n);
          left -= h;
          if (h <= 0) continue;
          const endIso = iso(earliest(end, today));
          insertHours.run(
            clientId,
            kind,
            opts.activity ? kindId(opts.activity) : null,
            iso(start),
            endIso,
            h,
            kind === 'LANGUAGE' ? Math.round(h * 1.12) : null,
            kind === 'LANGUAGE' || kind === 'KNM' ? (provider?.id ?? null) : null,
            opts.org ?? null,
            uid,
            ts(endIso),
            ts(endIso),
          );
          const quarter = iso(addMonths(pipOn!, Math.floor((from + m) / 3) * 3 + 3));
          const key = [quarter, todayStr].sort()[0]!;
          const agg = hourEvents.get(key) ?? { lang: 0, part: 0 };
          if (kind === 'LANGUAGE') agg.lang += h;
          else agg.part += h;
          hourEvents.set(key, agg);
        }
      };
      spread('LANGUAGE', target.language);
      spread('PARTICIPATION', target.volunteering, { activity: 'Vrijwilligerswerk', org: 'Voedselbank Koersdam' });
      spread('PARTICIPATION', target.workExperience, { activity: 'Werkervaringsplek', startMonth: Math.floor(spanMonths / 2), org: 'Kringloopwinkel De Tweede Ronde' });
      spread('PARTICIPATION', target.taalcafe, { activity: 'Taalcafé of taalmaatje', org: 'Bibliotheek Koersdam' });
      spread('MAP', target.map, { startMonth: Math.min(3, spanMonths - 1), months: 4 });
      spread('KNM', target.knm, { startMonth: Math.min(6, spanMonths - 1), months: 4 });
      spread('PVT', target.pvt, { startMonth: Math.min(4, spanMonths - 1), months: 2 });
      spread('PAID_WORK', target.paidWork, { startMonth: Math.floor(spanMonths / 3), org: 'Schoonmaakbedrijf Glans' });
      for (const [on, agg] of [...hourEvents.entries()].sort()) {
        ev(clientId, on, 'HOURS', `Uren geregistreerd: ${agg.lang} uur taalles, ${agg.part} uur participatie en overig`, 'hour_entries');
      }

      // ---- decisions ----
      const decide = (kind: string, on: Date, reason: string, data: Record<string, unknown>, summary: string) => {
        const o = iso(earliest(on, today));
        insertDecision.run(clientId, kind, o, reason, JSON.stringify(data), uid, ts(o));
        ev(clientId, o, 'DECISION', summary, 'decisions');
      };
      const late = ['PRE_END_READY', 'PRE_END_HELD', 'END_READY', 'CLOSED'].includes(s.stage);
      if (late || (s.stage === 'IN_PROGRESS' && months >= 12)) {
        decide('PVT_COMPLETED', addMonths(pipOn, 8), 'Participatieverklaring ondertekend', {}, 'Besluit: PVT afgerond (participatieverklaring ondertekend)');
      }
      if (['END_READY', 'CLOSED'].includes(s.stage)) {
        decide('KNM_COMPLETED', addMonths(pipOn, 14), 'KNM-lessen gevolgd en afgerond', {}, 'Besluit: KNM afgerond');
        decide('MAP_COMPLETED', addMonths(pipOn, 12), 'Alle 8 thema’s en 40 uur praktijk gedaan', {}, 'Besluit: MAP afgerond');
      }
      if (s.substitution) {
        decide('SUBSTITUTION', addMonths(pipOn, 6), 'Structureel betaald werk, 24 uur per week; afgestemd met de coach', { hours: s.substitution }, `Besluit: substitutie van ${s.substitution} taaluren door werkuren`);
      }
      if (s.rtsPct) {
        decide('INSTRUMENT', addMonths(pipOn, 10), 'Rotterdamse Taalstart gevolgd; eindrapport ontvangen', { code: 'RTS', attendancePct: s.rtsPct }, `Besluit: Rotterdamse Taalstart telt mee (${s.rtsPct}% aanwezig)`);
      }

      // ---- voortgangsgesprekken, pre-eind and eind ----
      const interval = doelgroep === 'ASIELSTATUSHOUDER' ? 3 : 4;
      const stopEarly = s.overdueConversation ? 2 : 0;
      let lastConversationId: number | null = null;
      for (let m = interval; m <= spanMonths - stopEarly * interval; m += interval) {
        const on = iso(addDays(addMonths(pipOn, m), -((index * 3) % 10)));
        if (on > todayStr) break;
        const cr = insertConversation.run(clientId, 'VOORTGANG', on, uid, ts(on), ts(on));
        lastConversationId = Number(cr.lastInsertRowid);
        ev(clientId, on, 'CONVERSATION', 'Voortgangsgesprek gevoerd', 'conversations');
      }
      if (s.stage === 'PRE_END_HELD' || s.stage === 'END_READY' || s.stage === 'CLOSED') {
        const on = iso(s.stage === 'PRE_END_HELD' ? subMonths(today, 2) : addMonths(pipOn, Math.max(1, spanMonths - 7)));
        insertConversation.run(clientId, 'PRE_EIND', on, uid, ts(on), ts(on));
        ev(clientId, on, 'CONVERSATION', 'Pre-eindgesprek gehouden (driegesprek met de participatiecoach)', 'conversations');
      }
      if (closed && endOn) {
        const on = iso(addDays(endOn, -3));
        insertConversation.run(clientId, 'EIND', on, uid, ts(on), ts(on));
        ev(clientId, on, 'CONVERSATION', 'Eindgesprek gehouden; inburgeringscertificaat uitgereikt', 'conversations');
        const closedOn = iso(endOn);
        insertDecision.run(clientId, 'CLOSURE', closedOn, 'Eindgesprek gehouden, certificaat uitgereikt', JSON.stringify({ type: 'COMPLETED' }), uid, ts(closedOn));
        ev(clientId, closedOn, 'CLOSURE', 'Traject afgesloten: inburgering afgerond. Reden: Eindgesprek gehouden, certificaat uitgereikt.', 'decisions');
      }

      // ---- agreements ----
      if (!closed) {
        const made = iso(lastConversationId ? addDays(today, -40) : addDays(pipOn, 14));
        const add = (description: string, owner: string, due: Date, status: string) => {
          insertAgreement.run(clientId, lastConversationId, description, owner, iso(due), status, uid, ts(made), ts(made));
          ev(clientId, made, 'AGREEMENT', `Afspraak gemaakt: ${description}`, 'agreements');
        };
        add('Aanmelden bij de taalaanbieder', 'CONSULENT', addDays(pipOn, 21), 'GEREALISEERD');
        add(
          s.stage === 'PRE_END_HELD' ? 'Portfolio aanvullen met foto’s van het vrijwilligerswerk' : 'Twee keer per week naar het taalcafé',
          'CLIENT',
          s.overdueAgreement ? subWeeks(today, 3) : addWeeks(today, 3 + (index % 5)),
          s.overdueAgreement ? 'OPEN' : index % 4 === 0 ? 'LOOPT_ACHTER' : 'OPEN',
        );
        if (index % 2 === 0) add('Werkervaringsplek zoeken in de zorg', 'COACH', addWeeks(today, 6), 'OPEN');
      }

      refreshClientStatus(db, clientId, todayStr);
    });
  })();
  return count;
}

/** The earlier of two dates. */
function earliest(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b;
}

function subDays(d: Date, n: number): Date {
  return addDays(d, -n);
}

/** Hours per kind so that each demo client lands in its intended phase. */
function hourTargets(s: Spec, spanMonths: number) {
  const t = { language: 0, volunteering: 0, workExperience: 0, taalcafe: 0, map: 0, knm: 0, pvt: 0, paidWork: 0 };
  const pace = s.slow ? 9 : 26;
  const route = s.route ?? 'Z';
  if (route !== 'Z') {
    t.language = Math.min(spanMonths * 32, 1100);
    t.volunteering = spanMonths * 4;
    t.map = spanMonths >= 6 ? 48 : 0;
    t.knm = spanMonths >= 8 ? 40 : 0;
    t.pvt = spanMonths >= 6 ? 12 : 0;
    return t;
  }
  switch (s.stage) {
    case 'IN_PROGRESS':
      t.language = Math.min(spanMonths * pace, 380);
      t.volunteering = Math.min(spanMonths * (s.slow ? 5 : 20), 200);
      t.workExperience = s.slow ? 0 : Math.min(spanMonths * 8, 60);
      t.taalcafe = Math.min(spanMonths * 3, 30);
      t.map = spanMonths >= 6 ? 20 : 0;
      t.pvt = spanMonths >= 6 ? 12 : 0;
      break;
    case 'PRE_END_READY':
      t.language = 430 + (spanMonths % 3) * 70;
      t.volunteering = 220;
      t.workExperience = 160;
      t.taalcafe = 60;
      t.map = 44;
      t.pvt = 12;
      break;
    case 'PRE_END_HELD':
      t.language = s.rtsPct ? 810 : 660;
      t.volunteering = s.rtsPct ? 420 : 320;
      t.workExperience = 200;
      t.taalcafe = 40;
      t.map = 48;
      t.pvt = 12;
      break;
    default: {
      // END_READY and CLOSED: all end conditions met (with substitution S: 800 − S language, 800 + S participation)
      const sub = s.substitution ?? 0;
      t.language = 800 - sub + 15;
      t.volunteering = 380;
      t.workExperience = 300 - Math.min(sub, 150);
      t.taalcafe = 80;
      t.map = 52;
      t.knm = 60;
      t.pvt = 12;
      t.paidWork = sub ? sub + 150 : 0;
      break;
    }
  }
  return t;
}
