//! Importing workbooks (`.xlsx`), on SQLite and PostgreSQL: the seed as a unit keeps it (merged
//! cells, numbers as numbers) and pasted with drifting columns and Indonesian text numbers both
//! import to the plan the text export gives, figure for figure; each known bad workbook is
//! refused naming its cell, and nothing is stored. The fixtures are made by
//! `tests/fixtures/xlsx/make_fixtures.py` and checked in.

#![allow(clippy::unwrap_used)]

mod common;

use common::{without_ids, Kind, TestDb};
use model::figures::{goal_totals, plan_totals};
use model::sheet::parse_sheet;
use model::{plan_checks, Quarter, Rupiah};
use server::ops::import::{import_file, parse_file, DEMO_SHEET};
use server::storage::{Store, UnitPlacement};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/xlsx/");

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{FIXTURES}{name}")).unwrap()
}

async fn stored(store: &Store, report: &server::ops::import::ImportReport) -> model::Plan {
    store
        .load_plan_unchecked(report.plan_id())
        .await
        .unwrap()
        .unwrap()
}

fn rp(text: &str) -> Rupiah {
    Rupiah::parse(text).unwrap()
}

async fn the_seeds_text_and_its_workbook_import_to_the_same_plan(store: &Store) {
    let text = parse_sheet(DEMO_SHEET).unwrap();
    let bytes = fixture("seed-lapas-luwuk-2024.xlsx");
    let workbook = parse_file(&bytes).unwrap();
    assert_eq!(workbook.plan, text.plan);
    // Line 91's extra amount is a text export's: the workbook's pagu is one merged cell.
    let warnings: Vec<&str> = workbook
        .warnings
        .iter()
        .map(|w| w.message.as_str())
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("Penegakkan Keamanan dan Keterliban"));

    let report = import_file(store, &bytes, &UnitPlacement::Top)
        .await
        .unwrap();
    let stored = stored(store, &report).await;
    assert_eq!(without_ids(&stored), text.plan);
    let totals = plan_totals(&stored);
    assert_eq!(totals, plan_totals(&text.plan));
    assert_eq!(totals.budget, rp("9.485.886.000"));
    for (stored_goal, text_goal) in stored.goals.iter().zip(&text.plan.goals) {
        assert_eq!(
            goal_totals(&stored, stored_goal),
            goal_totals(&text.plan, text_goal)
        );
    }
    assert_eq!(plan_checks(&stored), plan_checks(&without_ids(&stored)));
    assert_eq!(plan_checks(&without_ids(&stored)), plan_checks(&text.plan));
    // Line 91, as the issue reads it: RPD TW II of the staff-training activity.
    let staff = stored
        .activities
        .iter()
        .find(|a| a.name == "Kegiatan Pembinaan kepegawaian")
        .unwrap();
    assert_eq!(
        staff.quarters[Quarter::Q2.index()].withdrawal_plan,
        Some(rp("45.760.000"))
    );
}
both!(
    seed_text_and_workbook_agree,
    the_seeds_text_and_its_workbook_import_to_the_same_plan
);

async fn a_workbook_with_drifting_columns_and_text_numbers_imports_as_the_text_does(store: &Store) {
    let text = parse_sheet(DEMO_SHEET).unwrap();
    let bytes = fixture("drift-lapas-luwuk-2024.xlsx");
    let workbook = parse_file(&bytes).unwrap();
    // Each line is a row of the same number, so even the warnings name the same rows.
    assert_eq!(workbook, text);
    let report = import_file(store, &bytes, &UnitPlacement::Top)
        .await
        .unwrap();
    let stored = stored(store, &report).await;
    assert_eq!(without_ids(&stored), text.plan);
}
both!(
    drifting_workbook_agrees,
    a_workbook_with_drifting_columns_and_text_numbers_imports_as_the_text_does
);

/// The known bad workbooks and the exact words each is refused with.
const BAD_WORKBOOKS: [(&str, &str); 3] = [
    (
        "bad-letter-in-pagu.xlsx",
        "Baris 5, kolom PAGU (F5): pagu \u{201c}1.140.OOO.000\u{201d} tidak terbaca: karakter \
         \u{201c}O\u{201d} tidak dikenal: gunakan angka, titik untuk ribuan dan koma untuk desimal",
    ),
    (
        "bad-missing-tw-label.xlsx",
        "Baris 7, kolom RENCANA KEGIATAN (I7): label triwulan tidak ditemukan: diharapkan \
         \u{201c}TW III\u{201d} di awal sel rencana kegiatan dan capaian",
    ),
    (
        "bad-merge-across-goals.xlsx",
        "Baris 34, kolom SASARAN KEGIATAN (A34): sel gabungan A5:A62 melintasi dua sasaran kegiatan: indikator nomor 1 \
         dimulai lagi di dalamnya; diharapkan satu gabungan sel per sasaran, dengan nama sasaran \
         berikutnya di baris pertamanya",
    ),
];

async fn each_bad_workbook_is_refused_naming_its_cell_and_nothing_is_stored(kind: Kind) {
    let _serial = common::SERIAL.lock().await;
    let db = TestDb::new(kind).await;
    let before = db.dump().await;
    for (name, message) in BAD_WORKBOOKS {
        let error = import_file(&db.store, &fixture(name), &UnitPlacement::Top)
            .await
            .unwrap_err();
        assert_eq!(error.to_string(), message, "{name}");
    }
    for (bytes, message) in [
        (
            b"PK\x03\x04 not really a zip".to_vec(),
            "berkas ini bukan berkas Excel (.xlsx) yang dapat dibaca; simpan ulang sebagai Excel \
             Workbook (.xlsx)",
        ),
        (
            vec![0xff, 0xfe, 0x00, 0x41],
            "berkas ini bukan berkas Excel (.xlsx) dan bukan teks lembar rencana (tab-separated, \
             UTF-8)",
        ),
    ] {
        let error = import_file(&db.store, &bytes, &UnitPlacement::Top)
            .await
            .unwrap_err();
        assert_eq!(error.to_string(), message);
    }
    assert_eq!(
        db.dump().await,
        before,
        "a refused workbook stored something"
    );
    db.finish().await;
}
both_kinds!(
    bad_workbooks_are_refused,
    each_bad_workbook_is_refused_naming_its_cell_and_nothing_is_stored
);
