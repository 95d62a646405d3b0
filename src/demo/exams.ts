// Demo data for issue 12: B1-route clients with language levels and exam histories, an afschalen decision,
// a client who should get an extension, one without any exam near the end of the termijn, and a closed dossier of every ending kind. Fictional people only.
import { addDays, addMonths, format, parseISO, subMonths, subWeeks } from 'date-fns';
import { actorAt } from '../app/actor.js';
import { closeClientTrajectory } from '../app/closure.js';
import type { Deps } from '../app/deps.js';
import { decideAfschalen, recordLevel, registerExam } from '../app/language.js';
import type { Result } from '../app/result.js';
import { refreshClientStatus } from '../db/client-status.js';
import type { ClosureType } from '../db/closures.js';
import type { Db } from '../db/connection.js';
import type { ExamPart, LevelSkill } from '../db/language.js';
import { findUserById } from '../db/users.js';
import type { Level, Route } from '../domain/index.js';
import { type Clock, todayOf } from '../lib/clock.js';

const iso = (d: Date) => format(d, 'yyyy-MM-dd');

interface DemoPerson {
  firstName: string;
  lastName: string;
  birthDate: string;
  doelgroep: 'ASIELSTATUSHOUDER' | 'GEZINSMIGRANT' | 'OVERIGE_MIGRANT';
  route: Route;
  pipOn: string;
  extra?: Partial<{ bsn: string; address: string; postcode: string; city: string; phone: string; email: string; language: string; interpreter: boolean }>;
}

/** Adds the issue-12 demo data once (when no exam exists yet). */
export function seedExamDemo(db: Db, clock: Clock): void {
  if ((db.prepare('SELECT COUNT(*) FROM exams').pluck().get() as number) > 0) return;
  const team = db.prepare(`SELECT id FROM teams ORDER BY id LIMIT 1`).pluck().get() as number | undefined;
  if (team === undefined) return;
  const consulent = db
    .prepare(`SELECT id FROM users WHERE role = 'consulent' AND team_id = ? ORDER BY id LIMIT 1`)
    .pluck()
    .get(team) as number | undefined;
  if (consulent === undefined) return;
  const today = todayOf(clock);
  const now = clock.now().toISOString();
  const t = parseISO(today);
  const monthsAgo = (m: number) => iso(subMonths(t, m));
  let n = 0;

  const createClient = (p: DemoPerson): number => {
    n += 1;
    const linked = iso(subMonths(parseISO(p.pipOn), 3));
    const x = p.extra ?? {};
    const id = Number(
      db
        .prepare(
          `INSERT INTO clients (client_number, first_name, last_name, birth_date, bsn, doelgroep, linked_on, address, postcode,
             city, phone, email, preferred_language, interpreter_needed, team_id, consulent_id, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          `EX-${String(n).padStart(3, '0')}`,
          p.firstName,
          p.lastName,
          p.birthDate,
          x.bsn ?? null,
          p.doelgroep,
          linked,
          x.address ?? null,
          x.postcode ?? null,
          x.city ?? null,
          x.phone ?? null,
          x.email ?? null,
          x.language ?? null,
          x.interpreter ? 1 : 0,
          team,
          consulent,
          now,
          now,
        ).lastInsertRowid,
    );
    const intakeStart = iso(addDays(parseISO(linked), 7));
    db.prepare(
      `INSERT INTO intakes (client_id, started_on, completed_on, leerbaarheid_score, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(id, intakeStart, iso(addDays(parseISO(intakeStart), 21)), p.route === 'B1' ? 34 : 18, now, now);
    db.prepare(
      `INSERT INTO route_decisions (client_id, kind, decided_on, route, advised_route, decided_by, created_at)
       VALUES (?, 'CHOICE', ?, ?, ?, ?, ?)`,
    ).run(id, iso(subWeeks(parseISO(p.pipOn), 2)), p.route, p.route, consulent, now);
    db.prepare(
      `INSERT INTO pip_versions (client_id, version_no, vastgesteld_on, revision_reason, content, created_by, created_at)
       VALUES (?, 1, ?, 'FIRST', ?, ?, ?)`,
    ).run(
      id,
      p.pipOn,
      JSON.stringify({
        route: p.route,
        taaldoel: p.route === 'Z' ? 'A1 op alle vaardigheden' : 'B1 op alle examenonderdelen',
        aanbieder: 'Taalschool De Brug',
      }),
      consulent,
      now,
    );
    refreshClientStatus(db, id, today);
    return id;
  };

  const hours = (clientId: number, kind: string, h: number, from: string, to: string) =>
    db
      .prepare(
        `INSERT INTO hour_entries (client_id, kind, period_start, period_end, hours, created_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(clientId, kind, from, to, h, consulent, now, now);
  const decision = (clientId: number, kind: string, decidedOn: string, reason: string, data: Record<string, unknown> = {}) =>
    db
      .prepare(
        `INSERT INTO decisions (client_id, kind, decided_on, reason, data, decided_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(clientId, kind, decidedOn, reason, JSON.stringify(data), consulent, now);
  // Levels, exams, afschalen and closures are written through the use cases (src/app), as the consulent on the day
  // of seeding (the dates of the facts are in the input), without audit rows: the seeder is not a user's action.
  const user = findUserById(db, consulent);
  if (!user) return;
  const deps: Deps = { db, clock };
  const actor = actorAt(user, clock, () => {});
  const done = <T>(what: string, r: Result<T>): T => {
    if (!r.ok) throw new Error(`Demo data: ${what} refused: ${JSON.stringify(r.refusal)}`);
    return r.value;
  };
  const level = (clientId: number, skill: LevelSkill, lvl: Level, on: string, source: 'PROVIDER_TEST' | 'PROGRESS_REPORT' | 'EXAM' = 'PROVIDER_TEST') =>
    done('level', recordLevel(deps, actor, clientId, { ok: true, data: { skill, level: lvl, source, measuredOn: on, note: null } }));
  const exam = (clientId: number, part: ExamPart, lvl: 'A2' | 'B1' | null, examOn: string, result: 'PASSED' | 'FAILED' | 'NO_SHOW' | null) =>
    done(
      'exam',
      registerExam(deps, actor, clientId, {
        ok: true,
        data: { part, examLevel: lvl, registeredOn: iso(subWeeks(parseISO(examOn), 6)), examOn, result, resultNote: null },
      }),
    );

  db.transaction(() => {
    // Two B1-route clients: take existing open ones from the clients demo, or create them.
    const existing = db
      .prepare(
        `SELECT s.client_id FROM client_status s JOIN clients c ON c.id = s.client_id
         WHERE s.route = 'B1' AND c.closed_on IS NULL AND s.pip_set_on IS NOT NULL AND c.team_id = ? ORDER BY c.id LIMIT 2`,
      )
      .pluck()
      .all(team) as number[];
    const people: DemoPerson[] = [
      { firstName: 'Yonas', lastName: 'Tesfaye', birthDate: '1994-02-11', doelgroep: 'ASIELSTATUSHOUDER', route: 'B1', pipOn: monthsAgo(26) },
      { firstName: 'Mariam', lastName: 'Yusuf', birthDate: '1988-07-30', doelgroep: 'GEZINSMIGRANT', route: 'B1', pipOn: monthsAgo(28) },
    ];
    const [allPassed, afgeschaald] = people.map((p, i) => existing[i] ?? createClient(p)) as [number, number];

    // 1. Passed all four skills at B1, and KNM.
    hours(allPassed, 'LANGUAGE', 880, monthsAgo(25), monthsAgo(2));
    hours(allPassed, 'MAP', 48, monthsAgo(20), monthsAgo(14));
    hours(allPassed, 'PVT', 14, monthsAgo(22), monthsAgo(20));
    const steps: [number, Level][] = [
      [24, 'PRE_A1'],
      [18, 'A1'],
      [12, 'A2'],
      [6, 'B1'],
    ];
    for (const skill of ['READING', 'LISTENING', 'WRITING', 'SPEAKING', 'CONVERSATION'] as const) {
      for (const [m, lvl] of steps) level(allPassed, skill, skill === 'READING' && m === 24 ? 'A1' : lvl, monthsAgo(m), m === 12 ? 'PROGRESS_REPORT' : 'PROVIDER_TEST');
    }
    exam(allPassed, 'READING', 'B1', monthsAgo(5), 'PASSED');
    exam(allPassed, 'LISTENING', 'B1', monthsAgo(5), 'FAILED');
    exam(allPassed, 'LISTENING', 'B1', monthsAgo(3), 'PASSED');
    exam(allPassed, 'WRITING', 'B1', monthsAgo(4), 'PASSED');
    exam(allPassed, 'SPEAKING', 'B1', monthsAgo(4), 'PASSED');
    exam(allPassed, 'KNM', null, monthsAgo(8), 'PASSED');
    decision(allPassed, 'KNM_COMPLETED', monthsAgo(8), 'KNM-examen gehaald (DUO)');
    decision(allPassed, 'MAP_COMPLETED', monthsAgo(14), 'MAP afgerond met 48 uur praktijk');
    decision(allPassed, 'PVT_COMPLETED', monthsAgo(20), 'Participatieverklaring ondertekend');
    refreshClientStatus(db, allPassed, today);

    // 2. Speaking afgeschaald to A2 after 650 hours; one exam result still missing after 8 weeks.
    hours(afgeschaald, 'LANGUAGE', 650, monthsAgo(27), monthsAgo(1));
    for (const [m, r, w, s] of [
      [26, 'PRE_A1', 'PRE_A1', 'PRE_A1'],
      [18, 'A1', 'A1', 'PRE_A1'],
      [10, 'A2', 'A2', 'A1'],
      [3, 'B1', 'A2', 'A2'],
    ] as [number, Level, Level, Level][]) {
      level(afgeschaald, 'READING', r, monthsAgo(m));
      level(afgeschaald, 'LISTENING', r, monthsAgo(m));
      level(afgeschaald, 'WRITING', w, monthsAgo(m));
      level(afgeschaald, 'SPEAKING', s, monthsAgo(m), 'PROGRESS_REPORT');
      level(afgeschaald, 'CONVERSATION', s, monthsAgo(m), 'PROGRESS_REPORT');
    }
    exam(afgeschaald, 'READING', 'B1', monthsAgo(4), 'PASSED');
    exam(afgeschaald, 'LISTENING', 'B1', monthsAgo(4), 'PASSED');
    exam(afgeschaald, 'SPEAKING', 'B1', monthsAgo(6), 'FAILED');
    exam(afgeschaald, 'SPEAKING', 'B1', monthsAgo(4), 'FAILED');
    exam(afgeschaald, 'WRITING', 'B1', iso(subWeeks(t, 10)), null);
    done(
      'afschalen',
      decideAfschalen(deps, actor, afgeschaald, {
        ok: true,
        data: {
          afschalenSkill: 'SPEAKING',
          decidedOn: monthsAgo(1),
          reason: 'Twee keer gezakt voor spreken B1 na 650 uur les; taalschool ziet geen groei meer richting B1',
          exception: false,
          exceptionReason: null,
        },
      }),
    );
    exam(afgeschaald, 'SPEAKING', 'A2', iso(subWeeks(t, 2)), 'PASSED');

    // 3. A Z-route client 31 months into the termijn, behind on the hours: a candidate for an extension.
    const late = createClient({
      firstName: 'Farid',
      lastName: 'Rahimi',
      birthDate: '1979-04-03',
      doelgroep: 'ASIELSTATUSHOUDER',
      route: 'Z',
      pipOn: monthsAgo(31),
    });
    hours(late, 'LANGUAGE', 380, monthsAgo(30), monthsAgo(4));
    hours(late, 'LANGUAGE', 36, iso(subWeeks(t, 10)), iso(subWeeks(t, 1)));
    hours(late, 'PARTICIPATION', 260, monthsAgo(24), iso(subWeeks(t, 2)));
    level(late, 'SPEAKING', 'PRE_A1', monthsAgo(30));
    level(late, 'SPEAKING', 'A1', monthsAgo(12), 'PROGRESS_REPORT');
    refreshClientStatus(db, late, today);

    // 4. A B1-route client whose termijn ends in 7 months without any exam registered (seed 001: DUO's waiting
    //    lists make late registration a risk).
    const noExam = createClient({
      firstName: 'Amanuel',
      lastName: 'Kidane',
      birthDate: '1997-08-19',
      doelgroep: 'ASIELSTATUSHOUDER',
      route: 'B1',
      pipOn: monthsAgo(29),
    });
    hours(noExam, 'LANGUAGE', 690, monthsAgo(28), iso(subWeeks(t, 1)));
    level(noExam, 'READING', 'A2', monthsAgo(4), 'PROGRESS_REPORT');
    refreshClientStatus(db, noExam, today);

    // 5. A closed dossier of every ending kind.
    const endings: { type: ClosureType; person: DemoPerson; reason: string; extra?: Record<string, string> }[] = [
      {
        type: 'COMPLETED',
        person: { firstName: 'Lina', lastName: 'Haddad', birthDate: '1996-09-14', doelgroep: 'ASIELSTATUSHOUDER', route: 'Z', pipOn: monthsAgo(37) },
        reason: 'Eindgesprek gehouden, certificaat uitgereikt',
      },
      {
        type: 'ONTHEFFING',
        person: { firstName: 'Abdi', lastName: 'Warsame', birthDate: '1961-01-20', doelgroep: 'GEZINSMIGRANT', route: 'Z', pipOn: monthsAgo(20) },
        reason: 'Verklaring keuringsarts: kan blijvend niet aan de plicht voldoen',
        extra: { ontheffingGround: 'MEDICAL' },
      },
      {
        type: 'VRIJSTELLING',
        person: { firstName: 'Olena', lastName: 'Kovalenko', birthDate: '1990-12-02', doelgroep: 'OVERIGE_MIGRANT', route: 'B1', pipOn: monthsAgo(9) },
        reason: 'Nederlands mbo-4 diploma getoond',
      },
      {
        type: 'VERHUIZING',
        person: {
          firstName: 'Samira',
          lastName: 'El Idrissi',
          birthDate: '1993-05-08',
          doelgroep: 'GEZINSMIGRANT',
          route: 'B1',
          pipOn: monthsAgo(15),
          extra: {
            bsn: '111222333',
            address: 'Lindelaan 12',
            postcode: '3511 AB',
            city: 'Utrecht',
            phone: '06-23456789',
            email: 'samira@example.org',
            language: 'Arabisch',
            interpreter: true,
          },
        },
        reason: 'Verhuisd naar partner in Utrecht',
        extra: { newMunicipality: 'Utrecht' },
      },
      {
        type: 'TERMIJN_ENDED',
        person: { firstName: 'Tesfay', lastName: 'Gebru', birthDate: '1985-03-17', doelgroep: 'ASIELSTATUSHOUDER', route: 'Z', pipOn: monthsAgo(37) },
        reason: 'Termijn verstreken, niet afgerond; door naar handhaving',
      },
      {
        type: 'DECEASED',
        person: { firstName: 'Hassan', lastName: 'Noori', birthDate: '1958-10-09', doelgroep: 'ASIELSTATUSHOUDER', route: 'Z', pipOn: monthsAgo(14) },
        reason: 'Bericht van de familie',
      },
      {
        type: 'LEFT_COUNTRY',
        person: { firstName: 'Maria', lastName: 'Santos', birthDate: '1991-06-25', doelgroep: 'OVERIGE_MIGRANT', route: 'B1', pipOn: monthsAgo(11) },
        reason: 'Vertrokken naar Portugal (uitschrijving BRP)',
      },
    ];
    for (const e of endings) {
      const id = createClient(e.person);
      hours(id, 'LANGUAGE', e.person.route === 'Z' ? 420 : 310, e.person.pipOn, monthsAgo(1));
      if (e.type === 'VERHUIZING') {
        hours(id, 'PARTICIPATION', 24, e.person.pipOn, monthsAgo(1));
        level(id, 'READING', 'A1', monthsAgo(12));
        level(id, 'READING', 'A2', monthsAgo(3));
        exam(id, 'KNM', null, monthsAgo(2), 'FAILED');
        db.prepare(
          `INSERT INTO agreements (client_id, description, owner, due_on, status, created_by, created_at, updated_at)
           VALUES (?, 'Inschrijven bij een taalschool in de nieuwe gemeente', 'CLIENT', ?, 'OPEN', ?, ?, ?)`,
        ).run(id, iso(addMonths(t, 1)), consulent, now, now);
      }
      if (e.type === 'COMPLETED') {
        db.prepare(
          `INSERT INTO conversations (client_id, kind, held_on, created_by, created_at, updated_at) VALUES (?, 'EIND', ?, ?, ?, ?)`,
        ).run(id, monthsAgo(1), consulent, now, now);
      }
      refreshClientStatus(db, id, today);
      done(
        `closure ${e.type}`,
        closeClientTrajectory(deps, actor, id, {
          ok: true,
          data: {
            type: e.type,
            closedOn: iso(subWeeks(t, 2)),
            reason: e.reason,
            overrideReason: null,
            ontheffingGround: e.extra?.ontheffingGround === 'MEDICAL' ? 'MEDICAL' : null,
            newMunicipality: e.extra?.newMunicipality ?? null,
          },
        }),
      );
    }
  })();
}
