//! Writing a whole plan (the importer's path), in one transaction.

use super::accounts::{insert_unit, AdminStamp};
use super::codec;
use super::insert::{insert_activity, insert_goal, insert_indicator, insert_links};
use super::{Store, StoreError, Tx};
use model::administer::unit_name_key;
use model::years::PlanYear;
use model::{ActivityId, Plan, PlanId, UnitId};
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

impl Store {
    /// The plan of `unit` for `year`, if it has one (one plan per unit and year).
    pub async fn plan_of(&self, unit: UnitId, year: i32) -> Result<Option<PlanId>, StoreError> {
        let id: Option<i64> =
            sqlx::query_scalar("SELECT id FROM plans WHERE unit_id = $1 AND fiscal_year = $2")
                .bind(unit.0)
                .bind(i64::from(year))
                .fetch_optional(&self.pool)
                .await?;
        Ok(id.map(PlanId))
    }

    /// Every plan of `unit`, oldest year first.
    pub async fn plans_of_unit(&self, unit: UnitId) -> Result<Vec<PlanYear>, StoreError> {
        let rows: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT fiscal_year, id FROM plans WHERE unit_id = $1 ORDER BY fiscal_year",
        )
        .bind(unit.0)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(year, id)| {
                let year = i32::try_from(year)
                    .map_err(|_| codec::corrupt("plans", "fiscal_year", year, "not a year"))?;
                Ok(PlanYear {
                    year,
                    plan: PlanId(id),
                })
            })
            .collect()
    }
}

/// [`Store::insert_plan`] inside a transaction the caller commits; a unit it creates is
/// recorded in the admin trail as made `by`.
pub(super) async fn insert_plan_in(
    tx: &mut Tx<'_>,
    plan: &Plan,
    placement: &UnitPlacement,
    by: &AdminStamp,
) -> Result<InsertOutcome, StoreError> {
    let name = &plan.header.work_unit;
    let found: Option<(i64, String)> =
        sqlx::query_as("SELECT id, name FROM units WHERE name_key = $1")
            .bind(unit_name_key(name))
            .fetch_optional(&mut **tx)
            .await?;
    let (unit, unit_name) = match (found, placement) {
        (Some((id, stored_name)), _) => (UnitId(id), stored_name),
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

async fn find_plan(tx: &mut Tx<'_>, unit: UnitId, year: i32) -> Result<Option<PlanId>, StoreError> {
    let id: Option<i64> =
        sqlx::query_scalar("SELECT id FROM plans WHERE unit_id = $1 AND fiscal_year = $2")
            .bind(unit.0)
            .bind(i64::from(year))
            .fetch_optional(&mut **tx)
            .await?;
    Ok(id.map(PlanId))
}

async fn insert_plan_rows(
    tx: &mut Tx<'_>,
    plan: &Plan,
    unit: UnitId,
) -> Result<PlanId, StoreError> {
    let header = &plan.header;
    let signatory = header.signatory.as_ref();
    let plan_id: i64 = sqlx::query_scalar(
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
    .await?;
    sqlx::query("UPDATE plans SET unit_id = $1 WHERE id = $2")
        .bind(unit.0)
        .bind(plan_id)
        .execute(&mut **tx)
        .await?;

    let mut activity_ids: HashMap<ActivityId, i64> = HashMap::new();
    for (position, activity) in (0_i64..).zip(&plan.activities) {
        let id = insert_activity(tx, plan_id, position, activity).await?;
        activity_ids.insert(activity.id, id);
    }
    for (goal_position, goal) in (0_i64..).zip(&plan.goals) {
        let goal_id = insert_goal(tx, plan_id, goal_position, goal).await?;
        for (position, indicator) in (0_i64..).zip(&goal.indicators) {
            let indicator_id = insert_indicator(tx, goal_id, position, indicator).await?;
            let links = indicator
                .activity_ids
                .iter()
                .map(|local| {
                    activity_ids.get(local).copied().ok_or_else(|| {
                        codec::corrupt(
                            "indicator_activities",
                            "activity_id",
                            local,
                            "the indicator links an activity the plan does not have",
                        )
                    })
                })
                .collect::<Result<Vec<i64>, StoreError>>()?;
            insert_links(tx, indicator_id, &links).await?;
        }
    }
    super::standings::write_standings(tx, PlanId(plan_id), plan).await?;
    Ok(PlanId(plan_id))
}
