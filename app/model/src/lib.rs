//! Pantau's domain model: a performance-agreement action plan (Rencana Aksi PK) and every figure
//! derived from it.
//!
//! Pure on purpose: plain types and functions, no I/O, no UI, no `cfg`. The server and the browser
//! (wasm) link this same code, so a percentage typed in the browser is computed exactly as the
//! server computes it.

pub mod access;
pub mod administer;
pub mod agenda;
pub mod approval;
pub mod audit;
pub mod checks;
mod codes;
pub mod dashboard;
pub mod deadlines;
pub mod document;
pub mod earlier_year;
pub mod edit;
pub mod evidence;
pub mod figures;
pub mod freeze;
pub mod ids;
pub mod login;
pub mod money;
pub mod number;
pub mod paging;
pub mod plan;
pub mod quarter;
pub mod rollup;
pub mod sheet;
pub mod sync;
pub mod synthetic;
pub mod text;
pub mod time;
pub mod workflow;
pub mod years;

pub use checks::{plan_checks, Check, IndicatorRef};
pub use ids::{ActivityId, GoalId, IndicatorId, PlanId, UnitId, UserId};
pub use money::Rupiah;
pub use plan::{
    Activity, ActivityQuarter, Aggregation, Goal, Indicator, IndicatorKind, Nip, Plan, PlanHeader,
    PlanSummary, Polarity, QuarterReport, Signatory, Status, Target,
};
pub use quarter::Quarter;

#[cfg(test)]
mod testkit;
