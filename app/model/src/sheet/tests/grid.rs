//! A workbook's sheet as a grid: merged ranges, numbers as numbers, labels inside cells, the
//! multi-activity blocks and cell-named errors.

use super::super::{parse_grid, parse_sheet, CellValue, Grid, GridRow, MergedRange};
use super::{indicator_rows, sheet};
use crate::document::HEADINGS;
use crate::money::Rupiah;
use crate::quarter::Quarter;

fn rp(text: &str) -> Rupiah {
    Rupiah::parse(text).expect("amount")
}

fn text(value: &str) -> CellValue {
    if value.is_empty() {
        CellValue::Empty
    } else {
        CellValue::Text(value.to_owned())
    }
}

fn number(value: &str) -> CellValue {
    CellValue::Number(value.to_owned())
}

fn merged(range: (u32, u32, u32, u32)) -> MergedRange {
    MergedRange {
        first_row: range.0,
        first_column: range.1,
        last_row: range.2,
        last_column: range.3,
    }
}

/// Title rows 1-2, header row 4, `data` from row 5, then the signature block in column K.
fn workbook(data: Vec<Vec<CellValue>>, merges: Vec<MergedRange>) -> Grid {
    let mut rows = vec![
        GridRow {
            number: 1,
            cells: vec![text("RENCANA KEGIATAN PK")],
        },
        GridRow {
            number: 2,
            cells: vec![text("LAPAS UJI TAHUN 2025")],
        },
        GridRow {
            number: 4,
            cells: HEADINGS.iter().map(|h| text(h)).collect(),
        },
    ];
    let last = 4 + u32::try_from(data.len()).expect("few rows");
    rows.extend(
        data.into_iter()
            .zip(5..)
            .map(|(cells, number)| GridRow { number, cells }),
    );
    let signature = [
        "Mengetahui,",
        "Kepala Lapas Uji",
        "",
        "Budi",
        "NIP. 197009121993031001",
    ];
    for (i, line) in signature.iter().enumerate() {
        let mut cells = vec![CellValue::Empty; 10];
        cells.push(text(line));
        let number = last + 2 + u32::try_from(i).expect("few rows");
        rows.push(GridRow { number, cells });
    }
    Grid {
        rows,
        merged: merges,
    }
}

/// One quarter row as a unit keeps it: goal, indicator, target, formula, activity, pagu filled
/// on TW I only (merged below), amounts as numbers.
fn quarter_row(quarter: &str, first: Option<[&str; 5]>, money: [CellValue; 3]) -> Vec<CellValue> {
    let [pagu, rpd, realization] = money;
    let mut cells: Vec<CellValue> = match first {
        Some(cells) => cells.iter().map(|c| text(c)).collect(),
        None => vec![text("1. copy"); 5],
    };
    cells.extend([pagu, rpd, realization]);
    cells.push(text(&format!("{quarter}\nRencana {quarter}")));
    cells.push(text(quarter));
    cells.extend([text("Laporan"), text(""), text("")]);
    cells
}

fn goal_block(
    start_row: u32,
    goal: &str,
    indicator: &str,
    activity: &str,
) -> (Vec<Vec<CellValue>>, Vec<MergedRange>) {
    let rows = vec![
        quarter_row(
            "TW I",
            Some([goal, indicator, "85%", "X = A / B x 100%", activity]),
            [number("10000000"), number("4000000"), text("-")],
        ),
        quarter_row(
            "TW II",
            None,
            [number("10000000"), number("3000000"), text("-")],
        ),
        quarter_row(
            "TW III",
            None,
            [number("10000000"), number("2000000"), text("-")],
        ),
        quarter_row(
            "TW IV",
            None,
            [number("10000000"), number("1000000"), text("-")],
        ),
    ];
    let merges = (0..6)
        .map(|column| merged((start_row, column, start_row + 3, column)))
        .collect();
    (rows, merges)
}

#[test]
fn merged_goal_indicator_and_pagu_cells_are_one_indicator_with_numbers_read_exactly() {
    let (rows, merges) = goal_block(5, "1. Sasaran", "1. Indikator", "Kegiatan A");
    let parsed = parse_grid(&workbook(rows, merges)).expect("readable");
    let plan = &parsed.plan;
    assert_eq!(
        (plan.header.work_unit.as_str(), plan.header.fiscal_year),
        ("LAPAS UJI", 2025)
    );
    assert_eq!(plan.goals.len(), 1);
    assert_eq!(plan.goals[0].indicators.len(), 1);
    let indicator = &plan.goals[0].indicators[0];
    assert_eq!(indicator.quarter(Quarter::Q2).planned_work, "Rencana TW II");
    let activity = &plan.activities[0];
    assert_eq!(activity.budget, rp("10.000.000"));
    let rpd: Vec<_> = activity
        .quarters
        .iter()
        .map(|q| q.withdrawal_plan)
        .collect();
    let expected = ["4.000.000", "3.000.000", "2.000.000", "1.000.000"];
    assert_eq!(rpd, expected.map(|t| Some(rp(t))).to_vec());
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    assert_eq!(
        plan.header.signatory.as_ref().map(|s| s.name.as_str()),
        Some("Budi")
    );
}

#[test]
fn a_letter_in_a_pagu_names_its_cell_and_column() {
    let (mut rows, merges) = goal_block(5, "1. Sasaran", "1. Indikator", "Kegiatan A");
    rows[0][5] = text("10.OOO.000");
    let error = parse_grid(&workbook(rows, merges)).expect_err("refused");
    assert_eq!(
        error.to_string(),
        "Baris 5, kolom PAGU (F5): pagu \u{201c}10.OOO.000\u{201d} tidak terbaca: karakter \
         \u{201c}O\u{201d} tidak dikenal: gunakan angka, titik untuk ribuan dan koma untuk desimal"
    );
}

#[test]
fn a_fraction_of_a_rupiah_is_refused() {
    let (mut rows, merges) = goal_block(5, "1. Sasaran", "1. Indikator", "Kegiatan A");
    rows[1][6] = number("3000000.5");
    let error = parse_grid(&workbook(rows, merges)).expect_err("refused");
    assert_eq!(
        error.to_string(),
        "Baris 6, kolom RENCANA PENARIKAN DANA (G6): rencana penarikan dana TW II \
         \u{201c}3.000.000,5\u{201d} bukan rupiah utuh: diharapkan jumlah tanpa sen"
    );
}

#[test]
fn a_missing_quarter_label_names_the_planned_work_cell() {
    let (mut rows, merges) = goal_block(5, "1. Sasaran", "1. Indikator", "Kegiatan A");
    rows[2][8] = text("Rencana tanpa label");
    rows[2][9] = text("");
    let error = parse_grid(&workbook(rows, merges)).expect_err("refused");
    assert_eq!(
        error.to_string(),
        "Baris 7, kolom RENCANA KEGIATAN (I7): label triwulan tidak ditemukan: diharapkan \
         \u{201c}TW III\u{201d} di awal sel rencana kegiatan dan capaian"
    );
}

#[test]
fn a_merged_goal_range_across_two_goals_is_refused_naming_the_range() {
    let (mut rows, mut merges) = goal_block(5, "1. Sasaran", "1. Indikator", "Kegiatan A");
    let (second, second_merges) = goal_block(
        9,
        "2. Sasaran",
        "1. Indikator lain",
        "Pemeliharaan Gedung Kantor",
    );
    rows.extend(second);
    merges.extend(second_merges.into_iter().filter(|m| m.first_column != 0));
    merges.retain(|m| !(m.first_column == 0 && m.first_row == 5));
    merges.push(merged((5, 0, 12, 0)));
    let error = parse_grid(&workbook(rows, merges)).expect_err("refused");
    assert_eq!(error.line, 9);
    assert_eq!(
        error.to_string(),
        "Baris 9, kolom SASARAN KEGIATAN (A9): sel gabungan A5:A12 melintasi dua sasaran kegiatan: indikator nomor 1 dimulai \
         lagi di dalamnya; diharapkan satu gabungan sel per sasaran, dengan nama sasaran \
         berikutnya di baris pertamanya"
    );
}

#[test]
fn a_totals_row_under_the_table_is_skipped() {
    let (mut rows, merges) = goal_block(5, "1. Sasaran", "1. Indikator", "Kegiatan A");
    rows.push(vec![
        text("JUMLAH"),
        text(""),
        text(""),
        text(""),
        text(""),
        number("10000000"),
        number("10000000"),
        number("0"),
    ]);
    let parsed = parse_grid(&workbook(rows, merges)).expect("readable");
    assert_eq!(parsed.plan.activities.len(), 1);
}

#[test]
fn a_tw_i_row_without_a_target_after_tw_iv_is_the_indicators_next_activity() {
    let mut rows = indicator_rows(
        "1. Meningkatnya Pelayanan",
        "1. Persentase",
        "Kegiatan A",
        "10.000.000",
        ["10.000.000", "-", "-", "-"],
    );
    let mut next = indicator_rows(
        "",
        "",
        "Pemeliharaan Gedung Kantor",
        "2.000.000",
        ["-", "2.000.000", "-", "-"],
    );
    next[0] = next[0].replacen(
        "85%\tX = Jumlah dilayani / Jumlah seluruhnya x 100%",
        "\t",
        1,
    );
    next[0] = next[0].replace(
        "Rencana TW I\tTW I\tCapaian TW I\tLaporan\tBerjalan\t",
        "\tTW I\t\tBerjalan\tTerdapat pagu blokir sebesar Rp. 500.000",
    );
    rows.extend(next);
    let parsed = parse_sheet(&sheet(&rows)).expect("readable");
    let plan = &parsed.plan;
    let indicator = &plan.goals[0].indicators[0];
    assert_eq!(plan.goals[0].indicators.len(), 1);
    assert_eq!(indicator.activity_ids.len(), 2);
    assert_eq!(plan.activities[1].name, "Pemeliharaan Gedung Kantor");
    assert_eq!(plan.activities[1].budget, rp("2.000.000"));
    assert_eq!(plan.activities[1].blocked, rp("500.000"));
    assert_eq!(
        plan.activities[1].quarters[1].withdrawal_plan,
        Some(rp("2.000.000"))
    );
    // The quarter texts are the first block's.
    assert_eq!(indicator.quarter(Quarter::Q1).planned_work, "Rencana TW I");
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    assert_eq!(indicator.quarter(Quarter::Q1).achievement, "Capaian TW I");
}

#[test]
fn a_workbook_row_reads_its_texts_by_column_so_a_lone_note_is_a_note() {
    let (mut rows, mut merges) = goal_block(5, "1. Sasaran", "1. Indikator", "Kegiatan A");
    let mut next = goal_block(9, "", "", "Pemeliharaan Gedung Kantor").0;
    for row in &mut next {
        for cell in row.iter_mut().take(4) {
            *cell = CellValue::Empty;
        }
        row[8] = text("TW I");
        row[10] = CellValue::Empty;
    }
    for (quarter, row) in ["TW I", "TW II", "TW III", "TW IV"].iter().zip(&mut next) {
        row[8] = text(quarter);
        row[9] = text(quarter);
    }
    next[0][12] = text("Terdapat pagu blokir sebesar Rp. 1.000.000");
    rows.extend(next);
    for column in 0..4 {
        merges.retain(|m| m.first_column != column);
        merges.push(merged((5, column, 12, column)));
    }
    merges.extend((4..6).map(|column| merged((9, column, 12, column))));
    let parsed = parse_grid(&workbook(rows, merges)).expect("readable");
    let plan = &parsed.plan;
    assert_eq!(plan.goals[0].indicators.len(), 1);
    assert_eq!(plan.goals[0].indicators[0].activity_ids.len(), 2);
    assert_eq!(plan.activities[1].blocked, rp("1.000.000"));
    assert_eq!(plan.goals[0].indicators[0].quarters[0].evidence, "Laporan");
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
}
