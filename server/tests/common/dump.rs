//! Every row of a database as exact text, to compare two databases table by table.

use sqlx::Connection;

/// Every row of every table of the database at `url`, as exact text (SQLite: each value's
/// type and SQL literal; PostgreSQL: the row's text form), sorted within each table: two
/// dumps are equal exactly when the stored data is.
#[allow(dead_code)]
pub async fn dump_url(url: &str) -> std::collections::BTreeMap<String, Vec<String>> {
    let mut dump = std::collections::BTreeMap::new();
    match url.starts_with("sqlite:") {
        true => {
            let mut conn = sqlx::SqliteConnection::connect(url)
                .await
                .expect("open the SQLite file");
            let tables: Vec<String> = sqlx::query_scalar(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
            )
            .fetch_all(&mut conn)
            .await
            .expect("list the tables");
            for table in tables {
                let columns: Vec<String> =
                    sqlx::query_scalar("SELECT name FROM pragma_table_info(?) ORDER BY cid")
                        .bind(&table)
                        .fetch_all(&mut conn)
                        .await
                        .expect("list the columns");
                let row = columns
                    .iter()
                    .map(|c| format!("typeof(\"{c}\") || ':' || quote(\"{c}\")"))
                    .collect::<Vec<_>>()
                    .join(" || '|' || ");
                let mut rows: Vec<String> =
                    sqlx::query_scalar(&format!("SELECT {row} FROM \"{table}\""))
                        .fetch_all(&mut conn)
                        .await
                        .expect("read a table");
                rows.sort();
                dump.insert(table, rows);
            }
        }
        false => {
            let mut conn = sqlx::PgConnection::connect(url).await.expect("connect");
            let tables: Vec<String> = sqlx::query_scalar(
                "SELECT table_name::text FROM information_schema.tables \
                 WHERE table_schema = 'public' AND table_type = 'BASE TABLE' \
                 ORDER BY table_name",
            )
            .fetch_all(&mut conn)
            .await
            .expect("list the tables");
            for table in tables {
                let mut rows: Vec<String> =
                    sqlx::query_scalar(&format!("SELECT t::text FROM \"{table}\" AS t"))
                        .fetch_all(&mut conn)
                        .await
                        .expect("read a table");
                rows.sort();
                dump.insert(table, rows);
            }
        }
    }
    dump
}
