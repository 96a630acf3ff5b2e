//! Every refusal names its line and what was expected. Data rows start on line 4.

use super::super::{parse_sheet, SheetErrorKind};
use super::{
    assert_refused, first_row, indicator_rows, next_row, parse_error, PREAMBLE, SIGNATURE,
};
use crate::number::NumberError;
use crate::quarter::Quarter;

const GOAL: &str = "1. Meningkatnya Pelayanan";

fn food(indicator: &str) -> Vec<String> {
    let rpd = ["1.000.000", "2.000.000", "3.000.000", "4.000.000"];
    indicator_rows(
        GOAL,
        indicator,
        "Pengadaan Bahan Makanan",
        "10.000.000",
        rpd,
    )
}

#[test]
fn a_sheet_without_the_column_header_is_refused_at_its_first_data_row() {
    let rows = food("1. Persentase layanan makanan").join("\n");
    let text = format!("**RENCANA KEGIATAN PK\nLAPAS UJI TAHUN 2024**\n\n{rows}\n{SIGNATURE}");
    let error = parse_sheet(&text).expect_err("no header");
    assert_eq!((error.line, error.kind), (4, SheetErrorKind::MissingHeader));
    let empty = parse_sheet("").expect_err("nothing at all");
    assert_eq!((empty.line, empty.kind), (1, SheetErrorKind::MissingHeader));
}

#[test]
fn the_message_starts_with_the_line_number() {
    let text = format!("{PREAMBLE}\n{}", next_row("TW II", "-", "-"));
    let error = parse_sheet(&text).expect_err("no indicator");
    assert_eq!(
        error.to_string(),
        "baris 4: baris TW II tanpa indikator: diharapkan baris indikator (dengan target kinerja \
         dan TW I) sebelumnya"
    );
}

#[test]
fn a_continuation_row_without_a_preceding_indicator_is_refused() {
    assert_refused(
        &[next_row("TW II", "1.000", "-")],
        4,
        SheetErrorKind::ContinuationWithoutIndicator(Quarter::Q2),
    );
}

#[test]
fn an_indicator_starting_at_tw_ii_is_refused() {
    let row = first_row(GOAL, "1. Persentase", "Kegiatan", "1.000", ("-", "-"))
        .replace("TW I\t", "TW II\t");
    assert_refused(&[row], 4, SheetErrorKind::FirstQuarterNotQ1(Quarter::Q2));
}

#[test]
fn a_skipped_quarter_is_refused_naming_the_expected_one() {
    let mut rows = food("1. Persentase");
    rows.remove(1);
    let expected = SheetErrorKind::QuarterOutOfOrder {
        expected: Quarter::Q2,
        found: Quarter::Q3,
    };
    assert_refused(&rows, 5, expected);
}

#[test]
fn a_fifth_quarter_row_is_refused() {
    let mut rows = food("1. Persentase");
    rows.push(next_row("TW IV", "-", "-"));
    assert_refused(&rows, 8, SheetErrorKind::FifthQuarter(Quarter::Q4));
}

#[test]
fn an_indicator_cut_short_by_the_next_one_is_refused_where_the_next_begins() {
    let mut rows = food("1. Persentase");
    rows.truncate(2);
    rows.extend(
        food("2. Jumlah")
            .into_iter()
            .map(|r| r.replacen(GOAL, "", 1)),
    );
    let error = parse_error(&rows);
    assert_eq!(error.line, 6);
    let SheetErrorKind::IncompleteIndicator {
        indicator,
        start_line,
        last,
        ..
    } = error.kind
    else {
        panic!("unexpected {error}");
    };
    assert_eq!(
        (indicator.as_str(), start_line, last),
        ("1.1", 4, Quarter::Q2)
    );
}

#[test]
fn an_indicator_cut_short_by_the_end_of_the_table_is_refused_at_its_last_row() {
    let mut rows = food("1. Persentase");
    rows.truncate(3);
    let error = parse_error(&rows);
    assert_eq!(error.line, 6);
    assert!(error.to_string().contains("berhenti di TW III"), "{error}");
    assert!(error.to_string().contains("akhir tabel"), "{error}");
}

#[test]
fn an_unreadable_amount_names_the_field_and_the_number_error() {
    let mut rows = food("1. Persentase");
    rows[2] = next_row("TW III", "3.00.000", "-");
    let error = parse_error(&rows);
    assert_eq!(error.line, 6);
    let expected = SheetErrorKind::Number {
        field: "rencana penarikan dana TW III".into(),
        text: "3.00.000".into(),
        source: NumberError::BadThousandsGrouping,
    };
    assert_eq!(error.kind, expected);
    assert!(
        error
            .to_string()
            .contains("titik pemisah ribuan salah tempat"),
        "{error}"
    );
}

#[test]
fn an_unreadable_target_is_refused_with_its_text() {
    let rows = food("1. Persentase");
    let bad = rows[0].replace("\t85%\t", "\tabc\t");
    let error = parse_error(&[bad]);
    assert!(error
        .to_string()
        .starts_with("baris 4: target kinerja \u{201c}abc\u{201d} tidak terbaca"));
    assert_eq!(
        (error.line, error.kind),
        (4, SheetErrorKind::UnreadableTarget("abc".into()))
    );
}

#[test]
fn a_target_with_a_malformed_number_is_refused_with_the_number_error() {
    let bad = food("1. Persentase")[0].replace("\t85%\t", "\t8,5,0%\t");
    let expected = SheetErrorKind::TargetNumber {
        text: "8,5,0%".into(),
        source: NumberError::MultipleDecimalCommas,
    };
    assert_refused(&[bad], 4, expected);
}

#[test]
fn differing_quarter_labels_in_one_row_are_refused() {
    let mut rows = food("1. Persentase");
    rows[1] = rows[1].replacen("\tTW II\t\t", "\tTW III\t\t", 1);
    let expected = SheetErrorKind::QuarterLabelMismatch {
        planned: Quarter::Q2,
        achieved: Quarter::Q3,
    };
    assert_refused(&rows, 5, expected);
}

#[test]
fn a_row_with_one_quarter_label_is_refused() {
    let mut rows = food("1. Persentase");
    rows[3] = "\t\t\t\t\t\t-\t-\tTW IV\tRencana\tCapaian\tLaporan".into();
    assert_refused(&rows, 7, SheetErrorKind::MissingSecondLabel(Quarter::Q4));
}

#[test]
fn a_row_that_is_neither_data_nor_signature_is_refused() {
    let mut rows = food("1. Persentase");
    rows.insert(2, "Catatan: angka sementara".into());
    let error = parse_error(&rows);
    assert_eq!(error.line, 6);
    assert!(matches!(error.kind, SheetErrorKind::UnrecognizedRow(_)));
    let mut stray = food("1. Persentase");
    stray[1] = stray[1].replacen('\t', "Catatan\t", 1);
    let error = parse_error(&stray);
    assert_eq!(error.line, 5);
    assert!(matches!(error.kind, SheetErrorKind::UnrecognizedRow(_)));
}

#[test]
fn too_many_cells_after_the_labels_are_refused() {
    let mut rows = food("1. Persentase");
    rows[0] = rows[0].replace("Capaian TW I\tLaporan", "Capaian TW I\tLaporan\tFoto\tLagi");
    let error = parse_error(&rows);
    assert_eq!(
        (error.line, error.kind),
        (
            4,
            SheetErrorKind::TooManyCells {
                quarter: Quarter::Q1,
                count: 4
            }
        )
    );
}

#[test]
fn a_repeated_activity_with_another_pagu_is_refused_naming_both_lines() {
    let mut rows = food("1. Persentase");
    let other = indicator_rows(
        "",
        "2. Jumlah",
        "Pengadaan Bahan Makanan",
        "12.000.000",
        ["-"; 4],
    );
    rows.extend(other);
    let error = parse_error(&rows);
    assert_eq!(error.line, 8);
    let expected = SheetErrorKind::ActivityMismatch {
        name: "Pengadaan Bahan Makanan".into(),
        field: "pagu".into(),
        value: "12.000.000".into(),
        first_value: "10.000.000".into(),
        first_line: 4,
    };
    assert_eq!(error.kind, expected);
}

#[test]
fn a_repeated_activity_with_another_rpd_is_refused_at_that_quarter() {
    let mut rows = food("1. Persentase");
    let rpd = ["1.000.000", "2.000.000", "3.500.000", "4.000.000"];
    rows.extend(indicator_rows(
        "",
        "2. Jumlah",
        "Pengadaan Bahan Makanan",
        "10.000.000",
        rpd,
    ));
    let error = parse_error(&rows);
    assert_eq!(error.line, 10);
    let SheetErrorKind::ActivityMismatch {
        field, first_line, ..
    } = &error.kind
    else {
        panic!("unexpected {error}");
    };
    assert_eq!(
        (field.as_str(), *first_line),
        ("rencana penarikan dana TW III", 6)
    );
}

#[test]
fn a_third_amount_that_is_not_the_pagu_is_refused() {
    let mut rows = food("1. Persentase");
    rows[1] = rows[1].replacen("\t\t\t2.000.000\t-", "\t\t9.000.000\t2.000.000\t500", 1);
    let expected = SheetErrorKind::RepeatedBudgetMismatch {
        found: "9.000.000".into(),
        budget: "10.000.000".into(),
    };
    assert_refused(&rows, 5, expected);
}

#[test]
fn money_without_an_activity_name_is_refused() {
    let mut rows = indicator_rows(GOAL, "1. Persentase", "", "-", ["-"; 4]);
    rows[2] = next_row("TW III", "5.000", "-");
    let error = parse_error(&rows);
    let field = "rencana penarikan dana TW III".to_owned();
    assert_eq!(
        (error.line, error.kind),
        (6, SheetErrorKind::MoneyWithoutActivity { field })
    );
}

#[test]
fn an_activity_without_a_pagu_is_refused() {
    let rows = indicator_rows(GOAL, "1. Persentase", "Kegiatan Tanpa Pagu", "-", ["-"; 4]);
    let error = parse_error(&rows);
    assert_eq!(error.line, 4);
    assert!(
        error
            .to_string()
            .contains("pagu \u{201c}-\u{201d} tidak terbaca"),
        "{error}"
    );
}

#[test]
fn an_indicator_before_any_goal_is_refused() {
    let rows = indicator_rows("", "1. Persentase", "Kegiatan", "1.000", ["-"; 4]);
    assert_refused(&rows, 4, SheetErrorKind::IndicatorWithoutGoal);
}

#[test]
fn a_header_without_data_rows_is_refused() {
    assert_refused(&[], 3, SheetErrorKind::NoData);
}

#[test]
fn a_conflicting_blocked_amount_for_one_activity_is_refused() {
    let mut rows = food("1. Persentase");
    rows[0] = rows[0].replacen("Berjalan\t", "Berjalan\tpagu blokir Rp 1.000", 1);
    let mut second = indicator_rows(
        "",
        "2. Jumlah",
        "Pengadaan Bahan Makanan",
        "10.000.000",
        ["1.000.000", "2.000.000", "3.000.000", "4.000.000"],
    );
    second[0] = second[0].replacen("Berjalan\t", "Berjalan\tpagu blokir Rp 2.000", 1);
    rows.extend(second);
    let error = parse_error(&rows);
    assert_eq!(error.line, 8);
    assert!(
        error
            .to_string()
            .contains("pagu blokir 2.000, berbeda dari 1.000 di baris 4"),
        "{error}"
    );
}

#[test]
fn a_target_without_an_indicator_before_it_is_refused() {
    let row = "85%\tX = A / B x 100%\tKegiatan\t1.000\t-\t-\tTW I\tR\tTW I\tLaporan".to_owned();
    assert_refused(&[row], 4, SheetErrorKind::EmptyIndicator);
}

#[test]
fn a_first_row_short_of_money_cells_is_refused() {
    let row = format!("{GOAL}\t1. Persentase\t85%\tRumus\t1.000\tTW I\tR\tTW I\tLaporan");
    assert_refused(&[row], 4, SheetErrorKind::MissingMoneyCells(Quarter::Q1));
}

#[test]
fn an_activity_name_over_two_cells_is_refused() {
    let mut rows = food("1. Persentase");
    rows[0] = rows[0].replacen("Pengadaan Bahan Makanan", "Pengadaan\tBahan Makanan", 1);
    let expected = SheetErrorKind::SplitActivityName("Pengadaan".into(), "Bahan Makanan".into());
    assert_refused(&rows, 4, expected);
}

#[test]
fn amounts_too_large_to_add_up_are_refused_naming_the_field() {
    // Found by fuzzing: two activities with this pagu were imported, and the import's summary
    // (the plan's total pagu) panicked adding them up.
    let huge = "79.228.162.514.264.337.593.543.950.335";
    let mut rows = indicator_rows(GOAL, "1. Persentase satu", "Kegiatan A", huge, ["-"; 4]);
    rows.extend(indicator_rows(
        "",
        "2. Persentase dua",
        "Kegiatan B",
        huge,
        ["-"; 4],
    ));
    let error = parse_error(&rows);
    assert_eq!(error.line, 4);
    let expected = SheetErrorKind::Number {
        field: "pagu".into(),
        text: huge.into(),
        source: NumberError::OutOfRange,
    };
    assert_eq!(error.kind, expected);
}
