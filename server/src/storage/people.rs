//! Units, people, their roles and sessions.

use super::structure::Tx;
use super::{Store, StoreError};
use model::access::{Grant, Person, Role, Unit};
use model::time::Timestamp;
use model::{PlanId, UnitId, UserId};
use sqlx::any::AnyRow;
use sqlx::Row;
use std::collections::HashMap;

impl Store {
    pub async fn units(&self) -> Result<Vec<Unit>, StoreError> {
        let rows = sqlx::query("SELECT id, name, parent_id FROM units ORDER BY name")
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(unit).collect())
    }

    /// A new unit; `Duplicate` when the name is taken.
    pub async fn create_unit(
        &self,
        name: &str,
        parent: Option<UnitId>,
    ) -> Result<UnitId, StoreError> {
        let id: i64 =
            sqlx::query("INSERT INTO units (name, parent_id) VALUES ($1, $2) RETURNING id")
                .bind(name)
                .bind(parent.map(|p| p.0))
                .fetch_one(&self.pool)
                .await
                .map_err(|e| duplicate(e, format!("Unit \u{201c}{name}\u{201d} sudah ada")))?
                .get(0);
        Ok(UnitId(id))
    }

    /// Places a unit under another (or at the top). The caller checks that this makes no cycle.
    pub async fn set_unit_parent(
        &self,
        unit: UnitId,
        parent: Option<UnitId>,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE units SET parent_id = $1 WHERE id = $2")
            .bind(parent.map(|p| p.0))
            .bind(unit.0)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The unit with this name, created at the top when there is none.
    pub async fn ensure_unit(&self, name: &str) -> Result<UnitId, StoreError> {
        let mut tx = self.pool.begin().await?;
        let id = unit_named(&mut tx, name).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Which unit each plan belongs to.
    pub async fn plan_units(&self) -> Result<HashMap<PlanId, UnitId>, StoreError> {
        let rows = sqlx::query("SELECT id, unit_id FROM plans WHERE unit_id IS NOT NULL")
            .fetch_all(&self.pool)
            .await?;
        Ok(rows
            .iter()
            .map(|r| (PlanId(r.get(0)), UnitId(r.get(1))))
            .collect())
    }

    pub async fn plan_unit(&self, plan: PlanId) -> Result<Option<UnitId>, StoreError> {
        let row = sqlx::query("SELECT unit_id FROM plans WHERE id = $1")
            .bind(plan.0)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.and_then(|r| r.get::<Option<i64>, _>(0)).map(UnitId))
    }

    /// A new person holding one role, in one transaction; `Duplicate` when the username is
    /// taken.
    pub async fn create_user(
        &self,
        username: &str,
        name: &str,
        password_hash: &str,
        grant: Grant,
        now: Timestamp,
    ) -> Result<UserId, StoreError> {
        let mut tx = self.pool.begin().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO users (username, name, password_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(username)
        .bind(name)
        .bind(password_hash)
        .bind(now.0)
        .fetch_one(&mut *tx)
        .await
        .map_err(|e| duplicate(e, format!("Nama pengguna \u{201c}{username}\u{201d} sudah dipakai")))?
        .get(0);
        sqlx::query("INSERT INTO grants (user_id, unit_id, role) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(grant.unit.0)
            .bind(grant.role.code())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(UserId(id))
    }

    pub async fn set_password(&self, user: UserId, password_hash: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(user.0)
            .execute(&self.pool)
            .await?;
        // A new password signs the person out everywhere.
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user.0)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Gives a role; giving it twice changes nothing.
    pub async fn grant(&self, user: UserId, grant: Grant) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO grants (user_id, unit_id, role) VALUES ($1, $2, $3) \
             ON CONFLICT (user_id, unit_id, role) DO NOTHING",
        )
        .bind(user.0)
        .bind(grant.unit.0)
        .bind(grant.role.code())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn revoke(&self, user: UserId, grant: Grant) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM grants WHERE user_id = $1 AND unit_id = $2 AND role = $3")
            .bind(user.0)
            .bind(grant.unit.0)
            .bind(grant.role.code())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The id and password hash for a username, for checking a login.
    pub async fn login_record(
        &self,
        username: &str,
    ) -> Result<Option<(UserId, String)>, StoreError> {
        let row = sqlx::query("SELECT id, password_hash FROM users WHERE username = $1")
            .bind(username)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| (UserId(r.get(0)), r.get(1))))
    }

    pub async fn person(&self, user: UserId) -> Result<Option<Person>, StoreError> {
        let Some(row) = sqlx::query("SELECT id, username, name FROM users WHERE id = $1")
            .bind(user.0)
            .fetch_optional(&self.pool)
            .await?
        else {
            return Ok(None);
        };
        let grants = sqlx::query("SELECT unit_id, role FROM grants WHERE user_id = $1")
            .bind(user.0)
            .fetch_all(&self.pool)
            .await?;
        Ok(Some(Person {
            id: UserId(row.get(0)),
            username: row.get(1),
            name: row.get(2),
            grants: grants.iter().filter_map(grant).collect(),
        }))
    }

    /// Everyone, with their roles, by username.
    pub async fn people(&self) -> Result<Vec<Person>, StoreError> {
        let rows = sqlx::query("SELECT id, username, name FROM users ORDER BY username")
            .fetch_all(&self.pool)
            .await?;
        let grants = sqlx::query("SELECT user_id, unit_id, role FROM grants")
            .fetch_all(&self.pool)
            .await?;
        let mut by_user: HashMap<i64, Vec<Grant>> = HashMap::new();
        for row in &grants {
            if let Some(role) = Role::from_code(&row.get::<String, _>(2)) {
                by_user.entry(row.get(0)).or_default().push(Grant {
                    unit: UnitId(row.get(1)),
                    role,
                });
            }
        }
        Ok(rows
            .iter()
            .map(|r| {
                let id: i64 = r.get(0);
                Person {
                    id: UserId(id),
                    username: r.get(1),
                    name: r.get(2),
                    grants: by_user.remove(&id).unwrap_or_default(),
                }
            })
            .collect())
    }

    pub async fn create_session(
        &self,
        token_hash: &str,
        user: UserId,
        expires: Timestamp,
    ) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)")
            .bind(token_hash)
            .bind(user.0)
            .bind(expires.0)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The person a session belongs to, while it has not expired.
    pub async fn session_user(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> Result<Option<UserId>, StoreError> {
        let row =
            sqlx::query("SELECT user_id FROM sessions WHERE token_hash = $1 AND expires_at > $2")
                .bind(token_hash)
                .bind(now.0)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(|r| UserId(r.get(0))))
    }

    pub async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn delete_expired_sessions(&self, now: Timestamp) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(now.0)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

/// The unit named `name`, created at the top when there is none; safe against another server
/// creating it at the same moment.
pub(super) async fn unit_named(tx: &mut Tx<'_>, name: &str) -> Result<UnitId, StoreError> {
    sqlx::query("INSERT INTO units (name) VALUES ($1) ON CONFLICT (name) DO NOTHING")
        .bind(name)
        .execute(&mut **tx)
        .await?;
    let id: i64 = sqlx::query("SELECT id FROM units WHERE name = $1")
        .bind(name)
        .fetch_one(&mut **tx)
        .await?
        .get(0);
    Ok(UnitId(id))
}

fn unit(row: &AnyRow) -> Unit {
    Unit {
        id: UnitId(row.get(0)),
        name: row.get(1),
        parent: row.get::<Option<i64>, _>(2).map(UnitId),
    }
}

fn grant(row: &AnyRow) -> Option<Grant> {
    Some(Grant {
        unit: UnitId(row.get(0)),
        role: Role::from_code(&row.get::<String, _>(1))?,
    })
}

fn duplicate(error: sqlx::Error, message: String) -> StoreError {
    match &error {
        sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Duplicate(message),
        _ => StoreError::Database(error),
    }
}
