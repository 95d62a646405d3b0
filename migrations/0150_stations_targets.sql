-- Issue 22: the stations of a trajectory are kept in client_status (like the other facts the signals read), and
-- the municipality's targets with the waiting limits per step are versioned and effective-dated.
ALTER TABLE client_status ADD COLUMN linked_on TEXT;             -- registration / koppeling
ALTER TABLE client_status ADD COLUMN first_contact_on TEXT;      -- first contact attempt that reached the client
ALTER TABLE client_status ADD COLUMN leerbaarheid_on TEXT;       -- leerbaarheidstoets taken
ALTER TABLE client_status ADD COLUMN route_chosen_on TEXT;       -- first route choice not rejected
ALTER TABLE client_status ADD COLUMN first_hours_on TEXT;        -- start of the earliest hour entry
ALTER TABLE client_status ADD COLUMN first_placement_on TEXT;    -- first placement activated
ALTER TABLE client_status ADD COLUMN first_pre_end_on TEXT;      -- first pre-eindgesprek held
ALTER TABLE client_status ADD COLUMN first_end_on TEXT;          -- first eindgesprek held
CREATE INDEX client_status_team_linked ON client_status (team_id, linked_on);

CREATE TABLE target_versions (
  id INTEGER PRIMARY KEY,
  effective_from TEXT NOT NULL UNIQUE,
  targets TEXT NOT NULL,                      -- JSON: TargetSet (src/domain/targets.ts)
  note TEXT,
  created_by INTEGER REFERENCES users (id),
  created_at TEXT NOT NULL
);

-- Existing statuses lack the station dates: mark them stale so the start-up refresh recomputes them.
UPDATE client_status SET computed_on = '1970-01-01';
