//! Benchmark: the official documents of a large plan (`pantau bench-export [INDICATORS]
//! [RUNS]`, run by `scripts/bench` on the release build): "Unduh Excel" and the print page of a
//! made-up plan (`model::synthetic`, 1,000 indicators), each as a person's request through the
//! whole router (session, door check, reading the plan, laying it out, writing it), plus the
//! layout and the writing alone, and "Impor dari Excel" of the written file (read and stored). Goal: each request at most 1 s. Prints the figures and appends
//! them to the bench summary (`crate::ops::bench_summary`); asserts nothing.

use crate::ops::bench_request::{percentile, SignedIn};
use crate::ops::bench_summary::{append, Figure};
use crate::storage::{InsertOutcome, Store, UnitPlacement};
use model::document::{action_plan, quarter_report};
use model::workflow::QuarterState;
use model::Quarter;
use std::time::{Duration, Instant};

/// Goal per request, in milliseconds.
const GOAL_MS: u64 = 1_000;

/// Stores a plan of `indicators` indicators in a fresh database at `url` and times each export
/// `runs` times; returns the lines to print.
pub async fn run(url: &str, indicators: usize, runs: usize) -> Result<Vec<String>, String> {
    let store = Store::connect(url).await.map_err(|e| e.to_string())?;
    let plan = model::synthetic::synthetic_plan(indicators);
    let id = match store
        .insert_plan(&plan, &UnitPlacement::Top)
        .await
        .map_err(|e| e.to_string())?
    {
        InsertOutcome::Created(id) => id,
        other => return Err(format!("the plan was not stored: {other:?}")),
    };
    let unit = store
        .plan_unit(id)
        .await
        .map_err(|e| e.to_string())?
        .ok_or("no unit")?;
    let user = crate::ops::bench_sync::bench_operator(&store, unit, "bench.export")
        .await?
        .id;
    let signed_in = SignedIn::open(&store, user).await?;

    let area = format!("export: {indicators}-indicator plan");
    let mut lines = Vec::new();
    let mut figures = Vec::new();
    let mut record = |name: &str, times: &[Duration], detail: String| {
        let (p50, max) = (percentile(times, 50), percentile(times, 100));
        lines.push(format!(
            "{area}: {name}: p50 {p50:.0} ms, max {max:.0} ms ({detail})"
        ));
        figures.push(Figure::new(
            area.clone(),
            format!("{name} p50 (ms)"),
            format!("{p50:.0}"),
            format!("<= {GOAL_MS}"),
        ));
    };
    for (name, path) in [
        ("Unduh Excel, whole request", format!("/rencana/{id}/excel")),
        (
            "Unduh Excel TW II report, whole request",
            format!("/rencana/{id}/excel?tw=2"),
        ),
        (
            "Cetak page HTML, whole request",
            format!("/rencana/{id}/cetak"),
        ),
        (
            "Cetak TW II report HTML, whole request",
            format!("/rencana/{id}/cetak?tw=2"),
        ),
    ] {
        let (times, body) = signed_in.time_get(&path, runs).await?;
        record(name, &times, format!("{} kB", body.len() / 1024));
    }
    // The layout and the file alone, without the request around them.
    let stored = store
        .load_plan_unchecked(id)
        .await
        .map_err(|e| e.to_string())?
        .ok_or("not stored")?;
    let mut times = Vec::new();
    for _ in 0..runs.max(1) {
        let started = Instant::now();
        let document = action_plan(&stored);
        let written = crate::ops::xlsx::write(&document).map_err(|e| e.to_string())?;
        std::hint::black_box(written);
        times.push(started.elapsed());
    }
    record("layout + .xlsx writing alone", &times, "no request".into());
    let mut times = Vec::new();
    for _ in 0..runs.max(1) {
        let started = Instant::now();
        std::hint::black_box(quarter_report(
            &stored,
            Quarter::Q2,
            &QuarterState::Draft,
            model::time::Zone::Wib,
        ));
        times.push(started.elapsed());
    }
    record("TW II report layout alone", &times, "no request".into());
    // "Impor dari Excel" of that file: read it and store it (in one transaction) as another unit's
    // plan each run, since a unit has one plan a year.
    let file = crate::ops::xlsx::write(&action_plan(&stored)).map_err(|e| e.to_string())?;
    let mut times = Vec::new();
    for run in 0..runs.max(1) {
        let started = Instant::now();
        let mut parsed = crate::ops::import::parse_file(&file).map_err(|e| e.to_string())?;
        parsed.plan.header.work_unit = format!("{} IMPOR {run}", parsed.plan.header.work_unit);
        store
            .insert_plan(&parsed.plan, &UnitPlacement::Top)
            .await
            .map_err(|e| e.to_string())?;
        times.push(started.elapsed());
    }
    record(
        "Impor dari Excel, read + store",
        &times,
        format!("{} kB file", file.len() / 1024),
    );
    store.close().await;
    append(&figures)?;
    Ok(lines)
}
