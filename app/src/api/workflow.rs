//! The quarter workflow: submit, approve, return with a comment, reopen. Each is one form's
//! button, so it works as a plain form post too.

use crate::error::AppError;
use leptos::prelude::*;
use model::workflow::QuarterState;
#[cfg(feature = "ssr")]
use model::workflow::Transition;
use model::{PlanId, Quarter};

#[cfg(feature = "ssr")]
async fn step(plan: PlanId, quarter: Quarter, step: Transition) -> Result<QuarterState, AppError> {
    let who = super::ssr::person()?;
    super::ssr::backend()?
        .change_quarter(&who, plan, quarter, step)
        .await
}

#[server]
pub async fn submit_quarter(plan: PlanId, quarter: Quarter) -> Result<QuarterState, AppError> {
    step(plan, quarter, Transition::Submit).await
}

#[server]
pub async fn approve_quarter(plan: PlanId, quarter: Quarter) -> Result<QuarterState, AppError> {
    step(plan, quarter, Transition::Approve).await
}

#[server]
pub async fn return_quarter(
    plan: PlanId,
    quarter: Quarter,
    comment: String,
) -> Result<QuarterState, AppError> {
    step(plan, quarter, Transition::Return { comment }).await
}

#[server]
pub async fn reopen_quarter(plan: PlanId, quarter: Quarter) -> Result<QuarterState, AppError> {
    step(plan, quarter, Transition::Reopen).await
}
