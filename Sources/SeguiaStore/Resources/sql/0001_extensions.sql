-- Accent-insensitive matching (unaccent) and fuzzy matching (pg_trgm) for search.
-- Creating them needs a role allowed to create extensions; the embedded cluster's owner is.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
