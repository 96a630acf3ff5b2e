//! Managing units and people. An admin manages the units at and below the units where they
//! hold the admin role, and the people all of whose roles lie in those units
//! (`model::administer::may_act_on_person`). Every change is written with its line in the
//! admin trail, which `/admin` shows.

use crate::usecases::password::hash_password;

use crate::storage::{AdminStamp, NewPerson, Store};
use crate::usecases::guard::unit_tree;
use app::api::{AdminCommand, AdminView};
use app::error::AppError;
use model::access::{
    allows, valid_name, valid_password, valid_username, Grant, Permission, Person, UnitTree,
};
use model::administer::{may_act_on_person, Account, PersonAction};
use model::{UnitId, UserId};

/// How many lines of the admin trail `/admin` shows.
pub const ADMIN_LOG_LINES: i64 = 200;

pub async fn view(store: &Store, who: &Person) -> Result<AdminView, AppError> {
    let tree = unit_tree(store).await?;
    let units = store.units().await?;
    let manageable: Vec<UnitId> = units
        .iter()
        .map(|u| u.id)
        .filter(|u| allows(who, &tree, Permission::ManageUnit, *u))
        .collect();
    if manageable.is_empty() {
        return Err(AppError::Forbidden("Halaman ini hanya untuk admin".into()));
    }
    let accounts = store.accounts().await?;
    let by_id: std::collections::HashMap<UserId, &Person> =
        accounts.iter().map(|a| (a.person.id, &a.person)).collect();
    let mut people = Vec::new();
    let mut manageable_people = Vec::new();
    let mut disabled = Vec::new();
    for account in &accounts {
        let person = &account.person;
        let creator = account.created_by.and_then(|id| by_id.get(&id).copied());
        let may =
            may_act_on_person(who, &tree, account, creator, PersonAction::ResetPassword).is_ok();
        let in_reach = person.grants.iter().any(|g| manageable.contains(&g.unit));
        if !(in_reach || may) {
            continue;
        }
        if may {
            manageable_people.push(person.id);
        }
        if account.disabled_at.is_some() {
            disabled.push(person.id);
        }
        people.push(person.clone());
    }
    let log = store
        .admin_log(&manageable, who.id, ADMIN_LOG_LINES)
        .await?;
    let zone = model::time::zone_of_person(who, &units);
    Ok(AdminView {
        zone,
        units,
        manageable,
        people,
        manageable_people,
        disabled,
        viewer: who.id,
        log,
    })
}

pub async fn run(store: &Store, who: &Person, command: AdminCommand) -> Result<(), AppError> {
    let tree = unit_tree(store).await?;
    let by = AdminStamp::person(who, crate::clock::now());
    let manage = |unit: UnitId| manage(who, &tree, unit);
    match command {
        AdminCommand::CreateUnit { name, parent } => {
            manage(parent)?;
            let name = valid_name(&name, "Nama unit").map_err(AppError::Invalid)?;
            store.create_unit(&name, Some(parent), &by).await?;
        }
        AdminCommand::CreateUser {
            username,
            name,
            password,
            unit,
            role,
        } => {
            manage(unit)?;
            let new = Candidate {
                username: &username,
                name: &name,
                password: &password,
                grant: Grant { unit, role },
            };
            create_user(store, &new, Some(who.id), &by).await?;
        }
        AdminCommand::Grant { user, unit, role } => {
            let grant = Grant { unit, role };
            manage(unit)?;
            may_act(store, who, &tree, user, PersonAction::Grant(grant)).await?;
            store.grant(user, grant, &by).await?;
        }
        AdminCommand::Revoke { user, unit, role } => {
            let grant = Grant { unit, role };
            manage(unit)?;
            may_act(store, who, &tree, user, PersonAction::Revoke(grant)).await?;
            store.revoke(user, grant, &by).await?;
        }
        AdminCommand::ResetPassword { user, password } => {
            may_act(store, who, &tree, user, PersonAction::ResetPassword).await?;
            valid_password(&password).map_err(AppError::Invalid)?;
            let hash = hash_password(&password).await?;
            store.set_password(user, &hash, &by).await?;
        }
        AdminCommand::SetDisabled { user, disabled } => {
            let action = if disabled {
                PersonAction::Disable
            } else {
                PersonAction::Enable
            };
            may_act(store, who, &tree, user, action).await?;
            store.set_disabled(user, disabled, &by).await?;
        }
        AdminCommand::SetUnitZone { unit, zone } => {
            manage(unit)?;
            store.set_unit_zone(unit, zone, &by).await?;
        }
    }
    Ok(())
}

/// A person to create, as typed.
pub struct Candidate<'a> {
    pub username: &'a str,
    pub name: &'a str,
    pub password: &'a str,
    pub grant: Grant,
}

/// A new person with one role, checked by the model's rules; the command line uses it for the
/// first admin (`created_by` is then `None`).
pub async fn create_user(
    store: &Store,
    new: &Candidate<'_>,
    created_by: Option<UserId>,
    by: &AdminStamp,
) -> Result<UserId, AppError> {
    let username = valid_username(new.username).map_err(AppError::Invalid)?;
    let name = valid_name(new.name, "Nama").map_err(AppError::Invalid)?;
    valid_password(new.password).map_err(AppError::Invalid)?;
    let hash = hash_password(new.password).await?;
    let person = NewPerson {
        username: &username,
        name: &name,
        password_hash: &hash,
        grant: new.grant,
        created_by,
    };
    Ok(store.create_user(&person, by).await?)
}

fn manage(who: &Person, tree: &UnitTree, unit: UnitId) -> Result<(), AppError> {
    if !tree.contains(unit) {
        return Err(AppError::NotFound(format!("Unit nomor {unit}")));
    }
    model::access::check(who, tree, Permission::ManageUnit, unit)
        .map_err(|denied| AppError::Forbidden(denied.0))
}

/// The rule for acting on a person, against what storage holds of them now.
async fn may_act(
    store: &Store,
    who: &Person,
    tree: &UnitTree,
    user: UserId,
    action: PersonAction,
) -> Result<(), AppError> {
    let account = store
        .account(user)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("Pengguna nomor {user}")))?;
    let creator = creator(store, &account).await?;
    may_act_on_person(who, tree, &account, creator.as_ref(), action).map_err(|denied| {
        tracing::info!(admin = %who.username, target = %account.person.username, ?action, "refused");
        AppError::Forbidden(denied.0)
    })
}

async fn creator(store: &Store, account: &Account) -> Result<Option<Person>, AppError> {
    match account.created_by {
        Some(id) => Ok(store.person(id).await?),
        None => Ok(None),
    }
}
