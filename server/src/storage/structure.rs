//! Changing the plan's shape: goals, indicators and activities added, removed, reordered, and
//! activity links. Positions and numbers are rewritten in the same transaction, so the numbering
//! (1, 2, 3, ...) always follows the order.

use super::{PlanWrite, StoreError};
use model::edit::structure::{move_within, Direction};
use model::{
    Activity, ActivityId, ActivityQuarter, Aggregation, Goal, GoalId, Indicator, IndicatorId,
    IndicatorKind, PlanId, Polarity, Quarter, Rupiah, Target,
};
use rust_decimal::Decimal;
use sqlx::{Any, Row, Transaction};

pub(super) type Tx<'a> = Transaction<'a, Any>;

impl PlanWrite {
    pub async fn add_goal(&mut self, title: &str) -> Result<Goal, StoreError> {
        let (plan, tx) = (self.plan, &mut self.tx);
        ensure_plan(tx, plan).await?;
        let count = count_rows(tx, "SELECT COUNT(*) FROM goals WHERE plan_id = $1", plan.0).await?;
        let id: i64 = sqlx::query(
            "INSERT INTO goals (plan_id, position, number, title) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(plan.0)
        .bind(count)
        .bind(count + 1)
        .bind(title)
        .fetch_one(&mut **tx)
        .await?
        .get(0);
        Ok(Goal {
            id: Some(GoalId(id)),
            number: (count + 1) as u32,
            title: title.to_owned(),
            indicators: Vec::new(),
        })
    }

    pub async fn remove_goal(&mut self, goal: GoalId) -> Result<(), StoreError> {
        let (plan, tx) = (self.plan, &mut self.tx);
        ensure_goal(tx, plan, goal).await?;
        sqlx::query("DELETE FROM goals WHERE id = $1")
            .bind(goal.0)
            .execute(&mut **tx)
            .await?;
        let ids = ordered(
            tx,
            "SELECT id FROM goals WHERE plan_id = $1 ORDER BY position",
            plan.0,
        )
        .await?;
        renumber(tx, "goals", &ids).await?;
        Ok(())
    }

    pub async fn move_goal(
        &mut self,
        goal: GoalId,
        direction: Direction,
    ) -> Result<(), StoreError> {
        let (plan, tx) = (self.plan, &mut self.tx);
        let mut ids = ordered(
            tx,
            "SELECT id FROM goals WHERE plan_id = $1 ORDER BY position",
            plan.0,
        )
        .await?;
        let index = ids
            .iter()
            .position(|id| *id == goal.0)
            .ok_or_else(|| StoreError::NotInPlan("Sasaran".into()))?;
        if move_within(&mut ids, index, direction).is_some() {
            renumber(tx, "goals", &ids).await?;
        }
        Ok(())
    }

    /// A new indicator at the end of its goal: target 100 %, A/B × 100, four empty quarters.
    pub async fn add_indicator(
        &mut self,
        goal: GoalId,
        name: &str,
    ) -> Result<Indicator, StoreError> {
        let (plan, tx) = (self.plan, &mut self.tx);
        ensure_goal(tx, plan, goal).await?;
        let count = count_rows(
            tx,
            "SELECT COUNT(*) FROM indicators WHERE goal_id = $1",
            goal.0,
        )
        .await?;
        let indicator = Indicator {
            id: None,
            number: (count + 1) as u32,
            name: name.to_owned(),
            target: Target {
                value: Decimal::ONE_HUNDRED,
                unit: "%".into(),
            },
            formula: "A/B x 100%".into(),
            numerator_label: String::new(),
            denominator_label: String::new(),
            kind: IndicatorKind::Ratio,
            polarity: Polarity::HigherIsBetter,
            aggregation: Aggregation::Sum,
            activity_ids: Vec::new(),
            quarters: Default::default(),
        };
        let id: i64 = sqlx::query(
            "INSERT INTO indicators (goal_id, position, number, name, target_value, target_unit, formula, \
             numerator_label, denominator_label, kind, polarity, aggregation) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        )
        .bind(goal.0)
        .bind(count)
        .bind(count + 1)
        .bind(name)
        .bind(indicator.target.value.to_string())
        .bind(&indicator.target.unit)
        .bind(&indicator.formula)
        .bind("")
        .bind("")
        .bind(indicator.kind.code())
        .bind(indicator.polarity.code())
        .bind(indicator.aggregation.code())
        .fetch_one(&mut **tx)
        .await?
        .get(0);
        for q in Quarter::ALL {
            sqlx::query(
                "INSERT INTO indicator_quarters (indicator_id, quarter, planned_work, achievement, evidence, note) \
                 VALUES ($1, $2, '', '', '', '')",
            )
            .bind(id)
            .bind(q.index() as i64 + 1)
            .execute(&mut **tx)
            .await?;
        }
        Ok(Indicator {
            id: Some(IndicatorId(id)),
            ..indicator
        })
    }

    pub async fn remove_indicator(&mut self, indicator: IndicatorId) -> Result<(), StoreError> {
        let (plan, tx) = (self.plan, &mut self.tx);
        let goal = indicator_goal(tx, plan, indicator).await?;
        sqlx::query("DELETE FROM indicators WHERE id = $1")
            .bind(indicator.0)
            .execute(&mut **tx)
            .await?;
        let ids = ordered(
            tx,
            "SELECT id FROM indicators WHERE goal_id = $1 ORDER BY position",
            goal,
        )
        .await?;
        renumber(tx, "indicators", &ids).await?;
        Ok(())
    }

    pub async fn move_indicator(
        &mut self,
        indicator: IndicatorId,
        direction: Direction,
    ) -> Result<(), StoreError> {
        let (plan, tx) = (self.plan, &mut self.tx);
        let goal = indicator_goal(tx, plan, indicator).await?;
        let mut ids = ordered(
            tx,
            "SELECT id FROM indicators WHERE goal_id = $1 ORDER BY position",
            goal,
        )
        .await?;
        let index = ids
            .iter()
            .position(|id| *id == indicator.0)
            .ok_or_else(|| StoreError::NotInPlan("Indikator".into()))?;
        if move_within(&mut ids, index, direction).is_some() {
            renumber(tx, "indicators", &ids).await?;
        }
        Ok(())
    }

    /// A new activity at the end of the list, with no budget yet.
    pub async fn add_activity(&mut self, name: &str) -> Result<Activity, StoreError> {
        let (plan, tx) = (self.plan, &mut self.tx);
        ensure_plan(tx, plan).await?;
        let count = count_rows(
            tx,
            "SELECT COUNT(*) FROM activities WHERE plan_id = $1",
            plan.0,
        )
        .await?;
        let id: i64 = sqlx::query(
            "INSERT INTO activities (plan_id, position, name, budget, blocked) VALUES ($1, $2, $3, '0', '0') RETURNING id",
        )
        .bind(plan.0)
        .bind(count)
        .bind(name)
        .fetch_one(&mut **tx)
        .await?
        .get(0);
        for q in Quarter::ALL {
            sqlx::query("INSERT INTO activity_quarters (activity_id, quarter) VALUES ($1, $2)")
                .bind(id)
                .bind(q.index() as i64 + 1)
                .execute(&mut **tx)
                .await?;
        }
        Ok(Activity {
            id: ActivityId(id),
            name: name.to_owned(),
            budget: Rupiah::ZERO,
            blocked: Rupiah::ZERO,
            quarters: <[ActivityQuarter; 4]>::default(),
        })
    }

    /// Removes an activity and its links to indicators.
    pub async fn remove_activity(&mut self, activity: ActivityId) -> Result<(), StoreError> {
        let (plan, tx) = (self.plan, &mut self.tx);
        ensure_activity(tx, plan, activity).await?;
        sqlx::query("DELETE FROM activities WHERE id = $1")
            .bind(activity.0)
            .execute(&mut **tx)
            .await?;
        let ids = ordered(
            tx,
            "SELECT id FROM activities WHERE plan_id = $1 ORDER BY position",
            plan.0,
        )
        .await?;
        for (position, id) in ids.iter().enumerate() {
            sqlx::query("UPDATE activities SET position = $1 WHERE id = $2")
                .bind(position as i64)
                .bind(*id)
                .execute(&mut **tx)
                .await?;
        }
        Ok(())
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
        let count = count_rows(
            tx,
            "SELECT COUNT(*) FROM indicator_activities WHERE indicator_id = $1",
            indicator.0,
        )
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
            return Err(StoreError::NotInPlan(
                "Kaitan indikator dengan kegiatan ini".into(),
            ));
        }
        Ok(())
    }
}

async fn ensure_plan(tx: &mut Tx<'_>, plan: PlanId) -> Result<(), StoreError> {
    ensure(
        tx,
        "SELECT id FROM plans WHERE id = $1",
        &[plan.0],
        "Rencana",
    )
    .await
}

async fn ensure_goal(tx: &mut Tx<'_>, plan: PlanId, goal: GoalId) -> Result<(), StoreError> {
    ensure(
        tx,
        "SELECT id FROM goals WHERE id = $1 AND plan_id = $2",
        &[goal.0, plan.0],
        "Sasaran",
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
        "Kegiatan",
    )
    .await
}

async fn count_rows(tx: &mut Tx<'_>, sql: &str, parent: i64) -> Result<i64, StoreError> {
    Ok(sqlx::query(sql)
        .bind(parent)
        .fetch_one(&mut **tx)
        .await?
        .get(0))
}

/// Fails with `NotInPlan(what)` unless the query finds a row.
async fn ensure(tx: &mut Tx<'_>, sql: &str, binds: &[i64], what: &str) -> Result<(), StoreError> {
    let query = binds.iter().fold(sqlx::query(sql), |q, b| q.bind(*b));
    match query.fetch_optional(&mut **tx).await? {
        Some(_) => Ok(()),
        None => Err(StoreError::NotInPlan(what.to_owned())),
    }
}

async fn indicator_goal(
    tx: &mut Tx<'_>,
    plan: PlanId,
    indicator: IndicatorId,
) -> Result<i64, StoreError> {
    let row = sqlx::query(
        "SELECT i.goal_id FROM indicators i JOIN goals g ON g.id = i.goal_id WHERE i.id = $1 AND g.plan_id = $2",
    )
    .bind(indicator.0)
    .bind(plan.0)
    .fetch_optional(&mut **tx)
    .await?;
    row.map(|r| r.get(0))
        .ok_or_else(|| StoreError::NotInPlan("Indikator".into()))
}

async fn ordered(tx: &mut Tx<'_>, sql: &str, parent: i64) -> Result<Vec<i64>, StoreError> {
    let rows = sqlx::query(sql).bind(parent).fetch_all(&mut **tx).await?;
    Ok(rows.iter().map(|r| r.get(0)).collect())
}

/// Positions 0.. and numbers 1.. in the given order. `table` is one of our own table names.
async fn renumber(tx: &mut Tx<'_>, table: &'static str, ids: &[i64]) -> Result<(), StoreError> {
    let sql = format!("UPDATE {table} SET position = $1, number = $2 WHERE id = $3");
    for (position, id) in ids.iter().enumerate() {
        sqlx::query(&sql)
            .bind(position as i64)
            .bind(position as i64 + 1)
            .bind(*id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}
