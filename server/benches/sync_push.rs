//! Benchmark: 10,000 queued offline edits pushed and applied, on SQLite and on PostgreSQL.
//! Goals: at most 2 s on SQLite, 5 s on PostgreSQL. Prints the figures; asserts nothing.
//!
//!   cargo bench -p server --bench sync_push [-- EDITS BATCH]

use model::access::{Grant, Role};
use model::edit::{Field, ReportField};
use model::sync::{field_key, Mutation, Outcome};
use model::time::Timestamp;
use model::Quarter;
use server::import::{import_sheet, DEMO_SHEET};
use server::storage::Store;
use sqlx::{Connection, Executor};
use std::collections::HashMap;
use std::time::Instant;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let edits = args.first().copied().unwrap_or(10_000);
    let batch = args.get(1).copied().unwrap_or(500);
    let sqlite = std::env::temp_dir().join(format!("pantau_bench_sync_{}.db", std::process::id()));
    run(
        "SQLite",
        &format!("sqlite://{}", sqlite.display()),
        edits,
        batch,
    )
    .await;
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", sqlite.display()));
    }
    let admin = std::env::var("PANTAU_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let name = format!("pantau_bench_sync_{}", std::process::id());
    let mut conn = sqlx::PgConnection::connect(&admin)
        .await
        .expect("PostgreSQL is running");
    conn.execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .expect("create the database");
    let url = format!(
        "{}/{name}",
        admin
            .rsplit_once('/')
            .map_or(admin.as_str(), |(base, _)| base)
    );
    run("PostgreSQL", &url, edits, batch).await;
    let _ = conn
        .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
        .await;
}

async fn run(label: &str, url: &str, edits: usize, batch: usize) {
    let store = Store::connect(url).await.expect("open the database");
    let plan = import_sheet(&store, DEMO_SHEET)
        .await
        .expect("import the demo plan")
        .plan_id();
    let unit = store.plan_unit(plan).await.expect("read").expect("a unit");
    let user = store
        .create_user(
            "bench.sync",
            "Bench",
            "no-password",
            Grant {
                unit,
                role: Role::Operator,
            },
            Timestamp(0),
        )
        .await
        .expect("a person");
    let who = store.person(user).await.expect("read").expect("stored");
    // Every quarter note, A and B of every indicator: edits spread over a few hundred fields.
    let stored = store.load_plan(plan).await.expect("read").expect("stored");
    let mut fields = Vec::new();
    for indicator in stored.indicators() {
        let id = indicator.id.expect("stored");
        for quarter in Quarter::ALL {
            for f in [
                ReportField::Note,
                ReportField::Evidence,
                ReportField::Numerator,
            ] {
                fields.push(Field::Report(id, quarter, f));
            }
        }
    }
    let mut versions: HashMap<String, u64> = HashMap::new();
    let queue: Vec<Mutation> = (0..edits)
        .map(|i| {
            let field = fields[i % fields.len()];
            let version = versions.entry(field_key(&field)).or_default();
            let text = match field {
                Field::Report(_, _, ReportField::Numerator) => (i % 997).to_string(),
                _ => format!("catatan luring {i}"),
            };
            let m = Mutation {
                client: "bench-client-0001".into(),
                seq: i as u64 + 1,
                plan,
                field,
                text,
                base_version: *version,
            };
            *version += 1;
            m
        })
        .collect();
    let started = Instant::now();
    let mut applied = 0;
    let mut other = 0;
    for chunk in queue.chunks(batch) {
        for outcome in server::sync::push(&store, &who, chunk.to_vec())
            .await
            .expect("push")
        {
            match outcome {
                Outcome::Applied { .. } => applied += 1,
                _ => other += 1,
            }
        }
    }
    let elapsed = started.elapsed();
    println!(
        "{label}: {edits} queued edits pushed in batches of {batch}: {:.2} s ({:.0} edits/s); applied {applied}, other {other}",
        elapsed.as_secs_f64(),
        edits as f64 / elapsed.as_secs_f64()
    );
    store.close().await;
}
