-- Territories: countries, regions, départements, provinces, metropoles, intercommunalities,
-- communes, governorates. Codes follow ISO 3166-1/3166-2 where one exists; otherwise the
-- parent's code plus a segment (see README, "Territory codes").
CREATE TABLE territories (
    territory_id bigint GENERATED ALWAYS AS IDENTITY,
    code text NOT NULL,
    kind text NOT NULL,
    parent_id bigint,
    iso_code text,
    official_identifier text,
    name_fr text NOT NULL,
    name_en text,
    name_ar text,
    valid_from date,
    valid_to date,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_territories PRIMARY KEY (territory_id),
    CONSTRAINT uq_territories_code UNIQUE (code),
    CONSTRAINT fk_territories_parent FOREIGN KEY (parent_id) REFERENCES territories (territory_id),
    CONSTRAINT ck_territories_code_format CHECK (code ~ '^[A-Z0-9]+(-[A-Z0-9]+)*$' AND length(code) <= 32),
    CONSTRAINT ck_territories_kind CHECK (
        kind IN ('country', 'region', 'departement', 'province', 'metropole', 'intercommunality', 'commune', 'governorate')
    ),
    CONSTRAINT ck_territories_country_has_no_parent CHECK ((kind = 'country') = (parent_id IS NULL)),
    CONSTRAINT ck_territories_not_own_parent CHECK (parent_id <> territory_id),
    CONSTRAINT ck_territories_validity CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from),
    CONSTRAINT ck_territories_name_fr_not_blank CHECK (btrim(name_fr) <> '')
);

CREATE INDEX idx_territories_parent_id ON territories (parent_id);
CREATE INDEX idx_territories_kind ON territories (kind);
