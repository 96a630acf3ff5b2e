//! A goal with its indicators, each with its four quarters.

use super::QuarterFilter;
use crate::components::{money, text_or_dash};
use leptos::prelude::*;
use model::checks::IndicatorRef;
use model::figures::{against_target, cumulative_value, goal_totals, quarter_value};
use model::number::format_percent_or_dash;
use model::{Check, Goal, Indicator, IndicatorKind, Plan, Quarter};

#[component]
pub fn GoalSection(plan: Plan, goal: Goal, checks: Vec<Check>) -> impl IntoView {
    let totals = goal_totals(&plan, &goal);
    let goal_number = goal.number;
    view! {
        <article class="goal" id=format!("sasaran-{goal_number}")>
            <h3>"Sasaran " {goal_number} ". " {goal.title.clone()}</h3>
            <p class="goal-budget">
                "Pagu sasaran: Rp " <span class="money">{totals.budget.to_string()}</span>
                " \u{00b7} " {totals.activity_count} " kegiatan"
            </p>
            {goal
                .indicators
                .iter()
                .map(|indicator| {
                    let at = IndicatorRef { goal: goal_number, indicator: indicator.number };
                    let own: Vec<String> = checks
                        .iter()
                        .filter(|c| c.indicator() == Some(at))
                        .map(Check::message)
                        .collect();
                    view! { <IndicatorCard plan=plan.clone() at indicator=indicator.clone() warnings=own/> }
                })
                .collect_view()}
        </article>
    }
}

#[component]
fn IndicatorCard(
    plan: Plan,
    at: IndicatorRef,
    indicator: Indicator,
    warnings: Vec<String>,
) -> impl IntoView {
    let filter = expect_context::<QuarterFilter>();
    let year_to_date = cumulative_value(&indicator, Quarter::Q4);
    let activities: Vec<_> = indicator
        .activity_ids
        .iter()
        .filter_map(|id| plan.activity(*id).cloned())
        .collect();
    let rows = Quarter::ALL.map(|q| {
        let report = indicator.quarter(q).clone();
        let value = quarter_value(&indicator, q);
        let against = value.and_then(|v| against_target(&indicator, v));
        view! {
            <tr class:is-hidden=move || !filter.shows(q) data-quarter=q.label()>
                <th scope="row">{q.label()}</th>
                <td>{text_or_dash(&report.planned_work)}</td>
                <td class="num">{decimal_or_dash(report.numerator)}</td>
                <td class="num">{decimal_or_dash(report.denominator)}</td>
                <td class="num">{format_value(&indicator, value)}</td>
                <td class="num">{format_percent_or_dash(against)}</td>
                <td>{text_or_dash(&report.achievement)}</td>
                <td>{text_or_dash(&report.evidence)}</td>
                <td>{report.status.map(|s| s.label()).unwrap_or("-")}</td>
                <td>{text_or_dash(&report.note)}</td>
            </tr>
        }
    });
    view! {
        <section class="indicator" id=format!("indikator-{}-{}", at.goal, at.indicator)>
            <h4>{at.goal} "." {at.indicator} " " {indicator.name.clone()}</h4>
            <dl class="indicator-facts">
                <dt>"Target"</dt>
                <dd class="target">{indicator.target.to_string()}</dd>
                <dt>"Rumus"</dt>
                <dd class="formula">{text_or_dash(&indicator.formula)}</dd>
                <dt>"A"</dt>
                <dd>{text_or_dash(&indicator.numerator_label)}</dd>
                <dt>"B"</dt>
                <dd>{text_or_dash(&indicator.denominator_label)}</dd>
                <dt>"Capaian s.d. TW IV"</dt>
                <dd>{format_value(&indicator, year_to_date)}</dd>
                <dt>"Kegiatan"</dt>
                <dd>
                    {if activities.is_empty() {
                        "-".into_any()
                    } else {
                        view! {
                            <ul class="linked-activities">
                                {activities
                                    .into_iter()
                                    .map(|a| {
                                        view! {
                                            <li>
                                                <a href=format!("#kegiatan-{}", a.id)>{a.name}</a>
                                                " (pagu Rp " {money(Some(a.budget))} ")"
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }}
                </dd>
            </dl>
            {(!warnings.is_empty()).then(|| view! {
                <ul class="warnings">
                    {warnings.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}
                </ul>
            })}
            <div class="table-scroll">
                <table class="quarters">
                    <thead>
                        <tr>
                            <th scope="col">"TW"</th>
                            <th scope="col">"Rencana kegiatan"</th>
                            <th scope="col" class="num">"A"</th>
                            <th scope="col" class="num">"B"</th>
                            <th scope="col" class="num">"Capaian"</th>
                            <th scope="col" class="num">"Capaian thd target"</th>
                            <th scope="col">"Uraian capaian"</th>
                            <th scope="col">"Data dukung"</th>
                            <th scope="col">"Status"</th>
                            <th scope="col">"Keterangan"</th>
                        </tr>
                    </thead>
                    <tbody>{rows.collect_view()}</tbody>
                </table>
            </div>
        </section>
    }
}

fn decimal_or_dash(value: Option<rust_decimal::Decimal>) -> String {
    value
        .map(|v| model::number::format_decimal(v, 2))
        .unwrap_or_else(|| "-".to_owned())
}

/// A ratio reads as a percentage; a count as the number with its unit.
fn format_value(indicator: &Indicator, value: Option<rust_decimal::Decimal>) -> String {
    match (indicator.kind, value) {
        (IndicatorKind::Ratio, v) => format_percent_or_dash(v),
        (IndicatorKind::Count, Some(v)) => {
            format!(
                "{} {}",
                model::number::format_decimal(v, 2),
                indicator.target.unit
            )
        }
        (IndicatorKind::Count, None) => model::number::DASH.to_owned(),
    }
}
