//! Units, people, their roles and sessions.

use super::{Store, StoreError};
use model::access::{Grant, Person, Role, Unit};
use model::time::{Timestamp, Zone};
use model::{PlanId, UnitId, UserId};
use std::collections::HashMap;

impl Store {
    pub async fn units(&self) -> Result<Vec<Unit>, StoreError> {
        let rows: Vec<UnitRow> =
            sqlx::query_as("SELECT id, name, parent_id, time_zone FROM units ORDER BY name")
                .fetch_all(&self.pool)
                .await?;
        Ok(rows.into_iter().map(Unit::from).collect())
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

    /// Which unit each plan belongs to.
    pub async fn plan_units(&self) -> Result<HashMap<PlanId, UnitId>, StoreError> {
        let rows: Vec<(i64, i64)> =
            sqlx::query_as("SELECT id, unit_id FROM plans WHERE unit_id IS NOT NULL")
                .fetch_all(&self.pool)
                .await?;
        Ok(rows
            .into_iter()
            .map(|(plan, unit)| (PlanId(plan), UnitId(unit)))
            .collect())
    }

    pub async fn plan_unit(&self, plan: PlanId) -> Result<Option<UnitId>, StoreError> {
        let unit: Option<Option<i64>> =
            sqlx::query_scalar("SELECT unit_id FROM plans WHERE id = $1")
                .bind(plan.0)
                .fetch_optional(&self.pool)
                .await?;
        Ok(unit.flatten().map(UnitId))
    }

    /// The id and password hash for a username, for checking a login.
    pub async fn login_record(
        &self,
        username: &str,
    ) -> Result<Option<(UserId, String)>, StoreError> {
        let row: Option<(i64, String)> = sqlx::query_as(
            "SELECT id, password_hash FROM users WHERE username = $1 AND disabled_at IS NULL",
        )
        .bind(username)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|(id, hash)| (UserId(id), hash)))
    }

    pub async fn person(&self, user: UserId) -> Result<Option<Person>, StoreError> {
        let row: Option<PersonRow> =
            sqlx::query_as("SELECT id, username, name FROM users WHERE id = $1")
                .bind(user.0)
                .fetch_optional(&self.pool)
                .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let grants: Vec<GrantRow> =
            sqlx::query_as("SELECT user_id, unit_id, role FROM grants WHERE user_id = $1")
                .bind(user.0)
                .fetch_all(&self.pool)
                .await?;
        Ok(Some(row.into_model(&mut grants_by_user(grants))))
    }

    /// Everyone, with their roles, by username.
    pub async fn people(&self) -> Result<Vec<Person>, StoreError> {
        let rows: Vec<PersonRow> =
            sqlx::query_as("SELECT id, username, name FROM users ORDER BY username")
                .fetch_all(&self.pool)
                .await?;
        let grants: Vec<GrantRow> = sqlx::query_as("SELECT user_id, unit_id, role FROM grants")
            .fetch_all(&self.pool)
            .await?;
        let mut by_user = grants_by_user(grants);
        Ok(rows
            .into_iter()
            .map(|row| row.into_model(&mut by_user))
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
        Ok(self.session(token_hash, now).await?.map(|(user, _)| user))
    }

    /// The person a session belongs to and when it expires, while it has not expired and the
    /// account is not disabled.
    pub async fn session(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> Result<Option<(UserId, Timestamp)>, StoreError> {
        let row: Option<(i64, i64)> = sqlx::query_as(
            "SELECT s.user_id, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled_at IS NULL",
        )
        .bind(token_hash)
        .bind(now.0)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|(user, expires)| (UserId(user), Timestamp(expires))))
    }

    pub async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Removes the sessions expired at `now`; returns how many went.
    pub async fn delete_expired_sessions(&self, now: Timestamp) -> Result<u64, StoreError> {
        self.delete_before("DELETE FROM sessions WHERE expires_at <= $1", now)
            .await
    }
}
#[derive(sqlx::FromRow)]
pub(super) struct UnitRow {
    id: i64,
    name: String,
    parent_id: Option<i64>,
    time_zone: Option<String>,
}

impl From<UnitRow> for Unit {
    /// A zone code this version does not know is read as none set (the parent's holds).
    fn from(row: UnitRow) -> Unit {
        Unit {
            id: UnitId(row.id),
            name: row.name,
            parent: row.parent_id.map(UnitId),
            zone: row.time_zone.as_deref().and_then(Zone::from_code),
        }
    }
}

#[derive(sqlx::FromRow)]
struct PersonRow {
    id: i64,
    username: String,
    name: String,
}

impl PersonRow {
    /// The person with their roles, taken from `grants`.
    fn into_model(self, grants: &mut HashMap<i64, Vec<Grant>>) -> Person {
        Person {
            id: UserId(self.id),
            username: self.username,
            name: self.name,
            grants: grants.remove(&self.id).unwrap_or_default(),
        }
    }
}

#[derive(sqlx::FromRow)]
struct GrantRow {
    user_id: i64,
    unit_id: i64,
    role: String,
}

/// Roles by person. A role whose code this version does not know grants nothing.
fn grants_by_user(rows: Vec<GrantRow>) -> HashMap<i64, Vec<Grant>> {
    let mut by_user: HashMap<i64, Vec<Grant>> = HashMap::new();
    for row in rows {
        if let Some(role) = Role::from_code(&row.role) {
            by_user.entry(row.user_id).or_default().push(Grant {
                unit: UnitId(row.unit_id),
                role,
            });
        }
    }
    by_user
}

pub(super) fn duplicate(error: sqlx::Error, taken: StoreError) -> StoreError {
    match &error {
        sqlx::Error::Database(db) if db.is_unique_violation() => taken,
        _ => StoreError::Database(error),
    }
}
