//! The audit trail of a plan, or of one indicator, activity or quarter in it.

use crate::error::AppError;
use leptos::prelude::*;
use model::audit::{AuditEntry, HistoryFilter};
use model::PlanId;

/// `filter` defaults to everything: its arguments travel as a query string, which leaves out a
/// filter whose parts are all `None`.
#[server]
pub async fn get_history(
    plan: PlanId,
    #[server(default)] filter: HistoryFilter,
) -> Result<Vec<AuditEntry>, AppError> {
    let who = super::ssr::person()?;
    super::ssr::backend()?.history(&who, plan, filter).await
}
