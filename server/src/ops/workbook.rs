//! Reading a workbook (`.xlsx`) into the model's [`Grid`]: cells streamed by calamine (never
//! a dense range, which a sheet claiming a far corner would blow up), numbers through their
//! shortest decimal text, merged ranges as the workbook lists them. Which sheet: the first whose
//! column header row is found, else the first.

use calamine::{open_workbook_from_rs, DataRef, Reader, Xlsx};
use model::sheet::{grid_has_header, CellValue, Grid, GridRow, MergedRange};
use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use thiserror::Error;

/// A workbook starts with a zip archive's local file header.
pub const ZIP_MAGIC: &[u8; 4] = b"PK\x03\x04";

/// The widest sheet read: the plan has 13 columns; far more is not a plan sheet.
const MAX_COLUMNS: u32 = 100;
/// The most rows: a 1,000-indicator plan has about 4,000.
const MAX_ROWS: u32 = 100_000;
/// The most filled cells in all.
const MAX_CELLS: usize = 1_000_000;
/// The most a workbook may unpack to. A 1,000-indicator plan's workbook (336 kB) unpacks to
/// under 10 MB; a zip bomb of a few MB unpacks to gigabytes, which calamine would hold in
/// memory (shared strings are read whole).
pub const MAX_UNPACKED_BYTES: u64 = 64 * 1024 * 1024;
/// The most parts (files inside the zip) a workbook may have: a plan's has about a dozen.
const MAX_PARTS: usize = 1_000;

/// Why a workbook could not be read, in words for the person who sent it.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum WorkbookError {
    #[error("berkas ini bukan berkas Excel (.xlsx) yang dapat dibaca; simpan ulang sebagai Excel Workbook (.xlsx)")]
    Unreadable,
    #[error("berkas Excel ini tidak memiliki lembar kerja")]
    NoSheet,
    #[error(
        "berkas Excel ini terlalu besar setelah dibuka: isinya lebih dari {} MB atau lebih dari \
         {MAX_PARTS} bagian",
        MAX_UNPACKED_BYTES / (1024 * 1024)
    )]
    Unpacked,
    #[error(
        "lembar kerja \u{201c}{sheet}\u{201d} terlalu besar: paling banyak {MAX_ROWS} baris, {MAX_COLUMNS} kolom dan \
         {MAX_CELLS} sel terisi"
    )]
    TooLarge { sheet: String },
}

/// Whether `bytes` look like a workbook (a zip archive), whatever the file is called.
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(ZIP_MAGIC)
}

/// The plan's sheet of the workbook in `bytes`, as a grid.
pub fn read_workbook(bytes: &[u8]) -> Result<Grid, WorkbookError> {
    check_unpacked(bytes, MAX_UNPACKED_BYTES)?;
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).map_err(|error| {
        tracing::info!(%error, "an uploaded workbook does not read");
        WorkbookError::Unreadable
    })?;
    let names = workbook.sheet_names();
    let mut first = None;
    for name in &names {
        let grid = read_sheet(&mut workbook, name)?;
        if grid_has_header(&grid) {
            return Ok(grid);
        }
        first.get_or_insert(grid);
    }
    first.ok_or(WorkbookError::NoSheet)
}

/// Unpacks every part of the zip archive in `bytes` into nothing, counting, and refuses it
/// once more than `limit` bytes come out: what the parts really unpack to, not what their
/// headers claim. Memory stays at one buffer whatever the archive holds.
fn check_unpacked(bytes: &[u8], limit: u64) -> Result<(), WorkbookError> {
    let unreadable = |error: &dyn std::fmt::Display| {
        tracing::info!(%error, "an uploaded workbook does not unpack");
        WorkbookError::Unreadable
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    if archive.len() > MAX_PARTS {
        return Err(WorkbookError::Unpacked);
    }
    let mut total = 0_u64;
    for index in 0..archive.len() {
        let part = archive.by_index(index).map_err(|e| unreadable(&e))?;
        let left = limit - total;
        total += std::io::copy(&mut part.take(left + 1), &mut std::io::sink())
            .map_err(|e| unreadable(&e))?;
        if total > limit {
            return Err(WorkbookError::Unpacked);
        }
    }
    Ok(())
}

fn read_sheet(workbook: &mut Xlsx<Cursor<&[u8]>>, name: &str) -> Result<Grid, WorkbookError> {
    let too_large = || WorkbookError::TooLarge {
        sheet: name.to_owned(),
    };
    let unreadable = |error: calamine::XlsxError| {
        tracing::info!(%error, sheet = name, "a sheet of an uploaded workbook does not read");
        WorkbookError::Unreadable
    };
    let mut rows: BTreeMap<u32, Vec<CellValue>> = BTreeMap::new();
    let mut count = 0_usize;
    {
        let mut cells = workbook.worksheet_cells_reader(name).map_err(unreadable)?;
        while let Some(cell) = cells.next_cell().map_err(unreadable)? {
            let (row, column) = cell.get_position();
            let value = cell_value(cell.get_value());
            if value == CellValue::Empty {
                continue;
            }
            count += 1;
            if row >= MAX_ROWS || column >= MAX_COLUMNS || count > MAX_CELLS {
                return Err(too_large());
            }
            let cells = rows.entry(row + 1).or_default();
            let at = usize::try_from(column).map_err(|_| too_large())?;
            if cells.len() <= at {
                cells.resize(at + 1, CellValue::Empty);
            }
            cells[at] = value;
        }
    }
    let merged = workbook
        .merge_cells_by_sheet_name(name)
        .map_err(unreadable)?
        .into_iter()
        .map(|range| MergedRange {
            first_row: range.start.0.saturating_add(1),
            first_column: range.start.1,
            last_row: range.end.0.saturating_add(1),
            last_column: range.end.1,
        })
        .collect();
    Ok(Grid {
        rows: rows
            .into_iter()
            .map(|(number, cells)| GridRow { number, cells })
            .collect(),
        merged,
    })
}

/// A cell as the model reads it. A float goes through its shortest decimal text (`0.1` stays
/// `0.1`), so no binary fraction reaches an amount.
fn cell_value(data: &DataRef<'_>) -> CellValue {
    let text = |s: &str| {
        if s.trim().is_empty() {
            CellValue::Empty
        } else {
            CellValue::Text(s.to_owned())
        }
    };
    match data {
        DataRef::Empty => CellValue::Empty,
        DataRef::Int(n) => CellValue::Number(n.to_string()),
        DataRef::Float(f) if f.is_finite() => CellValue::Number(f.to_string()),
        DataRef::Float(f) => CellValue::Text(f.to_string()),
        DataRef::String(s) => text(s),
        DataRef::SharedString(s) => text(s),
        DataRef::Bool(b) => CellValue::Text(if *b { "TRUE" } else { "FALSE" }.to_owned()),
        DataRef::DateTime(date) => CellValue::Text(date.to_string()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => text(s),
        DataRef::Error(error) => CellValue::Text(error.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_become_their_shortest_decimal_text() {
        assert_eq!(
            cell_value(&DataRef::Float(5_160_600_000.0)),
            CellValue::Number("5160600000".into())
        );
        assert_eq!(
            cell_value(&DataRef::Float(0.1 + 0.2)),
            CellValue::Number("0.30000000000000004".into())
        );
        assert_eq!(cell_value(&DataRef::String("  ".into())), CellValue::Empty);
    }

    /// A zip whose one part is `size` bytes of one letter (a few kB packed).
    fn bomb(size: usize) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        zip.start_file(
            "xl/sharedStrings.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        let block = vec![b'a'; 64 * 1024];
        for _ in 0..size / block.len() {
            zip.write_all(&block).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn a_workbook_that_unpacks_past_the_limit_is_refused_before_it_is_read() {
        let packed = bomb(4 * 1024 * 1024);
        assert!(packed.len() < 64 * 1024, "{} bytes packed", packed.len());
        assert_eq!(
            check_unpacked(&packed, 1024 * 1024),
            Err(WorkbookError::Unpacked)
        );
        assert_eq!(check_unpacked(&packed, 4 * 1024 * 1024), Ok(()));
        assert!(WorkbookError::Unpacked
            .to_string()
            .contains("terlalu besar setelah dibuka: isinya lebih dari 64 MB"));
    }

    #[test]
    fn the_fixture_workbook_unpacks_well_within_the_limit() {
        let fixture = include_bytes!("../../tests/fixtures/xlsx/seed-lapas-luwuk-2024.xlsx");
        assert_eq!(check_unpacked(fixture, MAX_UNPACKED_BYTES / 16), Ok(()));
    }

    #[test]
    fn bytes_that_are_no_zip_are_not_a_workbook() {
        assert!(!is_workbook(b"SASARAN KEGIATAN\t"));
        assert_eq!(
            read_workbook(b"PK\x03\x04garbage"),
            Err(WorkbookError::Unreadable)
        );
    }
}
