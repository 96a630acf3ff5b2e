//! Tests of the whole importer: the real seed sheet, and small hand-written sheets.

mod drift;
mod errors;
mod grid;
mod seed;
mod seed_budget;

use super::{parse_sheet, ParsedSheet, SheetError};

/// Title, title with work unit and year, column header: data starts on line 4.
const PREAMBLE: &str = "**RENCANA KEGIATAN PK\nLAPAS UJI TAHUN 2024**\n\
                        SASARAN KEGIATAN\tINDIKATOR KINERJA\tTARGET KINERJA\tRUMUS PERHITUNGAN";
const SIGNATURE: &str = "Mengetahui,\nKepala Lapas Uji\n\nBudi Santoso\nNIP. 197009121993031001";

/// A sheet with `rows` as its data rows, the first on line 4, then the signature block.
fn sheet(rows: &[String]) -> String {
    format!("{PREAMBLE}\n{}\n{SIGNATURE}", rows.join("\n"))
}

fn parse(rows: &[String]) -> ParsedSheet {
    parse_sheet(&sheet(rows)).expect("the sheet should parse")
}

fn parse_error(rows: &[String]) -> SheetError {
    parse_sheet(&sheet(rows)).expect_err("the sheet should be refused")
}

/// Asserts that the sheet of `rows` is refused at `line` for `kind`.
#[track_caller]
fn assert_refused(rows: &[String], line: usize, kind: super::SheetErrorKind) {
    let error = parse_error(rows);
    assert_eq!((error.line, error.kind), (line, kind));
}

/// An indicator's first row, laid out like the seed's goal rows.
fn first_row(
    goal: &str,
    indicator: &str,
    activity: &str,
    pagu: &str,
    money: (&str, &str),
) -> String {
    let (rpd, realization) = money;
    format!(
        "{goal}\t{indicator}\t85%\tX = Jumlah dilayani / Jumlah seluruhnya x 100%\t{activity}\t\
         {pagu}\t{rpd}\t{realization}\tTW I\tRencana TW I\tTW I\tCapaian TW I\tLaporan\tBerjalan\t"
    )
}

/// A continuation row as the seed writes it: six empty cells, RPD, realization, the labels.
fn next_row(quarter: &str, rpd: &str, realization: &str) -> String {
    format!(
        "\t\t\t\t\t\t{rpd}\t{realization}\t{quarter}\tRencana {quarter}\t{quarter}\t\tLaporan\t\t"
    )
}

/// The four rows of an indicator; `rpd` per quarter, no realization after TW I.
fn indicator_rows(
    goal: &str,
    indicator: &str,
    activity: &str,
    pagu: &str,
    rpd: [&str; 4],
) -> Vec<String> {
    vec![
        first_row(goal, indicator, activity, pagu, (rpd[0], "-")),
        next_row("TW II", rpd[1], "-"),
        next_row("TW III", rpd[2], "-"),
        next_row("TW IV", rpd[3], "-"),
    ]
}
