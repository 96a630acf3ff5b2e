//! The audit trail of a plan, or of one indicator, activity or quarter in it.

use crate::error::AppError;
use leptos::prelude::*;
use model::audit::{AuditEntry, HistoryFilter};
use model::PlanId;

#[server]
pub async fn get_history(plan: PlanId, filter: HistoryFilter) -> Result<Vec<AuditEntry>, AppError> {
    let who = super::ssr::person()?;
    super::ssr::backend()?.history(&who, plan, filter).await
}
