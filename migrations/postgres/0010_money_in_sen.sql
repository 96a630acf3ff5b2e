-- Money as whole sen (hundredths of a rupiah) in 64-bit integers, so SQL can add it up exactly.
--
-- Until now amounts were stored as rust_decimal's text ("5160600000", "12.5"): exact, but no SQL
-- can sum text. The choice, BIGINT of sen on both databases rather than NUMERIC: SQLite has no
-- exact decimal type, both add integers exactly, and one representation keeps one storage code
-- for both (the SQLite migration says more). PostgreSQL's sum(bigint) is an exact NUMERIC. The
-- model (`model::money::Rupiah`) refuses a third decimal and amounts of 10^16 rupiah or more, so
-- every amount it makes fits (below 10^18 sen).
--
-- Every stored amount must convert exactly, or this migration fails and changes nothing (one
-- transaction; a failed migration stops the server's start): the first statement raises an
-- error naming the first amount that is not digits with at most two significant decimals and at
-- most 16 whole digits. Nothing is ever rounded. The columns are renamed `*_sen` so that no
-- query can take them for rupiah.

DO $$
DECLARE
    bad RECORD;
BEGIN
    SELECT m.tbl, m.col, m.amount INTO bad
    FROM (
        SELECT 'activities' AS tbl, 'budget' AS col, budget AS amount FROM activities
        UNION ALL
        SELECT 'activities', 'blocked', blocked FROM activities
        UNION ALL
        SELECT 'activity_quarters', 'withdrawal_plan', withdrawal_plan
        FROM activity_quarters WHERE withdrawal_plan IS NOT NULL
        UNION ALL
        SELECT 'activity_quarters', 'realization', realization
        FROM activity_quarters WHERE realization IS NOT NULL
    ) m
    WHERE NOT (
        m.amount ~ '^[0-9]+(\.[0-9]+)?$'
        AND length(ltrim(split_part(m.amount, '.', 1), '0')) <= 16
        AND length(rtrim(split_part(m.amount, '.', 2), '0')) <= 2
    )
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'migration 0010: %.% holds "%", which is not an amount in whole sen below 10^16 rupiah; nothing was changed',
            bad.tbl, bad.col, bad.amount;
    END IF;
END
$$;

ALTER TABLE activities
    ALTER COLUMN budget TYPE BIGINT USING (budget::NUMERIC * 100)::BIGINT,
    ALTER COLUMN blocked TYPE BIGINT USING (blocked::NUMERIC * 100)::BIGINT;
ALTER TABLE activities RENAME COLUMN budget TO budget_sen;
ALTER TABLE activities RENAME COLUMN blocked TO blocked_sen;
ALTER TABLE activities
    ADD CHECK (budget_sen >= 0),
    ADD CHECK (blocked_sen >= 0);

ALTER TABLE activity_quarters
    ALTER COLUMN withdrawal_plan TYPE BIGINT USING (withdrawal_plan::NUMERIC * 100)::BIGINT,
    ALTER COLUMN realization TYPE BIGINT USING (realization::NUMERIC * 100)::BIGINT;
ALTER TABLE activity_quarters RENAME COLUMN withdrawal_plan TO withdrawal_plan_sen;
ALTER TABLE activity_quarters RENAME COLUMN realization TO realization_sen;
ALTER TABLE activity_quarters
    ADD CHECK (withdrawal_plan_sen >= 0),
    ADD CHECK (realization_sen >= 0);

-- The roll-up reads plans by unit and year, and links by activity.
CREATE INDEX plans_year_unit ON plans (fiscal_year, unit_id);
CREATE INDEX indicator_activities_activity ON indicator_activities (activity_id);
