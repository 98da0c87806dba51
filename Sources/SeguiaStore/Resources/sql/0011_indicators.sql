-- Indicators and their values. A value is identified by indicator × territory × period ×
-- disaggregation × vintage (the release it comes from): two releases are never mixed.

-- Utility service areas and statistical areas (West Bank, Gaza Strip) carry values too.
ALTER TABLE territories DROP CONSTRAINT ck_territories_kind;
ALTER TABLE territories ADD CONSTRAINT ck_territories_kind CHECK (
    kind IN ('country', 'region', 'departement', 'province', 'metropole', 'intercommunality', 'commune', 'governorate',
             'service_area', 'area')
);

CREATE TABLE indicators (
    indicator_id bigint GENERATED ALWAYS AS IDENTITY,
    code text NOT NULL,
    name_fr text NOT NULL,
    name_en text NOT NULL,
    name_ar text,
    description text,
    unit text NOT NULL,
    direction text NOT NULL,
    decimals smallint NOT NULL DEFAULT 1,
    minimum numeric,
    maximum numeric,
    theme_key text,
    sdg_indicator text,
    un_series_code text,
    -- A computed indicator: numerator / denominator × factor ('ratio'), or 100 − numerator ('complement').
    formula_kind text,
    formula_numerator text,
    formula_denominator text,
    formula_factor numeric,
    -- A change between consecutive periods larger than this flags the value as suspect.
    jump_threshold numeric,
    position smallint NOT NULL,
    CONSTRAINT pk_indicators PRIMARY KEY (indicator_id),
    CONSTRAINT uq_indicators_code UNIQUE (code),
    CONSTRAINT fk_indicators_theme FOREIGN KEY (theme_key) REFERENCES themes (theme_key),
    CONSTRAINT ck_indicators_code_format CHECK (code ~ '^[0-9A-Za-z][0-9A-Za-z._]*$'),
    CONSTRAINT ck_indicators_direction CHECK (direction IN ('higher_is_better', 'lower_is_better', 'neutral')),
    CONSTRAINT ck_indicators_range CHECK (minimum IS NULL OR maximum IS NULL OR minimum <= maximum),
    CONSTRAINT ck_indicators_formula CHECK (
        (formula_kind IS NULL AND formula_numerator IS NULL AND formula_denominator IS NULL)
        OR (formula_kind = 'ratio' AND formula_numerator IS NOT NULL AND formula_denominator IS NOT NULL)
        OR (formula_kind = 'complement' AND formula_numerator IS NOT NULL AND formula_denominator IS NULL)
    )
);

CREATE TABLE indicator_values (
    value_id bigint GENERATED ALWAYS AS IDENTITY,
    indicator_id bigint NOT NULL,
    territory_id bigint NOT NULL,
    period text NOT NULL,
    period_start date NOT NULL,
    period_end date NOT NULL,
    disaggregation text NOT NULL DEFAULT 'total',
    vintage text NOT NULL DEFAULT '',
    value numeric NOT NULL,
    source text NOT NULL,
    source_url text,
    quality text NOT NULL DEFAULT 'reported',
    review_flag text NOT NULL DEFAULT 'ok',
    review_reason text,
    note text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by text NOT NULL,
    CONSTRAINT pk_indicator_values PRIMARY KEY (value_id),
    CONSTRAINT uq_indicator_values_key UNIQUE (indicator_id, territory_id, period, disaggregation, vintage),
    CONSTRAINT fk_indicator_values_indicator FOREIGN KEY (indicator_id) REFERENCES indicators (indicator_id),
    CONSTRAINT fk_indicator_values_territory FOREIGN KEY (territory_id) REFERENCES territories (territory_id),
    CONSTRAINT ck_indicator_values_period CHECK (period ~ '^[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$'),
    CONSTRAINT ck_indicator_values_period_bounds CHECK (period_end >= period_start),
    CONSTRAINT ck_indicator_values_quality CHECK (quality IN ('reported', 'estimated', 'modelled', 'aggregated')),
    CONSTRAINT ck_indicator_values_review_flag CHECK (review_flag IN ('ok', 'suspect', 'invalid')),
    CONSTRAINT ck_indicator_values_reason CHECK (review_flag = 'ok' OR review_reason IS NOT NULL),
    CONSTRAINT ck_indicator_values_source_not_blank CHECK (btrim(source) <> '')
);

CREATE INDEX idx_indicator_values_territory_id ON indicator_values (territory_id);
CREATE INDEX idx_indicator_values_indicator_period ON indicator_values (indicator_id, period_start);

-- Every change of a stored value: who, when, what it was and what it became.
CREATE TABLE indicator_value_history (
    value_id bigint NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now(),
    changed_by text NOT NULL,
    old_value numeric,
    new_value numeric,
    old_source text,
    new_source text,
    old_review_flag text,
    new_review_flag text,
    note text,
    CONSTRAINT fk_indicator_value_history_value FOREIGN KEY (value_id) REFERENCES indicator_values (value_id)
);

CREATE INDEX idx_indicator_value_history_value_id ON indicator_value_history (value_id, changed_at);
