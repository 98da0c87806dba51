-- Themes of practices, each mapped to the components of SDG indicator 6.5.1 (degree of IWRM
-- implementation): enabling environment, institutions and participation, management
-- instruments, financing. Keywords propose themes for imported documents.
CREATE TABLE themes (
    theme_id bigint GENERATED ALWAYS AS IDENTITY,
    theme_key text NOT NULL,
    name_fr text NOT NULL,
    name_en text NOT NULL,
    name_ar text,
    is_mission_theme boolean NOT NULL DEFAULT false,
    sdg651_components text[] NOT NULL DEFAULT '{}',
    keywords text[] NOT NULL DEFAULT '{}',
    position smallint NOT NULL,
    CONSTRAINT pk_themes PRIMARY KEY (theme_id),
    CONSTRAINT uq_themes_theme_key UNIQUE (theme_key),
    CONSTRAINT ck_themes_theme_key_format CHECK (theme_key ~ '^[a-z][a-z0-9_]*$'),
    CONSTRAINT ck_themes_sdg651_components CHECK (
        sdg651_components <@ ARRAY['enabling_environment', 'institutions_participation', 'management_instruments', 'financing']
    )
);
