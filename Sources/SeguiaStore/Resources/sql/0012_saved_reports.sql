-- Named comparisons kept to be rendered again with current data ("the same table for us").
CREATE TABLE saved_reports (
    report_id bigint GENERATED ALWAYS AS IDENTITY,
    slug text NOT NULL,
    name text NOT NULL,
    kind text NOT NULL,
    territories text[] NOT NULL,
    indicators text[] NOT NULL DEFAULT '{}',
    themes text[] NOT NULL DEFAULT '{}',
    from_year integer,
    to_year integer,
    disaggregation text NOT NULL DEFAULT 'total',
    layout text NOT NULL DEFAULT 'latest',
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by text NOT NULL,
    CONSTRAINT pk_saved_reports PRIMARY KEY (report_id),
    CONSTRAINT uq_saved_reports_slug UNIQUE (slug),
    CONSTRAINT ck_saved_reports_slug CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND slug NOT IN ('indicators', 'practices')),
    CONSTRAINT ck_saved_reports_kind CHECK (kind IN ('indicators', 'practices')),
    CONSTRAINT ck_saved_reports_layout CHECK (layout IN ('latest', 'series')),
    CONSTRAINT ck_saved_reports_years CHECK (from_year IS NULL OR to_year IS NULL OR from_year <= to_year),
    CONSTRAINT ck_saved_reports_territories CHECK (cardinality(territories) > 0),
    CONSTRAINT ck_saved_reports_name_not_blank CHECK (btrim(name) <> '')
);
