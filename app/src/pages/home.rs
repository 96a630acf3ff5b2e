//! The home page: the plans in the database.

use crate::api::plan::list_plans;
use crate::components::{col, num, Column, ErrorNote, Table};
use leptos::either::Either;
use leptos::prelude::*;
use model::PlanSummary;

#[component]
pub fn HomePage() -> impl IntoView {
    let plans = Resource::new(|| (), |_| list_plans());
    view! {
        <h1>"Daftar Rencana Aksi"</h1>
        <Suspense fallback=|| view! { <p>"Memuat\u{2026}"</p> }>
            {move || Suspend::new(async move {
                match plans.await {
                    Ok(list) => Either::Left(view! { <PlanList plans=list/> }),
                    Err(error) => Either::Right(view! { <ErrorNote error/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PlanList(plans: Vec<PlanSummary>) -> impl IntoView {
    if plans.is_empty() {
        return Either::Left(view! {
            <p>"Belum ada rencana. Impor lembar kerja dengan " <code>"pantau import FILE"</code> "."</p>
        });
    }
    let rows = plans
        .into_iter()
        .map(|p| {
            view! {
                <tr>
                    <td>
                        <a href=format!("/rencana/{}", p.id)>{p.work_unit}</a>
                        <div class="muted">{p.title}</div>
                        <a class="dashboard-link" href=format!("/rencana/{}/dasbor", p.id)>"Dasbor pimpinan"</a>
                    </td>
                    <td>{p.fiscal_year}</td>
                    <td class="num">{p.goal_count}</td>
                    <td class="num">{p.indicator_count}</td>
                    <td class="num">{p.activity_count}</td>
                    <td class="num">{p.total_budget.to_string()}</td>
                </tr>
            }
        })
        .collect_view();
    Either::Right(view! { <Table class="plans" columns=PLAN_COLUMNS>{rows}</Table> })
}

const PLAN_COLUMNS: &[Column] = &[
    col("Satuan kerja"),
    col("Tahun"),
    num("Sasaran"),
    num("Indikator"),
    num("Kegiatan"),
    num("Total pagu (Rp)"),
];
