-- A sheet's title, summary and section titles in other languages than its own. A translation is
-- added or changed beside the original, never over it.

CREATE TABLE practice_translations (
    practice_id bigint NOT NULL,
    language text NOT NULL,
    title text,
    summary text,
    translation_status text NOT NULL DEFAULT 'machine',
    CONSTRAINT pk_practice_translations PRIMARY KEY (practice_id, language),
    CONSTRAINT fk_practice_translations_practice FOREIGN KEY (practice_id) REFERENCES practices (practice_id) ON DELETE CASCADE,
    CONSTRAINT ck_practice_translations_language CHECK (language IN ('fr', 'en', 'ar')),
    CONSTRAINT ck_practice_translations_status CHECK (translation_status IN ('original', 'machine', 'reviewed'))
);

-- A section's heading in the language of each of its texts (the original's stays in practice_sections.title).
ALTER TABLE practice_section_texts ADD COLUMN title text;

CREATE OR REPLACE FUNCTION practice_snapshot(target bigint) RETURNS jsonb
LANGUAGE sql STABLE
AS $$
    SELECT jsonb_build_object(
        'slug', p.slug,
        'title', p.title,
        'summary', p.summary,
        'language', p.language,
        'organisation', o.code,
        'period', jsonb_build_object('start', p.period_start, 'end', p.period_end, 'precision', p.period_precision),
        'status', p.status,
        'confidentiality', p.confidentiality,
        'source', p.source,
        'territories', coalesce((
            SELECT jsonb_agg(jsonb_build_object('code', t.code, 'role', pt.territory_role) ORDER BY t.code)
            FROM practice_territories pt JOIN territories t ON t.territory_id = pt.territory_id
            WHERE pt.practice_id = p.practice_id), '[]'),
        'organisations', coalesce((
            SELECT jsonb_agg(jsonb_build_object('code', org.code, 'role', po.organisation_role) ORDER BY po.position)
            FROM practice_organisations po JOIN organisations org ON org.organisation_id = po.organisation_id
            WHERE po.practice_id = p.practice_id), '[]'),
        'themes', coalesce((
            SELECT jsonb_agg(th.theme_key ORDER BY th.position)
            FROM practice_themes pth JOIN themes th ON th.theme_id = pth.theme_id
            WHERE pth.practice_id = p.practice_id), '[]'),
        'translations', coalesce((
            SELECT jsonb_object_agg(tr.language, jsonb_strip_nulls(jsonb_build_object(
                'title', tr.title, 'summary', tr.summary, 'translation_status', tr.translation_status)))
            FROM practice_translations tr WHERE tr.practice_id = p.practice_id), '{}'),
        'sections', coalesce((
            SELECT jsonb_agg(jsonb_build_object(
                'key', s.section_key,
                'title', s.title,
                'texts', coalesce((
                    SELECT jsonb_object_agg(st.language, jsonb_strip_nulls(jsonb_build_object(
                        'text', st.body, 'items', st.items, 'quotes', st.quotes, 'translation_status', st.translation_status,
                        'title', st.title)))
                    FROM practice_section_texts st WHERE st.practice_section_id = s.practice_section_id), '{}')
            ) ORDER BY s.position)
            FROM practice_sections s WHERE s.practice_id = p.practice_id), '[]')
    )
    FROM practices p
    LEFT JOIN organisations o ON o.organisation_id = p.organisation_id
    WHERE p.practice_id = target
$$;

-- Translated titles (A) and summaries (B) join the search document, each read in its language;
-- a translated section is read with its own heading.
CREATE OR REPLACE FUNCTION practice_linked_search_vector(target bigint) RETURNS tsvector
LANGUAGE sql STABLE
AS $$
    SELECT coalesce((
            SELECT string_agg(practice_own_search_vector(tr.language, coalesce(tr.title, ''), tr.summary)::text, ' ')::tsvector
            FROM practice_translations tr WHERE tr.practice_id = target
        ), ''::tsvector)
        || coalesce((
            SELECT string_agg(setweight(to_tsvector(seguia_search_config(st.language),
                       coalesce(st.title, s.title, '') || ' ' || st.body || ' '
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

CREATE TRIGGER trg_practice_translations_search_insert AFTER INSERT ON practice_translations REFERENCING NEW TABLE AS changed_new
    FOR EACH STATEMENT EXECUTE FUNCTION practice_search_refresh();
CREATE TRIGGER trg_practice_translations_search_update AFTER UPDATE ON practice_translations
    REFERENCING NEW TABLE AS changed_new OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION practice_search_refresh();
CREATE TRIGGER trg_practice_translations_search_delete AFTER DELETE ON practice_translations REFERENCING OLD TABLE AS changed_old
    FOR EACH STATEMENT EXECUTE FUNCTION practice_search_refresh();
