//! A goal with its indicators; each indicator with its definition and four quarter rows.

use super::indicator_form::IndicatorForm;
use super::quarter_row::QuarterRow;
use super::PlanState;
use crate::components::text_or_dash;
use leptos::prelude::*;
use model::checks::{indicator_checks, IndicatorRef};
use model::figures::cumulative_value;
use model::number::{format_decimal, format_percent_or_dash, DASH};
use model::{Check, Indicator, IndicatorKind, Quarter};
use rust_decimal::Decimal;

#[component]
pub fn GoalSection(goal: usize) -> impl IntoView {
    let state = expect_context::<PlanState>();
    let (number, title, indicators) = state.with(|p| {
        (
            p.goals[goal].number,
            p.goals[goal].title,
            p.goals[goal].indicators.clone(),
        )
    });
    let totals = Memo::new(move |_| state.goal_totals(goal));
    view! {
        <article class="goal" id=format!("sasaran-{number}")>
            <h3>{move || format!("Sasaran {number}. {}", title.get())}</h3>
            <p class="goal-budget">
                {move || totals.with(|t| format!("Pagu sasaran: Rp {} \u{00b7} {} kegiatan", t.budget, t.activity_count))}
            </p>
            {indicators
                .into_iter()
                .map(|indicator| view! { <IndicatorCard goal=number indicator/> })
                .collect_view()}
        </article>
    }
}

#[component]
fn IndicatorCard(goal: u32, indicator: RwSignal<Indicator>) -> impl IntoView {
    let state = expect_context::<PlanState>();
    let number = indicator.with_untracked(|i| i.number);
    let at = IndicatorRef {
        goal,
        indicator: number,
    };
    let warnings = move || indicator.with(|i| indicator_checks(at, i));
    let year_to_date =
        move || indicator.with(|i| format_value(i, cumulative_value(i, Quarter::Q4)));
    let activities = move || {
        indicator
            .with(|i| i.activity_ids.clone())
            .into_iter()
            .filter_map(|id| state.activity(id))
            .map(|a| {
                a.with(|a| {
                    view! {
                        <li>
                            <a href=format!("#kegiatan-{}", a.id)>{a.name.clone()}</a>
                            {format!(" (pagu Rp {})", a.budget)}
                        </li>
                    }
                })
            })
            .collect_view()
    };
    view! {
        <section class="indicator" id=format!("indikator-{goal}-{number}")>
            <h4>{move || indicator.with(|i| format!("{goal}.{number} {}", i.name))}</h4>
            <dl class="indicator-facts">
                <dt>"Target"</dt>
                <dd class="target">{move || indicator.with(|i| i.target.to_string())}</dd>
                <dt>"Rumus"</dt>
                <dd class="formula">{move || indicator.with(|i| text_or_dash(&i.formula))}</dd>
                <dt>"A"</dt>
                <dd>{move || indicator.with(|i| text_or_dash(&i.numerator_label))}</dd>
                <dt>"B"</dt>
                <dd>{move || indicator.with(|i| text_or_dash(&i.denominator_label))}</dd>
                <dt>"Capaian s.d. TW IV"</dt>
                <dd class="year-to-date">{year_to_date}</dd>
                <dt>"Kegiatan"</dt>
                <dd><ul class="linked-activities">{activities}</ul></dd>
            </dl>
            <IndicatorForm indicator/>
            <ul class="warnings">
                {move || warnings().iter().map(|w: &Check| view! { <li>{w.message()}</li> }).collect_view()}
            </ul>
            <div class="table-scroll">
                <table class="quarters">
                    <thead>
                        <tr>
                            <th scope="col">"TW"</th>
                            <th scope="col">"Rencana kegiatan"</th>
                            <th scope="col">"A"</th>
                            <th scope="col">"B"</th>
                            <th scope="col" class="num">"Capaian"</th>
                            <th scope="col" class="num">"Thd target"</th>
                            <th scope="col">"Uraian capaian"</th>
                            <th scope="col">"Data dukung"</th>
                            <th scope="col">"Status"</th>
                            <th scope="col">"Keterangan"</th>
                            <th scope="col">"Simpan"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {Quarter::ALL.map(|quarter| view! { <QuarterRow indicator quarter/> }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// A ratio reads as a percentage; a count as the number with its unit.
pub fn format_value(indicator: &Indicator, value: Option<Decimal>) -> String {
    match (indicator.kind, value) {
        (IndicatorKind::Ratio, v) => format_percent_or_dash(v),
        (IndicatorKind::Count, Some(v)) => {
            format!("{} {}", format_decimal(v, 2), indicator.target.unit)
        }
        (IndicatorKind::Count, None) => DASH.to_owned(),
    }
}
