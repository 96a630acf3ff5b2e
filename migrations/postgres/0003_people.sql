-- Work units in a hierarchy, the people who sign in and the roles they hold in units, their
-- sessions, failed logins (to slow down guessing), the quarter workflow, and the audit trail.
-- Times are whole seconds since the Unix epoch (UTC).

CREATE TABLE units (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    parent_id BIGINT REFERENCES units (id)
);

CREATE TABLE users (
    id BIGSERIAL PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    -- Argon2id, in the PHC string format.
    password_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE grants (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    unit_id BIGINT NOT NULL REFERENCES units (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('operator', 'pimpinan', 'admin')),
    PRIMARY KEY (user_id, unit_id, role)
);

-- The cookie holds a random token; only its SHA-256 is stored.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at BIGINT NOT NULL
);

-- Failed logins in a row, per account (`user:NAME`) and per address (`addr:IP`).
CREATE TABLE login_failures (
    key TEXT PRIMARY KEY,
    failures BIGINT NOT NULL,
    last_at BIGINT NOT NULL
);

-- Every plan belongs to a unit; plans stored before units existed get a unit named after them.
ALTER TABLE plans ADD COLUMN unit_id BIGINT REFERENCES units (id);
INSERT INTO units (name) SELECT DISTINCT work_unit FROM plans;
UPDATE plans SET unit_id = (SELECT u.id FROM units u WHERE u.name = plans.work_unit);
CREATE INDEX plans_unit ON plans (unit_id);

-- A quarter with no row is a draft.
CREATE TABLE quarter_states (
    plan_id BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    quarter BIGINT NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    state TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'approved', 'returned')),
    by_name TEXT NOT NULL,
    at BIGINT NOT NULL,
    comment TEXT,
    PRIMARY KEY (plan_id, quarter)
);

-- One row per changed field, change of shape, or workflow step. The ids are not foreign keys:
-- the history of a removed indicator stays.
CREATE TABLE audit_log (
    id BIGSERIAL PRIMARY KEY,
    plan_id BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    at BIGINT NOT NULL,
    user_id BIGINT,
    user_name TEXT NOT NULL,
    goal_id BIGINT,
    indicator_id BIGINT,
    activity_id BIGINT,
    quarter BIGINT,
    place TEXT NOT NULL,
    field TEXT NOT NULL,
    old_value TEXT NOT NULL,
    new_value TEXT NOT NULL
);
CREATE INDEX audit_log_plan ON audit_log (plan_id, id);
