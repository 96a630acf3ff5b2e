//! Rows that drift by a cell, and the other liberties real exports take.

use super::super::parse_sheet;
use super::{indicator_rows, parse, sheet};
use crate::ids::ActivityId;
use crate::money::Rupiah;
use crate::plan::Status;
use crate::quarter::Quarter;

const GOAL: &str = "1. Meningkatnya Pelayanan";
const RPD: [&str; 4] = ["1.000.000", "2.000.000", "3.000.000", "4.000.000"];

fn rp(text: &str) -> Rupiah {
    Rupiah::parse(text).expect("test amount")
}

#[test]
fn an_indicator_in_the_first_column_is_the_next_indicator_of_the_current_goal() {
    let mut rows = indicator_rows(GOAL, "1. Persentase satu", "Kegiatan A", "10.000.000", RPD);
    let mut second = indicator_rows("", "2. Persentase dua", "Kegiatan B", "10.000.000", RPD);
    second[0] = second[0].trim_start_matches('\t').to_owned();
    rows.extend(second);
    let plan = parse(&rows).plan;
    assert_eq!(plan.goals.len(), 1);
    assert_eq!(plan.goals[0].title, "Meningkatnya Pelayanan");
    let names: Vec<&str> = plan.goals[0]
        .indicators
        .iter()
        .map(|i| i.name.as_str())
        .collect();
    assert_eq!(names, vec!["Persentase satu", "Persentase dua"]);
}

#[test]
fn two_numbered_cells_before_the_target_start_a_new_goal() {
    let mut rows = indicator_rows(GOAL, "1. Persentase satu", "Kegiatan A", "10.000.000", RPD);
    let mut second = indicator_rows(
        "2. Sasaran kedua",
        "1. Persentase dua",
        "Kegiatan B",
        "5.000",
        ["-"; 4],
    );
    second[0] = second[0].trim_start_matches('\t').to_owned();
    rows.extend(second);
    let plan = parse(&rows).plan;
    assert_eq!(
        plan.goals.iter().map(|g| g.number).collect::<Vec<_>>(),
        vec![1, 2]
    );
    assert_eq!(plan.goals[1].indicators[0].name, "Persentase dua");
}

#[test]
fn a_continuation_row_missing_a_leading_empty_cell_reads_the_same() {
    let mut rows = indicator_rows(GOAL, "1. Persentase", "Kegiatan A", "10.000.000", RPD);
    rows[2] = rows[2].replacen('\t', "", 1);
    rows[3] = format!("\t\t\t{}", rows[3]);
    let activity = &parse(&rows).plan.activities[0];
    let rpd: Vec<Option<Rupiah>> = activity
        .quarters
        .iter()
        .map(|q| q.withdrawal_plan)
        .collect();
    assert_eq!(rpd, RPD.map(|t| Some(rp(t))).to_vec());
}

#[test]
fn a_third_amount_before_the_label_is_read_as_rpd_when_the_last_is_none_and_else_as_the_pagu() {
    let mut rows = indicator_rows(GOAL, "1. Persentase", "Kegiatan A", "45.760.000", ["-"; 4]);
    rows[1] = "\t\t\t\t\t45.760.000\t-\t-\tTW II\tPelatihan\tTW II\tLaporan".into();
    rows[2] = "\t\t\t\t\t-\t1.000\t500\tTW III\t\tTW III\t\t\t\t".into();
    rows[3] = "\t\t\t\t\t\t2.000\t700\tTW IV\t\tTW IV\t\t\t\t".into();
    let parsed = parse(&rows);
    let activity = &parsed.plan.activities[0];
    assert_eq!(activity.budget, rp("45.760.000"));
    // RPD just before realization; the trailing `-` is the cell too many.
    assert_eq!(activity.quarters[1].withdrawal_plan, Some(rp("45.760.000")));
    assert_eq!(activity.quarters[1].realization, None);
    // A first `-` is an empty pagu cell: nothing to shift.
    assert_eq!(activity.quarters[2].withdrawal_plan, Some(rp("1.000")));
    assert_eq!(activity.quarters[2].realization, Some(rp("500")));
    assert_eq!(activity.quarters[3].withdrawal_plan, Some(rp("2.000")));
    assert_eq!(activity.quarters[3].realization, Some(rp("700")));
    let lines: Vec<usize> = parsed.warnings.iter().map(|w| w.line).collect();
    assert_eq!(lines, vec![5], "{:?}", parsed.warnings);
    assert!(parsed.warnings[0]
        .message
        .contains("dibaca sebagai rencana penarikan dana TW II Rp 45.760.000"));
}

#[test]
fn a_pagu_written_again_on_every_row_is_the_pagu_not_a_cell_too_many() {
    let mut rows = indicator_rows(GOAL, "1. Persentase", "Kegiatan A", "45.760.000", ["-"; 4]);
    rows[1] = "\t\t\t\t\t45.760.000\t45.760.000\t-\tTW II\t\tTW II\t\t\t\t".into();
    rows[2] = "\t\t\t\t\t45.760.000\t-\t-\tTW III\t\tTW III\t\t\t\t".into();
    rows[3] = "\t\t\t\t\t45.760.000\t-\t9.000\tTW IV\t\tTW IV\t\t\t\t".into();
    let parsed = parse(&rows);
    let activity = &parsed.plan.activities[0];
    let rpd: Vec<_> = activity
        .quarters
        .iter()
        .map(|q| q.withdrawal_plan)
        .collect();
    assert_eq!(rpd, vec![None, Some(rp("45.760.000")), None, None]);
    assert_eq!(activity.quarters[3].realization, Some(rp("9.000")));
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
}

#[test]
fn an_indicator_without_an_activity_may_have_one_or_two_empty_activity_cells() {
    let one = indicator_rows(GOAL, "1. Persentase", "", "-", ["-"; 4]);
    let mut two = indicator_rows("", "2. Persentase", "", "-", ["-"; 4]);
    two[0] = two[0].replacen("x 100%\t\t", "x 100%\t\t\t", 1);
    let rows = [one, two].concat();
    let plan = parse(&rows).plan;
    assert!(plan.activities.is_empty());
    assert!(plan.indicators().all(|i| i.activity_ids.is_empty()));
    assert_eq!(
        plan.goals[0].indicators[1]
            .quarter(Quarter::Q1)
            .planned_work,
        "Rencana TW I"
    );
}

#[test]
fn adjacent_quarter_labels_mean_an_empty_planned_work_cell() {
    let mut rows = indicator_rows(GOAL, "1. Persentase", "Kegiatan A", "10.000.000", RPD);
    rows[3] = "\t\t\t\t\t\t4.000.000\t-\tTW IV\tTW IV\tSelesai".into();
    let plan = parse(&rows).plan;
    let report = plan.goals[0].indicators[0].quarter(Quarter::Q4);
    assert_eq!(
        (report.planned_work.as_str(), report.status),
        ("", Some(Status::Done))
    );
}

#[test]
fn cells_after_the_labels_are_achievement_evidence_status_and_note_as_filled() {
    let mut rows = indicator_rows(GOAL, "1. Persentase", "Kegiatan A", "10.000.000", RPD);
    rows[1] = "\t\t\t\t\t\t2.000.000\t-\tTW II\tR\tTW II\tCapaian\tBukti\tCatatan".into();
    rows[2] = "\t\t\t\t\t\t3.000.000\t-\tTW III\tR\tTW III\tBelum\tDitunda\tHujan".into();
    rows[3] = "\t\t\t\t\t\t4.000.000\t-\tTW IV\tR\tTW IV\t\t\t\t".into();
    let plan = parse(&rows).plan;
    let indicator = &plan.goals[0].indicators[0];
    let q1 = indicator.quarter(Quarter::Q1);
    assert_eq!(
        (q1.achievement.as_str(), q1.evidence.as_str()),
        ("Capaian TW I", "Laporan")
    );
    let q2 = indicator.quarter(Quarter::Q2);
    assert_eq!(
        (
            q2.achievement.as_str(),
            q2.evidence.as_str(),
            q2.note.as_str(),
            q2.status
        ),
        ("Capaian", "Bukti", "Catatan", None)
    );
    let q3 = indicator.quarter(Quarter::Q3);
    assert_eq!(
        (q3.status, q3.note.as_str()),
        (Some(Status::NotStarted), "Ditunda; Hujan")
    );
    let q4 = indicator.quarter(Quarter::Q4);
    assert_eq!((q4.evidence.as_str(), q4.status), ("", None));
}

#[test]
fn an_activity_name_differing_in_case_and_spacing_is_the_same_activity_without_a_warning() {
    let mut rows = indicator_rows(
        GOAL,
        "1. Persentase",
        "Layanan Perkantoran",
        "10.000.000",
        RPD,
    );
    rows.extend(indicator_rows(
        "",
        "2. Jumlah",
        "layanan  perkantoran",
        "10.000.000",
        RPD,
    ));
    let parsed = parse(&rows);
    assert_eq!(parsed.plan.activities.len(), 1);
    assert_eq!(parsed.plan.activities[0].name, "Layanan Perkantoran");
    assert!(parsed
        .plan
        .indicators()
        .all(|i| i.activity_ids == vec![ActivityId(1)]));
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
}

#[test]
fn a_misspelt_repeat_with_equal_figures_is_merged_and_warned_once() {
    let mut rows = indicator_rows(
        GOAL,
        "1. Satu",
        "Penegakkan Keamanan dan Ketertiban",
        "67.345.000",
        RPD,
    );
    for number in ["2. Dua", "3. Tiga"] {
        rows.extend(indicator_rows(
            "",
            number,
            "Penegakkan Keamanan dan Keterliban",
            "67.345.000",
            RPD,
        ));
    }
    let parsed = parse(&rows);
    assert_eq!(parsed.plan.activities.len(), 1);
    assert_eq!(parsed.warnings.len(), 1, "{:?}", parsed.warnings);
    assert_eq!(parsed.warnings[0].line, 8);
    assert!(parsed.warnings[0].message.contains("Keterliban"));
}

#[test]
fn a_similar_name_with_other_figures_stays_a_separate_activity_with_a_warning() {
    let mut rows = indicator_rows(GOAL, "1. Satu", "Pembinaan Kegiatan A", "8.730.000", RPD);
    rows.extend(indicator_rows(
        "",
        "2. Dua",
        "Pembinaan Kegiatan B",
        "8.730.000",
        ["-"; 4],
    ));
    let parsed = parse(&rows);
    assert_eq!(parsed.plan.activities.len(), 2);
    assert_eq!(
        parsed.plan.goals[0].indicators[1].activity_ids,
        vec![ActivityId(2)]
    );
    assert_eq!(parsed.warnings.len(), 1);
    assert!(
        parsed.warnings[0].message.contains("kegiatan tersendiri"),
        "{:?}",
        parsed.warnings
    );
}

#[test]
fn a_blocked_budget_note_on_any_quarter_sets_the_activity_blocked_amount() {
    let mut rows = indicator_rows(GOAL, "1. Satu", "Kegiatan A", "10.000.000", RPD);
    rows[2] = "\t\t\t\t\t\t3.000.000\t-\tTW III\tR\tTW III\tLaporan\tBerjalan\tAda pagu blokir Rp 250.000".into();
    let parsed = parse(&rows);
    assert_eq!(parsed.plan.activities[0].blocked, rp("250.000"));
    let note = &parsed.plan.goals[0].indicators[0].quarter(Quarter::Q3).note;
    assert_eq!(note, "Ada pagu blokir Rp 250.000");
}

#[test]
fn a_blocked_note_without_an_amount_is_kept_as_a_note_with_a_warning() {
    let mut rows = indicator_rows(GOAL, "1. Satu", "Kegiatan A", "10.000.000", RPD);
    rows[0] = rows[0].replacen("Berjalan\t", "Berjalan\tMasih ada pagu blokir", 1);
    let parsed = parse(&rows);
    assert_eq!(parsed.plan.activities[0].blocked, Rupiah::ZERO);
    assert_eq!(parsed.warnings.len(), 1);
    assert_eq!(parsed.warnings[0].line, 4);
}

#[test]
fn an_unnumbered_indicator_is_numbered_in_order_with_a_warning() {
    let mut rows = indicator_rows(GOAL, "1. Satu", "Kegiatan A", "10.000.000", RPD);
    rows.extend(indicator_rows(
        "",
        "Persentase tanpa nomor",
        "Kegiatan A",
        "10.000.000",
        RPD,
    ));
    let parsed = parse(&rows);
    assert_eq!(parsed.plan.goals[0].indicators[1].number, 2);
    assert_eq!(
        parsed.plan.goals[0].indicators[1].name,
        "Persentase tanpa nomor"
    );
    assert_eq!(parsed.warnings.len(), 1);
    assert_eq!(parsed.warnings[0].line, 8);
}

#[test]
fn a_place_and_date_line_before_mengetahui_is_the_place_date() {
    let rows = indicator_rows(GOAL, "1. Satu", "Kegiatan A", "10.000.000", RPD);
    let text = sheet(&rows).replace("Mengetahui,", "Luwuk, 2 Januari 2024\nMengetahui,");
    let plan = parse_sheet(&text).expect("parses").plan;
    assert_eq!(
        plan.header.place_date.as_deref(),
        Some("Luwuk, 2 Januari 2024")
    );
    assert_eq!(
        plan.header.signatory.map(|s| s.name),
        Some("Budi Santoso".to_owned())
    );
}

#[test]
fn blank_lines_inside_the_table_are_skipped() {
    let mut rows = indicator_rows(GOAL, "1. Satu", "Kegiatan A", "10.000.000", RPD);
    rows.insert(2, "\t\t\t".into());
    rows.insert(1, String::new());
    assert_eq!(parse(&rows).plan.goals[0].indicators.len(), 1);
}
