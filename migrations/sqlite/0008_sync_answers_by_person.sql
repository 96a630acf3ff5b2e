-- The answer to an offline edit is kept per (person, client id, sequence number): a client id
-- names a tab's page load, and the same numbers sent by another person are another person's
-- edits. Each answer carries the time it was given (`created_at`, seconds since the epoch), so
-- the answers of clients not seen for a long time can be purged by (client_id, created_at).
-- SQLite cannot change a primary key in place: the table is rebuilt; answers kept so far are
-- dated to this migration.
CREATE TABLE sync_mutations_by_person (
    user_id BIGINT NOT NULL,
    client_id TEXT NOT NULL,
    seq BIGINT NOT NULL,
    plan_id BIGINT NOT NULL,
    -- The answer (`model::sync::Outcome`, JSON), replayed to a repeated request.
    outcome TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, client_id, seq)
);
INSERT INTO sync_mutations_by_person (user_id, client_id, seq, plan_id, outcome, created_at)
SELECT user_id, client_id, seq, plan_id, outcome, CAST(strftime('%s', 'now') AS INTEGER)
FROM sync_mutations;
DROP TABLE sync_mutations;
ALTER TABLE sync_mutations_by_person RENAME TO sync_mutations;
-- Who used a client id (another person's is refused), and the purge by client and age.
CREATE INDEX sync_mutations_client ON sync_mutations (client_id, created_at);
