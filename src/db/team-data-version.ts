// The number per team that goes up with every change of its clients, their status, or the team's people
// (migration 0200, kept by triggers): what the team's management pages may be kept against.
import { type Db, prepared } from './connection.js';

export function teamDataVersion(db: Db, teamId: number): number {
  return (prepared(db, 'SELECT version FROM team_data_versions WHERE team_id = ?').pluck().get(teamId) as number | undefined) ?? 0;
}
