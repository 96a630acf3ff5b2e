//! Every indicator's achievement against its target, per quarter and for the year so far, by
//! goal. An indicator that has not met its target stands out (class `behind` and a sentence).

use crate::components::charts::{AchievementBars, Bar, CUMULATIVE};
use leptos::prelude::*;
use model::dashboard::{indicator_points, year_to_date_against_target};
use model::figures::{cumulative_value, format_value, Standing, StandingThresholds};
use model::number::format_percent;
use model::years::{EarlierFigure, EarlierYear};
use model::{Goal, Indicator, Plan, Quarter};

#[component]
pub fn IndicatorSection(
    plan: Plan,
    standing: StandingThresholds,
    earlier: Option<EarlierYear>,
) -> impl IntoView {
    let goals = plan
        .goals
        .into_iter()
        .map(|goal| view! { <GoalCharts goal standing earlier=earlier.clone()/> })
        .collect_view();
    view! {
        <section id="indikator" class="dashboard-indicators" aria-labelledby="indikator-title">
            <h2 id="indikator-title">"Capaian indikator terhadap target"</h2>
            {goals}
        </section>
    }
}

#[component]
fn GoalCharts(
    goal: Goal,
    standing: StandingThresholds,
    earlier: Option<EarlierYear>,
) -> impl IntoView {
    let number = goal.number;
    let indicators = goal
        .indicators
        .into_iter()
        .map(|indicator| {
            let then = earlier.as_ref().and_then(|e| {
                let figure = e
                    .figures
                    .iter()
                    .find(|f| Some(f.indicator) == indicator.id)?;
                Some(earlier_line(e.year, figure))
            });
            view! { <IndicatorChart goal=number indicator standing then/> }
        })
        .collect_view();
    view! {
        <div class="goal-charts" id=format!("dasbor-sasaran-{number}")>
            <h3>{format!("Sasaran {number}. {}", goal.title)}</h3>
            <div class="chart-grid">{indicators}</div>
        </div>
    }
}

#[component]
fn IndicatorChart(
    goal: u32,
    indicator: Indicator,
    standing: StandingThresholds,
    /// The same indicator in an earlier year, as a sentence.
    then: Option<String>,
) -> impl IntoView {
    let place = format!("{goal}.{}", indicator.number);
    let mut bars: Vec<Bar> = indicator_points(&indicator)
        .into_iter()
        .map(|point| Bar {
            label: point.quarter.label(),
            value_text: format_value(&indicator, point.value),
            against_target: point.against_target,
            standing: point.against_target.map(|a| standing.standing(a)),
        })
        .collect();
    let year_to_date = year_to_date_against_target(&indicator);
    let year_standing = year_to_date.map(|a| standing.standing(a));
    bars.push(Bar {
        label: CUMULATIVE,
        value_text: format_value(&indicator, cumulative_value(&indicator, Quarter::Q4)),
        against_target: year_to_date,
        standing: year_standing,
    });
    let behind = year_standing.is_some_and(|s| s != Standing::Met);
    let note = year_to_date.zip(year_standing).filter(|_| behind).map(|(value, s)| {
        view! {
            <p class="standing-note" data-standing=s.code()>
                {format!("Di bawah target: capaian kumulatif {} dari target ({})", format_percent(value), s.label())}
            </p>
        }
    });
    view! {
        <article
            class="indicator-chart"
            class:behind=behind
            id=format!("dasbor-indikator-{goal}-{}", indicator.number)
        >
            <h4>{format!("{place} {}", indicator.name)}</h4>
            <p class="muted">{format!("Target {}", indicator.target)}</p>
            {then.map(|line| view! { <p class="earlier-year muted">{line}</p> })}
            {note}
            <AchievementBars
                indicator=place.clone()
                caption=format!("Capaian indikator {place} terhadap target per triwulan")
                bars
            />
        </article>
    }
}

/// "Tahun 2024: capaian kumulatif 75% (93,75% dari target)".
fn earlier_line(year: i32, figure: &EarlierFigure) -> String {
    let against = figure
        .against_target
        .map(|a| format!(" ({} dari target)", format_percent(a)))
        .unwrap_or_default();
    format!(
        "Tahun {year}: capaian kumulatif {}{against}",
        figure.value_text
    )
}
