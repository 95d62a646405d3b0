// Generates a realistic Koers data set into a fresh SQLite file, for the benchmark (bench/run.ts).
// Fast on purpose: one prepared statement per table, big transactions, no journal, no fsync. The
// pragmas are set on this connection only; the server opens the file with its own (WAL) pragmas.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from '../src/db/migrate.js';
import { ensureDefaultRuleSet } from '../src/db/rules.js';
import { hashPassword } from '../src/lib/passwords.js';
import { BENCH_TOTP_SECRET } from './login.js';

export const BENCH_PASSWORD = 'bench-wachtwoord-2024';
export const BENCH_TEAMLEIDER = 'bench-teamleider';
export const BENCH_CONSULENT = 'bench-consulent';
export const BENCH_ADMIN = 'bench-admin';
/** Audit rows per client: the views and changes of about two years of casework (the log is the largest table). */
const AUDIT_ROWS_PER_CLIENT = 20;
const AUDIT_ACTIONS: [string, string][] = [
  ['dossier-bekeken', 'begeleiding'], ['uren-bekeken', 'voortgang'], ['pip-bekeken', 'pip'], ['gesprekken-bekeken', 'voortgang'],
  ['uren-geregistreerd', 'voortgang'], ['voortgangsgesprek-vastgelegd', 'voortgang'], ['afspraak-gewijzigd', 'voortgang'],
  ['gegevens-bekeken', 'aanmelding'], ['caseload-bekeken', 'begeleiding'], ['brief-gemaakt', 'documenten'],
];

export interface DatasetSize {
  clients: number;
  teams: number;
  consulentenPerTeam: number;
  hourEntries: number;
  conversations: number;
  agreements: number;
}

export const BASE_SIZE: DatasetSize = {
  clients: 25_000,
  teams: 25,
  consulentenPerTeam: 10,
  hourEntries: 1_000_000,
  conversations: 150_000,
  agreements: 300_000,
};

export function sizeFor(scale: number): DatasetSize {
  const n = (v: number) => Math.max(1, Math.round(v * scale));
  return {
    clients: n(BASE_SIZE.clients),
    // Teams scale with the clients, so a team's caseload (about 1,000) and a consulent's (about 100) stay realistic.
    teams: Math.max(1, Math.round(BASE_SIZE.teams * scale)),
    consulentenPerTeam: BASE_SIZE.consulentenPerTeam,
    hourEntries: n(BASE_SIZE.hourEntries),
    conversations: n(BASE_SIZE.conversations),
    agreements: n(BASE_SIZE.agreements),
  };
}

export interface GeneratedDataset {
  path: string;
  today: string;
  counts: Record<string, number>;
  /** Seconds spent inserting the facts (migrations included). */
  insertSeconds: number;
  teamleider: { username: string; id: number; teamId: number };
  consulent: { username: string; id: number; teamId: number };
  admin: { username: string; id: number };
  password: string;
  /** Some client ids of the bench consulent (same team as the bench teamleider). */
  sampleClientIds: number[];
}

// ---- deterministic randomness and fast dates ------------------------------------------------

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY_MS = 86_400_000;

function dayNumber(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

function makeDateStrings(fromDay: number, toDay: number): (day: number) => string {
  const cache: string[] = [];
  for (let d = fromDay; d <= toDay; d++) cache.push(new Date(d * DAY_MS).toISOString().slice(0, 10));
  return (day: number) => {
    const s = cache[Math.round(day) - fromDay];
    if (s === undefined) return new Date(Math.round(day) * DAY_MS).toISOString().slice(0, 10);
    return s;
  };
}

const FIRST_NAMES = [
  'Ahmad', 'Fatima', 'Mohammed', 'Amina', 'Yusuf', 'Mariam', 'Omar', 'Layla', 'Hassan', 'Noor', 'Tesfay',
  'Helen', 'Samir', 'Rania', 'Ali', 'Zainab', 'Daniel', 'Senait', 'Oleksandr', 'Olena', 'Ibrahim', 'Aisha',
  'Khalid', 'Huda', 'Mehmet', 'Elif', 'Ravi', 'Priya', 'Jamal', 'Sara', 'Bilal', 'Hiba', 'Kidane', 'Ruta',
  'Ana', 'Luis', 'Maria', 'Carlos', 'Wei', 'Mei', 'Abdi', 'Hodan', 'Nadia', 'Tariq', 'Yara', 'Karim',
];
const LAST_NAMES = [
  'Al-Hassan', 'Haile', 'Tesfaye', 'Yilmaz', 'Kaya', 'Ahmadi', 'Hosseini', 'Mohammadi', 'Rahimi', 'Abdullah',
  'Osman', 'Ali', 'Ibrahim', 'Mahmoud', 'Kovalenko', 'Shevchenko', 'Bondarenko', 'Gebremedhin', 'Berhe',
  'Woldemichael', 'Santos', 'Silva', 'Pereira', 'Nguyen', 'Tran', 'Chen', 'Wang', 'Mohamud', 'Farah',
  'Warsame', 'Hassan', 'Saleh', 'Nasser', 'Haddad', 'Khoury', 'Demir', 'Sahin', 'Celik', 'Popescu', 'Novak',
];
const CITIES = ['Rotterdam', 'Schiedam', 'Vlaardingen', 'Capelle aan den IJssel', 'Barendrecht'];
const STREETS = ['Kruisplein', 'Coolsingel', 'Beijerlandselaan', 'Zwart Janstraat', 'Nieuwe Binnenweg', 'Groene Hilledijk'];
const LANGUAGES = ['Arabisch', 'Tigrinya', 'Turks', 'Dari', 'Farsi', 'Oekraïens', 'Somalisch', 'Engels', 'Spaans', 'Koerdisch'];
type Doelgroep = 'ASIELSTATUSHOUDER' | 'GEZINSMIGRANT' | 'OVERIGE_MIGRANT';
const EDUCATION = ['NONE', 'PRIMARY', 'SECONDARY', 'VOCATIONAL', 'HIGHER'] as const;
const LITERACY = ['GELETTERD', 'LATIJNS_SCHRIFT_NODIG', 'ALFABETISERING_NODIG'] as const;
const CHANNELS = ['TELEFOON', 'EMAIL', 'BRIEF', 'HUISBEZOEK', 'BERICHTEN', 'VIA_NETWERK'] as const;
const OWNERS = ['CLIENT', 'CONSULENT', 'COACH', 'PROVIDER'] as const;
const AGREEMENT_TEXTS = [
  'Aanmelden bij het taalcafé in de wijk',
  'Twee keer per week naar de taalles, afwezigheid vooraf melden',
  'Gesprek plannen met de werkervaringsplek',
  'Portfolio aanvullen met bewijs van vrijwilligerswerk',
  'Inschrijven voor de MAP-workshops',
  'Afspraak maken met de schuldhulpverlening',
  'Participatieverklaring ondertekenen na de laatste PVT-bijeenkomst',
  'Contact opnemen met de kinderopvang over de opvangdagen',
  'Voortgangsrapportage van de taalaanbieder opvragen',
  'Oefenen met de digitale zelfredzaamheid (DigiD aanvragen)',
];
const LEEFDOMEINEN = 9;
const ACTIVITY_KINDS = 7;

const PROVIDERS: { name: string; kind: 'TAALAANBIEDER' | 'PARTICIPATIECOACH' | 'OVERIG' }[] = [
  { name: 'Taalschool De Brug', kind: 'TAALAANBIEDER' },
  { name: 'Taalhuis Noord', kind: 'TAALAANBIEDER' },
  { name: 'Taalinstituut Zuid', kind: 'TAALAANBIEDER' },
  { name: 'Albeda Inburgering', kind: 'TAALAANBIEDER' },
  { name: 'Stichting Nieuwkomers en Taal (participatiecoach)', kind: 'PARTICIPATIECOACH' },
  { name: 'Coachpunt Rijnmond', kind: 'PARTICIPATIECOACH' },
  { name: 'Vrijwilligerscentrale', kind: 'OVERIG' },
  { name: 'Buurtwerk Delfshaven', kind: 'OVERIG' },
];
const LANGUAGE_PROVIDERS = [1, 2, 3, 4];
const PARTICIPATION_PROVIDERS = [5, 6, 7, 8];

type Route = 'B1' | 'ONDERWIJS' | 'Z';
type HourKind = 'LANGUAGE' | 'KNM' | 'PARTICIPATION' | 'MAP' | 'PVT' | 'PAID_WORK';

/** A planned client: the dates of its path, decided before anything is inserted. */
interface PlannedClient {
  id: number;
  teamIdx: number;
  consulentId: number;
  doelgroep: Doelgroep;
  linked: number;
  intakeStart: number | null;
  intakeDone: number | null;
  routeOn: number | null;
  route: Route | null;
  pipOn: number | null;
  /** Last day hours are registered (today, the end conversation or the closure). */
  activeEnd: number;
  closedOn: number | null;
  closureReason: string | null;
  langRate: number;
  partRate: number;
  paidWork: boolean;
  preEndOn: number | null;
  endOn: number | null;
  knmOn: number | null;
  mapOn: number | null;
  pvtOn: number | null;
  routeChangeOn: number | null;
  /** Last day a voortgangsgesprek may be planned (before today for cases with an overdue conversation). */
  conversationsUntil: number;
}

/**
 * Generates the data set. `today` is yyyy-MM-dd (the server's systemClock day, so signals are current).
 * Deletes any existing file at path first.
 */
export async function generateDataset(path: string, scale: number, today: string, seed = 20240901): Promise<GeneratedDataset> {
  const size = sizeFor(scale);
  const rnd = mulberry32(seed);
  const uni = (a: number, b: number) => a + rnd() * (b - a);
  const int = (a: number, b: number) => Math.floor(uni(a, b + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const chance = (p: number) => rnd() < p;

  const todayDay = dayNumber(today);
  const day = makeDateStrings(todayDay - 6 * 366, todayDay + 5 * 366);
  const nowIso = new Date().toISOString();
  const ts = (d: number) => `${day(d)}T09:${String(Math.floor(d % 60)).padStart(2, '0')}:00.000Z`;

  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
  const started = performance.now();
  const db = new Database(path);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -262144');
  db.pragma('temp_store = MEMORY');
  db.pragma('locking_mode = EXCLUSIVE');
  migrate(db);
  ensureDefaultRuleSet(db, nowIso);

  const passwordHash = await hashPassword(BENCH_PASSWORD);
  // Bulk load without the secondary indexes (each insert would update every index of its table at random
  // places); they are built once, sorted, at the end. The UNIQUE ones stay, so their constraints still hold.
  const indexes = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'`)
    .all() as { name: string; sql: string }[];
  for (const ix of indexes) db.exec(`DROP INDEX "${ix.name}"`);

  // ---- teams, users, providers ------------------------------------------------------------
  const teamIds: number[] = [];
  const consulentenByTeam: number[][] = [];
  const teamleiderByTeam: number[] = [];
  let adminId = 0;
  const insTeam = db.prepare('INSERT INTO teams (name, caseload_norm, created_at) VALUES (?, ?, ?)');
  const insUser = db.prepare(
    `INSERT INTO users (username, display_name, role, team_id, password_hash, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (let t = 0; t < size.teams; t++) {
      const teamId = Number(insTeam.run(`Inburgering team ${t + 1}`, t % 3 === 0 ? 90 : null, nowIso).lastInsertRowid);
      teamIds.push(teamId);
      const lead = t === 0 ? BENCH_TEAMLEIDER : `teamleider${t + 1}`;
      teamleiderByTeam.push(
        Number(insUser.run(lead, `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`, 'teamleider', teamId, passwordHash, nowIso, nowIso).lastInsertRowid),
      );
      const cs: number[] = [];
      for (let c = 0; c < size.consulentenPerTeam; c++) {
        const username = t === 0 && c === 0 ? BENCH_CONSULENT : `consulent${t + 1}-${c + 1}`;
        cs.push(
          Number(
            insUser.run(username, `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`, 'consulent', teamId, passwordHash, nowIso, nowIso)
              .lastInsertRowid,
          ),
        );
      }
      consulentenByTeam.push(cs);
    }
    adminId = Number(insUser.run(BENCH_ADMIN, 'Functioneel Beheer', 'admin', null, passwordHash, nowIso, nowIso).lastInsertRowid);
    // In production every local account needs a second factor: the bench accounts have an authenticator app.
    db.prepare('UPDATE users SET totp_secret = ?, totp_enrolled_at = ?').run(BENCH_TOTP_SECRET, nowIso);
    const insProvider = db.prepare('INSERT INTO providers (name, kind, contact) VALUES (?, ?, ?)');
    for (const p of PROVIDERS) insProvider.run(p.name, p.kind, `info@${p.name.toLowerCase().replace(/[^a-z]+/g, '')}.example`);
  })();

  // ---- plan every client's path -----------------------------------------------------------
  const plans: PlannedClient[] = [];
  for (let i = 0; i < size.clients; i++) {
    const teamIdx = i % size.teams;
    const consulents = consulentenByTeam[teamIdx]!;
    const consulentId = consulents[Math.floor(i / size.teams) % consulents.length]!;
    const linked = todayDay - Math.floor(rnd() ** 0.9 * 1500);
    const p: PlannedClient = {
      id: i + 1,
      teamIdx,
      consulentId,
      doelgroep: rnd() < 0.6 ? 'ASIELSTATUSHOUDER' : rnd() < 0.75 ? 'GEZINSMIGRANT' : 'OVERIGE_MIGRANT',
      linked,
      intakeStart: null,
      intakeDone: null,
      routeOn: null,
      route: null,
      pipOn: null,
      activeEnd: todayDay,
      closedOn: null,
      closureReason: null,
      langRate: 0,
      partRate: 0,
      paidWork: false,
      preEndOn: null,
      endOn: null,
      knmOn: null,
      mapOn: null,
      pvtOn: null,
      routeChangeOn: null,
      conversationsUntil: todayDay,
    };
    const is = linked + int(5, 40);
    if (is <= todayDay) p.intakeStart = is;
    const id = is + int(7, 40);
    if (p.intakeStart !== null && id <= todayDay) p.intakeDone = id;
    const ro = id + int(0, 21);
    if (p.intakeDone !== null && ro <= todayDay) {
      p.routeOn = ro;
      const r = rnd();
      p.route = r < 0.35 ? 'Z' : r < 0.9 ? 'B1' : 'ONDERWIJS';
    }
    // Most PIPs within the 10 weeks of the intake start; some late.
    const po = ro + (chance(0.85) ? int(5, 30) : int(40, 120));
    if (p.routeOn !== null && po <= todayDay) p.pipOn = po;
    if (p.pipOn !== null && p.route) {
      const pip = p.pipOn;
      p.paidWork = chance(p.route === 'Z' ? 0.15 : 0.25);
      if (p.route === 'Z') {
        p.langRate = (800 / 130) * uni(0.45, 1.6);
        p.partRate = (800 / 130) * uni(0.45, 1.6);
      } else {
        p.langRate = uni(6, 14);
        p.partRate = uni(0.5, 3);
      }
      const pvt = pip + int(90, 420);
      if (pvt <= todayDay) p.pvtOn = pvt;
      const knm = pip + int(120, 500);
      if (knm <= todayDay) p.knmOn = knm;
      const map = pip + int(180, 640);
      if (map <= todayDay) p.mapOn = map;
      if (p.route === 'Z') {
        const weeksTo = (hours: number, rate: number) => Math.ceil((hours / rate) * 7);
        const preReady = Math.max(pip + weeksTo(400, p.langRate), pip + weeksTo(300, p.partRate), p.pvtOn ?? Number.MAX_SAFE_INTEGER);
        if (preReady + 30 < todayDay && chance(0.75)) {
          const pre = preReady + int(14, 75);
          if (pre <= todayDay) p.preEndOn = pre;
        }
        const endReady = Math.max(
          pip + weeksTo(800, p.langRate),
          pip + weeksTo(800, p.partRate),
          p.pvtOn ?? Number.MAX_SAFE_INTEGER,
          p.knmOn ?? Number.MAX_SAFE_INTEGER,
          p.mapOn ?? Number.MAX_SAFE_INTEGER,
        );
        if (p.preEndOn !== null && endReady + 30 < todayDay && chance(0.8)) {
          const end = Math.max(endReady, p.preEndOn + 30) + int(14, 75);
          if (end <= todayDay) {
            p.endOn = end;
            p.activeEnd = end;
            p.closedOn = end + int(1, 20);
            p.closureReason = 'Z-route afgerond, eindgesprek gehouden en certificaat uitgereikt';
          }
        }
      } else {
        const done = pip + int(600, 1100);
        if (done + 10 < todayDay && chance(0.85)) {
          p.activeEnd = done;
          p.closedOn = done + int(1, 30);
          p.closureReason = p.route === 'B1' ? 'Examens B1 behaald' : 'Ingestroomd in mbo-opleiding';
        }
      }
      if (p.closedOn === null && chance(0.03)) {
        const moved = pip + int(60, Math.max(61, todayDay - pip));
        if (moved < todayDay) {
          p.activeEnd = moved;
          p.closedOn = moved;
          p.closureReason = 'Verhuisd naar een andere gemeente';
        }
      }
      if (p.closedOn !== null && p.closedOn > todayDay) p.closedOn = null;
      // Stalled cases: no hours (nor conversations) for a while; others only miss their next conversation.
      if (p.closedOn === null && p.endOn === null) {
        const stall = todayDay - int(60, 240);
        if (chance(0.08) && stall > pip + 60) p.activeEnd = stall;
        else if (chance(0.12)) p.conversationsUntil = todayDay - int(100, 200);
      }
      if (chance(0.05) && ro + 200 < p.activeEnd) p.routeChangeOn = ro + int(120, 200);
    }
    plans.push(p);
  }

  // Allocate hour entries and conversations proportionally to each client's active weeks.
  const activeWeeks = plans.map((p) => (p.pipOn === null ? 0 : Math.max(1, (p.activeEnd - p.pipOn) / 7)));
  const totalWeeks = activeWeeks.reduce((a, b) => a + b, 0);
  const allocate = (total: number) =>
    activeWeeks.map((w) => {
      const exact = (total * w) / totalWeeks;
      const base = Math.floor(exact);
      return base + (rnd() < exact - base ? 1 : 0);
    });
  const pres = plans.filter((p) => p.preEndOn !== null).length;
  const ends = plans.filter((p) => p.endOn !== null).length;
  const hourAlloc = allocate(size.hourEntries);
  const convAlloc = allocate(Math.max(0, size.conversations - pres - ends));
  const agreementsPerConversation = size.agreements / size.conversations;

  // ---- statements -----------------------------------------------------------------------------
  const insClient = db.prepare(
    `INSERT INTO clients (id, client_number, first_name, last_name, birth_date, bsn, doelgroep, linked_on, address, postcode,
       city, phone, email, preferred_language, interpreter_needed, team_id, consulent_id, closed_on, closure_reason,
       created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const insContact = db.prepare(
    'INSERT INTO contact_attempts (client_id, attempted_on, channel, reached, note, created_by, created_at) VALUES (?,?,?,?,?,?,?)',
  );
  const insEvent = db.prepare(
    `INSERT INTO client_events (client_id, occurred_on, kind, summary, ref_table, ref_id, user_id, created_at)
     VALUES (?,?,?,?,?,?,?,?)`,
  );
  const insIntake = db.prepare(
    `INSERT INTO intakes (id, client_id, started_on, completed_on, education_history, highest_education, work_history,
       languages_spoken, literacy, health, barrier_childcare, barrier_family_reunification, barrier_psychological,
       barrier_travel_time, family, finances, wishes_work, wishes_education, wants_education, leerbaarheid_score,
       leerbaarheid_on, updated_by, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const insIntakeScore = db.prepare('INSERT INTO intake_scores (intake_id, leefdomein_id, score, note) VALUES (?,?,?,?)');
  const insRoute = db.prepare(
    `INSERT INTO route_decisions (client_id, kind, decided_on, route, advised_route, advice_reasons, reason,
       not_b1_reason, not_onderwijs_reason, not_z_reason, decided_by, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const insPip = db.prepare(
    `INSERT INTO pip_versions (client_id, version_no, vastgesteld_on, revision_reason, revision_note, content, created_by, created_at)
     VALUES (?,?,?,?,?,?,?,?)`,
  );
  const insImport = db.prepare(
    'INSERT INTO hour_imports (id, file_name, file_sha256, row_count, imported_by, imported_at) VALUES (?,?,?,?,?,?)',
  );
  const insHour = db.prepare(
    `INSERT INTO hour_entries (client_id, kind, activity_kind_id, period_start, period_end, hours, planned_hours,
       provider_id, organisation, note, source, import_id, import_key, created_by, created_at, updated_at)
     VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const insDecision = db.prepare(
    `INSERT INTO decisions (client_id, kind, decided_on, reason, data, decided_by, created_at) VALUES (?,?,?,?,?,?,?)`,
  );
  const insConversation = db.prepare(
    `INSERT INTO conversations (client_id, kind, held_on, participants, content, created_by, created_at, updated_at)
     VALUES (?,?,?,?,?,?,?,?)`,
  );
  const insConvScore = db.prepare(
    'INSERT INTO conversation_scores (conversation_id, leefdomein_id, score, note) VALUES (?,?,?,?)',
  );
  const insExam = db.prepare(
    `INSERT INTO exams (client_id, part, level, registered_on, exam_on, result, created_by, created_at, updated_at)
     VALUES (?,?,?,?,?,?,?,?,?)`,
  );
  const insAgreement = db.prepare(
    `INSERT INTO agreements (client_id, conversation_id, description, owner, due_on, status, created_by, created_at, updated_at)
     VALUES (?,?,?,?,?,?,?,?,?)`,
  );

  const counts: Record<string, number> = {};
  const bump = (k: string, n = 1) => {
    counts[k] = (counts[k] ?? 0) + n;
  };
  const event = (clientId: number, on: number, kind: string, summary: string, refTable: string | null, refId: number | null, userId: number) => {
    insEvent.run(clientId, day(on), kind, summary, refTable, refId, userId, ts(on));
    bump('client_events');
  };

  // One hour import per month (the providers' monthly reports).
  const importIdOf = (d: number) => Math.floor(d / 30) - Math.floor((todayDay - 6 * 366) / 30) + 1;
  db.transaction(() => {
    const first = importIdOf(todayDay - 6 * 366);
    const last = importIdOf(todayDay + 31);
    for (let k = first; k <= last; k++) {
      insImport.run(k, `urenrapportage-${k}.csv`, 'b'.repeat(64), 0, consulentenByTeam[0]![0]!, nowIso);
    }
  })();

  let bsnPrefix = 10_000_000;
  const nextBsn = (): string => {
    for (;;) {
      bsnPrefix += 7;
      const digits = String(bsnPrefix).padStart(8, '0');
      let sum = 0;
      for (let k = 0; k < 8; k++) sum += Number(digits[k]) * (9 - k);
      const check = sum % 11;
      if (check < 10) return `${digits}${check}`;
    }
  };

  const pipContent = (route: Route) =>
    JSON.stringify({
      route,
      languageGoal: route === 'Z' ? 'A1' : 'B1',
      provider: 'Taalschool De Brug',
      participationGoals: ['Vrijwilligerswerk in de wijk', 'Oriëntatie op werk'],
      leefdomeinGoals: { Financiën: 'Zelf de post en rekeningen regelen', 'Sociaal netwerk': 'Lid van een sportclub' },
      map: 'Volledig', pvt: 'Via de taalaanbieder', knm: 'Module bij de taalaanbieder', support: 'Ontzorgen eerste half jaar',
    });
  const conversationContent = (kind: string) =>
    JSON.stringify({
      terugblik: 'Gaat naar de taalles en doet vrijwilligerswerk bij de voedselbank. Merkt vooruitgang bij het spreken.',
      taal: 'Volgens de voortgangsrapportage op weg naar A1 voor spreken en lezen.',
      participatie: 'Drie ochtenden per week vrijwilligerswerk.',
      vooruitblik: kind === 'VOORTGANG' ? 'Volgende stap: werkervaringsplek zoeken.' : 'Plan voor na de inburgering besproken.',
    });
  const participants = JSON.stringify({ client: true, coach: 'Coach van de aanbieder', interpreter: false });

  // ---- insert every client with its facts, in batches ----------------------------------------
  const BATCH = 2_000;
  let intakeId = 0;
  let importKey = 0;
  const insertClient = (p: PlannedClient) => {
    const team = teamIds[p.teamIdx]!;
    const cons = p.consulentId;
    const closed = p.closedOn !== null ? day(p.closedOn) : null;
    const birth = todayDay - int(18 * 365, 62 * 365);
    insClient.run(
      p.id,
      `K-${String(p.id).padStart(6, '0')}`,
      pick(FIRST_NAMES),
      pick(LAST_NAMES),
      day(birth),
      chance(0.95) ? nextBsn() : null,
      p.doelgroep,
      day(p.linked),
      `${pick(STREETS)} ${int(1, 250)}`,
      `30${int(10, 99)} ${String.fromCharCode(65 + int(0, 25), 65 + int(0, 25))}`,
      pick(CITIES),
      `06${int(10_000_000, 99_999_999)}`,
      chance(0.6) ? `client${p.id}@mail.example` : null,
      pick(LANGUAGES),
      chance(0.4) ? 1 : 0,
      team,
      cons,
      closed,
      p.closureReason,
      ts(p.linked),
      ts(p.closedOn ?? p.linked),
    );
    bump('clients');
    event(p.id, p.linked, 'CLIENT_REGISTERED', 'Klant aangemeld bij de gemeente', 'clients', p.id, cons);
    const attempts = int(1, 3);
    for (let k = 0; k < attempts; k++) {
      const on = Math.min(todayDay, p.linked + 2 + k * 4);
      insContact.run(p.id, day(on), pick(CHANNELS), k === attempts - 1 ? 1 : 0, null, cons, ts(on));
      bump('contact_attempts');
    }
    if (p.intakeStart === null) return;

    intakeId++;
    const score = int(8, 40);
    insIntake.run(
      intakeId, p.id, day(p.intakeStart), p.intakeDone !== null ? day(p.intakeDone) : null,
      'Basisschool en enkele jaren middelbare school in het land van herkomst.', pick(EDUCATION),
      'Gewerkt in de bouw en in een winkel.', pick(LANGUAGES), pick(LITERACY), 'Geen bijzonderheden.',
      chance(0.3) ? 1 : 0, chance(0.15) ? 1 : 0, chance(0.2) ? 1 : 0, chance(0.1) ? 1 : 0,
      'Getrouwd, twee kinderen op de basisschool.', 'Bijstandsuitkering, geen schulden bekend.', 'Wil graag in de zorg werken.',
      'Wil eventueel een mbo-opleiding volgen.', chance(0.2) ? 1 : 0, score, day(p.intakeStart + 3), cons,
      ts(p.intakeStart), ts(p.intakeDone ?? p.intakeStart),
    );
    bump('intakes');
    event(p.id, p.intakeStart, 'INTAKE_STARTED', 'Brede intake gestart', 'intakes', intakeId, cons);
    if (p.intakeDone === null) return;
    for (let l = 1; l <= LEEFDOMEINEN; l++) {
      insIntakeScore.run(intakeId, l, int(1, 5), null);
      bump('intake_scores');
    }
    event(p.id, p.intakeDone, 'INTAKE_COMPLETED', 'Brede intake afgerond', 'intakes', intakeId, cons);
    if (p.routeOn === null || p.route === null) return;

    const advised: Route = score > 31 ? 'B1' : 'Z';
    const differs = advised !== p.route;
    const r1 = insRoute.run(
      p.id, 'CHOICE', day(p.routeOn), p.route, advised, JSON.stringify([`Leerbaarheidstoets: ${score} van 40 goed`]),
      differs ? 'Afgestemd met klant en taalaanbieder; de klant kan meer aan dan de toets laat zien.' : null,
      p.route === 'B1' ? null : 'B1 is op dit moment niet haalbaar', p.route === 'ONDERWIJS' ? null : 'Geen passende opleiding in beeld',
      p.route === 'Z' ? null : 'Klant kan B1 halen', cons, ts(p.routeOn),
    );
    bump('route_decisions');
    event(p.id, p.routeOn, 'ROUTE_CHOSEN', `Leerroute gekozen: ${p.route}`, 'route_decisions', Number(r1.lastInsertRowid), cons);
    if (p.pipOn === null) return;

    const pipId = Number(insPip.run(p.id, 1, day(p.pipOn), 'FIRST', null, pipContent(p.route), cons, ts(p.pipOn)).lastInsertRowid);
    bump('pip_versions');
    event(p.id, p.pipOn, 'PIP_VERSION', 'PIP vastgesteld (versie 1); de inburgeringstermijn loopt', 'pip_versions', pipId, cons);
    if (p.routeChangeOn !== null) {
      const rc = insRoute.run(
        p.id, 'CHANGE', day(p.routeChangeOn), p.route, null, null, 'Na overleg met de taalaanbieder bijgesteld.',
        null, null, null, cons, ts(p.routeChangeOn),
      );
      bump('route_decisions');
      event(p.id, p.routeChangeOn, 'ROUTE_CHANGED', 'Leerroute gewijzigd', 'route_decisions', Number(rc.lastInsertRowid), cons);
      const pv = insPip.run(p.id, 2, day(p.routeChangeOn + 7), 'ROUTE_SWITCH', 'Nieuwe route', pipContent(p.route), cons, ts(p.routeChangeOn + 7));
      bump('pip_versions');
      event(p.id, p.routeChangeOn + 7, 'PIP_VERSION', 'PIP herzien (versie 2)', 'pip_versions', Number(pv.lastInsertRowid), cons);
    } else if (chance(0.08) && p.pipOn + 300 < p.activeEnd) {
      const on = p.pipOn + int(150, 300);
      const pv = insPip.run(p.id, 2, day(on), 'OTHER', 'Doelen bijgesteld', pipContent(p.route), cons, ts(on));
      bump('pip_versions');
      event(p.id, on, 'PIP_VERSION', 'PIP herzien (versie 2)', 'pip_versions', Number(pv.lastInsertRowid), cons);
    }

    // Decisions.
    const decision = (on: number | null, kind: string, reason: string, data: object, summary: string) => {
      if (on === null || on > todayDay) return;
      const r = insDecision.run(p.id, kind, day(on), reason, JSON.stringify(data), cons, ts(on));
      bump('decisions');
      event(p.id, on, 'DECISION', summary, 'decisions', Number(r.lastInsertRowid), cons);
    };
    decision(p.pvtOn, 'PVT_COMPLETED', 'Participatieverklaring ondertekend', {}, 'PVT afgerond');
    decision(p.knmOn, 'KNM_COMPLETED', 'KNM-module afgerond bij de taalaanbieder', {}, 'KNM afgerond');
    decision(p.mapOn, 'MAP_COMPLETED', 'MAP afgerond, 40 uur praktijkervaring', {}, 'MAP afgerond');
    if (p.route === 'Z') {
      if (chance(0.3)) {
        const code = pick(['RTS', 'SIR_FYSIEK', 'SIR_ONLINE'] as const);
        decision(p.pipOn + int(30, 200), 'INSTRUMENT', 'Klant deed volledig mee; telt als participatie',
          { code, attendancePct: int(50, 100) }, `Instrument ${code} telt mee als participatie`);
      }
      if (chance(0.5)) {
        decision(p.pipOn + int(100, 400), 'GUIDANCE_HOURS', 'Voortgangs- en begeleidingsgesprekken tellen mee', {},
          'Begeleidingsgesprekken tellen mee (30 uur)');
      }
      if (p.paidWork && chance(0.5)) {
        decision(p.pipOn + int(60, 300), 'SUBSTITUTION', 'Structureel betaald werk, 24 uur per week',
          { hours: pick([100, 150, 200]) }, 'Substitutie taaluren door gewerkte uren');
      }
    }
    if (p.closedOn === null && p.pipOn + 930 < todayDay && chance(0.4)) {
      decision(p.pipOn + int(915, 960), 'TERMIJN_EXTENSION', 'Ziekte in het tweede jaar', { months: 6 }, 'Inburgeringstermijn verlengd met 6 maanden');
    }
    const moved = p.closureReason?.startsWith('Verhuisd') ?? false;
    decision(p.closedOn, 'CLOSURE', p.closureReason ?? 'Afgesloten',
      moved ? { type: 'VERHUIZING', newMunicipality: 'Dordrecht' } : { type: 'COMPLETED' }, 'Traject afgesloten');

    // DUO exams of B1-route clients: four parts at B1, passed for the completed ones.
    if (p.route === 'B1' && !moved) {
      for (const part of ['READING', 'LISTENING', 'WRITING', 'SPEAKING'] as const) {
        const examOn = Math.min(p.activeEnd, p.pipOn + int(420, 900));
        if (examOn - 42 > todayDay || examOn < p.pipOn + 60) continue;
        const r = rnd();
        const result = examOn > todayDay ? null : p.closedOn !== null || r < 0.6 ? 'PASSED' : r < 0.9 ? 'FAILED' : 'NO_SHOW';
        insExam.run(p.id, part, 'B1', day(examOn - 42), day(examOn), result, cons, ts(examOn - 42), ts(Math.min(todayDay, examOn)));
        bump('exams');
      }
    }

    // Hour entries: a few MAP/PVT/KNM reports in their windows, the rest language, participation, paid work.
    let n = hourAlloc[p.id - 1] ?? 0;
    const start = p.pipOn;
    const end = Math.max(start + 1, p.activeEnd);
    const kinds: { kind: HourKind; count: number; rate: number; total: number; from: number; to: number }[] = [];
    // Windowed kinds: a fixed total spread over a few reports before the completion date (or ongoing).
    const windowed = (kind: HourKind, doneOn: number | null, count: number, total: number) => {
      const to = doneOn ?? Math.min(end, start + 400);
      const c = Math.min(count, n);
      if (c <= 0 || to <= start) return;
      n -= c;
      kinds.push({ kind, count: c, rate: 0, total, from: Math.max(start, to - 120), to });
    };
    windowed('MAP', p.mapOn, 3, int(40, 60));
    windowed('PVT', p.pvtOn, 2, int(12, 16));
    windowed('KNM', p.knmOn, 2, int(30, 50));
    const weights: [HourKind, number, number][] =
      p.route === 'Z'
        ? [['LANGUAGE', 0.5, p.langRate], ['PARTICIPATION', p.paidWork ? 0.35 : 0.5, p.partRate * (p.paidWork ? 0.6 : 1)], ...(p.paidWork ? ([['PAID_WORK', 0.15, p.partRate * 0.4]] as [HourKind, number, number][]) : [])]
        : [['LANGUAGE', 0.8, p.langRate], ['PARTICIPATION', p.paidWork ? 0.1 : 0.2, p.partRate], ...(p.paidWork ? ([['PAID_WORK', 0.1, 16]] as [HourKind, number, number][]) : [])];
    const rest = n;
    let assigned = 0;
    weights.forEach(([kind, w, rate], idx) => {
      const c = idx === weights.length - 1 ? rest - assigned : Math.round(rest * w);
      assigned += c;
      if (c > 0) kinds.push({ kind, count: c, rate, total: 0, from: start, to: end });
    });
    let lastImportMonth = -1;
    for (const k of kinds) {
      const span = (k.to - k.from) / k.count;
      const windowTotal = k.total;
      for (let j = 0; j < k.count; j++) {
        const ps = Math.floor(k.from + j * span);
        const pe = Math.max(ps, Math.floor(k.from + (j + 1) * span) - 1);
        const hours = windowTotal > 0
          ? Math.round((windowTotal / k.count) * 2) / 2
          : Math.max(0, Math.round(k.rate * ((pe - ps + 1) / 7) * uni(0.6, 1.3) * 2) / 2);
        const attendance = uni(0.65, 1);
        const imported = k.kind === 'LANGUAGE' || (k.kind === 'PARTICIPATION' && chance(0.5));
        const reported = Math.min(todayDay, pe + int(3, 20));
        const providerId = k.kind === 'LANGUAGE' ? pick(LANGUAGE_PROVIDERS) : k.kind === 'PAID_WORK' ? null : pick(PARTICIPATION_PROVIDERS);
        const r = insHour.run(
          p.id, k.kind, k.kind === 'PARTICIPATION' ? int(1, ACTIVITY_KINDS) : null, day(ps), day(pe), hours,
          k.kind === 'PAID_WORK' ? null : Math.round((hours / attendance) * 2) / 2, providerId,
          k.kind === 'PAID_WORK' ? 'Schoonmaakbedrijf Rijnmond' : null, null, imported ? 'IMPORT' : 'MANUAL',
          imported ? importIdOf(reported) : null, imported ? `bench-${++importKey}` : null, cons, ts(reported), ts(reported),
        );
        bump('hour_entries');
        const month = Math.floor(reported / 30);
        if (!imported) {
          event(p.id, reported, 'HOURS', `${hours} uur ${k.kind.toLowerCase()} geregistreerd`, 'hour_entries', Number(r.lastInsertRowid), cons);
        } else if (month !== lastImportMonth) {
          lastImportMonth = month;
          event(p.id, reported, 'HOURS_IMPORTED', 'Uren uit de maandrapportage van de aanbieder verwerkt', 'hour_imports', importIdOf(reported), cons);
        }
      }
    }

    // Conversations: voortgang spread over the active period, then pre-eind and eind where held.
    const nConv = convAlloc[p.id - 1] ?? 0;
    const convs: [string, number][] = [];
    const convEnd = Math.max(start + 1, Math.min(end, p.conversationsUntil));
    for (let j = 0; j < nConv; j++) {
      const on = Math.floor(start + ((j + 0.5) * (convEnd - start)) / Math.max(1, nConv) + uni(-10, 10));
      convs.push(['VOORTGANG', Math.min(todayDay, Math.max(start, on))]);
    }
    if (p.preEndOn !== null) convs.push(['PRE_EIND', p.preEndOn]);
    if (p.endOn !== null) convs.push(['EIND', p.endOn]);
    for (const [kind, on] of convs) {
      const c = insConversation.run(p.id, kind, day(on), participants, conversationContent(kind), cons, ts(on), ts(on));
      const convId = Number(c.lastInsertRowid);
      bump('conversations');
      for (let l = 0; l < 3; l++) {
        insConvScore.run(convId, 1 + ((convId + l * 3) % LEEFDOMEINEN), int(1, 5), null);
        bump('conversation_scores');
      }
      const label = kind === 'VOORTGANG' ? 'Voortgangsgesprek' : kind === 'PRE_EIND' ? 'Pre-eindgesprek' : 'Eindgesprek';
      event(p.id, on, 'CONVERSATION', `${label} gehouden`, 'conversations', convId, cons);
      const base = Math.floor(agreementsPerConversation);
      const na = base + (rnd() < agreementsPerConversation - base ? 1 : 0);
      for (let a = 0; a < na; a++) {
        const due = on + int(14, 120);
        const past = due < todayDay;
        const closedNow = p.closedOn !== null;
        const s = rnd();
        const status = past || closedNow
          ? s < 0.65 ? 'GEREALISEERD' : s < 0.82 ? 'LOOPT_ACHTER' : s < 0.92 ? 'HERZIEN' : 'OPEN'
          : s < 0.85 ? 'OPEN' : s < 0.95 ? 'GEREALISEERD' : 'LOOPT_ACHTER';
        insAgreement.run(p.id, convId, pick(AGREEMENT_TEXTS), pick(OWNERS), day(due), status, cons, ts(on), ts(Math.min(todayDay, due)));
        bump('agreements');
      }
    }
  };

  // The audit log: views and changes by the client's consulent over the client's time with the municipality,
  // in time order (ids ascend with started_at, as in the live log).
  const insAudit = db.prepare(
    `INSERT INTO audit_log (trace_id, action, activity, started_at, ended_at, outcome, user_id, username, client_id, details)
     VALUES (?,?,?,?,?,?,?,?,?,NULL)`,
  );
  const usernames = new Map<number, string>(
    (db.prepare('SELECT id, username FROM users').raw(true).all() as [number, string][]).map(([id, u]) => [id, u]),
  );
  const insertAuditLog = () => {
    const rows: [number, number, number][] = [];
    for (const p of plans) {
      for (let k = 0; k < AUDIT_ROWS_PER_CLIENT; k++) rows.push([p.linked + rnd() * (Math.min(todayDay, p.closedOn ?? todayDay) - p.linked), p.id, p.consulentId]);
    }
    rows.sort((a, b) => a[0] - b[0]);
    let trace = 0;
    for (let b = 0; b < rows.length; b += 50_000) {
      db.transaction(() => {
        for (const [when, clientId, userId] of rows.slice(b, b + 50_000)) {
          const [action, activity] = AUDIT_ACTIONS[Math.floor(rnd() * AUDIT_ACTIONS.length)]!;
          const at = `${day(Math.floor(when))}T${String(8 + Math.floor((when % 1) * 9)).padStart(2, '0')}:${String(++trace % 60).padStart(2, '0')}:00.000Z`;
          insAudit.run(`bench-${trace}`, action, activity, at, at, 'ok', userId, usernames.get(userId) ?? null, clientId);
        }
      })();
    }
    bump('audit_log', rows.length);
  };

  for (let b = 0; b < plans.length; b += BATCH) {
    db.transaction(() => {
      for (const p of plans.slice(b, b + BATCH)) insertClient(p);
    })();
  }
  insertAuditLog();
  for (const ix of indexes) db.exec(ix.sql);
  db.exec('UPDATE hour_imports SET row_count = (SELECT COUNT(*) FROM hour_entries h WHERE h.import_id = hour_imports.id)');

  const insertSeconds = (performance.now() - started) / 1000;
  const teamleiderId = teamleiderByTeam[0]!;
  const consulentId = consulentenByTeam[0]![0]!;
  const sampleClientIds = sampleClients(db, consulentId);
  db.close();
  return {
    path,
    today,
    counts,
    insertSeconds,
    teamleider: { username: BENCH_TEAMLEIDER, id: teamleiderId, teamId: teamIds[0]! },
    consulent: { username: BENCH_CONSULENT, id: consulentId, teamId: teamIds[0]! },
    admin: { username: BENCH_ADMIN, id: adminId },
    password: BENCH_PASSWORD,
    sampleClientIds,
  };
}

/**
 * Clients of the bench consulent for the dossier pages, the most typical first. The dossier pages are measured on
 * one client per data set; for the growth between two scales to compare like with like, that client has the same
 * shape at every scale: open, with a PIP, and as close as the data allow to 1 PIP version, 40 hour entries,
 * 6 conversations and 10 agreements (the lowest id first among equals). The first client by id had a 14 KB hours
 * page at scale 0.2 and a 36 KB one at scale 1, which the growth check read as 1.45x.
 */
export function sampleClients(db: Database.Database, consulentId: number): number[] {
  const count = (table: string) => `(SELECT COUNT(*) FROM ${table} x WHERE x.client_id = c.id)`;
  return db
    .prepare(
      `SELECT c.id FROM clients c
       WHERE c.consulent_id = ? AND c.closed_on IS NULL AND EXISTS (SELECT 1 FROM pip_versions p WHERE p.client_id = c.id)
       ORDER BY 10 * ABS(${count('pip_versions')} - 1) + ABS(${count('hour_entries')} - 40)
         + 4 * ABS(${count('conversations')} - 6) + ABS(${count('agreements')} - 10), c.id
       LIMIT 20`,
    )
    .pluck()
    .all(consulentId) as number[];
}

/**
 * The data set that `npm run bench -- --scale <scale>` generated (bench/tmp/), for the scripts that measure on it
 * (profile, explain, cold), with the dossier pages' client chosen as the bench chooses it now. Ends the process
 * with a message when there is none.
 */
export function readGeneratedDataset(root: string, scale: string | number): GeneratedDataset {
  const metaPath = join(root, 'bench', 'tmp', `koers-bench-${Number(scale)}.db.json`);
  if (!existsSync(metaPath)) {
    console.error(`Geen dataset voor schaal ${scale}: draai eerst npm run bench -- --scale ${scale}`);
    process.exit(2);
  }
  const data = (JSON.parse(readFileSync(metaPath, 'utf8')) as { data: GeneratedDataset }).data;
  const db = new Database(data.path, { readonly: true });
  data.sampleClientIds = sampleClients(db, data.consulent.id);
  db.close();
  return data;
}
