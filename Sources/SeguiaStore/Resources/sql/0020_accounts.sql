-- People who sign in, their sessions, and the slowing of sign-in attempts after failures.

-- Passwords are hashed by pgcrypto's bcrypt (a trusted extension: a database owner may add it).
CREATE EXTENSION IF NOT EXISTS pgcrypto;

CREATE TABLE users (
    user_id bigint GENERATED ALWAYS AS IDENTITY,
    email text NOT NULL,
    name text NOT NULL,
    organisation_id bigint,
    role text NOT NULL,
    languages text[] NOT NULL DEFAULT '{}',
    -- bcrypt (pgcrypto's crypt with gen_salt('bf')) of the password's SHA-256 in base64: bcrypt
    -- reads 72 bytes at most, and an Arabic passphrase passes 72 bytes in 36 letters.
    password_hash text NOT NULL,
    password_changed_at timestamptz NOT NULL DEFAULT now(),
    created_at timestamptz NOT NULL DEFAULT now(),
    disabled_at timestamptz,
    CONSTRAINT pk_users PRIMARY KEY (user_id),
    CONSTRAINT fk_users_organisation FOREIGN KEY (organisation_id) REFERENCES organisations (organisation_id),
    CONSTRAINT ck_users_role CHECK (role IN ('reader', 'contributor', 'reviewer', 'publisher', 'admin')),
    CONSTRAINT ck_users_languages CHECK (languages <@ ARRAY['fr', 'en', 'ar']),
    CONSTRAINT ck_users_email CHECK (email ~ '^[^@\s]+@[^@\s]+$' AND length(email) <= 254),
    CONSTRAINT ck_users_name_not_blank CHECK (btrim(name) <> '')
);

-- One account per address, whatever its case.
CREATE UNIQUE INDEX uq_users_email ON users (lower(email));

-- A session is a random secret in an HttpOnly cookie; only its SHA-256 is kept. It ends when
-- idle for `idle_until`, or at `expires_at` whatever happens.
CREATE TABLE user_sessions (
    session_id bigint GENERATED ALWAYS AS IDENTITY,
    user_id bigint NOT NULL,
    secret_hash text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    idle_until timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    user_agent text,
    CONSTRAINT pk_user_sessions PRIMARY KEY (session_id),
    CONSTRAINT uq_user_sessions_secret_hash UNIQUE (secret_hash),
    CONSTRAINT fk_user_sessions_user FOREIGN KEY (user_id) REFERENCES users (user_id) ON DELETE CASCADE
);

CREATE INDEX idx_user_sessions_user_id ON user_sessions (user_id);

-- Failed sign-ins per address, known or not (so that the answer does not tell which addresses
-- have an account): past a few, the next attempt waits longer each time.
CREATE TABLE sign_in_failures (
    email_key text NOT NULL,
    failures integer NOT NULL DEFAULT 0,
    last_failed_at timestamptz NOT NULL DEFAULT now(),
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_sign_in_failures PRIMARY KEY (email_key)
);

-- Tokens made by a person on their account page act as that person, and may expire.
ALTER TABLE api_tokens ADD COLUMN user_id bigint;
ALTER TABLE api_tokens ADD COLUMN expires_at timestamptz;
ALTER TABLE api_tokens ADD CONSTRAINT fk_api_tokens_user FOREIGN KEY (user_id) REFERENCES users (user_id);
CREATE INDEX idx_api_tokens_user_id ON api_tokens (user_id);

-- A token's name is unique among its owner's active tokens (the command line's among its own).
DROP INDEX idx_api_tokens_name_active;
CREATE UNIQUE INDEX idx_api_tokens_name_active ON api_tokens (coalesce(user_id, 0), name) WHERE revoked_at IS NULL;
