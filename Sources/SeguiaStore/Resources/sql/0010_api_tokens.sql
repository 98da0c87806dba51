-- Bearer tokens for the API. Only a SHA-256 hash of each token is kept: the token itself is
-- shown once, when it is created.
CREATE TABLE api_tokens (
    token_id bigint GENERATED ALWAYS AS IDENTITY,
    name text NOT NULL,
    role text NOT NULL,
    organisation_id bigint,
    token_hash text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at timestamptz,
    CONSTRAINT pk_api_tokens PRIMARY KEY (token_id),
    CONSTRAINT uq_api_tokens_token_hash UNIQUE (token_hash),
    CONSTRAINT fk_api_tokens_organisation FOREIGN KEY (organisation_id) REFERENCES organisations (organisation_id),
    CONSTRAINT ck_api_tokens_role CHECK (role IN ('reader', 'editor', 'admin')),
    CONSTRAINT ck_api_tokens_name_not_blank CHECK (btrim(name) <> '')
);

-- A name is reused only once its previous token is revoked.
CREATE UNIQUE INDEX idx_api_tokens_name_active ON api_tokens (name) WHERE revoked_at IS NULL;
