-- Foundation: teams, users, sessions and the append-only audit log.

CREATE TABLE teams (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  caseload_norm INTEGER,                      -- clients per consulent; null = the rule set's default
  created_at TEXT NOT NULL
);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('consulent', 'teamleider', 'admin')),
  team_id INTEGER REFERENCES teams (id),
  password_hash TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX users_team ON users (team_id, role);

CREATE TABLE sessions (
  sid TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  expires_at INTEGER NOT NULL                 -- epoch milliseconds
);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- One row per action per data subject (Logboek Dataverwerkingen). Never updated or deleted.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  trace_id TEXT NOT NULL,
  action TEXT NOT NULL,
  activity TEXT NOT NULL,                     -- code from src/domain/processing-activities.ts
  started_at TEXT NOT NULL,
  ended_at TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'error')),
  user_id INTEGER,
  username TEXT,
  client_id INTEGER,                          -- internal id, never a BSN
  details TEXT
);
CREATE INDEX audit_client ON audit_log (client_id, id);
CREATE INDEX audit_user ON audit_log (user_id, id);
CREATE INDEX audit_started ON audit_log (started_at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TABLE app_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
