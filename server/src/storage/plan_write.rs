//! One write to one plan: a transaction that first takes the plan's row lock, so concurrent
//! writes to a plan (from any app server) run one after another and each reads what the one
//! before it committed. The edit, its workflow checks and its audit entries share it.

use super::batch::insert_rows;
use super::codec;
use super::read::read_plan;
use super::{Part, Store, StoreError, Tx};
use model::audit::Change;
use model::time::Timestamp;
use model::workflow::QuarterState;
use model::{Plan, PlanId, Quarter, UserId};

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
        let locked: Option<i64> = sqlx::query_scalar(
            "UPDATE plans SET revision = revision + 1 WHERE id = $1 RETURNING revision",
        )
        .bind(plan.0)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(revision) = locked else {
            return Ok(None);
        };
        Ok(Some(PlanWrite { tx, plan, revision }))
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
            .ok_or_else(|| StoreError::NotInPlan(Part::Plan))
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
        .bind(i64::from(quarter.number()))
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
        let plan = self.plan;
        insert_rows(
            &mut self.tx,
            "INSERT INTO audit_log (plan_id, at, user_id, user_name, goal_id, indicator_id, \
             activity_id, quarter, place, field, old_value, new_value)",
            "",
            changes,
            |row, change| {
                let s = &change.subject;
                row.push_bind(plan.0)
                    .push_bind(stamp.at.0)
                    .push_bind(stamp.user.0)
                    .push_bind(stamp.name.clone())
                    .push_bind(s.goal.map(|g| g.0))
                    .push_bind(s.indicator.map(|i| i.0))
                    .push_bind(s.activity.map(|a| a.0))
                    .push_bind(s.quarter.map(|q| i64::from(q.number())))
                    .push_bind(&change.place)
                    .push_bind(&change.field)
                    .push_bind(&change.old)
                    .push_bind(&change.new);
            },
        )
        .await?;
        Ok(())
    }

    /// Commits, after rewriting the plan's standings from what the write left (the roll-up's
    /// per-plan summary is kept in the same transaction as every write).
    pub async fn commit(mut self) -> Result<(), StoreError> {
        super::standings::refresh_standings(&mut self.tx, self.plan).await?;
        self.tx.commit().await?;
        Ok(())
    }
}

async fn read_states(
    conn: &mut sqlx::AnyConnection,
    plan: PlanId,
) -> Result<[QuarterState; 4], StoreError> {
    let rows: Vec<StateRow> = sqlx::query_as(
        "SELECT quarter, state, by_name, at, comment FROM quarter_states WHERE plan_id = $1",
    )
    .bind(plan.0)
    .fetch_all(&mut *conn)
    .await?;
    let mut states: [QuarterState; 4] = Default::default();
    for row in rows {
        let (quarter, state) = row.into_model()?;
        states[quarter.index()] = state;
    }
    Ok(states)
}

#[derive(sqlx::FromRow)]
pub(super) struct StateRow {
    pub(super) quarter: i64,
    pub(super) state: String,
    pub(super) by_name: String,
    pub(super) at: i64,
    pub(super) comment: Option<String>,
}

impl StateRow {
    pub(super) fn into_model(self) -> Result<(Quarter, QuarterState), StoreError> {
        const TABLE: &str = "quarter_states";
        let quarter = codec::quarter(TABLE, self.quarter)?;
        let (by, at) = (self.by_name, Timestamp(self.at));
        let state = match self.state.as_str() {
            "draft" => QuarterState::Draft,
            "submitted" => QuarterState::Submitted { by, at },
            "approved" => QuarterState::Approved { by, at },
            "returned" => QuarterState::Returned {
                by,
                at,
                comment: self.comment.unwrap_or_default(),
            },
            _ => return Err(codec::corrupt(TABLE, "state", self.state, "unknown value")),
        };
        Ok((quarter, state))
    }
}
