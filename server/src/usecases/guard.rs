//! The door check every request passes: the person may do this to this plan's unit. A plan that
//! does not exist is "not found" for everyone; one that exists in another unit is "forbidden".

use crate::storage::Store;
use app::error::AppError;
use model::access::{check, Permission, Person, UnitTree};
use model::time::{zone_of_unit, Zone};
use model::{PlanId, UnitId};

pub async fn unit_tree(store: &Store) -> Result<UnitTree, AppError> {
    Ok(UnitTree::new(&store.units().await?))
}

/// The plan's unit, once `who` is known to hold `permission` on it.
pub async fn plan(
    store: &Store,
    who: &Person,
    plan: PlanId,
    permission: Permission,
) -> Result<UnitId, AppError> {
    Ok(plan_in_zone(store, who, plan, permission).await?.0)
}

/// [`plan`], and the zone of the plan's unit (the clock its times are read on), resolved from
/// the same read of the units table: a save needs both, and reading the table twice per save
/// was a hot path's waste.
pub async fn plan_in_zone(
    store: &Store,
    who: &Person,
    plan: PlanId,
    permission: Permission,
) -> Result<(UnitId, Zone), AppError> {
    let unit = store
        .plan_unit(plan)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("Rencana nomor {plan}")))?;
    let units = store.units().await?;
    check(who, &UnitTree::new(&units), permission, unit).map_err(|denied| {
        tracing::info!(user = %who.username, %plan, ?permission, "refused");
        AppError::Forbidden(denied.0)
    })?;
    Ok((unit, zone_of_unit(&units, unit)))
}
