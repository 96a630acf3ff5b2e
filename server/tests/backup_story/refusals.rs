//! What a backup or restore refuses, and that a refusal leaves every file as it was.

use super::common::{self, dump_url, Kind, TestDb};
use super::{fresh_path, remove, url};
use server::ops::backup::{backup, restore, BackupError};
use server::storage::schema::newest_known;
use sqlx::{Connection, Executor};
use std::path::{Path, PathBuf};

/// A backup of a database holding the demo plan and its people.
async fn demo_backup() -> (TestDb, PathBuf) {
    let db = TestDb::new(Kind::Sqlite).await;
    common::filled::every_kind_of_row(&db.store).await;
    let file = fresh_path("cadangan.db");
    backup(&db.url(), &file).await.unwrap();
    (db, file)
}

async fn run_sql(path: &Path, sql: &str) {
    let mut conn = sqlx::SqliteConnection::connect(&format!("{}?mode=rwc", url(path)))
        .await
        .unwrap();
    conn.execute(sql).await.unwrap();
    conn.close().await.unwrap();
}

#[tokio::test]
async fn a_backup_never_overwrites_a_file_and_sends_postgresql_to_pg_dump() {
    let _serial = common::SERIAL.lock().await;
    let db = TestDb::new(Kind::Sqlite).await;
    common::demo_plan(&db.store).await;
    let taken = fresh_path("ada.db");
    std::fs::write(&taken, "milik orang lain").unwrap();
    let refused = backup(&db.url(), &taken).await.unwrap_err();
    assert!(matches!(refused, BackupError::Exists(_)), "{refused}");
    assert_eq!(std::fs::read_to_string(&taken).unwrap(), "milik orang lain");
    let postgres = "postgres://pantau@127.0.0.1/pantau";
    let refused = backup(postgres, &fresh_path("pg.db")).await.unwrap_err();
    assert!(refused.to_string().contains("pg_dump"), "{refused}");
    let refused = restore(postgres, &taken, false).await.unwrap_err();
    assert!(refused.to_string().contains("pg_restore"), "{refused}");
    let missing = fresh_path("tidak-ada.db");
    let refused = backup(&url(&missing), &fresh_path("x.db"))
        .await
        .unwrap_err();
    assert!(matches!(refused, BackupError::NoDatabase(_)), "{refused}");
    assert!(!missing.exists(), "a backup creates no database");
    remove(&taken);
    db.finish().await;
}

#[tokio::test]
async fn a_database_with_data_is_replaced_only_when_forced_never_while_open_and_is_kept() {
    let _serial = common::SERIAL.lock().await;
    let (source, file) = demo_backup().await;
    let target = TestDb::new(Kind::Sqlite).await;
    common::person_in_unit(&target.store, "UNIT SASARAN", model::access::Role::Admin).await;
    let old = target.dump().await;

    let refused = restore(&target.url(), &file, false).await.unwrap_err();
    assert!(
        matches!(refused, BackupError::TargetHoldsData(_)),
        "{refused}"
    );
    assert!(refused.to_string().contains("--force"), "{refused}");
    // The server has it open.
    let refused = restore(&target.url(), &file, true).await.unwrap_err();
    assert!(matches!(refused, BackupError::InUse(_)), "{refused}");
    assert_eq!(
        target.dump().await,
        old,
        "a refused restore changes nothing"
    );

    target.store.close().await;
    let done = restore(&target.url(), &file, true).await.unwrap();
    assert_eq!(target.dump().await, source.dump().await);
    let kept = done.kept.clone().expect("the replaced database is kept");
    assert_eq!(dump_url(&url(&kept)).await, old, "{}", kept.display());
    assert!(done.to_string().contains(&kept.display().to_string()));
    remove(&kept);
    remove(&file);
    target.finish().await;
    source.finish().await;
}

#[tokio::test]
async fn a_restore_refuses_what_is_not_a_sound_pantau_database_this_binary_can_run() {
    let _serial = common::SERIAL.lock().await;
    let (source, file) = demo_backup().await;
    let target = fresh_path("sasaran.db");
    let refuses = |file: PathBuf, expected: &'static str| {
        let target = target.clone();
        async move {
            let refused = restore(&url(&target), &file, false).await.unwrap_err();
            let kind = format!("{refused:?}");
            assert!(
                expected.split('|').any(|e| kind.starts_with(e)),
                "{}: expected {expected}, got {refused}",
                file.display()
            );
            assert!(!target.exists(), "nothing was put in place");
            refused
        }
    };

    let text = fresh_path("teks.db");
    std::fs::write(&text, "ini bukan basis data\n".repeat(200)).unwrap();
    refuses(text.clone(), "Unreadable").await;

    let other = fresh_path("lain.db");
    run_sql(&other, "CREATE TABLE catatan (isi TEXT)").await;
    refuses(other.clone(), "NotPantau").await;

    let copy = |name: &str| {
        let path = fresh_path(name);
        std::fs::copy(&file, &path).unwrap();
        path
    };
    let newer = copy("baru.db");
    let future = newest_known() + 1;
    run_sql(
        &newer,
        &format!(
            "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
             VALUES ({future}, 'from a newer Pantau', TRUE, X'00', 1)"
        ),
    )
    .await;
    let refused = refuses(newer.clone(), "Newer").await;
    let said = refused.to_string();
    assert!(
        said.contains(&format!("version {future}"))
            && said.contains(&format!("up to {}", newest_known())),
        "{said}"
    );

    let edited = copy("diubah.db");
    run_sql(
        &edited,
        "UPDATE _sqlx_migrations SET checksum = X'00' WHERE version = 1",
    )
    .await;
    refuses(edited.clone(), "Foreign").await;

    // Bytes overwritten in the middle of the file: a disk or a copy gone wrong.
    let damaged = copy("rusak.db");
    let mut bytes = std::fs::read(&damaged).unwrap();
    let middle = bytes.len() / 2 / 4096 * 4096;
    bytes[middle..middle + 4096].fill(0x5a);
    std::fs::write(&damaged, bytes).unwrap();
    refuses(damaged.clone(), "Damaged|Unreadable").await;

    for path in [text, other, newer, edited, damaged, file] {
        remove(&path);
    }
    source.finish().await;
}
