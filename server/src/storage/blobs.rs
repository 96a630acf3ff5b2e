//! Evidence bytes in the database: a blob is a row of `evidence_blobs`, its bytes rows of
//! `evidence_chunks` (at most [`CHUNK_BYTES`] each), addressed by SHA-256 once complete. An
//! upload writes its chunks as they arrive, before the hash is known, under a blob of its own
//! with no hash; attaching names it by its hash, or drops it when the same bytes are already
//! stored (see `PlanWrite::attach`).

use super::{Store, StoreError};
use model::time::Timestamp;

/// The bytes of one chunk row: large enough that a 20 MB file is 80 rows, small enough that
/// reading or writing one holds little memory.
pub const CHUNK_BYTES: usize = 256 * 1024;

/// A stored, complete file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StoredBlob {
    pub id: i64,
    pub size: u64,
}

impl Store {
    /// Starts an upload's blob; its chunks follow with [`Store::write_chunk`].
    pub async fn begin_blob(&self, now: Timestamp) -> Result<i64, StoreError> {
        let id: i64 =
            sqlx::query_scalar("INSERT INTO evidence_blobs (started_at) VALUES ($1) RETURNING id")
                .bind(now.0)
                .fetch_one(&self.pool)
                .await?;
        Ok(id)
    }

    pub async fn write_chunk(&self, blob: i64, seq: i64, bytes: &[u8]) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO evidence_chunks (blob_id, seq, bytes) VALUES ($1, $2, $3)")
            .bind(blob)
            .bind(seq)
            .bind(bytes.to_vec())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Removes an upload's blob and its chunks (a refused or failed upload).
    pub async fn discard_blob(&self, blob: i64) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM evidence_chunks WHERE blob_id = $1")
            .bind(blob)
            .execute(&self.pool)
            .await?;
        sqlx::query("DELETE FROM evidence_blobs WHERE id = $1 AND sha256 IS NULL")
            .bind(blob)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The complete file stored under `sha256`, if its bytes are there.
    pub async fn blob(&self, sha256: &str) -> Result<Option<StoredBlob>, StoreError> {
        let row: Option<(i64, i64)> =
            sqlx::query_as("SELECT id, size FROM evidence_blobs WHERE sha256 = $1")
                .bind(sha256)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(|(id, size)| StoredBlob {
            id,
            size: u64::try_from(size).unwrap_or_default(),
        }))
    }

    /// Chunk `seq` of a blob; `None` past its end.
    pub async fn chunk(&self, blob: i64, seq: i64) -> Result<Option<Vec<u8>>, StoreError> {
        let bytes: Option<Vec<u8>> =
            sqlx::query_scalar("SELECT bytes FROM evidence_chunks WHERE blob_id = $1 AND seq = $2")
                .bind(blob)
                .bind(seq)
                .fetch_optional(&self.pool)
                .await?;
        Ok(bytes)
    }

    /// How many blobs and chunk rows are stored: for tests and the benchmark.
    pub async fn blob_counts(&self) -> Result<(i64, i64), StoreError> {
        let blobs: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM evidence_blobs")
            .fetch_one(&self.pool)
            .await?;
        let chunks: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM evidence_chunks")
            .fetch_one(&self.pool)
            .await?;
        Ok((blobs, chunks))
    }

    /// Removes blobs no evidence names (their rows were removed, or their plan, indicator or
    /// activity with them) and uploads unfinished since before `abandoned_before` (a
    /// connection lost mid-upload). Returns how many blobs went.
    pub async fn purge_blobs(&self, abandoned_before: Timestamp) -> Result<u64, StoreError> {
        let doomed = "SELECT b.id FROM evidence_blobs b WHERE \
             (b.sha256 IS NOT NULL AND NOT EXISTS \
               (SELECT 1 FROM evidence e WHERE e.sha256 = b.sha256)) \
             OR (b.sha256 IS NULL AND b.started_at < $1)";
        let mut tx = self.pool.begin().await?;
        sqlx::query(&format!(
            "DELETE FROM evidence_chunks WHERE blob_id IN ({doomed})"
        ))
        .bind(abandoned_before.0)
        .execute(&mut *tx)
        .await?;
        let done = sqlx::query(&format!(
            "DELETE FROM evidence_blobs WHERE id IN ({doomed})"
        ))
        .bind(abandoned_before.0)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(done.rows_affected())
    }
}
