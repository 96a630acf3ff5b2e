-- Safe to run with real people (issue 11).

-- Who created each person (an admin manages a person with no role only when they created them,
-- or are above whoever did; NULL: made from the command line or as demo data), and accounts an
-- admin has disabled (NULL: active).
ALTER TABLE users ADD COLUMN created_by BIGINT REFERENCES users (id);
ALTER TABLE users ADD COLUMN disabled_at BIGINT;

-- Unit names are unique across the whole tree, whatever their case and spacing
-- (`model::administer::unit_name_key`; the backfill collapses runs of up to eight spaces).
ALTER TABLE units ADD COLUMN name_key TEXT;
UPDATE units SET name_key = lower(replace(replace(replace(trim(name), '  ', ' '), '  ', ' '), '  ', ' '));
CREATE UNIQUE INDEX units_by_name_key ON units (name_key);

-- A unit has one plan a year, whatever its header says.
CREATE UNIQUE INDEX plans_unit_year ON plans (unit_id, fiscal_year);

-- What admins did: units and people created, roles granted and revoked, passwords reset,
-- accounts disabled. `unit_id` is the unit concerned, which decides which admins see the line.
CREATE TABLE admin_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at BIGINT NOT NULL,
    user_id BIGINT,
    user_name TEXT NOT NULL,
    action TEXT NOT NULL,
    unit_id BIGINT,
    target_user_id BIGINT,
    detail TEXT NOT NULL
);
CREATE INDEX admin_log_unit ON admin_log (unit_id, id);
