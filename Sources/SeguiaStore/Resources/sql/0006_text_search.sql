-- Search configurations that ignore accents and case and stem French, English and Arabic:
-- "eaux usees" finds "eaux usées". The unaccent dictionary runs before the stemmer.
CREATE TEXT SEARCH CONFIGURATION seguia_fr (COPY = pg_catalog.french);
ALTER TEXT SEARCH CONFIGURATION seguia_fr ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;

CREATE TEXT SEARCH CONFIGURATION seguia_en (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION seguia_en ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;

CREATE TEXT SEARCH CONFIGURATION seguia_ar (COPY = pg_catalog.arabic);
ALTER TEXT SEARCH CONFIGURATION seguia_ar ALTER MAPPING FOR hword, hword_part, word WITH unaccent, arabic_stem;

-- The configuration for a language code of the project (fr, en, ar); French otherwise.
CREATE FUNCTION seguia_search_config(language text) RETURNS regconfig
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE language
        WHEN 'en' THEN 'seguia_en'::regconfig
        WHEN 'ar' THEN 'seguia_ar'::regconfig
        ELSE 'seguia_fr'::regconfig
    END
$$;

-- A query in any of the three languages: a document matches when one language's reading does.
CREATE FUNCTION seguia_search_query(search text) RETURNS tsquery
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT websearch_to_tsquery('seguia_fr', search)
        || websearch_to_tsquery('seguia_en', search)
        || websearch_to_tsquery('seguia_ar', search)
$$;
