//! The quarter workflow: submit, approve, return with a comment, reopen. Each is one form's
//! button, so it works as a plain form post too. Approving names the version of the plan the
//! page was rendered with (a hidden field), and is refused if the plan changed since. A quarter
//! travels as its number (`Quarter::number`, 1 to 4).

use crate::error::AppError;
use leptos::prelude::*;
use model::approval::PlanVersion;
use model::workflow::QuarterState;
#[cfg(feature = "ssr")]
use model::workflow::Transition;
use model::PlanId;
use serde::{Deserialize, Serialize};

/// A step taken: the quarter's new state, and the plan's version right after it (the page
/// saw the step, so its next approval names this version).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuarterStep {
    pub state: QuarterState,
    pub version: PlanVersion,
}

#[cfg(feature = "ssr")]
async fn step(plan: PlanId, quarter: u8, step: Transition) -> Result<QuarterStep, AppError> {
    let quarter = super::ssr::quarter(quarter)?;
    let who = super::ssr::person()?;
    super::ssr::backend()?
        .change_quarter(&who, plan, quarter, step)
        .await
}

#[server]
pub async fn submit_quarter(plan: PlanId, quarter: u8) -> Result<QuarterStep, AppError> {
    step(plan, quarter, Transition::Submit).await
}

/// `version`: the plan's version the page was rendered with (`PlanAccess::version`).
#[server]
pub async fn approve_quarter(
    plan: PlanId,
    quarter: u8,
    version: PlanVersion,
) -> Result<QuarterStep, AppError> {
    step(plan, quarter, Transition::Approve { seen: version }).await
}

#[server]
pub async fn return_quarter(
    plan: PlanId,
    quarter: u8,
    comment: String,
) -> Result<QuarterStep, AppError> {
    step(plan, quarter, Transition::Return { comment }).await
}

#[server]
pub async fn reopen_quarter(plan: PlanId, quarter: u8) -> Result<QuarterStep, AppError> {
    step(plan, quarter, Transition::Reopen).await
}
