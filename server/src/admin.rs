//! Managing units and people. An admin manages the units at and below the units where they
//! hold the admin role: new units go under those, roles are given and taken in those.

use crate::auth::hash_password;
use crate::editing::{internal, stored};
use crate::guard::{self, unit_tree};
use crate::storage::Store;
use app::api::{AdminCommand, AdminView};
use app::error::AppError;
use model::access::{
    allows, valid_name, valid_password, valid_username, Grant, Permission, Person, Role, UnitTree,
};
use model::{UnitId, UserId};

pub async fn view(store: &Store, who: &Person) -> Result<AdminView, AppError> {
    let tree = unit_tree(store).await?;
    let units = store.units().await.map_err(internal)?;
    let manageable: Vec<UnitId> = units
        .iter()
        .map(|u| u.id)
        .filter(|u| allows(who, &tree, Permission::ManageUnit, *u))
        .collect();
    if manageable.is_empty() {
        return Err(AppError::Forbidden("Halaman ini hanya untuk admin".into()));
    }
    // People with a role in a managed unit, and people with no role at all (just created, or
    // every role taken away), so an admin can give them one.
    let people = store
        .people()
        .await
        .map_err(internal)?
        .into_iter()
        .filter(|p| p.grants.is_empty() || p.grants.iter().any(|g| manageable.contains(&g.unit)))
        .collect();
    Ok(AdminView {
        units,
        manageable,
        people,
    })
}

pub async fn run(store: &Store, who: &Person, command: AdminCommand) -> Result<(), AppError> {
    let tree = unit_tree(store).await?;
    let manage = |unit: UnitId| manage(who, &tree, unit);
    match command {
        AdminCommand::CreateUnit { name, parent } => {
            manage(parent)?;
            let name = valid_name(&name, "Nama unit").map_err(AppError::Invalid)?;
            store
                .create_unit(&name, Some(parent))
                .await
                .map_err(stored)?;
        }
        AdminCommand::CreateUser {
            username,
            name,
            password,
            unit,
            role,
        } => {
            manage(unit)?;
            create_user(store, &username, &name, &password, Grant { unit, role }).await?;
        }
        AdminCommand::Grant { user, unit, role } => {
            manage(unit)?;
            existing(store, user).await?;
            store
                .grant(user, Grant { unit, role })
                .await
                .map_err(internal)?;
        }
        AdminCommand::Revoke { user, unit, role } => {
            manage(unit)?;
            if user == who.id && role == Role::Admin {
                return Err(AppError::Invalid(
                    "Anda tidak dapat mencabut peran admin Anda sendiri".into(),
                ));
            }
            store
                .revoke(user, Grant { unit, role })
                .await
                .map_err(internal)?;
        }
        AdminCommand::ResetPassword { user, password } => {
            let person = existing(store, user).await?;
            // An admin resets the passwords of people in the units they manage (or of people
            // who hold no role yet).
            if !person.grants.is_empty() && !person.grants.iter().any(|g| manage(g.unit).is_ok()) {
                return Err(AppError::Forbidden(
                    "Anda tidak berhak mengubah kata sandi orang ini".into(),
                ));
            }
            valid_password(&password).map_err(AppError::Invalid)?;
            let hash = hash_password(&password).await?;
            store.set_password(user, &hash).await.map_err(internal)?;
        }
    }
    Ok(())
}

/// A new person with one role; the command line uses it for the first admin.
pub async fn create_user(
    store: &Store,
    username: &str,
    name: &str,
    password: &str,
    grant: Grant,
) -> Result<UserId, AppError> {
    let username = valid_username(username).map_err(AppError::Invalid)?;
    let name = valid_name(name, "Nama").map_err(AppError::Invalid)?;
    valid_password(password).map_err(AppError::Invalid)?;
    let hash = hash_password(password).await?;
    store
        .create_user(&username, &name, &hash, grant, guard::now())
        .await
        .map_err(stored)
}

fn manage(who: &Person, tree: &UnitTree, unit: UnitId) -> Result<(), AppError> {
    if !tree.contains(unit) {
        return Err(AppError::NotFound(format!("Unit nomor {unit}")));
    }
    model::access::check(who, tree, Permission::ManageUnit, unit)
        .map_err(|denied| AppError::Forbidden(denied.0))
}

async fn existing(store: &Store, user: UserId) -> Result<Person, AppError> {
    store
        .person(user)
        .await
        .map_err(internal)?
        .ok_or_else(|| AppError::NotFound(format!("Pengguna nomor {user}")))
}
