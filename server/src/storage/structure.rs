//! Changing the plan's shape: goals, indicators and activities added, removed, reordered, and
//! activity links. Positions and numbers are rewritten in the same transaction, so the numbering
//! (1, 2, 3, ...) always follows the order.

use super::insert::{insert_activity, insert_goal, insert_indicator};
use super::{Part, PlanWrite, StoreError, Tx};
use model::edit::structure::{move_within, Created, Direction, StructureEdit};
use model::{Activity, ActivityId, Goal, GoalId, Indicator, IndicatorId, PlanId};

impl PlanWrite {
    /// Applies one change to the plan's shape, checking that what it names is in this plan.
    /// Names of new parts are the caller's to check (`StructureEdit::checked`).
    pub async fn change_structure(&mut self, edit: &StructureEdit) -> Result<Created, StoreError> {
        let (plan, tx) = (self.plan, &mut self.tx);
        let nothing = |()| Created::Nothing;
        match edit {
            StructureEdit::AddGoal { title } => add_goal(tx, plan, title).await,
            StructureEdit::RemoveGoal { goal } => {
                Siblings::goals(plan).remove(tx, goal.0).await.map(nothing)
            }
            StructureEdit::MoveGoal { goal, direction } => (Siblings::goals(plan))
                .move_one(tx, goal.0, *direction)
                .await
                .map(nothing),
            StructureEdit::AddIndicator { goal, name } => {
                add_indicator(tx, plan, *goal, name).await
            }
            StructureEdit::RemoveIndicator { indicator } => {
                let goal = indicator_goal(tx, plan, *indicator).await?;
                Siblings::indicators(goal)
                    .remove(tx, indicator.0)
                    .await
                    .map(nothing)
            }
            StructureEdit::MoveIndicator {
                indicator,
                direction,
            } => {
                let goal = indicator_goal(tx, plan, *indicator).await?;
                (Siblings::indicators(goal))
                    .move_one(tx, indicator.0, *direction)
                    .await
                    .map(nothing)
            }
            StructureEdit::AddActivity { name } => add_activity(tx, plan, name).await,
            // Removing an activity removes its links to indicators.
            StructureEdit::RemoveActivity { activity } => (Siblings::activities(plan))
                .remove(tx, activity.0)
                .await
                .map(nothing),
            StructureEdit::Link {
                indicator,
                activity,
            } => set_link(tx, plan, (*indicator, *activity), true).await,
            StructureEdit::Unlink {
                indicator,
                activity,
            } => set_link(tx, plan, (*indicator, *activity), false).await,
        }
    }
}

/// A new goal at the end of the plan.
async fn add_goal(tx: &mut Tx<'_>, plan: PlanId, title: &str) -> Result<Created, StoreError> {
    ensure_plan(tx, plan).await?;
    let count = Siblings::goals(plan).count(tx).await?;
    let mut goal = Goal::new((count + 1) as u32, title);
    goal.id = Some(GoalId(insert_goal(tx, plan.0, count, &goal).await?));
    Ok(Created::Goal(Box::new(goal)))
}

/// A new indicator at the end of its goal, as the model makes one (`Indicator::new`).
async fn add_indicator(
    tx: &mut Tx<'_>,
    plan: PlanId,
    goal: GoalId,
    name: &str,
) -> Result<Created, StoreError> {
    ensure_goal(tx, plan, goal).await?;
    let count = Siblings::indicators(goal.0).count(tx).await?;
    let mut indicator = Indicator::new((count + 1) as u32, name);
    indicator.id = Some(IndicatorId(
        insert_indicator(tx, goal.0, count, &indicator).await?,
    ));
    Ok(Created::Indicator(Box::new(indicator)))
}

/// A new activity at the end of the list, as the model makes one (`Activity::new`).
async fn add_activity(tx: &mut Tx<'_>, plan: PlanId, name: &str) -> Result<Created, StoreError> {
    ensure_plan(tx, plan).await?;
    let count = Siblings::activities(plan).count(tx).await?;
    // The id is the database's: the model's placeholder is replaced once it is known.
    let mut activity = Activity::new(ActivityId(0), name);
    activity.id = ActivityId(insert_activity(tx, plan.0, count, &activity).await?);
    Ok(Created::Activity(Box::new(activity)))
}

/// Links an activity to an indicator (linking twice changes nothing) or unlinks it. Unlinking
/// what is not linked would change and record nothing, so it is refused.
async fn set_link(
    tx: &mut Tx<'_>,
    plan: PlanId,
    (indicator, activity): (IndicatorId, ActivityId),
    linked: bool,
) -> Result<Created, StoreError> {
    indicator_goal(tx, plan, indicator).await?;
    ensure_activity(tx, plan, activity).await?;
    let (i, a) = (indicator.0, activity.0);
    let query = if linked {
        sqlx::query(
            "INSERT INTO indicator_activities (indicator_id, activity_id, position) \
             SELECT $1, $2, COUNT(*) FROM indicator_activities WHERE indicator_id = $3 \
             ON CONFLICT (indicator_id, activity_id) DO NOTHING",
        )
        .bind(i)
        .bind(a)
        .bind(i)
    } else {
        sqlx::query("DELETE FROM indicator_activities WHERE indicator_id = $1 AND activity_id = $2")
            .bind(i)
            .bind(a)
    };
    let changed = query.execute(&mut **tx).await?.rows_affected();
    if changed == 0 && !linked {
        return Err(StoreError::NotInPlan(Part::Link));
    }
    Ok(Created::Nothing)
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
