-- Issues 22/23: a number per team that goes up with every change of what the team's management pages read
-- (figures, cohorts, lead times, discretion, the monitor export), so their page models can be kept until the
-- team's data changes. Kept by triggers, so no code path (a use case, the retention job in its own process, an
-- admin move) can change a team's data without it. Every dossier write refreshes client_status in its own
-- transaction, so the triggers on client_status cover hours, conversations, decisions, PIP, closure and the rest.
CREATE TABLE team_data_versions (
  team_id INTEGER PRIMARY KEY REFERENCES teams (id) ON DELETE CASCADE,
  version INTEGER NOT NULL DEFAULT 0
);
INSERT INTO team_data_versions (team_id) SELECT id FROM teams;

CREATE TRIGGER team_data_version_team AFTER INSERT ON teams BEGIN
  INSERT INTO team_data_versions (team_id) VALUES (NEW.id);
END;

CREATE TRIGGER team_data_version_status_insert AFTER INSERT ON client_status BEGIN
  UPDATE team_data_versions SET version = version + 1 WHERE team_id = NEW.team_id;
END;
CREATE TRIGGER team_data_version_status_update AFTER UPDATE ON client_status BEGIN
  UPDATE team_data_versions SET version = version + 1 WHERE team_id IN (OLD.team_id, NEW.team_id);
END;
CREATE TRIGGER team_data_version_status_delete AFTER DELETE ON client_status BEGIN
  UPDATE team_data_versions SET version = version + 1 WHERE team_id = OLD.team_id;
END;

-- Names, closure reason, registration date, team: the pages show or count them; anonymisation changes them.
CREATE TRIGGER team_data_version_client_insert AFTER INSERT ON clients BEGIN
  UPDATE team_data_versions SET version = version + 1 WHERE team_id = NEW.team_id;
END;
CREATE TRIGGER team_data_version_client_update AFTER UPDATE ON clients BEGIN
  UPDATE team_data_versions SET version = version + 1 WHERE team_id IN (OLD.team_id, NEW.team_id);
END;
CREATE TRIGGER team_data_version_client_delete AFTER DELETE ON clients BEGIN
  UPDATE team_data_versions SET version = version + 1 WHERE team_id = OLD.team_id;
END;

-- Consulenten and their names appear on the pages of every team whose clients they decided for: a change of
-- who is in which team, in which role, or under which name changes them all (rare).
CREATE TRIGGER team_data_version_user_insert AFTER INSERT ON users BEGIN
  UPDATE team_data_versions SET version = version + 1;
END;
CREATE TRIGGER team_data_version_user_update AFTER UPDATE OF display_name, team_id, role, active ON users BEGIN
  UPDATE team_data_versions SET version = version + 1;
END;
CREATE TRIGGER team_data_version_user_delete AFTER DELETE ON users BEGIN
  UPDATE team_data_versions SET version = version + 1;
END;

-- The rules and the targets are read by every team's figures (hour norms, the forecast window, waiting limits,
-- targets): a new or changed version changes them all.
CREATE TRIGGER team_data_version_rules_insert AFTER INSERT ON rule_set_versions BEGIN
  UPDATE team_data_versions SET version = version + 1;
END;
CREATE TRIGGER team_data_version_rules_update AFTER UPDATE ON rule_set_versions BEGIN
  UPDATE team_data_versions SET version = version + 1;
END;
CREATE TRIGGER team_data_version_rules_delete AFTER DELETE ON rule_set_versions BEGIN
  UPDATE team_data_versions SET version = version + 1;
END;
CREATE TRIGGER team_data_version_targets_insert AFTER INSERT ON target_versions BEGIN
  UPDATE team_data_versions SET version = version + 1;
END;
CREATE TRIGGER team_data_version_targets_update AFTER UPDATE ON target_versions BEGIN
  UPDATE team_data_versions SET version = version + 1;
END;
CREATE TRIGGER team_data_version_targets_delete AFTER DELETE ON target_versions BEGIN
  UPDATE team_data_versions SET version = version + 1;
END;

-- The facts the pages read directly (intake dates, route decisions and their advice, conversations, decisions,
-- enforcement steps, barriers). Every use case that writes them refreshes client_status too; these make the
-- version independent of that. Hours are not here: every write of hours refreshes client_status (their totals).
CREATE TRIGGER team_data_version_intakes_insert AFTER INSERT ON intakes BEGIN
  UPDATE team_data_versions SET version = version + 1 WHERE team_id = (SELECT team_id FROM clients WHERE id = NEW.client_id);
END;
CREATE TRIGGER team_data_version_intakes_update AFTER UPDATE ON intakes BEGIN
  UPDATE team_data_versions SET version = version + 1 WHERE team_id = (SELECT team_id FROM clients WHERE id = NEW.client_id);
END;
CREATE TRIGGER team_data_version_intakes_delete AFTER DELETE ON intakes BEGIN
  UPDATE team_data_versions SET version = version + 1 WHERE team_id = (SELECT team_id FROM clients WHERE id = OLD.client_id);
END;
CREATE TRIGGER team_data_version_route_decisions_insert AFTER INSERT ON route_decisions BEGIN
  UPDATE team_data_versions SET version = version + 1 WHERE team_id = (SELECT team_id FROM clients WHERE id = NEW.client_id);
END;
CREATE TRIGGER team_data_version_route_decisions_update AFTER UPDATE ON route_decisions BEGIN
  UPDATE team_data_versions SET version = version + 1 WHERE team_id = (SELECT team_id FROM clients WHERE id = NEW.client_id);
END;
CREATE TRIGGER team_data_version_route_decisions_delete AFTER DELETE ON route_decisions BEGIN
  UPDATE team_data_versions SET version = version + 1 WHERE team_id = (SELECT team_id FROM clients WHERE id = OLD.client_id);
END;
CREATE TRIGGER team_data_version_conversations_insert AFTER INSERT ON conversations BEGIN
  UPDATE team_data_versions SET version = version + 1 WHERE team_id = (SELECT team_id FROM clients WHERE id = NEW.client_id);
END;
CREATE TRIGGER team_data_version_conversations_update AFTER UPDATE ON conversations BEGIN
  UPDATE team_data_versions SET version = version + 1 WHERE team_id = (SELECT team_id FROM clients WHERE id = NEW.client_id);
END;
CREATE TRIGGER team_data_version_conversations_delete AFTER DELETE ON conversations BEGIN
  UPDATE team_data_versions SET version = version + 1 WHERE team_id = (SELECT team_id FROM clients WHERE id = OLD.client_id);
END;
CREATE TRIGGER team_data_version_decisions_insert AFTER INSERT ON decisions BEGIN
  UPDATE team_data_versions SET version = version + 1 WHERE team_id = (SELECT team_id FROM clients WHERE id = NEW.client_id);
END;
CREATE TRIGGER team_data_version_decisions_update AFTER UPDATE ON decisions BEGIN
  UPDATE team_data_versions SET version = version + 1 WHERE team_id = (SELECT team_id FROM clients WHERE id = NEW.client_id);
END;
CREATE TRIGGER team_data_version_decisions_delete AFTER DELETE ON decisions BEGIN
  UPDATE team_data_versions SET version = version + 1 WHERE team_id = (SELECT team_id FROM clients WHERE id = OLD.client_id);
END;
CREATE TRIGGER team_data_version_enforcement_steps_insert AFTER INSERT ON enforcement_steps BEGIN
  UPDATE team_data_versions SET version = version + 1 WHERE team_id = (SELECT team_id FROM clients WHERE id = NEW.client_id);
END;
CREATE TRIGGER team_data_version_enforcement_steps_update AFTER UPDATE ON enforcement_steps BEGIN
  UPDATE team_data_versions SET version = version + 1 WHERE team_id = (SELECT team_id FROM clients WHERE id = NEW.client_id);
END;
CREATE TRIGGER team_data_version_enforcement_steps_delete AFTER DELETE ON enforcement_steps BEGIN
  UPDATE team_data_versions SET version = version + 1 WHERE team_id = (SELECT team_id FROM clients WHERE id = OLD.client_id);
END;
CREATE TRIGGER team_data_version_client_barriers_insert AFTER INSERT ON client_barriers BEGIN
  UPDATE team_data_versions SET version = version + 1 WHERE team_id = (SELECT team_id FROM clients WHERE id = NEW.client_id);
END;
CREATE TRIGGER team_data_version_client_barriers_update AFTER UPDATE ON client_barriers BEGIN
  UPDATE team_data_versions SET version = version + 1 WHERE team_id = (SELECT team_id FROM clients WHERE id = NEW.client_id);
END;
CREATE TRIGGER team_data_version_client_barriers_delete AFTER DELETE ON client_barriers BEGIN
  UPDATE team_data_versions SET version = version + 1 WHERE team_id = (SELECT team_id FROM clients WHERE id = OLD.client_id);
END;
