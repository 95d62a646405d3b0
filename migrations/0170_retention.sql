-- Issue 20: retention and deletion. Retention rules are versioned and effective-dated like the rules; a legal hold
-- (bezwaar, beroep, inspectie) stops the deletion of a dossier; the daily job proposes a batch of what is due and a
-- teamleider or admin approves it (four eyes) before anything is deleted.
CREATE TABLE retention_versions (
  id INTEGER PRIMARY KEY,
  effective_from TEXT NOT NULL UNIQUE,
  rules TEXT NOT NULL,                        -- JSON: RetentionRules (src/domain/retention.ts)
  note TEXT,
  created_by INTEGER REFERENCES users (id),
  created_at TEXT NOT NULL
);

CREATE TABLE legal_holds (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients (id),
  kind TEXT NOT NULL CHECK (kind IN ('BEZWAAR', 'BEROEP', 'INSPECTIE')),
  reason TEXT NOT NULL,
  placed_on TEXT NOT NULL,
  placed_by INTEGER NOT NULL REFERENCES users (id),
  lifted_on TEXT,
  lifted_by INTEGER REFERENCES users (id),
  lift_reason TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX legal_holds_client ON legal_holds (client_id);

-- A batch of what is due: proposed by the daily job (proposed_by NULL) or a person, approved by another person.
CREATE TABLE retention_batches (
  id INTEGER PRIMARY KEY,
  proposed_on TEXT NOT NULL,                  -- business date the list was made
  proposed_by INTEGER REFERENCES users (id),  -- NULL: the daily job or npm run retention (not a person)
  proposed_via TEXT NOT NULL,                 -- 'dagelijkse taak', 'npm run retention', 'handmatig'
  status TEXT NOT NULL DEFAULT 'PROPOSED' CHECK (status IN ('PROPOSED', 'DONE')),
  approved_by INTEGER REFERENCES users (id),
  approved_at TEXT,
  done_at TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);
-- At most one batch waits for approval at a time.
CREATE UNIQUE INDEX retention_batches_one_open ON retention_batches (status) WHERE status = 'PROPOSED';

CREATE TABLE retention_batch_items (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES retention_batches (id),
  kind TEXT NOT NULL,                         -- RetentionKind (src/domain/retention.ts)
  client_id INTEGER REFERENCES clients (id),  -- for DOSSIER items
  due_on TEXT,                                -- DOSSIER: the day it became due
  rule TEXT NOT NULL,                         -- the rule in words, with its version
  count INTEGER,                              -- other kinds: how many records were due when proposed
  status TEXT NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DONE', 'SKIPPED')),
  outcome TEXT                                -- what was removed, or why it was skipped
);
CREATE INDEX retention_batch_items_batch ON retention_batch_items (batch_id);
CREATE INDEX retention_batch_items_client ON retention_batch_items (client_id);

-- When a dossier's personal data was removed (the row stays for the figures).
ALTER TABLE clients ADD COLUMN anonymised_on TEXT;

-- The audit log stays append-only, except for the retention run: it sets a permit row inside its own transaction
-- (and removes it before committing) to delete audit rows past their term and to blank personal values out of
-- old details. Any other update or delete is refused as before.
CREATE TABLE retention_permit (
  id INTEGER PRIMARY KEY CHECK (id = 1)
);
DROP TRIGGER audit_log_no_update;
DROP TRIGGER audit_log_no_delete;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NOT EXISTS (SELECT 1 FROM retention_permit)
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
WHEN NOT EXISTS (SELECT 1 FROM retention_permit)
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
