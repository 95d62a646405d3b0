import type { Db } from './connection.js';

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
  return db.prepare('SELECT id, name, caseload_norm AS caseloadNorm FROM teams WHERE id = ?').get(id) as
    | Team
    | undefined;
}
