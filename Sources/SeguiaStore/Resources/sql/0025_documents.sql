-- Project documents: mission reports, minutes, agreements, presentations, photos… The bytes live
-- in the database, in chunks of bytea, so that a backup of the database is a backup of every
-- file; a file uploaded twice (same SHA-256) is stored once and shared by its documents.
CREATE TABLE document_blobs (
    blob_id bigint GENERATED ALWAYS AS IDENTITY,
    sha256 bytea NOT NULL,
    byte_count bigint NOT NULL,
    chunk_size integer NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_document_blobs PRIMARY KEY (blob_id),
    CONSTRAINT uq_document_blobs_sha256 UNIQUE (sha256),
    CONSTRAINT ck_document_blobs_sha256 CHECK (length(sha256) = 32),
    CONSTRAINT ck_document_blobs_byte_count CHECK (byte_count >= 0),
    CONSTRAINT ck_document_blobs_chunk_size CHECK (chunk_size > 0)
);

CREATE TABLE document_blob_chunks (
    blob_id bigint NOT NULL,
    chunk_number integer NOT NULL,
    bytes bytea NOT NULL,
    CONSTRAINT pk_document_blob_chunks PRIMARY KEY (blob_id, chunk_number),
    CONSTRAINT fk_document_blob_chunks_blob FOREIGN KEY (blob_id) REFERENCES document_blobs (blob_id) ON DELETE CASCADE
);
-- Most of these files are compressed already (PDF, OOXML, ODF, JPEG): stored out of line
-- without another compression attempt.
ALTER TABLE document_blob_chunks ALTER COLUMN bytes SET STORAGE EXTERNAL;

CREATE TABLE documents (
    document_id bigint GENERATED ALWAYS AS IDENTITY,
    blob_id bigint NOT NULL,
    title text NOT NULL,
    file_name text NOT NULL,
    media_type text NOT NULL,
    kind text NOT NULL DEFAULT 'other',
    language text,
    document_date date,
    confidentiality text NOT NULL DEFAULT 'partners',
    -- The organisation the document belongs to (its uploader's): who may change it, and who
    -- reads it when it is private.
    organisation_id bigint,
    -- The original of which this document is a version in another language.
    translation_of bigint,
    tags text[] NOT NULL DEFAULT '{}',
    extracted_text text,
    search_vector tsvector NOT NULL DEFAULT ''::tsvector,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by text NOT NULL,
    created_by_user_id bigint,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by text NOT NULL,
    CONSTRAINT pk_documents PRIMARY KEY (document_id),
    CONSTRAINT fk_documents_blob FOREIGN KEY (blob_id) REFERENCES document_blobs (blob_id),
    CONSTRAINT fk_documents_organisation FOREIGN KEY (organisation_id) REFERENCES organisations (organisation_id),
    CONSTRAINT fk_documents_translation_of FOREIGN KEY (translation_of) REFERENCES documents (document_id) ON DELETE SET NULL,
    CONSTRAINT fk_documents_created_by_user FOREIGN KEY (created_by_user_id) REFERENCES users (user_id),
    CONSTRAINT ck_documents_title CHECK (btrim(title) <> '' AND length(title) <= 300),
    CONSTRAINT ck_documents_file_name CHECK (btrim(file_name) <> '' AND length(file_name) <= 255 AND position('/' IN file_name) = 0),
    CONSTRAINT ck_documents_kind CHECK (kind IN ('mission_report', 'meeting_minutes', 'agreement', 'translated_summary', 'presentation', 'photo', 'other')),
    CONSTRAINT ck_documents_language CHECK (language IS NULL OR language IN ('fr', 'en', 'ar')),
    CONSTRAINT ck_documents_confidentiality CHECK (confidentiality IN ('public', 'partners', 'private')),
    CONSTRAINT ck_documents_not_own_translation CHECK (translation_of IS NULL OR translation_of <> document_id)
);
CREATE INDEX idx_documents_search_vector ON documents USING gin (search_vector);
CREATE INDEX idx_documents_blob_id ON documents (blob_id);
CREATE INDEX idx_documents_translation_of ON documents (translation_of) WHERE translation_of IS NOT NULL;
CREATE INDEX idx_documents_kind ON documents (kind);

-- What a document is about: each row names one practice, agreement, organisation or territory.
CREATE TABLE document_links (
    document_id bigint NOT NULL,
    practice_id bigint,
    agreement_id bigint,
    organisation_id bigint,
    territory_id bigint,
    CONSTRAINT fk_document_links_document FOREIGN KEY (document_id) REFERENCES documents (document_id) ON DELETE CASCADE,
    CONSTRAINT fk_document_links_practice FOREIGN KEY (practice_id) REFERENCES practices (practice_id) ON DELETE CASCADE,
    CONSTRAINT fk_document_links_agreement FOREIGN KEY (agreement_id) REFERENCES agreements (agreement_id) ON DELETE CASCADE,
    CONSTRAINT fk_document_links_organisation FOREIGN KEY (organisation_id) REFERENCES organisations (organisation_id),
    CONSTRAINT fk_document_links_territory FOREIGN KEY (territory_id) REFERENCES territories (territory_id),
    CONSTRAINT ck_document_links_one_target CHECK (num_nonnulls(practice_id, agreement_id, organisation_id, territory_id) = 1)
);
CREATE UNIQUE INDEX uq_document_links_practice ON document_links (practice_id, document_id) WHERE practice_id IS NOT NULL;
CREATE UNIQUE INDEX uq_document_links_agreement ON document_links (agreement_id, document_id) WHERE agreement_id IS NOT NULL;
CREATE UNIQUE INDEX uq_document_links_organisation ON document_links (organisation_id, document_id) WHERE organisation_id IS NOT NULL;
CREATE UNIQUE INDEX uq_document_links_territory ON document_links (territory_id, document_id) WHERE territory_id IS NOT NULL;
CREATE INDEX idx_document_links_document_id ON document_links (document_id);

-- The search document of a document: title (A), tags (B), the text read from the file (C), in
-- the document's language (French when unknown); the text is cut where a tsvector's limit lies.
CREATE FUNCTION document_search_vector(title text, tags text[], body text, language text) RETURNS tsvector
LANGUAGE sql STABLE
AS $$
    SELECT setweight(to_tsvector(seguia_search_config(coalesce(language, 'fr')), title), 'A')
        || setweight(to_tsvector(seguia_search_config(coalesce(language, 'fr')), array_to_string(tags, ' ')), 'B')
        || setweight(to_tsvector(seguia_search_config(coalesce(language, 'fr')), left(coalesce(body, ''), 400000)), 'C')
$$;
