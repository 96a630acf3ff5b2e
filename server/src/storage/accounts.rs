//! Changes to units and people, each written with its line in the admin trail in one
//! transaction: a unit or person created, a role given or taken, a password reset, an account
//! disabled or enabled again.

use super::codec;
use super::people::UnitRow;
use super::{Store, StoreError, Taken, Tx};
use model::access::{Grant, Person, Unit};
use model::administer::{unit_name_key, Account, AdminLogAction, AdminLogEntry};
use model::time::Timestamp;
use model::{UnitId, UserId};

/// Who does an admin action, and when. `user` is `None` for the command line and demo data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AdminStamp {
    pub user: Option<UserId>,
    pub name: String,
    pub at: Timestamp,
}

impl AdminStamp {
    pub fn person(who: &Person, at: Timestamp) -> AdminStamp {
        AdminStamp {
            user: Some(who.id),
            name: who.name.clone(),
            at,
        }
    }

    /// The server's own command line (`pantau create-user`, `pantau grant`, `pantau import`).
    pub fn command_line(at: Timestamp) -> AdminStamp {
        AdminStamp {
            user: None,
            name: "baris perintah server".into(),
            at,
        }
    }
}

/// A person to create.
pub struct NewPerson<'a> {
    pub username: &'a str,
    pub name: &'a str,
    pub password_hash: &'a str,
    pub grant: Grant,
    /// The admin who creates them (`None` from the command line).
    pub created_by: Option<UserId>,
}

impl Store {
    /// A new unit; `Duplicate` when a unit of that name (whatever its case and spacing) exists
    /// anywhere in the tree.
    pub async fn create_unit(
        &self,
        name: &str,
        parent: Option<UnitId>,
        by: &AdminStamp,
    ) -> Result<UnitId, StoreError> {
        let mut tx = self.pool.begin().await?;
        let id = insert_unit(&mut tx, name, parent, by).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The unit with this name (whatever its case and spacing), if there is one.
    pub async fn unit_named(&self, name: &str) -> Result<Option<Unit>, StoreError> {
        let row: Option<UnitRow> =
            sqlx::query_as("SELECT id, name, parent_id, time_zone FROM units WHERE name_key = $1")
                .bind(unit_name_key(name))
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(Unit::from))
    }

    /// The unit with this name, created at the top when there is none (the command line's way
    /// to a first unit).
    pub async fn unit_or_new_top(&self, name: &str, by: &AdminStamp) -> Result<UnitId, StoreError> {
        if let Some(unit) = self.unit_named(name).await? {
            return Ok(unit.id);
        }
        match self.create_unit(name, None, by).await {
            Err(StoreError::Duplicate(_)) => {
                // Another server created it a moment ago.
                let unit = self.unit_named(name).await?;
                unit.map(|u| u.id).ok_or_else(|| {
                    StoreError::Duplicate(Taken::UnitName {
                        name: name.to_owned(),
                        holder: None,
                    })
                })
            }
            other => other,
        }
    }

    /// A new person holding one role; `Duplicate` when the username is taken.
    pub async fn create_user(
        &self,
        new: &NewPerson<'_>,
        by: &AdminStamp,
    ) -> Result<UserId, StoreError> {
        let mut batch = self.account_batch().await?;
        let id = batch.create_user(new, by).await?;
        batch.commit().await?;
        Ok(id)
    }

    /// Gives a role; giving it twice changes nothing and records nothing.
    pub async fn grant(
        &self,
        user: UserId,
        grant: Grant,
        by: &AdminStamp,
    ) -> Result<(), StoreError> {
        let mut batch = self.account_batch().await?;
        batch.grant(user, grant, by).await?;
        batch.commit().await
    }

    /// Takes a role away. Taking a person's last role also ends their sessions.
    pub async fn revoke(
        &self,
        user: UserId,
        grant: Grant,
        by: &AdminStamp,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        let removed =
            sqlx::query("DELETE FROM grants WHERE user_id = $1 AND unit_id = $2 AND role = $3")
                .bind(user.0)
                .bind(grant.unit.0)
                .bind(grant.role.code())
                .execute(&mut *tx)
                .await?
                .rows_affected();
        if removed == 0 {
            return Ok(());
        }
        let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM grants WHERE user_id = $1")
            .bind(user.0)
            .fetch_one(&mut *tx)
            .await?;
        if left == 0 {
            end_sessions(&mut tx, user).await?;
        }
        let detail = format!(
            "{} di {} dari {}",
            grant.role.label(),
            unit_name(&mut tx, grant.unit).await?,
            user_name(&mut tx, user).await?
        );
        log(
            &mut tx,
            by,
            AdminLogAction::RoleRevoked,
            Some(grant.unit),
            Some(user),
            &detail,
        )
        .await?;
        tx.commit().await?;
        if left == 0 {
            self.sessions_ended(user).await;
        }
        Ok(())
    }

    /// A new password, which signs the person out everywhere.
    pub async fn set_password(
        &self,
        user: UserId,
        password_hash: &str,
        by: &AdminStamp,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(user.0)
            .execute(&mut *tx)
            .await?;
        end_sessions(&mut tx, user).await?;
        let detail = user_name(&mut tx, user).await?;
        let unit = first_unit(&mut tx, user).await?;
        log(
            &mut tx,
            by,
            AdminLogAction::PasswordReset,
            unit,
            Some(user),
            &detail,
        )
        .await?;
        tx.commit().await?;
        self.sessions_ended(user).await;
        Ok(())
    }

    /// Disables an account (it cannot sign in, and its sessions end) or enables it again.
    pub async fn set_disabled(
        &self,
        user: UserId,
        disabled: bool,
        by: &AdminStamp,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        let changed = if disabled {
            sqlx::query("UPDATE users SET disabled_at = $1 WHERE id = $2 AND disabled_at IS NULL")
                .bind(by.at.0)
                .bind(user.0)
                .execute(&mut *tx)
                .await?
        } else {
            sqlx::query(
                "UPDATE users SET disabled_at = NULL WHERE id = $1 AND disabled_at IS NOT NULL",
            )
            .bind(user.0)
            .execute(&mut *tx)
            .await?
        }
        .rows_affected();
        if changed == 0 {
            return Ok(());
        }
        if disabled {
            end_sessions(&mut tx, user).await?;
        }
        let action = if disabled {
            AdminLogAction::PersonDisabled
        } else {
            AdminLogAction::PersonEnabled
        };
        let detail = user_name(&mut tx, user).await?;
        let unit = first_unit(&mut tx, user).await?;
        log(&mut tx, by, action, unit, Some(user), &detail).await?;
        tx.commit().await?;
        if disabled {
            self.sessions_ended(user).await;
        }
        Ok(())
    }

    /// A person with who created them and whether they are disabled.
    pub async fn account(&self, user: UserId) -> Result<Option<Account>, StoreError> {
        let Some(person) = self.person(user).await? else {
            return Ok(None);
        };
        let row: AccountRow =
            sqlx::query_as("SELECT id, created_by, disabled_at FROM users WHERE id = $1")
                .bind(user.0)
                .fetch_one(&self.pool)
                .await?;
        Ok(Some(row.into_model(person)))
    }

    /// Everyone, with their roles, who created them and whether they are disabled.
    pub async fn accounts(&self) -> Result<Vec<Account>, StoreError> {
        let people = self.people().await?;
        let rows: Vec<AccountRow> = sqlx::query_as("SELECT id, created_by, disabled_at FROM users")
            .fetch_all(&self.pool)
            .await?;
        let mut by_id: std::collections::HashMap<i64, AccountRow> =
            rows.into_iter().map(|row| (row.id, row)).collect();
        Ok(people
            .into_iter()
            .map(|person| match by_id.remove(&person.id.0) {
                Some(row) => row.into_model(person),
                None => Account {
                    person,
                    created_by: None,
                    disabled_at: None,
                },
            })
            .collect())
    }

    /// How many people are stored.
    pub async fn people_count(&self) -> Result<i64, StoreError> {
        let mut conn = self.pool.acquire().await?;
        count_people(&mut conn).await
    }

    /// The admin trail's newest lines about `units`, or done by `actor`, newest first.
    pub async fn admin_log(
        &self,
        units: &[UnitId],
        actor: UserId,
        limit: i64,
    ) -> Result<Vec<AdminLogEntry>, StoreError> {
        let rows: Vec<AdminLogRow> = sqlx::query_as(
            "SELECT at, user_name, action, detail, unit_id, user_id FROM admin_log \
             ORDER BY id DESC LIMIT 20000",
        )
        .fetch_all(&self.pool)
        .await?;
        let limit = usize::try_from(limit).unwrap_or(0);
        let mut entries = Vec::new();
        for row in rows {
            let unit = row.unit_id.map(UnitId);
            let by = row.user_id.map(UserId);
            if !(by == Some(actor) || unit.is_some_and(|u| units.contains(&u))) {
                continue;
            }
            entries.push(AdminLogEntry::try_from(row)?);
            if entries.len() >= limit {
                break;
            }
        }
        Ok(entries)
    }
}

#[derive(sqlx::FromRow)]
struct AccountRow {
    id: i64,
    created_by: Option<i64>,
    disabled_at: Option<i64>,
}

impl AccountRow {
    fn into_model(self, person: Person) -> Account {
        Account {
            person,
            created_by: self.created_by.map(UserId),
            disabled_at: self.disabled_at.map(Timestamp),
        }
    }
}

#[derive(sqlx::FromRow)]
struct AdminLogRow {
    at: i64,
    user_name: String,
    action: String,
    detail: String,
    unit_id: Option<i64>,
    user_id: Option<i64>,
}

impl TryFrom<AdminLogRow> for AdminLogEntry {
    type Error = StoreError;

    fn try_from(row: AdminLogRow) -> Result<AdminLogEntry, StoreError> {
        Ok(AdminLogEntry {
            at: Timestamp(row.at),
            by: row.user_name,
            action: codec::code(
                "admin_log",
                "action",
                &row.action,
                AdminLogAction::from_code,
            )?,
            detail: row.detail,
        })
    }
}

async fn count_people(conn: &mut sqlx::AnyConnection) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(&mut *conn)
        .await?)
}

/// Inserts a unit and its trail line inside a transaction.
pub(super) async fn insert_unit(
    tx: &mut Tx<'_>,
    name: &str,
    parent: Option<UnitId>,
    by: &AdminStamp,
) -> Result<UnitId, StoreError> {
    let taken = |holder| {
        StoreError::Duplicate(Taken::UnitName {
            name: name.to_owned(),
            holder,
        })
    };
    let existing: Option<String> = sqlx::query_scalar("SELECT name FROM units WHERE name_key = $1")
        .bind(unit_name_key(name))
        .fetch_optional(&mut **tx)
        .await?;
    if existing.is_some() {
        return Err(taken(existing));
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO units (name, name_key, parent_id) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(name)
    .bind(unit_name_key(name))
    .bind(parent.map(|p| p.0))
    .fetch_one(&mut **tx)
    .await
    .map_err(|e| super::people::duplicate(e, taken(None)))?;
    let detail = match parent {
        Some(parent) => format!("{name} di bawah {}", unit_name(tx, parent).await?),
        None => format!("{name} (unit teratas)"),
    };
    log(
        tx,
        by,
        AdminLogAction::UnitCreated,
        Some(UnitId(id)),
        None,
        &detail,
    )
    .await?;
    Ok(UnitId(id))
}

/// Inserts a person with one role and its trail line inside a transaction.
pub(super) async fn insert_user(
    tx: &mut Tx<'_>,
    new: &NewPerson<'_>,
    by: &AdminStamp,
) -> Result<UserId, StoreError> {
    let taken = || StoreError::Duplicate(Taken::Username(new.username.to_owned()));
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO users (username, name, password_hash, created_at, created_by) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(new.username)
    .bind(new.name)
    .bind(new.password_hash)
    .bind(by.at.0)
    .bind(new.created_by.map(|u| u.0))
    .fetch_one(&mut **tx)
    .await
    .map_err(|e| super::people::duplicate(e, taken()))?;
    let user = UserId(id);
    let detail = format!(
        "{} ({}), {} di {}",
        new.name,
        new.username,
        new.grant.role.label(),
        unit_name(tx, new.grant.unit).await?
    );
    log(
        tx,
        by,
        AdminLogAction::PersonCreated,
        Some(new.grant.unit),
        Some(user),
        &detail,
    )
    .await?;
    sqlx::query("INSERT INTO grants (user_id, unit_id, role) VALUES ($1, $2, $3)")
        .bind(id)
        .bind(new.grant.unit.0)
        .bind(new.grant.role.code())
        .execute(&mut **tx)
        .await?;
    Ok(user)
}

/// Gives a role inside a transaction; a role already held records nothing.
pub(super) async fn insert_grant(
    tx: &mut Tx<'_>,
    user: UserId,
    grant: Grant,
    by: &AdminStamp,
) -> Result<(), StoreError> {
    let added = sqlx::query(
        "INSERT INTO grants (user_id, unit_id, role) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id, unit_id, role) DO NOTHING",
    )
    .bind(user.0)
    .bind(grant.unit.0)
    .bind(grant.role.code())
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if added > 0 {
        let detail = format!(
            "{} di {} untuk {}",
            grant.role.label(),
            unit_name(tx, grant.unit).await?,
            user_name(tx, user).await?
        );
        log(
            tx,
            by,
            AdminLogAction::RoleGranted,
            Some(grant.unit),
            Some(user),
            &detail,
        )
        .await?;
    }
    Ok(())
}

pub(super) async fn log(
    tx: &mut Tx<'_>,
    by: &AdminStamp,
    action: AdminLogAction,
    unit: Option<UnitId>,
    target: Option<UserId>,
    detail: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO admin_log (at, user_id, user_name, action, unit_id, target_user_id, detail) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(by.at.0)
    .bind(by.user.map(|u| u.0))
    .bind(&by.name)
    .bind(action.code())
    .bind(unit.map(|u| u.0))
    .bind(target.map(|u| u.0))
    .bind(detail)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn end_sessions(tx: &mut Tx<'_>, user: UserId) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user.0)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub(super) async fn unit_name(tx: &mut Tx<'_>, unit: UnitId) -> Result<String, StoreError> {
    let name: Option<String> = sqlx::query_scalar("SELECT name FROM units WHERE id = $1")
        .bind(unit.0)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(name.unwrap_or_else(|| format!("unit nomor {unit}")))
}

async fn user_name(tx: &mut Tx<'_>, user: UserId) -> Result<String, StoreError> {
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT name, username FROM users WHERE id = $1")
            .bind(user.0)
            .fetch_optional(&mut **tx)
            .await?;
    Ok(row.map_or_else(
        || format!("pengguna nomor {user}"),
        |(name, username)| format!("{name} ({username})"),
    ))
}

/// One unit where the person holds a role (the trail line of a reset or a disabled account is
/// shown to the admins of that unit and above).
async fn first_unit(tx: &mut Tx<'_>, user: UserId) -> Result<Option<UnitId>, StoreError> {
    let unit: Option<i64> =
        sqlx::query_scalar("SELECT MIN(unit_id) FROM grants WHERE user_id = $1")
            .bind(user.0)
            .fetch_one(&mut **tx)
            .await?;
    Ok(unit.map(UnitId))
}

/// Several account and plan changes that land together or not at all (the demo data).
pub struct AccountBatch {
    pub(super) tx: Tx<'static>,
}

impl Store {
    pub async fn account_batch(&self) -> Result<AccountBatch, StoreError> {
        Ok(AccountBatch {
            tx: self.pool.begin().await?,
        })
    }
}

impl AccountBatch {
    pub async fn people_count(&mut self) -> Result<i64, StoreError> {
        count_people(&mut self.tx).await
    }

    pub async fn create_unit(
        &mut self,
        name: &str,
        parent: Option<UnitId>,
        by: &AdminStamp,
    ) -> Result<UnitId, StoreError> {
        insert_unit(&mut self.tx, name, parent, by).await
    }

    pub async fn insert_plan(
        &mut self,
        plan: &model::Plan,
        placement: &super::UnitPlacement,
        by: &AdminStamp,
    ) -> Result<super::InsertOutcome, StoreError> {
        super::write::insert_plan_in(&mut self.tx, plan, placement, by).await
    }

    /// The unit a plan belongs to.
    pub async fn plan_unit(&mut self, plan: model::PlanId) -> Result<UnitId, StoreError> {
        let unit: i64 = sqlx::query_scalar("SELECT unit_id FROM plans WHERE id = $1")
            .bind(plan.0)
            .fetch_one(&mut *self.tx)
            .await?;
        Ok(UnitId(unit))
    }

    pub async fn create_user(
        &mut self,
        new: &NewPerson<'_>,
        by: &AdminStamp,
    ) -> Result<UserId, StoreError> {
        insert_user(&mut self.tx, new, by).await
    }

    pub async fn grant(
        &mut self,
        user: UserId,
        grant: Grant,
        by: &AdminStamp,
    ) -> Result<(), StoreError> {
        insert_grant(&mut self.tx, user, grant, by).await
    }

    pub async fn commit(self) -> Result<(), StoreError> {
        self.tx.commit().await?;
        Ok(())
    }
}
