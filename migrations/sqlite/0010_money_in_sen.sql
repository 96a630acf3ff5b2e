-- Money as whole sen (hundredths of a rupiah) in 64-bit integers, so SQL can add it up exactly.
--
-- Until now amounts were stored as rust_decimal's text ("5160600000", "12.5"): exact, but no SQL
-- can sum text (PostgreSQL has no sum of text; SQLite silently turns it into a float). The
-- choice, BIGINT of sen on both databases rather than NUMERIC: SQLite has no exact decimal type
-- (its NUMERIC affinity stores "12.5" as a float), while both add integers exactly, and one
-- representation keeps one storage code for both. SQLite's sum() of integers fails with
-- "integer overflow" rather than rounding; PostgreSQL's sum(bigint) is a NUMERIC. The model
-- (`model::money::Rupiah`) refuses a third decimal and amounts of 10^16 rupiah or more, so every
-- amount it makes fits (below 10^18 sen).
--
-- Every stored amount must convert exactly, or this migration fails and changes nothing (it
-- runs in one transaction, and a failed migration stops the server's start): each old text is
-- first copied into `money_0010`, whose CHECK constraint, named for the rule, refuses anything
-- but digits with at most two significant decimals and at most 16 whole digits. Nothing is ever
-- rounded. The columns are renamed `*_sen` so that no query can take them for rupiah.
--
-- SQLite cannot change a column's type in place, and rebuilding `activities` would cascade-delete
-- its quarters and links: new columns are added, filled, and the old ones dropped.

CREATE TABLE money_0010 (
    tbl TEXT NOT NULL,
    col TEXT NOT NULL,
    row_id BIGINT NOT NULL,
    quarter BIGINT NOT NULL,
    amount TEXT NOT NULL,
    whole TEXT NOT NULL,
    fraction TEXT NOT NULL,
    PRIMARY KEY (tbl, col, row_id, quarter),
    CONSTRAINT migration_0010_amount_must_be_whole_sen_below_1e16_rupiah CHECK (
        whole <> ''
        AND whole NOT GLOB '*[^0-9]*'
        AND fraction NOT GLOB '*[^0-9]*'
        AND length(ltrim(whole, '0')) <= 16
        AND length(rtrim(fraction, '0')) <= 2
    )
);

INSERT INTO money_0010 (tbl, col, row_id, quarter, amount, whole, fraction)
SELECT tbl, col, row_id, quarter, amount,
    CASE WHEN instr(amount, '.') > 0 THEN substr(amount, 1, instr(amount, '.') - 1) ELSE amount END,
    CASE WHEN instr(amount, '.') > 0 THEN substr(amount, instr(amount, '.') + 1) ELSE '' END
FROM (
    SELECT 'activities' AS tbl, 'budget' AS col, id AS row_id, 0 AS quarter, budget AS amount
    FROM activities
    UNION ALL
    SELECT 'activities', 'blocked', id, 0, blocked FROM activities
    UNION ALL
    SELECT 'activity_quarters', 'withdrawal_plan', activity_id, quarter, withdrawal_plan
    FROM activity_quarters WHERE withdrawal_plan IS NOT NULL
    UNION ALL
    SELECT 'activity_quarters', 'realization', activity_id, quarter, realization
    FROM activity_quarters WHERE realization IS NOT NULL
);

ALTER TABLE activities ADD COLUMN budget_sen BIGINT NOT NULL DEFAULT 0 CHECK (budget_sen >= 0);
ALTER TABLE activities ADD COLUMN blocked_sen BIGINT NOT NULL DEFAULT 0 CHECK (blocked_sen >= 0);
ALTER TABLE activity_quarters ADD COLUMN withdrawal_plan_sen BIGINT CHECK (withdrawal_plan_sen >= 0);
ALTER TABLE activity_quarters ADD COLUMN realization_sen BIGINT CHECK (realization_sen >= 0);

UPDATE activities SET
    budget_sen = (
        SELECT CAST(m.whole AS INTEGER) * 100 + CAST(substr(m.fraction || '00', 1, 2) AS INTEGER)
        FROM money_0010 m
        WHERE m.tbl = 'activities' AND m.col = 'budget' AND m.row_id = activities.id
    ),
    blocked_sen = (
        SELECT CAST(m.whole AS INTEGER) * 100 + CAST(substr(m.fraction || '00', 1, 2) AS INTEGER)
        FROM money_0010 m
        WHERE m.tbl = 'activities' AND m.col = 'blocked' AND m.row_id = activities.id
    );

UPDATE activity_quarters SET
    withdrawal_plan_sen = (
        SELECT CAST(m.whole AS INTEGER) * 100 + CAST(substr(m.fraction || '00', 1, 2) AS INTEGER)
        FROM money_0010 m
        WHERE m.tbl = 'activity_quarters' AND m.col = 'withdrawal_plan'
            AND m.row_id = activity_quarters.activity_id AND m.quarter = activity_quarters.quarter
    ),
    realization_sen = (
        SELECT CAST(m.whole AS INTEGER) * 100 + CAST(substr(m.fraction || '00', 1, 2) AS INTEGER)
        FROM money_0010 m
        WHERE m.tbl = 'activity_quarters' AND m.col = 'realization'
            AND m.row_id = activity_quarters.activity_id AND m.quarter = activity_quarters.quarter
    );

DROP TABLE money_0010;
ALTER TABLE activities DROP COLUMN budget;
ALTER TABLE activities DROP COLUMN blocked;
ALTER TABLE activity_quarters DROP COLUMN withdrawal_plan;
ALTER TABLE activity_quarters DROP COLUMN realization;

-- The roll-up reads plans by unit and year, and links by activity.
CREATE INDEX plans_year_unit ON plans (fiscal_year, unit_id);
CREATE INDEX indicator_activities_activity ON indicator_activities (activity_id);
