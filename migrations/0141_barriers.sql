-- Barriers register over time (issue 21): per client and kind a status (PRESENT / RESOLVED / NONE) with its
-- date, recorded on the barriers page or at a voortgangsgesprek. No row for a kind = "niet ingevuld".
CREATE TABLE client_barriers (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients (id),
  kind TEXT NOT NULL CHECK (kind IN ('CHILDCARE', 'HEALTH', 'PSYCHOLOGICAL', 'DEBTS', 'HOUSING', 'FAMILY_REUNIFICATION',
    'TRAVEL', 'DIGITAL_SKILLS')),
  status TEXT NOT NULL CHECK (status IN ('PRESENT', 'RESOLVED', 'NONE')),
  status_on TEXT NOT NULL,
  note TEXT,
  conversation_id INTEGER REFERENCES conversations (id), -- recorded at this voortgangsgesprek
  created_by INTEGER REFERENCES users (id),               -- null: carried over from the intake by this migration
  created_at TEXT NOT NULL
);
CREATE INDEX client_barriers_client ON client_barriers (client_id, kind, status_on, id);

-- The intake's ticked barriers are known to be present from the intake's completion. An unticked box cannot
-- tell "geen" from "niet ingevuld" (the pilots' own problem), so it stays "niet ingevuld".
INSERT INTO client_barriers (client_id, kind, status, status_on, note, created_at)
SELECT client_id, 'CHILDCARE', 'PRESENT', completed_on, 'Uit de brede intake', completed_on FROM intakes WHERE completed_on IS NOT NULL AND barrier_childcare = 1
UNION ALL
SELECT client_id, 'FAMILY_REUNIFICATION', 'PRESENT', completed_on, 'Uit de brede intake', completed_on FROM intakes WHERE completed_on IS NOT NULL AND barrier_family_reunification = 1
UNION ALL
SELECT client_id, 'PSYCHOLOGICAL', 'PRESENT', completed_on, 'Uit de brede intake', completed_on FROM intakes WHERE completed_on IS NOT NULL AND barrier_psychological = 1
UNION ALL
SELECT client_id, 'TRAVEL', 'PRESENT', completed_on, 'Uit de brede intake', completed_on FROM intakes WHERE completed_on IS NOT NULL AND barrier_travel_time = 1;
