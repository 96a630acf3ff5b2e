//! Storage for offline sync: field versions, the answers to mutations already applied, and
//! conflicts waiting for a person. Written inside a [`PlanWrite`], so a mutation's effect, its
//! new version and its recorded answer commit together or not at all.

use super::{PlanWrite, Stamp, Store, StoreError};
use model::edit::Field;
use model::sync::MutationId;
use model::time::Timestamp;
use model::{PlanId, UserId};
use sqlx::Row;
use std::collections::HashMap;

use super::plan_write::{placeholders, ROWS_PER_INSERT};

/// A conflict as a person sees it.
pub type StoredConflict = model::sync::Conflict;

/// An answer given before: the plan the edit was for, and the answer as stored (JSON).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredAnswer {
    pub plan: PlanId,
    pub outcome: String,
}

/// A field's version and the mutation that last changed it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldVersion {
    pub version: u64,
    pub last: Option<MutationId>,
}

/// What the conflict row records.
pub struct NewConflict<'a> {
    pub field: &'a Field,
    pub key: &'a str,
    pub place: &'a str,
    pub label: &'a str,
    pub mine: &'a str,
    pub theirs: &'a str,
    pub base_version: u64,
    pub server_version: u64,
}

impl PlanWrite {
    /// Every changed field's version and last writer, by field key (a field missing from it
    /// never changed: version 0).
    pub async fn field_versions(&mut self) -> Result<HashMap<String, FieldVersion>, StoreError> {
        let rows = sqlx::query(
            "SELECT field_key, version, last_client, last_seq FROM field_versions \
             WHERE plan_id = $1",
        )
        .bind(self.plan.0)
        .fetch_all(&mut *self.tx)
        .await?;
        Ok(rows
            .iter()
            .map(|r| {
                let version = FieldVersion {
                    version: r.get::<i64, _>(1).max(0) as u64,
                    last: r
                        .get::<Option<String>, _>(2)
                        .zip(r.get::<Option<i64>, _>(3))
                        .map(|(client, seq)| MutationId {
                            client,
                            seq: seq.max(0) as u64,
                        }),
                };
                (r.get::<String, _>(0), version)
            })
            .collect())
    }

    /// Moves each field one version up, in this write's revision, naming the mutation that
    /// changed it (none for a form save); returns the new versions.
    pub async fn bump_versions(
        &mut self,
        fields: &[(String, &Field)],
        writer: Option<&MutationId>,
    ) -> Result<Vec<u64>, StoreError> {
        let mut versions = Vec::with_capacity(fields.len());
        for (key, field) in fields {
            let json = serde_json::to_string(field).map_err(|e| StoreError::Corrupt {
                table: "field_versions",
                column: "field",
                value: key.clone(),
                reason: e.to_string(),
            })?;
            let row = sqlx::query(
                "INSERT INTO field_versions \
                 (plan_id, field_key, field, version, revision, last_client, last_seq) \
                 VALUES ($1, $2, $3, 1, $4, $5, $6) ON CONFLICT (plan_id, field_key) DO UPDATE SET \
                 version = field_versions.version + 1, revision = excluded.revision, \
                 last_client = excluded.last_client, last_seq = excluded.last_seq RETURNING version",
            )
            .bind(self.plan.0)
            .bind(key)
            .bind(json)
            .bind(self.revision)
            .bind(writer.map(|w| w.client.clone()))
            .bind(writer.map(|w| w.seq as i64))
            .fetch_one(&mut *self.tx)
            .await?;
            versions.push(row.get::<i64, _>(0).max(0) as u64);
        }
        Ok(versions)
    }

    /// Sets fields' versions and last writers as a push decided them (each key once).
    pub async fn set_versions(
        &mut self,
        versions: &[(&str, &Field, &FieldVersion)],
    ) -> Result<(), StoreError> {
        for chunk in versions.chunks(ROWS_PER_INSERT) {
            let sql = format!(
                "INSERT INTO field_versions \
                 (plan_id, field_key, field, version, revision, last_client, last_seq) VALUES {} \
                 ON CONFLICT (plan_id, field_key) DO UPDATE SET version = excluded.version, \
                 revision = excluded.revision, last_client = excluded.last_client, \
                 last_seq = excluded.last_seq",
                placeholders(chunk.len(), 7)
            );
            let mut query = sqlx::query(&sql);
            for (key, field, version) in chunk {
                let json = serde_json::to_string(field).map_err(|e| StoreError::Corrupt {
                    table: "field_versions",
                    column: "field",
                    value: (*key).to_owned(),
                    reason: e.to_string(),
                })?;
                query = query
                    .bind(self.plan.0)
                    .bind(*key)
                    .bind(json)
                    .bind(version.version as i64)
                    .bind(self.revision)
                    .bind(version.last.as_ref().map(|w| w.client.clone()))
                    .bind(version.last.as_ref().map(|w| w.seq as i64));
            }
            query.execute(&mut *self.tx).await?;
        }
        Ok(())
    }

    /// The answers already given to `who`'s mutations from `client` numbered `first..=last`,
    /// by number, with the plan each was for.
    pub async fn stored_outcomes(
        &mut self,
        who: UserId,
        client: &str,
        first: u64,
        last: u64,
    ) -> Result<HashMap<u64, StoredAnswer>, StoreError> {
        let rows = sqlx::query(
            "SELECT seq, plan_id, outcome FROM sync_mutations \
             WHERE user_id = $1 AND client_id = $2 AND seq >= $3 AND seq <= $4",
        )
        .bind(who.0)
        .bind(client)
        .bind(first as i64)
        .bind(last as i64)
        .fetch_all(&mut *self.tx)
        .await?;
        Ok(rows
            .iter()
            .map(|r| {
                let answer = StoredAnswer {
                    plan: PlanId(r.get(1)),
                    outcome: r.get(2),
                };
                (r.get::<i64, _>(0).max(0) as u64, answer)
            })
            .collect())
    }

    /// Whether anyone but `who` has sent edits from `client`.
    pub async fn client_used_by_other(
        &mut self,
        who: UserId,
        client: &str,
    ) -> Result<bool, StoreError> {
        let row = sqlx::query(
            "SELECT user_id FROM sync_mutations WHERE client_id = $1 AND user_id <> $2 LIMIT 1",
        )
        .bind(client)
        .bind(who.0)
        .fetch_optional(&mut *self.tx)
        .await?;
        Ok(row.is_some())
    }

    /// Stores the answers given to the stamp's person's mutations: (client, sequence number,
    /// answer), dated by the stamp. An answer already stored for the same (person, client,
    /// sequence number) is left as it is: the count of answers stored tells the caller (fewer
    /// than given: another write recorded one of them first).
    pub async fn record_outcomes(
        &mut self,
        stamp: &Stamp,
        answers: &[(&str, u64, String)],
    ) -> Result<usize, StoreError> {
        let mut stored = 0;
        for chunk in answers.chunks(ROWS_PER_INSERT) {
            let sql = format!(
                "INSERT INTO sync_mutations \
                 (user_id, client_id, seq, plan_id, outcome, created_at) VALUES {} \
                 ON CONFLICT (user_id, client_id, seq) DO NOTHING",
                placeholders(chunk.len(), 6)
            );
            let mut query = sqlx::query(&sql);
            for (client, seq, outcome) in chunk {
                query = query
                    .bind(stamp.user.0)
                    .bind(*client)
                    .bind(*seq as i64)
                    .bind(self.plan.0)
                    .bind(outcome.as_str())
                    .bind(stamp.at.0);
            }
            stored += query.execute(&mut *self.tx).await?.rows_affected() as usize;
        }
        Ok(stored)
    }

    pub async fn add_conflict(
        &mut self,
        stamp: &Stamp,
        c: &NewConflict<'_>,
    ) -> Result<i64, StoreError> {
        let json = serde_json::to_string(c.field).unwrap_or_default();
        let row = sqlx::query(
            "INSERT INTO sync_conflicts (plan_id, field_key, field, place, label, mine, theirs, \
             base_version, server_version, user_id, user_name, at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        )
        .bind(self.plan.0)
        .bind(c.key)
        .bind(json)
        .bind(c.place)
        .bind(c.label)
        .bind(c.mine)
        .bind(c.theirs)
        .bind(c.base_version as i64)
        .bind(c.server_version as i64)
        .bind(stamp.user.0)
        .bind(&stamp.name)
        .bind(stamp.at.0)
        .fetch_one(&mut *self.tx)
        .await?;
        Ok(row.get(0))
    }

    /// Marks a conflict resolved; `false` when it was not open (or not in this plan).
    pub async fn resolve_conflict(
        &mut self,
        id: i64,
        stamp: &Stamp,
        resolution: &str,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE sync_conflicts SET resolved_at = $1, resolved_by = $2, resolution = $3 \
             WHERE id = $4 AND plan_id = $5 AND resolved_at IS NULL",
        )
        .bind(stamp.at.0)
        .bind(&stamp.name)
        .bind(resolution)
        .bind(id)
        .bind(self.plan.0)
        .execute(&mut *self.tx)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn conflict(&mut self, id: i64) -> Result<Option<StoredConflict>, StoreError> {
        let row = sqlx::query(&format!(
            "{CONFLICT_COLUMNS} WHERE id = $1 AND plan_id = $2 AND resolved_at IS NULL"
        ))
        .bind(id)
        .bind(self.plan.0)
        .fetch_optional(&mut *self.tx)
        .await?;
        row.map(|r| conflict(&r)).transpose()
    }
}

const CONFLICT_COLUMNS: &str =
    "SELECT id, field, place, label, mine, theirs, user_name, at FROM sync_conflicts";

fn conflict(row: &sqlx::any::AnyRow) -> Result<StoredConflict, StoreError> {
    let json: String = row.get(1);
    let field = serde_json::from_str(&json).map_err(|e| StoreError::Corrupt {
        table: "sync_conflicts",
        column: "field",
        value: json.clone(),
        reason: e.to_string(),
    })?;
    Ok(StoredConflict {
        id: row.get(0),
        field,
        place: row.get(2),
        label: row.get(3),
        mine: row.get(4),
        theirs: row.get(5),
        user_name: row.get(6),
        at: Timestamp(row.get(7)),
    })
}

impl Store {
    /// Conflicts of the plan that no one has resolved yet, oldest first.
    pub async fn open_conflicts(&self, plan: PlanId) -> Result<Vec<StoredConflict>, StoreError> {
        let rows = sqlx::query(&format!(
            "{CONFLICT_COLUMNS} WHERE plan_id = $1 AND resolved_at IS NULL ORDER BY id"
        ))
        .bind(plan.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(conflict).collect()
    }

    /// The plan's revision, and every field changed after `since` with its version.
    pub async fn changes_since(
        &self,
        plan: PlanId,
        since: i64,
    ) -> Result<(i64, Vec<(Field, u64)>), StoreError> {
        let mut tx = self.pool.begin().await?;
        let revision: i64 = sqlx::query("SELECT revision FROM plans WHERE id = $1")
            .bind(plan.0)
            .fetch_optional(&mut *tx)
            .await?
            .map(|r| r.get(0))
            .unwrap_or_default();
        let rows = sqlx::query(
            "SELECT field, version FROM field_versions WHERE plan_id = $1 AND revision > $2 ORDER BY revision",
        )
        .bind(plan.0)
        .bind(since)
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        let mut changes = Vec::with_capacity(rows.len());
        for row in &rows {
            let json: String = row.get(0);
            let field = serde_json::from_str(&json).map_err(|e| StoreError::Corrupt {
                table: "field_versions",
                column: "field",
                value: json.clone(),
                reason: e.to_string(),
            })?;
            changes.push((field, row.get::<i64, _>(1).max(0) as u64));
        }
        Ok((revision, changes))
    }
}

impl Store {
    /// Every answer given to a mutation of the plan, by (client, sequence number).
    pub async fn sync_answers(
        &self,
        plan: PlanId,
    ) -> Result<std::collections::HashMap<(String, u64), model::sync::Outcome>, StoreError> {
        let rows =
            sqlx::query("SELECT client_id, seq, outcome FROM sync_mutations WHERE plan_id = $1")
                .bind(plan.0)
                .fetch_all(&self.pool)
                .await?;
        let mut answers = std::collections::HashMap::with_capacity(rows.len());
        for row in &rows {
            let json: String = row.get(2);
            let outcome = serde_json::from_str(&json).map_err(|e| StoreError::Corrupt {
                table: "sync_mutations",
                column: "outcome",
                value: json.clone(),
                reason: e.to_string(),
            })?;
            answers.insert((row.get(0), row.get::<i64, _>(1).max(0) as u64), outcome);
        }
        Ok(answers)
    }
}
