//! A unit's years: which plans it has, and "Buat rencana 2025 dari 2024".

use crate::error::AppError;
use leptos::prelude::*;
use model::years::{EarlierPlan, PlanYear};
use model::{ActivityId, GoalId, PlanId};
use serde::{Deserialize, Serialize};

/// The plans of one unit, oldest first, for the year switcher.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitYears {
    pub years: Vec<PlanYear>,
    /// Whether the person looking may make a plan for another year.
    pub may_create: bool,
}

/// The years of the unit that plan `plan` belongs to.
#[server]
pub async fn plan_years(plan: PlanId) -> Result<UnitYears, AppError> {
    let who = super::ssr::person()?;
    super::ssr::backend()?.plan_years(&who, plan).await
}

/// Makes the plan for `year` from plan `plan` with the goals and activities named, and opens it
/// (with JavaScript off, the answer redirects to it). Each id is a ticked checkbox of the copy
/// form, named `goals[N]` / `activities[N]`; what is not named is left out.
#[server]
pub async fn copy_plan(
    plan: PlanId,
    year: i32,
    #[server(default)] goals: Vec<GoalId>,
    #[server(default)] activities: Vec<ActivityId>,
) -> Result<PlanId, AppError> {
    let who = super::ssr::person()?;
    let choice = model::years::CopyChoice {
        year,
        goals: goals.into_iter().collect(),
        activities: activities.into_iter().collect(),
    };
    let id = super::ssr::backend()?.copy_plan(&who, plan, choice).await?;
    leptos_axum::redirect(&format!("/rencana/{id}"));
    Ok(id)
}

/// Last year's figures (the unit's latest plan before this one's year), to be matched to this
/// plan's indicators in the browser (`EarlierPlan::matched`), or none when the unit has no
/// earlier plan.
#[server]
pub async fn get_earlier_year(plan: PlanId) -> Result<Option<EarlierPlan>, AppError> {
    let who = super::ssr::person()?;
    super::ssr::backend()?.earlier_year(&who, plan).await
}
