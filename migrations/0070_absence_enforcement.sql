-- Absence (verzuim) and enforcement (handhaving). Issue 10.

-- Excused absence (geoorloofd verzuim): hours left out of the absence percentage. One row falls within one
-- calendar month (from_date and to_date in the same month) so every row belongs to exactly one period.
CREATE TABLE excused_absences (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients (id),
  from_date TEXT NOT NULL,                    -- yyyy-MM-dd
  to_date TEXT NOT NULL,                      -- yyyy-MM-dd, same as from_date for one day
  hours REAL NOT NULL CHECK (hours > 0),
  reason_kind TEXT NOT NULL CHECK (reason_kind IN ('ZIEKTE', 'KINDEROPVANG', 'GEZINSHERENIGING', 'OVERIG')),
  note TEXT,
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  CHECK (to_date >= from_date),
  CHECK (substr(from_date, 1, 7) = substr(to_date, 1, 7))
);
CREATE INDEX excused_absences_client ON excused_absences (client_id, from_date);

-- A handhavingstraject: opened from an absence signal or by hand, closed by its AFSLUITING step.
CREATE TABLE enforcement_cases (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients (id),
  opened_on TEXT NOT NULL,
  trigger TEXT NOT NULL CHECK (trigger IN ('VERZUIM', 'HANDMATIG')),
  trigger_period TEXT,                        -- yyyy-MM of the absence signal
  trigger_pct REAL,                           -- the absence percentage at opening
  reason TEXT NOT NULL,
  closed_on TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX enforcement_cases_client ON enforcement_cases (client_id, opened_on);
CREATE UNIQUE INDEX enforcement_cases_one_open ON enforcement_cases (client_id) WHERE closed_on IS NULL;

-- The steps of a case in the order recorded. A skipped step is a row with skipped = 1 and the reason.
-- A fine (decision_kind BOETE) is a record for follow-up by the department that issues it, not a payment.
CREATE TABLE enforcement_steps (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES enforcement_cases (id),
  client_id INTEGER NOT NULL REFERENCES clients (id),
  kind TEXT NOT NULL CHECK (kind IN ('INFORMATIE', 'GESPREK', 'WAARSCHUWINGSGESPREK', 'HOOR_EN_WEDERHOOR', 'BESLUIT',
    'VERBETERTERMIJN', 'AFSLUITING')),
  step_date TEXT NOT NULL,
  note TEXT,
  skipped INTEGER NOT NULL DEFAULT 0 CHECK (skipped IN (0, 1)),
  skip_reason TEXT,
  decision_kind TEXT CHECK (decision_kind IN ('BOETE', 'MAATREGEL', 'GEEN_SANCTIE', 'AANBOD_STOPPEN')),
  amount REAL CHECK (amount > 0),             -- euro, for a BOETE
  default_amount REAL,                        -- the default from the enforcement rules at the time
  deviation_reason TEXT,
  decision_reason TEXT,
  improvement_end_date TEXT,                  -- for a VERBETERTERMIJN
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  CHECK (skipped = 0 OR skip_reason IS NOT NULL),
  CHECK (kind <> 'BESLUIT' OR skipped = 1 OR decision_kind IS NOT NULL)
);
CREATE INDEX enforcement_steps_case ON enforcement_steps (case_id, id);
CREATE INDEX enforcement_steps_client ON enforcement_steps (client_id, kind);

-- Enforcement rules (fine amounts, verbetertermijn, due days), effective-dated like rule_set_versions.
CREATE TABLE enforcement_rule_versions (
  id INTEGER PRIMARY KEY,
  effective_from TEXT NOT NULL,
  rules TEXT NOT NULL,                        -- JSON validated by the domain's enforcementRulesSchema
  note TEXT,
  created_by INTEGER REFERENCES users (id),
  created_at TEXT NOT NULL
);
CREATE INDEX enforcement_rule_versions_effective ON enforcement_rule_versions (effective_from, id);
