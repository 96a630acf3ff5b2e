//! The home page: the plans the person may read, each with where this quarter stands and what
//! waits to be done: the due reports for an operator, the submitted quarters for a pimpinan.

use crate::api::dashboard::reporting_month;
use crate::api::plan::list_plans;
use crate::api::rollup::rollup_units;
use crate::api::session::current_person;
use crate::api::PlanListing;
use crate::components::{col, num, Column, ErrorNote, ScrollTable};
use crate::error::AppError;
use leptos::either::Either;
use leptos::prelude::*;
use model::access::imports_somewhere;
use model::agenda::{next_steps, Next};
use model::dashboard::CalendarMonth;

async fn load() -> Result<(Vec<PlanListing>, CalendarMonth), AppError> {
    Ok((list_plans().await?, reporting_month(None).await?))
}

#[component]
pub fn HomePage() -> impl IntoView {
    let plans = Resource::new(|| (), |_| load());
    let person = Resource::new(|| (), |_| current_person());
    let rollups = Resource::new(|| (), |_| rollup_units());
    view! {
        <h1>"Daftar Rencana Aksi"</h1>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                // A manager's first view: every unit they reach, at a glance.
                let units = rollups.await.unwrap_or_default();
                (!units.is_empty()).then(|| view! {
                    <nav class="rollup-links" aria-label="Rekap unit">
                        <ul>
                            {units
                                .into_iter()
                                .map(|u| view! {
                                    <li><a href=format!("/unit/{}", u.id)>{format!("Rekap unit: {}", u.name)}</a></li>
                                })
                                .collect_view()}
                        </ul>
                    </nav>
                })
            })}
        </Suspense>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let may_import = person.await.ok().flatten().is_some_and(|p| imports_somewhere(&p));
                // A page of the server's own (a file upload), not one of the router's: a full load.
                may_import.then(|| view! {
                    <p class="import-link"><a href="/impor" rel="external">"Impor dari Excel"</a></p>
                })
            })}
        </Suspense>
        <Suspense fallback=|| view! { <p>"Memuat\u{2026}"</p> }>
            {move || Suspend::new(async move {
                match plans.await {
                    Ok((list, today)) => Either::Left(view! { <PlanList plans=list today/> }),
                    Err(error) => Either::Right(view! { <ErrorNote error/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PlanList(plans: Vec<PlanListing>, today: CalendarMonth) -> impl IntoView {
    if plans.is_empty() {
        return Either::Left(view! {
            <p>"Belum ada rencana. Impor lembar kerja dengan " <code>"pantau import FILE"</code> "."</p>
        });
    }
    let mine: usize = plans
        .iter()
        .map(|p| steps(p, today).iter().filter(|n| n.is_mine()).count())
        .sum();
    let summary = match mine {
        0 => "Tidak ada laporan triwulan yang menunggu Anda.".to_owned(),
        n => format!("{n} laporan triwulan menunggu Anda."),
    };
    let rows = plans
        .into_iter()
        .map(|p| view! { <PlanRow listing=p today/> })
        .collect_view();
    Either::Right(view! {
        <p class="agenda-summary" role="status">{summary}</p>
        <ScrollTable class="plans" columns=PLAN_COLUMNS>{rows}</ScrollTable>
    })
}

fn steps(listing: &PlanListing, today: CalendarMonth) -> Vec<Next> {
    let due = today.due_quarters(listing.summary.fiscal_year);
    next_steps(
        &listing.states,
        &due,
        listing.may_submit,
        listing.may_decide,
    )
}

#[component]
fn PlanRow(listing: PlanListing, today: CalendarMonth) -> impl IntoView {
    let steps = steps(&listing, today);
    let p = listing.summary;
    let now = today.started_through(p.fiscal_year).map(|q| {
        let state = listing.states[q.index()].label();
        format!("{} \u{00b7} {state}", q.label())
    });
    let plan_url = format!("/rencana/{}", p.id);
    let todo = if steps.is_empty() {
        Either::Left(view! { <span class="muted">"Tidak ada"</span> })
    } else {
        Either::Right(view! {
            <ul class="agenda">
                {steps
                    .into_iter()
                    .map(|next| {
                        let class = if next.is_mine() { "agenda-item mine" } else { "agenda-item" };
                        view! { <li class=class><a href=format!("{plan_url}#persetujuan")>{next.describe()}</a></li> }
                    })
                    .collect_view()}
            </ul>
        })
    };
    let counts = format!(
        "{} sasaran \u{00b7} {} indikator \u{00b7} {} kegiatan",
        p.goal_count, p.indicator_count, p.activity_count
    );
    view! {
        <tr>
            <td>
                <a href=plan_url.clone()>{p.work_unit}</a>
                <div class="muted">{p.title}</div>
                <div class="muted">{counts}</div>
                <a class="dashboard-link" href=format!("/rencana/{}/dasbor", p.id)>"Dasbor pimpinan"</a>
            </td>
            <td>{p.fiscal_year}</td>
            <td class="quarter-now">{now.unwrap_or_else(|| "Belum dimulai".to_owned())}</td>
            <td>{todo}</td>
            <td class="num">{p.total_budget.to_string()}</td>
        </tr>
    }
}

const PLAN_COLUMNS: &[Column] = &[
    col("Satuan kerja"),
    col("Tahun"),
    col("Triwulan berjalan"),
    col("Perlu dikerjakan"),
    num("Total pagu (Rp)"),
];
