//! `pantau set-deadline YEAR TW DATE`: the last day a quarter's report may be approved, per
//! fiscal year (`model::deadlines`). Past it, in each unit's own zone, an unapproved quarter is
//! "terlambat" on the roll-up.

use crate::storage::Store;
use model::deadlines::Day;
use model::Quarter;

/// Sets the deadline and says the year's four, or why it refused (the model's words).
pub async fn set_deadline(
    store: &Store,
    year: &str,
    quarter: &str,
    day: &str,
) -> Result<String, String> {
    let year = model::rollup::fiscal_year_from_query(year)?;
    let quarter = Quarter::from_query(quarter)?;
    let day = Day::parse(day)?;
    let deadlines = store
        .set_report_deadline(year, quarter, day)
        .await
        .map_err(|e| format!("cannot store the deadline: {e}"))??;
    let listed: Vec<String> = Quarter::ALL
        .into_iter()
        .map(|q| format!("{} {}", q.label(), deadlines.deadline(q).label()))
        .collect();
    Ok(format!("Batas laporan tahun {year}: {}", listed.join(", ")))
}
