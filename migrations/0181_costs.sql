-- Costs against budget (issue 21): commitments (verplichtingen) and actual costs per component of a client's
-- trajectory, in whole cents. `route` is the learning route whose budget the line counted against when booked.

CREATE TABLE cost_lines (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients (id),
  component TEXT NOT NULL CHECK (component IN ('TAALCURSUS', 'PARTICIPATIE', 'MAP', 'KINDEROPVANG', 'REISKOSTEN', 'TOLK',
    'DOORBRAAKBUDGET')),
  kind TEXT NOT NULL CHECK (kind IN ('VERPLICHTING', 'KOSTEN')),
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  booked_on TEXT NOT NULL,
  route TEXT CHECK (route IN ('B1', 'ONDERWIJS', 'Z')),
  provider_id INTEGER REFERENCES providers (id),
  description TEXT NOT NULL,
  reason TEXT,                                -- required for doorbraakbudget spending
  over_budget_reason TEXT,                    -- required when the line takes the client above the budget
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  CHECK (component <> 'DOORBRAAKBUDGET' OR reason IS NOT NULL)
);
CREATE INDEX cost_lines_client ON cost_lines (client_id, booked_on);
CREATE INDEX cost_lines_booked ON cost_lines (booked_on);
