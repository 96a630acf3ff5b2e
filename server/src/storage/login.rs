//! Failed logins in a row, per throttle key (`model::login::throttles`). An attempt is counted
//! before its password is checked, by a compare-and-set, so parallel attempts cannot all read
//! the same count and all get through; a successful one is forgiven afterwards.

use super::{Store, StoreError};
use model::login::Failures;
use model::time::Timestamp;

#[derive(sqlx::FromRow)]
struct FailureRow {
    failures: i64,
    last_at: i64,
}

impl From<FailureRow> for Failures {
    fn from(row: FailureRow) -> Failures {
        Failures {
            count: u32::try_from(row.failures.max(0)).unwrap_or(u32::MAX),
            last: Timestamp(row.last_at),
        }
    }
}

impl Store {
    /// Failed logins in a row under `key`, and when the last one was counted.
    pub async fn login_failures(&self, key: &str) -> Result<Failures, StoreError> {
        let row: Option<FailureRow> =
            sqlx::query_as("SELECT failures, last_at FROM login_failures WHERE key = $1")
                .bind(key)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(Failures::from).unwrap_or(Failures::NONE))
    }

    /// Counts an attempt under `key` at `now`, provided the key still holds `seen` (what the
    /// caller read and judged); `false` when another attempt was counted in between, and
    /// nothing changed.
    pub async fn count_login_attempt(
        &self,
        key: &str,
        seen: Failures,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        // A key with no row reads as `Failures::NONE`; the insert covers that case, and a row
        // made meanwhile by another attempt does not match `seen` (its `last_at` is not 0).
        let counted = sqlx::query(
            "INSERT INTO login_failures (key, failures, last_at) VALUES ($1, 1, $2) \
             ON CONFLICT (key) DO UPDATE SET failures = login_failures.failures + 1, last_at = excluded.last_at \
             WHERE login_failures.failures = $3 AND login_failures.last_at = $4 \
             RETURNING failures",
        )
        .bind(key)
        .bind(now.0)
        .bind(i64::from(seen.count))
        .bind(seen.last.0)
        .fetch_optional(&self.pool)
        .await?;
        Ok(counted.is_some())
    }

    /// Takes back an attempt counted under `key` (as `before` → one more at `now`) that was then
    /// refused under another key: its count goes back, and its time too unless another attempt
    /// was counted since.
    pub async fn uncount_login_attempt(
        &self,
        key: &str,
        before: Failures,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE login_failures SET \
             last_at = CASE WHEN failures = $2 AND last_at = $3 THEN $4 ELSE last_at END, \
             failures = CASE WHEN failures > 0 THEN failures - 1 ELSE 0 END \
             WHERE key = $1",
        )
        .bind(key)
        .bind(i64::from(before.count) + 1)
        .bind(now.0)
        .bind(before.last.0)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// After a successful login: the attempts counted under `own` (this account from this
    /// address) are forgiven, there and under each of `shared` (the address, the account), in
    /// one transaction. Failures under `shared` from other attempts stay.
    pub async fn forgive_login_failures(
        &self,
        own: &str,
        shared: &[&str],
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        let forgiven: Option<FailureRow> =
            sqlx::query_as("DELETE FROM login_failures WHERE key = $1 RETURNING failures, last_at")
                .bind(own)
                .fetch_optional(&mut *tx)
                .await?;
        let forgiven = forgiven.map_or(0, |row| row.failures.max(0));
        if forgiven > 0 {
            for key in shared {
                sqlx::query(
                    "UPDATE login_failures SET \
                     failures = CASE WHEN failures > $2 THEN failures - $2 ELSE 0 END \
                     WHERE key = $1",
                )
                .bind(*key)
                .bind(forgiven)
                .execute(&mut *tx)
                .await?;
                // Nothing left to count: no row, as if no attempt had been made.
                sqlx::query("DELETE FROM login_failures WHERE key = $1 AND failures = 0")
                    .bind(*key)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// Removes the failures last counted before `before`; returns how many keys went.
    pub async fn purge_login_failures(&self, before: Timestamp) -> Result<u64, StoreError> {
        self.delete_before("DELETE FROM login_failures WHERE last_at < $1", before)
            .await
    }

    /// Every key with failures on record, in order: for tests and inspection.
    pub async fn login_failure_keys(&self) -> Result<Vec<String>, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT key FROM login_failures ORDER BY key")
                .fetch_all(&self.pool)
                .await?,
        )
    }
}
