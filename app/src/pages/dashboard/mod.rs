//! The head of unit's dashboard (dasbor pimpinan): what needs attention, the budget's S-curve
//! and absorption against the year's targets, and every indicator's achievement against its
//! target. Read-only except for the targets; every figure is computed by the shared model from
//! the loaded plan, and the page reads in full without JavaScript.
//!
//! The data refetches whenever the plan is saved anywhere (`crate::live`) and after the targets
//! are saved here. A `Transition` keeps the current charts on screen until the new data is in.
//! Last year's figures are loaded once and matched to this year's indicators here, so a live
//! update never reloads last year's plan.

mod attention_list;
mod budget;
mod indicators;
mod thresholds_form;

use super::plan_id_param;
use crate::api::dashboard::{get_thresholds, reporting_month, SaveThresholds};
use crate::api::plan::{get_evidence_counts, get_plan, get_plan_access};
use crate::api::years::get_earlier_year;
use crate::components::ErrorNote;
use crate::error::AppError;
use crate::live::use_plan_version;
use crate::pages::years::YearSwitcher;
use leptos::either::Either;
use leptos::prelude::*;
use model::dashboard::{attention, AbsorptionThresholds, CalendarMonth};
use model::figures::StandingThresholds;
use model::years::{EarlierPlan, EarlierYear};
use model::{Plan, PlanId, Quarter};
use serde::{Deserialize, Serialize};

/// Everything the dashboard draws from, loaded together so the charts and the attention list
/// always describe the same moment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DashboardData {
    pub plan: Plan,
    pub thresholds: AbsorptionThresholds,
    pub today: CalendarMonth,
    /// Whether the person looking may change the year's targets (a top unit's admin).
    pub may_set_targets: bool,
    /// Attachments per quarter: a reported quarter with none needs attention.
    pub evidence: model::evidence::EvidenceCounts,
}

async fn load(id: PlanId) -> Result<DashboardData, AppError> {
    let plan = get_plan(id).await?;
    let thresholds = get_thresholds(plan.header.fiscal_year).await?;
    let today = reporting_month(Some(id)).await?;
    let may_set_targets = get_plan_access(id).await?.may_set_targets;
    let evidence = get_evidence_counts(id).await?;
    Ok(DashboardData {
        evidence,
        plan,
        thresholds,
        today,
        may_set_targets,
    })
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let id = plan_id_param();
    // A new plan id is a new dashboard, with its own live subscription.
    move || match id.get() {
        Some(id) => Either::Left(view! { <Dashboard id/> }),
        None => Either::Right(view! { <ErrorNote error=AppError::NotFound("Rencana".into())/> }),
    }
}

#[component]
fn Dashboard(id: PlanId) -> impl IntoView {
    let version = use_plan_version(id);
    let save = ServerAction::<SaveThresholds>::new();
    // Refetch after a successful save only: after a refused one the form keeps what was typed.
    let saved = Memo::new(move |previous: Option<&usize>| {
        let version = save.version().get();
        if save.value().with(|v| matches!(v, Some(Ok(())))) {
            version
        } else {
            previous.copied().unwrap_or(version)
        }
    });
    let data = Resource::new(move || (version.get(), saved.get()), move |_| load(id));
    // The unit's earlier plan does not change with this one: read once.
    let earlier = Resource::new(|| (), move |_| get_earlier_year(id));
    view! {
        <Transition fallback=|| view! { <p>"Memuat dasbor\u{2026}"</p> }>
            {move || Suspend::new(async move {
                match (data.await, earlier.await) {
                    (Ok(data), Ok(earlier)) => {
                        Either::Left(view! { <DashboardView id data earlier save/> })
                    }
                    (Err(error), _) | (_, Err(error)) => {
                        Either::Right(view! { <ErrorNote error/> })
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn DashboardView(
    id: PlanId,
    data: DashboardData,
    earlier: Option<EarlierPlan>,
    save: ServerAction<SaveThresholds>,
) -> impl IntoView {
    let DashboardData {
        plan,
        thresholds,
        today,
        may_set_targets,
        evidence,
    } = data;
    let earlier: Option<EarlierYear> = earlier.map(|e| e.matched(&plan));
    let year = plan.header.fiscal_year;
    let due = today.due_quarters(year);
    let started = today.started_through(year);
    let standing = StandingThresholds::default();
    let mut items = attention(&plan, &thresholds, &standing, &due);
    items.extend(model::dashboard::missing_evidence(&plan, &evidence, &due));
    let header = plan.header.clone();
    view! {
        <article class="dashboard">
            <hgroup class="plan-heading">
                <h1>{header.work_unit}</h1>
                <p>{format!("Dasbor pimpinan \u{2014} {} \u{2014} Tahun Anggaran {year}", header.title)}</p>
            </hgroup>
            <p class="dashboard-links">
                <a href=format!("/rencana/{id}")>"Buka rencana aksi"</a>
            </p>
            <YearSwitcher plan=id year page="/dasbor"/>
            <p class="as-of muted">{as_of(today, &due)}</p>
            <attention_list::AttentionList id items/>
            <budget::BudgetSection id plan=plan.clone() thresholds started save may_set_targets/>
            <indicators::IndicatorSection plan standing earlier/>
        </article>
    }
}

fn as_of(today: CalendarMonth, due: &[Quarter]) -> String {
    let due = if due.is_empty() {
        "belum ada laporan triwulan yang jatuh tempo".to_owned()
    } else {
        format!(
            "laporan jatuh tempo: {}",
            due.iter().map(|q| q.label()).collect::<Vec<_>>().join(", ")
        )
    };
    format!("Keadaan {}: {due}.", today.label())
}
