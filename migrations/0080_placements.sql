-- Issue 11: participation placements (dual trajectories), readiness checklist, after-care check-ins,
-- case meetings (casusoverleg). Hours may be registered against a placement.

CREATE TABLE placements (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients (id),
  kind TEXT NOT NULL CHECK (kind IN ('VRIJWILLIGERSWERK', 'STAGE', 'WERKERVARINGSPLEK', 'LEERWERKTRAJECT',
    'BETAALD_WERK', 'BETAALD_WERK_LKS')),
  organisation TEXT NOT NULL,
  contact_person TEXT,
  job_coach TEXT,
  start_on TEXT NOT NULL,
  planned_end_on TEXT,
  hours_per_week REAL NOT NULL CHECK (hours_per_week >= 0.5 AND hours_per_week <= 40),
  language_support TEXT NOT NULL CHECK (language_support IN ('TAALCOACHING_OP_DE_WERKVLOER', 'VAKTAAL', 'GEEN')),
  status TEXT NOT NULL DEFAULT 'IN_VOORBEREIDING' CHECK (status IN ('IN_VOORBEREIDING', 'ACTIEF', 'BEEINDIGD')),
  activated_on TEXT,
  activation_reason TEXT,                     -- why it went active while the basis was not fully in order
  ended_on TEXT,
  end_reason TEXT,
  note TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (planned_end_on IS NULL OR planned_end_on >= start_on),
  CHECK (status <> 'BEEINDIGD' OR (end_reason IS NOT NULL AND ended_on IS NOT NULL))
);
CREATE INDEX placements_client ON placements (client_id, status);

ALTER TABLE hour_entries ADD COLUMN placement_id INTEGER REFERENCES placements (id);
CREATE INDEX hour_entries_placement ON hour_entries (placement_id);

-- "Basis op orde": one row per client and item, confirmed by the consulent.
CREATE TABLE placement_readiness (
  client_id INTEGER NOT NULL REFERENCES clients (id),
  item TEXT NOT NULL CHECK (item IN ('HOUSING', 'INCOME', 'CHILDCARE', 'HEALTH', 'COMMUNICATION')),
  confirmed INTEGER NOT NULL CHECK (confirmed IN (0, 1)),
  note TEXT,
  confirmed_by INTEGER NOT NULL REFERENCES users (id),
  confirmed_at TEXT NOT NULL,
  PRIMARY KEY (client_id, item)
);

-- After-care (nazorg) for a paid placement: check-ins, by default 1, 3 and 6 months after the start.
CREATE TABLE placement_checkins (
  id INTEGER PRIMARY KEY,
  placement_id INTEGER NOT NULL REFERENCES placements (id),
  due_on TEXT NOT NULL,
  done_on TEXT,
  note TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  updated_by INTEGER REFERENCES users (id),
  updated_at TEXT NOT NULL
);
CREATE INDEX placement_checkins_placement ON placement_checkins (placement_id, due_on);

CREATE TABLE case_meetings (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients (id),
  held_on TEXT NOT NULL,
  placement_id INTEGER REFERENCES placements (id),
  with_provider INTEGER NOT NULL DEFAULT 0,
  with_job_coach INTEGER NOT NULL DEFAULT 0,
  with_employer INTEGER NOT NULL DEFAULT 0,
  other_participants TEXT,
  notes TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL
);
CREATE INDEX case_meetings_client ON case_meetings (client_id, held_on);

ALTER TABLE agreements ADD COLUMN case_meeting_id INTEGER REFERENCES case_meetings (id);
