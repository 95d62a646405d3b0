import { type Db, prepared } from './connection.js';

export const HIGHEST_EDUCATION = ['NONE', 'PRIMARY', 'SECONDARY', 'VOCATIONAL', 'HIGHER'] as const;
export type HighestEducation = (typeof HIGHEST_EDUCATION)[number];
export const HIGHEST_EDUCATION_LABELS: Record<HighestEducation, string> = {
  NONE: 'Geen onderwijs gevolgd',
  PRIMARY: 'Basisonderwijs',
  SECONDARY: 'Voortgezet onderwijs',
  VOCATIONAL: 'Beroepsonderwijs (zoals mbo)',
  HIGHER: 'Hoger onderwijs (hbo of universiteit)',
};

export const LITERACY = ['GELETTERD', 'LATIJNS_SCHRIFT_NODIG', 'ALFABETISERING_NODIG'] as const;
export type Literacy = (typeof LITERACY)[number];
export const LITERACY_LABELS: Record<Literacy, string> = {
  GELETTERD: 'Geletterd in het Latijnse schrift',
  LATIJNS_SCHRIFT_NODIG: 'Geletterd, maar moet het Latijnse schrift leren',
  ALFABETISERING_NODIG: 'Alfabetisering nodig',
};

export interface Leefdomein {
  id: number;
  name: string;
}

export function activeLeefdomeinen(db: Db): Leefdomein[] {
  return prepared(db, 'SELECT id, name FROM leefdomeinen WHERE active = 1 ORDER BY sort_order, name').all() as Leefdomein[];
}

export function allLeefdomeinen(db: Db): Leefdomein[] {
  return prepared(db, 'SELECT id, name FROM leefdomeinen ORDER BY sort_order, name').all() as Leefdomein[];
}

/** The intake's fields, as stored. Scores are keyed by leefdomein id. */
export interface IntakeFields {
  educationHistory: string | null;
  highestEducation: HighestEducation | null;
  workHistory: string | null;
  languagesSpoken: string | null;
  literacy: Literacy | null;
  health: string | null;
  barrierChildcare: boolean;
  barrierFamilyReunification: boolean;
  barrierPsychological: boolean;
  barrierTravelTime: boolean;
  barrierNotes: string | null;
  family: string | null;
  finances: string | null;
  wishesWork: string | null;
  wishesEducation: string | null;
  wantsEducation: boolean;
  leerbaarheidScore: number | null;
  leerbaarheidOn: string | null;
  scores: { leefdomeinId: number; score: number | null; note: string | null }[];
}

export interface Intake extends IntakeFields {
  id: number;
  clientId: number;
  startedOn: string;
  completedOn: string | null;
  version: number;
  updatedAt: string;
  updatedByName: string | null;
}

interface IntakeRow {
  id: number;
  client_id: number;
  started_on: string;
  completed_on: string | null;
  education_history: string | null;
  highest_education: HighestEducation | null;
  work_history: string | null;
  languages_spoken: string | null;
  literacy: Literacy | null;
  health: string | null;
  barrier_childcare: number;
  barrier_family_reunification: number;
  barrier_psychological: number;
  barrier_travel_time: number;
  barrier_notes: string | null;
  family: string | null;
  finances: string | null;
  wishes_work: string | null;
  wishes_education: string | null;
  wants_education: number;
  leerbaarheid_score: number | null;
  leerbaarheid_on: string | null;
  version: number;
  updated_at: string;
  updated_by_name: string | null;
}

export function findIntake(db: Db, clientId: number): Intake | undefined {
  const row = prepared(
    db,
    `SELECT i.*, u.display_name AS updated_by_name FROM intakes i LEFT JOIN users u ON u.id = i.updated_by
     WHERE i.client_id = ?`,
  ).get(clientId) as IntakeRow | undefined;
  if (!row) return undefined;
  const scores = prepared(
    db,
    'SELECT leefdomein_id AS leefdomeinId, score, note FROM intake_scores WHERE intake_id = ? ORDER BY leefdomein_id',
  ).all(row.id) as IntakeFields['scores'];
  return {
    id: row.id,
    clientId: row.client_id,
    startedOn: row.started_on,
    completedOn: row.completed_on,
    educationHistory: row.education_history,
    highestEducation: row.highest_education,
    workHistory: row.work_history,
    languagesSpoken: row.languages_spoken,
    literacy: row.literacy,
    health: row.health,
    barrierChildcare: row.barrier_childcare === 1,
    barrierFamilyReunification: row.barrier_family_reunification === 1,
    barrierPsychological: row.barrier_psychological === 1,
    barrierTravelTime: row.barrier_travel_time === 1,
    barrierNotes: row.barrier_notes,
    family: row.family,
    finances: row.finances,
    wishesWork: row.wishes_work,
    wishesEducation: row.wishes_education,
    wantsEducation: row.wants_education === 1,
    leerbaarheidScore: row.leerbaarheid_score,
    leerbaarheidOn: row.leerbaarheid_on,
    scores,
    version: row.version,
    updatedAt: row.updated_at,
    updatedByName: row.updated_by_name,
  };
}

function params(f: IntakeFields) {
  return {
    education_history: f.educationHistory,
    highest_education: f.highestEducation,
    work_history: f.workHistory,
    languages_spoken: f.languagesSpoken,
    literacy: f.literacy,
    health: f.health,
    barrier_childcare: f.barrierChildcare ? 1 : 0,
    barrier_family_reunification: f.barrierFamilyReunification ? 1 : 0,
    barrier_psychological: f.barrierPsychological ? 1 : 0,
    barrier_travel_time: f.barrierTravelTime ? 1 : 0,
    barrier_notes: f.barrierNotes,
    family: f.family,
    finances: f.finances,
    wishes_work: f.wishesWork,
    wishes_education: f.wishesEducation,
    wants_education: f.wantsEducation ? 1 : 0,
    leerbaarheid_score: f.leerbaarheidScore,
    leerbaarheid_on: f.leerbaarheidOn,
  };
}

const COLUMNS = [
  'education_history',
  'highest_education',
  'work_history',
  'languages_spoken',
  'literacy',
  'health',
  'barrier_childcare',
  'barrier_family_reunification',
  'barrier_psychological',
  'barrier_travel_time',
  'barrier_notes',
  'family',
  'finances',
  'wishes_work',
  'wishes_education',
  'wants_education',
  'leerbaarheid_score',
  'leerbaarheid_on',
];

function writeScores(db: Db, intakeId: number, scores: IntakeFields['scores']): void {
  prepared(db, 'DELETE FROM intake_scores WHERE intake_id = ?').run(intakeId);
  const insert = prepared(db, 'INSERT INTO intake_scores (intake_id, leefdomein_id, score, note) VALUES (?, ?, ?, ?)');
  for (const s of scores) {
    if (s.score !== null || s.note !== null) insert.run(intakeId, s.leefdomeinId, s.score, s.note);
  }
}

/** The first save starts the intake (started_on = that day); it drives the PIP due date. */
export function createIntake(
  db: Db,
  clientId: number,
  f: IntakeFields,
  o: { startedOn: string; completedOn: string | null; userId: number; nowIso: string },
): number {
  const r = db
    .prepare(
      `INSERT INTO intakes (client_id, started_on, completed_on, ${COLUMNS.join(', ')}, updated_by, created_at, updated_at)
       VALUES (@client_id, @started_on, @completed_on, ${COLUMNS.map((c) => `@${c}`).join(', ')}, @updated_by, @now, @now)`,
    )
    .run({
      ...params(f),
      client_id: clientId,
      started_on: o.startedOn,
      completed_on: o.completedOn,
      updated_by: o.userId,
      now: o.nowIso,
    });
  const id = Number(r.lastInsertRowid);
  writeScores(db, id, f.scores);
  return id;
}

/** Updates when the intake still has `version`; false when someone else saved it meanwhile. */
export function updateIntake(
  db: Db,
  intakeId: number,
  version: number,
  f: IntakeFields,
  o: { completedOn: string | null; userId: number; nowIso: string },
): boolean {
  const r = db
    .prepare(
      `UPDATE intakes SET ${COLUMNS.map((c) => `${c} = @${c}`).join(', ')}, completed_on = @completed_on,
         updated_by = @updated_by, updated_at = @now, version = version + 1
       WHERE id = @id AND version = @version`,
    )
    .run({ ...params(f), completed_on: o.completedOn, updated_by: o.userId, now: o.nowIso, id: intakeId, version });
  if (r.changes !== 1) return false;
  writeScores(db, intakeId, f.scores);
  return true;
}
