import type { Db } from './connection.js';

export const LETTER_TEMPLATE_KINDS = [
  'AFZENDER',
  'PIP_BESCHIKKING',
  'UITNODIGING_VOORTGANG',
  'UITNODIGING_PRE_EIND',
  'UITNODIGING_EIND',
  'AFSPRAKENPLAN',
] as const;
export type LetterTemplateKind = (typeof LETTER_TEMPLATE_KINDS)[number];

export interface LetterTemplateVersion {
  id: number;
  kind: LetterTemplateKind;
  versionNo: number;
  fields: Record<string, string>;
  note: string | null;
  createdByName: string | null;
  createdAt: string;
}

interface Row extends Omit<LetterTemplateVersion, 'fields'> {
  fields: string;
}

const SELECT = `SELECT l.id, l.kind, l.version_no AS versionNo, l.fields, l.note, u.display_name AS createdByName,
  l.created_at AS createdAt FROM letter_template_versions l LEFT JOIN users u ON u.id = l.created_by`;

function toVersion(r: Row): LetterTemplateVersion {
  let fields: Record<string, string> = {};
  try {
    const raw = JSON.parse(r.fields) as unknown;
    if (raw && typeof raw === 'object') {
      fields = Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    }
  } catch {
    fields = {};
  }
  return { ...r, fields };
}

/** The newest version of a kind (the one in force), or undefined when only the built-in text exists. */
export function latestLetterTemplate(db: Db, kind: LetterTemplateKind): LetterTemplateVersion | undefined {
  const r = db.prepare(`${SELECT} WHERE l.kind = ? ORDER BY l.version_no DESC LIMIT 1`).get(kind) as Row | undefined;
  return r && toVersion(r);
}

export function listLetterTemplateVersions(db: Db, kind: LetterTemplateKind): LetterTemplateVersion[] {
  return (db.prepare(`${SELECT} WHERE l.kind = ? ORDER BY l.version_no DESC`).all(kind) as Row[]).map(toVersion);
}

/**
 * Appends version `expectedLatest + 1`; returns its number, or null when someone saved a version in between
 * (the UNIQUE (kind, version_no) also guards two saves at the same moment).
 */
export function addLetterTemplateVersion(
  db: Db,
  kind: LetterTemplateKind,
  expectedLatest: number,
  fields: Record<string, string>,
  note: string | null,
  userId: number,
  nowIso: string,
): number | null {
  const latest = (db.prepare('SELECT MAX(version_no) FROM letter_template_versions WHERE kind = ?').pluck().get(kind) as number | null) ?? 0;
  if (latest !== expectedLatest) return null;
  db.prepare(
    'INSERT INTO letter_template_versions (kind, version_no, fields, note, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(kind, latest + 1, JSON.stringify(fields), note, userId, nowIso);
  return latest + 1;
}
