//! One write to one plan: a transaction that first takes the plan's row lock, so concurrent
//! writes to a plan (from any app server) run one after another and each reads what the one
//! before it committed. The edit, its workflow checks and its audit entries share it.

use super::read::read_plan;
use super::structure::Tx;
use super::{Store, StoreError};
use model::audit::Change;
use model::time::Timestamp;
use model::workflow::QuarterState;
use model::{Plan, PlanId, Quarter, UserId};
use sqlx::Row;

/// Who made a change, and when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp {
    pub user: UserId,
    pub name: String,
    pub at: Timestamp,
}

pub struct PlanWrite {
    pub(super) tx: Tx<'static>,
    pub(super) plan: PlanId,
    /// The plan's revision after this write: every write bumps it.
    pub(super) revision: i64,
}

impl Store {
    /// Begins a write to `plan`; `None` when there is no such plan.
    pub async fn write_plan(&self, plan: PlanId) -> Result<Option<PlanWrite>, StoreError> {
        let mut tx = self.pool.begin().await?;
        let locked = sqlx::query(
            "UPDATE plans SET revision = revision + 1 WHERE id = $1 RETURNING revision",
        )
        .bind(plan.0)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = locked else {
            return Ok(None);
        };
        Ok(Some(PlanWrite {
            tx,
            plan,
            revision: row.get(0),
        }))
    }

    /// The four quarters' workflow states.
    pub async fn quarter_states(&self, plan: PlanId) -> Result<[QuarterState; 4], StoreError> {
        let mut conn = self.pool.acquire().await?;
        read_states(&mut conn, plan).await
    }
}

impl PlanWrite {
    pub fn plan_id(&self) -> PlanId {
        self.plan
    }

    pub fn revision(&self) -> i64 {
        self.revision
    }

    /// The plan as it stands inside this write.
    pub async fn plan(&mut self) -> Result<Plan, StoreError> {
        read_plan(&mut self.tx, self.plan)
            .await?
            .ok_or_else(|| StoreError::NotInPlan("Rencana".into()))
    }

    pub async fn quarter_states(&mut self) -> Result<[QuarterState; 4], StoreError> {
        read_states(&mut self.tx, self.plan).await
    }

    pub async fn set_quarter_state(
        &mut self,
        quarter: Quarter,
        state: &QuarterState,
    ) -> Result<(), StoreError> {
        let (by, at, comment) = match state {
            QuarterState::Draft => (String::new(), Timestamp(0), None),
            QuarterState::Submitted { by, at } | QuarterState::Approved { by, at } => {
                (by.clone(), *at, None)
            }
            QuarterState::Returned { by, at, comment } => (by.clone(), *at, Some(comment.clone())),
        };
        sqlx::query(
            "INSERT INTO quarter_states (plan_id, quarter, state, by_name, at, comment) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (plan_id, quarter) DO UPDATE SET \
             state = excluded.state, by_name = excluded.by_name, at = excluded.at, comment = excluded.comment",
        )
        .bind(self.plan.0)
        .bind(quarter.index() as i64 + 1)
        .bind(state.code())
        .bind(by)
        .bind(at.0)
        .bind(comment)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    /// Records changes in the audit trail, in this write's transaction.
    pub async fn record(&mut self, stamp: &Stamp, changes: &[Change]) -> Result<(), StoreError> {
        for chunk in changes.chunks(ROWS_PER_INSERT) {
            let sql = format!(
                "INSERT INTO audit_log (plan_id, at, user_id, user_name, goal_id, indicator_id, \
                 activity_id, quarter, place, field, old_value, new_value) VALUES {}",
                placeholders(chunk.len(), 12)
            );
            let mut query = sqlx::query(&sql);
            for change in chunk {
                let s = &change.subject;
                query = query
                    .bind(self.plan.0)
                    .bind(stamp.at.0)
                    .bind(stamp.user.0)
                    .bind(&stamp.name)
                    .bind(s.goal.map(|g| g.0))
                    .bind(s.indicator.map(|i| i.0))
                    .bind(s.activity.map(|a| a.0))
                    .bind(s.quarter.map(|q| q.index() as i64 + 1))
                    .bind(&change.place)
                    .bind(&change.field)
                    .bind(&change.old)
                    .bind(&change.new);
            }
            query.execute(&mut *self.tx).await?;
        }
        Ok(())
    }

    pub async fn commit(self) -> Result<(), StoreError> {
        self.tx.commit().await?;
        Ok(())
    }
}

async fn read_states(
    conn: &mut sqlx::AnyConnection,
    plan: PlanId,
) -> Result<[QuarterState; 4], StoreError> {
    let rows = sqlx::query(
        "SELECT quarter, state, by_name, at, comment FROM quarter_states WHERE plan_id = $1",
    )
    .bind(plan.0)
    .fetch_all(&mut *conn)
    .await?;
    let mut states: [QuarterState; 4] = Default::default();
    for row in &rows {
        let quarter: i64 = row.get(0);
        let slot = Quarter::from_index((quarter - 1) as usize)
            .ok_or_else(|| corrupt("quarter", quarter.to_string()))?;
        let code: String = row.get(1);
        let by: String = row.get(2);
        let at = Timestamp(row.get(3));
        states[slot.index()] = match code.as_str() {
            "draft" => QuarterState::Draft,
            "submitted" => QuarterState::Submitted { by, at },
            "approved" => QuarterState::Approved { by, at },
            "returned" => QuarterState::Returned {
                by,
                at,
                comment: row.get::<Option<String>, _>(4).unwrap_or_default(),
            },
            _ => return Err(corrupt("state", code)),
        };
    }
    Ok(states)
}

fn corrupt(column: &'static str, value: String) -> StoreError {
    StoreError::Corrupt {
        table: "quarter_states",
        column,
        value,
        reason: "unknown value".into(),
    }
}

/// Rows per multi-row INSERT: well under both databases' limits on bound parameters.
pub(super) const ROWS_PER_INSERT: usize = 50;

/// `($1, $2), ($3, $4)` for `rows` rows of `columns` values.
pub(super) fn placeholders(rows: usize, columns: usize) -> String {
    (0..rows)
        .map(|row| {
            let values: Vec<String> = (1..=columns)
                .map(|column| format!("${}", row * columns + column))
                .collect();
            format!("({})", values.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::placeholders;

    #[test]
    fn placeholders_number_every_value_of_every_row_in_order() {
        assert_eq!(placeholders(2, 3), "($1, $2, $3), ($4, $5, $6)");
        assert_eq!(placeholders(1, 1), "($1)");
    }
}
