//! The pages, rendered in-process by the real router on a fresh database: what a browser with
//! JavaScript off receives.

#![allow(clippy::unwrap_used)]

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use leptos::prelude::LeptosOptions;
use server::import::import_sheet;
use server::import::DEMO_SHEET;
use server::router::router;
use server::storage::Store;
use tower::ServiceExt;

fn options() -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("pantau")
        .site_pkg_dir("pkg")
        .build()
}

async fn get(store: &Store, path: &str) -> (StatusCode, String) {
    let app = router(store.clone(), options());
    let response = app
        .oneshot(
            Request::builder()
                .uri(path)
                .header(
                    axum::http::header::COOKIE,
                    common::everyone_cookie(store).await,
                )
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    (status, String::from_utf8(bytes.to_vec()).unwrap())
}

async fn the_home_page_lists_stored_plans_with_their_budget(store: &Store) {
    let report = import_sheet(store, DEMO_SHEET).await.unwrap();
    let (status, html) = get(store, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("LEMBAGA PEMASYARAKATAN KELAS IIB LUWUK"),
        "{html}"
    );
    assert!(html.contains("9.485.886.000"));
    assert!(html.contains(&format!("/rencana/{}", report.plan_id())));
}

async fn the_plan_page_is_rendered_in_full_on_the_server(store: &Store) {
    let report = import_sheet(store, DEMO_SHEET).await.unwrap();
    let (status, html) = get(store, &format!("/rencana/{}", report.plan_id())).await;
    assert_eq!(status, StatusCode::OK);
    for expected in [
        "Persentase pemenuhan layanan makanan bagi Tahanan/ Narapidana/ Anak sesuai dengan standar",
        "5.160.600.000",
        "464.229.000",
        "636.431.901",
        "Dokumen Kontrak, SIMonev BAMA, BASTBahan Makanan",
        // The RPD check, with its difference, next to the security activity.
        "Total RPD Rp 77.545.000 tidak sama dengan pagu Rp 67.345.000: lebih Rp 10.200.000",
        "NIP. 197009121993031001",
        "Tahun Anggaran 2024",
    ] {
        assert!(html.contains(expected), "missing {expected:?}");
    }
}

async fn an_unknown_plan_says_so(store: &Store) {
    let (_, html) = get(store, "/rencana/4242").await;
    assert!(
        html.contains("Rencana nomor 4242 tidak ditemukan"),
        "{html}"
    );
}

async fn an_unknown_address_is_a_404_page(store: &Store) {
    let (status, html) = get(store, "/tidak-ada").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("Halaman tidak ditemukan"));
}

both!(
    home_page,
    the_home_page_lists_stored_plans_with_their_budget
);
both!(plan_page, the_plan_page_is_rendered_in_full_on_the_server);
both!(unknown_plan, an_unknown_plan_says_so);
both!(unknown_address, an_unknown_address_is_a_404_page);

async fn a_large_plan_shows_one_goal_at_a_time(store: &Store) {
    let plan = model::synthetic::synthetic_plan(300);
    let goals = plan.goals.len();
    let per_goal = plan.goals[1].indicators.len();
    let server::storage::InsertOutcome::Created(id) = store.insert_plan(&plan).await.unwrap()
    else {
        panic!("a new plan")
    };
    let count = |html: &str| html.matches("class=\"indicator\"").count();
    let (_, first) = get(store, &format!("/rencana/{id}")).await;
    assert_eq!(count(&first), plan.goals[0].indicators.len());
    assert!(first.contains("?sasaran=semua"));
    let (_, second) = get(store, &format!("/rencana/{id}?sasaran=2")).await;
    assert_eq!(count(&second), per_goal);
    assert!(second.contains("id=\"sasaran-2\""));
    let (_, all) = get(store, &format!("/rencana/{id}?sasaran=semua")).await;
    assert_eq!(count(&all), 300);
    assert!(goals > 1);
}
both!(
    large_plan_one_goal_at_a_time,
    a_large_plan_shows_one_goal_at_a_time
);
