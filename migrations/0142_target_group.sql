-- Target-group facts on the client (issue 21). NULL = not known yet (asked, not answered); 0/1 = no/yes.
ALTER TABLE clients ADD COLUMN pw_uitkering INTEGER CHECK (pw_uitkering IN (0, 1));   -- uitkering under the Participatiewet
ALTER TABLE clients ADD COLUMN pw_uitkering_since TEXT;
ALTER TABLE clients ADD COLUMN laaggeletterd INTEGER CHECK (laaggeletterd IN (0, 1));  -- analfabeet/laaggeletterd in the own language
ALTER TABLE clients ADD COLUMN ondertussengroep INTEGER NOT NULL DEFAULT 0 CHECK (ondertussengroep IN (0, 1)); -- under the old law (Wi2013)
