//! Charts drawn as SVG on the server, so the dashboard reads without JavaScript: each one is a
//! `<figure>` with a caption, an `<svg role="img">` that scales to its container (`viewBox`,
//! no fixed width), a `<title>` on every mark for its value on hover, and a plain table with the
//! same values beside it for screen readers and for copying.
//!
//! Marks carry data attributes (`data-quarter`, `data-value`, ...) written exactly as the table
//! writes the value, for tests and for anyone scripting the page.

mod absorption;
mod bars;
mod scurve;
mod units;

pub use absorption::AbsorptionChart;
pub use bars::{AchievementBars, Bar, CUMULATIVE};
pub use scurve::SCurve;
pub use units::{UnitAbsorptionChart, UnitBar, UnitStandingChart};

use leptos::prelude::*;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// The drawing area in the SVG's own units. The svg is scaled to the width of its container, so
/// these only set proportions and the size of text relative to the chart.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Frame {
    pub width: f64,
    pub height: f64,
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
}

impl Frame {
    /// Narrow enough that the labels stay legible when a phone shrinks the chart.
    pub const STANDARD: Frame = Frame {
        width: 480.0,
        height: 240.0,
        left: 74.0,
        right: 30.0,
        top: 18.0,
        bottom: 30.0,
    };

    pub fn view_box(&self) -> String {
        format!("0 0 {} {}", self.width, self.height)
    }

    pub fn plot_width(&self) -> f64 {
        self.width - self.left - self.right
    }

    pub fn baseline(&self) -> f64 {
        self.height - self.bottom
    }

    pub fn right_edge(&self) -> f64 {
        self.width - self.right
    }

    /// The height of `value` on an axis from zero to `axis_top`; values outside are clamped to
    /// the plot so a mark never leaves the chart.
    pub fn y(&self, value: Decimal, axis_top: Decimal) -> f64 {
        let top = to_f64(axis_top);
        let share = if top > 0.0 {
            (to_f64(value) / top).clamp(0.0, 1.0)
        } else {
            0.0
        };
        self.baseline() - share * (self.baseline() - self.top)
    }

    /// The centre and width of slot `index` of `count` equal slots across the plot.
    pub fn slot(&self, index: usize, count: usize) -> (f64, f64) {
        let width = self.plot_width() / count.max(1) as f64;
        (self.left + width * (index as f64 + 0.5), width)
    }
}

pub(crate) fn to_f64(value: Decimal) -> f64 {
    value.to_f64().unwrap_or(0.0)
}

/// A coordinate as written into the SVG: one decimal is finer than any screen shows.
pub(crate) fn px(value: f64) -> String {
    format!("{value:.1}")
}

/// Horizontal grid lines with their labels on the left.
pub(crate) fn y_axis(
    frame: Frame,
    axis_top: Decimal,
    ticks: Vec<Decimal>,
    label: impl Fn(Decimal) -> String,
) -> impl IntoView {
    let lines = ticks
        .into_iter()
        .map(|tick| {
            let y = px(frame.y(tick, axis_top));
            view! {
                <g class="tick">
                    <line class="grid" x1=px(frame.left) x2=px(frame.right_edge()) y1=y.clone() y2=y.clone()></line>
                    <text class="tick-label" x=px(frame.left - 6.0) y=px(frame.y(tick, axis_top) + 4.0) text-anchor="end">{label(tick)}</text>
                </g>
            }
        })
        .collect_view();
    view! { <g class="axis axis-y" aria-hidden="true">{lines}</g> }
}

/// Labels under the plot at the given x positions.
pub(crate) fn x_labels(frame: Frame, labels: Vec<(f64, &'static str)>) -> impl IntoView {
    let texts = labels
        .into_iter()
        .map(|(x, label)| {
            view! {
                <text class="tick-label" x=px(x) y=px(frame.baseline() + 18.0) text-anchor="middle">{label}</text>
            }
        })
        .collect_view();
    view! {
        <g class="axis axis-x" aria-hidden="true">
            <line class="baseline" x1=px(frame.left) x2=px(frame.right_edge()) y1=px(frame.baseline()) y2=px(frame.baseline())></line>
            {texts}
        </g>
    }
}

/// The key under a drawing: a swatch (styled by its class) and what it stands for. Hidden from
/// screen readers, which read the table instead.
pub(crate) fn legend(items: &[(&'static str, &'static str)]) -> impl IntoView {
    let items = items
        .iter()
        .map(|(class, label)| view! { <li class=*class>{*label}</li> })
        .collect_view();
    view! { <ul class="chart-legend" aria-hidden="true">{items}</ul> }
}

/// A row of a chart's table: the quarter (or `Kumulatif`) heads it and names it for scripts.
pub(crate) fn table_row(label: &'static str, cells: impl IntoView) -> impl IntoView {
    view! {
        <tr data-quarter=label>
            <th scope="row">{label}</th>
            {cells}
        </tr>
    }
}

/// Ticks every 25 % up to 150 %, coarser above, so the axis never crowds.
pub(crate) fn percent_ticks(axis_top: Decimal) -> Vec<Decimal> {
    let step = if axis_top <= Decimal::from(150) {
        Decimal::from(25)
    } else if axis_top <= Decimal::from(300) {
        Decimal::from(50)
    } else {
        Decimal::ONE_HUNDRED
    };
    let mut ticks = Vec::new();
    let mut tick = Decimal::ZERO;
    while tick <= axis_top {
        ticks.push(tick);
        tick += step;
    }
    ticks
}
