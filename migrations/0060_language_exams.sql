-- Issue 12: language level per skill over time, and DUO exam registrations with their results.

-- A measured language level of one skill on a date (0-4 scale of seed 004: pre-A1, A1, A2, B1, B2).
CREATE TABLE language_levels (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients (id),
  skill TEXT NOT NULL CHECK (skill IN ('READING', 'LISTENING', 'WRITING', 'SPEAKING', 'CONVERSATION')),
  level TEXT NOT NULL CHECK (level IN ('PRE_A1', 'A1', 'A2', 'B1', 'B2')),
  source TEXT NOT NULL CHECK (source IN ('PROVIDER_TEST', 'PROGRESS_REPORT', 'EXAM')),
  measured_on TEXT NOT NULL,
  note TEXT,
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL
);
CREATE INDEX language_levels_client ON language_levels (client_id, skill, measured_on, id);

-- One registration for one DUO exam part. result NULL = pending. The attempt number is derived
-- (order of exam date within the client's part), not stored.
CREATE TABLE exams (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients (id),
  part TEXT NOT NULL CHECK (part IN ('READING', 'LISTENING', 'WRITING', 'SPEAKING', 'KNM')),
  level TEXT CHECK (level IN ('A2', 'B1', 'B2')),
  registered_on TEXT NOT NULL,
  exam_on TEXT NOT NULL,
  result TEXT CHECK (result IN ('PASSED', 'FAILED', 'NO_SHOW')),
  result_note TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  updated_by INTEGER REFERENCES users (id),
  updated_at TEXT NOT NULL,
  CHECK ((part = 'KNM' AND level IS NULL) OR (part <> 'KNM' AND level IS NOT NULL)),
  CHECK (exam_on >= registered_on)
);
CREATE INDEX exams_client ON exams (client_id, part, exam_on, id);
CREATE INDEX exams_pending ON exams (result, exam_on);
