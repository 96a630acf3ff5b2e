//! The roll-up of a unit (`/unit/{id}`): the door (the person reads the unit's plans), the year
//! and quarter when the address names none, and the tree the model sums.

use super::guard::unit_tree;
use crate::storage::Store;
use app::error::AppError;
use model::access::{allows, Permission, Person, Unit};
use model::dashboard::CalendarMonth;
use model::rollup::attention::attention_across;
use model::rollup::{default_year, mark_overdue, offered_units, roll_up, PlanFigures, Rollup};
use model::time::zone_of_unit;
use model::{Quarter, UnitId};

/// The roll-up of `unit` for `who`. A unit that does not exist and one `who` may not read are
/// both "not found": the roll-up does not tell which units exist elsewhere. Without a year,
/// [`default_year`]; without a quarter, the one running in that year (TW IV of a past year,
/// TW I of a future one).
pub async fn rollup(
    store: &Store,
    who: &Person,
    unit: UnitId,
    year: Option<i32>,
    quarter: Option<Quarter>,
) -> Result<Rollup, AppError> {
    rollup_at(store, who, unit, year, quarter, crate::clock::now()).await
}

/// [`rollup`] as it reads at `now` (which quarters are overdue, which year and quarter open).
pub async fn rollup_at(
    store: &Store,
    who: &Person,
    unit: UnitId,
    year: Option<i32>,
    quarter: Option<Quarter>,
    now: model::time::Timestamp,
) -> Result<Rollup, AppError> {
    let tree = unit_tree(store).await?;
    let reads = |u: UnitId| allows(who, &tree, Permission::ReadPlan, u);
    if !tree.contains(unit) || !reads(unit) {
        tracing::info!(user = %who.username, %unit, "roll-up refused");
        return Err(not_found(unit));
    }
    let units = store.units().await?;
    let zone = zone_of_unit(&units, unit);
    let today = CalendarMonth::of(now, zone);
    let years = store.rollup_years_unchecked(unit).await?;
    let year = year.unwrap_or_else(|| default_year(&years, today.year));
    let quarter = quarter.unwrap_or_else(|| today.started_through(year).unwrap_or(Quarter::Q1));
    let mut plans = store.rollup_figures_unchecked(unit, year, quarter).await?;
    let deadlines = store.report_deadlines(year).await?;
    mark_overdue(&mut plans, &units, &deadlines, quarter, now);
    let rows = roll_up(unit, &units, &plans, reads).ok_or_else(|| not_found(unit))?;
    let total = rows.first().map(|r| r.sums.clone()).unwrap_or_default();
    let target = store.load_thresholds_unchecked(year).await?.target(quarter);
    let deadline = deadlines.deadline(quarter);
    let attention = attention_across(&rows, &plans, quarter, target, deadline);
    // What a live page needs to sum again: the units it shows and their own plans.
    let shown: std::collections::HashSet<UnitId> = rows.iter().map(|r| r.unit).collect();
    let units: Vec<Unit> = units
        .into_iter()
        .filter(|u| shown.contains(&u.id))
        .collect();
    let mut plans: Vec<_> = plans
        .into_iter()
        .filter(|(u, _)| shown.contains(u))
        .collect();
    plans.sort_by_key(|(u, _)| u.0);
    Ok(Rollup {
        unit,
        year,
        quarter,
        target,
        years,
        rows,
        total,
        zone,
        deadline,
        attention,
        units,
        plans,
    })
}

/// The figures of `unit`'s own plan, for the roll-up of `root` that shows it (a live page
/// fetches them when the plan was saved), overdue marked as [`rollup`] marks it. A unit the
/// roll-up of `root` does not show `who` (out of reach, not below `root`, not there) is "not
/// found".
pub async fn unit_figures(
    store: &Store,
    who: &Person,
    root: UnitId,
    unit: UnitId,
    year: i32,
    quarter: Quarter,
) -> Result<Option<PlanFigures>, AppError> {
    let tree = unit_tree(store).await?;
    let reads = |u: UnitId| allows(who, &tree, Permission::ReadPlan, u);
    // Shown when `unit` is `root` or below it and `root` is in reach: reach passes down, so
    // every unit between them is too (the rows `roll_up` makes).
    if !tree.contains(unit) || !tree.is_within(unit, root) || !reads(root) || !reads(unit) {
        tracing::info!(user = %who.username, %unit, "roll-up row refused");
        return Err(not_found(unit));
    }
    let Some(mut figures) = store.unit_figures_unchecked(unit, year, quarter).await? else {
        return Ok(None);
    };
    let units = store.units().await?;
    let deadlines = store.report_deadlines(year).await?;
    figures.overdue = deadlines.is_overdue(
        quarter,
        &figures.state,
        crate::clock::now(),
        zone_of_unit(&units, unit),
    );
    Ok(Some(figures))
}

/// The units whose roll-up the home page offers `who`, with their names.
pub async fn offered(store: &Store, who: &Person) -> Result<Vec<Unit>, AppError> {
    let units = store.units().await?;
    let offered = offered_units(who, &model::access::UnitTree::new(&units));
    Ok(offered
        .into_iter()
        .filter_map(|id| units.iter().find(|u| u.id == id).cloned())
        .collect())
}

fn not_found(unit: UnitId) -> AppError {
    AppError::NotFound(format!("Unit nomor {unit}"))
}
