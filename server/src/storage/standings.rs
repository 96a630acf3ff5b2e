//! The per-plan summaries the roll-up counts in SQL (migration 0013): each quarter's indicators
//! by standing (`model::dashboard::standing_counts`), rewritten inside every write to a plan,
//! in that write's transaction, so the summary never disagrees with the plan it was computed
//! from. Plans stored before the migration are summed once when the server starts.

use super::read::read_plan;
use super::{Store, StoreError, Tx};
use model::dashboard::{standing_counts, StandingCounts};
use model::figures::StandingThresholds;
use model::{Plan, PlanId, Quarter};

/// Replaces `plan`'s rows with the counts of `contents` (the plan as this transaction holds it).
pub(super) async fn write_standings(
    tx: &mut Tx<'_>,
    plan: PlanId,
    contents: &Plan,
) -> Result<(), StoreError> {
    let counts = standing_counts(contents, &StandingThresholds::default());
    sqlx::query("DELETE FROM plan_standings WHERE plan_id = $1")
        .bind(plan.0)
        .execute(&mut **tx)
        .await?;
    let rows: Vec<(Quarter, StandingCounts)> = Quarter::ALL.into_iter().zip(counts).collect();
    super::batch::insert_rows(
        tx,
        "INSERT INTO plan_standings (plan_id, quarter, met, close, behind, unreported)",
        "",
        &rows,
        |row, (quarter, c)| {
            row.push_bind(plan.0)
                .push_bind(i64::from(quarter.number()))
                .push_bind(i64::from(c.met))
                .push_bind(i64::from(c.close))
                .push_bind(i64::from(c.behind))
                .push_bind(i64::from(c.unreported));
        },
    )
    .await?;
    Ok(())
}

/// Recomputes `plan`'s rows from what this transaction holds.
pub(super) async fn refresh_standings(tx: &mut Tx<'_>, plan: PlanId) -> Result<(), StoreError> {
    if let Some(contents) = read_plan(tx, plan).await? {
        write_standings(tx, plan, &contents).await?;
    }
    Ok(())
}

impl Store {
    /// Sums every plan that has no standings yet (stored before migration 0013), each in its
    /// own transaction; returns how many. Run when the server starts.
    pub async fn fill_missing_standings(&self) -> Result<usize, StoreError> {
        let missing: Vec<i64> = sqlx::query_scalar(
            "SELECT p.id FROM plans p WHERE NOT EXISTS \
             (SELECT 1 FROM plan_standings s WHERE s.plan_id = p.id) ORDER BY p.id",
        )
        .fetch_all(&self.pool)
        .await?;
        for id in &missing {
            let mut tx = self.pool.begin().await?;
            refresh_standings(&mut tx, PlanId(*id)).await?;
            tx.commit().await?;
        }
        Ok(missing.len())
    }
}
