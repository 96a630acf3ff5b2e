//! Reads the action-plan sheet as staff keep it into a [`Plan`]: the text export (tab-separated)
//! or a workbook's sheet as a [`Grid`] of cells (merged ranges filled from their top-left cell),
//! through the same row reader.
//!
//! The sheet has a title, a column header row (SASARAN KEGIATAN, INDIKATOR KINERJA, ...), four
//! rows per indicator (TW I .. TW IV), and a signature block. Its columns drift by a cell from row
//! to row, so rows are read around their quarter labels, never by column number. A shared
//! activity is written out under every indicator it serves; the importer makes it one activity.
//!
//! Any error stops the import: nothing is half-imported.

mod activities;
mod blocks;
mod build;
mod cells;
mod error;
mod formula;
mod grid;
mod header;
mod report;
mod rows;
#[cfg(test)]
mod tests;

pub use error::{CellRef, SheetError, SheetErrorKind, SheetWarning};
pub use grid::{column_letters, CellValue, Grid, GridRow, MergedRange};

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
    read_rows(rows, end_line)
}

/// Reads a workbook's sheet. Errors name the cell ("Baris 14, kolom PAGU (F14): ...").
pub fn parse_grid(grid: &Grid) -> Result<ParsedSheet, SheetError> {
    let texts = grid::grid_texts(grid);
    let rows: Vec<Row> = texts.iter().map(grid::GridText::row).collect();
    let end_line = rows.last().map_or(1, |row| row.line);
    read_rows(rows, end_line)
}

/// Whether a workbook's sheet has the column header row: how a workbook's plan sheet is found.
pub fn grid_has_header(grid: &Grid) -> bool {
    let texts = grid::grid_texts(grid);
    texts.iter().any(|text| text.row().is_header())
}

fn read_rows(mut rows: Vec<Row>, end_line: usize) -> Result<ParsedSheet, SheetError> {
    let header_at = find_header(&rows)?;
    let header_line = rows[header_at].line;
    let title = read_title(&rows[..header_at], header_line)?;
    name_columns(&mut rows, header_at);

    let mut table = TableBuilder::default();
    let mut at = header_at + 1;
    while let Some(row) = rows.get(at) {
        if !row.is_blank() {
            let Some((label_at, quarter)) = row.first_quarter_label() else {
                table.check_unlabelled(row)?;
                break;
            };
            table.push(row, label_at, quarter)?;
        }
        at += 1;
    }
    // A totals row right under the table ("JUMLAH", the sums) is the sheet's own arithmetic.
    while rows.get(at).is_some_and(|row| row.is_blank()) {
        at += 1;
    }
    if rows.get(at).is_some_and(Row::is_totals) {
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

/// Gives every workbook cell below the header the header's text above it, for messages.
fn name_columns(rows: &mut [Row], header_at: usize) {
    let (above, below) = rows.split_at_mut(header_at + 1);
    let header = &above[header_at];
    let titles: Vec<(u32, &str)> = header
        .places
        .iter()
        .zip(&header.cells)
        .filter(|(_, text)| !text.is_empty())
        .map(|(place, text)| (place.column, *text))
        .collect();
    for row in below {
        for place in &mut row.places {
            if let Some((_, title)) = titles.iter().find(|(c, _)| *c == place.column) {
                place.header = title;
            }
        }
    }
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
