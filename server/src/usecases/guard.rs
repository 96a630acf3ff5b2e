//! The door check every request passes: the person may do this to this plan's unit. A plan that
//! does not exist is "not found" for everyone; one that exists in another unit is "forbidden".

use crate::storage::Store;
use app::error::AppError;
use model::access::{check, Permission, Person, UnitTree};
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
    let unit = store
        .plan_unit(plan)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("Rencana nomor {plan}")))?;
    let tree = unit_tree(store).await?;
    check(who, &tree, permission, unit).map_err(|denied| {
        tracing::info!(user = %who.username, %plan, ?permission, "refused");
        AppError::Forbidden(denied.0)
    })?;
    Ok(unit)
}
