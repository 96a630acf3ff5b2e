-- The answer to an offline edit is kept per (person, client id, sequence number): a client id
-- names a tab's page load, and the same numbers sent by another person are another person's
-- edits. Each answer carries the time it was given (`created_at`, seconds since the epoch), so
-- the answers of clients not seen for a long time can be purged by (client_id, created_at).
-- Answers kept so far are dated to this migration.
ALTER TABLE sync_mutations ADD COLUMN created_at BIGINT;
UPDATE sync_mutations SET created_at = CAST(EXTRACT(EPOCH FROM now()) AS BIGINT);
ALTER TABLE sync_mutations ALTER COLUMN created_at SET NOT NULL;
ALTER TABLE sync_mutations DROP CONSTRAINT sync_mutations_pkey;
ALTER TABLE sync_mutations ADD PRIMARY KEY (user_id, client_id, seq);
-- Who used a client id (another person's is refused), and the purge by client and age.
CREATE INDEX sync_mutations_client ON sync_mutations (client_id, created_at);
