-- Issue 24: milestones, appointments with invitations, the private calendar feed, the DUO ledger and
-- incoming DUO signals. Their caseload facts are kept in client_status like the other signals.

-- Milestone facts the consulent records that no other record holds (MAP registration, the year-3 check).
CREATE TABLE milestone_records (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients (id),
  code TEXT NOT NULL CHECK (code IN ('MAP_REGISTERED', 'YEAR3_CHECK')),
  done_on TEXT NOT NULL,
  note TEXT,                                  -- MAP registered before A2 speaking/listening: why
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL
);
CREATE INDEX milestone_records_client ON milestone_records (client_id, code, done_on);

-- A planned conversation. starts_at is local time (Europe/Amsterdam) as 'yyyy-MM-ddTHH:mm'.
CREATE TABLE appointments (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients (id),
  consulent_id INTEGER NOT NULL REFERENCES users (id),   -- whose calendar it is in
  kind TEXT NOT NULL CHECK (kind IN ('VOORTGANG', 'PRE_EIND', 'EIND', 'HANDHAVING', 'INTAKE', 'OTHER')),
  starts_at TEXT NOT NULL,
  duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 5 AND 480),
  mode TEXT NOT NULL CHECK (mode IN ('OFFICE', 'HOME', 'VIDEO', 'PHONE')),
  place TEXT,
  interpreter_language TEXT,
  interpreter_booked INTEGER NOT NULL DEFAULT 0 CHECK (interpreter_booked IN (0, 1)),
  others TEXT,                                -- who else takes part
  status TEXT NOT NULL DEFAULT 'PLANNED' CHECK (status IN ('PLANNED', 'HELD', 'NO_SHOW', 'CANCELLED')),
  cancelled_by TEXT CHECK (cancelled_by IN ('CLIENT', 'CONSULENT', 'OTHER')),
  outcome_reason TEXT,
  outcome_on TEXT,
  invitation_sent_on TEXT,
  invitation_method TEXT CHECK (invitation_method IN ('POST', 'REGISTERED_POST', 'EMAIL', 'HANDED_OVER')),
  uid TEXT NOT NULL UNIQUE,                   -- stable iCalendar UID
  sequence INTEGER NOT NULL DEFAULT 0,        -- iCalendar SEQUENCE: goes up with every change
  version INTEGER NOT NULL DEFAULT 1,
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX appointments_consulent ON appointments (consulent_id, starts_at);
CREATE INDEX appointments_client ON appointments (client_id, starts_at);

-- A consulent's private calendar feed: only the SHA-256 of the secret token is kept.
CREATE TABLE calendar_feeds (
  user_id INTEGER PRIMARY KEY REFERENCES users (id),
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);

-- Facts the municipality must pass on to DUO ("door te geven aan DUO") and when they were passed on.
CREATE TABLE duo_ledger (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients (id),
  fact TEXT NOT NULL CHECK (fact IN ('ROUTE_CHOSEN', 'PIP_SET', 'ROUTE_CHANGED', 'AFSCHALEN', 'PVT_COMPLETED',
    'MAP_COMPLETED', 'VERLENGING', 'COMPLETED', 'ONTHEFFING', 'CLOSURE')),
  fact_on TEXT NOT NULL,
  data TEXT NOT NULL DEFAULT '{}',            -- JSON: what to pass on
  summary TEXT NOT NULL,
  ref_table TEXT,
  ref_id INTEGER,
  passed_on TEXT,
  passed_by INTEGER REFERENCES users (id),
  version INTEGER NOT NULL DEFAULT 1,
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL
);
CREATE INDEX duo_ledger_client ON duo_ledger (client_id, passed_on);
CREATE INDEX duo_ledger_open ON duo_ledger (passed_on, created_at);

-- Signals received from DUO. A new inburgeringsplichtige has no client yet: team and BSN only.
CREATE TABLE duo_signals (
  id INTEGER PRIMARY KEY,
  team_id INTEGER NOT NULL REFERENCES teams (id),
  client_id INTEGER REFERENCES clients (id),
  kind TEXT NOT NULL CHECK (kind IN ('NEW_INBURGERINGSPLICHTIGE', 'KENNISGEVING', 'CORRECTION', 'EXAM_RESULT')),
  received_on TEXT NOT NULL,
  bsn TEXT,
  duty_start_on TEXT,
  note TEXT,
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL
);
CREATE INDEX duo_signals_team ON duo_signals (team_id, received_on);
CREATE INDEX duo_signals_client ON duo_signals (client_id, received_on);

ALTER TABLE client_status ADD COLUMN milestone_due_min TEXT;   -- earliest due date of a milestone not done
ALTER TABLE client_status ADD COLUMN no_show_streak INTEGER NOT NULL DEFAULT 0;
ALTER TABLE client_status ADD COLUMN no_show_signal INTEGER NOT NULL DEFAULT 0; -- streak at the rules' threshold
ALTER TABLE client_status ADD COLUMN duo_pending_since TEXT;   -- oldest ledger line not passed on (its date)

-- Existing statuses lack these facts: mark them stale so the start-up refresh recomputes them.
UPDATE client_status SET computed_on = '1970-01-01';
