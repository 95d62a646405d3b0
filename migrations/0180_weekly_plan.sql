-- The weekly plan of a client (issue 21): the PIP's activities on weekdays with times, the client's maximum
-- hours per week and the times the client is available (childcare or school hours). Neither the PIP nor the
-- intake records a maximum or hours (the intake only has a childcare barrier yes/no), so they live here.

CREATE TABLE weekly_plans (
  client_id INTEGER PRIMARY KEY REFERENCES clients (id),
  max_hours_per_week REAL CHECK (max_hours_per_week IS NULL OR (max_hours_per_week > 0 AND max_hours_per_week <= 60)),
  availability_note TEXT,                     -- e.g. "kinderopvang di en do tot 15:00; school haalt om 14:30"
  version INTEGER NOT NULL DEFAULT 1,
  updated_by INTEGER REFERENCES users (id),
  updated_at TEXT NOT NULL
);

CREATE TABLE weekly_plan_entries (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients (id),
  activity TEXT NOT NULL CHECK (activity IN ('TAALLES', 'PARTICIPATIE', 'MAP', 'KNM', 'PVT', 'COACHING', 'OVERIG')),
  label TEXT NOT NULL,                        -- what the client reads: "Taalles bij Taalschool De Brug"
  place TEXT,
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  start_time TEXT NOT NULL,                   -- 'HH:MM'
  end_time TEXT NOT NULL,
  day_part TEXT CHECK (day_part IN ('OCHTEND', 'MIDDAG', 'AVOND')),
  placement_id INTEGER REFERENCES placements (id),
  version INTEGER NOT NULL DEFAULT 1,
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (end_time > start_time)
);
CREATE INDEX weekly_plan_entries_client ON weekly_plan_entries (client_id, weekday, start_time);

-- When the client can take part: one row per window (a weekday with a start and end time).
CREATE TABLE weekly_plan_availability (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients (id),
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  start_time TEXT NOT NULL,
  end_time TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  CHECK (end_time > start_time)
);
CREATE INDEX weekly_plan_availability_client ON weekly_plan_availability (client_id, weekday);
