//! "Impor dari Excel" through the real router, as a browser without JavaScript posts its forms,
//! on SQLite and PostgreSQL: the upload shows the preview and stores nothing; "Simpan" posts the
//! same file back and stores the plan once, in one transaction; the second time it is refused.
//! A hidden field changed to another unit's sheet is checked again and refused.

#![allow(clippy::unwrap_used)]

mod common;

use axum::http::{header, StatusCode};
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use common::web::{file_post, form_post, send, sheet_for, text};
use common::{cookie, form_encode, person_in_unit, without_ids, Kind, TestDb};
use model::access::Role;
use model::sheet::parse_sheet;
use server::ops::import::DEMO_SHEET;

const UNIT: &str = "LEMBAGA PEMASYARAKATAN KELAS IIB LUWUK";
const WORKBOOK: &[u8] = include_bytes!("fixtures/xlsx/seed-lapas-luwuk-2024.xlsx");

/// The value of the preview's hidden `berkas` field.
fn hidden_file(page: &str) -> String {
    let at = page.find("name=\"berkas\" value=\"").unwrap() + "name=\"berkas\" value=\"".len();
    page[at..].split('"').next().unwrap().to_owned()
}

async fn an_operator_previews_then_saves_the_workbook_once(kind: Kind) {
    let _serial = common::SERIAL.lock().await;
    let db = TestDb::new(kind).await;
    let store = &db.store;
    let operator = person_in_unit(store, UNIT, Role::Operator).await;
    let session = cookie(store, &operator).await;
    let with_session = |mut request: axum::http::Request<axum::body::Body>| {
        request
            .headers_mut()
            .insert(header::COOKIE, session.parse().unwrap());
        request
    };

    let form = send(store, with_session(common::web::get_request("/impor"))).await;
    assert_eq!(form.status(), StatusCode::OK);
    assert!(text(form).await.contains("enctype=\"multipart/form-data\""));

    let before = db.dump().await;
    let response = send(
        store,
        with_session(file_post(
            "/impor/pratinjau",
            "berkas",
            "rencana.xlsx",
            WORKBOOK,
        )),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let page = text(response).await;
    for shown in [
        "Pratinjau impor",
        UNIT,
        "Rp\u{a0}9.485.886.000",
        "Rp\u{a0}474.486.000",
        "Pemeriksaan (3)",
        "Peringatan impor (1)",
        "Penegakkan Keamanan dan Keterliban",
        "Jumlah Layanan Perkantoran",
    ] {
        assert!(page.contains(shown), "the preview shows {shown}");
    }
    assert_eq!(db.dump().await, before, "the preview stored something");
    let hidden = hidden_file(&page);
    assert_eq!(STANDARD.decode(&hidden).unwrap(), WORKBOOK);

    let save = |hidden: String| {
        with_session(form_post(
            "/impor/simpan",
            format!("berkas={}", form_encode(&hidden)),
        ))
    };
    let response = send(store, save(hidden.clone())).await;
    assert_eq!(response.status(), StatusCode::OK);
    let page = text(response).await;
    assert!(page.contains("Rencana tersimpan"), "{page}");
    assert!(page.contains("href=\"/rencana/1\""), "{page}");
    let stored = store
        .load_plan_unchecked(model::PlanId(1))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(without_ids(&stored), parse_sheet(DEMO_SHEET).unwrap().plan);

    // Again: the plan exists; refused, nothing more stored.
    person_in_unit(store, "LAPAS LAIN", Role::Operator).await;
    let after = db.dump().await;
    let response = send(store, save(hidden)).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert!(text(response).await.contains("sudah ada (rencana nomor 1)"));
    // The hidden field changed to another unit's sheet: checked again, refused.
    let tampered = STANDARD.encode(sheet_for("LAPAS LAIN", 2025));
    let response = send(store, save(tampered)).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(text(response)
        .await
        .contains("Anda tidak berhak membuat rencana unit ini"));
    let response = send(store, save("bukan base64!".to_owned())).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(db.dump().await, after, "a refused save stored something");
    db.finish().await;
}
both_kinds!(
    preview_then_save,
    an_operator_previews_then_saves_the_workbook_once
);

async fn an_admin_above_the_unit_imports_and_a_pimpinan_may_not(kind: Kind) {
    let _serial = common::SERIAL.lock().await;
    let db = TestDb::new(kind).await;
    let store = &db.store;
    let admin = person_in_unit(store, "KANWIL UJI", Role::Admin).await;
    let pimpinan = person_in_unit(store, "KANWIL UJI", Role::Pimpinan).await;
    let kanwil = store.unit_named("KANWIL UJI").await.unwrap().unwrap();
    store
        .create_unit("UPT UJI", Some(kanwil.id), &common::cli())
        .await
        .unwrap();
    let sheet = STANDARD.encode(sheet_for("UPT UJI", 2025));
    let (admin, pimpinan) = (cookie(store, &admin).await, cookie(store, &pimpinan).await);
    let post = |who: String| {
        let mut request = form_post("/impor/simpan", format!("berkas={}", form_encode(&sheet)));
        request
            .headers_mut()
            .insert(header::COOKIE, who.parse().unwrap());
        request
    };
    let before = db.dump().await;
    let response = send(store, post(pimpinan.clone())).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let (status, _) = common::web::get_with(store, "/impor", Some(pimpinan)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(db.dump().await, before);
    let response = send(store, post(admin)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let upt = store.unit_named("UPT UJI").await.unwrap().unwrap();
    assert!(store.plan_of(upt.id, 2025).await.unwrap().is_some());
    db.finish().await;
}
both_kinds!(
    admin_above_imports,
    an_admin_above_the_unit_imports_and_a_pimpinan_may_not
);
