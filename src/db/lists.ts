import type { Db } from './connection.js';

/** The admin-maintained reference lists. Items are never deleted (they are referenced), only deactivated. */
export type ListKind = 'leefdomeinen' | 'activity_kinds' | 'providers';

export type ProviderKind = 'TAALAANBIEDER' | 'PARTICIPATIECOACH' | 'OVERIG';
export const PROVIDER_KINDS = ['TAALAANBIEDER', 'PARTICIPATIECOACH', 'OVERIG'] as const;
export const PROVIDER_KIND_LABELS: Record<ProviderKind, string> = {
  TAALAANBIEDER: 'Taalaanbieder',
  PARTICIPATIECOACH: 'Participatiecoach',
  OVERIG: 'Overig',
};

export interface ListItem {
  id: number;
  name: string;
  active: boolean;
  version: number;
  /** leefdomeinen only */
  sortOrder?: number;
  /** providers only */
  kind?: ProviderKind;
  contact?: string | null;
}

export interface ListItemInput {
  name: string;
  sortOrder?: number;
  kind?: ProviderKind;
  contact?: string | null;
}

const COLUMNS: Record<ListKind, { select: string; order: string }> = {
  leefdomeinen: { select: 'id, name, sort_order AS sortOrder, active, version', order: 'active DESC, sort_order, name' },
  activity_kinds: { select: 'id, name, active, version', order: 'active DESC, name' },
  providers: { select: 'id, name, kind, contact, active, version', order: 'active DESC, kind, name' },
};

type Row = Omit<ListItem, 'active'> & { active: number };
const toItem = ({ active, ...rest }: Row): ListItem => ({ ...rest, active: active === 1 });

// Table names come from the fixed ListKind union above, never from user input.
export function listItems(db: Db, kind: ListKind): ListItem[] {
  const c = COLUMNS[kind];
  return (db.prepare(`SELECT ${c.select} FROM ${kind} ORDER BY ${c.order}`).all() as Row[]).map(toItem);
}

export function findItem(db: Db, kind: ListKind, id: number): ListItem | undefined {
  const row = db.prepare(`SELECT ${COLUMNS[kind].select} FROM ${kind} WHERE id = ?`).get(id) as Row | undefined;
  return row && toItem(row);
}

/** Is the name used by another item (ignoring case and surrounding spaces)? */
export function nameTaken(db: Db, kind: ListKind, name: string, exceptId?: number): boolean {
  return (
    db.prepare(`SELECT 1 FROM ${kind} WHERE lower(trim(name)) = lower(trim(?)) AND id != ?`).get(name, exceptId ?? 0) !==
    undefined
  );
}

export function createItem(db: Db, kind: ListKind, v: ListItemInput): number {
  const r =
    kind === 'leefdomeinen'
      ? db.prepare('INSERT INTO leefdomeinen (name, sort_order) VALUES (?, ?)').run(v.name, v.sortOrder ?? 0)
      : kind === 'activity_kinds'
        ? db.prepare('INSERT INTO activity_kinds (name) VALUES (?)').run(v.name)
        : db.prepare('INSERT INTO providers (name, kind, contact) VALUES (?, ?, ?)').run(v.name, v.kind, v.contact ?? null);
  return Number(r.lastInsertRowid);
}

/** Updates when the row still has `version`; false when someone else changed it meanwhile. */
export function updateItem(db: Db, kind: ListKind, id: number, version: number, v: ListItemInput): boolean {
  const where = 'version = version + 1 WHERE id = ? AND version = ?';
  const r =
    kind === 'leefdomeinen'
      ? db.prepare(`UPDATE leefdomeinen SET name = ?, sort_order = ?, ${where}`).run(v.name, v.sortOrder ?? 0, id, version)
      : kind === 'activity_kinds'
        ? db.prepare(`UPDATE activity_kinds SET name = ?, ${where}`).run(v.name, id, version)
        : db.prepare(`UPDATE providers SET name = ?, kind = ?, contact = ?, ${where}`).run(v.name, v.kind, v.contact ?? null, id, version);
  return r.changes === 1;
}

/** (De)activates when the row still has `version`; false when someone else changed it meanwhile. */
export function setItemActive(db: Db, kind: ListKind, id: number, version: number, active: boolean): boolean {
  const r = db
    .prepare(`UPDATE ${kind} SET active = ?, version = version + 1 WHERE id = ? AND version = ?`)
    .run(active ? 1 : 0, id, version);
  return r.changes === 1;
}
