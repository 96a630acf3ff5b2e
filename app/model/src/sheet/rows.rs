//! One data row: an indicator's first row, or a continuation row (TW II .. TW IV).
//!
//! Every row is read around its quarter labels, which it carries twice: the first opens the
//! planned work (Rencana Kegiatan), the second the achievement (Capaian). Cells before the first
//! label are read from the label leftwards, so a row that lost a leading empty cell reads the same.

use super::cells::{numbered, target_shape, Numbered, Row};
use super::error::{excerpt, SheetError, SheetErrorKind};
use super::report::read_report;
use crate::money::Rupiah;
use crate::number::{parse_decimal, NumberError};
use crate::plan::{ActivityQuarter, IndicatorKind, QuarterReport, Target};
use crate::quarter::Quarter;

pub(super) enum DataRow {
    Start(StartRow),
    Continuation(ContinuationRow),
    NextActivity(NextActivityRow),
}

/// An indicator's first row: goal (when new), indicator, target, formula, activity, pagu, and
/// the first quarter.
pub(super) struct StartRow {
    pub goal: Option<Numbered>,
    /// An empty goal cell that is a copy of a merged range (a goal continuing): the cell's
    /// index and the range.
    pub goal_merged: Option<(usize, String)>,
    pub indicator: Numbered,
    pub target: Target,
    pub kind: IndicatorKind,
    pub formula: String,
    pub activity: Option<String>,
    pub budget: Option<Rupiah>,
    pub money: ActivityQuarter,
    pub quarter: Quarter,
    pub report: QuarterReport,
}

/// A later quarter of the indicator above.
pub(super) struct ContinuationRow {
    /// An amount written before RPD and realization: the pagu again (`-` reads as none).
    pub repeated_budget: Option<(Rupiah, String)>,
    pub money: ActivityQuarter,
    pub quarter: Quarter,
    pub report: QuarterReport,
    /// A row with three amounts, the last none: the other reading (RPD just before
    /// realization) and the warning that says it was taken. The builder takes it unless the
    /// pagu is repeated on the block's other rows too (then it is that layout, not a cell too
    /// many).
    pub shifted: Option<(ActivityQuarter, String)>,
}

/// A TW I row without a target right after an indicator's TW IV: the indicator's next activity,
/// written as its own block of four quarter rows.
pub(super) struct NextActivityRow {
    pub activity: Option<String>,
    pub budget: Option<Rupiah>,
    pub money: ActivityQuarter,
    pub report: QuarterReport,
}

/// Reads a row whose first quarter label is `quarter`, at cell `label_at`.
pub(super) fn read_data_row(
    row: &Row,
    label_at: usize,
    quarter: Quarter,
) -> Result<DataRow, SheetError> {
    let report = read_report(row, label_at, quarter)?;
    let before = &row.cells[..label_at];
    let target = before
        .iter()
        .enumerate()
        .find_map(|(i, c)| target_shape(c).map(|t| (i, t)));
    let first = before.iter().position(|c| !c.is_empty());
    let starts_numbered = first.is_some_and(|i| numbered(before[i]).is_some());
    match target {
        Some((at, (number, unit))) => {
            read_start(row, label_at, quarter, report, at, number, unit).map(DataRow::Start)
        }
        None if starts_numbered => {
            // It begins like an indicator, but no cell reads as a target: name the cell that
            // should have been one (after the indicator, or after goal and indicator).
            let first = first.unwrap_or_default();
            let skip = if numbered(row.cell(first + 1)).is_some() {
                2
            } else {
                1
            };
            let kind = SheetErrorKind::UnreadableTarget(excerpt(row.cell(first + skip)));
            Err(SheetError::at(row, first + skip, kind))
        }
        None if quarter == Quarter::Q1 => {
            read_next_activity(row, label_at, report).map(DataRow::NextActivity)
        }
        None => read_continuation(row, label_at, quarter, report).map(DataRow::Continuation),
    }
}

fn read_start(
    row: &Row,
    label_at: usize,
    quarter: Quarter,
    report: QuarterReport,
    target_at: usize,
    number: &str,
    unit: &str,
) -> Result<StartRow, SheetError> {
    let error = |kind| SheetError::new(row.line, kind);
    let target_text = row.cell(target_at);
    let value = parse_decimal(number).map_err(|source| {
        let kind = SheetErrorKind::TargetNumber {
            text: target_text.to_owned(),
            source,
        };
        SheetError::at(row, target_at, kind)
    })?;
    let kind = if unit == "%" {
        IndicatorKind::Ratio
    } else {
        IndicatorKind::Count
    };
    let target = Target {
        value,
        unit: unit.to_owned(),
    };

    let indicator_at = target_at.checked_sub(1);
    let indicator = match indicator_at.map(|i| (i, row.cell(i))) {
        Some((_, cell)) if !cell.is_empty() => Numbered::read(cell),
        Some((at, _)) => {
            let kind = match row.merged(at) {
                Some(range) => SheetErrorKind::MergedAcrossIndicators(range.to_owned()),
                None => SheetErrorKind::EmptyIndicator,
            };
            return Err(SheetError::at(row, at, kind));
        }
        None => return Err(error(SheetErrorKind::EmptyIndicator)),
    };
    let goal_at = target_at.checked_sub(2);
    let goal = goal_at
        .map(|i| row.cell(i))
        .filter(|c| !c.is_empty())
        .map(Numbered::read);
    let goal_merged = goal_at.and_then(|at| row.merged(at).map(|range| (at, range.to_owned())));
    let leftmost = goal_at.unwrap_or_default();
    if row.cells[..leftmost].iter().any(|c| !c.is_empty()) {
        return Err(error(SheetErrorKind::UnrecognizedRow(excerpt(&row.text()))));
    }

    // target, formula, activity cell(s), pagu, RPD, realization, label.
    if label_at < target_at + 5 {
        return Err(error(SheetErrorKind::MissingMoneyCells(quarter)));
    }
    let formula = row.cell(target_at + 1).to_owned();
    let budget_at = label_at - 3;
    let activity = activity_name(row, target_at + 2, budget_at)?;
    let budget = money_cell(row, budget_at, "pagu")?;
    let money = read_money(row, label_at, quarter)?;
    match (&activity, budget) {
        (Some(_), None) => {
            let text = row.cell(budget_at).to_owned();
            let kind = SheetErrorKind::Number {
                field: "pagu".into(),
                text,
                source: NumberError::Empty,
            };
            return Err(SheetError::at(row, budget_at, kind));
        }
        (None, Some(_)) => {
            let kind = SheetErrorKind::MoneyWithoutActivity {
                field: "pagu".into(),
            };
            return Err(SheetError::at(row, budget_at, kind));
        }
        _ => {}
    }
    if activity.is_none() {
        check_no_money(row, &money, quarter)?;
    }
    Ok(StartRow {
        goal,
        goal_merged,
        indicator,
        target,
        kind,
        formula,
        activity,
        budget,
        money,
        quarter,
        report,
    })
}

/// The one activity name between `from` and the pagu cell at `budget_at`, if any.
fn activity_name(row: &Row, from: usize, budget_at: usize) -> Result<Option<String>, SheetError> {
    let names: Vec<&str> = row
        .cells
        .get(from..budget_at)
        .unwrap_or_default()
        .iter()
        .copied()
        .filter(|c| !c.is_empty())
        .collect();
    match names.as_slice() {
        [] => Ok(None),
        [name] => Ok(Some((*name).to_owned())),
        [first, second, ..] => {
            let kind = SheetErrorKind::SplitActivityName(excerpt(first), excerpt(second));
            Err(SheetError::new(row.line, kind))
        }
    }
}

fn read_next_activity(
    row: &Row,
    label_at: usize,
    report: QuarterReport,
) -> Result<NextActivityRow, SheetError> {
    let Some(budget_at) = label_at.checked_sub(3) else {
        return Err(SheetError::new(
            row.line,
            SheetErrorKind::MissingMoneyCells(Quarter::Q1),
        ));
    };
    let activity = activity_name(row, 0, budget_at)?;
    let budget = money_cell(row, budget_at, "pagu")?;
    let money = read_money(row, label_at, Quarter::Q1)?;
    Ok(NextActivityRow {
        activity,
        budget,
        money,
        report,
    })
}

fn read_continuation(
    row: &Row,
    label_at: usize,
    quarter: Quarter,
    report: QuarterReport,
) -> Result<ContinuationRow, SheetError> {
    let money = read_money(row, label_at, quarter)?;
    let extras: Vec<(usize, &str)> = row.cells[..label_at.saturating_sub(2)]
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, c)| !c.is_empty())
        .collect();
    let mut shifted = None;
    let repeated_budget = match extras.as_slice() {
        [] => None,
        [(at, cell)] if looks_like_amount(cell) => {
            let amount = money_cell(row, *at, "pagu")?;
            shifted = shifted_reading(row, *at, label_at, amount, quarter);
            amount.map(|amount| (amount, (*cell).to_owned()))
        }
        _ => {
            return Err(SheetError::new(
                row.line,
                SheetErrorKind::UnrecognizedRow(excerpt(&row.text())),
            ))
        }
    };
    Ok(ContinuationRow {
        repeated_budget,
        money,
        quarter,
        report,
        shifted,
    })
}

/// A continuation row with three amounts before its label, the last of them none:
/// `45.760.000  -  -  TW II`. The other reading than the pagu repeated with no RPD: RPD just
/// before realization, as every other row puts it (RPD 45.760.000, realization none, and the
/// trailing `-` a cell too many).
fn shifted_reading(
    row: &Row,
    first_at: usize,
    label_at: usize,
    amount: Option<Rupiah>,
    quarter: Quarter,
) -> Option<(ActivityQuarter, String)> {
    let adjacent = first_at + 3 == label_at;
    let last_empty = Rupiah::parse_optional(row.cell(label_at - 1))
        .ok()?
        .is_none();
    let withdrawal_plan = amount?;
    if !adjacent || !last_empty {
        return None;
    }
    let realization = Rupiah::parse_optional(row.cell(label_at - 2)).ok()?;
    let cells = format!(
        "{}, {}, {}",
        row.cell(first_at),
        row.cell(label_at - 2),
        row.cell(label_at - 1)
    );
    let message = format!(
        "tiga angka sebelum {quarter} ({cells}), satu lebih banyak dari baris di sekitarnya: dibaca \
         sebagai rencana penarikan dana {quarter} Rp {withdrawal_plan} dan realisasi {}, dengan \
         \u{201c}{}\u{201d} terakhir sebagai sel lebih; bukan pagu yang diulang tanpa rencana \
         penarikan dana. Periksa rencana penarikan dana {quarter}.",
        realization.map_or_else(|| "-".to_owned(), |r| format!("Rp {r}")),
        row.cell(label_at - 1),
    );
    let money = ActivityQuarter {
        withdrawal_plan: Some(withdrawal_plan),
        realization,
    };
    Some((money, message))
}

/// RPD and realization: the two cells just before the first quarter label.
fn read_money(row: &Row, label_at: usize, quarter: Quarter) -> Result<ActivityQuarter, SheetError> {
    let cell_before = |n: usize| label_at.checked_sub(n);
    let withdrawal_plan = match cell_before(2) {
        Some(at) => money_cell(row, at, &format!("rencana penarikan dana {quarter}"))?,
        None => None,
    };
    let realization = match cell_before(1) {
        Some(at) => money_cell(row, at, &format!("realisasi anggaran {quarter}"))?,
        None => None,
    };
    Ok(ActivityQuarter {
        withdrawal_plan,
        realization,
    })
}

/// An indicator without an activity has no money: RPD and realization must be `-` or empty.
pub(super) fn check_no_money(
    row: &Row,
    money: &ActivityQuarter,
    quarter: Quarter,
) -> Result<(), SheetError> {
    let field = if money.withdrawal_plan.is_some() {
        format!("rencana penarikan dana {quarter}")
    } else if money.realization.is_some() {
        format!("realisasi anggaran {quarter}")
    } else {
        return Ok(());
    };
    Err(SheetError::new(
        row.line,
        SheetErrorKind::MoneyWithoutActivity { field },
    ))
}

/// An amount in whole rupiah, `-` or empty for none.
fn money_cell(row: &Row, at: usize, field: &str) -> Result<Option<Rupiah>, SheetError> {
    let text = row.cell(at);
    let amount = Rupiah::parse_optional(text).map_err(|source| {
        let kind = SheetErrorKind::Number {
            field: field.to_owned(),
            text: text.to_owned(),
            source,
        };
        SheetError::at(row, at, kind)
    })?;
    if amount.is_some_and(|a| !a.amount().fract().is_zero()) {
        let kind = SheetErrorKind::NotWholeRupiah {
            field: field.to_owned(),
            text: text.to_owned(),
        };
        return Err(SheetError::at(row, at, kind));
    }
    Ok(amount)
}

/// A cell that is meant as an amount (`45.760.000`, `-`, `Rp 1.000`), readable or not.
fn looks_like_amount(cell: &str) -> bool {
    let lower = cell.to_ascii_lowercase();
    cell.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '\u{2013}')
        || lower.starts_with("rp")
}
