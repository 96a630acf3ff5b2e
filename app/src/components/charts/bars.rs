//! An indicator's achievement against target: one bar per quarter and one for the year so far
//! ("Kumulatif"), against a 100 % target line, coloured by standing.

use super::{percent_ticks, px, table_row, x_labels, y_axis, Frame};
use crate::components::{col, num, Column, Table};
use leptos::prelude::*;
use model::dashboard::axis::percent_axis_top;
use model::figures::Standing;
use model::number::{format_percent, format_percent_or_dash, DASH};
use rust_decimal::Decimal;

/// One bar: a quarter (`TW I` .. `TW IV`) or the year so far (`Kumulatif`).
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: &'static str,
    /// The indicator's own value as the plan writes it: `90%`, `1 Dokumen`, `–`.
    pub value_text: String,
    /// Achievement against target, in percent; the bar's height.
    pub against_target: Option<Decimal>,
    pub standing: Option<Standing>,
}

impl Bar {
    fn percent(&self) -> String {
        format_percent_or_dash(self.against_target)
    }

    fn standing_code(&self) -> &'static str {
        self.standing.map(Standing::code).unwrap_or("none")
    }
}

/// The label (and `data-quarter`) of the year-so-far bar.
pub const CUMULATIVE: &str = "Kumulatif";

const COLUMNS: &[Column] = &[
    col("Triwulan"),
    num("Capaian"),
    num("Terhadap target"),
    col("Status"),
];

#[component]
pub fn AchievementBars(
    /// The indicator's place, `1.1`: the figure's and every mark's `data-indicator`.
    indicator: String,
    caption: String,
    bars: Vec<Bar>,
) -> impl IntoView {
    let frame = Frame::STANDARD;
    let axis_top = percent_axis_top(bars.iter().filter_map(|b| b.against_target));
    let target_y = px(frame.y(Decimal::ONE_HUNDRED, axis_top));
    let count = bars.len();
    let labels = bars
        .iter()
        .enumerate()
        .map(|(i, bar)| (frame.slot(i, count).0, bar.label))
        .collect();
    let marks = bars
        .iter()
        .enumerate()
        .map(|(i, bar)| mark(frame, axis_top, &indicator, bar, frame.slot(i, count)))
        .collect_view();
    let summary = format!(
        "Capaian terhadap target indikator {indicator} per triwulan dan kumulatif: {}",
        bars.iter()
            .map(|b| format!("{} {}", b.label, b.percent()))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let rows = bars
        .iter()
        .map(|bar| {
            table_row(bar.label, view! {
                <td class="num">{bar.value_text.clone()}</td>
                <td class="num against-target" data-standing=bar.standing_code()>{bar.percent()}</td>
                <td>{bar.standing.map(Standing::label).unwrap_or(DASH)}</td>
            })
        })
        .collect_view();
    view! {
        <figure class="chart chart-bars" data-indicator=indicator.clone()>
            <figcaption>{caption.clone()}</figcaption>
            <div class="chart-body">
                <svg class="chart-svg" viewBox=frame.view_box() role="img" aria-label=summary>
                    {y_axis(frame, axis_top, percent_ticks(axis_top), format_percent)}
                    {marks}
                    <g class="target-line">
                        <line x1=px(frame.left) x2=px(frame.right_edge()) y1=target_y.clone() y2=target_y.clone()>
                            <title>"Target 100%"</title>
                        </line>
                    </g>
                    {x_labels(frame, labels)}
                </svg>
                // Hidden by its wrapper: a table cannot be narrower than its content, so it would
                // widen the page on a phone even when clipped.
                <div class="visually-hidden">
                    <Table class="chart-table" columns=COLUMNS caption>{rows}</Table>
                </div>
            </div>
        </figure>
    }
}

fn mark(
    frame: Frame,
    axis_top: Decimal,
    indicator: &str,
    bar: &Bar,
    (centre, slot): (f64, f64),
) -> impl IntoView {
    let class = if bar.label == CUMULATIVE {
        "bar cumulative"
    } else {
        "bar"
    };
    let Some(value) = bar.against_target else {
        // No figure: say so in the slot rather than draw a zero-height bar that reads as 0 %.
        return view! {
            <g class="no-data">
                <text x=px(centre) y=px(frame.baseline() - 6.0) text-anchor="middle">
                    {DASH}
                    <title>{format!("{}: belum ada data", bar.label)}</title>
                </text>
            </g>
        }
        .into_any();
    };
    let width = slot * 0.6;
    let y = frame.y(value, axis_top);
    let percent = format_percent(value);
    let hover = format!(
        "{}: {percent} dari target (capaian {}, {})",
        bar.label,
        bar.value_text,
        bar.standing.map(Standing::label).unwrap_or(DASH)
    );
    view! {
        <g class="bar-group">
            <rect
                class=class
                data-indicator=indicator.to_owned()
                data-quarter=bar.label
                data-value=percent.clone()
                data-standing=bar.standing_code()
                x=px(centre - width / 2.0)
                y=px(y)
                width=px(width)
                height=px(frame.baseline() - y)
            >
                <title>{hover}</title>
            </rect>
            <text class="bar-value" x=px(centre) y=px(y - 4.0) text-anchor="middle">{percent}</text>
        </g>
    }
    .into_any()
}
