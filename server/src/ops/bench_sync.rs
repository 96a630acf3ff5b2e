//! Benchmark: 10,000 queued offline edits pushed and applied, on SQLite and on PostgreSQL
//! (`pantau bench-sync [EDITS] [BATCH]`, run by `scripts/bench` on the release build). Goals: at
//! most 2 s on SQLite, 5 s on PostgreSQL. Prints the figures and appends them to the bench
//! summary (`crate::ops::bench_summary`); asserts nothing.

use crate::ops::import::{import_sheet, DEMO_SHEET};
use crate::storage::{AdminStamp, NewPerson, Store, UnitPlacement};
use model::access::{Grant, Role};
use model::edit::{Field, ReportField};
use model::sync::{Mutation, Outcome};
use model::time::Timestamp;
use model::Quarter;
use std::collections::HashMap;
use std::time::Instant;

/// Pushes `edits` queued edits of the demo plan in batches of `batch` into a fresh database at
/// `url`; returns the line to print, and appends the time to the bench summary with `goal`
/// (seconds).
pub async fn run(
    label: &str,
    url: &str,
    edits: usize,
    batch: usize,
    goal: u64,
) -> Result<String, String> {
    let store = Store::connect(url).await.map_err(|e| e.to_string())?;
    let plan = import_sheet(&store, DEMO_SHEET, &UnitPlacement::Top)
        .await
        .map_err(|e| e.to_string())?
        .plan_id();
    let unit = store
        .plan_unit(plan)
        .await
        .map_err(|e| e.to_string())?
        .ok_or("no unit")?;
    let who = bench_operator(&store, unit, "bench.sync").await?;
    // Every quarter note, A and B of every indicator: edits spread over a few hundred fields.
    let stored = store
        .load_plan_unchecked(plan)
        .await
        .map_err(|e| e.to_string())?
        .ok_or("not stored")?;
    let mut fields = Vec::new();
    for indicator in stored.indicators() {
        let id = indicator.id.ok_or("not stored")?;
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
    let mut versions: HashMap<Field, u64> = HashMap::new();
    let queue: Vec<Mutation> = (0..edits)
        .map(|i| {
            let field = fields[i % fields.len()];
            let version = versions.entry(field).or_default();
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
                after: None,
            };
            *version += 1;
            m
        })
        .collect();
    let started = Instant::now();
    let mut applied = 0;
    let mut other = 0;
    for chunk in queue.chunks(batch) {
        for outcome in crate::usecases::sync::push(&store, &who, chunk.to_vec())
            .await
            .map_err(|e| e.to_string())?
        {
            match outcome {
                Outcome::Applied { .. } => applied += 1,
                _ => other += 1,
            }
        }
    }
    let elapsed = started.elapsed();
    let line = format!(
        "{label}: {edits} queued edits pushed in batches of {batch}: {:.2} s ({:.0} edits/s); applied {applied}, other {other}",
        elapsed.as_secs_f64(),
        edits as f64 / elapsed.as_secs_f64()
    );
    store.close().await;
    crate::ops::bench_summary::append(&[
        crate::ops::bench_summary::Figure::new(
            format!("sync: {edits} queued edits, batches of {batch}"),
            format!("{label}: all applied (s)"),
            format!("{:.2}", elapsed.as_secs_f64()),
            format!("<= {goal}"),
        ),
        crate::ops::bench_summary::Figure::new(
            format!("sync: {edits} queued edits, batches of {batch}"),
            format!("{label}: applied / other"),
            format!("{applied} / {other}"),
            format!("{edits} / 0"),
        ),
    ])?;
    Ok(line)
}

/// An operator of `unit` for a benchmark to act as (no password opens it).
pub async fn bench_operator(
    store: &Store,
    unit: model::UnitId,
    username: &str,
) -> Result<model::access::Person, String> {
    let bench = NewPerson {
        username,
        name: "Bench",
        password_hash: "no-password",
        grant: Grant {
            unit,
            role: Role::Operator,
        },
        created_by: None,
    };
    let user = store
        .create_user(&bench, &AdminStamp::command_line(Timestamp(0)))
        .await
        .map_err(|e| e.to_string())?;
    store
        .person(user)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| "not stored".to_owned())
}
