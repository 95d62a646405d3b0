-- A cost line booked by mistake is withdrawn with a reason (a reversal, never a silent delete): it stays on the
-- client's list, struck through, and no longer counts against the budget or in the team's totals.
ALTER TABLE cost_lines ADD COLUMN cancelled_at TEXT;
ALTER TABLE cost_lines ADD COLUMN cancelled_by INTEGER REFERENCES users (id);
ALTER TABLE cost_lines ADD COLUMN cancel_reason TEXT;
