//! Reading plans back into the model.

use super::codec;
use super::{Store, StoreError};
use model::{
    Activity, ActivityId, ActivityQuarter, Aggregation, Goal, GoalId, Indicator, IndicatorId,
    IndicatorKind, Nip, Plan, PlanHeader, PlanId, PlanSummary, Polarity, QuarterReport, Rupiah,
    Signatory, Target,
};
use sqlx::any::AnyRow;
use sqlx::AnyConnection;
use sqlx::Row;
use std::collections::HashMap;

impl Store {
    /// Every plan, newest fiscal year first, with the figures the home page lists.
    pub async fn list_plans(&self) -> Result<Vec<PlanSummary>, StoreError> {
        let rows = sqlx::query(
            "SELECT p.id, p.work_unit, p.fiscal_year, p.title, \
             (SELECT COUNT(*) FROM goals g WHERE g.plan_id = p.id), \
             (SELECT COUNT(*) FROM indicators i JOIN goals g ON g.id = i.goal_id WHERE g.plan_id = p.id), \
             (SELECT COUNT(*) FROM activities a WHERE a.plan_id = p.id) \
             FROM plans p ORDER BY p.fiscal_year DESC, p.work_unit",
        )
        .fetch_all(&self.pool)
        .await?;
        let budgets = sqlx::query("SELECT plan_id, budget FROM activities")
            .fetch_all(&self.pool)
            .await?;
        let mut totals: HashMap<i64, Rupiah> = HashMap::new();
        for row in &budgets {
            let budget = codec::rupiah("activities", "budget", &row.get::<String, _>(1))?;
            let total = totals.entry(row.get(0)).or_default();
            *total = *total + budget;
        }
        rows.iter()
            .map(|row| {
                let id: i64 = row.get(0);
                Ok(PlanSummary {
                    id: PlanId(id),
                    work_unit: row.get(1),
                    fiscal_year: year(row.get(2)),
                    title: row.get(3),
                    goal_count: count(row.get(4)),
                    indicator_count: count(row.get(5)),
                    activity_count: count(row.get(6)),
                    total_budget: totals.get(&id).copied().unwrap_or_default(),
                })
            })
            .collect()
    }

    /// The whole plan, or `None` when there is no plan with that id.
    pub async fn load_plan(&self, id: PlanId) -> Result<Option<Plan>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        read_plan(&mut conn, id).await
    }
}

/// The whole plan, read on `conn` (a pooled connection, or a write transaction).
pub(super) async fn read_plan(
    conn: &mut AnyConnection,
    id: PlanId,
) -> Result<Option<Plan>, StoreError> {
    let Some(row) = sqlx::query(
        "SELECT work_unit, fiscal_year, title, signatory_position, signatory_name, \
         signatory_nip, place_date FROM plans WHERE id = $1",
    )
    .bind(id.0)
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let header = header(&row)?;
    let activities = load_activities(conn, id).await?;
    let goals = load_goals(conn, id).await?;
    Ok(Some(Plan {
        id: Some(id),
        header,
        goals,
        activities,
    }))
}

async fn load_activities(
    conn: &mut AnyConnection,
    plan: PlanId,
) -> Result<Vec<Activity>, StoreError> {
    let rows = sqlx::query(
        "SELECT id, name, budget, blocked FROM activities WHERE plan_id = $1 ORDER BY position",
    )
    .bind(plan.0)
    .fetch_all(&mut *conn)
    .await?;
    let quarters = sqlx::query(
        "SELECT q.activity_id, q.quarter, q.withdrawal_plan, q.realization \
         FROM activity_quarters q JOIN activities a ON a.id = q.activity_id WHERE a.plan_id = $1",
    )
    .bind(plan.0)
    .fetch_all(&mut *conn)
    .await?;
    let mut by_activity: HashMap<i64, [ActivityQuarter; 4]> = HashMap::new();
    for q in &quarters {
        let slot = quarter_slot(q.get(1))?;
        by_activity.entry(q.get(0)).or_default()[slot] = ActivityQuarter {
            withdrawal_plan: codec::optional_rupiah(
                "activity_quarters",
                "withdrawal_plan",
                q.get(2),
            )?,
            realization: codec::optional_rupiah("activity_quarters", "realization", q.get(3))?,
        };
    }
    rows.iter()
        .map(|row| {
            let id: i64 = row.get(0);
            Ok(Activity {
                id: ActivityId(id),
                name: row.get(1),
                budget: codec::rupiah("activities", "budget", &row.get::<String, _>(2))?,
                blocked: codec::rupiah("activities", "blocked", &row.get::<String, _>(3))?,
                quarters: by_activity.remove(&id).unwrap_or_default(),
            })
        })
        .collect()
}

async fn load_goals(conn: &mut AnyConnection, plan: PlanId) -> Result<Vec<Goal>, StoreError> {
    let goal_rows =
        sqlx::query("SELECT id, number, title FROM goals WHERE plan_id = $1 ORDER BY position")
            .bind(plan.0)
            .fetch_all(&mut *conn)
            .await?;
    let indicator_rows = sqlx::query(
        "SELECT i.id, i.goal_id, i.number, i.name, i.target_value, i.target_unit, i.formula, \
         i.numerator_label, i.denominator_label, i.kind, i.polarity, i.aggregation \
         FROM indicators i JOIN goals g ON g.id = i.goal_id WHERE g.plan_id = $1 \
         ORDER BY g.position, i.position",
    )
    .bind(plan.0)
    .fetch_all(&mut *conn)
    .await?;
    let mut reports = load_reports(conn, plan).await?;
    let mut links = load_links(conn, plan).await?;

    let mut goals: Vec<Goal> = goal_rows
        .iter()
        .map(|row| Goal {
            id: Some(GoalId(row.get(0))),
            number: count(row.get(1)),
            title: row.get(2),
            indicators: Vec::new(),
        })
        .collect();
    for row in &indicator_rows {
        let id: i64 = row.get(0);
        let goal_id = GoalId(row.get(1));
        let indicator = Indicator {
            id: Some(IndicatorId(id)),
            number: count(row.get(2)),
            name: row.get(3),
            target: Target {
                value: codec::decimal("indicators", "target_value", &row.get::<String, _>(4))?,
                unit: row.get(5),
            },
            formula: row.get(6),
            numerator_label: row.get(7),
            denominator_label: row.get(8),
            kind: codec::code(
                "indicators",
                "kind",
                &row.get::<String, _>(9),
                IndicatorKind::from_code,
            )?,
            polarity: codec::code(
                "indicators",
                "polarity",
                &row.get::<String, _>(10),
                Polarity::from_code,
            )?,
            aggregation: codec::code(
                "indicators",
                "aggregation",
                &row.get::<String, _>(11),
                Aggregation::from_code,
            )?,
            activity_ids: links.remove(&id).unwrap_or_default(),
            quarters: reports.remove(&id).unwrap_or_default(),
        };
        if let Some(goal) = goals.iter_mut().find(|g| g.id == Some(goal_id)) {
            goal.indicators.push(indicator);
        }
    }
    Ok(goals)
}

async fn load_reports(
    conn: &mut AnyConnection,
    plan: PlanId,
) -> Result<HashMap<i64, [QuarterReport; 4]>, StoreError> {
    let rows = sqlx::query(
        "SELECT q.indicator_id, q.quarter, q.planned_work, q.numerator, q.denominator, \
         q.achievement, q.evidence, q.status, q.note \
         FROM indicator_quarters q JOIN indicators i ON i.id = q.indicator_id \
         JOIN goals g ON g.id = i.goal_id WHERE g.plan_id = $1",
    )
    .bind(plan.0)
    .fetch_all(&mut *conn)
    .await?;
    let mut reports: HashMap<i64, [QuarterReport; 4]> = HashMap::new();
    for row in &rows {
        let slot = quarter_slot(row.get(1))?;
        reports.entry(row.get(0)).or_default()[slot] = QuarterReport {
            planned_work: row.get(2),
            numerator: codec::optional_decimal("indicator_quarters", "numerator", row.get(3))?,
            denominator: codec::optional_decimal("indicator_quarters", "denominator", row.get(4))?,
            achievement: row.get(5),
            evidence: row.get(6),
            status: codec::status(row.get(7))?,
            note: row.get(8),
        };
    }
    Ok(reports)
}

async fn load_links(
    conn: &mut AnyConnection,
    plan: PlanId,
) -> Result<HashMap<i64, Vec<ActivityId>>, StoreError> {
    let rows = sqlx::query(
        "SELECT l.indicator_id, l.activity_id FROM indicator_activities l \
         JOIN activities a ON a.id = l.activity_id WHERE a.plan_id = $1 \
         ORDER BY l.indicator_id, l.position",
    )
    .bind(plan.0)
    .fetch_all(&mut *conn)
    .await?;
    let mut links: HashMap<i64, Vec<ActivityId>> = HashMap::new();
    for row in &rows {
        links
            .entry(row.get(0))
            .or_default()
            .push(ActivityId(row.get(1)));
    }
    Ok(links)
}

fn header(row: &AnyRow) -> Result<PlanHeader, StoreError> {
    let position: Option<String> = row.get(3);
    let name: Option<String> = row.get(4);
    let nip: Option<String> = row.get(5);
    let nip = nip
        .map(|text| {
            Nip::parse(&text).map_err(|e| StoreError::Corrupt {
                table: "plans",
                column: "signatory_nip",
                value: text.clone(),
                reason: e.to_string(),
            })
        })
        .transpose()?;
    let signatory = (position.is_some() || name.is_some() || nip.is_some()).then(|| Signatory {
        position: position.unwrap_or_default(),
        name: name.unwrap_or_default(),
        nip,
    });
    Ok(PlanHeader {
        work_unit: row.get(0),
        fiscal_year: year(row.get(1)),
        title: row.get(2),
        signatory,
        place_date: row.get(6),
    })
}

fn quarter_slot(stored: i64) -> Result<usize, StoreError> {
    match stored {
        1..=4 => Ok(stored as usize - 1),
        other => Err(StoreError::Corrupt {
            table: "quarters",
            column: "quarter",
            value: other.to_string(),
            reason: "a quarter is 1 to 4".into(),
        }),
    }
}

fn count(value: i64) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

fn year(value: i64) -> i32 {
    i32::try_from(value).unwrap_or(i32::MAX)
}
