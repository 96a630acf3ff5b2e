//! The checks that fail on the working copy, each linked to where it applies.

use super::PlanState;
use leptos::prelude::*;
use model::Check;

#[component]
pub fn CheckList() -> impl IntoView {
    let state = expect_context::<PlanState>();
    let checks = Memo::new(move |_| state.checks());
    view! {
        {move || {
            let checks = checks.get();
            if checks.is_empty() {
                return view! { <p class="checks ok">"Semua pemeriksaan terpenuhi."</p> }.into_any();
            }
            view! {
                <section class="checks" aria-labelledby="checks-title">
                    <h2 id="checks-title">{format!("Perlu diperiksa ({})", checks.len())}</h2>
                    <ul>
                        {checks
                            .iter()
                            .map(|check| {
                                let (href, place) = where_it_applies(state, check);
                                view! {
                                    <li>
                                        <a href=href>{place}</a>
                                        {format!(": {}", check.message())}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </section>
            }
            .into_any()
        }}
    }
}

fn where_it_applies(state: PlanState, check: &Check) -> (String, String) {
    if let Some(id) = check.activity() {
        let name = state
            .activity(id)
            .map(|a| a.with_untracked(|a| a.name.clone()))
            .unwrap_or_default();
        return (format!("#kegiatan-{id}"), name);
    }
    match check.indicator() {
        Some(at) => (
            format!("#indikator-{}-{}", at.goal, at.indicator),
            format!("Indikator {}.{}", at.goal, at.indicator),
        ),
        None => ("#".into(), String::new()),
    }
}
