//! `pantau check-config` says what `serve` would run with and refuses, by name, every setting
//! that would stop or mislead it; it changes nothing, not even a database it could migrate.

#![allow(clippy::unwrap_used)]

mod common;

use common::cli::pantau_with;
use common::{Kind, TestDb};
use server::storage::schema::newest_known;

/// A site folder as the build leaves it (only its `pkg` folder is looked for).
fn site() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("pantau_check_site_{}", std::process::id()));
    std::fs::create_dir_all(dir.join("pkg")).unwrap();
    dir
}

#[tokio::test]
async fn a_sound_configuration_is_printed_and_nothing_is_created_or_migrated() {
    let site = site();
    let site = site.to_str().unwrap();
    let missing = std::env::temp_dir().join(format!("pantau_check_{}/p.db", std::process::id()));
    let url = format!("sqlite://{}", missing.display());
    let env = [
        ("LEPTOS_SITE_ROOT", site),
        ("LEPTOS_OUTPUT_NAME", "pantau"),
        ("PANTAU_PUBLIC_ORIGIN", "https://pantau.example.go.id"),
    ];
    let ran = pantau_with(&["check-config"], &url, &env);
    assert!(ran.ok, "{ran:?}");
    for said in [
        "does not exist yet, created at the first start",
        "LEPTOS_SITE_ADDR             127.0.0.1:0",
        "PANTAU_PUBLIC_ORIGIN         https://pantau.example.go.id",
        "warning: PANTAU_PUBLIC_ORIGIN is https but PANTAU_SECURE_COOKIES is not 1",
    ] {
        assert!(ran.stdout.contains(said), "{said}: {}", ran.stdout);
    }
    assert!(!missing.exists(), "check-config created the database");

    // A database one migration behind is reported, and left behind.
    let db = TestDb::new(Kind::Sqlite).await;
    let forget = format!(
        "DELETE FROM _sqlx_migrations WHERE version = {}",
        newest_known()
    );
    db.execute_script((&forget, &forget)).await;
    let before = db.dump().await;
    let ran = pantau_with(&["check-config"], &db.url(), &env);
    assert!(ran.ok, "{ran:?}");
    // The newest migration left (numbers may skip one that another branch holds).
    let database = match db.store.schema_state().await.unwrap() {
        server::storage::schema::SchemaState::Behind { database, .. } => database,
        other => panic!("{other:?}"),
    };
    assert!(database < newest_known() && database >= newest_known() - 2);
    let behind = format!(
        "schema version {database}: migrated to {} at the next start",
        newest_known()
    );
    assert!(ran.stdout.contains(&behind), "{}", ran.stdout);
    assert_eq!(db.dump().await, before);
    db.finish().await;
}

#[tokio::test]
async fn every_broken_setting_is_refused_by_name() {
    let site = site();
    let site = site.to_str().unwrap();
    let db = TestDb::new(Kind::Sqlite).await;
    let newer = format!(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         VALUES ({}, 'from a newer Pantau', TRUE, X'00', 1)",
        newest_known() + 1
    );
    db.execute_script((&newer, &newer)).await;
    let ran = pantau_with(
        &["check-config"],
        &db.url(),
        &[
            ("LEPTOS_SITE_ROOT", "/nowhere/site"),
            ("LEPTOS_OUTPUT_NAME", "pantau"),
            ("PANTAU_PUBLIC_ORIGIN", "pantau.example.go.id"),
            ("PANTAU_TRUSTED_PROXY_HEADER", "X Forwarded For"),
        ],
    );
    assert!(!ran.ok, "{ran:?}");
    // The settings are read in turn: the origin's refusal hides the proxy header's.
    for said in [
        format!("schema version {}", newest_known() + 1),
        "LEPTOS_SITE_ROOT /nowhere/site: there is no /nowhere/site/pkg folder".into(),
        "PANTAU_PUBLIC_ORIGIN must be scheme://host[:port]".into(),
    ] {
        assert!(ran.stderr.contains(&said), "{said}: {}", ran.stderr);
    }
    for (name, value, said) in [
        (
            "LEPTOS_SITE_ADDR",
            "nonsense",
            "LEPTOS_SITE_ADDR is an address and port",
        ),
        (
            "PANTAU_SECURE_COOKIES",
            "yes",
            "PANTAU_SECURE_COOKIES must be 1",
        ),
        ("LEPTOS_OUTPUT_NAME", "", "LEPTOS_OUTPUT_NAME is empty"),
    ] {
        let mut env = vec![("LEPTOS_SITE_ROOT", site), ("LEPTOS_OUTPUT_NAME", "pantau")];
        env.push((name, value));
        let ran = pantau_with(&["check-config"], "sqlite::memory:", &env);
        assert!(!ran.ok, "{name}={value}: {ran:?}");
        assert!(ran.stderr.contains(said), "{said}: {}", ran.stderr);
        assert!(
            ran.stderr.contains("in-memory database keeps nothing"),
            "{}",
            ran.stderr
        );
    }
    let ran = pantau_with(&["check-config"], "mysql://pantau@db/pantau", &[]);
    assert!(
        ran.stderr.contains("`mysql` is not supported"),
        "{}",
        ran.stderr
    );
    db.finish().await;
}
