-- What search filters and counts on, kept on each practice so that a search reads it with the
-- match instead of joining link tables for every matching practice:
--   territory_scope: every territory the practice counts for, those it is linked to and all
--     their ancestors (a practice in Tubas counts for PS); a territory filter is then one GIN
--     lookup that combines with the full-text index, and territory facets one unnest;
--   theme_ids: its themes.
ALTER TABLE practices ADD COLUMN territory_scope bigint[] NOT NULL DEFAULT '{}';
ALTER TABLE practices ADD COLUMN theme_ids bigint[] NOT NULL DEFAULT '{}';

CREATE FUNCTION practice_territory_scope(target bigint) RETURNS bigint[]
LANGUAGE sql STABLE
AS $$
    WITH RECURSIVE scope AS (
        SELECT t.territory_id, t.parent_id
        FROM practice_territories pt JOIN territories t ON t.territory_id = pt.territory_id
        WHERE pt.practice_id = target
        UNION
        SELECT up.territory_id, up.parent_id FROM territories up JOIN scope ON up.territory_id = scope.parent_id
    )
    SELECT coalesce(array_agg(DISTINCT territory_id ORDER BY territory_id), '{}') FROM scope
$$;

CREATE FUNCTION practice_theme_ids(target bigint) RETURNS bigint[]
LANGUAGE sql STABLE
AS $$
    SELECT coalesce(array_agg(theme_id ORDER BY theme_id), '{}') FROM practice_themes WHERE practice_id = target
$$;

-- Whoever writes the links (the API, the seed, a bulk load in SQL), both arrays follow, once
-- per statement for all the practices it touched.
CREATE FUNCTION practice_links_refresh() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE practices p SET territory_scope = practice_territory_scope(p.practice_id), theme_ids = practice_theme_ids(p.practice_id)
        WHERE p.practice_id IN (SELECT practice_id FROM changed_links_new);
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE practices p SET territory_scope = practice_territory_scope(p.practice_id), theme_ids = practice_theme_ids(p.practice_id)
        WHERE p.practice_id IN (SELECT practice_id FROM changed_links_old);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER trg_practice_territories_refresh_insert AFTER INSERT ON practice_territories
    REFERENCING NEW TABLE AS changed_links_new
    FOR EACH STATEMENT EXECUTE FUNCTION practice_links_refresh();
CREATE TRIGGER trg_practice_territories_refresh_update AFTER UPDATE ON practice_territories
    REFERENCING NEW TABLE AS changed_links_new OLD TABLE AS changed_links_old
    FOR EACH STATEMENT EXECUTE FUNCTION practice_links_refresh();
CREATE TRIGGER trg_practice_territories_refresh_delete AFTER DELETE ON practice_territories
    REFERENCING OLD TABLE AS changed_links_old
    FOR EACH STATEMENT EXECUTE FUNCTION practice_links_refresh();
CREATE TRIGGER trg_practice_themes_refresh_insert AFTER INSERT ON practice_themes
    REFERENCING NEW TABLE AS changed_links_new
    FOR EACH STATEMENT EXECUTE FUNCTION practice_links_refresh();
CREATE TRIGGER trg_practice_themes_refresh_update AFTER UPDATE ON practice_themes
    REFERENCING NEW TABLE AS changed_links_new OLD TABLE AS changed_links_old
    FOR EACH STATEMENT EXECUTE FUNCTION practice_links_refresh();
CREATE TRIGGER trg_practice_themes_refresh_delete AFTER DELETE ON practice_themes
    REFERENCING OLD TABLE AS changed_links_old
    FOR EACH STATEMENT EXECUTE FUNCTION practice_links_refresh();

-- A territory moved under another parent changes the scope of every practice below it.
CREATE FUNCTION territory_moved_refresh_scopes() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM moved_new n JOIN moved_old o USING (territory_id) WHERE n.parent_id IS DISTINCT FROM o.parent_id) THEN
        UPDATE practices p SET territory_scope = practice_territory_scope(p.practice_id)
        WHERE p.territory_scope IS DISTINCT FROM practice_territory_scope(p.practice_id);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER trg_territories_moved AFTER UPDATE ON territories
    REFERENCING NEW TABLE AS moved_new OLD TABLE AS moved_old
    FOR EACH STATEMENT EXECUTE FUNCTION territory_moved_refresh_scopes();

-- Search reads the vector of every match (to check and rank it). Out of line, that is a
-- TOAST index lookup and chunk fetches per match, three times the cost of the check itself.
-- Rows up to 8 kB now keep their vector in the row as it is; longer ones have it compressed,
-- and out of line only when it still does not fit in a page.
ALTER TABLE practices SET (toast_tuple_target = 8160);
ALTER TABLE practices ALTER COLUMN search_vector SET STORAGE MAIN;

-- Recomputed rather than copied, so that every vector is stored again under these rules.
UPDATE practices SET territory_scope = practice_territory_scope(practice_id), theme_ids = practice_theme_ids(practice_id),
    search_vector = practice_search_vector(practice_id);

CREATE INDEX idx_practices_territory_scope ON practices USING gin (territory_scope);
