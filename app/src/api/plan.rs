//! Reading plans.

use super::{PlanAccess, PlanListing};
use crate::error::AppError;
use leptos::prelude::*;
use model::{Plan, PlanId};

#[server]
pub async fn list_plans() -> Result<Vec<PlanListing>, AppError> {
    let who = super::ssr::person()?;
    super::ssr::backend()?.list_plans(&who).await
}

#[server]
pub async fn get_plan(id: PlanId) -> Result<Plan, AppError> {
    let who = super::ssr::person()?;
    super::ssr::backend()?.load_plan(&who, id).await
}

/// What the signed-in person may do with the plan, and its quarters' workflow states.
#[server]
pub async fn get_plan_access(id: PlanId) -> Result<PlanAccess, AppError> {
    let who = super::ssr::person()?;
    super::ssr::backend()?.plan_access(&who, id).await
}
