//! The audit trail of a plan, or of one indicator, activity or quarter in it.

use crate::error::AppError;
use leptos::prelude::*;
use model::audit::{HistoryFilter, HistoryPage};
use model::paging::PageNumber;
use model::time::Zone;
use model::PlanId;
use serde::{Deserialize, Serialize};

/// One page of the trail, and the zone of the plan's unit its times are shown in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct History {
    pub page: HistoryPage,
    pub zone: Zone,
}

/// One page of the trail, newest first. `filter` defaults to everything (its arguments travel
/// as a query string, which leaves out a filter whose parts are all `None`), `page` to the first.
#[server]
pub async fn get_history(
    plan: PlanId,
    #[server(default)] filter: HistoryFilter,
    #[server(default)] page: PageNumber,
) -> Result<History, AppError> {
    let who = super::ssr::person()?;
    let backend = super::ssr::backend()?;
    let page = backend.history(&who, plan, filter, page).await?;
    let zone = backend.reader_zone(&who, Some(plan)).await?;
    Ok(History { page, zone })
}
