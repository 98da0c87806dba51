-- Cooperation agreements between organisations or territories, over a period. When a source
-- gives only years, the dates are 1 January / 31 December and period_precision says 'year'.
CREATE TABLE agreements (
    agreement_id bigint GENERATED ALWAYS AS IDENTITY,
    code text NOT NULL,
    title_fr text NOT NULL,
    title_en text,
    title_ar text,
    starts_on date,
    ends_on date,
    period_precision text NOT NULL DEFAULT 'day',
    source text,
    note text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_agreements PRIMARY KEY (agreement_id),
    CONSTRAINT uq_agreements_code UNIQUE (code),
    CONSTRAINT ck_agreements_code_format CHECK (code ~ '^[A-Z0-9]+(-[A-Z0-9]+)*$' AND length(code) <= 64),
    CONSTRAINT ck_agreements_period CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on),
    CONSTRAINT ck_agreements_period_precision CHECK (period_precision IN ('day', 'month', 'year'))
);

CREATE TABLE agreement_parties (
    agreement_id bigint NOT NULL,
    party_position smallint NOT NULL,
    organisation_id bigint,
    territory_id bigint,
    party_role text,
    CONSTRAINT pk_agreement_parties PRIMARY KEY (agreement_id, party_position),
    CONSTRAINT fk_agreement_parties_agreement FOREIGN KEY (agreement_id) REFERENCES agreements (agreement_id) ON DELETE CASCADE,
    CONSTRAINT fk_agreement_parties_organisation FOREIGN KEY (organisation_id) REFERENCES organisations (organisation_id),
    CONSTRAINT fk_agreement_parties_territory FOREIGN KEY (territory_id) REFERENCES territories (territory_id),
    CONSTRAINT ck_agreement_parties_one_party CHECK ((organisation_id IS NULL) <> (territory_id IS NULL))
);

CREATE INDEX idx_agreement_parties_organisation_id ON agreement_parties (organisation_id);
CREATE INDEX idx_agreement_parties_territory_id ON agreement_parties (territory_id);
