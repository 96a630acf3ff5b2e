//! Offline sync: the browser's outbox is pushed here, what others changed is pulled from here,
//! and conflicts are settled here. The resolve form also works with JavaScript off.

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use model::sync::{Mutation, Outcome, Pulled};
use model::PlanId;

/// Applies queued edits, each at most once; one answer per edit, in the order sent.
#[server(input = Json, endpoint = "sync_push")]
pub async fn sync_push(mutations: Vec<Mutation>) -> Result<Vec<Outcome>, AppError> {
    let who = super::ssr::person()?;
    super::ssr::backend()?.sync_push(&who, mutations).await
}

/// The fields of the plan changed after revision `since`, and the open conflicts.
#[server]
pub async fn sync_pull(plan: PlanId, since: i64) -> Result<Pulled, AppError> {
    let who = super::ssr::person()?;
    super::ssr::backend()?.sync_pull(&who, plan, since).await
}

/// Settles a conflict: `choice` is `mine`, `server` or `new` (then `text` is the new value).
#[server]
pub async fn resolve_conflict(
    plan: PlanId,
    conflict: i64,
    choice: String,
    #[server(default)] text: String,
) -> Result<(), AppError> {
    let resolution =
        model::sync::Resolution::from_form(&choice, text).map_err(AppError::Invalid)?;
    let who = super::ssr::person()?;
    super::ssr::backend()?
        .resolve_conflict(&who, plan, conflict, resolution)
        .await
}
