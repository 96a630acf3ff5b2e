//! PostgreSQL is backed up with its own tools: the commands the README gives round-trip a
//! database, every table equal, and a server runs on the restored one.

use super::common::{self, dump_url, Kind, TestDb};
use super::fresh_path;
use server::storage::schema::SchemaState;
use server::storage::Store;
use sqlx::{Connection, Executor};

/// Runs a PostgreSQL client tool as the README does; its output goes to the test's log.
fn run(tool: &str, args: &[&str]) {
    let output = std::process::Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} must be installed (postgresql-client): {e}"));
    assert!(
        output.status.success(),
        "{tool} {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[tokio::test]
async fn pg_dump_and_pg_restore_as_the_readme_gives_them_round_trip_a_database() {
    if std::env::var("PANTAU_TEST_POSTGRES_URL").is_err() {
        println!("skipped: PANTAU_TEST_POSTGRES_URL is not set, so there is no PostgreSQL to dump");
        return;
    }
    let _serial = common::SERIAL.lock().await;
    let db = TestDb::new(Kind::Postgres).await;
    common::filled::every_kind_of_row(&db.store).await;
    let before = db.dump().await;
    let file = fresh_path("pantau.dump");
    let file_arg = file.display().to_string();
    run(
        "pg_dump",
        &["--format=custom", "--file", &file_arg, &db.url()],
    );

    let (admin_url, name) = common::fresh_postgres_database().await;
    let restored = common::database_url(&admin_url, &name);
    run(
        "pg_restore",
        &[
            "--no-owner",
            "--exit-on-error",
            "--dbname",
            &restored,
            &file_arg,
        ],
    );
    assert_eq!(dump_url(&restored).await, before);
    // A server opens it with nothing left to migrate, and new rows continue its ids.
    let store = Store::connect(&restored).await.unwrap();
    assert_eq!(store.schema_state().await.unwrap(), SchemaState::Current);
    common::person_in_unit(&store, "UNIT BARU", model::access::Role::Operator).await;
    store.close().await;

    let _ = std::fs::remove_file(&file);
    let mut admin = sqlx::PgConnection::connect(&admin_url).await.unwrap();
    admin
        .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
        .await
        .unwrap();
    db.finish().await;
}
