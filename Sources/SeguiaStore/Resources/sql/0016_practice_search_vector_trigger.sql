-- The search document of a practice is kept by the database, whoever writes (the API, the seed,
-- a bulk load in SQL): the practice's own fields when they change, its sections, texts and
-- links after each statement that touches them, and every practice concerned when a theme or
-- a territory is renamed.
--
-- It now also holds, with the lowest weight (D), the names in French, English and Arabic of
-- the practice's themes (and their keywords, which hold the other ways of saying them) and of
-- its territories and those that contain them: a search for "wastewater reuse" or
-- « إعادة استخدام المياه » finds the reuse sheets written in French.

-- Title (A) and summary (B), read with the practice's language.
CREATE FUNCTION practice_own_search_vector(language text, title text, summary text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT setweight(to_tsvector(seguia_search_config(language), title), 'A')
        || setweight(to_tsvector(seguia_search_config(language), coalesce(summary, '')), 'B')
$$;

-- A name in the three languages, each read with its own configuration.
CREATE FUNCTION names_search_vector(name_fr text, name_en text, name_ar text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT to_tsvector('seguia_fr', coalesce(name_fr, '')) || to_tsvector('seguia_en', coalesce(name_en, ''))
        || to_tsvector('seguia_ar', coalesce(name_ar, ''))
$$;

-- Every section in every language (C), then the names of themes and territories (D).
CREATE FUNCTION practice_linked_search_vector(target bigint) RETURNS tsvector
LANGUAGE sql STABLE
AS $$
    SELECT coalesce((
            SELECT string_agg(setweight(to_tsvector(seguia_search_config(st.language),
                       coalesce(s.title, '') || ' ' || st.body || ' '
                       || coalesce((SELECT string_agg(value, ' ') FROM jsonb_array_elements_text(st.items)), '') || ' '
                       || coalesce((SELECT string_agg(q ->> 'text', ' ') FROM jsonb_array_elements(st.quotes) q), '')
                   ), 'C')::text, ' ')::tsvector
            FROM practice_sections s
            JOIN practice_section_texts st ON st.practice_section_id = s.practice_section_id
            WHERE s.practice_id = target
        ), ''::tsvector)
        || coalesce((
            SELECT string_agg(setweight(
                       names_search_vector(th.name_fr, th.name_en, th.name_ar)
                       || names_search_vector(array_to_string(th.keywords, ' '), array_to_string(th.keywords, ' '), array_to_string(th.keywords, ' ')),
                       'D')::text, ' ')::tsvector
            FROM practice_themes pt JOIN themes th ON th.theme_id = pt.theme_id
            WHERE pt.practice_id = target
        ), ''::tsvector)
        || coalesce((
            SELECT string_agg(setweight(names_search_vector(t.name_fr, t.name_en, t.name_ar), 'D')::text, ' ')::tsvector
            FROM territories t
            WHERE t.territory_id = ANY(practice_territory_scope(target))
        ), ''::tsvector)
$$;

CREATE OR REPLACE FUNCTION practice_search_vector(target bigint) RETURNS tsvector
LANGUAGE sql STABLE
AS $$
    SELECT practice_own_search_vector(p.language, p.title, p.summary) || practice_linked_search_vector(p.practice_id)
    FROM practices p
    WHERE p.practice_id = target
$$;

-- Title, summary or language written: the vector is computed in the row being written.
CREATE FUNCTION practice_search_own_fields() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    NEW.search_vector := practice_own_search_vector(NEW.language, NEW.title, NEW.summary)
        || practice_linked_search_vector(NEW.practice_id);
    RETURN NEW;
END
$$;

CREATE TRIGGER trg_practices_search_own_fields BEFORE INSERT OR UPDATE OF title, summary, language ON practices
    FOR EACH ROW EXECUTE FUNCTION practice_search_own_fields();

-- Sections, texts and links: once per statement, for the practices it touched (a section's
-- texts name their section, not the practice; texts deleted with their section are covered by
-- the section's own trigger).
CREATE FUNCTION practice_search_refresh() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
    touched bigint[] := '{}';
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        IF TG_TABLE_NAME = 'practice_section_texts' THEN
            touched := touched || ARRAY(SELECT s.practice_id FROM practice_sections s JOIN changed_new c USING (practice_section_id));
        ELSE
            touched := touched || ARRAY(SELECT practice_id FROM changed_new);
        END IF;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        IF TG_TABLE_NAME = 'practice_section_texts' THEN
            touched := touched || ARRAY(SELECT s.practice_id FROM practice_sections s JOIN changed_old c USING (practice_section_id));
        ELSE
            touched := touched || ARRAY(SELECT practice_id FROM changed_old);
        END IF;
    END IF;
    UPDATE practices p SET search_vector = practice_search_vector(p.practice_id) WHERE p.practice_id = ANY(touched);
    RETURN NULL;
END
$$;

DO $$
DECLARE
    target text;
BEGIN
    FOREACH target IN ARRAY ARRAY['practice_sections', 'practice_section_texts', 'practice_territories', 'practice_themes'] LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed_new '
            'FOR EACH STATEMENT EXECUTE FUNCTION practice_search_refresh()', 'trg_' || target || '_search_insert', target);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS changed_new OLD TABLE AS changed_old '
            'FOR EACH STATEMENT EXECUTE FUNCTION practice_search_refresh()', 'trg_' || target || '_search_update', target);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed_old '
            'FOR EACH STATEMENT EXECUTE FUNCTION practice_search_refresh()', 'trg_' || target || '_search_delete', target);
    END LOOP;
END
$$;

-- A theme renamed (or its keywords changed), a territory renamed or moved: every practice it names.
CREATE FUNCTION theme_renamed_refresh_search() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    UPDATE practices p SET search_vector = practice_search_vector(p.practice_id)
    WHERE p.theme_ids && ARRAY(
        SELECT n.theme_id FROM renamed_new n JOIN renamed_old o USING (theme_id)
        WHERE (n.name_fr, n.name_en, n.name_ar, n.keywords) IS DISTINCT FROM (o.name_fr, o.name_en, o.name_ar, o.keywords));
    RETURN NULL;
END
$$;

CREATE FUNCTION territory_renamed_refresh_search() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    UPDATE practices p SET search_vector = practice_search_vector(p.practice_id)
    WHERE p.territory_scope && ARRAY(
        SELECT n.territory_id FROM renamed_new n JOIN renamed_old o USING (territory_id)
        WHERE (n.name_fr, n.name_en, n.name_ar, n.parent_id) IS DISTINCT FROM (o.name_fr, o.name_en, o.name_ar, o.parent_id));
    RETURN NULL;
END
$$;

CREATE TRIGGER trg_themes_renamed_search AFTER UPDATE ON themes
    REFERENCING NEW TABLE AS renamed_new OLD TABLE AS renamed_old FOR EACH STATEMENT EXECUTE FUNCTION theme_renamed_refresh_search();
-- Named to run after trg_territories_moved, which brings the territory scopes up to date first.
CREATE TRIGGER trg_territories_renamed_search AFTER UPDATE ON territories
    REFERENCING NEW TABLE AS renamed_new OLD TABLE AS renamed_old FOR EACH STATEMENT EXECUTE FUNCTION territory_renamed_refresh_search();

UPDATE practices SET search_vector = practice_search_vector(practice_id);
