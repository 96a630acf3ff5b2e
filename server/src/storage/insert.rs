//! Inserting one goal, indicator or activity with its four quarters. The importer (a whole plan)
//! and the plan page (one new row at the end) store them through these same functions, so a
//! row has one way into the database.

use super::batch::insert_rows;
use super::codec;
use super::StoreError;
use super::Tx;
use model::{Activity, Goal, Indicator, Quarter};

/// Inserts a goal (without its indicators) at `position`; returns its id.
pub(super) async fn insert_goal(
    tx: &mut Tx<'_>,
    plan: i64,
    position: i64,
    goal: &Goal,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO goals (plan_id, position, number, title) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(plan)
    .bind(position)
    .bind(i64::from(goal.number))
    .bind(&goal.title)
    .fetch_one(&mut **tx)
    .await?)
}

/// Inserts an indicator and its four quarters (not its activity links) at `position` in
/// `goal`; returns its id.
pub(super) async fn insert_indicator(
    tx: &mut Tx<'_>,
    goal: i64,
    position: i64,
    indicator: &Indicator,
) -> Result<i64, StoreError> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO indicators (goal_id, position, number, name, target_value, target_unit, \
         formula, numerator_label, denominator_label, kind, polarity, aggregation) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
    )
    .bind(goal)
    .bind(position)
    .bind(i64::from(indicator.number))
    .bind(&indicator.name)
    .bind(indicator.target.value.to_string())
    .bind(&indicator.target.unit)
    .bind(&indicator.formula)
    .bind(&indicator.numerator_label)
    .bind(&indicator.denominator_label)
    .bind(indicator.kind.code())
    .bind(indicator.polarity.code())
    .bind(indicator.aggregation.code())
    .fetch_one(&mut **tx)
    .await?;
    insert_rows(
        tx,
        "INSERT INTO indicator_quarters (indicator_id, quarter, planned_work, numerator, \
         denominator, achievement, evidence, status, note)",
        "",
        &Quarter::ALL,
        |row, q| {
            let r = indicator.quarter(*q);
            row.push_bind(id)
                .push_bind(i64::from(q.number()))
                .push_bind(&r.planned_work)
                .push_bind(r.numerator.map(|v| v.to_string()))
                .push_bind(r.denominator.map(|v| v.to_string()))
                .push_bind(&r.achievement)
                .push_bind(&r.evidence)
                .push_bind(r.status.map(|s| s.code()))
                .push_bind(&r.note);
        },
    )
    .await?;
    Ok(id)
}

/// Links an indicator to stored activities, in this order.
pub(super) async fn insert_links(
    tx: &mut Tx<'_>,
    indicator: i64,
    activities: &[i64],
) -> Result<(), StoreError> {
    let positioned: Vec<(i64, i64)> = (0..).zip(activities.iter().copied()).collect();
    insert_rows(
        tx,
        "INSERT INTO indicator_activities (indicator_id, activity_id, position)",
        "",
        &positioned,
        |row, (position, activity)| {
            row.push_bind(indicator)
                .push_bind(*activity)
                .push_bind(*position);
        },
    )
    .await?;
    Ok(())
}

/// Inserts an activity and its four quarters at `position` in `plan`; returns its id.
pub(super) async fn insert_activity(
    tx: &mut Tx<'_>,
    plan: i64,
    position: i64,
    activity: &Activity,
) -> Result<i64, StoreError> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO activities (plan_id, position, name, budget_sen, blocked_sen) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(plan)
    .bind(position)
    .bind(&activity.name)
    .bind(codec::sen("activities.budget_sen", activity.budget)?)
    .bind(codec::sen("activities.blocked_sen", activity.blocked)?)
    .fetch_one(&mut **tx)
    .await?;
    let quarters = Quarter::ALL
        .iter()
        .map(|q| {
            let aq = activity.quarter(*q);
            Ok((
                i64::from(q.number()),
                codec::optional_sen("activity_quarters.withdrawal_plan_sen", aq.withdrawal_plan)?,
                codec::optional_sen("activity_quarters.realization_sen", aq.realization)?,
            ))
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    insert_rows(
        tx,
        "INSERT INTO activity_quarters (activity_id, quarter, withdrawal_plan_sen, realization_sen)",
        "",
        &quarters,
        |row, (quarter, withdrawal_plan, realization)| {
            row.push_bind(id)
                .push_bind(*quarter)
                .push_bind(*withdrawal_plan)
                .push_bind(*realization);
        },
    )
    .await?;
    Ok(id)
}
