-- Default lists an admin maintains; a municipality edits them in Beheer.
INSERT INTO leefdomeinen (name, sort_order) VALUES
  ('Financiën', 1),
  ('Werk en opleiding', 2),
  ('Huisvesting', 3),
  ('Gezondheid (lichamelijk en psychisch)', 4),
  ('Sociaal netwerk', 5),
  ('Mobiliteit', 6),
  ('Digitale vaardigheden', 7),
  ('Opvoeding en gezin', 8),
  ('Maatschappelijke participatie', 9);

INSERT INTO activity_kinds (name) VALUES
  ('Vrijwilligerswerk'),
  ('Werkervaringsplek'),
  ('Stage'),
  ('Taalcafé of taalmaatje'),
  ('Activering of dagbesteding'),
  ('Cursus of training'),
  ('Workshop of groepsbijeenkomst');
