//! Evidence (data dukung, issue 18) through the real router on both databases: attaching files
//! and links to a quarter, listing, downloading, removing; the lock of an approved quarter; a
//! file over the limit refused while it streams (bytes counted as the server reads them); a
//! renamed program refused by its content; the same file twice stored once; a file of another
//! unit's plan not found; bytes gone shown as "berkas hilang"; leftovers purged.

#![allow(clippy::unwrap_used)]

mod common;
#[path = "evidence_story/support.rs"]
mod support;

use axum::body::Body;
use axum::http::{header, StatusCode};
use model::access::{Grant, Role};
use model::workflow::QuarterState;
use model::Quarter;
use server::config::Settings;
use server::storage::Store;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use support::{
    attach, body_bytes, body_text, evidence_ids, get, multipart_body, pdf, png, post, send,
    send_with, world, Part,
};

async fn page(store: &Store, w: &support::World, tw: u8) -> String {
    let response = send(store, get(&w.slot(tw), &w.cookie)).await;
    assert_eq!(response.status(), StatusCode::OK);
    body_text(response).await
}

async fn files_attached_to_a_quarter_are_listed_served_and_removed(store: &Store) {
    let w = world(store).await;
    // 700 KB: three chunk rows of at most 256 KiB.
    let report = pdf(700_000, 1);
    let (status, _) = attach(
        store,
        &w,
        1,
        &[
            Part::Text("keterangan", "BAST Bahan Makanan"),
            Part::File("C:\\Dokumen\\BAST TW I.pdf", &report),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let photo = png();
    let (status, _) = attach(
        store,
        &w,
        1,
        &[
            Part::File("foto kegiatan.png", &photo),
            Part::Text("keterangan", "Dokumentasi kegiatan"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _) = attach(
        store,
        &w,
        1,
        &[
            Part::File("", b""),
            Part::Text("tautan", "https://drive.google.com/file/d/abc/view"),
            Part::Text("keterangan", "SIMonev BAMA"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(store.blob_counts().await.unwrap(), (2, 3 + 1));

    let listed = page(store, &w, 1).await;
    for text in [
        "Data dukung Indikator 1.1 TW I",
        "BAST TW I.pdf",
        "BAST Bahan Makanan",
        // 700000 / 1024 = 683.59 KB.
        "(PDF, 683,6 KB)",
        "foto kegiatan.png",
        "(PNG, 216 byte)",
        "class=\"evidence-preview\"",
        "href=\"https://drive.google.com/file/d/abc/view\"",
        "SIMonev BAMA",
        &format!("oleh {}", w.operator.name),
    ] {
        assert!(listed.contains(text), "{text} not in {listed}");
    }
    // Other quarters have their own lists.
    assert!(page(store, &w, 2).await.contains("Belum ada data dukung"));
    let ids = evidence_ids(&listed);
    assert_eq!(ids.len(), 3);

    let response = send(store, get(&format!("/bukti/{}", ids[0]), &w.cookie)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    assert_eq!(headers[header::CONTENT_TYPE], "application/pdf");
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(headers[header::CONTENT_SECURITY_POLICY], "sandbox");
    assert_eq!(headers[header::CONTENT_LENGTH], "700000");
    assert!(headers[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .starts_with("inline; filename=\"BAST TW I.pdf\""));
    assert_eq!(body_bytes(response).await, report);
    let response = send(store, get(&format!("/bukti/{}", ids[1]), &w.cookie)).await;
    assert_eq!(response.headers()[header::CONTENT_TYPE], "image/png");
    assert_eq!(body_bytes(response).await, photo);
    let response = send(store, get(&format!("/bukti/{}", ids[2]), &w.cookie)).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        response.headers()[header::LOCATION],
        "https://drive.google.com/file/d/abc/view"
    );

    let before = common::history_len(store, w.plan).await;
    let remove = post(
        &format!("/bukti/{}/hapus", ids[0]),
        &w.cookie,
        Body::empty(),
    );
    let response = send(store, remove).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()[header::LOCATION], w.slot(1));
    assert!(!page(store, &w, 1).await.contains("BAST TW I.pdf"));
    // Its bytes went with it; the photo's stay.
    assert_eq!(store.blob_counts().await.unwrap(), (1, 1));
    assert_eq!(common::history_len(store, w.plan).await, before + 1);
    let history = store
        .history_unchecked(w.plan, model::audit::HistoryFilter::default())
        .await
        .unwrap();
    let removal = &history[0].change;
    assert_eq!(
        (
            removal.field.as_str(),
            removal.old.as_str(),
            removal.new.as_str()
        ),
        ("Berkas data dukung TW I", "BAST TW I.pdf", "")
    );
    assert_eq!(removal.place, "Indikator 1.1");
    assert!(history
        .iter()
        .any(|e| e.change.new == "foto kegiatan.png" && e.by == w.operator.name));
    let response = send(store, get(&format!("/bukti/{}", ids[0]), &w.cookie)).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}
both!(
    attach_list_download_remove,
    files_attached_to_a_quarter_are_listed_served_and_removed
);

async fn the_same_file_attached_twice_is_stored_once(store: &Store) {
    let w = world(store).await;
    let report = pdf(300_000, 2);
    for tw in [1, 2] {
        let (status, _) = attach(store, &w, tw, &[Part::File("laporan.pdf", &report)]).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
    }
    // One blob of two chunks (300000 > 262144), named by two attachments.
    assert_eq!(store.blob_counts().await.unwrap(), (1, 2));
    let first = evidence_ids(&page(store, &w, 1).await)[0];
    let second = evidence_ids(&page(store, &w, 2).await)[0];
    let remove = |id: i64| post(&format!("/bukti/{id}/hapus"), &w.cookie, Body::empty());
    assert_eq!(
        send(store, remove(first)).await.status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(store.blob_counts().await.unwrap(), (1, 2));
    let response = send(store, get(&format!("/bukti/{second}"), &w.cookie)).await;
    assert_eq!(body_bytes(response).await, report);
    assert_eq!(
        send(store, remove(second)).await.status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(store.blob_counts().await.unwrap(), (0, 0));
}
both!(same_file_twice, the_same_file_attached_twice_is_stored_once);

async fn a_renamed_program_or_another_archive_is_refused_by_its_content(store: &Store) {
    let w = world(store).await;
    let mut program = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00".to_vec();
    program.extend_from_slice(&[0x90; 400_000]);
    let (status, said) = attach(store, &w, 1, &[Part::File("laporan.pdf", &program)]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        said.contains("Berkas \u{201c}laporan.pdf\u{201d} tidak dapat dilampirkan"),
        "{said}"
    );
    let mut archive = b"PK\x03\x04".to_vec();
    archive.extend_from_slice(&[0; 22]);
    archive.extend_from_slice(&9u16.to_le_bytes());
    archive.extend_from_slice(&[0, 0]);
    archive.extend_from_slice(b"setup.exe");
    archive.extend_from_slice(&[1; 300_000]);
    let (status, said) = attach(store, &w, 1, &[Part::File("data.xlsx", &archive)]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(said.contains("\u{201c}data.xlsx\u{201d}"), "{said}");
    let html = b"<!DOCTYPE html><script>alert(1)</script>";
    let (status, _) = attach(store, &w, 1, &[Part::File("foto.png", html)]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, said) = attach(store, &w, 1, &[Part::Text("tautan", "javascript:alert(1)")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(said.contains("Tautan"), "{said}");
    // Nothing of them stays: no attachment, no bytes, not even a chunk written mid-way.
    assert_eq!(store.blob_counts().await.unwrap(), (0, 0));
    assert!(store.plan_evidence(w.plan).await.unwrap().is_empty());
}
both!(
    renamed_program_refused,
    a_renamed_program_or_another_archive_is_refused_by_its_content
);

/// A body of `total` bytes: a file part of a PDF's header and filler, sent in 64 KiB pieces as
/// the server asks for them; `read` counts what it took.
fn counted_upload(total: usize, read: Arc<AtomicU64>) -> Body {
    let mut head = multipart_body(&[Part::File("besar.pdf", b"%PDF-1.7\n")]);
    // Drop the closing boundary: the file goes on.
    head.truncate(head.len() - format!("\r\n--{}--\r\n", support::BOUNDARY).len());
    let pieces = futures::stream::unfold((0usize, Some(head)), move |(sent, head)| {
        let read = read.clone();
        async move {
            if sent >= total {
                return None;
            }
            let piece = head.unwrap_or_else(|| vec![b'x'; 64 * 1024]);
            read.fetch_add(piece.len() as u64, Ordering::SeqCst);
            Some((
                Ok::<_, std::io::Error>(axum::body::Bytes::from(piece)),
                (sent + 64 * 1024, None),
            ))
        }
    });
    Body::from_stream(pieces)
}

async fn a_file_over_the_limit_is_refused_before_it_is_read_whole(store: &Store) {
    let w = world(store).await;
    let limit = 1024 * 1024;
    let settings = Settings {
        evidence_max_bytes: Some(limit),
        ..Settings::default()
    };
    // 40 MB, streamed with no length: refused once the file passes 1 MB.
    let read = Arc::new(AtomicU64::new(0));
    let request = post(
        &w.slot(1),
        &w.cookie,
        counted_upload(40 << 20, read.clone()),
    );
    let response = send_with(store, settings.clone(), request).await;
    let status = response.status();
    let said = body_text(response).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{said}");
    assert!(said.contains("paling besar 1 MB"), "{said}");
    let taken = read.load(Ordering::SeqCst);
    assert!(
        taken < limit + 512 * 1024,
        "the server read {taken} bytes of a 40 MB upload with a 1 MB limit"
    );
    // A body that says its length up front is refused before a byte is read.
    let read = Arc::new(AtomicU64::new(0));
    let mut request = post(
        &w.slot(1),
        &w.cookie,
        counted_upload(40 << 20, read.clone()),
    );
    request
        .headers_mut()
        .insert(header::CONTENT_LENGTH, (40u64 << 20).into());
    let response = send_with(store, settings.clone(), request).await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(read.load(Ordering::SeqCst), 0);
    // What was written of it is gone.
    assert_eq!(store.blob_counts().await.unwrap(), (0, 0));
    assert!(store.plan_evidence(w.plan).await.unwrap().is_empty());
    // Exactly at the limit is taken.
    let body = multipart_body(&[Part::File("pas.pdf", &pdf(limit as usize, 3))]);
    let response = send_with(
        store,
        settings,
        post(&w.slot(1), &w.cookie, Body::from(body)),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
}
both!(
    over_the_limit,
    a_file_over_the_limit_is_refused_before_it_is_read_whole
);

async fn approve(store: &Store, plan: model::PlanId, quarter: Quarter, state: QuarterState) {
    let mut write = store.write_plan(plan).await.unwrap().unwrap();
    write.set_quarter_state(quarter, &state).await.unwrap();
    write.commit().await.unwrap();
}

async fn an_approved_quarters_evidence_is_locked_like_its_cells(store: &Store) {
    let w = world(store).await;
    let report = pdf(1000, 4);
    attach(store, &w, 1, &[Part::File("a.pdf", &report)]).await;
    let id = evidence_ids(&page(store, &w, 1).await)[0];
    let approved = QuarterState::Approved {
        by: "Kepala Lapas".into(),
        at: model::time::Timestamp(1_700_000_000),
    };
    approve(store, w.plan, Quarter::Q1, approved).await;
    let (status, said) = attach(store, &w, 1, &[Part::File("b.pdf", &pdf(1000, 5))]).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(
        said.contains("TW I sudah disetujui oleh Kepala Lapas"),
        "{said}"
    );
    let remove = post(&format!("/bukti/{id}/hapus"), &w.cookie, Body::empty());
    let response = send(store, remove).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    // The page shows why and offers no form.
    let locked = page(store, &w, 1).await;
    assert!(locked.contains("sudah disetujui"));
    assert!(!locked.contains("Lampirkan"));
    assert!(evidence_ids(&locked).is_empty());
    // The next quarter is open.
    let (status, _) = attach(store, &w, 2, &[Part::File("b.pdf", &pdf(1000, 5))]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(store.plan_evidence(w.plan).await.unwrap().len(), 2);
}
both!(
    approved_quarter_locked,
    an_approved_quarters_evidence_is_locked_like_its_cells
);

async fn a_file_of_another_units_plan_is_not_found(store: &Store) {
    let w = world(store).await;
    attach(store, &w, 1, &[Part::File("rahasia.pdf", &pdf(1000, 6))]).await;
    let id = evidence_ids(&page(store, &w, 1).await)[0];
    let elsewhere = common::person_in_unit(store, "UNIT LAIN", Role::Operator).await;
    let stranger = common::cookie(store, &elsewhere).await;
    let response = send(store, get(&format!("/bukti/{id}"), &stranger)).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(!body_text(response).await.contains("rahasia"));
    let remove = post(&format!("/bukti/{id}/hapus"), &stranger, Body::empty());
    assert_eq!(send(store, remove).await.status(), StatusCode::NOT_FOUND);
    let (status, _) = {
        let request = post(
            &w.slot(1),
            &stranger,
            Body::from(multipart_body(&[Part::File("x.pdf", &pdf(1000, 7))])),
        );
        let response = send(store, request).await;
        (response.status(), ())
    };
    assert_eq!(status, StatusCode::FORBIDDEN);
    // A pimpinan of the unit reads it but may not attach or remove.
    let unit = store.plan_unit(w.plan).await.unwrap().unwrap();
    let head = common::person(
        store,
        &[Grant {
            unit,
            role: Role::Pimpinan,
        }],
    )
    .await;
    let head = common::cookie(store, &head).await;
    let response = send(store, get(&format!("/bukti/{id}"), &head)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let remove = post(&format!("/bukti/{id}/hapus"), &head, Body::empty());
    assert_eq!(send(store, remove).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(store.plan_evidence(w.plan).await.unwrap().len(), 1);
    // An indicator of another plan is not part of this one.
    let foreign = format!("/rencana/{}/bukti/indikator/987654/tw/1", w.plan);
    assert_eq!(
        send(store, get(&foreign, &w.cookie)).await.status(),
        StatusCode::NOT_FOUND
    );
}
both!(
    another_units_file,
    a_file_of_another_units_plan_is_not_found
);

async fn bytes_that_went_missing_are_shown_as_missing(kind: common::Kind) {
    let _serial = common::SERIAL.lock().await;
    let db = common::TestDb::new(kind).await;
    let store = &db.store;
    let w = world(store).await;
    attach(store, &w, 1, &[Part::File("hilang.pdf", &pdf(1000, 8))]).await;
    let id = evidence_ids(&page(store, &w, 1).await)[0];
    let lose = "DELETE FROM evidence_chunks; DELETE FROM evidence_blobs;";
    db.execute_script((lose, lose)).await;
    let listed = page(store, &w, 1).await;
    assert!(listed.contains("hilang.pdf"));
    assert!(listed.contains("berkas hilang"), "{listed}");
    let response = send(store, get(&format!("/bukti/{id}"), &w.cookie)).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(body_text(response).await.contains("hilang"));
    // It can still be removed.
    let remove = post(&format!("/bukti/{id}/hapus"), &w.cookie, Body::empty());
    assert_eq!(send(store, remove).await.status(), StatusCode::SEE_OTHER);
    db.finish().await;
}
both_kinds!(missing_bytes, bytes_that_went_missing_are_shown_as_missing);

async fn unfinished_uploads_and_unnamed_bytes_are_purged(store: &Store) {
    let w = world(store).await;
    // An upload whose server died an hour and more ago, and one still arriving.
    let abandoned = store.begin_blob(model::time::Timestamp(0)).await.unwrap();
    store.write_chunk(abandoned, 0, b"%PDF-half").await.unwrap();
    let arriving = store.begin_blob(server::clock::now()).await.unwrap();
    store.write_chunk(arriving, 0, b"%PDF-now").await.unwrap();
    // A file whose indicator is removed: its attachment goes with it, its bytes stay unnamed.
    attach(store, &w, 3, &[Part::File("x.pdf", &pdf(1000, 9))]).await;
    let mut write = store.write_plan(w.plan).await.unwrap().unwrap();
    write
        .change_structure(&model::edit::structure::StructureEdit::RemoveIndicator {
            indicator: w.indicator,
        })
        .await
        .unwrap();
    write.commit().await.unwrap();
    assert_eq!(store.blob_counts().await.unwrap(), (3, 3));
    let purged = server::ops::purge::purge(store, server::clock::now())
        .await
        .unwrap();
    assert_eq!(purged.evidence_blobs, 2);
    assert_eq!(store.blob_counts().await.unwrap(), (1, 1));
}
both!(purge, unfinished_uploads_and_unnamed_bytes_are_purged);
