//! One log line per request, with what an operator needs to find it again: the request's id
//! (which every error message shows), method, path, the person who asked, status and duration.

#![allow(clippy::unwrap_used)]

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{Kind, TestDb};
use model::access::{Grant, Role};
use tower::ServiceExt;

#[tokio::test]
async fn every_request_leaves_one_line_with_its_id_person_status_and_duration() {
    let _serial = common::SERIAL.lock().await;
    let (captured, _logging) = common::logs::capture(tracing::Level::DEBUG);
    let db = TestDb::new(Kind::Sqlite).await;
    let unit = db
        .store
        .unit_or_new_top("UNIT UJI", &common::cli())
        .await
        .unwrap();
    let who = common::person(
        &db.store,
        &[Grant {
            unit,
            role: Role::Admin,
        }],
    )
    .await;
    let cookie = common::cookie(&db.store, &who).await;

    let asks = [
        (
            "/admin",
            Some(cookie.as_str()),
            StatusCode::OK,
            Some(who.id.0),
        ),
        (
            "/rencana/999",
            Some(cookie.as_str()),
            StatusCode::NOT_FOUND,
            Some(who.id.0),
        ),
        ("/masuk", None, StatusCode::OK, None),
        ("/healthz", None, StatusCode::OK, None),
    ];
    for (path, cookie, status, person) in asks {
        let mut request = Request::builder().uri(path);
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        let response = common::web::send(&db.store, request.body(Body::empty()).unwrap()).await;
        assert_eq!(response.status(), status, "{path}");
        let id = response.headers()["x-request-id"]
            .to_str()
            .unwrap()
            .to_owned();
        let answered: Vec<String> = captured
            .lines_of(&id)
            .into_iter()
            .filter(|l| l.contains("answered"))
            .collect();
        assert_eq!(answered.len(), 1, "{path}: {answered:?}");
        let line = &answered[0];
        let level = if path == "/healthz" { "DEBUG" } else { " INFO" };
        assert!(line.contains(level), "{line}");
        assert!(line.contains(&format!("method=GET path={path}")), "{line}");
        assert!(
            line.contains(&format!("status={}", status.as_u16())),
            "{line}"
        );
        assert!(line.contains(" ms="), "{line}");
        match person {
            Some(person) => assert!(line.contains(&format!("person={person}")), "{line}"),
            None => assert!(!line.contains("person="), "{line}"),
        }
    }
    db.finish().await;
}

/// The value of `series` in a `/metrics` answer.
fn value(text: &str, series: &str) -> f64 {
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{series} ")))
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("{series} in\n{text}"))
}

async fn metrics(store: &server::storage::Store, on: bool) -> (StatusCode, String) {
    let settings = server::config::Settings {
        metrics: on,
        ..Default::default()
    };
    let request = Request::builder()
        .uri("/metrics")
        .header(header::COOKIE, common::everyone_cookie(store).await)
        .body(Body::empty())
        .unwrap();
    let response =
        server::http::router::router_with(store.clone(), common::web::options(), settings)
            .oneshot(request)
            .await
            .unwrap();
    (response.status(), common::web::text(response).await)
}

#[tokio::test]
async fn metrics_count_requests_pushes_conflicts_and_failed_sign_ins_only_when_asked_for() {
    let _serial = common::SERIAL.lock().await;
    let db = TestDb::new(Kind::Sqlite).await;
    let store = &db.store;
    let (status, _) = metrics(store, false).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "off unless configured");
    let (status, before) = metrics(store, true).await;
    assert_eq!(status, StatusCode::OK);

    let plan = common::demo_plan(store).await;
    let operator = common::operator(store, plan).await;
    let stored = store.load_plan_unchecked(plan).await.unwrap().unwrap();
    let field = model::edit::Field::Report(
        stored.goals[0].indicators[0].id.unwrap(),
        model::Quarter::Q1,
        model::edit::ReportField::Numerator,
    );
    common::filled::two_clients_type(store, &operator, plan, field).await;
    let wrong = common::web::form_post("/api/masuk", "username=tidak.ada&password=salah");
    let response = common::web::send(store, wrong).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    let (_, after) = metrics(store, true).await;
    let grew = |series: &str| value(&after, series) - value(&before, series);
    assert_eq!(grew("pantau_sync_pushes_total"), 1.0);
    assert_eq!(grew("pantau_sync_edits_total"), 2.0);
    assert_eq!(grew("pantau_sync_conflicts_total"), 1.0);
    assert_eq!(grew("pantau_sign_in_failures_total"), 1.0);
    // At least the sign-in's redirect and the first /metrics (a 2xx) since `before`.
    assert!(
        grew("pantau_requests_total{class=\"3xx\"}") >= 1.0,
        "{after}"
    );
    assert!(
        grew("pantau_requests_total{class=\"2xx\"}") >= 1.0,
        "{after}"
    );
    assert!(
        grew("pantau_request_duration_seconds_count") >= 2.0,
        "{after}"
    );
    assert!(after.contains("# TYPE pantau_request_duration_seconds histogram"));
    db.finish().await;
}
