//! Benchmark: the national roll-up (`pantau bench-rollup [UNITS] [RUNS]`, run by
//! `scripts/bench` on the release build) in a fresh database: `generate-national` (34 Kanwil,
//! UNITS UPTs, 5 years), then the roll-up page of the directorate and of one Kanwil (about 30
//! units) as a pimpinan's request through the whole router (session, door, SQL sums, the page
//! rendered on the server), RUNS times each; and the time from one save below to an open
//! national roll-up's feed naming the unit, with that unit's figures fetched (what the page
//! does), heard by a second app server on the same database. Goals: 100 ms (national, p95),
//! 20 ms (Kanwil, p95) on PostgreSQL, 1 s for the save. Prints and appends to the bench
//! summary; asserts nothing on timings.

use crate::ops::bench_request::{percentile, SignedIn};
use crate::ops::bench_summary::{append, Figure};
use crate::ops::national::{generate_national, TOP};
use crate::storage::{AdminStamp, Change, NewPerson, Store};
use model::access::{Grant, Person, Role};
use model::edit::{Field, FieldEdit, ReportField};
use model::{Quarter, UnitId};
use std::time::{Duration, Instant};

/// Runs the benchmark on the (fresh) database at `url`, named `label`; returns the lines to print.
pub async fn run(label: &str, url: &str, units: usize, runs: usize) -> Result<Vec<String>, String> {
    let store = Store::connect(url).await.map_err(|e| e.to_string())?;
    let year = crate::clock::now().in_zone(model::time::Zone::Wib).year();
    let started = Instant::now();
    let national = generate_national(&store, units, 5, year).await?;
    let generated = started.elapsed();
    let mut lines = vec![format!(
        "roll-up {label}: generated {} plans ({} units under {} Kanwil, {} years) in {:.1} s",
        national.stored,
        national.units.len(),
        national.kanwil.len(),
        national.years.len(),
        generated.as_secs_f64()
    )];
    let head = person(&store, national.top, Role::Pimpinan, "bench.direktorat").await?;
    let kanwil = national.kanwil[0];
    let signed_in = SignedIn::open(&store, head.id).await?;
    let mut figures = Vec::new();
    for (what, unit, name, goal) in [
        (
            format!("national ({units} units)"),
            national.top,
            TOP.to_owned(),
            100,
        ),
        (
            "one Kanwil".to_owned(),
            kanwil,
            model::synthetic::national::kanwil_name(0),
            20,
        ),
    ] {
        let path = format!("/unit/{unit}?tahun={year}&tw=3");
        let (times, body) = signed_in.time_get(&path, runs).await?;
        if !String::from_utf8_lossy(&body).contains(&name) {
            return Err(format!("{path} answered without {name}"));
        }
        let bytes = body.len();
        let (p50, p95) = (percentile(&times, 50), percentile(&times, 95));
        lines.push(format!(
            "roll-up {label}: {what} page, whole request: p50 {p50:.1} ms, p95 {p95:.1} ms \
             (goal {goal} ms; {} kB, {} runs)",
            bytes / 1024,
            times.len()
        ));
        figures.push(Figure::new(
            format!("roll-up {label}"),
            format!("{what} page p95 (ms)"),
            format!("{p95:.1}"),
            format!("<= {goal}"),
        ));
    }
    // One save below, heard by another app server's open national roll-up.
    let upt = national.units[0];
    let plan = store
        .plan_of(upt, year)
        .await
        .map_err(|e| e.to_string())?
        .ok_or("no plan of the first unit")?;
    let indicator = store
        .load_plan_unchecked(plan)
        .await
        .map_err(|e| e.to_string())?
        .and_then(|p| p.goals.first()?.indicators.first()?.id)
        .ok_or("no indicator")?;
    let operator = person(&store, upt, Role::Operator, "bench.operator").await?;
    // On PostgreSQL another app server hears it (LISTEN/NOTIFY); SQLite has one server.
    let watcher = match store.backend() {
        crate::storage::Backend::Sqlite => store.clone(),
        crate::storage::Backend::Postgres => {
            Store::connect(url).await.map_err(|e| e.to_string())?
        }
    };
    let mut heard = watcher.subscribe().await;
    let mut times = Vec::new();
    for run in 0..runs.max(1) {
        let edit = FieldEdit {
            field: Field::Report(indicator, Quarter::Q1, ReportField::Numerator),
            text: (10 + run).to_string(),
        };
        let started = Instant::now();
        crate::usecases::editing::save_fields(&store, &operator, plan, vec![edit])
            .await
            .map_err(|e| e.to_string())?;
        loop {
            let change = tokio::time::timeout(Duration::from_secs(5), heard.recv())
                .await
                .map_err(|_| "the save was not heard within 5 s".to_owned())?;
            if matches!(change, Ok(Change::Plan(p)) if p == plan) {
                break;
            }
        }
        crate::usecases::rollup::unit_figures(
            &watcher,
            &head,
            national.top,
            upt,
            year,
            Quarter::Q3,
        )
        .await
        .map_err(|e| e.to_string())?;
        times.push(started.elapsed());
    }
    let (p50, p95) = (percentile(&times, 50), percentile(&times, 95));
    lines.push(format!(
        "roll-up {label}: one save to an open national roll-up (another app server), \
         with the unit's figures fetched: p50 {p50:.1} ms, p95 {p95:.1} ms (goal 1000 ms)"
    ));
    figures.push(Figure::new(
        format!("roll-up {label}"),
        "save to open national roll-up p95 (ms)",
        format!("{p95:.1}"),
        "<= 1000",
    ));
    if store.backend() == crate::storage::Backend::Postgres {
        watcher.close().await;
    }
    store.close().await;
    append(&figures)?;
    Ok(lines)
}

async fn person(store: &Store, unit: UnitId, role: Role, username: &str) -> Result<Person, String> {
    let new = NewPerson {
        username,
        name: "Bench",
        password_hash: "no-password",
        grant: Grant { unit, role },
        created_by: None,
    };
    let user = store
        .create_user(&new, &AdminStamp::command_line(crate::clock::now()))
        .await
        .map_err(|e| e.to_string())?;
    store
        .person(user)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| "not stored".to_owned())
}

/// `pantau bench-rollup [UNITS] [RUNS]`: SQLite in a temporary file, then PostgreSQL in a
/// database of its own at `PANTAU_TEST_POSTGRES_URL`; both removed afterwards.
pub async fn command(args: &[&str]) -> Result<(), String> {
    use sqlx::{Connection, Executor};
    let number = |i: usize, default: usize| {
        args.get(i).map_or(Ok(default), |a| {
            a.parse::<usize>()
                .map_err(|_| format!("bench-rollup: {a} is not a number"))
        })
    };
    let (units, runs) = (
        number(0, model::synthetic::national::UNITS)?,
        number(1, 40)?,
    );
    let id = std::process::id();
    let sqlite = std::env::temp_dir().join(format!("pantau_bench_rollup_{id}.db"));
    let result = run(
        "SQLite",
        &format!("sqlite://{}", sqlite.display()),
        units,
        runs,
    )
    .await;
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", sqlite.display()));
    }
    for line in result? {
        println!("{line}");
    }
    let admin = std::env::var("PANTAU_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let name = format!("pantau_bench_rollup_{id}");
    let mut conn = sqlx::PgConnection::connect(&admin)
        .await
        .map_err(|e| format!("bench-rollup needs PostgreSQL at {admin}: {e}"))?;
    conn.execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .map_err(|e| format!("cannot create {name}: {e}"))?;
    let base = admin
        .rsplit_once('/')
        .map_or(admin.as_str(), |(base, _)| base);
    let result = run("PostgreSQL", &format!("{base}/{name}"), units, runs).await;
    let _ = conn
        .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
        .await;
    for line in result? {
        println!("{line}");
    }
    Ok(())
}
