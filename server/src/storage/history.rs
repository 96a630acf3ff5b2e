//! Reading the audit trail back: newest first for the history page; after a version (the id of
//! the plan's latest entry, `model::approval`) for an approval that must know what changed.

use super::{PlanWrite, Store, StoreError};
use model::approval::PlanVersion;
use model::audit::{AuditEntry, Change, HistoryFilter, HistoryPage, Subject, HISTORY_PAGE_SIZE};
use model::paging::PageNumber;
use model::time::Timestamp;
use model::{ActivityId, GoalId, IndicatorId, PlanId, Quarter};

/// The entries a filter picks, by the plan and the filter's ids (0: any).
const PICKED: &str = "FROM audit_log WHERE plan_id = $1 \
    AND ($2 = 0 OR indicator_id = $2) AND ($3 = 0 OR activity_id = $3) \
    AND ($4 = 0 OR quarter = $4)";

impl Store {
    /// Every entry the filter picks, newest first. Unchecked: the caller has passed the access
    /// rule (`PlanBackend::history` reads pages through [`Store::history_page`]).
    pub async fn history_unchecked(
        &self,
        plan: PlanId,
        filter: HistoryFilter,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        let rows: Vec<EntryRow> = picked(
            &format!("SELECT {COLUMNS} {PICKED} ORDER BY id DESC"),
            plan,
            &filter,
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(entries(rows))
    }

    /// One page of the entries the filter picks, newest first, and how many there are in all.
    pub async fn history_page(
        &self,
        plan: PlanId,
        filter: HistoryFilter,
        page: PageNumber,
    ) -> Result<HistoryPage, StoreError> {
        let mut conn = self.pool.acquire().await?;
        let (total,): (i64,) = picked(&format!("SELECT COUNT(*) {PICKED}"), plan, &filter)
            .fetch_one(&mut *conn)
            .await?;
        let offset = i64::try_from(page.offset(HISTORY_PAGE_SIZE)).unwrap_or(i64::MAX);
        let rows: Vec<EntryRow> = picked(
            &format!("SELECT {COLUMNS} {PICKED} ORDER BY id DESC LIMIT $5 OFFSET $6"),
            plan,
            &filter,
        )
        .bind(i64::from(HISTORY_PAGE_SIZE))
        .bind(offset)
        .fetch_all(&mut *conn)
        .await?;
        Ok(HistoryPage {
            items: entries(rows),
            page,
            size: HISTORY_PAGE_SIZE,
            total: u64::try_from(total).unwrap_or(0),
        })
    }

    /// The plan's version now: the id of its latest audit entry.
    pub async fn plan_version(&self, plan: PlanId) -> Result<PlanVersion, StoreError> {
        let mut conn = self.pool.acquire().await?;
        latest(&mut conn, plan).await
    }
}

impl PlanWrite {
    /// The plan's version inside this write (its own entries included once recorded).
    pub async fn version(&mut self) -> Result<PlanVersion, StoreError> {
        latest(&mut self.tx, self.plan).await
    }

    /// The first `limit` entries recorded after `seen`, oldest first, and how many there are.
    pub async fn entries_after(
        &mut self,
        seen: PlanVersion,
        limit: usize,
    ) -> Result<(Vec<AuditEntry>, u64), StoreError> {
        let total: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE plan_id = $1 AND id > $2")
                .bind(self.plan.0)
                .bind(seen.0)
                .fetch_one(&mut *self.tx)
                .await?;
        let rows: Vec<EntryRow> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM audit_log WHERE plan_id = $1 AND id > $2 ORDER BY id LIMIT $3"
        ))
        .bind(self.plan.0)
        .bind(seen.0)
        .bind(limit as i64)
        .fetch_all(&mut *self.tx)
        .await?;
        Ok((entries(rows), total.max(0) as u64))
    }
}

async fn latest(conn: &mut sqlx::AnyConnection, plan: PlanId) -> Result<PlanVersion, StoreError> {
    let id: i64 =
        sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM audit_log WHERE plan_id = $1")
            .bind(plan.0)
            .fetch_one(&mut *conn)
            .await?;
    Ok(PlanVersion(id))
}

/// A query that reads one value or row type, with the filter's values bound as `$1..$4`.
type Picked<'q, O> = sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>>;

fn picked<'q, O>(sql: &'q str, plan: PlanId, filter: &HistoryFilter) -> Picked<'q, O>
where
    O: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow>,
{
    let [indicator, activity, quarter] = filter_ids(filter);
    sqlx::query_as(sql)
        .bind(plan.0)
        .bind(indicator)
        .bind(activity)
        .bind(quarter)
}

fn filter_ids(filter: &HistoryFilter) -> [i64; 3] {
    [
        filter.indicator.map_or(0, |i| i.0),
        filter.activity.map_or(0, |a| a.0),
        filter.quarter.map_or(0, |q| i64::from(q.number())),
    ]
}

const COLUMNS: &str = "at, user_name, goal_id, indicator_id, activity_id, quarter, place, field, \
                       old_value, new_value";

#[derive(sqlx::FromRow)]
struct EntryRow {
    at: i64,
    user_name: String,
    goal_id: Option<i64>,
    indicator_id: Option<i64>,
    activity_id: Option<i64>,
    quarter: Option<i64>,
    place: String,
    field: String,
    old_value: String,
    new_value: String,
}

impl From<EntryRow> for AuditEntry {
    fn from(row: EntryRow) -> AuditEntry {
        AuditEntry {
            at: Timestamp(row.at),
            by: row.user_name,
            change: Change {
                subject: Subject {
                    goal: row.goal_id.map(GoalId),
                    indicator: row.indicator_id.map(IndicatorId),
                    activity: row.activity_id.map(ActivityId),
                    // Read leniently, as ever: an entry outside 1..4 names no quarter.
                    quarter: row
                        .quarter
                        .and_then(|q| usize::try_from(q - 1).ok())
                        .and_then(Quarter::from_index),
                },
                place: row.place,
                field: row.field,
                old: row.old_value,
                new: row.new_value,
            },
        }
    }
}

fn entries(rows: Vec<EntryRow>) -> Vec<AuditEntry> {
    rows.into_iter().map(AuditEntry::from).collect()
}
