//! "Unduh Excel" and "Cetak" of the demo plan (the seed sheet of Lapas Luwuk), through the real
//! router on both databases: the file is read back with calamine (title, headings, merged
//! goal/indicator/activity cells, money as numbers, totals, signature), text is never a
//! formula, and the print page carries the same figures.

#![allow(clippy::unwrap_used)]

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use calamine::{Data, Dimensions, Reader, Xlsx};
use common::web::send;
use model::edit::{Field, FieldEdit, GoalField, IndicatorField, ReportField};
use model::workflow::Transition;
use model::{PlanId, Quarter};
use server::storage::Store;
use std::io::Cursor;

const SHEET: &str = "Rencana Kegiatan";

/// A GET by someone who may see everything: status, headers and body bytes.
async fn download(store: &Store, path: &str) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let cookie = common::everyone_cookie(store).await;
    let request = Request::builder()
        .uri(path)
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap();
    let response = send(store, request).await;
    let (status, headers) = (response.status(), response.headers().clone());
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    (status, headers, bytes.to_vec())
}

/// The workbook of an export.
fn workbook(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    Xlsx::new(Cursor::new(bytes)).expect("an .xlsx calamine reads")
}

/// The text of the cell at (row, column), 0-based; numbers as they are stored.
fn cell(range: &calamine::Range<Data>, row: u32, column: u32) -> Data {
    range
        .get_value((row, column))
        .cloned()
        .unwrap_or(Data::Empty)
}

fn string(range: &calamine::Range<Data>, row: u32, column: u32) -> String {
    match cell(range, row, column) {
        Data::String(s) => s,
        Data::Empty => String::new(),
        other => panic!("({row}, {column}) is not text: {other:?}"),
    }
}

/// The first row whose column A reads `text`.
fn row_of(range: &calamine::Range<Data>, text: &str) -> u32 {
    (0..range.end().unwrap().0 + 1)
        .find(|&r| cell(range, r, 0) == Data::String(text.into()))
        .unwrap_or_else(|| panic!("no row {text}"))
}

fn merged(xlsx: &mut Xlsx<Cursor<Vec<u8>>>) -> Vec<Dimensions> {
    xlsx.merge_cells_by_sheet_name(SHEET).unwrap()
}

fn region(start: (u32, u32), end: (u32, u32)) -> Dimensions {
    Dimensions { start, end }
}

/// The sheet prints on A4 landscape, fitted to the page width (any number of pages down).
fn assert_page_setup(bytes: &[u8]) {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut sheet = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut sheet)
        .unwrap();
    for expected in [
        "paperSize=\"9\"",
        "orientation=\"landscape\"",
        "fitToHeight=\"0\"",
        "<pageSetUpPr fitToPage=\"1\"/>",
    ] {
        assert!(sheet.contains(expected), "no {expected} in the sheet's XML");
    }
    assert!(!sheet.contains("<f>"), "the sheet holds a formula");
}

async fn the_plans_excel_reads_back_with_title_merges_totals_and_signature(store: &Store) {
    let plan = common::demo_plan(store).await;
    let (status, headers, bytes) = download(store, &format!("/rencana/{plan}/excel")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        headers[header::CONTENT_DISPOSITION],
        "attachment; filename=\"rencana-kegiatan-pk-2024-lapas-kelas-iib-luwuk.xlsx\""
    );
    assert_eq!(headers[header::CONTENT_TYPE], server::http::export::XLSX);
    assert_page_setup(&bytes);
    let mut xlsx = workbook(bytes);
    assert_eq!(xlsx.sheet_names(), vec![SHEET.to_owned()]);
    let range = xlsx.worksheet_range(SHEET).unwrap();
    assert_eq!(
        string(&range, 0, 0),
        "RENCANA KEGIATAN PERJANJIAN KINERJA DILINGKUNGAN KEMENTERIAN HUKUM DAN HAM"
    );
    assert_eq!(
        string(&range, 1, 0),
        "LEMBAGA PEMASYARAKATAN KELAS IIB LUWUK TAHUN 2024"
    );
    let headings: Vec<String> = (0..13).map(|c| string(&range, 3, c)).collect();
    assert_eq!(headings[0], "SASARAN KEGIATAN");
    assert_eq!(headings[5], "PAGU");
    assert_eq!(headings[12], "KETERANGAN");
    // Row 5 (index 4) is indicator 1.1's TW I: pagu and money are numbers.
    assert!(string(&range, 4, 0).starts_with("1. Meningkatnya Pelayanan Perawatan"));
    assert_eq!(cell(&range, 4, 5), Data::Float(5_160_600_000.0));
    assert_eq!(cell(&range, 4, 6), Data::Float(1_012_304_000.0));
    assert_eq!(cell(&range, 4, 7), Data::Float(636_431_901.0));
    assert_eq!(cell(&range, 5, 7), Data::String("-".into()));
    assert_eq!(string(&range, 4, 8).lines().next(), Some("TW I"));
    assert_eq!(
        string(&range, 4, 12),
        "Terdapat pagu blokir sebesar Rp. 464.229.000"
    );
    // Goal 1 over its 28 rows; indicator 1.1, its target, formula, activity and pagu over 4.
    let merges = merged(&mut xlsx);
    for expected in [
        region((4, 0), (31, 0)),
        region((4, 1), (7, 1)),
        region((4, 2), (7, 2)),
        region((4, 3), (7, 3)),
        region((4, 4), (7, 4)),
        region((4, 5), (7, 5)),
        region((32, 0), (59, 0)),
    ] {
        assert!(merges.contains(&expected), "{expected:?} not merged");
    }
    // Nothing but goal, indicator and activity columns is merged, and only downwards.
    assert!(merges
        .iter()
        .all(|m| m.start.1 == m.end.1 && m.start.1 <= 5));
    // 23 indicators of four rows, then the totals: every activity once.
    let totals = row_of(&range, "JUMLAH");
    assert_eq!(totals, 4 + 92);
    assert_eq!(cell(&range, totals, 5), Data::Float(9_485_886_000.0));
    assert_eq!(cell(&range, totals, 7), Data::Float(1_243_291_585.0));
    // The signature block in column K below the table.
    let lines: Vec<String> = (totals + 1..totals + 8)
        .map(|r| string(&range, r, 10))
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(
        lines,
        [
            "Mengetahui,",
            "Kepala Lembaga Pemasarakatan Kelas IIB Luwuk",
            "Endi Wahyudi, A.Md.IP., S.Sos., M.Si.",
            "NIP. 197009121993031001",
        ]
    );
    // The heading row repeats on every printed page.
    assert!(xlsx
        .defined_names()
        .iter()
        .any(|(name, at)| name == "_xlnm.Print_Titles" && at.ends_with("!$4:$4")));
}
both!(
    plan_excel,
    the_plans_excel_reads_back_with_title_merges_totals_and_signature
);

async fn text_that_looks_like_a_formula_is_written_as_text(store: &Store) {
    let (plan, loaded) = common::demo(store).await;
    let goal = loaded.goals[0].id.unwrap();
    let indicator = loaded.goals[0].indicators[0].id.unwrap();
    let edits = [
        (
            Field::Goal(goal, GoalField::Title),
            "=HYPERLINK(\"http://jahat\")",
        ),
        (
            Field::Indicator(indicator, IndicatorField::Name),
            "+62 811 000",
        ),
        (
            Field::Report(indicator, Quarter::Q1, ReportField::Evidence),
            "@SUM(A1:A9)",
        ),
        (
            Field::Report(indicator, Quarter::Q2, ReportField::Note),
            "-1+1",
        ),
    ];
    let who = common::operator(store, plan).await;
    let edits = edits
        .into_iter()
        .map(|(field, text)| FieldEdit {
            field,
            text: text.into(),
        })
        .collect();
    server::usecases::editing::save_fields(store, &who, plan, edits)
        .await
        .unwrap();
    let (status, _, bytes) = download(store, &format!("/rencana/{plan}/excel")).await;
    assert_eq!(status, StatusCode::OK);
    let mut xlsx = workbook(bytes);
    let range = xlsx.worksheet_range(SHEET).unwrap();
    assert_eq!(string(&range, 4, 0), "1. =HYPERLINK(\"http://jahat\")");
    assert_eq!(string(&range, 4, 1), "1. +62 811 000");
    assert_eq!(string(&range, 4, 10), "@SUM(A1:A9)");
    assert_eq!(string(&range, 5, 12), "-1+1");
    let formulas = xlsx.worksheet_formula(SHEET).unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "the file holds a formula"
    );
}
both!(
    no_formulas,
    text_that_looks_like_a_formula_is_written_as_text
);

async fn the_quarter_reports_excel_names_who_approved_it(store: &Store) {
    let plan = common::demo_plan(store).await;
    approve_first_quarter(store, plan).await;
    let (status, headers, bytes) = download(store, &format!("/rencana/{plan}/excel?tw=1")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        headers[header::CONTENT_DISPOSITION],
        "attachment; filename=\"laporan-capaian-kinerja-tw1-2024-lapas-kelas-iib-luwuk.xlsx\""
    );
    let mut xlsx = workbook(bytes);
    let range = xlsx.worksheet_range("Laporan TW I").unwrap();
    assert_eq!(string(&range, 0, 0), "LAPORAN CAPAIAN KINERJA TRIWULAN I");
    assert_eq!(string(&range, 3, 11), "RENCANA PENARIKAN DANA TW I");
    // Food: realization 636.431.901 of RPD 1.012.304.000 (62,87 %), stored as a fraction.
    assert_eq!(cell(&range, 4, 12), Data::Float(636_431_901.0));
    match cell(&range, 4, 13) {
        Data::Float(f) => assert!((f - 0.628_696_42).abs() < 1e-8, "{f}"),
        other => panic!("{other:?}"),
    }
    let totals = row_of(&range, "JUMLAH");
    assert_eq!(totals, 4 + 23);
    // Pagu − blokir: 9.485.886.000 − 464.229.000 − 10.257.000.
    assert_eq!(cell(&range, totals, 10), Data::Float(9_011_400_000.0));
    let approval = string(&range, totals + 2, 0);
    assert!(
        approval.starts_with("Persetujuan TW I: Disetujui oleh "),
        "{approval}"
    );
}
both!(
    report_excel,
    the_quarter_reports_excel_names_who_approved_it
);

/// An operator submits TW I and a pimpinan of the unit approves it.
async fn approve_first_quarter(store: &Store, plan: PlanId) {
    use app::api::ssr::PlanBackend;
    let unit = store.plan_unit(plan).await.unwrap().unwrap();
    let operator = common::operator(store, plan).await;
    let pimpinan = common::person(
        store,
        &[model::access::Grant {
            unit,
            role: model::access::Role::Pimpinan,
        }],
    )
    .await;
    let quarter = Quarter::Q1;
    server::usecases::quarters::change_quarter(store, &operator, plan, quarter, Transition::Submit)
        .await
        .unwrap();
    let seen = store.plan_access(&pimpinan, plan).await.unwrap().version;
    server::usecases::quarters::change_quarter(
        store,
        &pimpinan,
        plan,
        quarter,
        Transition::Approve { seen },
    )
    .await
    .unwrap();
}

async fn the_print_page_carries_the_unit_the_totals_the_nip_and_its_paper(store: &Store) {
    let plan = common::demo_plan(store).await;
    let (status, page) = common::web::get(store, &format!("/rencana/{plan}/cetak")).await;
    assert_eq!(status, StatusCode::OK);
    for expected in [
        "@page { size: A4 landscape",
        "LEMBAGA PEMASYARAKATAN KELAS IIB LUWUK TAHUN 2024",
        "<th scope=\"col\">RENCANA PENARIKAN DANA</th>",
        "rowspan=\"28\"",
        "9.485.886.000",
        "1.243.291.585",
        "NIP. 197009121993031001",
        "Cetak / Simpan sebagai PDF",
        &format!("href=\"/rencana/{plan}/excel\""),
    ] {
        assert!(page.contains(expected), "the print page lacks {expected}");
    }
    approve_first_quarter(store, plan).await;
    let (status, report) = common::web::get(store, &format!("/rencana/{plan}/cetak?tw=1")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(report.contains("LAPORAN CAPAIAN KINERJA TRIWULAN I"));
    assert!(report.contains("Persetujuan TW I: Disetujui oleh "));
    assert!(report.contains("62,87%"));
}
both!(
    print_page,
    the_print_page_carries_the_unit_the_totals_the_nip_and_its_paper
);

async fn a_quarter_that_is_not_one_to_four_is_refused_in_indonesian(store: &Store) {
    let plan = common::demo_plan(store).await;
    for page in ["cetak", "excel"] {
        for tw in ["0", "5", "abc", ""] {
            let path = format!("/rencana/{plan}/{page}?tw={tw}");
            let (status, _, body) = download(store, &path).await;
            let body = String::from_utf8(body).unwrap();
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{path}");
            assert!(
                body.contains(&format!(
                    "Triwulan \u{201c}{tw}\u{201d} tidak sah: tulis 1 sampai 4"
                )),
                "{path}: {body}"
            );
        }
    }
}
both!(
    bad_quarter,
    a_quarter_that_is_not_one_to_four_is_refused_in_indonesian
);

async fn a_plan_that_is_not_there_is_not_found_as_on_the_plan_page(store: &Store) {
    common::demo_plan(store).await;
    for path in [
        "/rencana/999999/excel",
        "/rencana/999999/cetak",
        "/rencana/abc/excel",
    ] {
        let (status, _, body) = download(store, path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(
            String::from_utf8(body).unwrap().contains("tidak ditemukan"),
            "{path}"
        );
    }
    let (status, page) = common::web::get(store, "/rencana/999999").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(page.contains("Rencana nomor 999999 tidak ditemukan"));
}
both!(
    missing_plan,
    a_plan_that_is_not_there_is_not_found_as_on_the_plan_page
);
