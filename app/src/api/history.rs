//! The audit trail of a plan, or of one indicator, activity or quarter in it.

use crate::error::AppError;
use leptos::prelude::*;
use model::audit::{HistoryFilter, HistoryPage};
use model::paging::PageNumber;
use model::PlanId;

/// One page of the trail, newest first. `filter` defaults to everything (its arguments travel
/// as a query string, which leaves out a filter whose parts are all `None`), `page` to the first.
#[server]
pub async fn get_history(
    plan: PlanId,
    #[server(default)] filter: HistoryFilter,
    #[server(default)] page: PageNumber,
) -> Result<HistoryPage, AppError> {
    let who = super::ssr::person()?;
    super::ssr::backend()?
        .history(&who, plan, filter, page)
        .await
}
