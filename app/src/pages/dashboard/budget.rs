//! The budget: the plan's S-curve, absorption against the year's targets (with the form to
//! change them), and each activity's S-curve, folded so the page stays short.

use super::thresholds_form::ThresholdsForm;
use crate::api::dashboard::SaveThresholds;
use crate::components::charts::{AbsorptionChart, SCurve};
use leptos::prelude::*;
use model::checks::withdrawal_plan_check;
use model::dashboard::{absorption_points, s_curve, AbsorptionThresholds};
use model::figures::{activity_totals, plan_totals};
use model::number::format_percent_or_dash;
use model::{Activity, Plan, PlanId, Quarter};

#[component]
pub fn BudgetSection(
    id: PlanId,
    plan: Plan,
    thresholds: AbsorptionThresholds,
    /// The latest quarter that has begun: realization is drawn up to it.
    started: Option<Quarter>,
    save: ServerAction<SaveThresholds>,
    /// Only a top unit's admin sees the form; everyone sees the targets in the chart.
    may_set_targets: bool,
) -> impl IntoView {
    let totals = plan_totals(&plan);
    let summary = format!(
        "Pagu Rp {} \u{00b7} blokir Rp {} \u{00b7} dapat digunakan Rp {} \u{00b7} realisasi Rp {} (penyerapan {})",
        totals.budget,
        totals.blocked,
        totals.available(),
        totals.realization_total(),
        format_percent_or_dash(totals.cumulative_absorption(Quarter::Q4)),
    );
    let year = thresholds.fiscal_year;
    let activities = plan
        .activities
        .iter()
        .map(|activity| view! { <ActivityCurve id activity=activity.clone() started/> })
        .collect_view();
    view! {
        <section id="anggaran" class="dashboard-budget" aria-labelledby="anggaran-title">
            <h2 id="anggaran-title">"Anggaran"</h2>
            <p class="budget-summary">{summary}</p>
            <div class="chart-grid">
                <SCurve
                    scope="plan".to_owned()
                    caption="Kurva S anggaran: RPD dan realisasi kumulatif".to_owned()
                    points=s_curve(&totals, started)
                    budget=totals.budget
                />
                <div class="absorption-block">
                    <AbsorptionChart
                        caption=format!("Penyerapan anggaran terhadap target tahun {year}")
                        points=absorption_points(&totals, &thresholds, started)
                    />
                    {may_set_targets.then(|| view! { <ThresholdsForm thresholds save/> })}
                </div>
            </div>
            <h3>"Kurva S per kegiatan"</h3>
            <div class="activity-curves">{activities}</div>
        </section>
    }
}

#[component]
fn ActivityCurve(id: PlanId, activity: Activity, started: Option<Quarter>) -> impl IntoView {
    let totals = activity_totals(&activity);
    let mismatch = withdrawal_plan_check(&activity).map(|check| {
        view! { <p class="warning" role="note">{format!("\u{26a0} {}", check.message())}</p> }
    });
    let flag = if mismatch.is_some() {
        " \u{00b7} \u{26a0} RPD tidak sama dengan pagu"
    } else {
        ""
    };
    let summary = format!(
        "{} \u{2014} pagu Rp {}, penyerapan {}{flag}",
        activity.name,
        activity.budget,
        format_percent_or_dash(totals.cumulative_absorption(Quarter::Q4)),
    );
    let activity_id = activity.id;
    view! {
        <details class="activity-curve" id=format!("dasbor-kegiatan-{activity_id}")>
            <summary>{summary}</summary>
            {mismatch}
            <SCurve
                scope=format!("kegiatan-{activity_id}")
                caption=format!("Kurva S {}", activity.name)
                points=s_curve(&totals, started)
                budget=activity.budget
            />
            <p><a href=format!("/rencana/{id}#kegiatan-{activity_id}")>"Ubah di rencana aksi"</a></p>
        </details>
    }
}
