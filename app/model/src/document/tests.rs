//! The documents of the real seed plan (Lapas Kelas IIB Luwuk, 2024), and of small plans for
//! what the seed does not have (an indicator with two activities).

use super::*;
use crate::plan::{IndicatorKind, Plan};
use crate::sheet::parse_sheet;
use crate::testkit::{activity, d, goal, indicator, linked, plan, seed_food_activity};
use crate::time::{Timestamp, Zone};
use crate::workflow::QuarterState;

const SEED: &str = include_str!("../../../../seed/rencana-kegiatan-pk-2024-lapas-luwuk.txt");

fn seed_plan() -> Plan {
    parse_sheet(SEED).expect("the seed parses").plan
}

/// The cell at `row`, `column`; panics on a covered place.
fn at(document: &Document, row: usize, column: usize) -> &Cell {
    document.rows[row].cells[column]
        .cell()
        .unwrap_or_else(|| panic!("row {row} column {column} is covered"))
}

fn shown(document: &Document, row: usize, column: usize) -> String {
    at(document, row, column).value.shown()
}

fn total(document: &Document, column: usize) -> String {
    document.totals[column]
        .cell()
        .expect("a totals cell")
        .value
        .shown()
}

/// Every covered place lies under a cell spanning down over it, and every span ends inside the
/// body: the grid lays out without holes or overlaps.
fn assert_grid_is_whole(document: &Document) {
    let columns = document.columns.len();
    for column in 0..columns {
        let mut covered_until = 0;
        for (r, row) in document.rows.iter().enumerate() {
            assert_eq!(row.cells.len(), columns, "row {r}");
            match &row.cells[column] {
                Slot::Covered => assert!(r < covered_until, "row {r} column {column} is a hole"),
                Slot::Cell(cell) => {
                    assert!(r >= covered_until, "row {r} column {column} overlaps");
                    assert!(cell.rows >= 1);
                    covered_until = r + cell.rows as usize;
                }
            }
        }
        assert!(
            covered_until <= document.rows.len(),
            "column {column} spans past the end"
        );
    }
    assert_eq!(document.totals.len(), columns);
}

#[test]
fn the_seed_plan_is_written_in_the_sheets_thirteen_columns_with_its_title_rows() {
    let document = action_plan(&seed_plan());
    assert_eq!(
        document.title,
        vec![
            "RENCANA KEGIATAN PERJANJIAN KINERJA DILINGKUNGAN KEMENTERIAN HUKUM DAN HAM",
            "LEMBAGA PEMASYARAKATAN KELAS IIB LUWUK TAHUN 2024",
        ]
    );
    let titles: Vec<&str> = document.columns.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(titles, action_plan::HEADINGS.to_vec());
    // 23 indicators with at most one activity each: four rows apiece.
    assert_eq!(document.rows.len(), 92);
    assert_grid_is_whole(&document);
    assert_eq!(
        document.file_stem,
        "rencana-kegiatan-pk-2024-lapas-kelas-iib-luwuk"
    );
}

#[test]
fn a_goal_spans_all_its_indicators_rows_and_an_indicator_its_four() {
    let document = action_plan(&seed_plan());
    let goal = at(&document, 0, 0);
    // Goal 1 has seven indicators of four rows.
    assert_eq!(goal.rows, 28);
    assert!(goal
        .value
        .shown()
        .starts_with("1. Meningkatnya Pelayanan Perawatan"));
    assert!(shown(&document, 28, 0).starts_with("2. Meningkatnya Pelayanan Pembinaan"));
    let indicator = at(&document, 0, 1);
    assert_eq!(indicator.rows, 4);
    assert!(indicator
        .value
        .shown()
        .starts_with("1. Persentase pemenuhan layanan makanan"));
    assert_eq!(
        (shown(&document, 0, 2), at(&document, 0, 2).rows),
        ("85%".into(), 4)
    );
    assert!(shown(&document, 0, 3).starts_with("% Pemenuhan Layanan Makanan =A/B x 100%"));
    assert!(document.rows[0].starts_indicator && document.rows[4].starts_indicator);
    assert!(!document.rows[1].starts_indicator);
    assert_eq!(shown(&document, 84, 2), "1 Dokumen");
}

#[test]
fn an_activitys_name_and_pagu_span_its_four_rows_and_each_quarter_has_its_money() {
    let document = action_plan(&seed_plan());
    let name = at(&document, 0, 4);
    assert_eq!(
        (name.value.shown().as_str(), name.rows),
        (
            "Pengadaan Bahan Makanan bagi Warga Binaan Pemasyarakatan",
            4
        )
    );
    let pagu = &at(&document, 0, 5).value;
    assert_eq!(pagu.shown(), "5.160.600.000");
    assert!(
        matches!(pagu, Value::Figure { number: Some(n), kind: FigureKind::Money, .. } if *n == d("5160600000"))
    );
    let rpd: Vec<String> = (0..4).map(|r| shown(&document, r, 6)).collect();
    assert_eq!(
        rpd,
        [
            "1.012.304.000",
            "1.140.000.000",
            "1.290.000.000",
            "1.718.296.000"
        ]
    );
    let realized: Vec<String> = (0..4).map(|r| shown(&document, r, 7)).collect();
    assert_eq!(
        realized,
        ["636.431.901", "\u{2013}", "\u{2013}", "\u{2013}"]
    );
    // Indicator 1.4 has no activity: no name, no pagu.
    assert_eq!(
        (shown(&document, 12, 4), shown(&document, 12, 5)),
        ("".into(), "\u{2013}".into())
    );
}

#[test]
fn each_quarter_row_opens_its_planned_work_and_achievement_with_the_quarter_label() {
    let document = action_plan(&seed_plan());
    assert_eq!(
        at(&document, 0, 8).value,
        Value::Labelled {
            label: "TW I".into(),
            text: "Pelaksanaan Kontrak Pengadaan Bahan Makanan untuk selanjutnya dilaksanakan oleh pihak penyedia".into(),
        }
    );
    assert_eq!(
        shown(&document, 0, 9),
        "TW I\ntelah dilaksanakan pengadaan bahan makanan warga binaan bulann januari-februari"
    );
    assert_eq!(shown(&document, 3, 9), "TW IV");
    assert_eq!(
        shown(&document, 0, 10),
        "Dokumen Kontrak, SIMonev BAMA, BASTBahan Makanan"
    );
    assert_eq!(
        (shown(&document, 0, 11), shown(&document, 1, 11)),
        ("Berjalan".into(), "".into())
    );
}

#[test]
fn a_blocked_amount_the_note_already_states_is_not_stated_twice() {
    let document = action_plan(&seed_plan());
    assert_eq!(
        shown(&document, 0, 12),
        "Terdapat pagu blokir sebesar Rp. 464.229.000"
    );
    assert_eq!(shown(&document, 1, 12), "");
}

#[test]
fn the_totals_count_a_shared_activity_once() {
    let document = action_plan(&seed_plan());
    assert_eq!(total(&document, 0), TOTALS_LABEL);
    // The thirteen activities' pagu, summed by hand in the sheet reader's tests; the
    // kelompok rentan activity is written under three indicators but counted once.
    assert_eq!(total(&document, 5), "9.485.886.000");
    // 636.431.901 + 2.350.000 + 500.000 + 2.910.000 + 2.910.000 + 598.189.684
    assert_eq!(total(&document, 7), "1.243.291.585");
}

#[test]
fn the_signature_block_has_mengetahui_position_room_to_sign_name_and_nip() {
    let document = action_plan(&seed_plan());
    let signature = document.signature.expect("the seed is signed");
    assert_eq!(
        signature.lines(),
        vec![
            "Mengetahui,",
            "Kepala Lembaga Pemasarakatan Kelas IIB Luwuk",
            "",
            "Endi Wahyudi, A.Md.IP., S.Sos., M.Si.",
            "NIP. 197009121993031001",
        ]
    );
}

/// Goal 1 with indicator 1.1 funded by activities 1 (the seed's food activity, blocked) and 2.
fn two_activity_plan() -> Plan {
    let mut first = linked(
        indicator(IndicatorKind::Ratio, "85", [(Some("85"), Some("100")); 4]),
        1,
        &[1, 2],
    );
    first.quarters[0].planned_work = "Rapat".into();
    first.quarters[0].note = "Catatan".into();
    let second = linked(
        indicator(IndicatorKind::Count, "4", [(Some("1"), None); 4]),
        2,
        &[2],
    );
    let other = activity(
        2,
        "24.000.000",
        "0",
        ["1.000.000", "-", "-", "-"],
        ["500.000", "-", "-", "-"],
    );
    plan(
        vec![goal(1, vec![first, second])],
        vec![seed_food_activity(), other],
    )
}

#[test]
fn an_indicator_with_two_activities_is_written_as_two_blocks_of_four_quarters() {
    let document = action_plan(&two_activity_plan());
    assert_eq!(document.rows.len(), 12);
    assert_grid_is_whole(&document);
    assert_eq!(at(&document, 0, 0).rows, 12);
    assert_eq!(at(&document, 0, 1).rows, 8);
    assert_eq!((at(&document, 0, 4).rows, at(&document, 4, 4).rows), (4, 4));
    assert_eq!(shown(&document, 4, 4), "Kegiatan 2");
    assert_eq!(shown(&document, 4, 6), "1.000.000");
    // The quarter's texts in the first block; the second carries its labels only.
    assert_eq!(shown(&document, 0, 8), "TW I\nRapat");
    assert_eq!(shown(&document, 4, 8), "TW I");
    // The food activity's blocked amount joins the note of its first row.
    assert_eq!(
        shown(&document, 0, 12),
        "Catatan; Terdapat pagu blokir sebesar Rp. 464.229.000"
    );
    assert_eq!(shown(&document, 4, 12), "");
    // Activity 2 serves both indicators: written under each, counted once.
    assert_eq!(shown(&document, 8, 4), "Kegiatan 2");
    assert_eq!(total(&document, 5), "5.184.600.000");
}

#[test]
fn a_plan_without_a_signatory_has_no_signature_block() {
    assert_eq!(action_plan(&two_activity_plan()).signature, None);
}

#[test]
fn the_quarter_report_has_one_row_per_indicator_and_activity_with_the_pages_figures() {
    let document = quarter_report(
        &two_activity_plan(),
        Quarter::Q1,
        &QuarterState::Draft,
        Zone::Wib,
    );
    assert_eq!(document.title[0], "LAPORAN CAPAIAN KINERJA TRIWULAN I");
    assert_eq!(document.rows.len(), 3);
    assert_grid_is_whole(&document);
    assert_eq!(at(&document, 0, 1).rows, 2);
    // A = 85, B = 100: 85 %, and 85 % of an 85 % target is 100 %.
    let row: Vec<String> = (3..8).map(|c| shown(&document, 0, c)).collect();
    assert_eq!(row, ["85", "100", "85%", "100%", ""]);
    // Food: pagu 5.160.600.000 − blokir 464.229.000 = 4.696.371.000; realization 636.431.901
    // of RPD 1.012.304.000 is 62,87 %, of pagu − blokir 13,55 %.
    let money: Vec<String> = (8..15).map(|c| shown(&document, 0, c)).collect();
    assert_eq!(
        money,
        [
            "Kegiatan 1",
            "5.160.600.000",
            "4.696.371.000",
            "1.012.304.000",
            "636.431.901",
            "62,87%",
            "13,55%"
        ]
    );
    // A count indicator shows its value with its unit, as the page does.
    assert_eq!(shown(&document, 2, 5), "1 Dokumen");
    assert_eq!(
        document.file_stem,
        "laporan-capaian-kinerja-tw1-2024-lapas-uji"
    );
}

#[test]
fn the_quarter_reports_totals_are_the_quarters_money_each_activity_once() {
    let document = quarter_report(
        &two_activity_plan(),
        Quarter::Q1,
        &QuarterState::Draft,
        Zone::Wib,
    );
    // 5.160.600.000 + 24.000.000; RPD 1.012.304.000 + 1.000.000; realization
    // 636.431.901 + 500.000 = 636.931.901, of 1.013.304.000 is 62,86 %.
    let totals: Vec<String> = (9..15).map(|c| total(&document, c)).collect();
    assert_eq!(
        totals,
        [
            "5.184.600.000",
            "4.720.371.000",
            "1.013.304.000",
            "636.931.901",
            "62,86%",
            "13,49%"
        ]
    );
}

#[test]
fn the_quarter_report_states_who_approved_the_quarter_and_when() {
    let approved = QuarterState::Approved {
        by: "Budi".into(),
        at: Timestamp(1_795_868_009),
    };
    let document = quarter_report(&seed_plan(), Quarter::Q2, &approved, Zone::Wita);
    assert_eq!(
        document.approval.as_deref(),
        Some("Persetujuan TW II: Disetujui oleh Budi, 28 Nov 2026 20.13 WITA")
    );
    let draft = quarter_report(&seed_plan(), Quarter::Q3, &QuarterState::Draft, Zone::Wib);
    assert_eq!(
        draft.approval.as_deref(),
        Some("Persetujuan TW III: Draf (belum disetujui)")
    );
    assert_eq!(draft.columns[5].title, "CAPAIAN TW III");
    assert!(draft.signature.is_some());
}

#[test]
fn the_seed_quarter_report_totals_match_the_plan_pages_budget_totals() {
    let plan = seed_plan();
    let document = quarter_report(&plan, Quarter::Q1, &QuarterState::Draft, Zone::Wib);
    assert_eq!(document.rows.len(), 23);
    assert_eq!(total(&document, 9), "9.485.886.000");
    // 464.229.000 + 10.257.000 blocked.
    assert_eq!(total(&document, 10), "9.011.400.000");
    assert_eq!(total(&document, 12), "1.243.291.585");
}
