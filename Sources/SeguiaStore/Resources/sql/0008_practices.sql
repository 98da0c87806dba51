-- Practices: capitalisation sheets as data. A practice has ordered sections; each section has
-- its text in one or more languages. Every change writes a revision (0009).
CREATE TABLE practices (
    practice_id bigint GENERATED ALWAYS AS IDENTITY,
    slug text NOT NULL,
    title text NOT NULL,
    summary text,
    language text NOT NULL,
    organisation_id bigint,
    period_start date,
    period_end date,
    period_precision text NOT NULL DEFAULT 'year',
    status text NOT NULL DEFAULT 'draft',
    confidentiality text NOT NULL DEFAULT 'public',
    source text,
    revision integer NOT NULL DEFAULT 1,
    search_vector tsvector NOT NULL DEFAULT ''::tsvector,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    created_by text NOT NULL,
    updated_by text NOT NULL,
    CONSTRAINT pk_practices PRIMARY KEY (practice_id),
    CONSTRAINT uq_practices_slug UNIQUE (slug),
    CONSTRAINT fk_practices_organisation FOREIGN KEY (organisation_id) REFERENCES organisations (organisation_id),
    CONSTRAINT ck_practices_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 120),
    CONSTRAINT ck_practices_title_not_blank CHECK (btrim(title) <> '' AND length(title) <= 300),
    CONSTRAINT ck_practices_language CHECK (language IN ('fr', 'en', 'ar')),
    CONSTRAINT ck_practices_period CHECK (period_end IS NULL OR period_start IS NULL OR period_end >= period_start),
    CONSTRAINT ck_practices_period_precision CHECK (period_precision IN ('day', 'month', 'year')),
    CONSTRAINT ck_practices_status CHECK (status IN ('draft', 'in_review', 'published', 'archived')),
    CONSTRAINT ck_practices_confidentiality CHECK (confidentiality IN ('public', 'partners', 'private'))
);

CREATE INDEX idx_practices_search_vector ON practices USING gin (search_vector);
CREATE INDEX idx_practices_status_confidentiality ON practices (status, confidentiality);
CREATE INDEX idx_practices_organisation_id ON practices (organisation_id);

CREATE TABLE practice_territories (
    practice_id bigint NOT NULL,
    territory_id bigint NOT NULL,
    territory_role text NOT NULL,
    CONSTRAINT pk_practice_territories PRIMARY KEY (practice_id, territory_id),
    CONSTRAINT fk_practice_territories_practice FOREIGN KEY (practice_id) REFERENCES practices (practice_id) ON DELETE CASCADE,
    CONSTRAINT fk_practice_territories_territory FOREIGN KEY (territory_id) REFERENCES territories (territory_id),
    CONSTRAINT ck_practice_territories_role CHECK (territory_role IN ('lead', 'partner', 'beneficiary'))
);
CREATE INDEX idx_practice_territories_territory_id ON practice_territories (territory_id);

CREATE TABLE practice_organisations (
    practice_id bigint NOT NULL,
    organisation_id bigint NOT NULL,
    organisation_role text,
    position smallint NOT NULL,
    CONSTRAINT pk_practice_organisations PRIMARY KEY (practice_id, organisation_id),
    CONSTRAINT fk_practice_organisations_practice FOREIGN KEY (practice_id) REFERENCES practices (practice_id) ON DELETE CASCADE,
    CONSTRAINT fk_practice_organisations_organisation FOREIGN KEY (organisation_id) REFERENCES organisations (organisation_id)
);
CREATE INDEX idx_practice_organisations_organisation_id ON practice_organisations (organisation_id);

CREATE TABLE practice_themes (
    practice_id bigint NOT NULL,
    theme_id bigint NOT NULL,
    CONSTRAINT pk_practice_themes PRIMARY KEY (practice_id, theme_id),
    CONSTRAINT fk_practice_themes_practice FOREIGN KEY (practice_id) REFERENCES practices (practice_id) ON DELETE CASCADE,
    CONSTRAINT fk_practice_themes_theme FOREIGN KEY (theme_id) REFERENCES themes (theme_id)
);
CREATE INDEX idx_practice_themes_theme_id ON practice_themes (theme_id);

CREATE TABLE practice_sections (
    practice_section_id bigint GENERATED ALWAYS AS IDENTITY,
    practice_id bigint NOT NULL,
    position smallint NOT NULL,
    section_key text NOT NULL,
    title text,
    CONSTRAINT pk_practice_sections PRIMARY KEY (practice_section_id),
    CONSTRAINT uq_practice_sections_practice_position UNIQUE (practice_id, position),
    CONSTRAINT fk_practice_sections_practice FOREIGN KEY (practice_id) REFERENCES practices (practice_id) ON DELETE CASCADE,
    CONSTRAINT ck_practice_sections_key CHECK (section_key IN (
        'context_need', 'interest', 'targets', 'objectives', 'approach', 'results', 'calendar', 'resources', 'actors',
        'tools', 'levers', 'limits', 'lessons', 'recommendations', 'perspectives', 'quotes', 'other'))
);

-- The content of a section in one language: running text, list items (a JSON array of strings)
-- and quotes (a JSON array of {"text", "speaker"}).
CREATE TABLE practice_section_texts (
    practice_section_id bigint NOT NULL,
    language text NOT NULL,
    body text NOT NULL DEFAULT '',
    items jsonb NOT NULL DEFAULT '[]',
    quotes jsonb NOT NULL DEFAULT '[]',
    translation_status text NOT NULL DEFAULT 'original',
    CONSTRAINT pk_practice_section_texts PRIMARY KEY (practice_section_id, language),
    CONSTRAINT fk_practice_section_texts_section FOREIGN KEY (practice_section_id)
        REFERENCES practice_sections (practice_section_id) ON DELETE CASCADE,
    CONSTRAINT ck_practice_section_texts_language CHECK (language IN ('fr', 'en', 'ar')),
    CONSTRAINT ck_practice_section_texts_items CHECK (jsonb_typeof(items) = 'array'),
    CONSTRAINT ck_practice_section_texts_quotes CHECK (jsonb_typeof(quotes) = 'array'),
    CONSTRAINT ck_practice_section_texts_translation_status CHECK (translation_status IN ('original', 'machine', 'reviewed'))
);

-- The search document of a practice: title (weight A), summary (B), every section in every
-- language (C), each read with its language's configuration.
CREATE FUNCTION practice_search_vector(target bigint) RETURNS tsvector
LANGUAGE sql STABLE
AS $$
    SELECT setweight(to_tsvector(seguia_search_config(p.language), p.title), 'A')
        || setweight(to_tsvector(seguia_search_config(p.language), coalesce(p.summary, '')), 'B')
        || coalesce((
            SELECT tsvector_agg
            FROM (
                SELECT string_agg(setweight(to_tsvector(seguia_search_config(st.language),
                           coalesce(s.title, '') || ' ' || st.body || ' '
                           || coalesce((SELECT string_agg(value, ' ') FROM jsonb_array_elements_text(st.items)), '') || ' '
                           || coalesce((SELECT string_agg(q ->> 'text', ' ') FROM jsonb_array_elements(st.quotes) q), '')
                       ), 'C')::text, ' ')::tsvector AS tsvector_agg
                FROM practice_sections s
                JOIN practice_section_texts st ON st.practice_section_id = s.practice_section_id
                WHERE s.practice_id = target
            ) sections
        ), ''::tsvector)
    FROM practices p
    WHERE p.practice_id = target
$$;
