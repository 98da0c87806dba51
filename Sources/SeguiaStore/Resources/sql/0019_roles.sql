-- Roles for people and tokens: reader, contributor, reviewer, publisher, admin. What an
-- "editor" token could do is what a publisher may: such tokens keep their powers.
ALTER TABLE api_tokens DROP CONSTRAINT ck_api_tokens_role;
UPDATE api_tokens SET role = 'publisher' WHERE role = 'editor';
ALTER TABLE api_tokens ADD CONSTRAINT ck_api_tokens_role CHECK (role IN ('reader', 'contributor', 'reviewer', 'publisher', 'admin'));
