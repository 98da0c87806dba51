-- Meetings of an agreement or a practice (steering committees, monthly calls, missions'
-- restitutions): a dated entry with its minutes attached as a document. With the documents and
-- the sheets' revisions they make the activity a partner who missed a month reads.
CREATE TABLE meetings (
    meeting_id bigint GENERATED ALWAYS AS IDENTITY,
    agreement_id bigint,
    practice_id bigint,
    held_on date NOT NULL,
    title text NOT NULL,
    place text,
    minutes_document_id bigint,
    confidentiality text NOT NULL DEFAULT 'partners',
    organisation_id bigint,
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by text NOT NULL,
    CONSTRAINT pk_meetings PRIMARY KEY (meeting_id),
    CONSTRAINT fk_meetings_agreement FOREIGN KEY (agreement_id) REFERENCES agreements (agreement_id) ON DELETE CASCADE,
    CONSTRAINT fk_meetings_practice FOREIGN KEY (practice_id) REFERENCES practices (practice_id) ON DELETE CASCADE,
    CONSTRAINT fk_meetings_minutes FOREIGN KEY (minutes_document_id) REFERENCES documents (document_id) ON DELETE SET NULL,
    CONSTRAINT fk_meetings_organisation FOREIGN KEY (organisation_id) REFERENCES organisations (organisation_id),
    CONSTRAINT ck_meetings_one_subject CHECK (num_nonnulls(agreement_id, practice_id) = 1),
    CONSTRAINT ck_meetings_title CHECK (btrim(title) <> '' AND length(title) <= 300),
    CONSTRAINT ck_meetings_place CHECK (place IS NULL OR length(place) <= 300),
    CONSTRAINT ck_meetings_confidentiality CHECK (confidentiality IN ('public', 'partners', 'private'))
);
CREATE INDEX idx_meetings_agreement_id ON meetings (agreement_id, held_on DESC) WHERE agreement_id IS NOT NULL;
CREATE INDEX idx_meetings_practice_id ON meetings (practice_id, held_on DESC) WHERE practice_id IS NOT NULL;
