//! Evidence rows: listing a plan's attachments (with whether each file's bytes are still
//! there), attaching and removing inside a plan's write (so the audit entry and the freeze
//! check share its transaction), and dropping bytes no row names any more.

use super::codec;
use super::{PlanWrite, Store, StoreError};
use model::evidence::{Evidence, EvidenceCounts, EvidenceId, EvidenceKind, Owner, Slot, Source};
use model::time::Timestamp;
use model::{ActivityId, IndicatorId, PlanId, UserId};

/// What attaching stores: a file's bytes (an upload's blob, its hash and size) or a link.
#[derive(Clone, Debug)]
pub enum NewSource {
    File {
        blob: i64,
        sha256: String,
        size: u64,
    },
    Link(String),
}

#[derive(Clone, Debug)]
pub struct NewEvidence {
    pub slot: Slot,
    pub kind: EvidenceKind,
    pub name: String,
    pub caption: String,
    pub source: NewSource,
    pub by: UserId,
    pub by_name: String,
    pub at: Timestamp,
}

const COLUMNS: &str = "e.id, e.plan_id, e.indicator_id, e.activity_id, e.quarter, e.kind, \
     e.name, e.caption, e.size, e.sha256, e.link, e.added_by_name, e.added_at, \
     CAST(CASE WHEN b.id IS NULL THEN 0 ELSE 1 END AS BIGINT) AS present";
const FROM: &str = "FROM evidence e LEFT JOIN evidence_blobs b ON b.sha256 = e.sha256";

#[derive(sqlx::FromRow)]
struct EvidenceRow {
    id: i64,
    plan_id: i64,
    indicator_id: Option<i64>,
    activity_id: Option<i64>,
    quarter: i64,
    kind: String,
    name: String,
    caption: String,
    size: i64,
    sha256: Option<String>,
    link: Option<String>,
    added_by_name: String,
    added_at: i64,
    present: i64,
}

impl EvidenceRow {
    fn into_model(self) -> Result<Evidence, StoreError> {
        const TABLE: &str = "evidence";
        let owner = match (self.indicator_id, self.activity_id) {
            (Some(id), None) => Owner::Indicator(IndicatorId(id)),
            (None, Some(id)) => Owner::Activity(ActivityId(id)),
            _ => return Err(codec::corrupt(TABLE, "indicator_id", self.id, "no owner")),
        };
        let source = match (self.sha256, self.link) {
            (Some(sha256), None) => Source::File {
                sha256,
                present: self.present != 0,
            },
            (None, Some(link)) => Source::Link(link),
            _ => return Err(codec::corrupt(TABLE, "sha256", self.id, "file or link")),
        };
        Ok(Evidence {
            id: EvidenceId(self.id),
            plan: PlanId(self.plan_id),
            slot: Slot {
                owner,
                quarter: codec::quarter(TABLE, self.quarter)?,
            },
            kind: codec::code(TABLE, "kind", &self.kind, EvidenceKind::from_code)?,
            name: self.name,
            caption: self.caption,
            size: u64::try_from(self.size).unwrap_or_default(),
            source,
            by: self.added_by_name,
            at: Timestamp(self.added_at),
        })
    }
}

fn models(rows: Vec<EvidenceRow>) -> Result<Vec<Evidence>, StoreError> {
    rows.into_iter().map(EvidenceRow::into_model).collect()
}

impl Store {
    /// Every attachment of a plan, oldest first.
    pub async fn plan_evidence(&self, plan: PlanId) -> Result<Vec<Evidence>, StoreError> {
        let rows: Vec<EvidenceRow> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} {FROM} WHERE e.plan_id = $1 ORDER BY e.id"
        ))
        .bind(plan.0)
        .fetch_all(&self.pool)
        .await?;
        models(rows)
    }

    /// How many attachments each slot of a plan has.
    pub async fn evidence_counts_unchecked(
        &self,
        plan: PlanId,
    ) -> Result<EvidenceCounts, StoreError> {
        let rows: Vec<(Option<i64>, Option<i64>, i64, i64)> = sqlx::query_as(
            "SELECT indicator_id, activity_id, quarter, COUNT(*) FROM evidence \
             WHERE plan_id = $1 GROUP BY indicator_id, activity_id, quarter",
        )
        .bind(plan.0)
        .fetch_all(&self.pool)
        .await?;
        let mut counts = Vec::with_capacity(rows.len());
        for (indicator, activity, quarter, count) in rows {
            let owner = match (indicator, activity) {
                (Some(id), _) => Owner::Indicator(IndicatorId(id)),
                (None, Some(id)) => Owner::Activity(ActivityId(id)),
                (None, None) => continue,
            };
            let quarter = codec::quarter("evidence", quarter)?;
            counts.push((
                Slot { owner, quarter },
                u32::try_from(count).unwrap_or(u32::MAX),
            ));
        }
        Ok(EvidenceCounts(counts))
    }

    /// One attachment, whatever plan it belongs to (the caller checks access to that plan).
    pub async fn evidence(&self, id: EvidenceId) -> Result<Option<Evidence>, StoreError> {
        let row: Option<EvidenceRow> =
            sqlx::query_as(&format!("SELECT {COLUMNS} {FROM} WHERE e.id = $1"))
                .bind(id.0)
                .fetch_optional(&self.pool)
                .await?;
        row.map(EvidenceRow::into_model).transpose()
    }
}

impl PlanWrite {
    /// Stores an attachment. A file whose bytes are already stored (the same SHA-256) keeps
    /// the stored copy and drops the upload's; otherwise the upload's blob is named by its
    /// hash. Taking the stored blob's row lock first orders this against a removal that
    /// would drop that blob (`detach`).
    pub async fn attach(&mut self, new: &NewEvidence) -> Result<EvidenceId, StoreError> {
        let (sha256, link, size) = match &new.source {
            NewSource::File { blob, sha256, size } => {
                let stored: Option<i64> = sqlx::query_scalar(
                    "UPDATE evidence_blobs SET size = size WHERE sha256 = $1 RETURNING id",
                )
                .bind(sha256)
                .fetch_optional(&mut *self.tx)
                .await?;
                if stored.is_some() {
                    sqlx::query("DELETE FROM evidence_chunks WHERE blob_id = $1")
                        .bind(blob)
                        .execute(&mut *self.tx)
                        .await?;
                    sqlx::query("DELETE FROM evidence_blobs WHERE id = $1")
                        .bind(blob)
                        .execute(&mut *self.tx)
                        .await?;
                } else {
                    sqlx::query("UPDATE evidence_blobs SET sha256 = $1, size = $2 WHERE id = $3")
                        .bind(sha256)
                        .bind(stored_size(*size)?)
                        .bind(blob)
                        .execute(&mut *self.tx)
                        .await?;
                }
                (Some(sha256.clone()), None, *size)
            }
            NewSource::Link(link) => (None, Some(link.clone()), 0),
        };
        let (indicator, activity) = match new.slot.owner {
            Owner::Indicator(id) => (Some(id.0), None),
            Owner::Activity(id) => (None, Some(id.0)),
        };
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO evidence (plan_id, indicator_id, activity_id, quarter, kind, name, \
             caption, size, sha256, link, added_by, added_by_name, added_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
        )
        .bind(self.plan.0)
        .bind(indicator)
        .bind(activity)
        .bind(i64::from(new.slot.quarter.number()))
        .bind(new.kind.code())
        .bind(&new.name)
        .bind(&new.caption)
        .bind(stored_size(size)?)
        .bind(sha256)
        .bind(link)
        .bind(new.by.0)
        .bind(&new.by_name)
        .bind(new.at.0)
        .fetch_one(&mut *self.tx)
        .await?;
        Ok(EvidenceId(id))
    }

    /// Removes an attachment of this plan, and its bytes when no other attachment names them.
    /// `None` when the plan has no such attachment.
    pub async fn detach(&mut self, id: EvidenceId) -> Result<Option<Evidence>, StoreError> {
        let row: Option<EvidenceRow> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} {FROM} WHERE e.id = $1 AND e.plan_id = $2"
        ))
        .bind(id.0)
        .bind(self.plan.0)
        .fetch_optional(&mut *self.tx)
        .await?;
        let Some(evidence) = row.map(EvidenceRow::into_model).transpose()? else {
            return Ok(None);
        };
        sqlx::query("DELETE FROM evidence WHERE id = $1")
            .bind(id.0)
            .execute(&mut *self.tx)
            .await?;
        if let Source::File { sha256, .. } = &evidence.source {
            // The blob's row lock first (see `attach`), then whether anyone still names it.
            let blob: Option<i64> = sqlx::query_scalar(
                "UPDATE evidence_blobs SET size = size WHERE sha256 = $1 RETURNING id",
            )
            .bind(sha256)
            .fetch_optional(&mut *self.tx)
            .await?;
            let named: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM evidence WHERE sha256 = $1")
                .bind(sha256)
                .fetch_one(&mut *self.tx)
                .await?;
            if let (Some(blob), 0) = (blob, named) {
                sqlx::query("DELETE FROM evidence_chunks WHERE blob_id = $1")
                    .bind(blob)
                    .execute(&mut *self.tx)
                    .await?;
                sqlx::query("DELETE FROM evidence_blobs WHERE id = $1")
                    .bind(blob)
                    .execute(&mut *self.tx)
                    .await?;
            }
        }
        Ok(Some(evidence))
    }
}

fn stored_size(size: u64) -> Result<i64, StoreError> {
    i64::try_from(size).map_err(|e| StoreError::Unstorable {
        column: "evidence.size",
        value: size.to_string(),
        reason: e.to_string(),
    })
}
