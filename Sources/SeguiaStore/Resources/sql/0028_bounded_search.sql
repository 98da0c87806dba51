-- Search whose cost does not follow the number of matches.
--
-- ts_rank (weights D 0.1, C 0.2, B 0.4, A 1.0, no normalisation) scores a sheet as the mean,
-- over the query's distinct words, of what each word brings; a word's share depends only on
-- where it stands in that sheet. That share, its impact, is kept here for every word of a
-- sheet's title or summary (weights A or B, in any language), ordered per word. A search reads
-- the first few hundred sheets of each of its words from that order, and ranks exactly those
-- that match: the sheets every word puts first are the sheets the mean puts first. A word
-- found only in the body brings at most 0.33, less than any title or summary word (0.24 to
-- 1.0 brings about as much or more), so leaving body-only words out of the table loses
-- little, and keeps it to about twenty rows per sheet.

-- What one word brings to ts_rank, from the weights of its positions in order (calc_rank_or
-- in PostgreSQL's tsrank.c).
CREATE FUNCTION seguia_term_impact(weights text[]) RETURNS real
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
DECLARE
    total double precision := 0;
    best double precision := -1;
    best_at integer := 0;
    weight double precision;
BEGIN
    FOR position_index IN 1 .. coalesce(array_length(weights, 1), 0) LOOP
        weight := CASE weights[position_index] WHEN 'A' THEN 1.0 WHEN 'B' THEN 0.4 WHEN 'C' THEN 0.2 ELSE 0.1 END;
        total := total + weight / (position_index * position_index);
        IF weight > best THEN
            best := weight;
            best_at := position_index;
        END IF;
    END LOOP;
    IF best < 0 THEN
        RETURN 0;
    END IF;
    RETURN ((best + total - best / (best_at * best_at)) / 1.64493406685)::real;
END
$$;

CREATE TABLE practice_search_terms (
    practice_id bigint NOT NULL,
    lexeme text NOT NULL,
    impact real NOT NULL,
    CONSTRAINT pk_practice_search_terms PRIMARY KEY (practice_id, lexeme),
    CONSTRAINT fk_practice_search_terms_practice FOREIGN KEY (practice_id) REFERENCES practices (practice_id) ON DELETE CASCADE
);
-- A word's sheets, best first: what a search reads.
CREATE INDEX idx_practice_search_terms_impact ON practice_search_terms (lexeme, impact DESC, practice_id DESC);

CREATE FUNCTION practice_search_terms_of(target_ids bigint[]) RETURNS void
LANGUAGE sql
AS $$
    DELETE FROM practice_search_terms WHERE practice_id = ANY(target_ids);
    INSERT INTO practice_search_terms (practice_id, lexeme, impact)
    SELECT p.practice_id, entry.lexeme, seguia_term_impact(entry.weights)
    FROM practices p CROSS JOIN LATERAL unnest(p.search_vector) AS entry
    WHERE p.practice_id = ANY(target_ids) AND entry.weights && ARRAY['A', 'B'];
$$;

-- Whoever writes the vector (the API through the search triggers, the seed, a copy in SQL),
-- the terms follow, once per statement.
CREATE FUNCTION practice_search_terms_inserted() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM practice_search_terms_of(ARRAY(SELECT practice_id FROM changed_new));
    RETURN NULL;
END
$$;

-- Transition tables cannot go with a column list (UPDATE OF search_vector): the vectors are compared.
CREATE FUNCTION practice_search_terms_updated() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM practice_search_terms_of(ARRAY(
        SELECT n.practice_id FROM changed_new n JOIN changed_old o ON o.practice_id = n.practice_id
        WHERE n.search_vector IS DISTINCT FROM o.search_vector));
    RETURN NULL;
END
$$;

CREATE TRIGGER trg_practice_search_terms_insert AFTER INSERT ON practices
    REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION practice_search_terms_inserted();
CREATE TRIGGER trg_practice_search_terms_update AFTER UPDATE ON practices
    REFERENCING NEW TABLE AS changed_new OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION practice_search_terms_updated();

SELECT practice_search_terms_of(ARRAY(SELECT practice_id FROM practices));

-- A snippet's text when the title and summary do not hold the searched words: the first of
-- the sheet's sections, in order, whose text (its first 4,000 characters) matches, instead of
-- the whole sheet. Reading stops at that section.
CREATE FUNCTION practice_snippet_source(target bigint, sheet_language text, query tsquery) RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
DECLARE
    section record;
    config regconfig := seguia_search_config(sheet_language);
BEGIN
    FOR section IN
        SELECT left(st.body || ' ' || coalesce((SELECT string_agg(value, ' ') FROM jsonb_array_elements_text(st.items)), ''), 4000) AS text
        FROM practice_sections s
        JOIN practice_section_texts st ON st.practice_section_id = s.practice_section_id
        WHERE s.practice_id = target AND st.language = sheet_language
        ORDER BY s.position
    LOOP
        IF to_tsvector(config, section.text) @@ query THEN
            RETURN section.text;
        END IF;
    END LOOP;
    RETURN NULL;
END
$$;
