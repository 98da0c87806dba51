-- Organisations: the actors of cooperation (networks, NGOs, local authorities, funders…).
CREATE TABLE organisations (
    organisation_id bigint GENERATED ALWAYS AS IDENTITY,
    code text NOT NULL,
    kind text NOT NULL,
    name_fr text NOT NULL,
    name_en text,
    name_ar text,
    acronym text,
    home_territory_id bigint,
    website text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_organisations PRIMARY KEY (organisation_id),
    CONSTRAINT uq_organisations_code UNIQUE (code),
    CONSTRAINT fk_organisations_home_territory FOREIGN KEY (home_territory_id) REFERENCES territories (territory_id),
    CONSTRAINT ck_organisations_code_format CHECK (code ~ '^[A-Z0-9]+(-[A-Z0-9]+)*$' AND length(code) <= 48),
    CONSTRAINT ck_organisations_kind CHECK (
        kind IN ('network', 'ngo', 'local_authority', 'funder', 'state', 'research', 'utility')
    ),
    CONSTRAINT ck_organisations_name_fr_not_blank CHECK (btrim(name_fr) <> '')
);

CREATE INDEX idx_organisations_home_territory_id ON organisations (home_territory_id);
CREATE INDEX idx_organisations_kind ON organisations (kind);
