//! A unit's years: the plans it has, and a plan for another year made from one of them.

use crate::storage::{InsertOutcome, Store, UnitPlacement};
use crate::usecases::guard::{self, unit_tree};
use app::api::years::UnitYears;
use app::error::AppError;
use model::access::{allows, Permission, Person};
use model::years::{next_year_plan, CopyChoice, EarlierPlan};
use model::PlanId;

/// The years of the unit `plan` belongs to, and whether `who` may add one.
pub async fn years(store: &Store, who: &Person, plan: PlanId) -> Result<UnitYears, AppError> {
    let unit = guard::plan(store, who, plan, Permission::ReadPlan).await?;
    let tree = unit_tree(store).await?;
    Ok(UnitYears {
        years: store.plans_of_unit(unit).await?,
        may_create: allows(who, &tree, Permission::CreatePlan, unit),
    })
}

/// Stores the plan for `choice.year` made from `source` ("Buat rencana 2025 dari 2024") and
/// returns its id. Refused, storing nothing, when `who` may not read the plan or create plans for
/// the unit, the
/// choice is not one the model accepts, or the unit already has a plan that year.
pub async fn copy_plan(
    store: &Store,
    who: &Person,
    source: PlanId,
    choice: CopyChoice,
) -> Result<PlanId, AppError> {
    // What is copied must be readable: an admin who may import a unit's plans but not read
    // them may not copy one either.
    guard::plan(store, who, source, Permission::ReadPlan).await?;
    guard::plan(store, who, source, Permission::CreatePlan).await?;
    let plan = store
        .load_plan_unchecked(source)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("Rencana nomor {source}")))?;
    let copy = next_year_plan(&plan, &choice).map_err(|e| AppError::Invalid(e.to_string()))?;
    match store
        .insert_plan(&copy, &UnitPlacement::ExistingOnly)
        .await?
    {
        InsertOutcome::Created(id) => {
            tracing::info!(user = %who.username, from = %source, plan = %id, year = choice.year,
                "made a plan for another year");
            Ok(id)
        }
        InsertOutcome::AlreadyExists(id) => Err(AppError::Invalid(format!(
            "{} sudah punya rencana tahun {} (rencana nomor {id}); bukalah lewat pilihan tahun. \
             Tidak ada yang dibuat.",
            plan.header.work_unit, choice.year
        ))),
    }
}

/// The figures of the unit's latest plan before `plan`'s year, to be matched to `plan`'s
/// indicators (`EarlierPlan::matched`); none when the unit has no earlier plan.
pub async fn earlier(
    store: &Store,
    who: &Person,
    plan: PlanId,
) -> Result<Option<EarlierPlan>, AppError> {
    let unit = guard::plan(store, who, plan, Permission::ReadPlan).await?;
    let years = store.plans_of_unit(unit).await?;
    let Some(this) = years.iter().find(|y| y.plan == plan) else {
        return Ok(None);
    };
    let Some(before) = years
        .iter()
        .filter(|y| y.year < this.year)
        .max_by_key(|y| y.year)
    else {
        return Ok(None);
    };
    // Only the earlier plan: the browser matches its figures to this year's indicators.
    let earlier = store
        .load_plan_unchecked(before.plan)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("Rencana nomor {}", before.plan)))?;
    Ok(Some(EarlierPlan::of(&earlier)))
}
