-- Issue 23: the audit log viewer reads its own rows only. The actions offered in its filter are found by
-- skipping through this index (one seek per distinct action) instead of reading the whole log, and a filter
-- on an action (with a period) reads that action's rows in time order.
CREATE INDEX audit_action ON audit_log (action, started_at);
