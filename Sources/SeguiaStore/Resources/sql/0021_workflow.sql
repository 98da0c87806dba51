-- Each revision records the editorial step it was (submitted, returned, published…), the message
-- that came with it, and the account that made it; notifications tell people what awaits them.
ALTER TABLE practice_revisions ADD COLUMN workflow_step text NOT NULL DEFAULT 'edited';
ALTER TABLE practice_revisions ADD COLUMN message text;
ALTER TABLE practice_revisions ADD COLUMN author_user_id bigint;
ALTER TABLE practice_revisions ADD CONSTRAINT ck_practice_revisions_workflow_step
    CHECK (workflow_step IN ('created', 'edited', 'submitted', 'returned', 'published', 'withdrawn', 'archived', 'restored'));
ALTER TABLE practice_revisions ADD CONSTRAINT fk_practice_revisions_author_user FOREIGN KEY (author_user_id) REFERENCES users (user_id);
UPDATE practice_revisions SET workflow_step = 'created' WHERE revision = 1;
CREATE INDEX idx_practice_revisions_author_user_id ON practice_revisions (author_user_id) WHERE author_user_id IS NOT NULL;

CREATE TABLE notifications (
    notification_id bigint GENERATED ALWAYS AS IDENTITY,
    user_id bigint NOT NULL,
    practice_id bigint NOT NULL,
    revision integer NOT NULL,
    workflow_step text NOT NULL,
    actor text NOT NULL,
    message text,
    created_at timestamptz NOT NULL DEFAULT now(),
    read_at timestamptz,
    CONSTRAINT pk_notifications PRIMARY KEY (notification_id),
    CONSTRAINT fk_notifications_user FOREIGN KEY (user_id) REFERENCES users (user_id) ON DELETE CASCADE,
    CONSTRAINT fk_notifications_revision FOREIGN KEY (practice_id, revision) REFERENCES practice_revisions (practice_id, revision)
);

CREATE INDEX idx_notifications_user_unread ON notifications (user_id, created_at DESC) WHERE read_at IS NULL;
CREATE INDEX idx_notifications_user ON notifications (user_id, created_at DESC);
