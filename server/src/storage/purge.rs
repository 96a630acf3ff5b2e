//! Removing what is kept only for a while (see `crate::purge` for how long, and why).

use super::{Store, StoreError};
use model::time::Timestamp;

impl Store {
    /// Removes the stored answers of every client whose latest answer is older than `before`:
    /// a client still retrying keeps all of its answers. Returns how many went.
    pub async fn purge_sync_answers(&self, before: Timestamp) -> Result<u64, StoreError> {
        self.delete_before(
            "DELETE FROM sync_mutations WHERE client_id IN \
             (SELECT client_id FROM sync_mutations GROUP BY client_id \
              HAVING MAX(created_at) < $1)",
            before,
        )
        .await
    }

    /// Runs a `DELETE` whose `$1` is a moment; returns how many rows went.
    pub(super) async fn delete_before(
        &self,
        sql: &'static str,
        moment: Timestamp,
    ) -> Result<u64, StoreError> {
        let done = sqlx::query(sql).bind(moment.0).execute(&self.pool).await?;
        Ok(done.rows_affected())
    }
}
