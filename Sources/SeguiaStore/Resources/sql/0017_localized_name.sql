-- A name in the reader's language (fr, en or ar), French where it has none: what every page
-- and facet shows.
CREATE FUNCTION localized_name(language text, name_fr text, name_en text, name_ar text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE language
        WHEN 'en' THEN coalesce(name_en, name_fr)
        WHEN 'ar' THEN coalesce(name_ar, name_fr)
        ELSE name_fr
    END
$$;
