//! Upgrades move forward only. A database that has applied a migration this binary does not
//! carry was written by a newer Pantau: the store, `pantau serve` and every other command refuse
//! it, saying which version it has and which this binary supports, and touch nothing; a running
//! server that meets one (another app server on the same PostgreSQL was upgraded) stops being
//! ready. `pantau --version` names both the release and the schema version.

#![allow(clippy::unwrap_used)]

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{cli, Kind, TestDb};
use server::storage::schema::{newest_known, SchemaState};
use server::storage::{Store, StoreError};

/// The row a newer Pantau's migration `version` leaves, as sqlx writes it (`(sqlite, postgres)`).
fn applied_by_a_newer_pantau(version: i64) -> (String, String) {
    let insert = |checksum: &str| {
        format!(
            "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
             VALUES ({version}, 'from a newer Pantau', TRUE, {checksum}, 1)"
        )
    };
    (insert("X'00'"), insert("decode('00', 'hex')"))
}

/// `GET /readyz` of a server on `store`: the status and the words.
async fn readyz(store: &Store) -> (StatusCode, String) {
    let request = Request::builder()
        .uri("/readyz")
        .body(Body::empty())
        .unwrap();
    let response = common::web::send(store, request).await;
    (response.status(), common::web::text(response).await)
}

async fn a_database_written_by_a_newer_pantau_is_refused_and_left_as_it_is(kind: Kind) {
    let _serial = common::SERIAL.lock().await;
    let db = TestDb::new(kind).await;
    common::demo_plan(&db.store).await;
    assert_eq!(readyz(&db.store).await, (StatusCode::OK, "ok".into()));
    let future = newest_known() + 1;
    let (sqlite, postgres) = applied_by_a_newer_pantau(future);
    db.execute_script((&sqlite, &postgres)).await;
    let before = db.dump().await;

    let refused = Store::connect(&db.url()).await.unwrap_err();
    assert!(
        matches!(refused, StoreError::NewerSchema { database, supported }
            if database == future && supported == newest_known()),
        "{refused}"
    );
    let serve = cli::pantau(&["serve"], &db.url());
    assert!(!serve.ok, "{serve:?}");
    for said in [refused.to_string(), serve.stderr.clone()] {
        assert!(
            said.contains(&format!("schema version {future}"))
                && said.contains(&format!("up to {}", newest_known())),
            "{said}"
        );
    }
    assert_eq!(db.dump().await, before, "nothing was migrated or written");

    // The server already running on it is no longer ready, and says why.
    let (status, said) = readyz(&db.store).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(said.contains(&format!("schema version {future}")), "{said}");
    db.finish().await;
}
both_kinds!(
    newer_database,
    a_database_written_by_a_newer_pantau_is_refused_and_left_as_it_is
);

async fn a_database_still_to_be_migrated_is_not_ready(kind: Kind) {
    let _serial = common::SERIAL.lock().await;
    let db = TestDb::new(kind).await;
    let newest = newest_known();
    let forget = format!("DELETE FROM _sqlx_migrations WHERE version = {newest}");
    db.execute_script((&forget, &forget)).await;
    // The newest one left (migration numbers may skip one that another branch holds).
    let database = match db.store.schema_state().await.unwrap() {
        SchemaState::Behind {
            database,
            supported,
        } if supported == newest && database < newest && database >= newest - 2 => database,
        other => panic!("{other:?}"),
    };
    let (status, said) = readyz(&db.store).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{said}");
    assert!(
        said.contains(&format!("schema version {database}")),
        "{said}"
    );
    db.finish().await;
}
both_kinds!(
    database_behind,
    a_database_still_to_be_migrated_is_not_ready
);

#[test]
fn the_version_names_the_release_and_the_schema_it_runs_on() {
    let ran = cli::pantau(&["--version"], "sqlite://nowhere/never-opened.db");
    assert!(ran.ok, "{ran:?}");
    assert_eq!(
        ran.stdout.trim(),
        format!(
            "pantau {} (schema version {})",
            env!("CARGO_PKG_VERSION"),
            newest_known()
        )
    );
}

async fn healthz_answers_while_the_database_does_not_and_readyz_says_so(kind: Kind) {
    let _serial = common::SERIAL.lock().await;
    let db = TestDb::new(kind).await;
    db.store.close().await;
    let request = Request::builder()
        .uri("/healthz")
        .body(Body::empty())
        .unwrap();
    let response = common::web::send(&db.store, request).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(common::web::text(response).await, "ok");
    let (status, said) = readyz(&db.store).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        said.starts_with("not ready: the database does not answer"),
        "{said}"
    );
    db.finish().await;
}
both_kinds!(
    database_down,
    healthz_answers_while_the_database_does_not_and_readyz_says_so
);

#[tokio::test]
async fn every_page_names_the_release_in_its_footer() {
    let _serial = common::SERIAL.lock().await;
    let db = TestDb::new(Kind::Sqlite).await;
    let footer = format!(
        "<footer class=\"site-footer\">Pantau {}</footer>",
        env!("CARGO_PKG_VERSION")
    );
    for (path, signed_in) in [("/masuk", false), ("/", true)] {
        let cookie = if signed_in {
            Some(common::everyone_cookie(&db.store).await)
        } else {
            None
        };
        let (status, page) = common::web::get_with(&db.store, path, cookie).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(page.contains(&footer), "{path}: {page}");
    }
    db.finish().await;
}

#[path = "upgrade_story/previous_release.rs"]
mod previous_release;
