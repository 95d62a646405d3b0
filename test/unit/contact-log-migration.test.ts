// Migration 0140 turns the contact attempts into the contact log: tested on a database migrated to the version
// before it, with attempts in it, so no attempt is lost or changed on the way.
import { mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { listContacts } from '../../src/db/contacts.js';
import { MIGRATIONS_DIR, migrate } from '../../src/db/migrate.js';

const NOW = '2026-01-01T00:00:00.000Z';

/** A directory with the project's migrations before `version`. */
function migrationsBefore(version: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'koers-before-'));
  for (const f of readdirSync(MIGRATIONS_DIR)) if (/^\d{4}_/.test(f) && f.slice(0, 4) < version) symlinkSync(join(MIGRATIONS_DIR, f), join(dir, f));
  return dir;
}

describe('migration 0140: contact attempts → contact log', () => {
  it('carries every existing attempt over with its id, date, channel, result, note and author', () => {
    const db = openDatabase(':memory:');
    migrate(db, migrationsBefore('0140'));
    expect(db.prepare("SELECT COUNT(*) FROM schema_migrations WHERE version >= '0140'").pluck().get()).toBe(0);
    db.prepare("INSERT INTO teams (id, name, created_at) VALUES (1, 'Team', ?)").run(NOW);
    db.prepare(
      "INSERT INTO users (id, username, display_name, role, team_id, password_hash, created_at, updated_at) VALUES (7, 'c', 'Consulent C', 'consulent', 1, 'x', ?, ?)",
    ).run(NOW, NOW);
    db.prepare(
      `INSERT INTO clients (id, client_number, first_name, last_name, birth_date, doelgroep, linked_on, team_id, consulent_id, created_at, updated_at)
       VALUES (3, 'K-1', 'Amal', 'Yusuf', '1990-01-01', 'ASIELSTATUSHOUDER', '2025-01-01', 1, 7, ?, ?)`,
    ).run(NOW, NOW);
    const attempts = [
      [11, '2026-01-05', 'BRIEF', 0, 'Brief over de intake'],
      [12, '2026-01-09', 'SMS', 0, null],
      [13, '2026-01-12', 'HUISBEZOEK', 1, 'Thuis getroffen'],
      [14, '2026-01-12', 'VIA_NETWERK', 1, 'Via de buurvrouw'],
      [15, '2026-01-20', 'TELEFOON', 1, null],
      [16, '2026-01-21', 'EMAIL', 0, 'Geen antwoord'],
    ] as const;
    const insert = db.prepare(
      'INSERT INTO contact_attempts (id, client_id, attempted_on, channel, reached, note, created_by, created_at) VALUES (?, 3, ?, ?, ?, ?, 7, ?)',
    );
    for (const a of attempts) insert.run(...a, NOW);

    expect(migrate(db).applied).toContain('0140_contact_log.sql');

    const rows = db.prepare('SELECT * FROM contact_attempts ORDER BY id').all();
    expect(rows).toEqual(
      attempts.map(([id, on, channel, reached, note]) => ({
        id,
        client_id: 3,
        attempted_on: on,
        channel: channel === 'SMS' ? 'BERICHTEN' : channel,
        participants: 'CLIENT',
        with_client: 1,
        reached,
        note,
        created_by: 7,
        created_at: NOW,
      })),
    );
    expect(listContacts(db, 3).map((c) => [c.id, c.createdByName, c.participants])).toEqual(
      [16, 15, 14, 13, 12, 11].map((id) => [id, 'Consulent C', ['CLIENT']]),
    );
    // The table takes new contacts after it; ids go on.
    const next = db
      .prepare(
        "INSERT INTO contact_attempts (client_id, attempted_on, channel, participants, with_client, reached, created_by, created_at) VALUES (3, '2026-02-01', 'VIDEO', 'CLIENT,TOLK', 1, 1, 7, ?)",
      )
      .run(NOW);
    expect(Number(next.lastInsertRowid)).toBe(17);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});
