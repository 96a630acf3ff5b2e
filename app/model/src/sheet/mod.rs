//! Reads the action-plan sheet as staff export it (tab-separated text) into a [`Plan`].
//!
//! The export has a title, a column header row (SASARAN KEGIATAN, INDIKATOR KINERJA, ...), four
//! rows per indicator (TW I .. TW IV), and a signature block. Its columns drift by a cell from row
//! to row, so rows are read around their quarter labels, never by column number. A shared
//! activity is written out under every indicator it serves; the importer makes it one activity.
//!
//! Any error stops the import: nothing is half-imported.

mod activities;
mod build;
mod cells;
mod error;
mod formula;
mod header;
mod rows;
#[cfg(test)]
mod tests;

pub use error::{SheetError, SheetErrorKind, SheetWarning};

use crate::plan::{Plan, PlanHeader};
use build::TableBuilder;
use cells::Row;
use header::{read_title, read_trailer};
use serde::{Deserialize, Serialize};

/// A plan read from a sheet, and what the importer decided on its own.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParsedSheet {
    /// Not stored yet: plan, goal and indicator ids are `None`; activities are numbered 1..n in
    /// order of first appearance.
    pub plan: Plan,
    pub warnings: Vec<SheetWarning>,
}

/// Reads a whole sheet export. Blank lines anywhere are skipped.
pub fn parse_sheet(text: &str) -> Result<ParsedSheet, SheetError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rows: Vec<Row> = text
        .lines()
        .enumerate()
        .map(|(i, line)| Row::new(i + 1, line))
        .collect();
    let end_line = rows.len().max(1);

    let header_at = find_header(&rows)?;
    let header_line = rows[header_at].line;
    let title = read_title(&rows[..header_at], header_line)?;

    let mut table = TableBuilder::default();
    let mut at = header_at + 1;
    while let Some(row) = rows.get(at) {
        if !row.is_blank() {
            let Some((label_at, quarter)) = row.first_quarter_label() else {
                break;
            };
            table.push(row, label_at, quarter)?;
        }
        at += 1;
    }
    // The rows below the table first: a stray row that ended the table early is the better
    // message than the indicator it cut short.
    let mut trailer_warnings = Vec::new();
    let trailer = read_trailer(&rows[at..], end_line, &mut trailer_warnings)?;
    let table = table.finish(header_line)?;
    let mut warnings = table.warnings;
    warnings.append(&mut trailer_warnings);

    let header = PlanHeader {
        work_unit: title.work_unit,
        fiscal_year: title.fiscal_year,
        title: title.title,
        signatory: trailer.signatory,
        place_date: trailer.place_date,
    };
    let plan = Plan {
        id: None,
        header,
        goals: table.goals,
        activities: table.activities,
    };
    Ok(ParsedSheet { plan, warnings })
}

/// The column header row. A data row before it means the header is missing.
fn find_header(rows: &[Row]) -> Result<usize, SheetError> {
    for (at, row) in rows.iter().enumerate() {
        if row.is_header() {
            return Ok(at);
        }
        if row.first_quarter_label().is_some() {
            return Err(SheetError::new(row.line, SheetErrorKind::MissingHeader));
        }
    }
    Err(SheetError::new(1, SheetErrorKind::MissingHeader))
}
