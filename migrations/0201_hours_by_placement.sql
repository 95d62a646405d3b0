-- Issue 23: the hours registered on a placement (the placements list on the hours and placements pages, and a
-- placement's own page) were summed by scanning every hour entry of the node, once per placement. The index of
-- migration 0080 on placement_id holds every hour entry, and most have no placement: its statistics say one
-- placement id matches all 1 million rows (bench scale 1), so the planner preferred the scan. This index holds
-- only hours booked on a placement, and covers the sum; it also serves the foreign-key check when a placement
-- goes, so the old one is dropped.
CREATE INDEX hour_entries_on_placement ON hour_entries (placement_id, deleted_at, hours) WHERE placement_id IS NOT NULL;
DROP INDEX hour_entries_placement;
