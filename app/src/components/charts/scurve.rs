//! A budget's S-curve: cumulative RPD (the plan) against cumulative realization, per quarter,
//! with the pagu as the line the RPD should end on.

use super::{legend, px, table_row, x_labels, y_axis, Frame};
use crate::components::{col, num, Column, ScrollTable};
use leptos::prelude::*;
use model::dashboard::axis::{amount_axis_top, short_rupiah, ticks};
use model::dashboard::SCurvePoint;
use model::money::format_money_or_dash;
use model::Rupiah;
use rust_decimal::Decimal;

const COLUMNS: &[Column] = &[
    col("Triwulan"),
    num("RPD"),
    num("RPD kumulatif"),
    num("Realisasi"),
    num("Realisasi kumulatif"),
];

#[component]
pub fn SCurve(
    /// What the curve is of, as the figure's `data-scope`: `plan`, or `kegiatan-{id}`.
    scope: String,
    caption: String,
    points: [SCurvePoint; 4],
    /// The pagu.
    budget: Rupiah,
) -> impl IntoView {
    let frame = Frame::STANDARD;
    let highest = points
        .iter()
        .flat_map(|p| [Some(p.planned_cumulative), p.realized_cumulative])
        .flatten()
        .chain([budget])
        .max()
        .unwrap_or_default();
    let axis_top = amount_axis_top(highest.amount());
    // The curve starts at zero on the left edge; TW IV ends on the right edge.
    let x = |i: usize| frame.left + frame.plot_width() * (i as f64 + 1.0) / 4.0;
    let y = |amount: Rupiah| frame.y(amount.amount(), axis_top);
    let origin = (frame.left, frame.baseline());
    let planned: Vec<(usize, Rupiah)> = points
        .iter()
        .enumerate()
        .map(|(i, p)| (i, p.planned_cumulative))
        .collect();
    let realized: Vec<(usize, Rupiah)> = points
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.realized_cumulative.map(|r| (i, r)))
        .collect();
    let line = |series: &[(usize, Rupiah)]| {
        std::iter::once(origin)
            .chain(series.iter().map(|&(i, amount)| (x(i), y(amount))))
            .map(|(x, y)| format!("{},{}", px(x), px(y)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let dots = |series: &[(usize, Rupiah)], class: &'static str, name: &'static str| {
        series
            .iter()
            .map(|&(i, amount)| {
                let quarter = points[i].quarter.label();
                view! {
                    <circle class=format!("point {class}") data-series=class data-quarter=quarter data-value=amount.to_string() cx=px(x(i)) cy=px(y(amount)) r="4">
                        <title>{format!("{name} s.d. {quarter}: Rp {amount}")}</title>
                    </circle>
                }
            })
            .collect_view()
    };
    let budget_y = px(y(budget));
    let labels = (0..4).map(|i| (x(i), points[i].quarter.label())).collect();
    let summary = format!(
        "{caption}: RPD kumulatif s.d. TW IV Rp {}, realisasi kumulatif terakhir Rp {}, pagu Rp {budget}",
        points[3].planned_cumulative,
        format_money_or_dash(realized.last().map(|r| r.1)),
    );
    let rows = points
        .iter()
        .map(|p| {
            table_row(p.quarter.label(), view! {
                <td class="num rpd">{p.planned.to_string()}</td>
                <td class="num rpd-cumulative">{p.planned_cumulative.to_string()}</td>
                <td class="num realization">{format_money_or_dash(p.realized)}</td>
                <td class="num realization-cumulative">{format_money_or_dash(p.realized_cumulative)}</td>
            })
        })
        .collect_view();
    view! {
        <figure class="chart chart-scurve" data-scope=scope>
            <figcaption>{caption.clone()}</figcaption>
            <div class="chart-body">
                <div class="chart-drawing">
                    <svg class="chart-svg" viewBox=frame.view_box() role="img" aria-label=summary>
                        {y_axis(frame, axis_top, ticks(axis_top, 4), |t: Decimal| short_rupiah(t))}
                        <g class="budget-line">
                            <line x1=px(frame.left) x2=px(frame.right_edge()) y1=budget_y.clone() y2=budget_y.clone()>
                                <title>{format!("Pagu: Rp {budget}")}</title>
                            </line>
                        </g>
                        <polyline class="line rpd" points=line(&planned)></polyline>
                        <polyline class="line realization" points=line(&realized)></polyline>
                        <g class="points">
                            {dots(&planned, "rpd", "RPD kumulatif")}
                            {dots(&realized, "realization", "Realisasi kumulatif")}
                        </g>
                        {x_labels(frame, labels)}
                    </svg>
                    {legend(&[
                        ("rpd", "RPD kumulatif"),
                        ("realization", "Realisasi kumulatif"),
                        ("budget", "Pagu"),
                    ])}
                </div>
                <ScrollTable class="chart-table" columns=COLUMNS region=format!("Tabel {caption}") caption=format!("{caption} (Rp)")>{rows}</ScrollTable>
            </div>
        </figure>
    }
}
