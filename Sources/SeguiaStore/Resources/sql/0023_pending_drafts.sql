-- The next version of a published sheet. Changing a published sheet does not touch what readers
-- see: the change starts (or continues) its pending draft, which goes through review and, once
-- published, replaces the published text. Until then the practices row and its tables stay the
-- published version; search, pages and exports read only them.
CREATE TABLE practice_drafts (
    practice_id bigint NOT NULL,
    -- The whole draft in practice_snapshot()'s shape; its status is draft or in_review.
    content jsonb NOT NULL,
    -- The revision of the published text the draft was started from.
    started_from integer NOT NULL,
    started_at timestamptz NOT NULL DEFAULT now(),
    started_by text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by text NOT NULL,
    CONSTRAINT pk_practice_drafts PRIMARY KEY (practice_id),
    CONSTRAINT fk_practice_drafts_practice FOREIGN KEY (practice_id) REFERENCES practices (practice_id) ON DELETE CASCADE,
    CONSTRAINT ck_practice_drafts_status CHECK (content ->> 'status' IN ('draft', 'in_review'))
);

-- A revision is of the published sheet or of its pending draft; 'discarded' drops a pending draft.
ALTER TABLE practice_revisions ADD COLUMN of_pending_draft boolean NOT NULL DEFAULT false;
ALTER TABLE practice_revisions DROP CONSTRAINT ck_practice_revisions_workflow_step;
ALTER TABLE practice_revisions ADD CONSTRAINT ck_practice_revisions_workflow_step
    CHECK (workflow_step IN ('created', 'edited', 'submitted', 'returned', 'published', 'withdrawn', 'archived', 'restored', 'discarded'));
