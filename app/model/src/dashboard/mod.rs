//! The head of unit's dashboard (dasbor pimpinan): what needs attention, and the figures its
//! charts draw. Pure, like the rest of the model: the server renders it and the browser
//! recomputes it from the same plan.

pub mod attention;
pub mod axis;
pub mod calendar;
pub mod series;
pub mod standings;
pub mod thresholds;

pub use attention::{attention, missing_evidence, Attention};
pub use calendar::{due_quarters, started_through, CalendarMonth};
pub use series::{
    absorption_points, indicator_points, s_curve, year_to_date_against_target, AbsorptionPoint,
    IndicatorPoint, SCurvePoint,
};
pub use standings::{standing_counts, standing_counts_at, StandingCounts};
pub use thresholds::{AbsorptionThresholds, ThresholdError};
