//! Changing the plan's shape: goals, indicators and activities added, removed, reordered, and
//! activity links. Positions and numbers are rewritten in the same transaction, so the numbering
//! (1, 2, 3, ...) always follows the order.

use super::insert::{insert_activity, insert_goal, insert_indicator};
use super::{Part, PlanWrite, StoreError, Tx};
use model::edit::structure::{move_within, Direction};
use model::{Activity, ActivityId, Goal, GoalId, Indicator, IndicatorId, PlanId};

impl PlanWrite {
    pub async fn add_goal(&mut self, title: &str) -> Result<Goal, StoreError> {
        let (plan, tx) = (self.plan, &mut self.tx);
        ensure_plan(tx, plan).await?;
        let count = Siblings::goals(plan).count(tx).await?;
        let goal = Goal {
            id: None,
            number: (count + 1) as u32,
            title: title.to_owned(),
            indicators: Vec::new(),
        };
        let id = insert_goal(tx, plan.0, count, &goal).await?;
        Ok(Goal {
            id: Some(GoalId(id)),
            ..goal
        })
    }

    pub async fn remove_goal(&mut self, goal: GoalId) -> Result<(), StoreError> {
        Siblings::goals(self.plan)
            .remove(&mut self.tx, goal.0)
            .await
    }

    pub async fn move_goal(
        &mut self,
        goal: GoalId,
        direction: Direction,
    ) -> Result<(), StoreError> {
        Siblings::goals(self.plan)
            .move_one(&mut self.tx, goal.0, direction)
            .await
    }

    /// A new indicator at the end of its goal, as the model makes one (`Indicator::new`).
    pub async fn add_indicator(
        &mut self,
        goal: GoalId,
        name: &str,
    ) -> Result<Indicator, StoreError> {
        let (plan, tx) = (self.plan, &mut self.tx);
        ensure_goal(tx, plan, goal).await?;
        let count = Siblings::indicators(goal.0).count(tx).await?;
        let indicator = Indicator::new((count + 1) as u32, name);
        let id = insert_indicator(tx, goal.0, count, &indicator).await?;
        Ok(Indicator {
            id: Some(IndicatorId(id)),
            ..indicator
        })
    }

    pub async fn remove_indicator(&mut self, indicator: IndicatorId) -> Result<(), StoreError> {
        let (plan, tx) = (self.plan, &mut self.tx);
        let goal = indicator_goal(tx, plan, indicator).await?;
        Siblings::indicators(goal).remove(tx, indicator.0).await
    }

    pub async fn move_indicator(
        &mut self,
        indicator: IndicatorId,
        direction: Direction,
    ) -> Result<(), StoreError> {
        let (plan, tx) = (self.plan, &mut self.tx);
        let goal = indicator_goal(tx, plan, indicator).await?;
        Siblings::indicators(goal)
            .move_one(tx, indicator.0, direction)
            .await
    }

    /// A new activity at the end of the list, as the model makes one (`Activity::new`).
    pub async fn add_activity(&mut self, name: &str) -> Result<Activity, StoreError> {
        let (plan, tx) = (self.plan, &mut self.tx);
        ensure_plan(tx, plan).await?;
        let count = Siblings::activities(plan).count(tx).await?;
        // The id is the database's: the model's placeholder is replaced once it is known.
        let activity = Activity::new(ActivityId(0), name);
        let id = insert_activity(tx, plan.0, count, &activity).await?;
        Ok(Activity {
            id: ActivityId(id),
            ..activity
        })
    }

    /// Removes an activity and its links to indicators.
    pub async fn remove_activity(&mut self, activity: ActivityId) -> Result<(), StoreError> {
        Siblings::activities(self.plan)
            .remove(&mut self.tx, activity.0)
            .await
    }

    /// Links an activity to an indicator; linking twice changes nothing.
    pub async fn link_activity(
        &mut self,
        indicator: IndicatorId,
        activity: ActivityId,
    ) -> Result<(), StoreError> {
        let (plan, tx) = (self.plan, &mut self.tx);
        indicator_goal(tx, plan, indicator).await?;
        ensure_activity(tx, plan, activity).await?;
        let count: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM indicator_activities WHERE indicator_id = $1")
                .bind(indicator.0)
                .fetch_one(&mut **tx)
                .await?;
        sqlx::query(
            "INSERT INTO indicator_activities (indicator_id, activity_id, position) VALUES ($1, $2, $3) \
             ON CONFLICT (indicator_id, activity_id) DO NOTHING",
        )
        .bind(indicator.0)
        .bind(activity.0)
        .bind(count)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    pub async fn unlink_activity(
        &mut self,
        indicator: IndicatorId,
        activity: ActivityId,
    ) -> Result<(), StoreError> {
        let (plan, tx) = (self.plan, &mut self.tx);
        indicator_goal(tx, plan, indicator).await?;
        ensure_activity(tx, plan, activity).await?;
        let removed = sqlx::query(
            "DELETE FROM indicator_activities WHERE indicator_id = $1 AND activity_id = $2",
        )
        .bind(indicator.0)
        .bind(activity.0)
        .execute(&mut **tx)
        .await?;
        // Unlinking what is not linked changes nothing, so it records nothing either.
        if removed.rows_affected() == 0 {
            return Err(StoreError::NotInPlan(Part::Link));
        }
        Ok(())
    }
}

async fn ensure_plan(tx: &mut Tx<'_>, plan: PlanId) -> Result<(), StoreError> {
    ensure(
        tx,
        "SELECT id FROM plans WHERE id = $1",
        &[plan.0],
        Part::Plan,
    )
    .await
}

async fn ensure_goal(tx: &mut Tx<'_>, plan: PlanId, goal: GoalId) -> Result<(), StoreError> {
    ensure(
        tx,
        "SELECT id FROM goals WHERE id = $1 AND plan_id = $2",
        &[goal.0, plan.0],
        Part::Goal,
    )
    .await
}

async fn ensure_activity(
    tx: &mut Tx<'_>,
    plan: PlanId,
    activity: ActivityId,
) -> Result<(), StoreError> {
    ensure(
        tx,
        "SELECT id FROM activities WHERE id = $1 AND plan_id = $2",
        &[activity.0, plan.0],
        Part::Activity,
    )
    .await
}

/// Fails with `NotInPlan(what)` unless the query finds a row.
async fn ensure(tx: &mut Tx<'_>, sql: &str, binds: &[i64], what: Part) -> Result<(), StoreError> {
    let query = binds.iter().fold(sqlx::query(sql), |q, b| q.bind(*b));
    match query.fetch_optional(&mut **tx).await? {
        Some(_) => Ok(()),
        None => Err(StoreError::NotInPlan(what)),
    }
}

async fn indicator_goal(
    tx: &mut Tx<'_>,
    plan: PlanId,
    indicator: IndicatorId,
) -> Result<i64, StoreError> {
    let goal: Option<i64> = sqlx::query_scalar(
        "SELECT i.goal_id FROM indicators i JOIN goals g ON g.id = i.goal_id WHERE i.id = $1 AND g.plan_id = $2",
    )
    .bind(indicator.0)
    .bind(plan.0)
    .fetch_optional(&mut **tx)
    .await?;
    goal.ok_or_else(|| StoreError::NotInPlan(Part::Indicator))
}

/// The rows under one parent, kept in order by `position` (and, where they are numbered, by
/// `number` = position + 1): a plan's goals, a goal's indicators, a plan's activities.
struct Siblings {
    /// One of our own table names, and its parent column.
    table: &'static str,
    parent_column: &'static str,
    parent: i64,
    /// Whether the rows carry a `number` shown to people (activities do not).
    numbered: bool,
    /// What a row is, for `NotInPlan`.
    what: Part,
}

impl Siblings {
    fn goals(plan: PlanId) -> Siblings {
        Siblings {
            table: "goals",
            parent_column: "plan_id",
            parent: plan.0,
            numbered: true,
            what: Part::Goal,
        }
    }

    fn indicators(goal: i64) -> Siblings {
        Siblings {
            table: "indicators",
            parent_column: "goal_id",
            parent: goal,
            numbered: true,
            what: Part::Indicator,
        }
    }

    fn activities(plan: PlanId) -> Siblings {
        Siblings {
            table: "activities",
            parent_column: "plan_id",
            parent: plan.0,
            numbered: false,
            what: Part::Activity,
        }
    }

    async fn count(&self, tx: &mut Tx<'_>) -> Result<i64, StoreError> {
        Ok(self.ids(tx).await?.len() as i64)
    }

    async fn ids(&self, tx: &mut Tx<'_>) -> Result<Vec<i64>, StoreError> {
        let sql = format!(
            "SELECT id FROM {} WHERE {} = $1 ORDER BY position",
            self.table, self.parent_column
        );
        Ok(sqlx::query_scalar(&sql)
            .bind(self.parent)
            .fetch_all(&mut **tx)
            .await?)
    }

    /// Deletes one of these rows and closes the gap; `NotInPlan` when `id` is not among them.
    async fn remove(&self, tx: &mut Tx<'_>, id: i64) -> Result<(), StoreError> {
        let sql = format!(
            "DELETE FROM {} WHERE id = $1 AND {} = $2",
            self.table, self.parent_column
        );
        let deleted = sqlx::query(&sql)
            .bind(id)
            .bind(self.parent)
            .execute(&mut **tx)
            .await?;
        if deleted.rows_affected() == 0 {
            return Err(StoreError::NotInPlan(self.what));
        }
        let ids = self.ids(tx).await?;
        self.renumber(tx, &ids).await
    }

    /// Moves one row up or down; at either end nothing changes.
    async fn move_one(
        &self,
        tx: &mut Tx<'_>,
        id: i64,
        direction: Direction,
    ) -> Result<(), StoreError> {
        let mut ids = self.ids(tx).await?;
        let index = ids
            .iter()
            .position(|each| *each == id)
            .ok_or_else(|| StoreError::NotInPlan(self.what))?;
        if move_within(&mut ids, index, direction).is_some() {
            self.renumber(tx, &ids).await?;
        }
        Ok(())
    }

    /// Positions 0.. (and numbers 1..) in the given order.
    async fn renumber(&self, tx: &mut Tx<'_>, ids: &[i64]) -> Result<(), StoreError> {
        let table = self.table;
        let sql = if self.numbered {
            format!("UPDATE {table} SET position = $1, number = $2 WHERE id = $3")
        } else {
            format!("UPDATE {table} SET position = $1 WHERE id = $2")
        };
        for (position, id) in (0_i64..).zip(ids) {
            let query = sqlx::query(&sql).bind(position);
            let query = if self.numbered {
                query.bind(position + 1)
            } else {
                query
            };
            query.bind(*id).execute(&mut **tx).await?;
        }
        Ok(())
    }
}
