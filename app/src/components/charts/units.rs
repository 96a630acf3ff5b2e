//! The roll-up's charts, one horizontal bar per unit (a national roll-up has 34 Kanwil, a
//! Kanwil about 30 units): absorption against the quarter's target line, and how each unit's
//! indicators stand (met / close / behind / nothing entered) as shares of one bar. Drawn on the
//! server like the dashboard's, each with the same values in a table beside it.

use super::{legend, percent_ticks, px, to_f64, Frame};
use crate::components::{col, num, Column, ScrollTable};
use leptos::prelude::*;
use model::dashboard::axis::percent_axis_top;
use model::dashboard::StandingCounts;
use model::number::{format_percent, format_percent_or_dash};
use rust_decimal::Decimal;

/// One unit's bar: its name and its figures.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitBar {
    pub name: String,
    pub absorption: Option<Decimal>,
    pub standings: StandingCounts,
}

/// Height of one unit's row in the SVG's units: its name on a line of its own, the bar below.
/// Unit names are long and alike at the start ("LEMBAGA PEMASYARAKATAN KELAS IIB …"), so a
/// column of names beside the bars would cut each to the part they share.
const ROW: f64 = 38.0;
/// Where a row's bar starts below its name.
const BAR_TOP: f64 = 17.0;
/// The left margin (names and bars start there).
const NAMES: f64 = 6.0;

fn frame(units: usize) -> Frame {
    Frame {
        width: 520.0,
        height: 30.0 + ROW * units.max(1) as f64,
        left: NAMES,
        right: 40.0,
        top: 6.0,
        bottom: 24.0,
    }
}

/// A name short enough for the space left of the bars; the whole one is in the bar's title.
fn short(name: &str) -> String {
    const MAX: usize = 64;
    if name.chars().count() <= MAX {
        name.to_owned()
    } else {
        format!("{}\u{2026}", name.chars().take(MAX - 1).collect::<String>())
    }
}

/// The x of `value` on an axis from zero to `axis_top`, clamped to the plot.
fn x(frame: Frame, value: Decimal, axis_top: Decimal) -> f64 {
    let top = to_f64(axis_top);
    let share = if top > 0.0 {
        (to_f64(value) / top).clamp(0.0, 1.0)
    } else {
        0.0
    };
    frame.left + share * frame.plot_width()
}

fn row_y(frame: Frame, i: usize) -> f64 {
    frame.top + ROW * i as f64
}

fn name_label(frame: Frame, i: usize, name: &str) -> impl IntoView {
    view! {
        <text class="tick-label unit-name" x=px(frame.left) y=px(row_y(frame, i) + 13.0) text-anchor="start">
            {short(name)}
        </text>
    }
}

const ABSORPTION_COLUMNS: &[Column] = &[col("Unit"), num("Penyerapan"), num("Selisih dari target")];

#[component]
pub fn UnitAbsorptionChart(caption: String, units: Vec<UnitBar>, target: Decimal) -> impl IntoView {
    let frame = frame(units.len());
    let axis_top = percent_axis_top(units.iter().filter_map(|u| u.absorption).chain([target]));
    let ticks = percent_ticks(axis_top)
        .into_iter()
        .map(|tick| {
            let at = px(x(frame, tick, axis_top));
            view! {
                <g class="tick">
                    <line class="grid" x1=at.clone() x2=at.clone() y1=px(frame.top) y2=px(frame.baseline())></line>
                    <text class="tick-label" x=at y=px(frame.baseline() + 18.0) text-anchor="middle">{format_percent(tick)}</text>
                </g>
            }
        })
        .collect_view();
    let bars = units
        .iter()
        .enumerate()
        .map(|(i, unit)| {
            let bar = unit.absorption.map(|value| {
                let standing = if value < target { "behind" } else { "met" };
                let end = x(frame, value, axis_top);
                view! {
                    <rect
                        class="bar absorption"
                        data-unit=unit.name.clone()
                        data-value=format_percent(value)
                        data-standing=standing
                        x=px(frame.left)
                        y=px(row_y(frame, i) + BAR_TOP)
                        width=px(end - frame.left)
                        height=px(ROW - BAR_TOP - 5.0)
                    >
                        <title>{format!("{}: penyerapan {} (target {})", unit.name, format_percent(value), format_percent(target))}</title>
                    </rect>
                }
            });
            view! { <g class="unit-bar">{name_label(frame, i, &unit.name)}{bar}</g> }
        })
        .collect_view();
    let target_x = px(x(frame, target, axis_top));
    let rows = units
        .iter()
        .map(|unit| {
            let gap = unit.absorption.map(|a| a - target);
            view! {
                <tr data-unit=unit.name.clone()>
                    <th scope="row">{unit.name.clone()}</th>
                    <td class="num">{format_percent_or_dash(unit.absorption)}</td>
                    <td class="num">{format_percent_or_dash(gap)}</td>
                </tr>
            }
        })
        .collect_view();
    let summary = format!(
        "Penyerapan {} unit terhadap target {}",
        units.len(),
        format_percent(target)
    );
    view! {
        <figure class="chart chart-units chart-unit-absorption">
            <figcaption>{caption.clone()}</figcaption>
            <div class="chart-body">
                <div class="chart-drawing">
                    <svg class="chart-svg" viewBox=frame.view_box() role="img" aria-label=summary>
                        <g class="axis" aria-hidden="true">{ticks}</g>
                        {bars}
                        <g class="target-line" data-value=format_percent(target)>
                            <line x1=target_x.clone() x2=target_x y1=px(frame.top) y2=px(frame.baseline())></line>
                            <title>{format!("Target: {}", format_percent(target))}</title>
                        </g>
                    </svg>
                    {legend(&[
                        ("met", "Memenuhi target"),
                        ("behind", "Di bawah target"),
                        ("threshold", "Target"),
                    ])}
                </div>
                <ScrollTable class="chart-table" columns=ABSORPTION_COLUMNS region=caption.clone() caption>{rows}</ScrollTable>
            </div>
        </figure>
    }
}

const STANDING_COLUMNS: &[Column] = &[
    col("Unit"),
    num("Tercapai"),
    num("Mendekati"),
    num("Tertinggal"),
    num("Belum diisi"),
];

#[component]
pub fn UnitStandingChart(caption: String, units: Vec<UnitBar>) -> impl IntoView {
    let frame = frame(units.len());
    let bars = units
        .iter()
        .enumerate()
        .map(|(i, unit)| {
            let s = unit.standings;
            let total = Decimal::from(s.indicators());
            let mut from = Decimal::ZERO;
            let parts = [
                ("met", "tercapai", s.met),
                ("close", "mendekati", s.close),
                ("behind", "tertinggal", s.behind),
                ("none", "belum diisi", s.unreported),
            ]
            .into_iter()
            .filter(|(_, _, n)| *n > 0)
            .map(|(code, word, n)| {
                let start = x(frame, from, total);
                from += Decimal::from(n);
                let end = x(frame, from, total);
                view! {
                    <rect
                        class="bar"
                        data-standing=code
                        data-unit=unit.name.clone()
                        data-value=n
                        x=px(start)
                        y=px(row_y(frame, i) + BAR_TOP)
                        width=px(end - start)
                        height=px(ROW - BAR_TOP - 5.0)
                    >
                        <title>{format!("{}: {n} indikator {word}", unit.name)}</title>
                    </rect>
                }
            })
            .collect_view();
            view! { <g class="unit-bar">{name_label(frame, i, &unit.name)}{parts}</g> }
        })
        .collect_view();
    let rows = units
        .iter()
        .map(|unit| {
            let s = unit.standings;
            view! {
                <tr data-unit=unit.name.clone()>
                    <th scope="row">{unit.name.clone()}</th>
                    <td class="num">{s.met}</td>
                    <td class="num">{s.close}</td>
                    <td class="num">{s.behind}</td>
                    <td class="num">{s.unreported}</td>
                </tr>
            }
        })
        .collect_view();
    let summary = format!(
        "Sebaran capaian indikator {} unit: tercapai, mendekati, tertinggal, belum diisi",
        units.len()
    );
    view! {
        <figure class="chart chart-units chart-unit-standing">
            <figcaption>{caption.clone()}</figcaption>
            <div class="chart-body">
                <div class="chart-drawing">
                    <svg class="chart-svg" viewBox=frame.view_box() role="img" aria-label=summary>
                        {bars}
                        <line class="baseline" x1=px(frame.left) x2=px(frame.left) y1=px(frame.top) y2=px(frame.baseline())></line>
                    </svg>
                    {legend(&[
                        ("met", "Tercapai"),
                        ("close", "Mendekati"),
                        ("behind", "Tertinggal"),
                        ("none", "Belum diisi"),
                    ])}
                </div>
                <ScrollTable class="chart-table" columns=STANDING_COLUMNS region=caption.clone() caption>{rows}</ScrollTable>
            </div>
        </figure>
    }
}
