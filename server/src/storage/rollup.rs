//! The roll-up's figures (`/unit/{id}`): for every plan of a year in a unit's subtree, its
//! quarter state and its sums, added up by the database (money is whole sen, migration 0010).
//! Each activity is summed once from `activities`, never through its links to indicators, so an
//! activity shared by several indicators counts once. No plan is loaded.

use super::codec;
use super::plan_write::StateRow;
use super::{Store, StoreError};
use model::dashboard::StandingCounts;
use model::rollup::{LastChange, PlanFigures};
use model::time::Timestamp;
use model::workflow::QuarterState;
use model::{PlanId, Quarter, UnitId};
use std::collections::HashMap;

/// Every plan of `year` of `root` and the units below it (walked by `parent_id`), with: its
/// state in `quarter`, its activities' pagu and blokir, the realization of the quarters up to
/// `quarter`, the activities whose RPD does not add up to their pagu, the open conflicts, the
/// newest audit line, and its indicators by standing at the end of `quarter` (kept by every
/// write, `plan_standings`). Each sum is a subquery of one plan, found through an index, so the
/// cost follows the plans in reach: joined as whole-table aggregates, PostgreSQL's planner could
/// not estimate the recursive reach and nested the tables under it (seconds on 5,000 plans).
const FIGURES: &str = "\
WITH RECURSIVE reach (id) AS (
    SELECT id FROM units WHERE id = $1
    UNION ALL
    SELECT u.id FROM units u JOIN reach r ON u.parent_id = r.id
)
SELECT y.unit_id, y.id AS plan_id,
    s.state, s.by_name, s.at, s.comment,
    CAST((SELECT COUNT(*) FROM activities a WHERE a.plan_id = y.id) AS BIGINT) AS activities,
    CAST(COALESCE((SELECT SUM(a.budget_sen) FROM activities a WHERE a.plan_id = y.id), 0)
        AS BIGINT) AS budget_sen,
    CAST(COALESCE((SELECT SUM(a.blocked_sen) FROM activities a WHERE a.plan_id = y.id), 0)
        AS BIGINT) AS blocked_sen,
    CAST(COALESCE((SELECT SUM(q.realization_sen) FROM activities a
        JOIN activity_quarters q ON q.activity_id = a.id
        WHERE a.plan_id = y.id AND q.quarter <= $3), 0) AS BIGINT) AS realized_sen,
    CAST((SELECT COUNT(*) FROM activities a WHERE a.plan_id = y.id AND a.budget_sen <> (
        SELECT COALESCE(SUM(q.withdrawal_plan_sen), 0) FROM activity_quarters q
        WHERE q.activity_id = a.id)) AS BIGINT) AS rpd_mismatches,
    CAST((SELECT COUNT(*) FROM sync_conflicts c
        WHERE c.plan_id = y.id AND c.resolved_at IS NULL) AS BIGINT) AS open_conflicts,
    l.user_name AS last_by, l.at AS last_at, l.id AS last_line,
    CAST(COALESCE(st.met, 0) AS BIGINT) AS met,
    CAST(COALESCE(st.close, 0) AS BIGINT) AS close,
    CAST(COALESCE(st.behind, 0) AS BIGINT) AS behind,
    CAST(COALESCE(st.unreported, 0) AS BIGINT) AS unreported
FROM plans y
LEFT JOIN quarter_states s ON s.plan_id = y.id AND s.quarter = $4
LEFT JOIN audit_log l ON l.id = (SELECT MAX(n.id) FROM audit_log n WHERE n.plan_id = y.id)
LEFT JOIN plan_standings st ON st.plan_id = y.id AND st.quarter = $4
WHERE y.fiscal_year = $2 AND y.unit_id IN (SELECT id FROM reach)
    AND ($5 = 0 OR y.unit_id = $1)";

impl Store {
    /// Each unit's plan of `year` in the subtree of `root`, summed for `quarter`. Unchecked:
    /// the caller decides which units the person may see (`PlanBackend::rollup`).
    pub async fn rollup_figures_unchecked(
        &self,
        root: UnitId,
        year: i32,
        quarter: Quarter,
    ) -> Result<HashMap<UnitId, PlanFigures>, StoreError> {
        self.figures(root, year, quarter, false).await
    }

    /// The figures of `unit`'s own plan of `year` alone (what a live roll-up fetches when the
    /// plan is saved); `None` without one.
    pub async fn unit_figures_unchecked(
        &self,
        unit: UnitId,
        year: i32,
        quarter: Quarter,
    ) -> Result<Option<PlanFigures>, StoreError> {
        Ok(self.figures(unit, year, quarter, true).await?.remove(&unit))
    }

    async fn figures(
        &self,
        root: UnitId,
        year: i32,
        quarter: Quarter,
        only_root: bool,
    ) -> Result<HashMap<UnitId, PlanFigures>, StoreError> {
        let number = i64::from(quarter.number());
        let rows: Vec<FiguresRow> = sqlx::query_as(FIGURES)
            .bind(root.0)
            .bind(i64::from(year))
            .bind(number)
            .bind(number)
            .bind(i64::from(only_root))
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter()
            .map(|row| Ok((UnitId(row.unit_id), row.into_model(number)?)))
            .collect()
    }
}

impl Store {
    /// The fiscal years that have a plan in the subtree of `root`, newest first.
    pub async fn rollup_years_unchecked(&self, root: UnitId) -> Result<Vec<i32>, StoreError> {
        let years: Vec<i64> = sqlx::query_scalar(
            "WITH RECURSIVE reach (id) AS ( \
                 SELECT id FROM units WHERE id = $1 \
                 UNION ALL \
                 SELECT u.id FROM units u JOIN reach r ON u.parent_id = r.id) \
             SELECT DISTINCT p.fiscal_year FROM plans p JOIN reach r ON r.id = p.unit_id \
             ORDER BY p.fiscal_year DESC",
        )
        .bind(root.0)
        .fetch_all(&self.pool)
        .await?;
        Ok(years.into_iter().map(codec::year).collect())
    }
}

#[derive(sqlx::FromRow)]
struct FiguresRow {
    unit_id: i64,
    plan_id: i64,
    state: Option<String>,
    by_name: Option<String>,
    at: Option<i64>,
    comment: Option<String>,
    activities: i64,
    budget_sen: i64,
    blocked_sen: i64,
    realized_sen: i64,
    rpd_mismatches: i64,
    open_conflicts: i64,
    last_by: Option<String>,
    last_at: Option<i64>,
    last_line: Option<i64>,
    met: i64,
    close: i64,
    behind: i64,
    unreported: i64,
}

impl FiguresRow {
    fn into_model(self, quarter: i64) -> Result<PlanFigures, StoreError> {
        // A quarter with no row is a draft.
        let state = match self.state {
            None => QuarterState::Draft,
            Some(state) => {
                StateRow {
                    quarter,
                    state,
                    by_name: self.by_name.unwrap_or_default(),
                    at: self.at.unwrap_or_default(),
                    comment: self.comment,
                }
                .into_model()?
                .1
            }
        };
        Ok(PlanFigures {
            plan: PlanId(self.plan_id),
            state,
            activities: codec::count(self.activities),
            budget: codec::rupiah("activities", "SUM(budget_sen)", self.budget_sen)?,
            blocked: codec::rupiah("activities", "SUM(blocked_sen)", self.blocked_sen)?,
            realized: codec::rupiah(
                "activity_quarters",
                "SUM(realization_sen)",
                self.realized_sen,
            )?,
            rpd_mismatches: codec::count(self.rpd_mismatches),
            open_conflicts: codec::count(self.open_conflicts),
            last_change: match (self.last_by, self.last_at, self.last_line) {
                (Some(by), Some(at), Some(line)) => Some(LastChange {
                    by,
                    at: Timestamp(at),
                    line,
                }),
                _ => None,
            },
            standings: StandingCounts {
                met: codec::count(self.met),
                close: codec::count(self.close),
                behind: codec::count(self.behind),
                unreported: codec::count(self.unreported),
            },
            overdue: false,
        })
    }
}
