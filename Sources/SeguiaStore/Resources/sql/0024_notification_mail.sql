-- Notifications also go out by e-mail when the server has an SMTP relay. Each notification is
-- its own outbox entry: claimed for a few minutes by the sender (so that two servers never send
-- it twice at once), then marked sent, or failed with the reason and a later retry.
ALTER TABLE notifications ADD COLUMN mailed_at timestamptz;
ALTER TABLE notifications ADD COLUMN mail_attempts integer NOT NULL DEFAULT 0;
ALTER TABLE notifications ADD COLUMN mail_not_before timestamptz;
ALTER TABLE notifications ADD COLUMN mail_error text;
CREATE INDEX idx_notifications_unmailed ON notifications (created_at) WHERE mailed_at IS NULL;
