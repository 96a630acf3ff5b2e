//! The roll-up (`/unit/{id}`): every unit at and below one, for a year and a quarter, and the
//! units whose roll-up the home page offers.

use crate::error::AppError;
use leptos::prelude::*;
use model::access::Unit;
use model::rollup::{PlanFigures, Rollup};
use model::UnitId;

/// The roll-up of `unit` for `year` (2000 to 2100) and `quarter` (1 to 4); the server's current
/// year and quarter where not given. A unit the person does not reach is "not found".
#[server]
pub async fn get_rollup(
    unit: UnitId,
    year: Option<i32>,
    quarter: Option<u8>,
) -> Result<Rollup, AppError> {
    let who = super::ssr::person()?;
    let year = year
        .map(|y| model::rollup::fiscal_year_from_query(&y.to_string()))
        .transpose()
        .map_err(AppError::Invalid)?;
    let quarter = quarter.map(super::ssr::quarter).transpose()?;
    super::ssr::backend()?
        .rollup(&who, unit, year, quarter)
        .await
}

/// The units whose roll-up the signed-in person is offered (`model::rollup::offered_units`).
#[server]
pub async fn rollup_units() -> Result<Vec<Unit>, AppError> {
    let who = super::ssr::person()?;
    super::ssr::backend()?.rollup_units(&who).await
}

/// The figures of `unit`'s own plan, for the open roll-up of `root` (`None`: no plan that
/// year): what the page fetches when the live feed says that unit's plan was saved, so no
/// other unit is asked for. A unit the roll-up does not show is "not found".
#[server]
pub async fn get_rollup_unit(
    root: UnitId,
    unit: UnitId,
    year: i32,
    quarter: u8,
) -> Result<Option<PlanFigures>, AppError> {
    let who = super::ssr::person()?;
    let year =
        model::rollup::fiscal_year_from_query(&year.to_string()).map_err(AppError::Invalid)?;
    let quarter = super::ssr::quarter(quarter)?;
    super::ssr::backend()?
        .rollup_unit(&who, root, unit, year, quarter)
        .await
}
