-- Other names people write for a territory or an organisation ("RRMA", "Tubas", "vallée de
-- l'Arghen"), used to recognise them in imported documents.
ALTER TABLE territories ADD COLUMN aliases text[] NOT NULL DEFAULT '{}';
ALTER TABLE organisations ADD COLUMN aliases text[] NOT NULL DEFAULT '{}';
