import { type Db, prepared } from './connection.js';

export interface Team {
  id: number;
  name: string;
  caseloadNorm: number | null;
}

export function createTeam(db: Db, name: string, nowIso: string, caseloadNorm: number | null = null): number {
  const r = db
    .prepare('INSERT INTO teams (name, caseload_norm, created_at) VALUES (?, ?, ?)')
    .run(name, caseloadNorm, nowIso);
  return Number(r.lastInsertRowid);
}

export function listTeams(db: Db): Team[] {
  return db
    .prepare('SELECT id, name, caseload_norm AS caseloadNorm FROM teams ORDER BY name')
    .all() as Team[];
}

export function findTeam(db: Db, id: number): Team | undefined {
  return prepared(db, 'SELECT id, name, caseload_norm AS caseloadNorm FROM teams WHERE id = ?').get(id) as
    | Team
    | undefined;
}

export interface TeamWithCounts extends Team {
  consulenten: number;
  teamleiders: number;
  inactive: number;
}

/** Teams with their members (active consulenten and teamleiders; deactivated accounts apart). */
export function listTeamsWithCounts(db: Db): TeamWithCounts[] {
  return db
    .prepare(
      `SELECT t.id, t.name, t.caseload_norm AS caseloadNorm,
         COUNT(CASE WHEN u.active = 1 AND u.role = 'consulent' THEN 1 END) AS consulenten,
         COUNT(CASE WHEN u.active = 1 AND u.role = 'teamleider' THEN 1 END) AS teamleiders,
         COUNT(CASE WHEN u.active = 0 THEN 1 END) AS inactive
       FROM teams t LEFT JOIN users u ON u.team_id = t.id
       GROUP BY t.id ORDER BY t.name`,
    )
    .all() as TeamWithCounts[];
}

export function teamNameTaken(db: Db, name: string, exceptId?: number): boolean {
  return (
    db.prepare('SELECT 1 FROM teams WHERE lower(trim(name)) = lower(trim(?)) AND id != ?').get(name, exceptId ?? 0) !==
    undefined
  );
}

export function updateTeam(db: Db, id: number, v: { name: string; caseloadNorm: number | null }): void {
  db.prepare('UPDATE teams SET name = ?, caseload_norm = ? WHERE id = ?').run(v.name, v.caseloadNorm, id);
}
