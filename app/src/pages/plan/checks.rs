//! The checks that fail on this plan, each linked to where it applies.

use leptos::prelude::*;
use model::{Check, Plan};

#[component]
pub fn CheckList(plan: Plan, checks: Vec<Check>) -> impl IntoView {
    if checks.is_empty() {
        return view! { <p class="checks ok">"Semua pemeriksaan terpenuhi."</p> }.into_any();
    }
    view! {
        <section class="checks" aria-labelledby="checks-title">
            <h2 id="checks-title">"Perlu diperiksa (" {checks.len()} ")"</h2>
            <ul>
                {checks
                    .iter()
                    .map(|check| {
                        let (href, place) = where_it_applies(&plan, check);
                        view! {
                            <li>
                                <a href=href>{place}</a>
                                ": "
                                {check.message()}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

fn where_it_applies(plan: &Plan, check: &Check) -> (String, String) {
    if let Some(id) = check.activity() {
        let name = plan
            .activity(id)
            .map(|a| a.name.clone())
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
