//! A sheet as a grid of cells: the text export (lines split at tabs) and a workbook's sheet
//! (cells as the spreadsheet holds them, merged ranges filled from their top-left cell) both
//! become [`Row`]s for the same row reader.
//!
//! A cell inside a merged range other than its top-left is a copy, not the sheet's own text: it
//! reads as empty (a goal or an indicator continuing), and remembers its range, so a range that
//! swallowed the start of the next goal can be named. A quarter label at the start of a planned
//! work or achievement cell ("TW I\nRencana ...") becomes a cell of its own, as in the text.

use super::cells::{Place, Row};
use crate::number::format_exact;
use crate::quarter::Quarter;
use rust_decimal::Decimal;
use std::str::FromStr;

/// A cell's value as the spreadsheet holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CellValue {
    Empty,
    Text(String),
    /// A number typed as a number, as its shortest decimal text (`5160600000`, `0.85`): the
    /// reader of the workbook converts its float through that text, so no float reaches a figure.
    Number(String),
}

/// A range of merged cells, 1-based rows and 0-based columns, inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MergedRange {
    pub first_row: u32,
    pub first_column: u32,
    pub last_row: u32,
    pub last_column: u32,
}

impl MergedRange {
    fn contains(&self, row: u32, column: u32) -> bool {
        (self.first_row..=self.last_row).contains(&row)
            && (self.first_column..=self.last_column).contains(&column)
    }

    /// `A7:A22`, as the spreadsheet names it.
    pub fn name(&self) -> String {
        format!(
            "{}{}:{}{}",
            column_letters(self.first_column),
            self.first_row,
            column_letters(self.last_column),
            self.last_row
        )
    }
}

/// One row of a sheet: its 1-based row number and its cells from column A.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GridRow {
    pub number: u32,
    pub cells: Vec<CellValue>,
}

/// A worksheet as a reader of workbooks gives it: rows (possibly with gaps) and merged ranges.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Grid {
    pub rows: Vec<GridRow>,
    pub merged: Vec<MergedRange>,
}

/// `A`, `Z`, `AA` for 0-based column numbers.
pub fn column_letters(column: u32) -> String {
    let mut letters = Vec::new();
    let mut n = column + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// A grid cell's text after merges: the sheet's own text, or empty for a merged copy (then with
/// the name of its range).
pub(super) struct GridText {
    pub number: u32,
    pub cells: Vec<(u32, String, Option<String>)>,
}

/// Reads the grid into texts: numbers the Indonesian way (`5.160.600.000`), merged copies empty.
pub(super) fn grid_texts(grid: &Grid) -> Vec<GridText> {
    let merges = MergeIndex::new(grid);
    let mut rows: Vec<&GridRow> = grid.rows.iter().collect();
    rows.sort_by_key(|row| row.number);
    rows.into_iter()
        .map(|row| {
            let cells = row
                .cells
                .iter()
                .enumerate()
                .map(|(at, value)| {
                    let column = u32::try_from(at).unwrap_or(u32::MAX);
                    match merges.copy_of(row.number, column) {
                        Some(range) => (column, String::new(), Some(range.name())),
                        None => (column, cell_text(value), None),
                    }
                })
                .collect();
            GridText {
                number: row.number,
                cells,
            }
        })
        .collect()
}

/// The merged ranges by column, each column's sorted by first row, so finding a cell's range is
/// a binary search (a sheet of 1,000 indicators has thousands of ranges). Ranges do not overlap
/// in a workbook; where they would, one of them is taken.
struct MergeIndex<'a> {
    by_column: Vec<Vec<&'a MergedRange>>,
}

impl<'a> MergeIndex<'a> {
    fn new(grid: &'a Grid) -> MergeIndex<'a> {
        let width = grid.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        let mut by_column: Vec<Vec<&MergedRange>> = vec![Vec::new(); width];
        for range in &grid.merged {
            let first = usize::try_from(range.first_column).unwrap_or(usize::MAX);
            let last = usize::try_from(range.last_column).unwrap_or(usize::MAX);
            for column in by_column
                .iter_mut()
                .take(last.saturating_add(1))
                .skip(first)
            {
                column.push(range);
            }
        }
        for column in &mut by_column {
            column.sort_by_key(|range| range.first_row);
        }
        MergeIndex { by_column }
    }

    /// The range whose copy the cell is: inside it, not its top-left cell.
    fn copy_of(&self, row: u32, column: u32) -> Option<&'a MergedRange> {
        let ranges = self.by_column.get(usize::try_from(column).ok()?)?;
        let after = ranges.partition_point(|range| range.first_row <= row);
        let range = *ranges.get(after.checked_sub(1)?)?;
        let top_left = (range.first_row, range.first_column) == (row, column);
        (range.contains(row, column) && !top_left).then_some(range)
    }
}

/// A cell as the text reader reads it. A number too large for a decimal keeps its digits, so the
/// reader refuses it with its own message.
fn cell_text(value: &CellValue) -> String {
    match value {
        CellValue::Empty => String::new(),
        CellValue::Text(text) => text.trim().to_owned(),
        CellValue::Number(text) => {
            Decimal::from_str(text).map_or_else(|_| text.clone(), format_exact)
        }
    }
}

impl GridText {
    /// The row for the reader: a quarter label that opens a cell is split off into its own cell.
    pub fn row(&self) -> Row<'_> {
        let mut cells = Vec::with_capacity(self.cells.len() + 2);
        let mut places = Vec::with_capacity(self.cells.len() + 2);
        for (column, text, merged) in &self.cells {
            let place = Place {
                column: *column,
                merged: merged.as_deref(),
                header: "",
            };
            match split_label(text) {
                Some((label, rest)) => {
                    cells.extend([label, rest]);
                    places.extend([place, place]);
                }
                None => {
                    cells.push(text.as_str());
                    places.push(place);
                }
            }
        }
        Row {
            line: usize::try_from(self.number).unwrap_or(usize::MAX),
            cells,
            places,
        }
    }
}

/// `TW II\nPelaksanaan kontrak` (or `TW II Pelaksanaan kontrak` on one line) gives `TW II` and
/// the text; a bare label or other text gives `None`.
fn split_label(text: &str) -> Option<(&str, &str)> {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    let (label, rest) = text.split_at(first_line_end);
    if Quarter::parse_label(label).is_some() {
        let rest = rest.trim();
        return (!rest.is_empty()).then(|| (label.trim(), rest));
    }
    // On one line: `TW` and the numeral are the first two words.
    let mut words = text.split_whitespace();
    let (tw, numeral) = (words.next()?, words.next()?);
    let end = text.find(numeral)? + numeral.len();
    let (label, rest) = text.split_at(end);
    let rest = rest.trim();
    (tw.eq_ignore_ascii_case("TW") && Quarter::parse_label(label).is_some() && !rest.is_empty())
        .then(|| (label.trim(), rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_by_letters() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(5), "F");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27 * 26), "AAA");
    }

    #[test]
    fn numbers_read_the_indonesian_way_and_never_as_floats() {
        assert_eq!(
            cell_text(&CellValue::Number("5160600000".into())),
            "5.160.600.000"
        );
        assert_eq!(cell_text(&CellValue::Number("0.85".into())), "0,85");
        assert_eq!(cell_text(&CellValue::Number("1e400".into())), "1e400");
    }

    #[test]
    fn a_merged_copy_reads_empty_and_names_its_range() {
        let grid = Grid {
            rows: vec![
                GridRow {
                    number: 7,
                    cells: vec![CellValue::Text("1. Sasaran".into())],
                },
                GridRow {
                    number: 8,
                    cells: vec![CellValue::Text("1. Sasaran".into())],
                },
            ],
            merged: vec![MergedRange {
                first_row: 7,
                first_column: 0,
                last_row: 8,
                last_column: 0,
            }],
        };
        let texts = grid_texts(&grid);
        assert_eq!(texts[0].cells[0], (0, "1. Sasaran".into(), None));
        assert_eq!(texts[1].cells[0], (0, String::new(), Some("A7:A8".into())));
    }

    #[test]
    fn a_label_opening_a_cell_becomes_a_cell_of_its_own() {
        assert_eq!(
            split_label("TW II\nPelaksanaan"),
            Some(("TW II", "Pelaksanaan"))
        );
        assert_eq!(split_label("TW II"), None);
        assert_eq!(split_label("Pelaksanaan TW II"), None);
        assert_eq!(
            split_label("TW IV Laporan akhir"),
            Some(("TW IV", "Laporan akhir"))
        );
        assert_eq!(split_label("TW IVA"), None);
        let text = GridText {
            number: 9,
            cells: vec![
                (7, "-".into(), None),
                (8, "TW I\nRencana".into(), None),
                (9, "TW I".into(), None),
            ],
        };
        let row = text.row();
        assert_eq!(row.cells, vec!["-", "TW I", "Rencana", "TW I"]);
        assert_eq!(row.places[2].column, 8);
        assert_eq!(row.places[3].column, 9);
    }
}
