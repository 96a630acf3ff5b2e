//! Units, people, their roles and sessions.

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

    /// The id and password hash for a username, for checking a login.
    pub async fn login_record(
        &self,
        username: &str,
    ) -> Result<Option<(UserId, String)>, StoreError> {
        let row = sqlx::query(
            "SELECT id, password_hash FROM users WHERE username = $1 AND disabled_at IS NULL",
        )
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
        Ok(self.session(token_hash, now).await?.map(|(user, _)| user))
    }

    /// The person a session belongs to and when it expires, while it has not expired and the
    /// account is not disabled.
    pub async fn session(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> Result<Option<(UserId, Timestamp)>, StoreError> {
        let row = sqlx::query(
            "SELECT s.user_id, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled_at IS NULL",
        )
        .bind(token_hash)
        .bind(now.0)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| (UserId(r.get(0)), Timestamp(r.get(1)))))
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
        let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(now.0)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }
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

pub(super) fn duplicate(error: sqlx::Error, taken: StoreError) -> StoreError {
    match &error {
        sqlx::Error::Database(db) if db.is_unique_violation() => taken,
        _ => StoreError::Database(error),
    }
}
