//! Reading plans.

use super::{PlanAccess, PlanListing};
use crate::error::AppError;
use leptos::prelude::*;
use model::sync::Pulled;
use model::{Plan, PlanId, UserId};
use serde::{Deserialize, Serialize};

/// Everything the plan page opens with, read in one request that loads the plan once.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct OpenedPlan {
    pub plan: Plan,
    /// What the person may do with the plan, its quarters' states and its version.
    pub access: PlanAccess,
    /// Every field's version and the open conflicts, for offline edits (a pull from 0).
    pub pulled: Pulled,
    /// Whose edits the page queues and sends (rendered into the page, so known offline too).
    pub person: UserId,
    /// The zone of the plan's unit: the page shows every time in it.
    pub zone: model::time::Zone,
    /// How many attachments (data dukung) each quarter row has.
    pub evidence: model::evidence::EvidenceCounts,
}

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

/// The plan page's data: the plan, the signed-in person's access to it, its sync state and who
/// they are.
#[server]
pub async fn open_plan(id: PlanId) -> Result<OpenedPlan, AppError> {
    let who = super::ssr::person()?;
    super::ssr::backend()?.open_plan(&who, id).await
}

/// How many attachments (data dukung) each quarter row of the plan has: the dashboard flags
/// reported quarters with none.
#[server]
pub async fn get_evidence_counts(id: PlanId) -> Result<model::evidence::EvidenceCounts, AppError> {
    let who = super::ssr::person()?;
    super::ssr::backend()?.evidence_counts(&who, id).await
}
