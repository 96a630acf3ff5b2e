//! One log line per request, with what an operator needs to find it again: the request's id
//! (which every error message shows), method, path, the person who asked, status and duration.

#![allow(clippy::unwrap_used)]

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{Kind, TestDb};
use model::access::{Grant, Role};
use std::sync::{Arc, Mutex};

/// Log output kept in memory.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    /// The captured lines that carry the request id `id`.
    fn lines_of(&self, id: &str) -> Vec<String> {
        let text = String::from_utf8(self.0.lock().unwrap().clone()).unwrap();
        text.lines()
            .filter(|l| l.contains(&format!("id={id}")))
            .map(str::to_owned)
            .collect()
    }
}

#[tokio::test]
async fn every_request_leaves_one_line_with_its_id_person_status_and_duration() {
    let _serial = common::SERIAL.lock().await;
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .with_max_level(tracing::Level::DEBUG)
        .finish();
    let _logging = tracing::subscriber::set_default(subscriber);
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
