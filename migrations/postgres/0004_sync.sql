-- Offline sync. Every write to a plan bumps its revision (the pull cursor); every field changed
-- gets a version, and the revision it changed in. Each (client, sequence number) is applied at
-- most once: its answer is kept and replayed. Conflicts wait for a person.

ALTER TABLE plans ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;

CREATE TABLE field_versions (
    plan_id BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    field_key TEXT NOT NULL,
    -- The field, as JSON (`model::edit::Field`), so a pull can say which field changed.
    field TEXT NOT NULL,
    version BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (plan_id, field_key)
);
CREATE INDEX field_versions_revision ON field_versions (plan_id, revision);

CREATE TABLE sync_mutations (
    client_id TEXT NOT NULL,
    seq BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    plan_id BIGINT NOT NULL,
    -- The answer (`model::sync::Outcome`, JSON), replayed to a repeated request.
    outcome TEXT NOT NULL,
    PRIMARY KEY (client_id, seq)
);

CREATE TABLE sync_conflicts (
    id BIGSERIAL PRIMARY KEY,
    plan_id BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    field_key TEXT NOT NULL,
    field TEXT NOT NULL,
    place TEXT NOT NULL,
    label TEXT NOT NULL,
    mine TEXT NOT NULL,
    theirs TEXT NOT NULL,
    base_version BIGINT NOT NULL,
    server_version BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    user_name TEXT NOT NULL,
    at BIGINT NOT NULL,
    resolved_at BIGINT,
    resolved_by TEXT,
    resolution TEXT
);
CREATE INDEX sync_conflicts_open ON sync_conflicts (plan_id, resolved_at);
