-- Name search on the caseload (client number by prefix, "first last" by substring): the team's clients index
-- now holds the client number too, so a search over a team reads only the index, not every client row, and
-- looks up the status of the matches alone. It replaces clients_team, whose columns are its prefix.
DROP INDEX clients_team;
CREATE INDEX clients_team_search ON clients (team_id, last_name, first_name, client_number);
