-- Plans as the sheet holds them. Money and decimals are stored as canonical decimal text
-- (rust_decimal's own representation), so no value ever passes through a float.

CREATE TABLE plans (
    id BIGSERIAL PRIMARY KEY,
    work_unit TEXT NOT NULL,
    fiscal_year BIGINT NOT NULL,
    title TEXT NOT NULL,
    signatory_position TEXT,
    signatory_name TEXT,
    signatory_nip TEXT,
    place_date TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (work_unit, fiscal_year)
);

CREATE TABLE goals (
    id BIGSERIAL PRIMARY KEY,
    plan_id BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    number BIGINT NOT NULL,
    title TEXT NOT NULL
);
CREATE INDEX goals_plan ON goals (plan_id, position);

CREATE TABLE indicators (
    id BIGSERIAL PRIMARY KEY,
    goal_id BIGINT NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    number BIGINT NOT NULL,
    name TEXT NOT NULL,
    target_value TEXT NOT NULL,
    target_unit TEXT NOT NULL,
    formula TEXT NOT NULL,
    numerator_label TEXT NOT NULL,
    denominator_label TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('ratio', 'count')),
    polarity TEXT NOT NULL CHECK (polarity IN ('higher_is_better', 'lower_is_better')),
    aggregation TEXT NOT NULL CHECK (aggregation IN ('sum', 'last', 'average'))
);
CREATE INDEX indicators_goal ON indicators (goal_id, position);

CREATE TABLE indicator_quarters (
    indicator_id BIGINT NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    quarter BIGINT NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    planned_work TEXT NOT NULL,
    numerator TEXT,
    denominator TEXT,
    achievement TEXT NOT NULL,
    evidence TEXT NOT NULL,
    status TEXT CHECK (status IN ('not_started', 'running', 'done')),
    note TEXT NOT NULL,
    PRIMARY KEY (indicator_id, quarter)
);

CREATE TABLE activities (
    id BIGSERIAL PRIMARY KEY,
    plan_id BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    name TEXT NOT NULL,
    budget TEXT NOT NULL,
    blocked TEXT NOT NULL
);
CREATE INDEX activities_plan ON activities (plan_id, position);

CREATE TABLE activity_quarters (
    activity_id BIGINT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    quarter BIGINT NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    withdrawal_plan TEXT,
    realization TEXT,
    PRIMARY KEY (activity_id, quarter)
);

-- One activity may fund several indicators: linked, never copied.
CREATE TABLE indicator_activities (
    indicator_id BIGINT NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    activity_id BIGINT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    PRIMARY KEY (indicator_id, activity_id)
);
