-- The roll-up's indicator standings and the report deadlines (issue 17).
--
-- plan_standings: per plan and quarter, how many indicators have met their target, are close,
-- are behind, or have nothing entered up to the quarter (`model::dashboard::standing_counts`,
-- judged by the default `StandingThresholds`). Written by every write to the plan in its own
-- transaction, so the roll-up counts them in SQL without loading a plan. A plan stored before
-- this migration gets its rows when the server starts (`Store::fill_missing_standings`).
CREATE TABLE plan_standings (
    plan_id BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    quarter BIGINT NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    met BIGINT NOT NULL CHECK (met >= 0),
    close BIGINT NOT NULL CHECK (close >= 0),
    behind BIGINT NOT NULL CHECK (behind >= 0),
    unreported BIGINT NOT NULL CHECK (unreported >= 0),
    PRIMARY KEY (plan_id, quarter)
);

-- report_deadlines: the last day (YYYY-MM-DD, in each unit's own zone) on which a quarter's
-- report may be approved. A year or quarter without a row has the quarter's last day, the rule
-- the dashboard uses for due reports (`model::deadlines::ReportDeadlines::default_for`).
CREATE TABLE report_deadlines (
    fiscal_year BIGINT NOT NULL,
    quarter BIGINT NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    due_on TEXT NOT NULL,
    PRIMARY KEY (fiscal_year, quarter)
);
