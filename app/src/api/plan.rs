//! Reading plans.

use crate::error::AppError;
use leptos::prelude::*;
use model::{Plan, PlanId, PlanSummary};

#[server]
pub async fn list_plans() -> Result<Vec<PlanSummary>, AppError> {
    super::ssr::backend()?.list_plans().await
}

#[server]
pub async fn get_plan(id: PlanId) -> Result<Plan, AppError> {
    super::ssr::backend()?
        .load_plan(id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("Rencana nomor {id}")))
}
