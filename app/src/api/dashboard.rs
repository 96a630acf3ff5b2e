//! What the head of unit's dashboard reads besides the plan: the fiscal year's absorption
//! targets (and changing them), and the server's month, so that the server and the browser agree
//! on which quarters are due.

use crate::error::AppError;
use leptos::prelude::*;
use model::dashboard::{AbsorptionThresholds, CalendarMonth};
use model::PlanId;

#[server]
pub async fn get_thresholds(year: i32) -> Result<AbsorptionThresholds, AppError> {
    let who = super::ssr::person()?;
    super::ssr::backend()?.load_thresholds(&who, year).await
}

/// The four targets as typed in the form (`15`, `40,5`), checked by the model's rules, so it
/// serves a plain form post with JavaScript off as well as the hydrated page.
#[server]
pub async fn save_thresholds(
    year: i32,
    q1: String,
    q2: String,
    q3: String,
    q4: String,
) -> Result<(), AppError> {
    let thresholds = AbsorptionThresholds::parse(year, [&q1, &q2, &q3, &q4].map(String::as_str))
        .map_err(|e| AppError::Invalid(e.to_string()))?;
    let who = super::ssr::person()?;
    super::ssr::backend()?
        .save_thresholds(&who, thresholds)
        .await
}

/// Today's month on the server's clock, in the reader's zone: the plan's unit's for a plan's
/// dashboard, the person's own unit's without a plan (the home page). Asked of the server so
/// that a browser with a wrong clock still shows the same quarters as due.
#[server]
pub async fn reporting_month(
    #[server(default)] plan: Option<PlanId>,
) -> Result<CalendarMonth, AppError> {
    let who = super::ssr::person()?;
    let backend = super::ssr::backend()?;
    let zone = backend.reader_zone(&who, plan).await?;
    Ok(CalendarMonth::of(backend.now(), zone))
}
