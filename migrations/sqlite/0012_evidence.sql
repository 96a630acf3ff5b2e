-- Evidence (data dukung, issue 18): files and links per indicator or activity quarter.
-- A file's bytes live in the database, in chunks of 256 KiB, under their SHA-256: one node on
-- SQLite and several app servers on one PostgreSQL see the same files, and a backup of the
-- database carries them. The same file attached twice is stored once.

-- One stored file. `sha256` is NULL while an upload is being written (its chunks arrive
-- before the hash is known); an upload that never finishes is removed by the purge.
-- Plain INTEGER PRIMARY KEY (no AUTOINCREMENT): a refused upload leaves no trace, not even a
-- counter; a blob's id is never shown.
CREATE TABLE evidence_blobs (
    id INTEGER PRIMARY KEY,
    sha256 TEXT UNIQUE,
    size BIGINT NOT NULL DEFAULT 0,
    started_at BIGINT NOT NULL
);

CREATE TABLE evidence_chunks (
    blob_id BIGINT NOT NULL REFERENCES evidence_blobs (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    bytes BLOB NOT NULL,
    PRIMARY KEY (blob_id, seq)
);

-- One attachment. `sha256` names its bytes without a foreign key on purpose: bytes that went
-- missing leave the row listed as "berkas hilang", never a failure.
CREATE TABLE evidence (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    indicator_id BIGINT REFERENCES indicators (id) ON DELETE CASCADE,
    activity_id BIGINT REFERENCES activities (id) ON DELETE CASCADE,
    quarter BIGINT NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    kind TEXT NOT NULL CHECK (kind IN ('pdf', 'png', 'jpeg', 'docx', 'xlsx', 'link')),
    name TEXT NOT NULL,
    caption TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT,
    link TEXT,
    added_by BIGINT NOT NULL,
    added_by_name TEXT NOT NULL,
    added_at BIGINT NOT NULL,
    CHECK ((indicator_id IS NULL) <> (activity_id IS NULL)),
    CHECK ((sha256 IS NULL) <> (link IS NULL))
);
CREATE INDEX evidence_plan ON evidence (plan_id, quarter);
CREATE INDEX evidence_sha256 ON evidence (sha256);
