import { z } from 'zod';
import type { Route } from '../domain/index.js';
import { type Db, prepared } from './connection.js';

export const REVISION_REASONS = ['FIRST', 'ROUTE_SWITCH', 'AFSCHALEN', 'MOVE', 'OTHER'] as const;
export type RevisionReason = (typeof REVISION_REASONS)[number];
export const REVISION_REASON_LABELS: Record<RevisionReason, string> = {
  FIRST: 'Eerste PIP',
  ROUTE_SWITCH: 'Andere route (schakelen)',
  AFSCHALEN: 'Examenonderdelen naar A2 (afschalen)',
  MOVE: 'Verhuizing naar deze gemeente',
  OTHER: 'Andere reden',
};

export const CORE_VALUES = ['VRIJHEID', 'GELIJKWAARDIGHEID', 'SOLIDARITEIT', 'PARTICIPATIE'] as const;
export const CORE_VALUE_LABELS: Record<(typeof CORE_VALUES)[number], string> = {
  VRIJHEID: 'Vrijheid',
  GELIJKWAARDIGHEID: 'Gelijkwaardigheid',
  SOLIDARITEIT: 'Solidariteit',
  PARTICIPATIE: 'Participatie',
};

const text = z.string().nullable().default(null);
const num = z.number().nullable().default(null);

/**
 * The stored plan (pip_versions.content). Every field has a default so that older or partial versions
 * still read; the form validates what is required before it is stored.
 */
export const pipContentSchema = z.object({
  route: z.enum(['B1', 'ONDERWIJS', 'Z']).nullable().default(null),
  taalaanbiederId: num,
  taalaanbiederName: text,
  participatiecoachId: num,
  participatiecoachName: text,
  languageGoal: text,
  participationGoals: text,
  hoursPerWeekLanguage: num,
  hoursPerWeekParticipation: num,
  domainGoals: z
    .array(z.object({ leefdomeinId: z.number(), leefdomein: z.string(), goal: z.string(), targetOn: z.string().nullable() }))
    .default([]),
  mapThemes: text,
  mapPractice: text,
  mapWorkingExemption: text,
  pvtHours: num,
  pvtCoreValue: z.enum(CORE_VALUES).nullable().default(null),
  pvtActivity: text,
  pvtSigningPlannedOn: text,
  knm: text,
  supportOntzorgen: text,
  supportBegeleiding: text,
  supportInterpreter: text,
});
export type PipContent = z.infer<typeof pipContentSchema>;

export interface PipVersion {
  id: number;
  versionNo: number;
  vastgesteldOn: string;
  revisionReason: RevisionReason;
  revisionNote: string | null;
  content: PipContent;
  createdByName: string | null;
  createdAt: string;
}

interface Row extends Omit<PipVersion, 'content'> {
  content: string;
}

function toVersion(r: Row): PipVersion {
  let raw: unknown;
  try {
    raw = JSON.parse(r.content);
  } catch {
    raw = {};
  }
  const parsed = pipContentSchema.safeParse(raw);
  return { ...r, content: parsed.success ? parsed.data : pipContentSchema.parse({}) };
}

const SELECT = `SELECT p.id, p.version_no AS versionNo, p.vastgesteld_on AS vastgesteldOn,
  p.revision_reason AS revisionReason, p.revision_note AS revisionNote, p.content, u.display_name AS createdByName,
  p.created_at AS createdAt
  FROM pip_versions p LEFT JOIN users u ON u.id = p.created_by`;

/** All versions, newest first. */
export function listPipVersions(db: Db, clientId: number): PipVersion[] {
  return (prepared(db, `${SELECT} WHERE p.client_id = ? ORDER BY p.version_no DESC`).all(clientId) as Row[]).map(toVersion);
}

export function findPipVersion(db: Db, clientId: number, versionNo: number): PipVersion | undefined {
  const r = prepared(db, `${SELECT} WHERE p.client_id = ? AND p.version_no = ?`).get(clientId, versionNo) as Row | undefined;
  return r && toVersion(r);
}

export function latestPipVersion(db: Db, clientId: number): PipVersion | undefined {
  const r = prepared(db, `${SELECT} WHERE p.client_id = ? ORDER BY p.version_no DESC LIMIT 1`).get(clientId) as
    | Row
    | undefined;
  return r && toVersion(r);
}

/** Appends the next version (version_no + 1). The UNIQUE (client_id, version_no) guards concurrent saves. */
export function addPipVersion(
  db: Db,
  v: {
    clientId: number;
    vastgesteldOn: string;
    revisionReason: RevisionReason;
    revisionNote: string | null;
    content: PipContent;
    userId: number;
  },
  nowIso: string,
): number {
  const next =
    ((prepared(db, 'SELECT MAX(version_no) AS n FROM pip_versions WHERE client_id = ?').get(v.clientId) as { n: number | null })
      .n ?? 0) + 1;
  prepared(
    db,
    `INSERT INTO pip_versions (client_id, version_no, vastgesteld_on, revision_reason, revision_note, content, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(v.clientId, next, v.vastgesteldOn, v.revisionReason, v.revisionNote, JSON.stringify(v.content), v.userId, nowIso);
  return next;
}

export interface Provider {
  id: number;
  name: string;
  kind: 'TAALAANBIEDER' | 'PARTICIPATIECOACH' | 'OVERIG';
}

export function activeProviders(db: Db): Provider[] {
  return prepared(db, 'SELECT id, name, kind FROM providers WHERE active = 1 ORDER BY name').all() as Provider[];
}

export function findProvider(db: Db, id: number): Provider | undefined {
  return prepared(db, 'SELECT id, name, kind FROM providers WHERE id = ?').get(id) as Provider | undefined;
}

/** Labels of the plan's fields in display order, for the version view and the comparison. */
export const PIP_FIELD_LABELS: [keyof PipContent, string][] = [
  ['route', 'Route'],
  ['taalaanbiederName', 'Taalaanbieder'],
  ['participatiecoachName', 'Participatiecoach'],
  ['languageGoal', 'Taaldoel'],
  ['hoursPerWeekLanguage', 'Uren taal per week'],
  ['participationGoals', 'Participatiedoelen en plan'],
  ['hoursPerWeekParticipation', 'Uren participatie per week'],
  ['domainGoals', 'Doelen per leefdomein'],
  ['mapThemes', 'MAP: afspraken over de 8 thema’s'],
  ['mapPractice', 'MAP: praktijkdeel (40 uur)'],
  ['mapWorkingExemption', 'MAP: vrijstelling voor werkenden'],
  ['pvtHours', 'PVT: aantal uren'],
  ['pvtCoreValue', 'PVT: kernwaarde'],
  ['pvtActivity', 'PVT: activiteit'],
  ['pvtSigningPlannedOn', 'PVT: ondertekening gepland op'],
  ['knm', 'KNM'],
  ['supportOntzorgen', 'Ontzorgen'],
  ['supportBegeleiding', 'Begeleiding'],
  ['supportInterpreter', 'Tolk of taalassistent'],
];

export type { Route };
