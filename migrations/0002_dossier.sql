-- The client's dossier: registration, intake, route, PIP, hours, decisions, conversations, agreements,
-- the versioned rule sets and admin-maintained lists. Vocabulary follows the GGM "Model Inburgering" where it fits.

CREATE TABLE rule_set_versions (
  id INTEGER PRIMARY KEY,
  effective_from TEXT NOT NULL,               -- yyyy-MM-dd
  rules TEXT NOT NULL,                        -- JSON validated by the domain's ruleSetSchema
  note TEXT,
  created_by INTEGER REFERENCES users (id),
  created_at TEXT NOT NULL
);
CREATE INDEX rule_set_versions_effective ON rule_set_versions (effective_from, id);

CREATE TABLE leefdomeinen (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  sort_order INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE activity_kinds (                 -- kinds of participation activity
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE providers (                      -- taalaanbieders, participatiecoach organisations, others
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('TAALAANBIEDER', 'PARTICIPATIECOACH', 'OVERIG')),
  contact TEXT,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE clients (
  id INTEGER PRIMARY KEY,
  client_number TEXT NOT NULL UNIQUE,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  bsn TEXT UNIQUE,
  doelgroep TEXT NOT NULL CHECK (doelgroep IN ('ASIELSTATUSHOUDER', 'GEZINSMIGRANT', 'OVERIGE_MIGRANT')),
  linked_on TEXT NOT NULL,                    -- date linked to the municipality
  address TEXT,
  postcode TEXT,
  city TEXT,
  phone TEXT,
  email TEXT,
  preferred_language TEXT,
  interpreter_needed INTEGER NOT NULL DEFAULT 0 CHECK (interpreter_needed IN (0, 1)),
  team_id INTEGER NOT NULL REFERENCES teams (id),
  consulent_id INTEGER REFERENCES users (id),
  closed_on TEXT,                             -- trajectory closed (no new work), dossier stays readable
  closure_reason TEXT,
  version INTEGER NOT NULL DEFAULT 1,         -- optimistic concurrency
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX clients_team ON clients (team_id, last_name, first_name);
CREATE INDEX clients_consulent ON clients (consulent_id, last_name, first_name);

CREATE TABLE contact_attempts (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients (id),
  attempted_on TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('TELEFOON', 'EMAIL', 'BRIEF', 'HUISBEZOEK', 'SMS', 'VIA_NETWERK')),
  reached INTEGER NOT NULL CHECK (reached IN (0, 1)),
  note TEXT,
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL
);
CREATE INDEX contact_attempts_client ON contact_attempts (client_id, attempted_on);

-- The dossier's history/timeline: one row per thing that happened, written in the same transaction.
CREATE TABLE client_events (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients (id),
  occurred_on TEXT NOT NULL,                  -- the business date (yyyy-MM-dd)
  kind TEXT NOT NULL,                         -- e.g. CLIENT_REGISTERED, INTAKE_COMPLETED, ROUTE_CHOSEN, PIP_VERSION, HOURS, DECISION, CONVERSATION, AGREEMENT, REASSIGNED
  summary TEXT NOT NULL,                      -- Dutch, shown in the timeline
  ref_table TEXT,
  ref_id INTEGER,
  user_id INTEGER REFERENCES users (id),
  created_at TEXT NOT NULL
);
CREATE INDEX client_events_client ON client_events (client_id, occurred_on, id);

CREATE TABLE intakes (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL UNIQUE REFERENCES clients (id),
  started_on TEXT NOT NULL,
  completed_on TEXT,                          -- null = draft
  education_history TEXT,
  highest_education TEXT CHECK (highest_education IN ('NONE', 'PRIMARY', 'SECONDARY', 'VOCATIONAL', 'HIGHER')),
  work_history TEXT,
  languages_spoken TEXT,
  literacy TEXT CHECK (literacy IN ('GELETTERD', 'LATIJNS_SCHRIFT_NODIG', 'ALFABETISERING_NODIG')),
  health TEXT,
  barrier_childcare INTEGER NOT NULL DEFAULT 0,
  barrier_family_reunification INTEGER NOT NULL DEFAULT 0,
  barrier_psychological INTEGER NOT NULL DEFAULT 0,
  barrier_travel_time INTEGER NOT NULL DEFAULT 0,
  barrier_notes TEXT,
  family TEXT,
  finances TEXT,
  wishes_work TEXT,
  wishes_education TEXT,
  wants_education INTEGER NOT NULL DEFAULT 0,
  leerbaarheid_score INTEGER CHECK (leerbaarheid_score BETWEEN 0 AND 40),
  leerbaarheid_on TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  updated_by INTEGER REFERENCES users (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE intake_scores (
  intake_id INTEGER NOT NULL REFERENCES intakes (id),
  leefdomein_id INTEGER NOT NULL REFERENCES leefdomeinen (id),
  score INTEGER CHECK (score BETWEEN 1 AND 5),
  note TEXT,
  PRIMARY KEY (intake_id, leefdomein_id)
);

CREATE TABLE route_decisions (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients (id),
  kind TEXT NOT NULL CHECK (kind IN ('CHOICE', 'CHANGE')),
  decided_on TEXT NOT NULL,
  route TEXT NOT NULL CHECK (route IN ('B1', 'ONDERWIJS', 'Z')),
  advised_route TEXT CHECK (advised_route IN ('B1', 'ONDERWIJS', 'Z')),
  advice_reasons TEXT,                        -- JSON array of Dutch sentences, as shown at the time
  reason TEXT,                                -- required when route differs from advice, and for a change
  not_b1_reason TEXT,
  not_onderwijs_reason TEXT,
  not_z_reason TEXT,
  approval_status TEXT NOT NULL DEFAULT 'NOT_REQUIRED' CHECK (approval_status IN ('NOT_REQUIRED', 'PENDING', 'APPROVED', 'REJECTED')),
  approved_by INTEGER REFERENCES users (id),
  approval_note TEXT,
  decided_by INTEGER NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL
);
CREATE INDEX route_decisions_client ON route_decisions (client_id, decided_on, id);

CREATE TABLE pip_versions (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients (id),
  version_no INTEGER NOT NULL,
  vastgesteld_on TEXT NOT NULL,               -- the first version's date starts the inburgeringstermijn
  revision_reason TEXT NOT NULL CHECK (revision_reason IN ('FIRST', 'ROUTE_SWITCH', 'AFSCHALEN', 'MOVE', 'OTHER')),
  revision_note TEXT,
  content TEXT NOT NULL,                      -- JSON: the plan (route, providers, goals, MAP, PVT, KNM, support)
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  UNIQUE (client_id, version_no)
);

CREATE TABLE hour_imports (
  id INTEGER PRIMARY KEY,
  file_name TEXT NOT NULL,
  file_sha256 TEXT NOT NULL,
  row_count INTEGER NOT NULL,
  imported_by INTEGER NOT NULL REFERENCES users (id),
  imported_at TEXT NOT NULL
);

CREATE TABLE hour_entries (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients (id),
  kind TEXT NOT NULL CHECK (kind IN ('LANGUAGE', 'KNM', 'PARTICIPATION', 'MAP', 'PVT', 'PAID_WORK')),
  activity_kind_id INTEGER REFERENCES activity_kinds (id),
  period_start TEXT NOT NULL,
  period_end TEXT NOT NULL,
  hours REAL NOT NULL CHECK (hours >= 0),     -- attended hours
  planned_hours REAL CHECK (planned_hours >= 0),
  provider_id INTEGER REFERENCES providers (id),
  organisation TEXT,                          -- free text when not a known provider
  note TEXT,
  source TEXT NOT NULL DEFAULT 'MANUAL' CHECK (source IN ('MANUAL', 'IMPORT')),
  import_id INTEGER REFERENCES hour_imports (id),
  import_key TEXT UNIQUE,                     -- natural key of an imported row: re-import does not double hours
  deleted_at TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (period_end >= period_start)
);
CREATE INDEX hour_entries_client ON hour_entries (client_id, period_end);

CREATE TABLE hour_entry_history (
  id INTEGER PRIMARY KEY,
  hour_entry_id INTEGER NOT NULL REFERENCES hour_entries (id),
  change TEXT NOT NULL CHECK (change IN ('CREATE', 'UPDATE', 'DELETE')),
  before_json TEXT,
  after_json TEXT,
  reason TEXT,
  changed_by INTEGER NOT NULL REFERENCES users (id),
  changed_at TEXT NOT NULL
);
CREATE INDEX hour_entry_history_entry ON hour_entry_history (hour_entry_id, id);

-- Decisions that change the count or the trajectory. data holds the kind's fields as JSON.
CREATE TABLE decisions (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients (id),
  kind TEXT NOT NULL CHECK (kind IN (
    'INSTRUMENT', 'GUIDANCE_HOURS', 'SUBSTITUTION', 'MAP_EXEMPTION',
    'KNM_COMPLETED', 'MAP_COMPLETED', 'PVT_COMPLETED', 'EDUCATION_COMPLETED',
    'AFSCHALEN', 'TERMIJN_EXTENSION', 'CLOSURE')),
  decided_on TEXT NOT NULL,
  reason TEXT NOT NULL,
  data TEXT NOT NULL DEFAULT '{}',            -- e.g. {"code":"RTS","attendancePct":75} or {"hours":120}
  revoked_on TEXT,
  revoked_by INTEGER REFERENCES users (id),
  revoke_reason TEXT,
  approval_status TEXT NOT NULL DEFAULT 'NOT_REQUIRED' CHECK (approval_status IN ('NOT_REQUIRED', 'PENDING', 'APPROVED', 'REJECTED')),
  approved_by INTEGER REFERENCES users (id),
  approval_note TEXT,
  decided_by INTEGER NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL
);
CREATE INDEX decisions_client ON decisions (client_id, kind);

CREATE TABLE conversations (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients (id),
  kind TEXT NOT NULL CHECK (kind IN ('VOORTGANG', 'PRE_EIND', 'EIND')),
  held_on TEXT NOT NULL,
  participants TEXT NOT NULL DEFAULT '{}',    -- JSON
  content TEXT NOT NULL DEFAULT '{}',         -- JSON: the form's sections
  override_reason TEXT,                       -- eindgesprek held without the end conditions met
  approval_status TEXT NOT NULL DEFAULT 'NOT_REQUIRED' CHECK (approval_status IN ('NOT_REQUIRED', 'PENDING', 'APPROVED', 'REJECTED')),
  approved_by INTEGER REFERENCES users (id),
  approval_note TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX conversations_client ON conversations (client_id, kind, held_on);

CREATE TABLE conversation_scores (
  conversation_id INTEGER NOT NULL REFERENCES conversations (id),
  leefdomein_id INTEGER NOT NULL REFERENCES leefdomeinen (id),
  score INTEGER CHECK (score BETWEEN 1 AND 5),
  note TEXT,
  PRIMARY KEY (conversation_id, leefdomein_id)
);

CREATE TABLE agreements (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients (id),
  conversation_id INTEGER REFERENCES conversations (id),
  description TEXT NOT NULL,
  owner TEXT NOT NULL CHECK (owner IN ('CLIENT', 'CONSULENT', 'COACH', 'PROVIDER')),
  due_on TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'GEREALISEERD', 'LOOPT_ACHTER', 'HERZIEN')),
  version INTEGER NOT NULL DEFAULT 1,
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX agreements_client ON agreements (client_id, status, due_on);

CREATE TABLE agreement_status_history (
  id INTEGER PRIMARY KEY,
  agreement_id INTEGER NOT NULL REFERENCES agreements (id),
  status TEXT NOT NULL,
  note TEXT,
  changed_by INTEGER NOT NULL REFERENCES users (id),
  changed_at TEXT NOT NULL
);
CREATE INDEX agreement_status_history_agreement ON agreement_status_history (agreement_id, id);

-- Derived state per client, recomputed (src/db/client-status.ts) in the same transaction as every change
-- to the client's facts, and for all clients at start-up and daily. Caseload pages filter and sort on it,
-- so time-dependent signals are plain comparisons of these dates against today.
CREATE TABLE client_status (
  client_id INTEGER PRIMARY KEY REFERENCES clients (id),
  team_id INTEGER NOT NULL REFERENCES teams (id),
  consulent_id INTEGER REFERENCES users (id),
  phase TEXT NOT NULL,
  route TEXT,
  intake_started_on TEXT,
  intake_completed_on TEXT,
  pip_set_on TEXT,                            -- first PIP vastgesteld: start of the termijn
  pip_due_on TEXT,
  termijn_end TEXT,
  language_hours REAL NOT NULL DEFAULT 0,
  participation_total REAL NOT NULL DEFAULT 0,
  paid_work_hours REAL NOT NULL DEFAULT 0,
  language_norm REAL,
  participation_norm REAL,
  pre_end_eligible INTEGER NOT NULL DEFAULT 0,
  end_eligible INTEGER NOT NULL DEFAULT 0,
  at_risk INTEGER NOT NULL DEFAULT 0,
  language_expected_on TEXT,
  participation_expected_on TEXT,
  last_hours_on TEXT,
  last_conversation_on TEXT,
  next_conversation_due TEXT,
  pre_end_held_on TEXT,
  end_held_on TEXT,
  open_agreement_due_min TEXT,                -- earliest due date of agreements not realised
  closed_on TEXT,
  computed_on TEXT NOT NULL
);
CREATE INDEX client_status_team ON client_status (team_id, phase);
CREATE INDEX client_status_consulent ON client_status (consulent_id);
