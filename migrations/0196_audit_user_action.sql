-- Issue 23: a filter on a user and an action (with or without a period) reads exactly those rows; with only
-- audit_action SQLite read the action's rows of every user of the node in the period.
CREATE INDEX audit_user_action ON audit_log (user_id, action, started_at);
