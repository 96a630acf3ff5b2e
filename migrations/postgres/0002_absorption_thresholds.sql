-- Absorption targets per fiscal year (target penyerapan, cumulative percent at the end of each
-- quarter), set by an admin. A year without a row uses the defaults (15, 40, 60, 90). Stored as
-- decimal text, like every other figure.

CREATE TABLE absorption_thresholds (
    fiscal_year BIGINT PRIMARY KEY,
    q1 TEXT NOT NULL,
    q2 TEXT NOT NULL,
    q3 TEXT NOT NULL,
    q4 TEXT NOT NULL
);
