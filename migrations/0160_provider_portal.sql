-- migrate: foreign_keys=off
-- Issue 17, the provider portal: the role `aanbieder` (users and the second-factor policy rebuilt with the wider
-- CHECK, the documented SQLite procedure: foreign keys off for this file only, checked before commit), provider
-- users, referrals (verwijzingen) and the providers' reports per referral and period.

CREATE TABLE users_new (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('consulent', 'teamleider', 'admin', 'aanbieder')),
  team_id INTEGER REFERENCES teams (id),
  password_hash TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  password_login INTEGER NOT NULL DEFAULT 1 CHECK (password_login IN (0, 1)),
  totp_secret TEXT,
  totp_last_step INTEGER,
  totp_enrolled_at TEXT
);
INSERT INTO users_new (id, username, display_name, role, team_id, password_hash, must_change_password, active, version,
  created_at, updated_at, password_login, totp_secret, totp_last_step, totp_enrolled_at)
SELECT id, username, display_name, role, team_id, password_hash, must_change_password, active, version,
  created_at, updated_at, password_login, totp_secret, totp_last_step, totp_enrolled_at FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
CREATE INDEX users_team ON users (team_id, role);

CREATE TABLE second_factor_policy_new (
  role TEXT PRIMARY KEY CHECK (role IN ('consulent', 'teamleider', 'admin', 'aanbieder')),
  required INTEGER NOT NULL DEFAULT 0 CHECK (required IN (0, 1)),
  updated_at TEXT
);
INSERT INTO second_factor_policy_new SELECT role, required, updated_at FROM second_factor_policy;
INSERT INTO second_factor_policy_new (role, required) VALUES ('aanbieder', 0);
DROP TABLE second_factor_policy;
ALTER TABLE second_factor_policy_new RENAME TO second_factor_policy;

-- Which provider (organisation from the admin's provider list) a user of the role `aanbieder` works for.
CREATE TABLE provider_users (
  user_id INTEGER PRIMARY KEY REFERENCES users (id),
  provider_id INTEGER NOT NULL REFERENCES providers (id),
  linked_by INTEGER NOT NULL REFERENCES users (id),
  linked_at TEXT NOT NULL
);
CREATE INDEX provider_users_provider ON provider_users (provider_id);

-- A consulent refers a client to a provider for one component. PROPOSED until the provider confirms the start
-- (CONFIRMED) or declines with a reason (DECLINED); WITHDRAWN by the consulent. It runs until end_on.
CREATE TABLE referrals (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients (id),
  provider_id INTEGER NOT NULL REFERENCES providers (id),
  component TEXT NOT NULL CHECK (component IN ('LANGUAGE', 'PARTICIPATION', 'MAP', 'KNM', 'PVT', 'JOB_COACHING')),
  start_on TEXT NOT NULL,
  end_on TEXT NOT NULL CHECK (end_on >= start_on),
  hours_per_week REAL,
  hours_total REAL,
  note TEXT,
  status TEXT NOT NULL DEFAULT 'PROPOSED' CHECK (status IN ('PROPOSED', 'CONFIRMED', 'DECLINED', 'WITHDRAWN')),
  decline_reason TEXT,
  responded_by INTEGER REFERENCES users (id),
  responded_at TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (hours_per_week IS NOT NULL OR hours_total IS NOT NULL)
);
CREATE INDEX referrals_client ON referrals (client_id, status);
CREATE INDEX referrals_provider ON referrals (provider_id, status, end_on);

-- A provider's report on one referral for one period (a month or a week). SUBMITTED lands in the consulent's
-- inbox; ACCEPTED registers hours/absence/levels (immutable afterwards); REJECTED goes back with a reason; a
-- corrected report for the same referral and period REPLACES a rejected one.
CREATE TABLE provider_reports (
  id INTEGER PRIMARY KEY,
  referral_id INTEGER NOT NULL REFERENCES referrals (id),
  client_id INTEGER NOT NULL REFERENCES clients (id),
  provider_id INTEGER NOT NULL REFERENCES providers (id),
  period_kind TEXT NOT NULL CHECK (period_kind IN ('MONTH', 'WEEK')),
  period_start TEXT NOT NULL,
  period_end TEXT NOT NULL CHECK (period_end >= period_start),
  hours_planned REAL NOT NULL CHECK (hours_planned >= 0),
  hours_attended REAL NOT NULL CHECK (hours_attended >= 0),
  activity_kind_id INTEGER REFERENCES activity_kinds (id), -- participation: what the activity was
  excused_hours REAL NOT NULL DEFAULT 0 CHECK (excused_hours >= 0),
  excused_reason TEXT,
  unexcused_hours REAL NOT NULL DEFAULT 0 CHECK (unexcused_hours >= 0),
  progress_note TEXT,
  levels TEXT NOT NULL DEFAULT '[]',            -- JSON [{skill, level}] measured by the provider
  completed TEXT CHECK (completed IN ('KNM', 'MAP', 'PVT', 'CERTIFICATE')),
  dropout_risk INTEGER NOT NULL DEFAULT 0 CHECK (dropout_risk IN (0, 1)),
  dropout_note TEXT,
  status TEXT NOT NULL DEFAULT 'SUBMITTED' CHECK (status IN ('SUBMITTED', 'ACCEPTED', 'REJECTED', 'REPLACED')),
  reject_reason TEXT,
  import_key TEXT NOT NULL,                     -- the hour import's natural key of the report's hours
  source TEXT NOT NULL CHECK (source IN ('GRID', 'CSV')),
  submitted_by INTEGER NOT NULL REFERENCES users (id),
  submitted_at TEXT NOT NULL,
  decided_by INTEGER REFERENCES users (id),
  decided_at TEXT,
  hour_entry_id INTEGER REFERENCES hour_entries (id),
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX provider_reports_referral ON provider_reports (referral_id, period_start, status);
CREATE INDEX provider_reports_status ON provider_reports (status, client_id);
-- One live (submitted or accepted) report per referral and period.
CREATE UNIQUE INDEX provider_reports_live ON provider_reports (referral_id, period_start, period_end)
  WHERE status IN ('SUBMITTED', 'ACCEPTED');

-- Hours registered by accepting a provider's report point back to it (source = the provider).
ALTER TABLE hour_entries ADD COLUMN provider_report_id INTEGER REFERENCES provider_reports (id);
