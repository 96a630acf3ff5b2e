//! Reading the audit trail back: newest first for the history page; after a version (the id of
//! the plan's latest entry, `model::approval`) for an approval that must know what changed.

use super::{PlanWrite, Store, StoreError};
use model::approval::PlanVersion;
use model::audit::{AuditEntry, Change, HistoryFilter, HistoryPage, Subject, HISTORY_PAGE_SIZE};
use model::paging::PageNumber;
use model::time::Timestamp;
use model::{ActivityId, GoalId, IndicatorId, PlanId, Quarter};
use sqlx::any::AnyRow;
use sqlx::Row;

/// The entries a filter picks, by the plan and the filter's ids (0: any).
const PICKED: &str = "FROM audit_log WHERE plan_id = $1 \
    AND ($2 = 0 OR indicator_id = $2) AND ($3 = 0 OR activity_id = $3) \
    AND ($4 = 0 OR quarter = $4)";

impl Store {
    /// Every entry the filter picks, newest first.
    pub async fn history(
        &self,
        plan: PlanId,
        filter: HistoryFilter,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        let rows = picked(
            &format!("SELECT {COLUMNS} {PICKED} ORDER BY id DESC"),
            plan,
            &filter,
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(entry).collect())
    }

    /// One page of the entries the filter picks, newest first, and how many there are in all.
    pub async fn history_page(
        &self,
        plan: PlanId,
        filter: HistoryFilter,
        page: PageNumber,
    ) -> Result<HistoryPage, StoreError> {
        let mut conn = self.pool.acquire().await?;
        let total: i64 = picked(&format!("SELECT COUNT(*) {PICKED}"), plan, &filter)
            .fetch_one(&mut *conn)
            .await?
            .get(0);
        let offset = i64::try_from(page.offset(HISTORY_PAGE_SIZE)).unwrap_or(i64::MAX);
        let rows = picked(
            &format!("SELECT {COLUMNS} {PICKED} ORDER BY id DESC LIMIT $5 OFFSET $6"),
            plan,
            &filter,
        )
        .bind(i64::from(HISTORY_PAGE_SIZE))
        .bind(offset)
        .fetch_all(&mut *conn)
        .await?;
        Ok(HistoryPage {
            items: rows.iter().map(entry).collect(),
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
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM audit_log WHERE plan_id = $1 AND id > $2 ORDER BY id LIMIT $3"
        ))
        .bind(self.plan.0)
        .bind(seen.0)
        .bind(limit as i64)
        .fetch_all(&mut *self.tx)
        .await?;
        Ok((rows.iter().map(entry).collect(), total.max(0) as u64))
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

type Query<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

fn picked<'q>(sql: &'q str, plan: PlanId, filter: &HistoryFilter) -> Query<'q> {
    let [indicator, activity, quarter] = filter_ids(filter);
    sqlx::query(sql)
        .bind(plan.0)
        .bind(indicator)
        .bind(activity)
        .bind(quarter)
}

fn filter_ids(filter: &HistoryFilter) -> [i64; 3] {
    [
        filter.indicator.map_or(0, |i| i.0),
        filter.activity.map_or(0, |a| a.0),
        filter.quarter.map_or(0, |q| q.index() as i64 + 1),
    ]
}

const COLUMNS: &str = "at, user_name, goal_id, indicator_id, activity_id, quarter, place, field, \
                       old_value, new_value";

fn entry(r: &AnyRow) -> AuditEntry {
    AuditEntry {
        at: Timestamp(r.get(0)),
        by: r.get(1),
        change: Change {
            subject: Subject {
                goal: r.get::<Option<i64>, _>(2).map(GoalId),
                indicator: r.get::<Option<i64>, _>(3).map(IndicatorId),
                activity: r.get::<Option<i64>, _>(4).map(ActivityId),
                quarter: r
                    .get::<Option<i64>, _>(5)
                    .and_then(|q| Quarter::from_index((q - 1) as usize)),
            },
            place: r.get(6),
            field: r.get(7),
            old: r.get(8),
            new: r.get(9),
        },
    }
}
