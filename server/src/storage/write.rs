//! Writing a whole plan (the importer's path), in one transaction.

use super::accounts::{insert_unit, AdminStamp};
use super::{Store, StoreError};
use model::administer::unit_name_key;
use model::{ActivityId, Plan, PlanId, Quarter, UnitId};
use sqlx::{Any, Row, Transaction};
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InsertOutcome {
    Created(PlanId),
    /// A plan for the same work unit and year is already stored; nothing was written.
    AlreadyExists(PlanId),
}

/// Where the unit named in a plan's header goes when no unit of that name exists yet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnitPlacement {
    /// Nowhere: the plan is refused (`StoreError::UnknownUnit`).
    ExistingOnly,
    /// Created under this unit.
    Under(UnitId),
    /// Created at the top (made-up plans for benchmarks and tests).
    Top,
}

impl Store {
    /// Stores a new plan with its goals, indicators, activities and links, or nothing at all.
    /// The plan belongs to the unit named in its header (found whatever its case and spacing,
    /// or placed as `placement` says); a unit has one plan a year, so importing a sheet twice is
    /// harmless. The stored header names the unit as the unit is named.
    pub async fn insert_plan(
        &self,
        plan: &Plan,
        placement: &UnitPlacement,
    ) -> Result<InsertOutcome, StoreError> {
        let mut tx = self.pool.begin().await?;
        let by = AdminStamp::command_line(crate::clock::now());
        let outcome = insert_plan_in(&mut tx, plan, placement, &by).await;
        match outcome {
            Ok(InsertOutcome::Created(id)) => {
                tx.commit().await?;
                Ok(InsertOutcome::Created(id))
            }
            Ok(existing) => Ok(existing),
            Err(StoreError::Database(e)) if is_unique_violation(&e) => {
                // Another server stored the same plan (or unit) between our check and insert.
                drop(tx);
                let mut tx = self.pool.begin().await?;
                match insert_plan_in(&mut tx, plan, &UnitPlacement::ExistingOnly, &by).await? {
                    InsertOutcome::AlreadyExists(id) => Ok(InsertOutcome::AlreadyExists(id)),
                    InsertOutcome::Created(_) => Err(StoreError::Database(e)),
                }
            }
            Err(e) => Err(e),
        }
    }
}

/// [`Store::insert_plan`] inside a transaction the caller commits; a unit it creates is
/// recorded in the admin trail as made `by`.
pub(super) async fn insert_plan_in(
    tx: &mut Transaction<'_, Any>,
    plan: &Plan,
    placement: &UnitPlacement,
    by: &AdminStamp,
) -> Result<InsertOutcome, StoreError> {
    let name = &plan.header.work_unit;
    let found = sqlx::query("SELECT id, name FROM units WHERE name_key = $1")
        .bind(unit_name_key(name))
        .fetch_optional(&mut **tx)
        .await?;
    let (unit, unit_name) = match (found, placement) {
        (Some(row), _) => (UnitId(row.get(0)), row.get::<String, _>(1)),
        (None, UnitPlacement::ExistingOnly) => return Err(StoreError::UnknownUnit(name.clone())),
        (None, UnitPlacement::Under(parent)) => (
            insert_unit(tx, name, Some(*parent), by).await?,
            name.clone(),
        ),
        (None, UnitPlacement::Top) => (insert_unit(tx, name, None, by).await?, name.clone()),
    };
    if let Some(existing) = find_plan(tx, unit, plan.header.fiscal_year).await? {
        return Ok(InsertOutcome::AlreadyExists(existing));
    }
    let mut plan_in_unit = plan.clone();
    plan_in_unit.header.work_unit = unit_name;
    let id = insert_plan_rows(tx, &plan_in_unit, unit).await?;
    Ok(InsertOutcome::Created(id))
}

fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(db) if db.is_unique_violation())
}

async fn find_plan(
    tx: &mut Transaction<'_, Any>,
    unit: UnitId,
    year: i32,
) -> Result<Option<PlanId>, StoreError> {
    let row = sqlx::query("SELECT id FROM plans WHERE unit_id = $1 AND fiscal_year = $2")
        .bind(unit.0)
        .bind(i64::from(year))
        .fetch_optional(&mut **tx)
        .await?;
    Ok(row.map(|r| PlanId(r.get::<i64, _>(0))))
}

async fn insert_plan_rows(
    tx: &mut Transaction<'_, Any>,
    plan: &Plan,
    unit: UnitId,
) -> Result<PlanId, StoreError> {
    let header = &plan.header;
    let signatory = header.signatory.as_ref();
    let plan_id: i64 = sqlx::query(
        "INSERT INTO plans (work_unit, fiscal_year, title, signatory_position, signatory_name, \
         signatory_nip, place_date, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(&header.work_unit)
    .bind(i64::from(header.fiscal_year))
    .bind(&header.title)
    .bind(signatory.map(|s| s.position.clone()))
    .bind(signatory.map(|s| s.name.clone()))
    .bind(signatory.and_then(|s| s.nip.as_ref()).map(|n| n.as_str().to_owned()))
    .bind(header.place_date.clone())
    .bind(crate::clock::now().0.to_string())
    .fetch_one(&mut **tx)
    .await?
    .get(0);
    sqlx::query("UPDATE plans SET unit_id = $1 WHERE id = $2")
        .bind(unit.0)
        .bind(plan_id)
        .execute(&mut **tx)
        .await?;

    let mut activity_ids: HashMap<ActivityId, i64> = HashMap::new();
    for (position, activity) in plan.activities.iter().enumerate() {
        let id: i64 = sqlx::query(
            "INSERT INTO activities (plan_id, position, name, budget, blocked) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(plan_id)
        .bind(position as i64)
        .bind(&activity.name)
        .bind(activity.budget.amount().to_string())
        .bind(activity.blocked.amount().to_string())
        .fetch_one(&mut **tx)
        .await?
        .get(0);
        for q in Quarter::ALL {
            let aq = activity.quarter(q);
            sqlx::query(
                "INSERT INTO activity_quarters (activity_id, quarter, withdrawal_plan, realization) \
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(id)
            .bind(q.index() as i64 + 1)
            .bind(aq.withdrawal_plan.map(|r| r.amount().to_string()))
            .bind(aq.realization.map(|r| r.amount().to_string()))
            .execute(&mut **tx)
            .await?;
        }
        activity_ids.insert(activity.id, id);
    }

    for (goal_position, goal) in plan.goals.iter().enumerate() {
        let goal_id: i64 = sqlx::query(
            "INSERT INTO goals (plan_id, position, number, title) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(plan_id)
        .bind(goal_position as i64)
        .bind(i64::from(goal.number))
        .bind(&goal.title)
        .fetch_one(&mut **tx)
        .await?
        .get(0);
        for (position, indicator) in goal.indicators.iter().enumerate() {
            let indicator_id: i64 = sqlx::query(
                "INSERT INTO indicators (goal_id, position, number, name, target_value, target_unit, \
                 formula, numerator_label, denominator_label, kind, polarity, aggregation) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
            )
            .bind(goal_id)
            .bind(position as i64)
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
            .await?
            .get(0);
            for q in Quarter::ALL {
                let r = indicator.quarter(q);
                sqlx::query(
                    "INSERT INTO indicator_quarters (indicator_id, quarter, planned_work, numerator, \
                     denominator, achievement, evidence, status, note) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                )
                .bind(indicator_id)
                .bind(q.index() as i64 + 1)
                .bind(&r.planned_work)
                .bind(r.numerator.map(|v| v.to_string()))
                .bind(r.denominator.map(|v| v.to_string()))
                .bind(&r.achievement)
                .bind(&r.evidence)
                .bind(r.status.map(|s| s.code()))
                .bind(&r.note)
                .execute(&mut **tx)
                .await?;
            }
            for (link_position, local) in indicator.activity_ids.iter().enumerate() {
                let activity_id =
                    activity_ids
                        .get(local)
                        .copied()
                        .ok_or_else(|| StoreError::Corrupt {
                            table: "indicator_activities",
                            column: "activity_id",
                            value: local.to_string(),
                            reason: "the indicator links an activity the plan does not have".into(),
                        })?;
                sqlx::query(
                    "INSERT INTO indicator_activities (indicator_id, activity_id, position) \
                     VALUES ($1, $2, $3)",
                )
                .bind(indicator_id)
                .bind(activity_id)
                .bind(link_position as i64)
                .execute(&mut **tx)
                .await?;
            }
        }
    }
    Ok(PlanId(plan_id))
}
