//! The sheet reader (the importer of the tab-separated export): the real seed sheet bent in the
//! ways exports drift, sheets made of sheet-like cells, and arbitrary text and bytes.

use crate::harness::check;
use crate::strategies::number_like_text;
use model::checks::plan_checks;
use model::figures::{against_target, cumulative_value, plan_totals};
use model::sheet::{
    parse_grid, parse_sheet, CellValue, Grid, GridRow, MergedRange, ParsedSheet, SheetError,
};
use model::Quarter;
use proptest::prelude::*;

const SEED: &str = include_str!("../../../../seed/rencana-kegiatan-pk-2024-lapas-luwuk.txt");

/// Reads `text` as the importer does, then does what the importer does with a plan (its summary
/// figures and checks, and the plan as JSON): none of it may panic, and an error names a line
/// of the text.
fn import(text: &str) -> Result<(), TestCaseError> {
    let lines = text.lines().count().max(1);
    match parse_sheet(text) {
        Ok(parsed) => use_plan(&parsed),
        Err(SheetError { line, kind, cell }) => {
            prop_assert!(cell.is_none(), "a text error names a line, not a cell");
            prop_assert!(
                (1..=lines).contains(&line),
                "line {} of {}: {}",
                line,
                lines,
                kind
            );
            let _ = kind.to_string();
            Ok(())
        }
    }
}

fn use_plan(parsed: &ParsedSheet) -> Result<(), TestCaseError> {
    let plan = &parsed.plan;
    let totals = plan_totals(plan);
    let _ = (
        totals.budget.to_string(),
        totals.withdrawal_plan_total().to_string(),
    );
    for q in Quarter::ALL {
        let _ = totals.cumulative_absorption(q);
        let _ = totals.realization_against_plan(q);
    }
    for check in plan_checks(plan) {
        let _ = check.message();
    }
    for indicator in plan.indicators() {
        for q in Quarter::ALL {
            if let Some(value) = cumulative_value(indicator, q) {
                let _ = against_target(indicator, value);
            }
        }
    }
    for activity in &plan.activities {
        prop_assert!(
            !activity.budget.amount().is_sign_negative() || activity.budget.amount().is_zero()
        );
    }
    for warning in &parsed.warnings {
        let _ = warning.to_string();
    }
    prop_assert!(serde_json::to_string(plan).is_ok());
    Ok(())
}

/// A cell as exports hold them: labels, numbered goals and indicators, targets, amounts typed
/// right and wrong, `-`, notes about a blocked budget, long pastes, stray characters.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => number_like_text(),
        3 => prop::sample::select(vec![
            "", "", "", "-", "\u{2013}", "TW I", "TW II", "TW III", "TW IV", "tw  iv", "TW V",
            "1. Meningkatnya Pelayanan", "2. Persentase layanan", "3.Tersusunnya", "12) Jumlah",
            "85%", "12,5 %", "1 Dokumen", "90 persen", "1.000 Layanan", "5.160.600.000",
            "Kegiatan A", "kegiatan  a", "Kegiatan B", "Belum", "Berjalan", "Selesai",
            "Terdapat pagu blokir sebesar Rp. 464.229.000", "pagu blokir", "pagu blokir Rp 99.999.999.999.999.999.999.999.999",
            "SASARAN KEGIATAN", "INDIKATOR KINERJA", "Mengetahui,", "NIP. 197009121993031001",
            "NIP. 1970", "LAPAS UJI TAHUN 2024", "TAHUN 99999", "**", "X = A / B x 100%",
            "$X = \\frac{A}{B} \\times 100\\%$", "\u{feff}", "\r",
        ])
        .prop_map(str::to_owned),
        2 => "[ a-zA-Z0-9.,%()\u{e9}\u{2013}-]{0,30}",
        1 => any::<String>(),
        1 => ("[a-zA-Z ]{1,4}", 1_000..6_000_usize).prop_map(|(s, n)| s.repeat(n / s.len() + 1)),
    ]
}

/// What is done to the seed sheet: its columns drift, cells change, lines go missing or repeat.
#[derive(Clone, Debug)]
enum Bend {
    DropLeadingCell(prop::sample::Index),
    AddLeadingCell(prop::sample::Index),
    ReplaceCell(prop::sample::Index, prop::sample::Index, String),
    InsertCell(prop::sample::Index, prop::sample::Index, String),
    RemoveCell(prop::sample::Index, prop::sample::Index),
    RemoveLine(prop::sample::Index),
    RepeatLine(prop::sample::Index),
    SwapLines(prop::sample::Index, prop::sample::Index),
    InsertLine(prop::sample::Index, Vec<String>),
}

fn bend() -> impl Strategy<Value = Bend> {
    let at = any::<prop::sample::Index>;
    prop_oneof![
        2 => at().prop_map(Bend::DropLeadingCell),
        2 => at().prop_map(Bend::AddLeadingCell),
        4 => (at(), at(), cell()).prop_map(|(l, c, t)| Bend::ReplaceCell(l, c, t)),
        1 => (at(), at(), cell()).prop_map(|(l, c, t)| Bend::InsertCell(l, c, t)),
        1 => (at(), at()).prop_map(|(l, c)| Bend::RemoveCell(l, c)),
        1 => at().prop_map(Bend::RemoveLine),
        1 => at().prop_map(Bend::RepeatLine),
        1 => (at(), at()).prop_map(|(a, b)| Bend::SwapLines(a, b)),
        1 => (at(), prop::collection::vec(cell(), 0..16)).prop_map(|(l, cells)| Bend::InsertLine(l, cells)),
    ]
}

fn apply(lines: &mut Vec<String>, bend: &Bend) {
    if lines.is_empty() {
        lines.push(String::new());
    }
    let cells_of = |line: &str| line.split('\t').map(str::to_owned).collect::<Vec<_>>();
    match bend {
        Bend::DropLeadingCell(l) => {
            let at = l.index(lines.len());
            let line = &mut lines[at];
            if let Some(rest) = line.strip_prefix('\t') {
                *line = rest.to_owned();
            }
        }
        Bend::AddLeadingCell(l) => {
            let at = l.index(lines.len());
            lines[at].insert(0, '\t');
        }
        Bend::ReplaceCell(l, c, text) | Bend::InsertCell(l, c, text) => {
            let line = l.index(lines.len());
            let mut cells = cells_of(&lines[line]);
            if matches!(bend, Bend::ReplaceCell(..)) {
                let at = c.index(cells.len());
                cells[at] = text.clone();
            } else {
                cells.insert(c.index(cells.len() + 1), text.clone());
            }
            lines[line] = cells.join("\t");
        }
        Bend::RemoveCell(l, c) => {
            let line = l.index(lines.len());
            let mut cells = cells_of(&lines[line]);
            cells.remove(c.index(cells.len()));
            lines[line] = cells.join("\t");
        }
        Bend::RemoveLine(l) => {
            lines.remove(l.index(lines.len()));
        }
        Bend::RepeatLine(l) => {
            let at = l.index(lines.len());
            lines.insert(at, lines[at].clone());
        }
        Bend::SwapLines(a, b) => {
            let (a, b) = (a.index(lines.len()), b.index(lines.len()));
            lines.swap(a, b);
        }
        Bend::InsertLine(l, cells) => lines.insert(l.index(lines.len() + 1), cells.join("\t")),
    }
}

/// The seed, bent, written with `\n` or `\r\n`, and maybe with bytes that are not UTF-8 (read
/// the way a lenient reader would: each bad sequence becomes U+FFFD).
fn bent_seed() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(bend(), 0..10),
        any::<bool>(),
        prop::option::of((
            any::<prop::sample::Index>(),
            prop::collection::vec(any::<u8>(), 1..8),
        )),
    )
        .prop_map(|(bends, crlf, bytes)| {
            let mut lines: Vec<String> = SEED.lines().map(str::to_owned).collect();
            for b in &bends {
                apply(&mut lines, b);
            }
            let text = lines.join(if crlf { "\r\n" } else { "\n" });
            match bytes {
                None => text,
                Some((at, bytes)) => {
                    let mut raw = text.into_bytes();
                    let at = at.index(raw.len() + 1);
                    raw.splice(at..at, bytes);
                    String::from_utf8_lossy(&raw).into_owned()
                }
            }
        })
}

/// A sheet made of sheet-like lines: maybe a title and a column header, rows of cells with
/// quarter labels here and there, maybe a signature block.
fn made_up_sheet() -> impl Strategy<Value = String> {
    let title = prop::sample::select(vec![
        "",
        "**RENCANA KEGIATAN PK\nLAPAS UJI TAHUN 2024**\n",
        "LAPAS UJI TAHUN ANGGARAN 2025\n",
        "TAHUN 2024\n",
        "RENCANA\nUNIT TAHUN 20x4\n",
    ]);
    let header = prop::sample::select(vec![
        "",
        "SASARAN KEGIATAN\tINDIKATOR KINERJA\tTARGET KINERJA\tRUMUS PERHITUNGAN\n",
        "\tsasaran\t indikator \n",
    ]);
    let rows = prop::collection::vec(prop::collection::vec(cell(), 0..15), 0..10);
    let signature = prop::sample::select(vec![
        "",
        "Mengetahui,\nKepala Lapas Uji\n\nBudi Santoso\nNIP. 197009121993031001",
        "Luwuk, 2 Januari 2024\nMengetahui,\nNIP. 1",
        "Mengetahui,",
    ]);
    (title, header, rows, signature).prop_map(|(title, header, rows, signature)| {
        let rows: Vec<String> = rows.iter().map(|cells| cells.join("\t")).collect();
        format!("{title}{header}{}\n{signature}", rows.join("\n"))
    })
}

#[test]
fn the_seed_sheet_with_drifting_columns_and_changed_cells_reads_without_panicking() {
    check(
        "sheet: seed sheet bent (drift, cells, lines, bytes)",
        bent_seed(),
        |text| import(&text),
    );
}

#[test]
fn sheets_made_of_sheet_like_lines_read_without_panicking() {
    check("sheet: made-up sheet-like lines", made_up_sheet(), |text| {
        import(&text)
    });
}

#[test]
fn any_text_or_bytes_read_as_a_sheet_without_panicking() {
    let text = prop_oneof![
        any::<String>(),
        prop::collection::vec(any::<u8>(), 0..2_000)
            .prop_map(|bytes| String::from_utf8_lossy(&bytes).into_owned()),
        "[\t\n TWIV0-9.,%-]{0,400}",
    ];
    check("sheet: any text or bytes", text, |text| import(&text));
}

/// The bent seed as a workbook's sheet: each line a row, each cell text or (when it reads as
/// one) a number, and merged ranges anywhere, overlapping or past the sheet's edge.
fn bent_workbook() -> impl Strategy<Value = Grid> {
    let range = (1..140_u32, 0..16_u32, 0..12_u32, 0..4_u32);
    (
        bent_seed(),
        prop::collection::vec(range, 0..40),
        any::<bool>(),
    )
        .prop_map(|(text, ranges, numbers)| {
            let rows = text
                .lines()
                .zip(1..)
                .map(|(line, number)| GridRow {
                    number,
                    cells: line
                        .split('\t')
                        .map(|cell| match cell.replace('.', "").parse::<f64>() {
                            Ok(value) if numbers => CellValue::Number(value.to_string()),
                            _ if cell.is_empty() => CellValue::Empty,
                            _ => CellValue::Text(cell.to_owned()),
                        })
                        .collect(),
                })
                .collect();
            let merged = ranges
                .into_iter()
                .map(|(row, column, height, width)| MergedRange {
                    first_row: row,
                    first_column: column,
                    last_row: row + height,
                    last_column: column + width,
                })
                .collect();
            Grid { rows, merged }
        })
}

#[test]
fn the_seed_as_a_workbook_with_merged_ranges_anywhere_reads_without_panicking() {
    check("sheet: seed as a bent workbook", bent_workbook(), |grid| {
        let last = grid.rows.last().map_or(1, |row| row.number);
        match parse_grid(&grid) {
            Ok(parsed) => use_plan(&parsed),
            Err(error) => {
                let line = u32::try_from(error.line).unwrap_or(u32::MAX);
                prop_assert!((1..=last.max(1)).contains(&line), "{}", error);
                let _ = error.to_string();
                Ok(())
            }
        }
    });
}
