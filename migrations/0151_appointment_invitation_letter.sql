-- Issue 24 with issue 19: the invitation letter of an appointment, made from the letter templates, is a document
-- of type "brief"; the appointment points at the latest one made for it (null: none made in Koers, or a print view).
ALTER TABLE appointments ADD COLUMN invitation_document_id INTEGER REFERENCES documents (id);
