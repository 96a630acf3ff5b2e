//! Budget absorption (penyerapan) per quarter, cumulative, against the year's targets: a bar
//! per quarter and a marker at its target.

use super::{legend, percent_ticks, px, table_row, x_labels, y_axis, Frame};
use crate::components::{col, num, Column, ScrollTable};
use leptos::prelude::*;
use model::dashboard::axis::percent_axis_top;
use model::dashboard::AbsorptionPoint;
use model::number::{format_percent, format_percent_or_dash, DASH};

const COLUMNS: &[Column] = &[
    col("Triwulan"),
    num("Penyerapan kumulatif"),
    num("Target"),
    col("Keterangan"),
];

#[component]
pub fn AbsorptionChart(caption: String, points: [AbsorptionPoint; 4]) -> impl IntoView {
    let frame = Frame::STANDARD;
    let axis_top = percent_axis_top(
        points
            .iter()
            .flat_map(|p| [p.absorption, Some(p.threshold)])
            .flatten(),
    );
    let labels = points
        .iter()
        .enumerate()
        .map(|(i, p)| (frame.slot(i, 4).0, p.quarter.label()))
        .collect();
    let marks = points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let (centre, slot) = frame.slot(i, 4);
            let quarter = p.quarter.label();
            let target = format_percent(p.threshold);
            let target_y = frame.y(p.threshold, axis_top);
            let bar = p.absorption.map(|value| {
                let width = slot * 0.5;
                let y = frame.y(value, axis_top);
                let percent = format_percent(value);
                view! {
                    <rect
                        class="bar absorption"
                        data-quarter=quarter
                        data-value=percent.clone()
                        data-threshold=target.clone()
                        data-standing=standing_code(p)
                        x=px(centre - width / 2.0)
                        y=px(y)
                        width=px(width)
                        height=px(frame.baseline() - y)
                    >
                        <title>{format!("Penyerapan s.d. {quarter}: {percent} (target {target})")}</title>
                    </rect>
                }
            });
            view! {
                <g class="bar-group">
                    {bar}
                    <g class="threshold" data-quarter=quarter data-value=target.clone()>
                        <line x1=px(centre - slot * 0.35) x2=px(centre + slot * 0.35) y1=px(target_y) y2=px(target_y)></line>
                        <text x=px(centre + slot * 0.37) y=px(target_y + 4.0)>{target.clone()}</text>
                        <title>{format!("Target {quarter}: {target}")}</title>
                    </g>
                </g>
            }
        })
        .collect_view();
    let summary = format!(
        "Penyerapan kumulatif per triwulan terhadap target: {}",
        points
            .iter()
            .map(|p| format!(
                "{} {} (target {})",
                p.quarter.label(),
                format_percent_or_dash(p.absorption),
                format_percent(p.threshold)
            ))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let rows = points
        .iter()
        .map(|p| {
            table_row(
                p.quarter.label(),
                view! {
                    <td class="num absorption">{format_percent_or_dash(p.absorption)}</td>
                    <td class="num threshold">{format_percent(p.threshold)}</td>
                    <td data-standing=standing_code(p)>{standing_label(p)}</td>
                },
            )
        })
        .collect_view();
    view! {
        <figure class="chart chart-absorption">
            <figcaption>{caption.clone()}</figcaption>
            <div class="chart-body">
                <div class="chart-drawing">
                    <svg class="chart-svg" viewBox=frame.view_box() role="img" aria-label=summary>
                        {y_axis(frame, axis_top, percent_ticks(axis_top), format_percent)}
                        {marks}
                        {x_labels(frame, labels)}
                    </svg>
                    {legend(&[
                        ("met", "Penyerapan memenuhi target"),
                        ("behind", "Penyerapan di bawah target"),
                        ("threshold", "Target"),
                    ])}
                </div>
                <ScrollTable class="chart-table" columns=COLUMNS region=caption.clone() caption>{rows}</ScrollTable>
            </div>
        </figure>
    }
}

fn standing_code(point: &AbsorptionPoint) -> &'static str {
    match point.below_threshold() {
        Some(false) => "met",
        Some(true) => "behind",
        None => "none",
    }
}

fn standing_label(point: &AbsorptionPoint) -> &'static str {
    match point.below_threshold() {
        Some(false) => "Tercapai",
        Some(true) => "Di bawah target",
        None => DASH,
    }
}
