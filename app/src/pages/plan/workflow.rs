//! The quarter workflow on the plan page: where each quarter stands, and the steps the person
//! may take (an operator submits; a pimpinan approves, returns with a comment, or reopens).
//! A submitted or approved quarter's figures freeze at once, through the page's [`EditGate`].
//! Approving sends the plan's version the page was rendered with (a hidden field, so it posts
//! with JavaScript off too); a refusal is shown here, also after a post without JavaScript.
//!
//! [`EditGate`]: crate::components::EditGate

use super::PlanState;
use crate::api::workflow::*;
use crate::components::{posted_refusal, PostForm};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos::task::spawn_local;
use model::workflow::QuarterState;
use model::Quarter;
use std::future::Future;

type Outcome = RwSignal<Option<Result<String, String>>>;

#[component]
pub fn WorkflowBar() -> impl IntoView {
    let ours = [
        SubmitQuarter::PATH,
        ApproveQuarter::PATH,
        ReturnQuarter::PATH,
        ReopenQuarter::PATH,
    ];
    let outcome: Outcome = RwSignal::new(posted_refusal(&ours).map(Err));
    view! {
        <section id="persetujuan" class="workflow" aria-labelledby="workflow-title">
            <h2 id="workflow-title">"Persetujuan triwulan"</h2>
            <ul class="workflow-quarters">
                {Quarter::ALL.map(|quarter| view! { <QuarterStep quarter outcome/> }).collect_view()}
            </ul>
            {move || outcome.get().map(|result| match result {
                Ok(text) => view! { <p class="notice ok" role="status">{text}</p> }.into_any(),
                Err(text) => view! { <p class="error" role="alert">{text}</p> }.into_any(),
            })}
        </section>
    }
}

#[component]
fn QuarterStep(quarter: Quarter, outcome: Outcome) -> impl IntoView {
    let state = expect_context::<PlanState>();
    let plan = state.id;
    let current = move || state.access.with(|a| a.states[quarter.index()].clone());
    let (may_submit, may_decide) = state
        .access
        .with_untracked(|a| (a.may_submit, a.may_decide));
    let settle = move |done: &'static str,
                       call: std::pin::Pin<
        Box<dyn Future<Output = Result<QuarterStep, AppError>>>,
    >| {
        spawn_local(async move {
            match call.await {
                Ok(next) => {
                    state.access.update(|a| {
                        a.states[quarter.index()] = next.state;
                        a.version = next.version;
                    });
                    outcome.set(Some(Ok(format!("{} {done}", quarter.label()))));
                }
                Err(error) => outcome.set(Some(Err(error.to_string()))),
            }
        })
    };
    let hidden = move || {
        vec![
            ("plan", plan.0.to_string()),
            ("quarter", quarter.number().to_string()),
        ]
    };
    let steps = move || {
        let state_now = current();
        let mut forms = Vec::new();
        let can_submit = matches!(
            state_now,
            QuarterState::Draft | QuarterState::Returned { .. }
        );
        if may_submit && can_submit {
            forms.push(view! {
                <PostForm url=SubmitQuarter::url() hidden=hidden() button="Ajukan".into() class="inline"
                    run=Callback::new(move |_| settle("diajukan", Box::pin(submit_quarter(plan, quarter.number()))))/>
            }.into_any());
        }
        if may_decide && matches!(state_now, QuarterState::Submitted { .. }) {
            // The version this page shows: what the pimpinan looked at.
            let version = state.access.with_untracked(|a| a.version);
            let mut fields = hidden();
            fields.push(("version", version.to_string()));
            forms.push(view! {
                <PostForm url=ApproveQuarter::url() hidden=fields button="Setujui".into() class="inline"
                    run=Callback::new(move |_| settle("disetujui", Box::pin(approve_quarter(plan, quarter.number(), version))))/>
            }.into_any());
            forms.push(view! {
                <PostForm url=ReturnQuarter::url() hidden=hidden() text=("comment", "Alasan pengembalian")
                    button="Kembalikan".into() class="inline"
                    run=Callback::new(move |comment: String| settle("dikembalikan", Box::pin(return_quarter(plan, quarter.number(), comment))))/>
            }.into_any());
        }
        if may_decide && state_now.is_locked() {
            forms.push(view! {
                <PostForm url=ReopenQuarter::url() hidden=hidden() button="Buka kembali".into() class="inline"
                    run=Callback::new(move |_| settle("dibuka kembali", Box::pin(reopen_quarter(plan, quarter.number()))))/>
            }.into_any());
        }
        forms
    };
    view! {
        <li class="workflow-quarter" data-quarter=quarter.label() data-state=move || current().code()>
            <strong>{quarter.label()}</strong>
            " "
            <span class="workflow-state">{move || current().describe(state.zone)}</span>
            {move || current().freezes().then(|| view! { <span class="lock" title="Angka triwulan ini dibekukan">" \u{1f512}"</span> })}
            <span class="workflow-steps">{steps}</span>
            <a class="history-link" href=format!("/rencana/{plan}/riwayat?tw={}", quarter.number())>"Riwayat"</a>
            <a class="report-link" href=format!("/rencana/{plan}/cetak?tw={}", quarter.number())
                aria-label=format!("Cetak laporan {}", quarter.label())>"Laporan"</a>
            <a class="report-excel-link" href=format!("/rencana/{plan}/excel?tw={}", quarter.number()) rel="external"
                aria-label=format!("Unduh Excel laporan {}", quarter.label())>"Excel"</a>
        </li>
    }
}
