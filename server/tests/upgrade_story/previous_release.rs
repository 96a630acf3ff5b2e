//! A database the previous release left, full of real data, upgraded by this binary. The
//! previous release ran on the migrations before `0009_field_text_form` (which named a stored
//! field by its text form alone; before it, `field_versions` and `sync_conflicts` also kept
//! serde's JSON of the field, beside the text form in `field_key`).
//!
//! A database of this binary is filled (the demo plan, people, edits, an offline conflict),
//! and every row of it written, as the previous release would have stored it, into a database
//! at the previous schema. Opening that one runs the remaining migrations; then every table
//! must read the same as the original, and the upgraded server must go on working.
//! When a later migration changes a table's columns, `as_the_previous_release_stored_it`
//! learns its previous shape: 0010 turned money from rust_decimal's text (`budget`) into sen
//! (`budget_sen`).
//! When a later migration adds a column, `LATER_COLUMNS` leaves it out of the previous
//! release's rows (and the test clears it in the original first: that release could not hold it).
//! A table added later (`LATER_TABLES`) is left out whole.

use super::common::{self, dump_url, Kind, TestDb};
use model::edit::{Field, FieldEdit, ReportField};
use model::Quarter;
use server::usecases::editing::save_fields;
use sqlx::{AnyConnection, Connection};

/// The first migration the previous release did not have.
const FIRST_NEW: i64 = 9;

/// Columns added after the previous release: (table, column).
const LATER_COLUMNS: [(&str, &str); 1] = [("units", "time_zone")];

/// Tables added after the previous release (empty in the original: that release could not
/// hold them). `plan_standings` is filled when the upgraded server starts
/// (`Store::fill_missing_standings`), so it must read the same.
const LATER_TABLES: [&str; 5] = [
    "plan_standings",
    "report_deadlines",
    "evidence",
    "evidence_blobs",
    "evidence_chunks",
];

/// A column's value as an SQL literal, and as text (for the field's JSON).
struct Value {
    literal: String,
    text: Option<String>,
}

async fn rows(
    conn: &mut AnyConnection,
    sqlite: bool,
    table: &str,
    columns: &[String],
) -> Vec<Vec<Value>> {
    let select = columns
        .iter()
        .map(|c| {
            if sqlite {
                format!("quote(\"{c}\"), CAST(\"{c}\" AS TEXT)")
            } else {
                format!("quote_nullable(\"{c}\"), CAST(\"{c}\" AS TEXT)")
            }
        })
        .collect::<Vec<_>>()
        .join(", ");
    let rows = sqlx::query(&format!("SELECT {select} FROM \"{table}\""))
        .fetch_all(&mut *conn)
        .await
        .expect("read a table");
    rows.iter()
        .map(|row| {
            use sqlx::Row;
            (0..columns.len())
                .map(|i| Value {
                    literal: row.get(2 * i),
                    text: row.get(2 * i + 1),
                })
                .collect()
        })
        .collect()
}

/// The tables and columns of the database, in column order.
async fn tables(conn: &mut AnyConnection, sqlite: bool) -> Vec<(String, Vec<String>)> {
    let names: Vec<String> = if sqlite {
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    } else {
        sqlx::query_scalar(
            "SELECT CAST(table_name AS TEXT) FROM information_schema.tables \
             WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
        )
    }
    .fetch_all(&mut *conn)
    .await
    .expect("list the tables");
    let mut out = Vec::new();
    for name in names {
        let columns: Vec<String> = if sqlite {
            sqlx::query_scalar("SELECT name FROM pragma_table_info(?) ORDER BY cid")
        } else {
            sqlx::query_scalar(
                "SELECT CAST(column_name AS TEXT) FROM information_schema.columns \
                 WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position",
            )
        }
        .bind(&name)
        .fetch_all(&mut *conn)
        .await
        .expect("list the columns");
        out.push((name, columns));
    }
    out
}

/// Every row of the database at `url` as the previous release stored it: INSERTs into its
/// schema (foreign keys off while they run; PostgreSQL's id sequences set after).
async fn as_the_previous_release_stored_it(url: &str) -> String {
    let sqlite = url.starts_with("sqlite:");
    sqlx::any::install_default_drivers();
    let mut conn = AnyConnection::connect(url).await.expect("connect");
    let mut script = String::from(if sqlite {
        "PRAGMA foreign_keys = OFF;\n"
    } else {
        "SET session_replication_role = replica;\n"
    });
    // Inserting ids moves SQLite's AUTOINCREMENT counters: they are written last, as they were.
    let mut counters = String::from("DELETE FROM sqlite_sequence;\n");
    for (table, columns) in tables(&mut conn, sqlite).await {
        if table == "_sqlx_migrations" || LATER_TABLES.contains(&table.as_str()) {
            continue;
        }
        let into = if table == "sqlite_sequence" {
            &mut counters
        } else {
            &mut script
        };
        let columns: Vec<String> = columns
            .into_iter()
            .filter(|c| !LATER_COLUMNS.contains(&(table.as_str(), c.as_str())))
            .collect();
        let field_at = columns.iter().position(|c| c == "field");
        let money = matches!(table.as_str(), "activities" | "activity_quarters");
        let renamed = matches!(table.as_str(), "field_versions" | "sync_conflicts");
        for row in rows(&mut conn, sqlite, &table, &columns).await {
            let mut names: Vec<String> = columns.iter().map(|c| format!("\"{c}\"")).collect();
            let mut values: Vec<String> = row.iter().map(|v| v.literal.clone()).collect();
            for (at, column) in columns.iter().enumerate() {
                let Some(old) = column.strip_suffix("_sen").filter(|_| money) else {
                    continue;
                };
                // Before 0010: the amount as rust_decimal's text, the way `Rupiah` held it.
                names[at] = format!("\"{old}\"");
                if let Some(sen) = &row[at].text {
                    let sen: i64 = sen.parse().expect("sen");
                    values[at] = format!("'{}'", rust_decimal::Decimal::new(sen, 2).normalize());
                }
            }
            if let (true, Some(at)) = (renamed, field_at) {
                // Before 0009: the text form in `field_key`, serde's JSON in `field`.
                let text = row[at].text.clone().expect("a field");
                let field: Field = text.parse().expect("a stored field reads");
                names[at] = "\"field_key\"".into();
                names.push("\"field\"".into());
                let json = serde_json::to_string(&field).expect("JSON");
                values.push(format!("'{}'", json.replace('\'', "''")));
            }
            into.push_str(&format!(
                "INSERT INTO \"{table}\" ({}) VALUES ({});\n",
                names.join(", "),
                values.join(", ")
            ));
        }
        if !sqlite && columns.iter().any(|c| c == "id") {
            script.push_str(&format!(
                "SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), MAX(id)) FROM \"{table}\";\n"
            ));
        }
    }
    conn.close().await.ok();
    if sqlite {
        script.push_str(&counters);
    }
    script
}

async fn the_previous_releases_data_reads_the_same_after_the_upgrade(kind: Kind) {
    let _serial = common::SERIAL.lock().await;
    let sqlite = matches!(kind, Kind::Sqlite);
    let current = TestDb::new(if sqlite { Kind::Sqlite } else { Kind::Postgres }).await;
    let (plan, operator) = common::filled::every_kind_of_row(&current.store).await;
    // The previous release kept no time zones (the demo data sets some).
    current
        .execute_script((
            "UPDATE units SET time_zone = NULL",
            "UPDATE units SET time_zone = NULL",
        ))
        .await;
    let script = as_the_previous_release_stored_it(&current.url()).await;
    let upgraded = TestDb::upgraded(kind, FIRST_NEW, (&script, &script)).await;

    let mut expected = current.dump().await;
    let mut got = dump_url(&upgraded.url()).await;
    // Installed at other moments, in other times.
    expected.remove("_sqlx_migrations");
    got.remove("_sqlx_migrations");
    assert_eq!(got, expected);
    assert!(expected["field_versions"].len() >= 3 && !expected["sync_conflicts"].is_empty());

    // The upgraded server reads the plan, its history and its open conflict as they were...
    let store = &upgraded.store;
    let read = |store| async move {
        let store: &server::storage::Store = store;
        (
            store
                .load_plan_unchecked(plan)
                .await
                .expect("read")
                .expect("stored"),
            store
                .history_unchecked(plan, model::audit::HistoryFilter::default())
                .await
                .expect("history")
                .len(),
            store.open_conflicts(plan).await.expect("conflicts").len(),
        )
    };
    assert_eq!(read(store).await, read(&current.store).await);
    // ...and goes on: an edit is saved, audited, and continues the field's version.
    let (stored, history, _) = read(store).await;
    let numerator = Field::Report(
        stored.goals[0].indicators[0].id.expect("an indicator"),
        Quarter::Q1,
        ReportField::Numerator,
    );
    let edit = FieldEdit {
        field: numerator,
        text: "14".into(),
    };
    save_fields(store, &operator, plan, vec![edit])
        .await
        .expect("an edit after the upgrade");
    assert_eq!(read(store).await.1, history + 1);
    let mut write = store.write_plan(plan).await.expect("write").expect("plan");
    let versions = write.field_versions().await.expect("versions");
    assert_eq!(versions.get(&numerator).map(|v| v.version), Some(2));
    write.commit().await.expect("commit");
    upgraded.finish().await;
    current.finish().await;
}
crate::both_kinds!(
    previous_release,
    the_previous_releases_data_reads_the_same_after_the_upgrade
);
