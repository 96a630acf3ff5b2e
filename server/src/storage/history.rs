//! Reading the audit trail back, newest first.

use super::{Store, StoreError};
use model::audit::{AuditEntry, Change, HistoryFilter, Subject};
use model::time::Timestamp;
use model::{ActivityId, GoalId, IndicatorId, PlanId, Quarter};
use sqlx::Row;

/// The most entries one history page lists.
pub const HISTORY_LIMIT: i64 = 500;

impl Store {
    pub async fn history(
        &self,
        plan: PlanId,
        filter: HistoryFilter,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        let rows = sqlx::query(
            "SELECT at, user_name, goal_id, indicator_id, activity_id, quarter, place, field, \
             old_value, new_value FROM audit_log WHERE plan_id = $1 \
             AND ($2 = 0 OR indicator_id = $2) AND ($3 = 0 OR activity_id = $3) \
             AND ($4 = 0 OR quarter = $4) ORDER BY id DESC LIMIT $5",
        )
        .bind(plan.0)
        .bind(filter.indicator.map_or(0, |i| i.0))
        .bind(filter.activity.map_or(0, |a| a.0))
        .bind(filter.quarter.map_or(0, |q| q.index() as i64 + 1))
        .bind(HISTORY_LIMIT)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| AuditEntry {
                at: Timestamp(r.get(0)),
                by: r.get(1),
                change: Change {
                    subject: Subject {
                        goal: r.get::<Option<i64>, _>(2).map(GoalId),
                        indicator: r.get::<Option<i64>, _>(3).map(IndicatorId),
                        activity: r.get::<Option<i64>, _>(4).map(ActivityId),
                        quarter: r
                            .get::<Option<i64>, _>(5)
                            .and_then(|q| Quarter::from_index((q - 1) as usize)),
                    },
                    place: r.get(6),
                    field: r.get(7),
                    old: r.get(8),
                    new: r.get(9),
                },
            })
            .collect())
    }
}
