-- The directory of the cooperation: the people of the organisations, with their functions and
-- the roles they hold (focal point of an agreement or a practice, elected official, technical
-- staff, translator). Their contact details are personal data: read by the people signed in
-- only, never by anonymous visitors, never searched; each person's consent is recorded, and a
-- person can be exported or erased whole (people_erasures keeps that it happened, not who).
CREATE TABLE people (
    person_id bigint GENERATED ALWAYS AS IDENTITY,
    name text NOT NULL,
    job_title text,
    organisation_id bigint,
    languages text[] NOT NULL DEFAULT '{}',
    email text,
    phone text,
    consent_on date,
    consent_recorded_by text,
    consent_note text,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by text NOT NULL,
    CONSTRAINT pk_people PRIMARY KEY (person_id),
    CONSTRAINT fk_people_organisation FOREIGN KEY (organisation_id) REFERENCES organisations (organisation_id),
    CONSTRAINT ck_people_name CHECK (btrim(name) <> '' AND length(name) <= 200),
    CONSTRAINT ck_people_job_title CHECK (job_title IS NULL OR length(job_title) <= 200),
    CONSTRAINT ck_people_languages CHECK (languages <@ ARRAY['fr', 'en', 'ar']),
    CONSTRAINT ck_people_email CHECK (email IS NULL OR (length(email) <= 254 AND email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$')),
    CONSTRAINT ck_people_phone CHECK (phone IS NULL OR phone ~ '^\+?[0-9 ().-]{4,40}$')
);
CREATE INDEX idx_people_organisation_id ON people (organisation_id);

CREATE TABLE person_roles (
    person_id bigint NOT NULL,
    role text NOT NULL,
    agreement_id bigint,
    practice_id bigint,
    CONSTRAINT fk_person_roles_person FOREIGN KEY (person_id) REFERENCES people (person_id) ON DELETE CASCADE,
    CONSTRAINT fk_person_roles_agreement FOREIGN KEY (agreement_id) REFERENCES agreements (agreement_id) ON DELETE CASCADE,
    CONSTRAINT fk_person_roles_practice FOREIGN KEY (practice_id) REFERENCES practices (practice_id) ON DELETE CASCADE,
    CONSTRAINT ck_person_roles_role CHECK (role IN ('focal_point', 'elected_official', 'technical_staff', 'translator')),
    CONSTRAINT ck_person_roles_one_subject CHECK (num_nonnulls(agreement_id, practice_id) <= 1)
);
CREATE UNIQUE INDEX uq_person_roles ON person_roles (person_id, role, coalesce(agreement_id, 0), coalesce(practice_id, 0));
CREATE INDEX idx_person_roles_agreement_id ON person_roles (agreement_id) WHERE agreement_id IS NOT NULL;
CREATE INDEX idx_person_roles_practice_id ON person_roles (practice_id) WHERE practice_id IS NOT NULL;

-- That an erasure took place, when and by whom: nothing of the person erased.
CREATE TABLE people_erasures (
    erased_at timestamptz NOT NULL DEFAULT now(),
    erased_by text NOT NULL,
    roles_removed integer NOT NULL
);
