//! Reading plans back into the model: one row struct per query, each turned into its model
//! type in one place.

use super::codec;
use super::{Store, StoreError};
use model::{
    Activity, ActivityId, ActivityQuarter, Aggregation, Goal, GoalId, Indicator, IndicatorId,
    IndicatorKind, Nip, Plan, PlanHeader, PlanId, PlanSummary, Polarity, Quarter, QuarterReport,
    Signatory, Target,
};
use sqlx::AnyConnection;
use std::collections::HashMap;

impl Store {
    /// Every plan, newest fiscal year first, with the figures the home page lists. Unchecked:
    /// the caller decides who may see which (`PlanBackend::list_plans`).
    pub async fn list_plans_unchecked(&self) -> Result<Vec<PlanSummary>, StoreError> {
        let rows: Vec<SummaryRow> = sqlx::query_as(
            "SELECT p.id, p.work_unit, p.fiscal_year, p.title, \
             (SELECT COUNT(*) FROM goals g WHERE g.plan_id = p.id) AS goal_count, \
             (SELECT COUNT(*) FROM indicators i JOIN goals g ON g.id = i.goal_id WHERE g.plan_id = p.id) \
             AS indicator_count, \
             (SELECT COUNT(*) FROM activities a WHERE a.plan_id = p.id) AS activity_count, \
             (SELECT CAST(COALESCE(SUM(a.budget_sen), 0) AS BIGINT) FROM activities a \
             WHERE a.plan_id = p.id) AS budget_sen \
             FROM plans p ORDER BY p.fiscal_year DESC, p.work_unit",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(SummaryRow::into_model).collect()
    }

    /// The whole plan, or `None` when there is no plan with that id. Unchecked: the caller has
    /// passed the access rule (`PlanBackend::load_plan`), or has none to pass (command line).
    pub async fn load_plan_unchecked(&self, id: PlanId) -> Result<Option<Plan>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        read_plan(&mut conn, id).await
    }
}

/// The whole plan, read on `conn` (a pooled connection, or a write transaction).
pub(super) async fn read_plan(
    conn: &mut AnyConnection,
    id: PlanId,
) -> Result<Option<Plan>, StoreError> {
    let header: Option<HeaderRow> = sqlx::query_as(
        "SELECT work_unit, fiscal_year, title, signatory_position, signatory_name, \
         signatory_nip, place_date FROM plans WHERE id = $1",
    )
    .bind(id.0)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(header) = header else {
        return Ok(None);
    };
    let header = PlanHeader::try_from(header)?;
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
    let rows: Vec<ActivityRow> = sqlx::query_as(
        "SELECT id, name, budget_sen, blocked_sen FROM activities WHERE plan_id = $1 \
         ORDER BY position",
    )
    .bind(plan.0)
    .fetch_all(&mut *conn)
    .await?;
    let quarters: Vec<ActivityQuarterRow> = sqlx::query_as(
        "SELECT q.activity_id, q.quarter, q.withdrawal_plan_sen, q.realization_sen \
         FROM activity_quarters q JOIN activities a ON a.id = q.activity_id WHERE a.plan_id = $1",
    )
    .bind(plan.0)
    .fetch_all(&mut *conn)
    .await?;
    let mut by_activity = by_quarter(quarters, ActivityQuarterRow::into_model)?;
    rows.into_iter()
        .map(|row| {
            let quarters = by_activity.remove(&row.id).unwrap_or_default();
            row.into_model(quarters)
        })
        .collect()
}

async fn load_goals(conn: &mut AnyConnection, plan: PlanId) -> Result<Vec<Goal>, StoreError> {
    let goal_rows: Vec<GoalRow> =
        sqlx::query_as("SELECT id, number, title FROM goals WHERE plan_id = $1 ORDER BY position")
            .bind(plan.0)
            .fetch_all(&mut *conn)
            .await?;
    let indicator_rows: Vec<IndicatorRow> = sqlx::query_as(
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

    let mut goals: Vec<Goal> = goal_rows.into_iter().map(Goal::from).collect();
    for row in indicator_rows {
        let goal_id = GoalId(row.goal_id);
        let activity_ids = links.remove(&row.id).unwrap_or_default();
        let quarters = reports.remove(&row.id).unwrap_or_default();
        let indicator = row.into_model(activity_ids, quarters)?;
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
    let rows: Vec<ReportRow> = sqlx::query_as(
        "SELECT q.indicator_id, q.quarter, q.planned_work, q.numerator, q.denominator, \
         q.achievement, q.evidence, q.status, q.note \
         FROM indicator_quarters q JOIN indicators i ON i.id = q.indicator_id \
         JOIN goals g ON g.id = i.goal_id WHERE g.plan_id = $1",
    )
    .bind(plan.0)
    .fetch_all(&mut *conn)
    .await?;
    by_quarter(rows, ReportRow::into_model)
}

async fn load_links(
    conn: &mut AnyConnection,
    plan: PlanId,
) -> Result<HashMap<i64, Vec<ActivityId>>, StoreError> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT l.indicator_id, l.activity_id FROM indicator_activities l \
         JOIN activities a ON a.id = l.activity_id WHERE a.plan_id = $1 \
         ORDER BY l.indicator_id, l.position",
    )
    .bind(plan.0)
    .fetch_all(&mut *conn)
    .await?;
    let mut links: HashMap<i64, Vec<ActivityId>> = HashMap::new();
    for (indicator, activity) in rows {
        links
            .entry(indicator)
            .or_default()
            .push(ActivityId(activity));
    }
    Ok(links)
}

/// Per-quarter rows gathered by their parent's id (an indicator's reports, an activity's money).
fn by_quarter<R, T: Default>(
    rows: Vec<R>,
    read: impl Fn(R) -> Result<(i64, Quarter, T), StoreError>,
) -> Result<HashMap<i64, [T; 4]>, StoreError> {
    let mut by_parent: HashMap<i64, [T; 4]> = HashMap::new();
    for row in rows {
        let (parent, quarter, value) = read(row)?;
        by_parent.entry(parent).or_default()[quarter.index()] = value;
    }
    Ok(by_parent)
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: i64,
    work_unit: String,
    fiscal_year: i64,
    title: String,
    goal_count: i64,
    indicator_count: i64,
    activity_count: i64,
    budget_sen: i64,
}

impl SummaryRow {
    fn into_model(self) -> Result<PlanSummary, StoreError> {
        Ok(PlanSummary {
            id: PlanId(self.id),
            work_unit: self.work_unit,
            fiscal_year: codec::year(self.fiscal_year),
            title: self.title,
            goal_count: codec::count(self.goal_count),
            indicator_count: codec::count(self.indicator_count),
            activity_count: codec::count(self.activity_count),
            total_budget: codec::rupiah("activities", "SUM(budget_sen)", self.budget_sen)?,
        })
    }
}

#[derive(sqlx::FromRow)]
struct HeaderRow {
    work_unit: String,
    fiscal_year: i64,
    title: String,
    signatory_position: Option<String>,
    signatory_name: Option<String>,
    signatory_nip: Option<String>,
    place_date: Option<String>,
}

impl TryFrom<HeaderRow> for PlanHeader {
    type Error = StoreError;

    fn try_from(row: HeaderRow) -> Result<PlanHeader, StoreError> {
        let nip = row
            .signatory_nip
            .map(|text| codec::parsed("plans", "signatory_nip", &text, Nip::parse))
            .transpose()?;
        let (position, name) = (row.signatory_position, row.signatory_name);
        // A signatory is stored as three nullable columns; any one of them makes one.
        let signatory =
            (position.is_some() || name.is_some() || nip.is_some()).then(|| Signatory {
                position: position.unwrap_or_default(),
                name: name.unwrap_or_default(),
                nip,
            });
        Ok(PlanHeader {
            work_unit: row.work_unit,
            fiscal_year: codec::year(row.fiscal_year),
            title: row.title,
            signatory,
            place_date: row.place_date,
        })
    }
}

#[derive(sqlx::FromRow)]
struct ActivityRow {
    id: i64,
    name: String,
    budget_sen: i64,
    blocked_sen: i64,
}

impl ActivityRow {
    fn into_model(self, quarters: [ActivityQuarter; 4]) -> Result<Activity, StoreError> {
        Ok(Activity {
            id: ActivityId(self.id),
            name: self.name,
            budget: codec::rupiah("activities", "budget_sen", self.budget_sen)?,
            blocked: codec::rupiah("activities", "blocked_sen", self.blocked_sen)?,
            quarters,
        })
    }
}

#[derive(sqlx::FromRow)]
struct ActivityQuarterRow {
    activity_id: i64,
    quarter: i64,
    withdrawal_plan_sen: Option<i64>,
    realization_sen: Option<i64>,
}

impl ActivityQuarterRow {
    fn into_model(self) -> Result<(i64, Quarter, ActivityQuarter), StoreError> {
        const TABLE: &str = "activity_quarters";
        Ok((
            self.activity_id,
            codec::quarter(TABLE, self.quarter)?,
            ActivityQuarter {
                withdrawal_plan: codec::optional_rupiah(
                    TABLE,
                    "withdrawal_plan_sen",
                    self.withdrawal_plan_sen,
                )?,
                realization: codec::optional_rupiah(
                    TABLE,
                    "realization_sen",
                    self.realization_sen,
                )?,
            },
        ))
    }
}

#[derive(sqlx::FromRow)]
struct GoalRow {
    id: i64,
    number: i64,
    title: String,
}

impl From<GoalRow> for Goal {
    fn from(row: GoalRow) -> Goal {
        Goal {
            id: Some(GoalId(row.id)),
            number: codec::count(row.number),
            title: row.title,
            indicators: Vec::new(),
        }
    }
}

#[derive(sqlx::FromRow)]
struct IndicatorRow {
    id: i64,
    goal_id: i64,
    number: i64,
    name: String,
    target_value: String,
    target_unit: String,
    formula: String,
    numerator_label: String,
    denominator_label: String,
    kind: String,
    polarity: String,
    aggregation: String,
}

impl IndicatorRow {
    fn into_model(
        self,
        activity_ids: Vec<ActivityId>,
        quarters: [QuarterReport; 4],
    ) -> Result<Indicator, StoreError> {
        const TABLE: &str = "indicators";
        Ok(Indicator {
            id: Some(IndicatorId(self.id)),
            number: codec::count(self.number),
            name: self.name,
            target: Target {
                value: codec::decimal(TABLE, "target_value", &self.target_value)?,
                unit: self.target_unit,
            },
            formula: self.formula,
            numerator_label: self.numerator_label,
            denominator_label: self.denominator_label,
            kind: codec::code(TABLE, "kind", &self.kind, IndicatorKind::from_code)?,
            polarity: codec::code(TABLE, "polarity", &self.polarity, Polarity::from_code)?,
            aggregation: codec::code(
                TABLE,
                "aggregation",
                &self.aggregation,
                Aggregation::from_code,
            )?,
            activity_ids,
            quarters,
        })
    }
}

#[derive(sqlx::FromRow)]
struct ReportRow {
    indicator_id: i64,
    quarter: i64,
    planned_work: String,
    numerator: Option<String>,
    denominator: Option<String>,
    achievement: String,
    evidence: String,
    status: Option<String>,
    note: String,
}

impl ReportRow {
    fn into_model(self) -> Result<(i64, Quarter, QuarterReport), StoreError> {
        const TABLE: &str = "indicator_quarters";
        Ok((
            self.indicator_id,
            codec::quarter(TABLE, self.quarter)?,
            QuarterReport {
                planned_work: self.planned_work,
                numerator: codec::optional_decimal(TABLE, "numerator", self.numerator)?,
                denominator: codec::optional_decimal(TABLE, "denominator", self.denominator)?,
                achievement: self.achievement,
                evidence: self.evidence,
                status: codec::status(self.status)?,
                note: self.note,
            },
        ))
    }
}
