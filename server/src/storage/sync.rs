//! Storage for offline sync: field versions, the answers to mutations already applied, and
//! conflicts waiting for a person. Written inside a [`PlanWrite`], so a mutation's effect, its
//! new version and its recorded answer commit together or not at all. A row names its field by
//! the field's text form (`r:12:2:numerator`, `model::edit::Field`'s `Display`/`FromStr`).

use super::batch::insert_rows;
use super::{PlanWrite, Stamp, Store, StoreError};
use model::edit::Field;
use model::sync::MutationId;
use model::time::Timestamp;
use model::{PlanId, UserId};
use std::collections::HashMap;

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
    pub field: Field,
    pub place: &'a str,
    pub label: &'a str,
    pub mine: &'a str,
    pub theirs: &'a str,
    pub base_version: u64,
    pub server_version: u64,
}

/// A stored field: its text form (`r:12:2:numerator`), the one way a row names a field.
fn stored_field(table: &'static str, text: &str) -> Result<Field, StoreError> {
    text.parse::<Field>().map_err(|e| StoreError::Corrupt {
        table,
        column: "field",
        value: text.to_owned(),
        reason: e.to_string(),
    })
}

/// A count or version as stored (never negative; a negative one reads as 0).
fn count(stored: i64) -> u64 {
    stored.max(0) as u64
}

/// A row of `field_versions`, as a push reads it.
#[derive(sqlx::FromRow)]
struct VersionRow {
    field: String,
    version: i64,
    last_client: Option<String>,
    last_seq: Option<i64>,
}

impl VersionRow {
    fn into_version(self) -> Result<(Field, FieldVersion), StoreError> {
        let field = stored_field("field_versions", &self.field)?;
        let last = self
            .last_client
            .zip(self.last_seq)
            .map(|(client, seq)| MutationId {
                client,
                seq: count(seq),
            });
        Ok((
            field,
            FieldVersion {
                version: count(self.version),
                last,
            },
        ))
    }
}

impl PlanWrite {
    /// Every changed field's version and last writer (a field missing from it never changed:
    /// version 0).
    pub async fn field_versions(&mut self) -> Result<HashMap<Field, FieldVersion>, StoreError> {
        let rows: Vec<VersionRow> = sqlx::query_as(
            "SELECT field, version, last_client, last_seq FROM field_versions WHERE plan_id = $1",
        )
        .bind(self.plan.0)
        .fetch_all(&mut *self.tx)
        .await?;
        rows.into_iter().map(VersionRow::into_version).collect()
    }

    /// Moves each field one version up, in this write's revision, naming the mutation that
    /// changed it (none for a form save); returns the new versions.
    pub async fn bump_versions(
        &mut self,
        fields: &[Field],
        writer: Option<&MutationId>,
    ) -> Result<Vec<u64>, StoreError> {
        let mut versions = Vec::with_capacity(fields.len());
        for field in fields {
            let version: i64 = sqlx::query_scalar(
                "INSERT INTO field_versions \
                 (plan_id, field, version, revision, last_client, last_seq) \
                 VALUES ($1, $2, 1, $3, $4, $5) ON CONFLICT (plan_id, field) DO UPDATE SET \
                 version = field_versions.version + 1, revision = excluded.revision, \
                 last_client = excluded.last_client, last_seq = excluded.last_seq RETURNING version",
            )
            .bind(self.plan.0)
            .bind(field.to_string())
            .bind(self.revision)
            .bind(writer.map(|w| w.client.clone()))
            .bind(writer.map(|w| w.seq as i64))
            .fetch_one(&mut *self.tx)
            .await?;
            versions.push(count(version));
        }
        Ok(versions)
    }

    /// Sets fields' versions and last writers as a push decided them (each field once).
    pub async fn set_versions(
        &mut self,
        versions: &[(Field, &FieldVersion)],
    ) -> Result<(), StoreError> {
        let plan = self.plan;
        let revision = self.revision;
        insert_rows(
            &mut self.tx,
            "INSERT INTO field_versions \
             (plan_id, field, version, revision, last_client, last_seq)",
            " ON CONFLICT (plan_id, field) DO UPDATE SET version = excluded.version, \
             revision = excluded.revision, last_client = excluded.last_client, \
             last_seq = excluded.last_seq",
            versions,
            |row, (field, version)| {
                row.push_bind(plan.0)
                    .push_bind(field.to_string())
                    .push_bind(version.version as i64)
                    .push_bind(revision)
                    .push_bind(version.last.as_ref().map(|w| w.client.clone()))
                    .push_bind(version.last.as_ref().map(|w| w.seq as i64));
            },
        )
        .await?;
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
        let rows: Vec<AnswerRow> = sqlx::query_as(
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
            .into_iter()
            .map(|r| {
                let answer = StoredAnswer {
                    plan: PlanId(r.plan_id),
                    outcome: r.outcome,
                };
                (count(r.seq), answer)
            })
            .collect())
    }

    /// Whether anyone but `who` has sent edits from `client`.
    pub async fn client_used_by_other(
        &mut self,
        who: UserId,
        client: &str,
    ) -> Result<bool, StoreError> {
        let other: Option<i64> = sqlx::query_scalar(
            "SELECT user_id FROM sync_mutations WHERE client_id = $1 AND user_id <> $2 LIMIT 1",
        )
        .bind(client)
        .bind(who.0)
        .fetch_optional(&mut *self.tx)
        .await?;
        Ok(other.is_some())
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
        let plan = self.plan;
        let stored = insert_rows(
            &mut self.tx,
            "INSERT INTO sync_mutations (user_id, client_id, seq, plan_id, outcome, created_at)",
            " ON CONFLICT (user_id, client_id, seq) DO NOTHING",
            answers,
            |row, (client, seq, outcome)| {
                row.push_bind(stamp.user.0)
                    .push_bind(client.to_string())
                    .push_bind(*seq as i64)
                    .push_bind(plan.0)
                    .push_bind(outcome.as_str())
                    .push_bind(stamp.at.0);
            },
        )
        .await?;
        Ok(stored as usize)
    }

    pub async fn add_conflict(
        &mut self,
        stamp: &Stamp,
        c: &NewConflict<'_>,
    ) -> Result<i64, StoreError> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO sync_conflicts (plan_id, field, place, label, mine, theirs, \
             base_version, server_version, user_id, user_name, at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        )
        .bind(self.plan.0)
        .bind(c.field.to_string())
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
        Ok(id)
    }

    /// Marks a conflict resolved; `false` when it was not open (or not in this plan). Checks
    /// no permission: the guarded path is `PlanBackend::resolve_conflict`.
    pub async fn resolve_conflict_unchecked(
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
        let row: Option<ConflictRow> = sqlx::query_as(&format!(
            "{CONFLICT_COLUMNS} WHERE id = $1 AND plan_id = $2 AND resolved_at IS NULL"
        ))
        .bind(id)
        .bind(self.plan.0)
        .fetch_optional(&mut *self.tx)
        .await?;
        row.map(ConflictRow::into_conflict).transpose()
    }
}

const CONFLICT_COLUMNS: &str =
    "SELECT id, field, place, label, mine, theirs, user_name, at FROM sync_conflicts";

/// A row of `sync_conflicts`, as [`CONFLICT_COLUMNS`] reads it.
#[derive(sqlx::FromRow)]
struct ConflictRow {
    id: i64,
    field: String,
    place: String,
    label: String,
    mine: String,
    theirs: String,
    user_name: String,
    at: i64,
}

impl ConflictRow {
    fn into_conflict(self) -> Result<StoredConflict, StoreError> {
        Ok(StoredConflict {
            id: self.id,
            field: stored_field("sync_conflicts", &self.field)?,
            place: self.place,
            label: self.label,
            mine: self.mine,
            theirs: self.theirs,
            user_name: self.user_name,
            at: Timestamp(self.at),
        })
    }
}

/// A row of `sync_mutations`: the answer given to one mutation.
#[derive(sqlx::FromRow)]
struct AnswerRow {
    seq: i64,
    plan_id: i64,
    outcome: String,
}

/// A row of `sync_mutations` with the client that sent the mutation.
#[derive(sqlx::FromRow)]
struct ClientAnswerRow {
    client_id: String,
    seq: i64,
    outcome: String,
}

/// A field's version as a pull reads it.
#[derive(sqlx::FromRow)]
struct ChangeRow {
    field: String,
    version: i64,
}

impl Store {
    /// Conflicts of the plan that no one has resolved yet, oldest first.
    pub async fn open_conflicts(&self, plan: PlanId) -> Result<Vec<StoredConflict>, StoreError> {
        let rows: Vec<ConflictRow> = sqlx::query_as(&format!(
            "{CONFLICT_COLUMNS} WHERE plan_id = $1 AND resolved_at IS NULL ORDER BY id"
        ))
        .bind(plan.0)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(ConflictRow::into_conflict).collect()
    }

    /// The plan's revision, and every field changed after `since` with its version.
    pub async fn changes_since(
        &self,
        plan: PlanId,
        since: i64,
    ) -> Result<(i64, Vec<(Field, u64)>), StoreError> {
        let mut tx = self.pool.begin().await?;
        let revision: i64 = sqlx::query_scalar("SELECT revision FROM plans WHERE id = $1")
            .bind(plan.0)
            .fetch_optional(&mut *tx)
            .await?
            .unwrap_or_default();
        let rows: Vec<ChangeRow> = sqlx::query_as(
            "SELECT field, version FROM field_versions WHERE plan_id = $1 AND revision > $2 ORDER BY revision",
        )
        .bind(plan.0)
        .bind(since)
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        let changes = rows
            .into_iter()
            .map(|r| Ok((stored_field("field_versions", &r.field)?, count(r.version))))
            .collect::<Result<_, StoreError>>()?;
        Ok((revision, changes))
    }
}

impl Store {
    /// Every answer given to a mutation of the plan, by (client, sequence number).
    pub async fn sync_answers(
        &self,
        plan: PlanId,
    ) -> Result<HashMap<(String, u64), model::sync::Outcome>, StoreError> {
        let rows: Vec<ClientAnswerRow> =
            sqlx::query_as("SELECT client_id, seq, outcome FROM sync_mutations WHERE plan_id = $1")
                .bind(plan.0)
                .fetch_all(&self.pool)
                .await?;
        let mut answers = HashMap::with_capacity(rows.len());
        for row in rows {
            let outcome = serde_json::from_str(&row.outcome).map_err(|e| StoreError::Corrupt {
                table: "sync_mutations",
                column: "outcome",
                value: row.outcome.clone(),
                reason: e.to_string(),
            })?;
            answers.insert((row.client_id, count(row.seq)), outcome);
        }
        Ok(answers)
    }
}
