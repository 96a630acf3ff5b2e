//! Managing units and people. Each function is one form, so it works with JavaScript off.

#[cfg(feature = "ssr")]
use super::AdminCommand;
use super::AdminView;
use crate::error::AppError;
use leptos::prelude::*;
use model::{UnitId, UserId};

#[server]
pub async fn get_admin_view() -> Result<AdminView, AppError> {
    let who = super::ssr::person()?;
    super::ssr::backend()?.admin_view(&who).await
}

#[cfg(feature = "ssr")]
async fn run(command: AdminCommand) -> Result<(), AppError> {
    let who = super::ssr::person()?;
    super::ssr::backend()?.admin(&who, command).await
}

#[cfg(feature = "ssr")]
fn role(code: &str) -> Result<model::access::Role, AppError> {
    model::access::Role::from_code(code)
        .ok_or_else(|| AppError::Invalid(format!("Peran \u{201c}{code}\u{201d} tidak dikenal")))
}

#[server]
pub async fn create_unit(name: String, parent: UnitId) -> Result<(), AppError> {
    run(AdminCommand::CreateUnit { name, parent }).await
}

#[server]
pub async fn create_user(
    username: String,
    name: String,
    password: String,
    unit: UnitId,
    role: String,
) -> Result<(), AppError> {
    let role = self::role(&role)?;
    run(AdminCommand::CreateUser {
        username,
        name,
        password,
        unit,
        role,
    })
    .await
}

#[server]
pub async fn grant_role(user: UserId, unit: UnitId, role: String) -> Result<(), AppError> {
    let role = self::role(&role)?;
    run(AdminCommand::Grant { user, unit, role }).await
}

#[server]
pub async fn revoke_role(user: UserId, unit: UnitId, role: String) -> Result<(), AppError> {
    let role = self::role(&role)?;
    run(AdminCommand::Revoke { user, unit, role }).await
}

#[server]
pub async fn reset_password(user: UserId, password: String) -> Result<(), AppError> {
    run(AdminCommand::ResetPassword { user, password }).await
}

/// Disables an account (it cannot sign in; its sessions and live streams end), or enables it.
#[server]
pub async fn set_disabled(user: UserId, disabled: bool) -> Result<(), AppError> {
    run(AdminCommand::SetDisabled { user, disabled }).await
}

/// Sets a unit's time zone from the form: `WIB`, `WITA` or `WIT`, or empty for the parent's.
#[server]
pub async fn set_unit_zone(unit: UnitId, zone: String) -> Result<(), AppError> {
    let zone = match zone.trim() {
        "" => None,
        code => Some(model::time::Zone::parse(code).map_err(AppError::Invalid)?),
    };
    run(AdminCommand::SetUnitZone { unit, zone }).await
}
