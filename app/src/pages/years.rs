//! A unit's years: the year switcher on the plan page and the dashboard, and the copy page
//! (`/rencana/:id/salin`, "Buat rencana 2025 dari 2024"), a plain form that works the same with
//! JavaScript off: the server answers it with a redirect to the new plan, or back here with the
//! refusal.

use super::plan_id_param;
use crate::api::plan::get_plan;
use crate::api::years::{plan_years, CopyPlan, UnitYears};
use crate::components::{posted_refusal, ErrorNote};
use crate::error::AppError;
use leptos::either::Either;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;
use model::access::{Denied, Permission};
use model::years::YEARS;
use model::{Plan, PlanId};

/// The unit's plans by year, each a link to the same page (`page`: "" for the plan,
/// "/dasbor" for the dashboard) of that year's plan, and the way to make another year's plan.
#[component]
pub fn YearSwitcher(plan: PlanId, year: i32, page: &'static str) -> impl IntoView {
    let years = Resource::new(move || plan, plan_years);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                years.await.ok().map(|years| view! { <YearLinks plan year page years/> })
            })}
        </Suspense>
    }
}

#[component]
fn YearLinks(plan: PlanId, year: i32, page: &'static str, years: UnitYears) -> impl IntoView {
    let next = next_free_year(&years, year);
    let links = years
        .years
        .iter()
        .map(|y| {
            if y.plan == plan {
                Either::Left(view! { <span aria-current="page">{y.year}</span> })
            } else {
                Either::Right(view! { <a href=format!("/rencana/{}{page}", y.plan)>{y.year}</a> })
            }
        })
        .collect_view();
    view! {
        <nav class="years" aria-label="Tahun rencana">
            <span class="muted">"Tahun: "</span>
            {links}
            {(years.may_create && page.is_empty()).then(|| view! {
                <a class="copy-link" href=format!("/rencana/{plan}/salin?tahun={next}")>
                    {format!("+ Buat rencana {next} dari {year}")}
                </a>
            })}
        </nav>
    }
}

/// The year after `year` that the unit has no plan for yet.
fn next_free_year(years: &UnitYears, year: i32) -> i32 {
    let mut next = year + 1;
    while years.years.iter().any(|y| y.year == next) {
        next += 1;
    }
    next
}

#[component]
pub fn CopyPage() -> impl IntoView {
    let id = plan_id_param();
    // The form only for those who may make a plan for the unit; the others are told why.
    let plan = Resource::new(
        move || id.get(),
        |id| async move {
            let id = id.ok_or_else(|| AppError::NotFound("Rencana".into()))?;
            let plan = get_plan(id).await?;
            if plan_years(id).await?.may_create {
                Ok(plan)
            } else {
                Err(AppError::Forbidden(Denied::of(Permission::CreatePlan).0))
            }
        },
    );
    view! {
        <article class="copy-plan">
            <Suspense fallback=|| view! { <p>"Memuat rencana\u{2026}"</p> }>
                {move || Suspend::new(async move {
                    match plan.await {
                        Ok(plan) => Either::Left(view! { <CopyForm plan/> }),
                        Err(error) => Either::Right(view! { <ErrorNote error/> }),
                    }
                })}
            </Suspense>
        </article>
    }
}

#[component]
fn CopyForm(plan: Plan) -> impl IntoView {
    let query = use_query_map();
    let from = plan.header.fiscal_year;
    let asked = query
        .read_untracked()
        .get("tahun")
        .and_then(|t| t.trim().parse::<i32>().ok())
        .filter(|y| YEARS.contains(y) && *y != from);
    let year = asked.unwrap_or(from + 1);
    let refusal = posted_refusal(&[CopyPlan::PATH]);
    let id = plan.id.map_or(0, |id| id.0);
    let goals = plan
        .goals
        .iter()
        .filter_map(|goal| goal.id.map(|id| (id, goal)))
        .enumerate()
        .map(|(i, (goal_id, goal))| {
            view! {
                <label class="check">
                    <input type="checkbox" name=format!("goals[{i}]") value=goal_id.0 checked/>
                    {format!("{}. {} ({} indikator)", goal.number, goal.title, goal.indicators.len())}
                </label>
            }
        })
        .collect_view();
    let activities = plan
        .activities
        .iter()
        .enumerate()
        .map(|(i, activity)| {
            view! {
                <label class="check">
                    <input type="checkbox" name=format!("activities[{i}]") value=activity.id.0 checked/>
                    {activity.name.clone()}
                </label>
            }
        })
        .collect_view();
    view! {
        <hgroup class="plan-heading">
            <h1>"Buat rencana tahun lain"</h1>
            <p>{format!("{} \u{2014} dari rencana Tahun Anggaran {from}", plan.header.work_unit)}</p>
        </hgroup>
        <p class="plan-links"><a href=format!("/rencana/{id}")>"Kembali ke rencana " {from}</a></p>
        {refusal.map(|text| view! { <p class="error" role="alert">{text}</p> })}
        <p>
            "Disalin: sasaran, indikator (nama, target, rumus, pembilang dan penyebut), rencana "
            "aksi tiap triwulan, kegiatan, dan kegiatan mana yang mendanai indikator mana."
        </p>
        <p class="muted">
            "Tidak disalin: A dan B, capaian, data dukung, status, keterangan, pagu, blokir, RPD, "
            "realisasi, tempat dan tanggal tanda tangan, serta persetujuan triwulan."
        </p>
        <form method="post" action=CopyPlan::url() class="stacked-form copy-form">
            <input type="hidden" name="plan" value=id/>
            <label>
                "Tahun rencana baru"
                <input type="number" name="year" value=year min=*YEARS.start() max=*YEARS.end() required/>
            </label>
            <fieldset>
                <legend>"Sasaran yang disalin, dengan indikatornya"</legend>
                {goals}
            </fieldset>
            <fieldset>
                <legend>"Kegiatan yang disalin"</legend>
                {activities}
            </fieldset>
            <button type="submit">"Buat rencana"</button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::years::PlanYear;

    fn years(list: &[i32]) -> UnitYears {
        UnitYears {
            years: list
                .iter()
                .map(|&year| PlanYear {
                    year,
                    plan: PlanId(i64::from(year)),
                })
                .collect(),
            may_create: true,
        }
    }

    #[test]
    fn the_year_offered_is_the_first_after_this_one_without_a_plan() {
        assert_eq!(next_free_year(&years(&[2024]), 2024), 2025);
        assert_eq!(next_free_year(&years(&[2024, 2025, 2026]), 2024), 2027);
        assert_eq!(next_free_year(&years(&[2023, 2024, 2026]), 2023), 2025);
    }
}
