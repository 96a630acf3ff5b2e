//! The plan page: the whole action plan, readable like the original sheet and editable in place.
//! Figures and checks are computed by the shared model from the page's working copy as the
//! person types; each row saves through a form that also works with JavaScript off.

mod activities;
mod checks;
mod goals;
mod header;
mod indicator_form;
mod quarter_row;
mod state;
mod structure;
mod sync_panel;
mod workflow;

use crate::api::plan::{open_plan, OpenedPlan};
use crate::api::PlanAccess;
use crate::components::{EditGate, ErrorNote};
use crate::error::AppError;
use crate::sync::SyncEngine;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use model::{Plan, Quarter};
pub use state::PlanState;

#[component]
pub fn PlanPage() -> impl IntoView {
    let id = super::plan_id_param();
    let plan = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => open_plan(id).await,
                None => Err(AppError::NotFound("Rencana".into())),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p>"Memuat rencana\u{2026}"</p> }>
            {move || Suspend::new(async move {
                match plan.await {
                    Ok(OpenedPlan { plan, access, pulled, person, zone, evidence }) => {
                        Either::Left(view! { <PlanView plan access pulled person zone evidence/> })
                    }
                    Err(error) => Either::Right(view! { <ErrorNote error/> }),
                }
            })}
        </Suspense>
    }
}

/// Which quarters the person wants to see; `None` shows all four.
#[derive(Clone, Copy)]
pub struct QuarterFilter(pub RwSignal<Option<Quarter>>);

impl QuarterFilter {
    pub fn shows(self, quarter: Quarter) -> bool {
        self.0.get().is_none_or(|only| only == quarter)
    }
}

/// Plans with more indicators than this show one goal at a time (`?sasaran=N`, or
/// `?sasaran=semua` for all): a page with every edit grid of a thousand indicators takes minutes
/// to hydrate. Figures, totals and checks still cover the whole plan.
pub const LARGE_PLAN_INDICATORS: usize = 200;

#[component]
fn PlanView(
    plan: Plan,
    access: PlanAccess,
    pulled: model::sync::Pulled,
    person: model::UserId,
    zone: model::time::Zone,
    evidence: model::evidence::EvidenceCounts,
) -> impl IntoView {
    provide_context(evidence);
    let large = plan.indicators().count() > LARGE_PLAN_INDICATORS;
    let state = PlanState::new(plan, access, zone);
    provide_context(state);
    provide_context(SyncEngine::new(
        state.id,
        person,
        pulled,
        Callback::new(move |(field, text): (model::edit::Field, String)| {
            state.apply_text(field, &text)
        }),
    ));
    provide_context(EditGate(state.access, state.zone));
    let filter = QuarterFilter(RwSignal::new(None));
    provide_context(filter);
    let query = use_query_map();
    // None: every goal. On a large plan the first goal unless the address asks otherwise.
    let shown_goal = Memo::new(move |_| match query.read().get("sasaran").as_deref() {
        Some("semua") => None,
        Some(n) => n.parse::<u32>().ok().or(large.then_some(1)),
        None => large.then_some(1),
    });
    let visible_goals = move || {
        let shown = shown_goal.get();
        state
            .goals
            .get()
            .into_iter()
            .filter(|g| shown.is_none_or(|n| g.number.get() == n))
            .collect::<Vec<_>>()
    };
    view! {
        <header::PlanHeading/>
        <structure::Notice/>
        <checks::CheckList/>
        <sync_panel::SyncBar/>
        <sync_panel::UnreadableOutbox/>
        <sync_panel::ConflictList/>
        <workflow::WorkflowBar/>
        <QuarterButtons filter/>
        <section aria-labelledby="sasaran-title">
            <h2 id="sasaran-title">"Sasaran dan Indikator Kinerja"</h2>
            {large.then(|| view! { <GoalPager shown=shown_goal/> })}
            <For each=visible_goals key=|goal| goal.id let:goal>
                <goals::GoalSection goal/>
            </For>
            <structure::AddGoalForm/>
        </section>
        <activities::ActivityTable/>
        <header::Signature/>
    }
}

/// Links to each goal of a large plan, and to all of them.
#[component]
fn GoalPager(shown: Memo<Option<u32>>) -> impl IntoView {
    let state = expect_context::<PlanState>();
    let link = move |label: String, query: String, current: bool| {
        view! {
            <a class="chip" href=format!("?sasaran={query}") aria-current=current.then_some("page")>{label}</a>
        }
    };
    view! {
        <nav class="goal-pager" aria-label="Tampilkan sasaran">
            <span>"Sasaran: "</span>
            {move || {
                let current = shown.get();
                state
                    .goals
                    .get()
                    .into_iter()
                    .map(|g| {
                        let n = g.number.get();
                        link(n.to_string(), n.to_string(), current == Some(n))
                    })
                    .collect_view()
            }}
            {move || link("Semua".into(), "semua".into(), shown.get().is_none())}
        </nav>
    }
}

/// Shows one quarter or all; works once the page is hydrated.
#[component]
fn QuarterButtons(filter: QuarterFilter) -> impl IntoView {
    let button = move |label: &'static str, value: Option<Quarter>| {
        view! {
            <button
                type="button"
                class="chip"
                aria-pressed=move || (filter.0.get() == value).to_string()
                on:click=move |_| filter.0.set(value)
            >
                {label}
            </button>
        }
    };
    view! {
        <nav class="quarter-filter" aria-label="Tampilkan triwulan">
            <span>"Tampilkan: "</span>
            {button("Semua", None)}
            {Quarter::ALL.map(|q| button(q.label(), Some(q))).collect_view()}
        </nav>
    }
}
