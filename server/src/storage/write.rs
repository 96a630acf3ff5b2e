//! Writing a whole plan (the importer's path), in one transaction.

use super::codec::{aggregation_code, kind_code, polarity_code};
use super::{Store, StoreError};
use model::{ActivityId, Plan, PlanId, Quarter};
use sqlx::{Any, Row, Transaction};
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InsertOutcome {
    Created(PlanId),
    /// A plan for the same work unit and year is already stored; nothing was written.
    AlreadyExists(PlanId),
}

impl Store {
    /// Stores a new plan with its goals, indicators, activities and links, or nothing at all.
    /// A plan is identified by work unit and fiscal year, so importing a sheet twice is harmless.
    pub async fn insert_plan(&self, plan: &Plan) -> Result<InsertOutcome, StoreError> {
        let mut tx = self.pool.begin().await?;
        if let Some(existing) = find_plan(&mut tx, plan).await? {
            return Ok(InsertOutcome::AlreadyExists(existing));
        }
        let plan_id = match insert_plan_rows(&mut tx, plan).await {
            Ok(id) => id,
            Err(StoreError::Database(e)) if is_unique_violation(&e) => {
                // Another server stored the same plan between our check and insert.
                drop(tx);
                let mut tx = self.pool.begin().await?;
                let existing = find_plan(&mut tx, plan).await?;
                return existing
                    .map(InsertOutcome::AlreadyExists)
                    .ok_or(StoreError::Database(e));
            }
            Err(e) => return Err(e),
        };
        tx.commit().await?;
        Ok(InsertOutcome::Created(plan_id))
    }
}

fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(db) if db.is_unique_violation())
}

async fn find_plan(
    tx: &mut Transaction<'_, Any>,
    plan: &Plan,
) -> Result<Option<PlanId>, StoreError> {
    let row = sqlx::query("SELECT id FROM plans WHERE work_unit = $1 AND fiscal_year = $2")
        .bind(&plan.header.work_unit)
        .bind(i64::from(plan.header.fiscal_year))
        .fetch_optional(&mut **tx)
        .await?;
    Ok(row.map(|r| PlanId(r.get::<i64, _>(0))))
}

async fn insert_plan_rows(
    tx: &mut Transaction<'_, Any>,
    plan: &Plan,
) -> Result<PlanId, StoreError> {
    let header = &plan.header;
    let signatory = header.signatory.as_ref();
    let plan_id: i64 = sqlx::query(
        "INSERT INTO plans (work_unit, fiscal_year, title, signatory_position, signatory_name, \
         signatory_nip, place_date, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(&header.work_unit)
    .bind(i64::from(header.fiscal_year))
    .bind(&header.title)
    .bind(signatory.map(|s| s.position.clone()))
    .bind(signatory.map(|s| s.name.clone()))
    .bind(signatory.and_then(|s| s.nip.as_ref()).map(|n| n.as_str().to_owned()))
    .bind(header.place_date.clone())
    .bind(now_epoch_seconds())
    .fetch_one(&mut **tx)
    .await?
    .get(0);
    // The plan belongs to the unit named in its header: found, or created at the top.
    let unit = super::people::unit_named(tx, &header.work_unit).await?;
    sqlx::query("UPDATE plans SET unit_id = $1 WHERE id = $2")
        .bind(unit.0)
        .bind(plan_id)
        .execute(&mut **tx)
        .await?;

    let mut activity_ids: HashMap<ActivityId, i64> = HashMap::new();
    for (position, activity) in plan.activities.iter().enumerate() {
        let id: i64 = sqlx::query(
            "INSERT INTO activities (plan_id, position, name, budget, blocked) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(plan_id)
        .bind(position as i64)
        .bind(&activity.name)
        .bind(activity.budget.amount().to_string())
        .bind(activity.blocked.amount().to_string())
        .fetch_one(&mut **tx)
        .await?
        .get(0);
        for q in Quarter::ALL {
            let aq = activity.quarter(q);
            sqlx::query(
                "INSERT INTO activity_quarters (activity_id, quarter, withdrawal_plan, realization) \
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(id)
            .bind(q.index() as i64 + 1)
            .bind(aq.withdrawal_plan.map(|r| r.amount().to_string()))
            .bind(aq.realization.map(|r| r.amount().to_string()))
            .execute(&mut **tx)
            .await?;
        }
        activity_ids.insert(activity.id, id);
    }

    for (goal_position, goal) in plan.goals.iter().enumerate() {
        let goal_id: i64 = sqlx::query(
            "INSERT INTO goals (plan_id, position, number, title) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(plan_id)
        .bind(goal_position as i64)
        .bind(i64::from(goal.number))
        .bind(&goal.title)
        .fetch_one(&mut **tx)
        .await?
        .get(0);
        for (position, indicator) in goal.indicators.iter().enumerate() {
            let indicator_id: i64 = sqlx::query(
                "INSERT INTO indicators (goal_id, position, number, name, target_value, target_unit, \
                 formula, numerator_label, denominator_label, kind, polarity, aggregation) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
            )
            .bind(goal_id)
            .bind(position as i64)
            .bind(i64::from(indicator.number))
            .bind(&indicator.name)
            .bind(indicator.target.value.to_string())
            .bind(&indicator.target.unit)
            .bind(&indicator.formula)
            .bind(&indicator.numerator_label)
            .bind(&indicator.denominator_label)
            .bind(kind_code(indicator.kind))
            .bind(polarity_code(indicator.polarity))
            .bind(aggregation_code(indicator.aggregation))
            .fetch_one(&mut **tx)
            .await?
            .get(0);
            for q in Quarter::ALL {
                let r = indicator.quarter(q);
                sqlx::query(
                    "INSERT INTO indicator_quarters (indicator_id, quarter, planned_work, numerator, \
                     denominator, achievement, evidence, status, note) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                )
                .bind(indicator_id)
                .bind(q.index() as i64 + 1)
                .bind(&r.planned_work)
                .bind(r.numerator.map(|v| v.to_string()))
                .bind(r.denominator.map(|v| v.to_string()))
                .bind(&r.achievement)
                .bind(&r.evidence)
                .bind(r.status.map(|s| s.code()))
                .bind(&r.note)
                .execute(&mut **tx)
                .await?;
            }
            for (link_position, local) in indicator.activity_ids.iter().enumerate() {
                let activity_id =
                    activity_ids
                        .get(local)
                        .copied()
                        .ok_or_else(|| StoreError::Corrupt {
                            table: "indicator_activities",
                            column: "activity_id",
                            value: local.to_string(),
                            reason: "the indicator links an activity the plan does not have".into(),
                        })?;
                sqlx::query(
                    "INSERT INTO indicator_activities (indicator_id, activity_id, position) \
                     VALUES ($1, $2, $3)",
                )
                .bind(indicator_id)
                .bind(activity_id)
                .bind(link_position as i64)
                .execute(&mut **tx)
                .await?;
            }
        }
    }
    Ok(PlanId(plan_id))
}

fn now_epoch_seconds() -> String {
    let since_epoch = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    // Seconds since the epoch are enough for ordering; a calendar library is not needed here.
    since_epoch.as_secs().to_string()
}
